"""Cue rules: a reporting verb and what it reports ("X said (that) ...", "..., saying
...", `"...," X said`), a noun of saying with its clause ("the claim that ..."), and
"according to X, ..."; transcript turns ("TAPPER: ..."). With the cognition and
evidential classes also "In a poll ..., A" and "[X] is expected [to Y]"; a thought
nested in another quote's words is left to that quote (`drop_nested_reports`)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate

from quotes.detection.assembly import content_pieces
from quotes.detection.attribute import QUOTE_MARKS, SUBJECTS, agent_of, cue_read_as_modifier, mention_span, subject_of
from quotes.detection.boundaries import (
    around_the_source,
    fronted_half,
    has_subject,
    trim_complement,
    trim_leading,
    trim_object,
)
from quotes.detection.context import Context, count_words, make_quote
from quotes.detection.lexicon import (
    ACCORDING_TO,
    INTENT_ADJECTIVES,
    Cue,
    attitude_adjective,
    cue_for,
    cue_for_word,
    light_verb_cue,
    noun_cue,
    phrasal_cue,
    reports_objects,
    takes_object,
)
from quotes.detection.senses import (
    is_evidence,
    non_speech_object,
    reads_as_document,
    reports_no_statement,
    says_nothing,
    speaks,
    states_a_stance,
)
from quotes.detection.transcript import transcript_turns
from quotes.nlp import Document
from quotes.records import Quote, Span

COMPLEMENTS = ("ccomp", "parataxis")
NEGATIONS = {"not", "n't", "never", "neither", "no", "nobody", "none"}
VERB_PARTS = {"compound:prt", "aux", "aux:pass", "advmod", "expl"}
ARGUMENTS = {"obj", "iobj", "xcomp", "ccomp", "obl", "advcl"}
FRAMES = {"obl:tmod", "obl:npmod"}
"""Bare adverbials of time ("Monday", "last week") between a verb and its arguments."""
ARGUMENT_MARKERS = {"about", "for", "of", "over", "as", "against", "if", "whether"}
TO_ARGUMENT_VERBS = {"refer", "point", "allude", "object", "respond", "reply"}
"""Verbs whose "to" introduces what they are about ("referring to the judge"), not whom
they address ("talking to reporters")."""
ON_ARGUMENT_VERBS = {"comment", "call", "elaborate"}
"""Verbs whose "on" introduces what they are about ("commented on the agreement", "called
on officials to ensure ..."), not when or where ("spoke on Monday")."""
TRIVIAL_OBJECTS = {"it", "so", "this", "that", "nothing", "something", "anything", "much",
                   "more", "little", "what", "which", "goodbye", "hello", "yes", "no"}
RELATIVE_PRONOUNS = {"who", "that", "which"}



def cue_rules(ctx: Context) -> Iterable[Quote]:
    doc = ctx.doc
    for token in doc.tokens:
        if ctx.is_ignored(token.start):
            continue
        if token.text.lower() in ("according", "per"):
            quote = _according_to(ctx, token.i)
        elif token.text.lower() == "in":
            quote = _in_the_words_of(ctx, token.i) or _in_a_poll(ctx, token.i)
        elif token.upos == "VERB":
            quote = _reporting_verb(ctx, token.i) or _light_verb(ctx, token.i) or _attitude_adjective(ctx, token.i)
        elif token.upos == "ADJ":
            quote = _attitude_adjective(ctx, token.i)
        elif token.upos == "NOUN":
            quote = _content_noun(ctx, token.i)
        else:
            quote = None
        if quote is not None:
            yield quote


def _reporting_verb(ctx: Context, verb: int) -> Quote | None:
    """`X said (that) ...`, `"...," X said`, `..., saying ...`, `X told reporters ...`."""
    doc = ctx.doc
    cue = cue_for_word(doc.tokens[verb].text, doc.tokens[verb].lemma) or _phrasal(doc, verb)
    if cue is not None and cue.cls == "evidential" and cue.reports and speaks(doc, speaker_of(doc, verb)):
        cue = cue._replace(cls="speech")  # "the minister indicated ...", "a UN report concluded ..."
    elif cue is not None and is_evidence(doc, doc.tokens[verb].lemma, speaker_of(doc, verb)):
        cue = cue._replace(cls="evidential")  # "the figures suggest ..."
    if cue is None or cue.cls not in ctx.cue_classes or negated(doc, verb) or says_nothing(doc, verb):
        return None
    if not cue.reports and _puts_it(doc, verb):
        cue = cue._replace(reports=True)  # "as one professor put it, ..."
    if _cited_source(doc, verb) is not None:
        return None  # "citing anonymous sources": who spoke, not what (`citing_sources`)
    if not reads_as_document(doc, verb, speaker_of(doc, verb)):
        return None  # "he read a book", "the sign read ...": only a document's text is read out
    effect = _to_the_effect(doc, verb)
    if effect:  # "issued a statement to the effect (that) A": A, whatever the cue
        content = effect
    elif cue.reports:
        content = _complement(ctx, verb)
    else:  # "defended his decision, "..."": a speech act reports only a quotation it governs
        content = _own_complements(ctx, verb)
        content = content if _quoted_after(ctx, content, verb) else []
    rule, cue_end = "verb-complement", verb
    if not content and (ctx.every_object and reports_objects(cue.lemma) or takes_object(cue.lemma)) \
            and not _asked_for(doc, verb):
        cue_end, content = _object_clause(ctx, verb)
        if not content:
            content, rule = _object(ctx, verb), "verb-object"
    if not content:
        return None
    subject = speaker_of(doc, verb)
    raised = _raised_subject(doc, verb, content) if rule == "verb-object" else None
    if raised is not None:  # "Trump is expected | to win": whom it is said of, not who says it
        subject = agent_of(doc, verb)  # "is seen by [some] as ...": who thinks it, if anyone
    inside = ctx.quotation_at(doc.tokens[verb].start)
    if inside is not None and (subject is None or ctx.quotation_at(doc.tokens[subject].start) is inside):
        return None  # the speaker's own words, not a report nested in them
    source = [mention_span(doc, subject)] if subject is not None else []
    cue_span = doc.span(verb, cue_end)
    if rule == "verb-object":
        content, cue_span = _preposition_to_cue(doc, verb, content, cue_span)
        content, cue_span, attempt = _attempted(ctx, verb, content, cue_span)
        if attempt and raised is not None:  # "[Cruz] seemed to blame | the network": Cruz blamed it
            subject, raised = raised, None
            source = [mention_span(doc, subject)]
    if raised is not None and doc.tokens[raised].text.lower() != "it":  # "it seems likely that A": A
        content = sorted({*content, *_raised_phrase(doc, verb, raised)})  # "as" went to the cue: "is seen as | X / Y"
    pieces = content_pieces(ctx, content, exclude=[cue_span, *source])
    if raised is None:
        pieces = _attached(ctx, pieces, [cue_span, *source, *_subject_phrase(doc, subject)])
    if not pieces:
        return None
    quoted = any(ctx.quotation_at(s) or ctx.quotation_at(e - 1) for s, e in pieces)
    if reports_no_statement(doc, verb, content, quoted):
        return None  # "asked whether ...", "would not say why ...", "would say if ..."
    if rule == "verb-object" and not _has_quoted_words(ctx, content) and non_speech_object(doc, verb, content, subject):
        return None  # "added a goal", "pleaded guilty", "the figures point to ..."
    confidence = (0.9 if quoted else 0.8) if source else 0.5
    if rule == "verb-object":
        confidence -= 0.2
    return make_quote(doc, pieces, [cue_span], cue, source, rule, confidence)


ATTEMPT_VERBS = {"try"}
"""Verbs of attempt whose infinitive belongs to the cue: "tried to rally | world leaders",
"is trying to make | Zika a central focus" (PolNeAR train: 30 of 33 such annotations
end the cue after the infinitive's verb)."""
SEEMING_VERBS = {"seem", "appear"}
"""Verbs whose infinitive belongs to the cue when it is itself a cue: "[Cruz] seemed to
blame | the network", "[She] appeared to imply | that ...": the subject said or thought
it, seemingly ("[the plan] seems to work" keeps its subject in the content)."""


def _cue_runs_on(doc: Document, verb: int, inner: int) -> bool:
    """Whether the cue `verb` runs on to its infinitive `inner`: after an attempt verb,
    or after a seeming verb when the infinitive is a cue of its own."""
    lemma = doc.tokens[verb].lemma.lower()
    return lemma in ATTEMPT_VERBS or lemma in SEEMING_VERBS and \
        cue_for_word(doc.tokens[inner].text, doc.tokens[inner].lemma) is not None


def _attempted(ctx: Context, verb: int, content: list[int], cue: Span) -> tuple[list[int], Span, bool]:
    """"tried to rally | world leaders ...": when `content` is the infinitive of an
    attempt verb, the cue runs on to the infinitive's verb (and its particle or
    preposition) and the content is what that verb takes; unchanged when it takes nothing
    ("tried to | win"). Whether it ran on, too."""
    doc = ctx.doc
    if doc.tokens[verb].lemma.lower() not in ATTEMPT_VERBS | SEEMING_VERBS or not content:
        return content, cue, False
    inner = next((c for c in doc.children(verb) if doc.tokens[c].deprel == "xcomp" and c in content
                  and doc.tokens[c].upos == "VERB" and _infinitive(doc, c)), None)
    if inner is None or not _cue_runs_on(doc, verb, inner) or any(
            doc.tokens[i].text.lower() != "to" and doc.tokens[i].upos != "ADV" for i in range(verb + 1, inner)):
        return content, cue, False  # "tried at first to skirt ...": no cue of one piece
    taken = _object(ctx, inner)
    if not taken or min(taken) < inner:
        return content, cue, False
    particles = [c for c in doc.children(inner) if inner < c < min(taken) and doc.tokens[c].deprel == "compound:prt"]
    taken, inner_cue = _preposition_to_cue(doc, inner, taken, doc.span(inner, max([inner, *particles])))
    if not taken:
        return content, cue, False
    return taken, (cue[0], inner_cue[1]), True


CASE_WORDS = {"a", "an", "the", "his", "her", "their", "its", "our", "my", "your", "it"}
"""What may stand between a light verb and its word: "made [it] clear", "made [the] case"."""


def _light_verb(ctx: Context, verb: int) -> Quote | None:
    """"X made (it) clear (that) A", "X made the case that A", "X makes a case for A": a
    light verb and its word are the cue (`lexicon.LIGHT_VERB_CUES`), the clause after the
    word (or what "for" introduces) is what was said. Not as an infinitive: what someone
    failed, tried or needs to make clear was not said."""
    doc = ctx.doc
    sentence = doc.sentences[doc.tokens[verb].sent]
    word = next((i for i in range(verb + 1, min(verb + 4, sentence.last + 1))
                 if doc.tokens[i].text.lower() not in CASE_WORDS), None)
    if word is None or not all(doc.tokens[i].text.lower() in CASE_WORDS for i in range(verb + 1, word)):
        return None
    cue = light_verb_cue(doc.tokens[verb].lemma, doc.tokens[word].text)
    if cue is None or cue.cls not in ctx.cue_classes or negated(doc, verb) or ctx.is_ignored(doc.tokens[verb].start):
        return None
    if _infinitive(doc, verb):
        return None  # "failed to make clear that ...", "tried to make the case that ...": not done
    subject = speaker_of(doc, verb)
    if subject is None or ctx.quotation_at(doc.tokens[verb].start) is not None:
        return None
    cue_end, content = word, _clause_after(doc, verb, word)
    if not content and word + 1 <= sentence.last and doc.tokens[word + 1].text.lower() == "for":
        cue_end, content = word + 1, [i for i in range(word + 2, sentence.last + 1)]
    content = trim_complement(ctx, content, verb) if content else []
    source = [mention_span(doc, subject)]
    cue_span = doc.span(verb, cue_end)
    pieces = content_pieces(ctx, content, exclude=[cue_span, *source])
    if not pieces:
        return None
    return make_quote(doc, pieces, [cue_span], cue, source, "verb-complement", 0.8)


ATTITUDE_HEADS = {"xcomp", "root"}
"""How an adjective of attitude is predicated of its subject: "are [confident] that",
"seems [convinced] that" (an argument of the copula or verb), "She is [sure] that"."""


def _attitude_adjective(ctx: Context, adjective: int) -> Quote | None:
    """"Aides are confident (that) A", "she seems convinced A": an adjective of attitude
    (`lexicon.ATTITUDE_ADJECTIVES`) predicated of a subject, with a clause after it: the
    clause is the subject's thought (cognition cues only). Not when negated ("is not
    sure that ..."), nor for a question ("unsure whether ...")."""
    doc = ctx.doc
    token = doc.tokens[adjective]
    cue = attitude_adjective(token.text, ctx.cue_classes)
    if cue is None or token.deprel not in ATTITUDE_HEADS or ctx.quotation_at(token.start) is not None:
        return None
    head = token.head if token.deprel == "xcomp" else adjective
    clause = next((c for c in doc.children(adjective) if c > adjective and doc.tokens[c].deprel == "ccomp"
                   and doc.tokens[c].upos in ("VERB", "AUX") and _marker(doc, c) not in ("if", "whether")), None)
    if clause is None and cue.lemma in INTENT_ADJECTIVES:  # "is eager | to get the book out"
        clause = next((c for c in doc.children(adjective) if c > adjective and doc.tokens[c].deprel == "xcomp"
                       and doc.tokens[c].upos in ("VERB", "AUX") and _infinitive(doc, c)), None)
    subject = speaker_of(doc, head)
    if (clause is None or subject is None or doc.tokens[subject].text.lower() == "it"
            or doc.tokens[head].lemma.lower() == "make" or negated(doc, head) or negated(doc, adjective)):
        return None  # "it is certain that ...", "make sure (that) ...": nobody's thought
    source = [mention_span(doc, subject)]
    cue_span = doc.span(adjective, adjective)
    pieces = content_pieces(ctx, trim_complement(ctx, doc.subtree(clause), adjective), exclude=[cue_span, *source])
    if not pieces:
        return None
    return make_quote(doc, pieces, [cue_span], cue, source, "adjective-complement", 0.6)


def _clause_after(doc: Document, verb: int, word: int) -> list[int]:
    """The finite clause hung on a light verb or its word, after the word: "made it clear
    [that he would run]" (however the parser hung it), with its subject."""
    clause = next((c for head in (word, verb) for c in doc.children(head)
                   if c > word and doc.tokens[c].upos in ("VERB", "AUX")
                   and doc.tokens[c].deprel in ("ccomp", "advcl", "csubj", "acl", "parataxis")
                   and any(doc.tokens[s].deprel in SUBJECTS for s in doc.children(c))), None)
    if clause is None:
        return []
    return [i for i in doc.subtree(clause) if i > word]


def _phrasal(doc: Document, verb: int) -> Cue | None:
    """The cue of a verb that reports only with its particle: "laid out that ..."."""
    return next((cue for c in doc.children(verb) if doc.tokens[c].deprel == "compound:prt"
                 and (cue := phrasal_cue(doc.tokens[verb].lemma, doc.tokens[c].text)) is not None), None)


RAISING_VERBS = {"seem", "appear", "expect"}
"""Verbs whose subject is what the attitude is about, not whose it is: "the plan seems
to work", "Trump appears confident", "the vote is expected to be close"."""
PASSIVE_RAISING = {"see", "view", "consider", "regard", "know", "remember", "perceive"}
"""Thoughts whose passive subject is what is thought of: "[Pigs] are considered
unclean", "[the plan] is seen as a way out", "[Ginsburg] is known for speaking her mind"
(PolNeAR's `X | as Y` and `X | for Y`)."""
PASSIVE_PREDICATES = {"as", "for"}


def _raised_subject(doc: Document, verb: int, content: list[int]) -> int | None:
    """The subject of a raising verb whose infinitive or adjective is `content` ("[the
    vote] is expected to be close", "[Trump] appears confident"): part of what is
    expected or what appears, PolNeAR's `X | to be close`. "Expect" only in the passive:
    in "Ortiz expects the vote to be close" Ortiz is the one who expects. So with a
    thought in the passive and its predicate ("[he] is seen as a moderate")."""
    lemma = doc.tokens[verb].lemma.lower()
    passive = lemma in PASSIVE_RAISING
    if lemma not in RAISING_VERBS and not passive or not content:
        return None
    head = next((i for i in content if doc.tokens[i].head == verb), None)
    if head is None or doc.tokens[head].deprel != "xcomp" and not (
            passive and doc.tokens[head].deprel in ("obl", "advcl") and _marker(doc, head) in PASSIVE_PREDICATES):
        return None
    relation = "nsubj:pass" if lemma == "expect" or passive else "nsubj"
    return next((c for c in doc.children(verb) if c < verb and doc.tokens[c].deprel == relation), None)


def _raised_phrase(doc: Document, verb: int, raised: int) -> list[int]:
    """The words of a raised subject, to the last subject the parser found beside it: in
    "[The birth of the newest Clinton] is expected to ..." it takes "birth" and "Clinton"
    for two subjects, and the words between them are one phrase."""
    relation = doc.tokens[raised].deprel
    last = max(c for c in doc.children(verb) if c < verb and doc.tokens[c].deprel == relation)
    if last <= raised:
        return doc.subtree(raised)
    return list(range(doc.subtree(raised)[0], doc.subtree(last)[-1] + 1))


def citing_sources(ctx: Context, found: list[Quote]) -> list[Quote]:
    """`Reuters, citing anonymous sources, reported A`: A is the sources' words too, a
    report nested in Reuters' (cue "citing", speaker the sources), when what is cited is
    someone who speaks ("citing security concerns" is a reason, not a speaker)."""
    doc = ctx.doc
    cited = []
    for quote in found:
        verb = doc.token_at(quote.cue[0][0]) if quote.rule == "verb-complement" and quote.cue else None
        if verb is None:
            continue
        for child in doc.children(verb):
            source = _cited_source(doc, child)
            if source is not None:
                cited.append(make_quote(doc, list(quote.content), [doc.span(child, child)], cue_for("cite"),
                                        [mention_span(doc, source)], "citing", 0.8))
    return cited


ATTITUDE_CLASSES = ("cognition", "evidential")


def drop_nested_reports(ctx: Context, found: list[Quote]) -> list[Quote]:
    """Quotes whose cue lies inside another quote's words and that are part of what that
    quote reports, not an attribution of their own:

    - a thought or a piece of evidence: "She said [she believes the bridge is safe]", "the
      mayor said [polls show ...]" (on PolNeAR train, nine in ten such proposals match no
      annotation);
    - the object of a verb: "he said [Trump attacked Cruz]", "what he calls [the
      'Washington cartel']" (63 of 290 match an annotation);
    - a cue in the middle of the quotation marks of another quote: 'the candidate will
      "continue to do so"', 'Trump "relentlessly attacks us"' (1 of 83 match an
      annotation). A cue that opens the quotation is the report of the speaker quoted:
      'Wang had "demanded that the US stop ..."' stays.

    - a verb of stance as a complement there, quoted or not: "he said [Trump agreed that
      ...]", 'she said [Rubio will "continue to ..."]' (`senses.states_a_stance`).

    Other speech nested in speech stays: "Song said [Clinton had said ...]"."""
    outer = sorted(span for quote in found for span in quote.content)
    starts = [s for s, _ in outer]
    reach = list(accumulate((e for _, e in outer), max))  # the furthest end of the spans so far
    return [quote for quote in found if not quote.cue or not _part_of_outer(ctx, quote)
            or not _inside_another(quote, outer, starts, reach)]


def _part_of_outer(ctx: Context, quote: Quote) -> bool:
    """Whether `quote`, when its cue lies in another quote's words, belongs to that quote."""
    return (quote.cue_class in ATTITUDE_CLASSES or quote.rule == "verb-object" or _quoted_cue(ctx, quote)
            or _nested_stance(ctx, quote))


def _nested_stance(ctx: Context, quote: Quote) -> bool:
    """A verb of stance in the complement of the words around it ("he said Trump agreed
    [that ...]", 'vowed to "continue the fight"'): part of those words."""
    verb = ctx.doc.token_at(quote.cue[0][0])
    return verb is not None and states_a_stance(ctx.doc, verb, quote.cue_lemma or "")


def _quoted_cue(ctx: Context, quote: Quote) -> bool:
    """Whether the cue stands inside quotation marks after their first word."""
    cue = quote.cue[0][0]
    quotation = ctx.quotation_at(cue)
    if quotation is None:
        return False
    start = next(s for s, e in quotation.pieces if s <= cue < e)
    return bool(ctx.doc.text[start:cue].strip("".join(QUOTE_MARKS) + " "))


def _inside_another(quote: Quote, outer: list[tuple[int, int]], starts: list[int], reach: list[int]) -> bool:
    """Whether the quote's cue lies inside the words of another quote: a look-up in the
    spans sorted by start, then, only when one of them covers the cue, a walk back from the
    nearest start to the first covering span that is not the quote's own."""
    cue = quote.cue[0][0]
    last = bisect_right(starts, cue) - 1
    if last < 0 or reach[last] <= cue:
        return False
    return any(cue < outer[i][1] and outer[i] not in quote.content for i in range(last, -1, -1))


def _cited_source(doc: Document, verb: int) -> int | None:
    """The speaker cited by a participle "citing X" set beside another cue."""
    token = doc.tokens[verb]
    if token.lemma.lower() != "cite" or token.xpos != "VBG" or token.deprel not in ("advcl", "xcomp", "conj"):
        return None
    if cue_for(doc.tokens[token.head].lemma) is None or token.head == verb:
        return None
    cited = next((c for c in doc.children(verb) if doc.tokens[c].deprel == "obj"), None)
    if cited is None or not speaks(doc, cited) or _marker_of_child(doc, cited, "of"):
        return None  # "citing the release of political prisoners": an event, not a press release
    return cited


def _marker_of_child(doc: Document, node: int, marker: str) -> bool:
    return any(doc.tokens[c].deprel == "nmod" and _marker(doc, c) == marker for c in doc.children(node))


def _to_the_effect(doc: Document, verb: int) -> list[int]:
    """"issued a statement to the effect (that) the king considered it inappropriate ...",
    "said something to the effect that ...": the clause after "to the effect" is what
    was said, however the parser hung it (on "effect", on "statement", on the cue)."""
    sentence = doc.sentences[doc.tokens[verb].sent]
    words = [t.text.lower() for t in doc.tokens[verb + 1:min(verb + 9, sentence.last + 1)]]
    for n in range(len(words) - 2):
        if words[n:n + 3] == ["to", "the", "effect"]:
            first = verb + n + 4
            break
    else:
        return []
    if first <= sentence.last and doc.tokens[first].text.lower() == "that":
        first += 1
    after = range(first, sentence.last + 1)
    heads = [i for i in after if doc.tokens[i].head not in after or doc.tokens[i].head == i]
    clause = next((i for i in heads if doc.tokens[i].upos in ("VERB", "AUX")), None)
    if clause is None or doc.tokens[clause].head in after:
        return []
    return sorted(i for h in heads if h <= clause for i in doc.subtree(h) if i >= first)


def _asked_for(doc: Document, verb: int) -> bool:
    """"pressed the Chinese [to release detained citizens]", "urged him [to call for
    talks]": a speech act inside what another cue asked for is that cue's content."""
    node = verb
    while doc.tokens[node].deprel == "conj" and doc.tokens[node].head != node:
        node = doc.tokens[node].head  # "to release ... and [to take] steps"
    if doc.tokens[node].deprel != "xcomp" or node == verb and doc.tokens[node].head == node:
        return False
    cue = cue_for(doc.tokens[doc.tokens[node].head].lemma)
    return cue is not None and cue.cls == "speech"


def _quoted_after(ctx: Context, tokens: list[int], verb: int) -> bool:
    """Whether `tokens` are words in quotation marks after `verb`, set off by a comma or a
    colon: 'defended his decision, "As I have stated ..."'."""
    if not tokens or tokens[0] < verb:
        return False
    doc = ctx.doc
    quotation = ctx.quotation_at(doc.tokens[tokens[0]].start)
    if quotation is None or any(ctx.quotation_at(doc.tokens[i].start) is not quotation for i in tokens
                                if doc.tokens[i].upos != "PUNCT"):
        return False
    return doc.text[doc.tokens[verb].end:quotation.start].rstrip().endswith((",", ":"))


def _has_quoted_words(ctx: Context, tokens: list[int]) -> bool:
    return any(ctx.quotation_at(ctx.doc.tokens[i].start) for i in tokens)


ATTACHING = re.compile(r"[\s,\u2014\u2013-]*(?:as\s+)?")


def _subject_phrase(doc: Document, subject: int | None) -> list[Span]:
    """The words of the speaker's noun phrase up to its head: `A, the news site RTL Info
    reported`, `A, a spokeswoman, Jane Doe, said` are attached to the cue by the phrase's
    first word, though the speaker's mention is the name further on."""
    if subject is None:
        return []
    return [doc.span(min(doc.subtree(subject)), subject)]


def _attached(ctx: Context, pieces: list[Span], anchors: list[Span]) -> list[Span]:
    """Drop content before the cue and speaker that a colon, semicolon or sentence end
    cuts off from them ("... as an example: He says ...", "...; 46 percent said ...")."""
    first = min(s for s, _ in anchors)
    kept: list[Span] = []
    for start, end in pieces:
        if end <= first and not ATTACHING.fullmatch(ctx.doc.text, end, first):
            kept = []
            continue
        kept.append((start, end))
    return kept


def _complement(ctx: Context, verb: int) -> list[int]:
    """Tokens of what `verb` reports: its clausal complement, a quoted object, or the
    quoted clause it is attached to (`"...," he said` parsed with the quote as head)."""
    doc = ctx.doc
    tokens = _stray_predicate(doc, verb) or _own_complements(ctx, verb) or _clause_after_modifier(doc, verb)
    head = doc.tokens[verb].head
    if not tokens and head != verb and (doc.tokens[verb].deprel in COMPLEMENTS or _comma_conjunct(doc, verb)
                                        and ctx.quotation_at(doc.tokens[head].start) is None):
        own = set(doc.subtree(verb))
        quotation = ctx.quotation_at(doc.tokens[head].start)
        if quotation is not None:
            tokens = [i for i in doc.subtree(head) if i not in own]
            # the quoted clause's side of the cue only: not "..., as fighters worked out"
            # after `"...," he said`, nor "Asked by X, ..." before `she said, "..."`
            if quotation.start < doc.tokens[verb].start:
                tokens = [i for i in tokens if i < verb]
            else:
                fronted = _fronted_subject(doc, tokens, min(own)) or fronted_half(ctx, tokens, min(own))
                tokens = fronted + [i for i in tokens if i > min(own)]
        elif _parenthetical(doc, verb, own):
            sentence = doc.sentences[doc.tokens[verb].sent].tokens
            tokens = [i for i in doc.subtree(head) if i not in own and i in sentence]
    if not tokens:
        tokens = _set_off(doc, verb) or _as_clause(doc, verb)
    if not tokens and doc.tokens[verb].deprel == "root":
        tokens = _fronted(doc, verb)
    tokens = _quotation_first(ctx, sorted(tokens), verb)
    return _from_boundary(ctx, trim_complement(ctx, tokens, verb), verb)


def _comma_conjunct(doc: Document, verb: int) -> bool:
    """`A, his top aide told reporters.` parsed as two clauses joined by the comma: the cue
    a conjunct of A's verb, with no "and" or "but" of its own, nor an object other than
    whom it addresses ("..., pledging [to cut taxes]", "..., cited [the figures]")."""
    token = doc.tokens[verb]
    addressing = token.lemma.lower() in ADDRESSING
    return token.deprel == "conj" and token.head < verb and not any(
        doc.tokens[c].deprel == "cc" or doc.tokens[c].deprel in ("obj", "xcomp") and not addressing
        for c in doc.children(verb))


STRAY = {"conj", "advcl", "ccomp"}
"""How the parser hangs a reported clause's verb whose subject it took for the cue's object."""
ADDRESSING = {"tell", "inform", "brief", "remind", "ask", "assure", "warn", "urge", "advise"}
"""Verbs whose object is whom they address ("told reporters, ..."), not the reported
clause's subject."""


def _stray_predicate(doc: Document, verb: int) -> list[int]:
    """`claimed Iran, especially, is influencing the government`, `a statement saying an
    attack that day produced no casualties`: the parser made the reported clause's
    subject the cue's object and its verb a conjunct, an adverbial clause or a subjectless
    complement of the cue (or of a word the cue hangs from). Such a verb with no subject,
    conjunction or subordinator of its own, right after the object, is that clause's
    verb: the words from the object to its end are the clause."""
    token = doc.tokens[verb]
    if token.lemma.lower() in ADDRESSING or any(doc.tokens[c].deprel == "iobj" for c in doc.children(verb)):
        return []
    obj = next((c for c in doc.children(verb) if doc.tokens[c].deprel == "obj"
                and doc.tokens[c].upos in ("NOUN", "PROPN")), None)
    if obj is None or any(doc.tokens[i].deprel == "acl:relcl" for i in doc.subtree(obj)):
        return []  # "continue the policies that have weakened ..., stifled ...": the relative clause's
    end = max(doc.subtree(obj))
    node = verb
    while True:
        conj = next((c for c in doc.children(node) if c > end and doc.tokens[c].deprel in STRAY), None)
        if conj is not None:
            break
        if doc.tokens[node].head == node:
            return []
        node = doc.tokens[node].head
    children = doc.children(conj)
    if (doc.tokens[conj].upos not in ("VERB", "AUX") or not doc.tokens[conj].text.isalpha()
            or any(doc.tokens[c].deprel in SUBJECTS or doc.tokens[c].deprel == "mark"
                   or doc.tokens[c].deprel == "cc" and (c < conj or not _has_auxiliary(doc, conj)) for c in children)
            or not _finite(doc, conj)
            or doc.tokens[conj].sent != token.sent):
        return []
    between = range(end + 1, min(doc.subtree(conj)))
    if not all(doc.tokens[i].text == "," or doc.tokens[i].upos not in ("CCONJ", "PUNCT")
               and doc.tokens[i].deprel != "acl:relcl"
               and (doc.tokens[i].head == verb or doc.tokens[i].head in between) for i in between):
        return []
    return list(range(min(doc.subtree(obj)), max(doc.subtree(conj)) + 1))


def _clause_after_modifier(doc: Document, verb: int) -> list[int]:
    """The reported clause of a cue the parser took for an adjective ("..., cautioned
    [reform does not come quickly]"): that clause's words after the cue."""
    misread = cue_read_as_modifier(doc, verb)
    return [i for i in doc.subtree(misread[1]) if i > verb] if misread is not None else []


def _has_auxiliary(doc: Document, verb: int) -> bool:
    """"is [influencing] ... and inducing": a verb with an auxiliary of its own heads a
    clause whose conjuncts are its own, not a list of the cue's ("spoke Hebrew, quoted
    the Talmud and visited ...")."""
    return any(doc.tokens[c].deprel in ("aux", "aux:pass") and doc.tokens[c].text.lower() != "to"
               for c in doc.children(verb))


def _finite(doc: Document, verb: int) -> bool:
    """A verb in the past or present tense, or with an auxiliary other than "to"."""
    return doc.tokens[verb].xpos in ("VBD", "VBZ", "VBP") or any(
        doc.tokens[c].deprel in ("aux", "aux:pass", "cop") and doc.tokens[c].text.lower() != "to"
        for c in doc.children(verb))


def _fronted_subject(doc: Document, tokens: list[int], cue_start: int) -> list[int]:
    """`The industry, she said, is "doing much better."`: the words of `tokens` before
    the cue and its speaker, when they hold the subject of the clause that goes on after
    them (the fronted half of a split clause); none otherwise ("Asked by X, she said,
    "..."")."""
    before = [i for i in tokens if i < cue_start]
    after = {i for i in tokens if i > cue_start}
    if any(doc.tokens[i].deprel in SUBJECTS and doc.tokens[i].head in after for i in before):
        return before
    return []


def _quotation_first(ctx: Context, tokens: list[int], verb: int) -> list[int]:
    """`X told the press in an interview, "A." B.` parsed with B as the complement: a
    quotation that stands between the cue and its complement, after a comma or a colon,
    is what the cue reports."""
    doc = ctx.doc
    if not tokens or tokens[0] < verb:
        return tokens
    end = doc.tokens[verb].end
    first = doc.tokens[tokens[0]].start
    quotation = next((q for q in ctx.quotations if end <= q.start and q.end <= first), None)
    if quotation is None or not doc.text[end:quotation.start].rstrip().endswith((",", ":")):
        return tokens
    if ctx.quotation_at(first) is not None or "\n" in doc.text[end:first]:
        return tokens
    start_token, end_token = doc.token_at(quotation.start), doc.token_at(quotation.end - 1)
    if start_token is None or end_token is None:
        return tokens
    return list(range(start_token, end_token + 1))


def _own_complements(ctx: Context, verb: int) -> list[int]:
    """Tokens of the verb's clausal complements and of its quoted objects. When a
    complement runs on from the cue (no comma between), a clause before the cue without
    quotation marks is not its words but a clause of its own the parser hung from it:
    "The firm denied the claims, however, a review concluded [the tests showed flaws]",
    "raised concerns about X, noted [all members have an interest in Y]"."""
    doc = ctx.doc
    owned = {_clause_hung_on_verb(doc, c) for c in doc.children(verb)
             if noun_cue(doc.tokens[c].lemma, ctx.cue_classes) and _named_author(doc, c) is not None}
    children = [c for c in doc.children(verb) if doc.tokens[c].deprel in COMPLEMENTS and c not in owned
                or (doc.tokens[c].deprel in ("obj", "xcomp") and _touches_quotation(ctx, c))]
    if any(c > verb and _runs_on(doc, verb, c) for c in children):
        children = [c for c in children if c > verb or _touches_quotation(ctx, c)]
    return sorted(i for c in children for i in doc.subtree(c))


def _runs_on(doc: Document, verb: int, child: int) -> bool:
    """Whether the words of `child` follow the cue `verb` with no comma between."""
    return all(doc.tokens[i].text != "," for i in range(verb + 1, min(doc.subtree(child))))


BOUNDARIES = {":", ";", "-", "\u2013", "\u2014", "--"}


def _from_boundary(ctx: Context, tokens: list[int], verb: int) -> list[int]:
    """`"...," X said` reports the quotation, not what comes before a colon, semicolon or
    dash ahead of it: "Cruz defends his record on TV: "...," he says"."""
    doc = ctx.doc
    quoted = [quotation for i in tokens if i < verb
              and (quotation := ctx.quotation_at(doc.tokens[i].start)) is not None]
    if not quoted:
        return tokens
    start = quoted[0].start
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


SET_OFF_MODIFIERS = {"advmod", "obl", "obl:tmod", "obl:npmod", "compound:prt"}


def _set_off(doc: Document, verb: int) -> list[int]:
    """`A, X said, B.` and `A, as X pointed out, B.` whatever the parse: the cue and its
    speaker (and what modifies the cue) set off by commas inside a sentence; the words
    are the sentence around them."""
    subject = next((c for c in doc.children(verb) if doc.tokens[c].deprel in SUBJECTS), None)
    if subject is None:
        return []
    sentence = doc.sentences[doc.tokens[verb].sent]
    first = min(min(doc.subtree(subject)), verb)
    last = max(max(doc.subtree(subject)), verb)
    marker = next((c for c in doc.children(verb) if doc.tokens[c].deprel == "mark" and c == first - 1
                   and doc.tokens[c].text.lower() == "as"), None)
    if marker is not None:
        first = marker  # "Hawaii, as one of his advisers pointed out, rarely gets hurricanes"
    elif doc.tokens[verb].deprel not in ("root", "parataxis", "ccomp"):
        return []
    modifiers = [c for c in doc.children(verb) if c > verb and doc.tokens[c].deprel in SET_OFF_MODIFIERS]
    while modifiers and min(doc.subtree(modifiers[0])) == last + 1:
        last = max(doc.subtree(modifiers.pop(0)))  # "said on Monday", "pointed out"
    if first - 1 <= sentence.first or last + 2 > sentence.last or doc.tokens[last + 1].text != ",":
        return []
    if marker is not None and doc.tokens[first - 1].deprel == "cc" and doc.tokens[first - 2].text == ",":
        return list(range(last + 2, sentence.last + 1))  # "A, and as you said, B": B
    if doc.tokens[first - 1].text != ",":
        return []
    return [*range(sentence.first, first - 1), *range(last + 2, sentence.last + 1)]


GAP_FILLERS = {"obj", "iobj", "ccomp", "xcomp", "csubj"}
"""Arguments that fill the gap of an "as" clause: "as he announced the plan" is a time."""
AS_CLAUSE_CUES = set("""put say note report write explain point observe argue tell recall remind reveal
    confirm acknowledge admit mention state tweet claim predict warn stress emphasize emphasise
    concede insist disclose""".split())
"""Verbs whose "as X ..." without an object stands for a statement ("as the paper
noted, ..."); others in an "as" clause say when ("as he spoke, ...", "as she joked, ...")
or name a thing ("a tax, as Sanders proposed")."""


def _puts_it(doc: Document, verb: int) -> bool:
    """"put it": "as one professor put it, ...", "X put it bluntly: "..."", whose "it"
    stands for the words reported."""
    objects = [c for c in doc.children(verb) if doc.tokens[c].deprel in GAP_FILLERS]
    return doc.tokens[verb].lemma.lower() == "put" and len(objects) == 1 and doc.tokens[objects[0]].text.lower() == "it" \
        and doc.tokens[objects[0]].deprel == "obj"


def _as_clause(doc: Document, verb: int) -> list[int]:
    """`As X noted, A.`, `A, as X reported.` and `As reported by X, A.`: a cue in an "as"
    clause with a gap for its words (no object or clause of its own), set off by a comma
    from the clause it hangs on; the words are that clause."""
    token = doc.tokens[verb]
    own = doc.subtree(verb)
    first, last = min(own), max(own)
    if (token.deprel != "advcl" or token.head == verb or doc.tokens[first].text.lower() != "as"
            or token.lemma.lower() not in AS_CLAUSE_CUES
            or doc.tokens[first].deprel != "mark" or doc.tokens[first].head != verb
            or not any(doc.tokens[c].deprel in SUBJECTS for c in doc.children(verb)) and _as_by(doc, verb) is None
            or any(doc.tokens[c].deprel in GAP_FILLERS for c in doc.children(verb)) and not _puts_it(doc, verb)):
        return []
    head = token.head
    if head > last and not (last + 1 < len(doc.tokens) and doc.tokens[last + 1].text == ","):
        return []
    if head < first and not (first > 0 and doc.tokens[first - 1].text == ","):
        return []
    sentence = doc.sentences[token.sent].tokens
    return [i for i in doc.subtree(head) if (i > last + 1 or i < first - 1) and i in sentence]


def _as_by(doc: Document, verb: int) -> int | None:
    """The X of `as reported by X`, `as first noted by X`: a passive cue in an "as" clause
    with no subject, whose speaker is its agent (not the subject of the clause it hangs on)."""
    token = doc.tokens[verb]
    children = doc.children(verb)
    if token.xpos != "VBN" or any(doc.tokens[c].deprel in SUBJECTS for c in children) or not any(
            doc.tokens[c].deprel == "mark" and doc.tokens[c].text.lower() == "as" for c in children):
        return None
    return agent_of(doc, verb)


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


def _object(ctx: Context, verb: int) -> list[int]:
    """What a verb reports through its objects and prepositional arguments, for verbs
    whose arguments are what was said: "emphasised the importance of ...", "called for
    a recount", "accused Republicans of ...", "referring to the judge". The run of
    arguments after the verb, up to a comma, a conjunction or another clause, without
    the adverbials that date or place the saying ("in a statement", "on Monday") or
    name whom it was addressed to ("spoke to reporters")."""
    doc = ctx.doc
    token = doc.tokens[verb]
    if token.deprel in ("amod", "acl") and token.xpos == "VBN":
        return []  # "the candidates described as ...", "a woman accused of ..."
    tokens: list[int] = []
    core = False
    lemma = doc.tokens[verb].lemma
    for child in doc.children(verb):
        token = doc.tokens[child]
        if child < verb or token.deprel in VERB_PARTS or token.deprel in FRAMES:
            continue
        if token.upos == "PUNCT" and ctx.quotation_at(token.start) is not None:
            continue  # the opening mark of a quoted argument: 'called it "a non-starter"'
        if token.deprel not in ARGUMENTS:
            break
        if not tokens and token.deprel in ("obj", "iobj") and (
                token.text.lower() in TRIVIAL_OBJECTS or token.upos == "PRON"):
            if lemma.lower() in STANCE_VERBS and token.text.lower() in PERSONAL_OBJECTS:
                tokens.append(child)  # "voters who back [her]": whom the stance is for
                core = True
            elif _predicated(ctx, verb, child):
                tokens += doc.subtree(child)  # "called [him a liar]", "accused [her of ...]"
            continue
        marked = token.deprel in ("obl", "advcl") and _is_argument_marker(_marker(doc, child), lemma)
        entity = doc.entity_at(child)
        if marked and _marker(doc, child) == "on" and entity is not None and entity.label in ("DATE", "TIME"):
            marked = False  # "called on Monday for calm"
        if token.deprel == "advcl" and tokens and doc.tokens[tokens[0]].text.lower() == "on" and any(
                doc.tokens[c].text.lower() == "to" and doc.tokens[c].upos == "PART" for c in doc.children(child)):
            marked = True  # "called on officials [to ensure ...]"
        if token.deprel == "advcl" and marked and _marker(doc, child) == "as" and has_subject(doc, child):
            marked = False  # "said [as she walked in]": when it was said, not what
        if token.deprel == "obl" and _object_continues(doc, tokens, child):
            marked = True  # "announced his engagement [to the actress]", "pledged her vote [to Clinton]"
        if token.deprel in ("obl", "advcl") and not marked:
            continue  # "spoke [to the council] on Monday about ...": the addressee, the time
        core = core or marked or token.deprel in ("obj", "xcomp", "ccomp")
        tokens += doc.subtree(child)
    return trim_object(ctx, sorted(tokens), verb) if core else []


def _object_continues(doc: Document, tokens: list[int], node: int) -> bool:
    """Whether a "to" phrase the parser hung on the verb goes on the object right before
    it, with no comma between: "announced his engagement [to the actress]", "reported
    different numbers [to different agencies]", "reaffirmed their opposition [to the
    plan]". PolNeAR train: the annotators keep such a phrase in 15 of 17 summaries. Not
    the addressee of a verb with no object before it ("spoke [to reporters]")."""
    return bool(tokens) and _marker(doc, node) == "to" and min(doc.subtree(node)) == max(tokens) + 1


STANCE_VERBS = {"support", "endorse", "back", "oppose", "favor", "favour"}
PERSONAL_OBJECTS = {"him", "her", "them", "me", "us"}
"""A stance's object is its content even as a pronoun: PolNeAR annotates "[I] support |
him" as an attitude (cognition cues only: no speech verb here)."""


PREDICATE_MARKERS = {"of", "as", "for", "with", "over", "against", "on"}
"""Prepositions that say what the speech said of its object: "accused him [of] lying",
"described it [as] a disaster", "blamed them [for] the delay"."""


def _predicated(ctx: Context, verb: int, pronoun: int) -> bool:
    """Whether a pronoun object of `verb` is what the speech was about, a predicate about
    it following: "called [him a liar]", "accused [her of lying]", "described [himself as
    a moderate]". Not the person addressed before an infinitive ("urged him [to
    resign]"), nor an object named by a quotation ('called it ["a non-starter"]'); a
    predicate that opens with words of the reporter's keeps it ('called [him a “loser”]':
    PolNeAR train keeps the pronoun in 22 of 28 such summaries)."""
    doc = ctx.doc
    following = [c for c in doc.children(verb) if c > pronoun]
    predicates = [c for c in following if doc.tokens[c].deprel == "xcomp" and not _infinitive(doc, c)]
    if any(_opens_quoted(ctx, c) for c in predicates):
        return False
    return bool(predicates) or any(doc.tokens[c].deprel in ("obl", "advcl") and _marker(doc, c) in PREDICATE_MARKERS
                                   and not _all_quoted(ctx, c) for c in following)


def _infinitive(doc: Document, node: int) -> bool:
    """Whether `node` is a verb with its "to" ("urged him [to resign]")."""
    return any(c < node and doc.tokens[c].text.lower() == "to" and doc.tokens[c].deprel in ("mark", "aux")
               for c in doc.children(node))


def _opens_quoted(ctx: Context, node: int) -> bool:
    """Whether the first word of `node`'s phrase is inside quotation marks."""
    doc = ctx.doc
    first = next((i for i in doc.subtree(node) if doc.tokens[i].upos != "PUNCT"), node)
    return ctx.quotation_at(doc.tokens[first].start) is not None


def _all_quoted(ctx: Context, node: int) -> bool:
    """Whether every word of `node`'s phrase is inside quotation marks."""
    doc = ctx.doc
    return all(ctx.quotation_at(doc.tokens[i].start) is not None for i in doc.subtree(node)
               if doc.tokens[i].upos != "PUNCT")


def _object_clause(ctx: Context, verb: int) -> tuple[int, list[int]]:
    """"expressed concern | that ...", "repeated his claim | that ...", "reiterated their
    agreement | that ...": the "that" clause of the verb's object is the reported clause,
    and the object belongs to the cue. Only for verbs whose subject utters what its
    object names (`UTTERING_VERBS`): "denied the claim that ..." and "maintains a position
    that ..." are summaries, not the speaker's words. The last token of the cue and the
    clause's tokens (none without such an object)."""
    doc = ctx.doc
    if doc.tokens[verb].lemma.lower() not in UTTERING_VERBS:
        return verb, []
    for child in doc.children(verb):
        if child < verb or doc.tokens[child].deprel != "obj" or doc.tokens[child].upos != "NOUN":
            continue
        if any(doc.tokens[c].text.lower() in NEGATIONS for c in doc.children(child)):
            continue  # "offered no proof that ...": nothing of the kind was said
        clause = next((c for c in doc.children(child) if doc.tokens[c].deprel in ("acl", "ccomp")
                       and _opens_with_that(doc, c)), None)
        if clause is not None:
            return child, trim_complement(ctx, doc.subtree(clause), verb)
    return verb, []


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
    return (marker in ARGUMENT_MARKERS or marker == "to" and lemma.lower() in TO_ARGUMENT_VERBS
            or marker == "on" and lemma.lower() in ON_ARGUMENT_VERBS)


def _marker(doc: Document, node: int) -> str | None:
    """The preposition or subordinator that introduces `node` ("about", "of", "whether")."""
    for child in doc.children(node):
        if child < node and doc.tokens[child].deprel in ("case", "mark"):
            return doc.tokens[child].text.lower()
    return None


def _touches_quotation(ctx: Context, node: int) -> bool:
    return any(ctx.quotation_at(ctx.doc.tokens[i].start) for i in ctx.doc.subtree(node))


def speaker_of(doc: Document, verb: int) -> int | None:
    subject = _as_by(doc, verb) or subject_of(doc, verb)
    if subject is None:
        return None
    token = doc.tokens[subject]
    if token.text.lower() in RELATIVE_PRONOUNS:
        verb_token = doc.tokens[verb]
        if verb_token.deprel == "acl:relcl":
            return verb_token.head
    return subject


def negated(doc: Document, verb: int) -> bool:
    """"did not say", "never said", "neither side confirmed"; not the words of a quote
    before its cue (`"Probably not," she said`)."""
    for child in doc.children(verb):
        token = doc.tokens[child]
        if token.text.lower() in NEGATIONS and not (
                child < verb and any(doc.tokens[i].upos == "PUNCT" for i in range(child + 1, verb))):
            return True
        if token.deprel in ("nsubj", "nsubj:pass") and any(
                doc.tokens[d].text.lower() in NEGATIONS for d in doc.children(child)):
            return True
    return False


def _content_noun(ctx: Context, noun: int) -> Quote | None:
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
    if clause is None and _named_author(doc, noun) is not None:
        clause = _clause_hung_on_verb(doc, noun)
    if clause is None:
        return None
    speaker = _noun_speaker(doc, noun)
    if speaker is None:
        return None  # "concerns that ...", "no sign that ...": nobody says it
    source = [mention_span(doc, speaker)]
    cue_span = doc.span(noun, noun)
    pieces = content_pieces(ctx, trim_leading(doc, doc.subtree(clause)), exclude=[cue_span, *source])
    if not pieces:
        return None
    return make_quote(doc, pieces, [cue_span], cue, source, "noun-clause", 0.6)


def _named_author(doc: Document, noun: int) -> int | None:
    """The author a noun of saying names itself, other than by a pronoun: "[the mayor's]
    statement", "a warning [from the union]"."""
    for child in doc.children(noun):
        token = doc.tokens[child]
        if token.upos != "PRON" and (token.deprel == "nmod:poss" or token.deprel == "nmod"
                                     and _marker(doc, child) in ("from", "by")):
            return child
    return None


DATING = {"obl", "obl:tmod", "obl:npmod", "advmod"}


def _clause_hung_on_verb(doc: Document, noun: int) -> int | None:
    """"recalled the mayor's statement earlier this year [that tenants should pay
    more]": the parser hung the noun's "that" clause on the verb that takes the noun,
    past the adverbials that date it. The clause, if so."""
    token = doc.tokens[noun]
    if token.deprel != "obj" or token.head == noun:
        return None
    verb = token.head
    end = max(doc.subtree(noun))
    for child in doc.children(verb):
        if child <= end or doc.tokens[child].deprel != "ccomp" or not _opens_with_that(doc, child):
            continue
        between = range(end + 1, min(doc.subtree(child)))
        dating = {i for c in doc.children(verb) if doc.tokens[c].deprel in DATING for i in doc.subtree(c)}
        return child if all(i in dating for i in between) else None
    return None


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


UTTERING_VERBS = {"make", "issue", "repeat", "reiterate", "voice", "express", "offer", "deliver", "release", "give"}
"""Verbs whose subject is the author of their object: "made the claim that ..."."""


def _according_to(ctx: Context, according: int) -> Quote | None:
    """`According to X, ...`, `..., according to X.` and `Per X, ...`: the rest of the
    sentence, without the phrase that names the source ("according to a poll published
    by NBC last week")."""
    doc = ctx.doc
    tokens = doc.tokens
    if tokens[according].text.lower() == "per":
        to = according
        if tokens[according].upos != "ADP" or not _opens_sentence(doc, according):
            return None
    elif according + 1 >= len(tokens) or tokens[according + 1].text.lower() != "to":
        return None
    else:
        to = according + 1
    source_head = _noun_after(doc, to)
    if source_head is None:
        return None
    inside = ctx.quotation_at(tokens[according].start)
    if inside is not None and ctx.quotation_at(tokens[source_head].start) is inside:
        return None  # the speaker's own words ("according to royal laws"), not a report in them
    source = mention_span(doc, source_head)
    sentence = doc.sentences[tokens[according].sent]
    said = {i for c in doc.children(source_head) if _said_after_source(doc, c) for i in doc.subtree(c)}
    phrase = [i for i in doc.subtree(source_head) if sentence.first <= i <= sentence.last and i not in said]
    phrase_end = max(source[1], tokens[to].end, tokens[max(phrase)].end)
    pieces = []
    before = [i for i in sentence.tokens if tokens[i].end <= tokens[according].start]
    cut = [i for i in before if tokens[i].text == ":"]
    if cut:
        before = [i for i in before if i > cut[-1]]  # "Among the tidbits: A, according to X"
    before, after = around_the_source(doc, before, source_head,
                                      [i for i in sentence.tokens if tokens[i].start >= phrase_end])
    for run in (before, after):
        pieces += content_pieces(ctx, trim_leading(doc, run))
    if not pieces:
        return None
    return make_quote(doc, pieces, [doc.span(according, to)], ACCORDING_TO, [source],
                  "according-to", 0.85)


def _said_after_source(doc: Document, child: int) -> bool:
    """"A and, according to Turkey, [supportive of the PKK]": a predicate the parser hung
    on the source as an appositive is what was said, not a name of the source."""
    token = doc.tokens[child]
    return token.deprel == "appos" and token.upos in ("ADJ", "VERB") and child > doc.tokens[child].head


IN_THE_WORDS_OF = {"words", "analysis", "assessment", "estimate", "estimation", "judgment", "judgement"}
"""Nouns of `In the words of X, A`, `In the analysis of X, A`: X said or wrote A."""


def _in_the_words_of(ctx: Context, in_: int) -> Quote | None:
    """`In the words of X, A` and `In the analysis of the Institute, A` opening a
    sentence: the rest of the sentence is X's (cue: the phrase up to "of")."""
    doc, tokens = ctx.doc, ctx.doc.tokens
    of = in_ + 3
    if (of >= len(tokens) or not _opens_sentence(doc, in_) or tokens[in_ + 1].text.lower() != "the"
            or tokens[in_ + 2].text.lower() not in IN_THE_WORDS_OF or tokens[of].text.lower() != "of"):
        return None
    if ctx.quotation_at(tokens[in_].start) is not None:
        return None
    sentence = doc.sentences[tokens[in_].sent]
    comma = next((i for i in range(of + 1, min(of + 14, sentence.last)) if tokens[i].text == ","), None)
    if comma is None or comma == of + 1:
        return None  # the source is the words up to the first comma, whatever the parse
    pieces = content_pieces(ctx, trim_leading(doc, list(range(comma + 1, sentence.last + 1))))
    if not pieces:
        return None
    return make_quote(doc, pieces, [doc.span(in_, of)], IN_WORDS_CUE, [doc.span(of + 1, comma - 1)],
                      "in-the-words-of", 0.8)


IN_WORDS_CUE = Cue("in the words of", "speech", "neutral")


POLL_NOUNS = {"poll", "polls", "survey", "surveys"}
IN_A_POLL_CUE = Cue("in", "evidential", "neutral")


def _in_a_poll(ctx: Context, in_: int) -> Quote | None:
    """`In a Marist poll released Monday, 50 percent chose Ortiz`: opening a sentence, a
    poll or survey is the source of the clause after it (evidential cues only; the cue
    is "In", the source the poll's whole phrase, commas included)."""
    doc, tokens = ctx.doc, ctx.doc.tokens
    if "evidential" not in ctx.cue_classes or not _opens_sentence(doc, in_):
        return None
    poll = tokens[in_].head
    if poll <= in_ or tokens[poll].lemma.lower() not in POLL_NOUNS and tokens[poll].text.lower() not in POLL_NOUNS:
        return None
    if ctx.quotation_at(tokens[in_].start) is not None:
        return None
    sentence = doc.sentences[tokens[in_].sent]
    last = max(doc.subtree(poll))
    if last + 2 > sentence.last or tokens[last + 1].text != ",":
        return None
    clause = trim_leading(doc, list(range(last + 2, sentence.last + 1)))
    if not any(tokens[i].upos in ("VERB", "AUX") for i in clause):
        return None  # "In the polls, anyway.": no clause, nothing the poll found
    pieces = content_pieces(ctx, clause)
    if not pieces:
        return None
    return make_quote(doc, pieces, [doc.span(in_, in_)], IN_A_POLL_CUE, [doc.span(in_ + 1, last)],
                      "in-a-poll", 0.7)


def _opens_sentence(doc: Document, i: int) -> bool:
    sentence = doc.sentences[doc.tokens[i].sent]
    return all(doc.tokens[j].upos == "PUNCT" for j in range(sentence.first, i))


def _noun_after(doc: Document, to: int) -> int | None:
    """The noun that the preposition `to` introduces."""
    head = doc.tokens[to].head
    if head != to and doc.tokens[head].i > to and doc.tokens[head].upos in ("NOUN", "PROPN", "PRON"):
        return head
    for i in range(to + 1, min(to + 8, len(doc.tokens))):
        if doc.tokens[i].upos in ("NOUN", "PROPN", "PRON"):
            return phrase_head(doc, i)
    return None


def phrase_head(doc: Document, i: int) -> int:
    """Climb compounds and flat names to the head of a noun phrase."""
    while doc.tokens[i].deprel in ("compound", "flat", "amod", "det", "nmod:poss") and doc.tokens[i].head != i:
        i = doc.tokens[i].head
    return i


def labelled_turns(ctx: Context) -> list[Quote]:
    """`TAPPER: Do you think ...?`: the paragraph is what the labelled speaker said."""
    doc = ctx.doc
    names = {word.lower() for entity in doc.entities
             if entity.label in ("PERSON", "ORG") and not entity.text.isupper()
             for word in entity.text.split()}
    return [make_quote(doc, [turn.content], [turn.colon], cue_for("say"), [turn.label],
                   "transcript-label", 0.7)
            for turn in transcript_turns(doc.text, names)
            if not ctx.is_ignored(turn.content[0])]


HEADLINE = re.compile(r"[ \t]*(?P<label>[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})"
                      r"(?:[ \t]+on[ \t]+[^:\n]{1,40})?[ \t]*(?P<colon>:)[ \t]+"
                      r"(?P<content>\S[^\n]*?)[ \t.]*$")
"""A headline that attributes its claim: `Pence: Trump Was 'Mocking' Clinton Camp`,
`Obama on Climate Change: The Trends Are 'Terrifying'`."""
HEADLINE_ENTITIES = ("PERSON", "ORG", "NORP", "GPE")


def _names_someone(doc: Document, token: int) -> bool:
    """A proper noun, or a word of a person's, organisation's or country's name."""
    return doc.tokens[token].upos == "PROPN" or any(
        e.label in HEADLINE_ENTITIES and e.first <= token <= e.last for e in doc.entities)


def _named_below(doc: Document, token: int) -> bool:
    """`Sanders: Clinton Email Story Has Moved`: a headline's label the parser took for a
    common noun ("sanders") is a name when the article names a person with that word
    ("Poll:" is no one's name, even beside "the Quinnipiac Poll")."""
    word = doc.tokens[token].text
    after = doc.sentences[doc.tokens[token].sent].last
    return word[:1].isupper() and any(e.label == "PERSON" and e.first > after and word in e.text.split()
                                      for e in doc.entities)


def headline_claim(ctx: Context) -> list[Quote]:
    """`Pence: Trump Was 'Mocking' Clinton Camp` as the first line of an article: the
    claim is the named speaker's, the colon its cue. The label must name someone (a
    person's or organisation's name), so "UPDATE:" or "Poll:" are not speakers."""
    doc = ctx.doc
    first_line = doc.text.split("\n", 1)[0]
    match = HEADLINE.fullmatch(first_line)
    if match is None or ctx.is_ignored(0) or count_words(match["content"]) < 3:
        return []
    if ctx.quotation_at(match.start("content")) is not None:
        return []  # `Dana Reyes: “...”`, a colon header (`quotation_rules`)
    last = doc.token_at(match.end("label") - 1)
    if last is None or not (_names_someone(doc, last) or _named_below(doc, last)):
        return []
    if match["label"].upper() == match["label"] and len(match["label"]) > 3:
        return []  # a heading in capitals ("UPDATE:", "BREAKING:"), or a transcript turn
    return [make_quote(doc, [match.span("content")], [match.span("colon")], cue_for("say"),
                       [match.span("label")], "headline-colon", 0.7)]
