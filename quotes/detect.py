"""Find quotes in a parsed article: what was said, by which mention, through which cue.

Four kinds of rules, run in order, each a small function:

- cue rules: a reporting verb and its clausal complement ("X said (that) ...",
  "..., saying ...", `"...," X said`), or "according to X, ...";
- transcript turns: a paragraph opening with a speaker's name in capitals and a colon
  ("TAPPER: Do you think ...?", `transcript.py`);
- quotation rules: a passage in quotation marks that no cue rule took, attributed by
  what stands around it (a cue in the same sentence, a colon header, a trailing
  "-Name", or the speaker of the quote paragraph before it);
- split quotes (`"A," he said, "B."`) are joined into one quote with two pieces.

Speakers are resolved afterwards (`resolve.py`): here `source` is only the mention.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .attribute import SUBJECTS, mention_span, subject_of
from .lexicon import ACCORDING_TO, Cue, cue_for, noun_cue, reporting_cue, takes_object
from .nlp import Document
from .quotemarks import Quotation
from .records import Quote, Span
from .transcript import transcript_turns

COMPLEMENTS = ("ccomp", "parataxis")
NEGATIONS = {"not", "n't", "never", "neither", "no", "nobody", "none"}
VERB_PARTS = {"compound:prt", "aux", "aux:pass", "advmod", "expl"}
ARGUMENTS = {"obj", "iobj", "xcomp", "ccomp", "obl", "advcl"}
ARGUMENT_MARKERS = {"about", "for", "of", "over", "as", "against", "if", "whether"}
TO_ARGUMENT_VERBS = {"refer", "point", "allude", "object", "respond", "reply"}
"""Verbs whose "to" introduces what they are about ("referring to the judge"), not whom
they address ("talking to reporters")."""
TRIVIAL_OBJECTS = {"it", "so", "this", "that", "nothing", "something", "anything", "much",
                   "more", "little", "what", "which", "goodbye", "hello", "yes", "no"}
RELATIVE_PRONOUNS = {"who", "that", "which"}
WORD = re.compile(r"\w+")
MIN_UNATTRIBUTED_WORDS = 4
MIN_NEARBY_CUE_WORDS = 3
SPLIT_GAP_WORDS = 30


CUE_CLASSES = ("speech", "cognition", "evidential")
DEFAULT_CUE_CLASSES = ("speech",)


@dataclass
class _Context:
    doc: Document
    quotations: list[Quotation]
    ignored: list[Span]
    cue_classes: tuple[str, ...] = DEFAULT_CUE_CLASSES
    every_object: bool = False

    def __post_init__(self) -> None:
        self.starts = [q.start for q in self.quotations]

    def quotation_at(self, offset: int) -> Quotation | None:
        """The quotation whose span (marks included) holds `offset`."""
        n = bisect.bisect_right(self.starts, offset) - 1
        if n >= 0 and any(s <= offset < e for s, e in self.quotations[n].pieces):
            return self.quotations[n]
        return None

    def is_ignored(self, offset: int) -> bool:
        return any(s <= offset < e for s, e in self.ignored)


def find_quotes(doc: Document, quotations: list[Quotation], ignored: Iterable[Span] = (),
                cue_classes: Iterable[str] = DEFAULT_CUE_CLASSES, every_object: bool = False) -> list[Quote]:
    """All quotes in `doc`, in text order, with their cue and speaker mention.

    `cue_classes` chooses which cues make quotes: `speech` ("said"), `cognition`
    ("believes", "wants") and `evidential` ("a poll shows"). `every_object`: every cue
    verb's arguments may be what was said, not only those of `lexicon.OBJECT_CONTENT`
    (for the learned filter to sort out: `quote_filter.py`)."""
    ctx = _Context(doc, quotations, list(ignored), tuple(cue_classes), every_object)
    found = [q for q in _cue_rules(ctx) if q.content]
    found = _drop_duplicates(found)
    found = _drop_objects_with_cues(found)
    found += _transcript_turns(ctx)
    found += _quotation_rules(ctx, found)
    _join_split_quotes(ctx, found)
    found += _speakers_named_before(ctx, found)
    for quote in found:
        quote.type = _quote_type(ctx, quote.content)
    return sorted(found, key=lambda q: q.content[0])


# -- cue rules ---------------------------------------------------------------------------

def _cue_rules(ctx: _Context) -> Iterable[Quote]:
    doc = ctx.doc
    for token in doc.tokens:
        if ctx.is_ignored(token.start):
            continue
        if token.text.lower() == "according":
            quote = _according_to(ctx, token.i)
        elif token.upos == "VERB":
            quote = _reporting_verb(ctx, token.i)
        elif token.upos == "NOUN":
            quote = _content_noun(ctx, token.i)
        else:
            quote = None
        if quote is not None:
            yield quote


def _reporting_verb(ctx: _Context, verb: int) -> Quote | None:
    """`X said (that) ...`, `"...," X said`, `..., saying ...`, `X told reporters ...`."""
    doc = ctx.doc
    cue = cue_for(doc.tokens[verb].lemma)
    if cue is None or cue.cls not in ctx.cue_classes or _negated(doc, verb):
        return None
    content, rule = (_complement(ctx, verb) if cue.reports else []), "verb-complement"
    if not content and (ctx.every_object or takes_object(cue.lemma)):
        content, rule = _object(ctx, verb), "verb-object"
    if not content:
        return None
    subject = _speaker_of(doc, verb)
    inside = ctx.quotation_at(doc.tokens[verb].start)
    if inside is not None and (subject is None or ctx.quotation_at(doc.tokens[subject].start) is inside):
        return None
    source = [mention_span(doc, subject)] if subject is not None else []
    cue_span = doc.span(verb, verb)
    if rule == "verb-object":
        content, cue_span = _preposition_to_cue(doc, verb, content, cue_span)
    pieces = _attached(ctx, _pieces(ctx, content, exclude=[cue_span, *source]), [cue_span, *source])
    if not pieces:
        return None
    quoted = any(ctx.quotation_at(s) or ctx.quotation_at(e - 1) for s, e in pieces)
    confidence = (0.9 if quoted else 0.8) if source else 0.5
    if rule == "verb-object":
        confidence -= 0.2
    return _quote(doc, pieces, [cue_span], cue, source, rule, confidence)


ATTACHING = re.compile(r"[\s,\u2014\u2013-]*")


def _attached(ctx: _Context, pieces: list[Span], anchors: list[Span]) -> list[Span]:
    """Drop content before the cue and speaker that a colon, semicolon or sentence end
    cuts off from them ("... as an example: He says ...", "...; 46 percent said ...")."""
    first = min(s for s, _ in anchors)
    kept = []
    for start, end in pieces:
        if end <= first and not ATTACHING.fullmatch(ctx.doc.text, end, first):
            kept = []
            continue
        kept.append((start, end))
    return kept


def _complement(ctx: _Context, verb: int) -> list[int]:
    """Tokens of what `verb` reports: its clausal complement, a quoted object, or the
    quoted clause it is attached to (`"...," he said` parsed with the quote as head)."""
    doc = ctx.doc
    tokens: list[int] = []
    for child in doc.children(verb):
        deprel = doc.tokens[child].deprel
        if deprel in COMPLEMENTS or (deprel in ("obj", "xcomp") and _touches_quotation(ctx, child)):
            tokens += doc.subtree(child)
    head = doc.tokens[verb].head
    if not tokens and doc.tokens[verb].deprel in COMPLEMENTS and head != verb:
        own = set(doc.subtree(verb))
        quotation = ctx.quotation_at(doc.tokens[head].start)
        if quotation is not None:
            tokens = [i for i in doc.subtree(head) if i not in own]
            # the quoted clause's side of the cue only: not "..., as fighters worked out"
            # after `"...," he said`, nor "Asked by X, ..." before `she said, "..."`
            if quotation.start < doc.tokens[verb].start:
                tokens = [i for i in tokens if i < verb]
            else:
                tokens = [i for i in tokens if i > min(own)]
        elif _parenthetical(doc, verb, own):
            sentence = doc.sentences[doc.tokens[verb].sent].tokens
            tokens = [i for i in doc.subtree(head) if i not in own and i in sentence]
    if not tokens and doc.tokens[verb].deprel == "root":
        tokens = _fronted(doc, verb)
    return _from_boundary(ctx, sorted(tokens), verb)


BOUNDARIES = {":", ";", "-", "\u2013", "\u2014", "--"}


def _from_boundary(ctx: _Context, tokens: list[int], verb: int) -> list[int]:
    """`"...," X said` reports the quotation, not what comes before a colon, semicolon or
    dash ahead of it: "Cruz defends his record on TV: "...," he says"."""
    doc = ctx.doc
    quoted = [i for i in tokens if i < verb and ctx.quotation_at(doc.tokens[i].start)]
    if not quoted:
        return tokens
    start = ctx.quotation_at(doc.tokens[quoted[0]].start).start
    cut = [i for i in tokens if doc.tokens[i].end <= start and doc.tokens[i].text in BOUNDARIES]
    return [i for i in tokens if i > cut[-1]] if cut else tokens


def _parenthetical(doc: Document, verb: int, own: set[int]) -> bool:
    """`A, X said, B` and `A, X said.`: the cue and its speaker set off by commas."""
    first, last = min(own), max(own)
    if not any(doc.tokens[c].deprel in SUBJECTS for c in doc.children(verb)):
        return False
    before = doc.tokens[first].text == "," or first > 0 and doc.tokens[first - 1].text == ","
    after = (doc.tokens[last].text in (",", ".") or last + 1 >= len(doc.tokens)
             or doc.tokens[last + 1].text in (",", ".") or doc.tokens[last + 1].sent != doc.tokens[verb].sent)
    return before and after


def _fronted(doc: Document, verb: int) -> list[int]:
    """`A, X said.` parsed with the cue as the root: A is the sentence up to the comma
    before the speaker, when nothing but modifiers follow the cue."""
    subject = next((c for c in doc.children(verb) if doc.tokens[c].deprel in SUBJECTS), None)
    if subject is None or any(c > verb and doc.tokens[c].deprel not in ("punct", "obl", "advmod", "obl:npmod")
                              for c in doc.children(verb)):
        return []
    start = min(doc.subtree(subject))
    sentence = doc.sentences[doc.tokens[verb].sent]
    if start - 1 <= sentence.first or doc.tokens[start - 1].text != ",":
        return []
    return list(range(sentence.first, start - 1))


def _object(ctx: _Context, verb: int) -> list[int]:
    """What a verb reports through its objects and prepositional arguments, for verbs
    whose arguments are what was said: "emphasised the importance of ...", "called for
    a recount", "accused Republicans of ...", "referring to the judge". The run of
    arguments after the verb, up to a comma, a conjunction or another clause."""
    doc = ctx.doc
    token = doc.tokens[verb]
    if token.deprel in ("amod", "acl") and token.xpos == "VBN":
        return []  # "the candidates described as ...", "a woman accused of ..."
    tokens: list[int] = []
    core = False
    for child in doc.children(verb):
        token = doc.tokens[child]
        if child < verb or token.deprel in VERB_PARTS:
            continue
        if token.deprel not in ARGUMENTS:
            break
        if not tokens and token.deprel in ("obj", "iobj") and (
                token.text.lower() in TRIVIAL_OBJECTS or token.upos == "PRON"):
            continue
        core = core or token.deprel in ("obj", "xcomp", "ccomp") or (
            token.deprel in ("obl", "advcl") and _is_argument_marker(_marker(doc, child), doc.tokens[verb].lemma))
        tokens += doc.subtree(child)
    return tokens if core else []


def _preposition_to_cue(doc: Document, verb: int, content: list[int],
                        cue: Span) -> tuple[list[int], Span]:
    """"called for | a recount", "referring to | the judge": the preposition that opens
    the arguments belongs to the cue, and to its span when nothing else stands between."""
    first = min(content)
    if doc.tokens[first].deprel not in ("case", "mark") or doc.tokens[first].upos not in ("ADP", "SCONJ"):
        return content, cue
    if doc.tokens[first].text.lower() in ("if", "whether"):
        return content, cue
    content = [i for i in content if i != first]
    between = range(verb + 1, first)
    if all(doc.tokens[i].head == verb and doc.tokens[i].deprel in VERB_PARTS for i in between):
        cue = (cue[0], doc.tokens[first].end)
    return content, cue


def _is_argument_marker(marker: str | None, lemma: str) -> bool:
    return marker in ARGUMENT_MARKERS or marker == "to" and lemma.lower() in TO_ARGUMENT_VERBS


def _marker(doc: Document, node: int) -> str | None:
    """The preposition or subordinator that introduces `node` ("about", "of", "whether")."""
    for child in doc.children(node):
        if child < node and doc.tokens[child].deprel in ("case", "mark"):
            return doc.tokens[child].text.lower()
    return None


def _touches_quotation(ctx: _Context, node: int) -> bool:
    return any(ctx.quotation_at(ctx.doc.tokens[i].start) for i in ctx.doc.subtree(node))


def _speaker_of(doc: Document, verb: int) -> int | None:
    subject = subject_of(doc, verb)
    if subject is None:
        return None
    token = doc.tokens[subject]
    if token.text.lower() in RELATIVE_PRONOUNS:
        verb_token = doc.tokens[verb]
        if verb_token.deprel == "acl:relcl":
            return verb_token.head
    return subject


def _negated(doc: Document, verb: int) -> bool:
    """"did not say", "never said", "neither side confirmed"."""
    for child in doc.children(verb):
        token = doc.tokens[child]
        if token.text.lower() in NEGATIONS:
            return True
        if token.deprel in ("nsubj", "nsubj:pass") and any(
                doc.tokens[d].text.lower() in NEGATIONS for d in doc.children(child)):
            return True
    return False


def _content_noun(ctx: _Context, noun: int) -> Quote | None:
    """"Trump's accusation that Clinton is ...", "an allegation from his wife that ...",
    "He made the claim that ...", "Sanders's argument was that ...": a noun of saying
    with its "that" clause; the speaker is its possessor, its "from" or "by", or the
    subject of the verb that takes it."""
    doc = ctx.doc
    cue = noun_cue(doc.tokens[noun].lemma, ctx.cue_classes)
    if cue is None or ctx.quotation_at(doc.tokens[noun].start):
        return None
    clause = next((c for c in doc.children(noun) if doc.tokens[c].deprel in ("acl", "acl:relcl", "ccomp")
                   and _opens_with_that(doc, c)), None)
    token = doc.tokens[noun]
    if clause is None and token.deprel == "nsubj" and doc.tokens[token.head].lemma == "be":
        clause = next((c for c in doc.children(token.head) if doc.tokens[c].deprel == "ccomp"
                       and _opens_with_that(doc, c)), None)
    if clause is None:
        return None
    speaker = _noun_speaker(doc, noun)
    if speaker is None:
        return None  # "concerns that ...", "no sign that ...": nobody says it
    source = [mention_span(doc, speaker)]
    cue_span = doc.span(noun, noun)
    pieces = _pieces(ctx, doc.subtree(clause), exclude=[cue_span, *source])
    if not pieces:
        return None
    return _quote(doc, pieces, [cue_span], cue, source, "noun-clause", 0.6)


def _opens_with_that(doc: Document, clause: int) -> bool:
    """A content clause "that the economy was growing", not a relative one "that he made"."""
    children = doc.children(clause)
    marked = any(doc.tokens[c].deprel == "mark" and doc.tokens[c].text.lower() == "that" and c < clause
                 for c in children)
    others = [c for c in children if doc.tokens[c].deprel not in ("mark", "punct", *SUBJECTS)]
    return marked and len(others) > 0 and any(doc.tokens[c].deprel in SUBJECTS for c in children)


def _noun_speaker(doc: Document, noun: int) -> int | None:
    for child in doc.children(noun):
        token = doc.tokens[child]
        if token.deprel == "nmod:poss" and token.upos in ("PROPN", "NOUN", "PRON"):
            return child
        if token.deprel == "nmod" and _marker(doc, child) in ("from", "by"):
            return child
    token = doc.tokens[noun]
    if token.deprel == "obj" and doc.tokens[token.head].lemma.lower() in UTTERING_VERBS:
        return subject_of(doc, token.head)
    return None


UTTERING_VERBS = set("make issue repeat reiterate voice express offer deliver release give".split())
"""Verbs whose subject is the author of their object: "made the claim that ..."."""


def _according_to(ctx: _Context, according: int) -> Quote | None:
    """`According to X, ...` and `..., according to X.`: the rest of the sentence."""
    doc = ctx.doc
    tokens = doc.tokens
    if according + 1 >= len(tokens) or tokens[according + 1].text.lower() != "to":
        return None
    source_head = _noun_after(doc, according + 1)
    if source_head is None:
        return None
    source = mention_span(doc, source_head)
    sentence = doc.sentences[tokens[according].sent]
    phrase_end = max(source[1], tokens[according + 1].end)
    pieces = []
    before = [i for i in sentence.tokens if tokens[i].end <= tokens[according].start]
    after = [i for i in sentence.tokens if tokens[i].start >= phrase_end]
    for run in (before, after):
        pieces += _pieces(ctx, run)
    if not pieces:
        return None
    return _quote(doc, pieces, [doc.span(according, according + 1)], ACCORDING_TO, [source],
                  "according-to", 0.85)


def _noun_after(doc: Document, to: int) -> int | None:
    """The noun that the preposition `to` introduces."""
    head = doc.tokens[to].head
    if head != to and doc.tokens[head].i > to and doc.tokens[head].upos in ("NOUN", "PROPN", "PRON"):
        return head
    for i in range(to + 1, min(to + 8, len(doc.tokens))):
        if doc.tokens[i].upos in ("NOUN", "PROPN", "PRON"):
            return _phrase_head(doc, i)
    return None


def _phrase_head(doc: Document, i: int) -> int:
    """Climb compounds and flat names to the head of a noun phrase."""
    while doc.tokens[i].deprel in ("compound", "flat", "amod", "det", "nmod:poss") and doc.tokens[i].head != i:
        i = doc.tokens[i].head
    return i


def _transcript_turns(ctx: _Context) -> list[Quote]:
    """`TAPPER: Do you think ...?`: the paragraph is what the labelled speaker said."""
    doc = ctx.doc
    names = {word.lower() for entity in doc.entities
             if entity.label in ("PERSON", "ORG") and not entity.text.isupper()
             for word in entity.text.split()}
    return [_quote(doc, [turn.content], [turn.colon], cue_for("say"), [turn.label],
                   "transcript-label", 0.7)
            for turn in transcript_turns(doc.text, names)
            if not ctx.is_ignored(turn.content[0])]


# -- quotation rules ---------------------------------------------------------------------

def _quotation_rules(ctx: _Context, found: list[Quote]) -> list[Quote]:
    """Attribute quotations that no cue rule covered."""
    covered = [span for quote in found for span in quote.content]
    added: list[Quote] = []
    for quotation in ctx.quotations:
        if ctx.is_ignored(quotation.start) or _covered(quotation, covered):
            continue
        for rule in (_cue_in_sentence, _colon_header, _dash_signature, _floating):
            quote = rule(ctx, quotation, found + added)
            if quote is not None:
                added.append(quote)
                covered.extend(quote.content)
                break
    return added


def _covered(quotation: Quotation, covered: list[Span]) -> bool:
    size = sum(e - s for s, e in quotation.pieces)
    inside = sum(max(0, min(e, ce) - max(s, cs)) for s, e in quotation.pieces for cs, ce in covered)
    return inside >= size / 2


def _words(text: str) -> int:
    return len(WORD.findall(text))


def _cue_in_sentence(ctx: _Context, quotation: Quotation, found: list[Quote]) -> Quote | None:
    """A reporting verb beside the quotation in its sentence: `"...," he said` when the
    parse did not link them."""
    doc = ctx.doc
    first = doc.token_at(quotation.start)
    last = doc.token_at(quotation.end - 1)
    if first is None or last is None:
        return None
    if _words(_text_of(ctx, quotation)) < MIN_NEARBY_CUE_WORDS or _is_title(_text_of(ctx, quotation)):
        return None
    used = {span for quote in found for span in quote.cue}
    sentences = range(doc.tokens[first].sent, doc.tokens[last].sent + 1)
    best, best_distance = None, None
    for n in sentences:
        for i in doc.sentences[n].tokens:
            token = doc.tokens[i]
            if token.upos != "VERB" or ctx.quotation_at(token.start) or doc.span(i, i) in used:
                continue
            cue = reporting_cue(token.lemma, ctx.cue_classes)
            if cue is None or _negated(doc, i):
                continue
            distance = min(abs(token.start - quotation.end), abs(quotation.start - token.end))
            if best_distance is None or distance < best_distance:
                best, best_distance = (i, cue), distance
    if best is None:
        return None
    verb, cue = best
    subject = _speaker_of(doc, verb)
    source = [mention_span(doc, subject)] if subject is not None else []
    return _quote(doc, list(quotation.pieces), [doc.span(verb, verb)], cue, source,
                  "quote-cue-nearby", 0.7 if source else 0.45)


WEAK_RULES = {"quote-cue-nearby"}
"""Rules whose quotes a split quote may absorb: their cue is only a guess."""
SMALL_WORDS = set("a an and the of in on at to for with by from or but nor as".split())


def _is_title(text: str) -> bool:
    """Capitalised like a title ("The Axe Files", "Parks and Recreation"), not a sentence."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    return len(words) <= 8 and all(w[0].isupper() or w.lower() in SMALL_WORDS for w in words) and any(
        w.lower() in SMALL_WORDS for w in words[1:]) or len(words) <= 3 and all(w[0].isupper() for w in words)


