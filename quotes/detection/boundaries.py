"""Where a quote's words begin and end: the reported clause or phrase, without what
belongs to the saying rather than to what was said.

The cue rules find the tokens a cue verb governs (its complement, or its object for a
summary); these functions trim them:

- another cue of the same speaker is a quote of its own: "said [it was opposed to the
  test] and warned ...", "said [A], citing B"; but a further "that" clause of the same
  cue goes on with the words: "said [A, but that B]" (`_with_further_clauses`);
- a leading conjunction or discourse adverb links the sentence to the text before it,
  and "that" opens the clause: "But [in recent days the president has grown
  exasperated], advisers say", "said that [the bridge was safe]";
- words before the cue are what was said only if they hold a clause or quoted words,
  never a fronted adverbial alone ("In a statement on Tuesday, the ministry said");
  but a quotation after `, X said,` that opens in lower case completes the sentence
  begun before the cue, whatever that beginning is ("If the council agrees, she said,
  "the ferry will run ..."", `fronted_half`; `assembly.join_split_quotes` joins it
  after reported words the same way), unless it only places or dates the saying.

`A, according to X, B`: B goes on with A only when a comma sets it off from the phrase
naming the source; otherwise it is the rest of that phrase (`around_the_source`).

A summary (`cue_rules._object`) leaves out adverbials that date or place the saying
("called for [more investment] in a statement on Thursday"); the person addressed as
an object stays, as annotated news has it: "urged [Iran to return to the deal]".
Relative clauses and appositives at the end of the content stay too: annotated news
keeps them about as often as not, and they are part of the reported clause. One kind
goes: a "who" clause or an "a/the ..." appositive set off after a name that ends the
content ("... to vote for Senator Bernie Sanders, [who similarly blasts free trade]"),
the reporter's introduction of that person rather than the speaker's words
(`_without_introduction`).

Words inside quotation marks are never cut: the marks say they were someone's.
"""

from __future__ import annotations

from quotes.detection.context import Context
from quotes.detection.lexicon import SPEECH_NOUNS, cue_for
from quotes.detection.quotemarks import CLOSING_MARKS
from quotes.nlp import Document

SUBJECTS = ("nsubj", "nsubj:pass", "expl")
DISCOURSE = set("""however meanwhile moreover furthermore nevertheless nonetheless still yet
    also instead indeed besides otherwise thus therefore hence consequently""".split())
"""Adverbs that link a sentence to the one before ("However, ..."), not part of what was said."""


def trim_complement(ctx: Context, tokens: list[int], verb: int) -> list[int]:
    """The tokens of a reported clause without what belongs to the saying."""
    doc = ctx.doc
    tokens = _with_further_clauses(doc, tokens, verb)
    tokens = _without_introduction(ctx, _without_other_cues(ctx, tokens, verb))
    if tokens and tokens[-1] < verb and not _says_something(ctx, tokens):
        return []  # "In a press release issued the next day, the ministry denounced ..."
    return _without_leading_links(doc, tokens)


def trim_object(ctx: Context, tokens: list[int], verb: int) -> list[int]:
    """The tokens of a summary ("called for a recount") without further cues of the
    speaker, what introduces a name at its end (`_without_introduction`) and leading
    links."""
    tokens = _without_introduction(ctx, _without_other_cues(ctx, tokens, verb))
    return _without_leading_links(ctx.doc, tokens)


FURTHER_LINKS = {"and", "but"}
"""Conjunctions that join a further reported clause to the first: "said A, and that B"."""


def _with_further_clauses(doc: Document, tokens: list[int], verb: int) -> list[int]:
    """`The governor said the state needs a new bridge, but that he would not raise taxes`:
    a further clause of the cue opened by "that" and joined to the content by "and" or
    "but" is the same speaker's words under the same cue, one record with one continuous
    piece (the parser hangs it on the cue, not on the first clause). On PolNeAR train the
    annotators take it in 9 of 10 such quotes, whole or in part; without "that" ("said A,
    but B") the second clause is mostly the reporter's, and stays out (taken in 17 of 45)."""
    if not tokens or max(tokens) < verb:
        return tokens
    out = sorted(tokens)
    for child in doc.children(verb):
        if child <= out[-1] or doc.tokens[child].deprel not in ("conj", "ccomp") or not _opens_with_that(doc, child):
            continue
        clause = doc.subtree(child)
        between = list(range(out[-1] + 1, clause[0]))
        links = [doc.tokens[i].text.lower() for i in between if doc.tokens[i].upos != "PUNCT"]
        if len(links) != 1 or links[0] not in FURTHER_LINKS:
            continue
        out.extend([*between, *clause])
    return out


def _opens_with_that(doc: Document, clause: int) -> bool:
    """Whether the clause headed by `clause` begins with the subordinator "that"."""
    first = doc.subtree(clause)[0]
    return doc.tokens[first].text.lower() == "that" and doc.tokens[first].deprel == "mark" \
        and doc.tokens[first].head == clause


