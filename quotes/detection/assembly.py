"""Assembling quotes: token runs to character pieces, quote types, duplicates dropped,
split quotes (`"A," he said, "B."`) joined."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from quotes.detection.boundaries import continues_in_lower_case
from quotes.detection.context import (
    SPLIT_GAP_WORDS,
    WEAK_RULES,
    WORD,
    Context,
    count_words,
    is_label,
)
from quotes.detection.quotemarks import CLOSING_MARKS, Quotation
from quotes.detection.senses import judges_in_a_small_clause, quotes_a_term, states_a_clause
from quotes.nlp import Document
from quotes.records import Quote, Span


def content_pieces(ctx: Context, token_ids: list[int], exclude: Sequence[Span] = ()) -> list[Span]:
    """Character spans of `token_ids`: runs joined across punctuation, trailing
    punctuation dropped, widened to whole quotations where they overlap one, and
    never covering the `exclude` spans (the cue and the speaker's mention). A conjunction
    left dangling at the end ("willingness to talk but") is dropped. Pieces that overlap
    (two runs widened to one quotation) are one piece."""
    doc = ctx.doc
    token_ids = list(token_ids)
    while token_ids and doc.tokens[token_ids[-1]].deprel == "cc":
        token_ids.pop()
    spans: list[list[int]] = []
    previous = None
    for i in token_ids:
        token = doc.tokens[i]
        if previous is not None and (i == previous + 1 or _only_punct(doc, previous + 1, i)):
            spans[-1][1] = token.end
        else:
            spans.append([token.start, token.end])
        previous = i
    out: list[Span] = []
    for run in spans:
        for part in _subtract(_widen(ctx, run[0], run[1]), exclude):
            start, end = _trim(ctx, *part)
            if end > start and WORD.search(doc.text, start, end):
                out.append((start, end))
    return _merged(out)


def _merged(spans: list[Span]) -> list[Span]:
    """`spans` in order, those that overlap or repeat one another joined."""
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _subtract(span: Span, holes: Sequence[Span]) -> list[Span]:
    parts = [span]
    for hole_start, hole_end in holes:
        parts = [piece for s, e in parts
                 for piece in ((s, min(e, hole_start)), (max(s, hole_end), e)) if piece[1] > piece[0]]
    return parts


def _only_punct(doc: Document, first: int, last: int) -> bool:
    return all(doc.tokens[j].upos == "PUNCT" for j in range(first, last))


def _widen(ctx: Context, start: int, end: int) -> Span:
    for offset in (start, end - 1):
        quotation = ctx.quotation_at(offset)
        if quotation is None:
            continue
        for s, e in quotation.pieces:
            if s <= offset < e:
                start, end = min(start, s), max(end, e)
    return start, end


TRAILING = ",.;:—–- \t\n"
LEADING = ",;:—–- \t\n"


def _trim(ctx: Context, start: int, end: int) -> Span:
    """Drop surrounding spaces, and punctuation that is not inside quotation marks."""
    text = ctx.doc.text
    while end > start and (text[end - 1].isspace()
                           or text[end - 1] in TRAILING and ctx.quotation_at(end - 1) is None):
        end -= 1
    while start < end and (text[start].isspace()
                           or text[start] in LEADING and ctx.quotation_at(start) is None):
        start += 1
    return start, end


SUMMARY_RULES = {"verb-object"}
"""Rules whose content is a phrase naming what a speech was about ("called for [the
release of the prisoners]", "defended [his decision]"), not the words said."""


SMALL_CLAUSE_RULES = {"verb-complement"}
"""Rules whose content is a reported clause, or a verbless small clause that judges what
the speech was about ("found [the plan reckless]"): a summary
(`senses.judges_in_a_small_clause`)."""


VERBATIM_RULES = {"post-signature"}
"""Rules whose content is a speaker's words as written, with or without quotation marks."""


def quote_type(ctx: Context, content: list[Span], rule: str = "") -> str:
    """direct: every word inside quotation marks; indirect: none; mixed: some; summary:
    a phrase that names what the speech was about (a `SUMMARY_RULES` quote with no
    words in quotation marks but a term, `senses.quotes_a_term`, and no clause:
    `senses.states_a_clause`; or a verbless small clause: `senses.judges_in_a_small_clause`).
    An embedded post is direct (`VERBATIM_RULES`)."""
    if rule in VERBATIM_RULES:
        return "direct"
    inside, outside = _quoted_and_not(ctx, content)
    if inside and not outside:
        return "direct"
    if inside:
        return "summary" if rule in SUMMARY_RULES and quotes_a_term(ctx, content) else "mixed"
    if rule in SMALL_CLAUSE_RULES and judges_in_a_small_clause(ctx.doc, content):
        return "summary"
    return "summary" if rule in SUMMARY_RULES and not states_a_clause(ctx.doc, content) else "indirect"


def _quoted_and_not(ctx: Context, content: list[Span]) -> tuple[bool, bool]:
    """Whether some words of `content` are inside quotation marks, and whether some are
    outside them; leading words "that" outside them do not count. Words are cut at the
    pieces' edges. The words between a piece's first and last are counted by
    `ctx.words` in log time, so nested quotations cost no more than flat ones."""
    words = ctx.words
    inside = outside = False
    for start, end in content:
        indices = words.overlapping(start, end)
        n = 0
        while not (inside or outside) and n < len(indices):
            quoted, word = _word(ctx, indices[n], start, end)
            inside, outside = quoted, not quoted and word.lower() != "that"
            n += 1
        if n >= len(indices):
            continue
        first, last = indices[n], indices[-1]
        for k in {first, last}:
            quoted = _word(ctx, k, start, end)[0]
            inside, outside = inside or quoted, outside or not quoted
        if last - first > 1:
            quoted_words = words.quoted(first + 1, last)
            inside, outside = inside or quoted_words > 0, outside or last - first - 1 > quoted_words
        if inside and outside:
            break
    return inside, outside


def _word(ctx: Context, k: int, start: int, end: int) -> tuple[bool, str]:
    """Whether word `k` of the text, cut to `start:end`, starts inside a quotation, and its text."""
    words = ctx.words
    word_start, word_end = max(start, words.starts[k]), min(end, words.ends[k])
    return ctx.quotation_at(word_start) is not None, ctx.doc.text[word_start:word_end]


def drop_duplicates(found: list[Quote]) -> list[Quote]:
    """Keep the most confident of quotes with the same content."""
    best: dict[tuple, Quote] = {}
    for quote in found:
        key = tuple(quote.content)
        if key not in best or quote.confidence > best[key].confidence:
            best[key] = quote
    return list(best.values())


def drop_objects_with_cues(found: list[Quote]) -> list[Quote]:
    """"was quoted as | saying that ...": an argument that opens with another quote's cue
    is that quote; "issued a statement saying ...", "expressed concern that ...": an
    argument that holds the cue of a reported clause is that quote too (the words said
    come after the light verb)."""
    opening = {span[0] for quote in found for span in quote.cue}
    reporting = [span for quote in found if quote.rule not in SUMMARY_RULES for span in quote.cue]
    return [q for q in found if q.rule not in SUMMARY_RULES or q.content[0][0] not in opening and not any(
        s <= cue_start < e for cue_start, _ in reporting for s, e in q.content)]


def drop_summaries_of_quotes(found: list[Quote]) -> list[Quote]:
    """`X told the press, "..."`: when a cue's quotation is found, the summary of its
    object ("the press") is not a second record of the same utterance."""
    quoting = {span for quote in found if quote.rule not in SUMMARY_RULES for span in quote.cue}
    return [q for q in found if q.rule not in SUMMARY_RULES or not quoting.intersection(q.cue)]


def join_split_quotes(ctx: Context, found: list[Quote]) -> None:
    """`"A," he said, "B."`: a quotation that follows a quote in its sentence, with
    nothing between but its cue and speaker, continues it. After `"A," he said.` the
    next quoted sentence is a quote of its own (`quotation_rules.further_piece`).
    Quotations are looked up by position (`Quotations`), so thousands of them in a row
    are joined in n log n time."""
    quotations = Quotations(ctx)
    _join_earlier_halves(ctx, found, quotations)
    by_start = {quote.content[0][0]: quote for quote in found}
    dropped: set[int] = set()
    for quote in sorted(found, key=lambda q: q.content[0]):
        if quote.content[0][0] not in by_start:
            continue
        joined = False
        while True:
            last = quote.content[-1]
            quoted = ctx.quotation_at(last[1] - 1) is not None
            nxt = quotations.next_speech(last[1])
            if nxt is None or not _continues(ctx, quote, last[1], nxt) or not (
                    quoted or _completes_unquoted(ctx, last[1], nxt)):
                break
            other = by_start.get(nxt.start)
            if other is not None:
                if other.rule not in WEAK_RULES and other.source:
                    break
                dropped.add(id(other))
                del by_start[nxt.start]
            if not joined:
                quote.content, joined = list(quote.content), True
            quote.content.extend(nxt.pieces)
    if dropped:
        found[:] = [quote for quote in found if id(quote) not in dropped]


class Quotations:
    """The article's quotations by position: the last one ending by an offset, the first
    speech (not a label) starting from one, and the quotes whose words overlap each."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.all = ctx.quotations
        self.starts = [q.start for q in self.all]
        self.ends = [q.end for q in self.all]
        self._next_speech: list[int] | None = None

    def last_ending_by(self, offset: int) -> Quotation | None:
        """The last quotation that ends at or before `offset`."""
        n = bisect.bisect_right(self.ends, offset)
        return self.all[n - 1] if n else None

    def next_speech(self, offset: int) -> Quotation | None:
        """The first quotation starting at or after `offset` that is not a label
        (`context.is_label`)."""
        if self._next_speech is None:
            following = [len(self.all)] * (len(self.all) + 1)
            for n in range(len(self.all) - 1, -1, -1):
                following[n] = n if not is_label(self.ctx, self.all[n]) else following[n + 1]
            self._next_speech = following
        n = self._next_speech[bisect.bisect_left(self.starts, offset)]
        return self.all[n] if n < len(self.all) else None

    def overlapping(self, start: int, end: int) -> range:
        """Indices of the quotations whose span (first mark to last) overlaps `start:end`."""
        return range(bisect.bisect_right(self.ends, start), bisect.bisect_left(self.starts, end))


def _join_earlier_halves(ctx: Context, found: list[Quote], quotations: Quotations) -> None:
    """`"A," he said, "B."` when only "B." was found: the quotation before the cue, ending
    in a comma, is the first half of the same sentence. The quotes holding words of each
    quotation are indexed once (`_Owners`), not searched for each quote."""
    text = ctx.doc.text
    owners = _Owners(found, quotations)
    for quote in list(found):
        start = quote.content[0][0]
        if owners.dropped(quote) or ctx.quotation_at(start) is None or not quote.cue:
            continue
        previous = quotations.last_ending_by(start)
        if previous is None:
            continue
        gap = text[previous.end:start]
        anchors = quote.cue + quote.source
        if ("\n" in gap or count_words(gap) > SPLIT_GAP_WORDS or not gap.rstrip().endswith(",")
                or not text[previous.start:previous.end].rstrip(CLOSING_MARKS).endswith(",")
                or not all(previous.end <= s and e <= start for s, e in anchors)):
            continue
        holding = owners.of(previous, quote)
        if any(q.rule not in WEAK_RULES and q.source for q in holding):
            continue
        owners.drop(holding)
        quote.content = list(previous.pieces) + quote.content
        owners.add(quote, previous.pieces)
    owners.remove_dropped()


class _Owners:
    """Which quotes of `found` hold words of each quotation, kept as quotes are dropped
    and grow."""

    def __init__(self, found: list[Quote], quotations: Quotations) -> None:
        self.found = found
        self.quotations = quotations
        self.by_quotation: dict[int, dict[int, Quote]] = {}
        self.gone: set[int] = set()
        for quote in found:
            self.add(quote, quote.content)

    def add(self, quote: Quote, spans: list[Span]) -> None:
        for start, end in spans:
            for n in self.quotations.overlapping(start, end):
                self.by_quotation.setdefault(n, {})[id(quote)] = quote

    def of(self, quotation: Quotation, quote: Quote) -> list[Quote]:
        """The quotes other than `quote` holding words of `quotation`, in `found`'s order."""
        n = bisect.bisect_left(self.quotations.starts, quotation.start)
        holders = self.by_quotation.get(n, {})
        return [q for key, q in holders.items() if q is not quote and key not in self.gone]

    def dropped(self, quote: Quote) -> bool:
        return id(quote) in self.gone

    def drop(self, quotes: list[Quote]) -> None:
        self.gone.update(id(q) for q in quotes)

    def remove_dropped(self) -> None:
        if self.gone:
            self.found[:] = [q for q in self.found if id(q) not in self.gone]


def _continues(ctx: Context, quote: Quote, end: int, nxt: Quotation) -> bool:
    """Whether the quotation `nxt` goes on with `quote`, which ends at `end`: the gap is
    blank, or holds just the quote's cue and speaker (`," he said, "` or `," he said. "`)."""
    gap = ctx.doc.text[end:nxt.start]
    if "\n" in gap:
        return False
    if not gap.strip():
        return True
    anchors = quote.cue + quote.source
    return (bool(anchors) and count_words(gap) <= SPLIT_GAP_WORDS
            and all(end <= s and e <= nxt.start for s, e in anchors)
            and gap.rstrip().rstrip(CLOSING_MARKS).endswith((",", ":", ".")))


def _completes_unquoted(ctx: Context, end: int, nxt: Quotation) -> bool:
    """`The streets were deserted, he added, "but people need to meet."`: after reported
    words without quotation marks, a quotation that opens in lower case after the cue and
    a comma completes their sentence."""
    return (ctx.doc.text[end:nxt.start].rstrip().rstrip(CLOSING_MARKS).endswith(",")
            and continues_in_lower_case(ctx, nxt.start))