def _colon_header(ctx: _Context, quotation: Quotation, found: list[Quote]) -> Quote | None:
    """`X: "..."` on one line, or a line ending in a colon before the quote paragraph
    (`And from Chairwoman Rosenworcel:`)."""
    text = ctx.doc.text
    line_start = text.rfind("\n", 0, quotation.start) + 1
    before = text[line_start:quotation.start].rstrip()
    if not before and line_start > 0:
        previous_end = line_start - 1
        while previous_end > 0 and text[previous_end - 1].isspace():
            previous_end -= 1
        previous_start = text.rfind("\n", 0, previous_end) + 1
        before = text[previous_start:previous_end]
        line_start = previous_start
    if not before.endswith(":") or _words(before) > 20:
        return None
    colon = line_start + len(before) - 1
    subject = _last_name_before(ctx, line_start, colon)
    if subject is None:
        return None
    doc = ctx.doc
    return _quote(doc, list(quotation.pieces), [(colon, colon + 1)], cue_for("say"),
                  [mention_span(doc, subject)], "colon-header", 0.75)


def _last_name_before(ctx: _Context, start: int, end: int) -> int | None:
    """Head of the last noun phrase that names someone between `start` and `end`."""
    doc = ctx.doc
    first = doc.token_at(start)
    last = doc.token_at(end - 1)
    if first is None or last is None:
        return None
    for i in range(last, first - 1, -1):
        token = doc.tokens[i]
        if token.upos in ("PROPN", "NOUN") or doc.entity_at(i):
            return _phrase_head(doc, i)
    return None