WHO = {"who", "whom", "whose"}
ARTICLES = {"a", "an", "the"}
SETTING_OFF = {",", "\u2014", "\u2013", "-", "--"}
"""What sets a phrase off from the words before it: a comma or a dash."""


def _without_introduction(ctx: Context, tokens: list[int]) -> list[int]:
    """Cut what introduces a name at the end of the content, set off by a comma or a dash:
    a relative clause opened by "who" ("would vote for Bernie Sanders, [who similarly
    blasts free trade]") or an appositive noun phrase opened by an article ("backed Merrick
    Garland, [the president's nominee for the court]"). It tells the reader who that is,
    in the reporter's words; on PolNeAR train the annotators leave it out of the content
    in 67 of 95 such quotes (who-clauses 29 of 40, appositives 38 of 55). Not inside
    quotation marks, and not after a common noun ("pupils who live on the island"
    restricts what was said)."""
    doc = ctx.doc
    content = set(tokens)
    words = [i for i in tokens if doc.tokens[i].upos != "PUNCT"]
    if len(words) < 3:
        return tokens
    for i in words[1:]:
        if not _introduces_a_name(doc, i, content):
            continue
        phrase = doc.subtree(i)
        start = phrase[0]
        if start > tokens[0] and phrase[-1] >= words[-1] and doc.tokens[start - 1].text in SETTING_OFF \
                and not _protected(ctx, start):
            return [t for t in tokens if t < start - 1]
    return tokens


def _introduces_a_name(doc: Document, i: int, content: set[int]) -> bool:
    """Whether token `i` heads a "who" clause or an appositive "a/the NOUN ..." on a proper
    name of `content`."""
    token = doc.tokens[i]
    if token.head not in content or doc.tokens[token.head].upos != "PROPN":
        return False
    first = doc.tokens[doc.subtree(i)[0]].text.lower()
    if token.deprel == "acl:relcl":
        return first in WHO
    return token.deprel == "appos" and token.upos == "NOUN" and first in ARTICLES


def is_speech_cue(doc: Document, i: int) -> bool:
    token = doc.tokens[i]
    cue = cue_for(token.lemma)
    return token.upos == "VERB" and cue is not None and cue.cls == "speech"


def has_subject(doc: Document, i: int) -> bool:
    return any(doc.tokens[c].deprel in SUBJECTS for c in doc.children(i))


def cued_conjunct(doc: Document, i: int, content: set[int]) -> bool:
    """Whether token `i` is a further cue of the speaker inside the content of another:
    "[it was opposed to the test] and warned ...", "[...], citing ...": a speech verb
    without a subject of its own, joined to the reported clause by "and" and finite like
    a cue ("warned"), or a participle set off by a comma ("citing")."""
    token = doc.tokens[i]
    if token.deprel not in ("conj", "advcl", "parataxis") or not is_speech_cue(doc, i) or has_subject(doc, i):
        return False
    head = token.head
    while doc.tokens[head].deprel == "conj" and doc.tokens[head].head != head and token.deprel == "conj":
        head = doc.tokens[head].head  # "[A should be fought and can be won] and underscored B"
    if head not in content or doc.tokens[head].head in content:
        return False  # only a conjunct of the reported clause itself, not of a phrase in it
    if token.deprel == "conj":
        return token.xpos in ("VBD", "VBZ", "VBP")
    return token.xpos == "VBG" and _after_a_break(doc, i)


CLOSING_QUOTES = set(CLOSING_MARKS) | {"''"}
"""Tokens that close a quotation: a mark, or two apostrophes written for one."""


def _after_a_break(doc: Document, i: int) -> bool:
    """Whether a comma or a dash stands before token `i`, closing quotation marks aside
    (`said it was "wrapped up by spring," referring to ...`: the comma is inside them)."""
    j = i - 1
    while j >= 0 and doc.tokens[j].upos == "PUNCT" and doc.tokens[j].text in CLOSING_QUOTES:
        j -= 1
    return j >= 0 and doc.tokens[j].text in SETTING_OFF


FINITE = {"VBD", "VBZ", "VBP", "MD"}


OPENING_MARKS = "\"'\u201c\u2018\u00ab\u2039"


def continues_in_lower_case(ctx: Context, offset: int) -> bool:
    """Whether the quotation at `offset` opens in lower case (`"the ferry will run ..."`):
    it goes on with a sentence begun before it, not a sentence of its own."""
    quotation = ctx.quotation_at(offset)
    if quotation is None:
        return False
    words = ctx.doc.text[quotation.start:quotation.end].lstrip(OPENING_MARKS + " ")
    return words[:1].islower()


def fronted_half(ctx: Context, tokens: list[int], cue_start: int) -> list[int]:
    """`If the council agrees, she said, "the ferry will run every hour."`: the words of
    `tokens` before the cue and its speaker, set off by commas, are the first half of the
    sentence that the quotation after them completes, when that quotation opens in lower
    case; none otherwise (`After the storm, she said, "We counted ..."`: a sentence of
    its own). On PolNeAR train, annotators take that first half, whole or in part, in 18 of
    23 such quotes."""
    doc = ctx.doc
    before = [i for i in tokens if i < cue_start]
    after = [i for i in tokens if i > cue_start and doc.tokens[i].upos != "PUNCT"]
    if not before or not after or not doc.text[doc.tokens[before[-1]].end:].lstrip().startswith(","):
        return []
    if not continues_in_lower_case(ctx, doc.tokens[after[0]].start) or _frames_the_saying(doc, before):
        return []
    return before


