"""Quotes signed on a line of their own, with no cue in any sentence:

- an embedded post (a tweet, a Facebook or Instagram post copied into the article),
  signed on the line under it: `— Ann Ortiz (@annortiz) June 3, 2023`; the post's
  words are the paragraph(s) above the signature (rule `post-signature`);
- a pull-quote, a paragraph that is one quotation with a name line under it:
  `“We will rebuild the bridge.”` then `Ann Ortiz, mayor of Town` (rule `name-line`).

Both take the name on the signature line as the speaker's mention.
"""

from __future__ import annotations

import re

from quotes.detection.context import MIN_UNATTRIBUTED_WORDS, Context, count_words, quotation_text
from quotes.detection.lexicon import cue_for
from quotes.records import Quote, Span

HANDLE = r"\(@\w{1,30}\)"
DATE = (r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December"
        r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.? \d{1,2},? \d{4}"
        r"|\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November"
        r"|December) \d{4})")
POST_SIGNATURE = re.compile(
    r"[ \t]*[\u2014\u2013-][ \t]*(?P<name>[^\n()@]{1,60}?)[ \t]*" + HANDLE + r"(?:[ \t]+" + DATE + r")?[ \t]*$",
    re.MULTILINE)
"""`— Ann Ortiz (@annortiz) June 3, 2023`: a dash, a name, a handle, a date."""
MAX_POST_PARAGRAPHS = 3
LINK_AT_END = re.compile(r"(?:\s+(?:https?://|pic\.twitter\.com/|www\.)\S+)+$")
"""Links closing an embedded post ("pic.twitter.com/abc"): not the speaker's words."""
NAME_LINE = re.compile(r"[ \t]*[\u2014\u2013-]?[ \t]*(?P<name>[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){1,3})"
                       r"(?:[ \t]*,[ \t]*(?P<role>[^\n.!?]{1,80}))?[ \t]*$")
"""`Ann Ortiz, mayor of Town`: a name in capitals of two to four words, an optional role
after a comma, and no sentence punctuation."""


def signed_quotes(ctx: Context, found: list[Quote]) -> list[Quote]:
    """Embedded posts and pull-quotes not yet covered by another quote."""
    covered = [span for quote in found for span in quote.content]
    added = [*_posts(ctx, covered), *_pull_quotes(ctx, covered)]
    return added


def _posts(ctx: Context, covered: list[Span]) -> list[Quote]:
    text = ctx.doc.text
    quotes = []
    for match in POST_SIGNATURE.finditer(text):
        name = match.span("name")
        if ctx.is_ignored(match.start()) or not _is_name(text[name[0]:name[1]]):
            continue
        pieces = _paragraphs_before(text, match.start())
        pieces = [p for p in pieces if not _overlaps(p, covered) and not ctx.is_ignored(p[0])]
        if not pieces or count_words(" ".join(text[s:e] for s, e in pieces)) < MIN_UNATTRIBUTED_WORDS:
            continue
        lead = match.start() + len(match.group()) - len(match.group().lstrip())
        quotes.append(_quote(pieces, (lead, lead + 1), name, "post-signature"))
    return quotes


def _pull_quotes(ctx: Context, covered: list[Span]) -> list[Quote]:
    text = ctx.doc.text
    quotes = []
    for quotation in ctx.quotations:
        if ctx.is_ignored(quotation.start) or _overlaps((quotation.start, quotation.end), covered):
            continue
        line_start = text.rfind("\n", 0, quotation.start) + 1
        line_end = text.find("\n", quotation.end)
        line_end = len(text) if line_end < 0 else line_end
        if text[line_start:quotation.start].strip() or text[quotation.end:line_end].strip(" \t.”\"'’"):
            continue
        if count_words(quotation_text(ctx, quotation)) < MIN_UNATTRIBUTED_WORDS:
            continue
        following = _next_line(text, line_end)
        if following is None:
            continue
        match = NAME_LINE.fullmatch(text, *following)
        if match is None or not _is_person(ctx, match.span("name")):
            continue
        quotes.append(_quote(list(quotation.pieces), (match.start("name"), match.start("name")),
                             match.span("name"), "name-line"))
    return quotes


def _quote(pieces: list[Span], cue: Span, name: Span, rule: str) -> Quote:
    lexeme = cue_for("say")
    assert lexeme is not None
    cues = [cue] if cue[1] > cue[0] else []
    return Quote("direct", pieces, cues, lexeme.lemma, [name], rule, 0.7, lexeme.cls, lexeme.stance)


def _paragraphs_before(text: str, at: int) -> list[Span]:
    """The paragraph(s) just above offset `at` (a blank line ends them), as spans."""
    pieces: list[Span] = []
    end = text.rfind("\n", 0, at)
    while end > 0 and len(pieces) < MAX_POST_PARAGRAPHS:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if not line.strip():
            if pieces:
                break
            end = start - 1
            continue
        left = len(line) - len(line.lstrip())
        right = len(LINK_AT_END.sub("", line.rstrip()).rstrip())
        if right > left:
            pieces.insert(0, (start + left, start + right))
        end = start - 1
        if POST_SIGNATURE.fullmatch(line):
            pieces.pop(0)
            break
    return pieces


def _next_line(text: str, line_end: int) -> Span | None:
    """The next non-blank line after `line_end`, if it comes before a second blank line."""
    start = line_end + 1
    for _ in range(2):
        if start >= len(text):
            return None
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if text[start:end].strip():
            return start, end
        start = end + 1
    return None


def _is_name(name: str) -> bool:
    words = name.split()
    return 1 <= len(words) <= 6 and any(w[:1].isupper() for w in words)


def _is_person(ctx: Context, span: Span) -> bool:
    """The words at `span` name a person, as the parser's entities say."""
    doc = ctx.doc
    first = doc.token_at(span[0])
    if first is None:
        return False
    entity = doc.entity_at(first)
    return entity is not None and entity.label == "PERSON"


def _overlaps(span: Span, spans: list[Span]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in spans)