DASH_SIGNATURE = re.compile(r"[ \t]*[-\u2012\u2013\u2014\u2015]+[ \t]*(?=\w)")
"""A hyphen or any dash, the quotation dash (U+2015) of vox-pop lists included."""


def _dash_signature(ctx: _Context, quotation: Quotation, found: list[Quote]) -> Quote | None:
    """`"..." -Commissioner Geoffrey Starks` at the end of a line."""
    text = ctx.doc.text
    match = DASH_SIGNATURE.match(text, quotation.end)
    if match is None:
        return None
    line_end = text.find("\n", match.end())
    line_end = len(text) if line_end < 0 else line_end
    name = text[match.end():line_end].rstrip()
    if not name or _words(name) > 8:
        return None
    subject = _last_name_before(ctx, match.end(), match.end() + len(name))
    if subject is None:
        return None
    doc = ctx.doc
    return _quote(doc, list(quotation.pieces), [(match.start(), match.end())], cue_for("say"),
                  [mention_span(doc, subject)], "dash-signature", 0.75)


def _floating(ctx: _Context, quotation: Quotation, found: list[Quote]) -> Quote | None:
    """A paragraph that is only a quotation continues the speaker of the quote just before:
    it joins that quote when it follows the quotation the quote ends with, else it is a
    quote of its own by the same speaker."""
    text = ctx.doc.text
    line_start = text.rfind("\n", 0, quotation.start) + 1
    if text[line_start:quotation.start].strip() or _words(_text_of(ctx, quotation)) < MIN_UNATTRIBUTED_WORDS:
        return None
    earlier = [q for q in found if q.content[-1][1] <= quotation.start and q.source]
    if not earlier:
        return None
    previous = max(earlier, key=lambda q: q.content[-1][1])
    end = previous.content[-1][1]
    between = text[end:line_start]
    if between.count("\n") > 3 or _words(between) > 25:
        return None
    if ctx.quotation_at(end - 1) is not None and _aside(text, end, line_start, previous):
        previous.content = previous.content + list(quotation.pieces)
        return None
    return Quote("direct", list(quotation.pieces), [], previous.cue_lemma, list(previous.source),
                 "floating", 0.6, previous.cue_class, previous.stance)