FRAME_ENTITIES = {"DATE", "TIME"}


def _frames_the_saying(doc: Document, tokens: list[int]) -> bool:
    """Whether words without a verb of their own say where, how or when the words were
    said, not what: "In a statement", "On Monday", "In an interview on Tuesday"."""
    if any(doc.tokens[i].xpos in FINITE for i in tokens):
        return False
    content = [i for i in tokens if doc.tokens[i].upos not in ("PUNCT", "ADP", "DET", "CCONJ")]
    return any(doc.tokens[i].lemma.lower() in SPEECH_NOUNS for i in content) or all(
        (entity := doc.entity_at(i)) is not None and entity.label in FRAME_ENTITIES for i in content)


def _says_something(ctx: Context, tokens: list[int]) -> bool:
    """Whether words before a cue can be what was said: a clause with a finite verb, or
    words in quotation marks; not a fronted adverbial ("On Tuesday, X said")."""
    doc = ctx.doc
    return any(doc.tokens[i].xpos in FINITE or _protected(ctx, i) for i in tokens)


def _protected(ctx: Context, i: int) -> bool:
    return ctx.quotation_at(ctx.doc.tokens[i].start) is not None


def _without_other_cues(ctx: Context, tokens: list[int], verb: int) -> list[int]:
    """Cut the content before a further cue of the same speaker ("and warned", ", citing")."""
    doc = ctx.doc
    content = set(tokens)
    for i in tokens:
        if i > verb and cued_conjunct(doc, i, content) and not _protected(ctx, i):
            start = min(doc.subtree(i))
            start = _with_link_before(doc, start)
            return [t for t in tokens if t < start]
    return tokens


def _with_link_before(doc: Document, start: int) -> int:
    """Move `start` back over the comma or conjunction that joins it to what precedes."""
    while start > 0 and (doc.tokens[start - 1].upos in ("PUNCT", "CCONJ")):
        start -= 1
    return start


RELATIVE_SOURCES = {"which", "whom"}
"""A source that is a relative pronoun: "an agreement, according to which A"."""


def around_the_source(doc: Document, before: list[int], source: int,
                      after: list[int]) -> tuple[list[int], list[int]]:
    """The words `before` and `after` the phrase naming the `source` of "according to X"
    that are what X said:

    - `an agreement, according to which A`: only A; the words before name the document;
    - `A, according to X, B`: B goes on with A when a comma sets it off from the phrase,
      or when A has no verb of its own (`Rescuers, working in the cold, according to the
      ministry recovered ten survivors`). Otherwise B is the rest of the phrase, which
      the parser cut short ("according to an interview [his brother gave to ITV]",
      "according to a poll [last week - about the same as in May]"): on PolNeAR train
      the annotators leave it out in 13 of 13 such quotes, and take B in 27 of 36 after a
      comma (after ", and" or ", but" in 3 of 8 on train and dev: kept);
    - `According to X, A`: A, whatever stands between."""
    if doc.tokens[source].text.lower() in RELATIVE_SOURCES:
        return [], after
    words = [i for i in after if doc.tokens[i].upos != "PUNCT"]
    if not before or not words or not any(doc.tokens[i].xpos in FINITE for i in before):
        return before, after
    j = words[0] - 1
    while j >= 0 and doc.tokens[j].upos == "PUNCT" and doc.tokens[j].text != ",":
        j -= 1  # a closing parenthesis or quotation mark before the comma
    return before, after if j >= 0 and doc.tokens[j].text == "," else []


def trim_leading(doc: Document, tokens: list[int]) -> list[int]:
    """`tokens` without a leading conjunction, discourse adverb or "that"."""
    return _without_leading_links(doc, tokens)


def _without_leading_links(doc: Document, tokens: list[int]) -> list[int]:
    """Drop "And", "But", "However," and the like at the start of the content, and the
    "that" that opens a reported clause."""
    while len(tokens) > 1:
        token = doc.tokens[tokens[0]]
        following = doc.tokens[tokens[1]]
        if token.deprel == "cc" or token.upos == "PUNCT" or (
                token.deprel == "mark" and token.text.lower() == "that"):
            tokens = tokens[1:]
        elif token.text.lower() in DISCOURSE and token.deprel == "advmod" and following.text == ",":
            tokens = tokens[2:]
        else:
            break
    return tokens


def _marker(doc: Document, node: int) -> str | None:
    """The preposition or subordinator that introduces `node` ("about", "of", "whether")."""
    for child in doc.children(node):
        if child < node and doc.tokens[child].deprel in ("case", "mark"):
            return doc.tokens[child].text.lower()
    return None