def _aside(text: str, start: int, end: int, quote: Quote) -> bool:
    """Whether `text[start:end]` is blank or a short attribution of the quote: its cue and
    speaker and a few words ("he said in an interview on Monday")."""
    inside = [(s, e) for s, e in quote.cue + quote.source if start <= s and e <= end]
    if not text[start:end].strip():
        return True
    return len(inside) == len(quote.cue + quote.source) > 0 and _words(text[start:end]) <= SPLIT_GAP_WORDS


PERSON_PRONOUNS = {"he", "she", "i", "we", "they"}


def _speakers_named_before(ctx: _Context, found: list[Quote]) -> list[Quote]:
    """A quoted sentence with no cue, after a sentence of the same paragraph whose subject
    is a person: `Alice began talking to Bob. "Lorem ipsum."` is Alice's."""
    doc, text = ctx.doc, ctx.doc.text
    covered = [span for quote in found for span in quote.content]
    added = []
    for quotation in ctx.quotations:
        if ctx.is_ignored(quotation.start) or _covered(quotation, covered) or _is_label(ctx, quotation):
            continue
        first = doc.token_at(quotation.start)
        if first is None or _words(_text_of(ctx, quotation)) < MIN_UNATTRIBUTED_WORDS:
            continue
        sentence = doc.sentences[doc.tokens[first].sent]
        if sentence.start != quotation.start or doc.tokens[first].sent == 0:
            continue
        previous = doc.sentences[doc.tokens[first].sent - 1]
        if "\n" in text[previous.end:quotation.start]:
            continue
        subject = _person_subject(doc, previous)
        if subject is not None:
            added.append(Quote("direct", list(quotation.pieces), [], None, [mention_span(doc, subject)],
                               "speaker-before", 0.5))
    return added


def _person_subject(doc: Document, sentence) -> int | None:
    """The subject of a sentence's main verb, if it names a person or is a personal pronoun."""
    root = next((i for i in sentence.tokens if doc.tokens[i].deprel == "root"), None)
    if root is None:
        return None
    for child in doc.children(root):
        token = doc.tokens[child]
        if token.deprel != "nsubj":
            continue
        entity = doc.entity_at(child)
        if token.text.lower() in PERSON_PRONOUNS or entity is not None and entity.label == "PERSON":
            return child
    return None


def _text_of(ctx: _Context, quotation: Quotation) -> str:
    return " ".join(ctx.doc.text[s:e] for s, e in quotation.pieces)


# -- assembling --------------------------------------------------------------------------

def _pieces(ctx: _Context, token_ids: list[int], exclude: list[Span] = ()) -> list[Span]:
    """Character spans of `token_ids`: runs joined across punctuation, trailing
    punctuation dropped, widened to whole quotations where they overlap one, and
    never covering the `exclude` spans (the cue and the speaker's mention). A conjunction
    left dangling at the end ("willingness to talk but") is dropped."""
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
    for start, end in spans:
        start, end = _widen(ctx, start, end)
        for start, end in _subtract((start, end), exclude):
            start, end = _trim(ctx, start, end)
            if end > start and WORD.search(doc.text, start, end):
                out.append((start, end))
    return out


def _subtract(span: Span, holes: list[Span]) -> list[Span]:
    parts = [span]
    for hole_start, hole_end in holes:
        parts = [piece for s, e in parts
                 for piece in ((s, min(e, hole_start)), (max(s, hole_end), e)) if piece[1] > piece[0]]
    return parts


def _only_punct(doc: Document, first: int, last: int) -> bool:
    return all(doc.tokens[j].upos == "PUNCT" for j in range(first, last))


def _widen(ctx: _Context, start: int, end: int) -> Span:
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


def _trim(ctx: _Context, start: int, end: int) -> Span:
    """Drop surrounding spaces, and punctuation that is not inside quotation marks."""
    text = ctx.doc.text
    while end > start and (text[end - 1].isspace()
                           or text[end - 1] in TRAILING and ctx.quotation_at(end - 1) is None):
        end -= 1
    while start < end and (text[start].isspace()
                           or text[start] in LEADING and ctx.quotation_at(start) is None):
        start += 1
    return start, end


def _quote(doc: Document, content: list[Span], cue: list[Span], lexeme: Cue | None,
           source: list[Span], rule: str, confidence: float) -> Quote:
    lexeme = lexeme or cue_for("say")
    return Quote("indirect", content, cue, lexeme.lemma, source, rule, confidence,
                 lexeme.cls, lexeme.stance)


def _quote_type(ctx: _Context, content: list[Span]) -> str:
    """direct: every word inside quotation marks; indirect: none; mixed: some."""
    inside = outside = False
    text = ctx.doc.text
    for start, end in content:
        for word in WORD.finditer(text, start, end):
            if ctx.quotation_at(word.start()):
                inside = True
            elif word.group().lower() != "that" or outside or inside:
                outside = True
    if inside and not outside:
        return "direct"
    return "mixed" if inside else "indirect"


def _drop_duplicates(found: list[Quote]) -> list[Quote]:
    """Keep the most confident of quotes with the same content."""
    best: dict[tuple, Quote] = {}
    for quote in found:
        key = tuple(quote.content)
        if key not in best or quote.confidence > best[key].confidence:
            best[key] = quote
    return list(best.values())


def _drop_objects_with_cues(found: list[Quote]) -> list[Quote]:
    """"was quoted as | saying that ...": an argument that opens with another quote's
    cue is that quote, not one of its own."""
    cues = {span[0] for quote in found for span in quote.cue}
    return [q for q in found if q.rule != "verb-object" or q.content[0][0] not in cues]


def _join_split_quotes(ctx: _Context, found: list[Quote]) -> None:
    """`"A," he said, "B."` and `"A," he said. "B."`: quotations that follow a quote in
    its paragraph, with nothing between but its cue and speaker, continue it."""
    text = ctx.doc.text
    _join_earlier_halves(ctx, found)
    by_start = {quote.content[0][0]: quote for quote in found}
    for quote in sorted(found, key=lambda q: q.content[0]):
        if quote.content[0][0] not in by_start:
            continue
        while True:
            last = quote.content[-1]
            if ctx.quotation_at(last[1] - 1) is None:
                break
            following = [q for q in ctx.quotations if q.start >= last[1] and not _is_label(ctx, q)]
            if not following or not _continues(ctx, quote, last[1], following[0]):
                break
            nxt = following[0]
            other = by_start.get(nxt.start)
            if other is not None:
                if other.rule not in WEAK_RULES and other.source:
                    break
                found.remove(other)
                del by_start[nxt.start]
            quote.content = quote.content + list(nxt.pieces)


def _join_earlier_halves(ctx: _Context, found: list[Quote]) -> None:
    """`"A," he said, "B."` when only "B." was found: the quotation before the cue, ending
    in a comma, is the first half of the same sentence."""
    text = ctx.doc.text
    for quote in list(found):
        start = quote.content[0][0]
        if quote not in found or ctx.quotation_at(start) is None or not quote.cue:
            continue
        earlier = [q for q in ctx.quotations if q.end <= start]
        if not earlier:
            continue
        previous = earlier[-1]
        gap = text[previous.end:start]
        anchors = quote.cue + quote.source
        if ("\n" in gap or _words(gap) > SPLIT_GAP_WORDS or not gap.rstrip().endswith(",")
                or text[previous.end - 2:previous.end - 1] != ","
                or not all(previous.end <= s and e <= start for s, e in anchors)):
            continue
        owners = [q for q in found if q is not quote and any(
            s < previous.end and previous.start < e for s, e in q.content)]
        if any(q.rule not in WEAK_RULES and q.source for q in owners):
            continue
        for owner in owners:
            found.remove(owner)
        quote.content = list(previous.pieces) + quote.content


def _other_cue(ctx: _Context, start: int, end: int, quote: Quote) -> bool:
    """Whether a reporting verb other than the quote's own cue stands in `start:end`."""
    doc = ctx.doc
    first, last = doc.token_at(start), doc.token_at(end - 1)
    if first is None or last is None:
        return False
    own = set(quote.cue)
    return any(doc.tokens[i].upos == "VERB" and doc.span(i, i) not in own
               and reporting_cue(doc.tokens[i].lemma, ctx.cue_classes) is not None
               for i in range(first, last + 1))


def _continues(ctx: _Context, quote: Quote, end: int, nxt: Quotation) -> bool:
    """Whether the quotation `nxt` goes on with `quote`, which ends at `end`: the gap is
    blank, or holds just the quote's cue and speaker (`," he said, "` or `," he said. "`)."""
    gap = ctx.doc.text[end:nxt.start]
    if "\n" in gap:
        return False
    if not gap.strip():
        return True
    anchors = quote.cue + quote.source
    return (bool(anchors) and _words(gap) <= SPLIT_GAP_WORDS
            and all(end <= s and e <= nxt.start for s, e in anchors)
            and gap.rstrip().rstrip(CLOSING_MARKS).endswith((",", ":", "."))
            and not _other_cue(ctx, end, nxt.start, quote))


CLOSING_MARKS = "\"'\u201d\u2019\u00bb\u203a"


def _is_label(ctx: _Context, quotation: Quotation) -> bool:
    """A title or a word or two in quotation marks ("New Day", "woke"), not speech."""
    words = _text_of(ctx, quotation)
    return _words(words) < MIN_NEARBY_CUE_WORDS or _is_title(words)
