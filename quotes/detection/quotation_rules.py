"""Quotation rules: a passage in quotation marks that no cue rule took, attributed by what
stands around it (a cue in its sentence, a colon header, a trailing "-Name", the speaker
of the quote paragraph before it, the person the sentence before is about)."""

from __future__ import annotations

import re

from quotes.detection.assembly import SUMMARY_RULES
from quotes.detection.attribute import mention_span
from quotes.detection.context import (
    MIN_NEARBY_CUE_WORDS,
    MIN_UNATTRIBUTED_WORDS,
    Context,
    count_words,
    is_label,
    is_title,
    make_quote,
    quotation_text,
)
from quotes.detection.cue_rules import negated, phrase_head, speaker_of
from quotes.detection.lexicon import cue_for, reporting_cue
from quotes.detection.quotemarks import Quotation
from quotes.detection.senses import speaks
from quotes.nlp import Document
from quotes.nlp.tree import tokens_in
from quotes.records import Quote, Span


def quotation_rules(ctx: Context, found: list[Quote]) -> list[Quote]:
    """Attribute quotations that no cue rule covered."""
    covered = [span for quote in found for span in quote.content]
    added: list[Quote] = []
    for quotation in ctx.quotations:
        if ctx.is_ignored(quotation.start) or _covered(quotation, covered):
            continue
        for rule in (_cue_in_sentence, _colon_lead_in, _colon_header, _dash_signature, _floating):
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


def _cue_in_sentence(ctx: Context, quotation: Quotation, found: list[Quote]) -> Quote | None:
    """A reporting verb beside the quotation in its sentence: `"...," he said` when the
    parse did not link them."""
    doc = ctx.doc
    first = doc.token_at(quotation.start)
    last = doc.token_at(quotation.end - 1)
    if first is None or last is None:
        return None
    if count_words(quotation_text(ctx, quotation)) < MIN_NEARBY_CUE_WORDS or is_title(quotation_text(ctx, quotation)):
        return None
    used = {span for quote in found if quote.rule not in SUMMARY_RULES for span in quote.cue}
    sentences = range(doc.tokens[first].sent, doc.tokens[last].sent + 1 + _cue_sentence_after(ctx, last))
    best, best_distance = None, None
    for n in sentences:
        for i in doc.sentences[n].tokens:
            token = doc.tokens[i]
            if token.upos != "VERB" or ctx.quotation_at(token.start) or doc.span(i, i) in used:
                continue
            cue = reporting_cue(token.lemma, ctx.cue_classes)
            if cue is None or negated(doc, i):
                continue
            if _reports_antecedent(doc, i):
                i = token.head  # the cue of the clause the relative pronoun stands for
                cue = reporting_cue(doc.tokens[i].lemma, ctx.cue_classes)
                if i == token.i or cue is None or negated(doc, i):
                    continue
                token = doc.tokens[i]
            distance = min(abs(token.start - quotation.end), abs(quotation.start - token.end))
            if best_distance is None or distance < best_distance:
                best, best_distance = (i, cue), distance
    if best is None:
        return None
    verb, cue = best
    subject = speaker_of(doc, verb)
    source = [mention_span(doc, subject)] if subject is not None else []
    return make_quote(doc, list(quotation.pieces), [doc.span(verb, verb)], cue, source,
                  "quote-cue-nearby", 0.7 if source else 0.45)


RELATIVE_PRONOUNS = {"which", "that"}


def _reports_antecedent(doc: Document, verb: int) -> bool:
    """Is `verb` the cue of a relative clause whose object is the relative pronoun
    (`commented on the matter — which the BBC noted as unusual — "..."`)? It reports its
    antecedent (the clause before it), never a quotation beside it."""
    return any(doc.tokens[c].deprel in ("obj", "ccomp") and doc.tokens[c].upos == "PRON"
               and doc.tokens[c].text.lower() in RELATIVE_PRONOUNS and c < verb
               for c in doc.children(verb))


def _cue_sentence_after(ctx: Context, last: int) -> int:
    """1 when the sentence after a quotation begins right after it (`"Why now?" she
    asked.`, split after the question mark): its cue may be the quotation's."""
    doc = ctx.doc
    following = last + 1
    if following >= len(doc.tokens) or doc.tokens[following].sent == doc.tokens[last].sent:
        return 0
    between = doc.text[doc.tokens[last].end:doc.tokens[following].start]
    return int("\n" not in between and doc.tokens[following].upos != "PUNCT")


def _colon_lead_in(ctx: Context, quotation: Quotation, found: list[Quote]) -> Quote | None:
    """`In his message, he praised the general's life: "..."` and `The ministry set out
    its position:` over a quote paragraph: a clause ending in a colon before a quotation,
    whose subject is someone who speaks, introduces that speaker's words whatever its
    verb: the verb is the cue when it is a verb of saying ("In her speech she said:"),
    else the colon. Thoughts (`He thought: "..."`) are not speech."""
    doc, text = ctx.doc, ctx.doc.text
    before = text[:quotation.start].rstrip()
    if not before.endswith(":") or "\n\n\n" in text[len(before):quotation.start]:
        return None
    colon = doc.token_at(len(before) - 1)
    if colon is None or doc.tokens[colon].text != ":" or ctx.quotation_at(doc.tokens[colon].start):
        return None
    head = doc.tokens[colon].head
    reaction = _reaction_to(doc, head, colon)
    head = head if reaction is None else reaction
    while doc.tokens[head].deprel in ("conj", "xcomp") and doc.tokens[head].head != head:
        head = doc.tokens[head].head
    token = doc.tokens[head]
    if token.upos not in ("VERB", "AUX") or negated(doc, head) or head > colon:
        return None
    lexeme = cue_for(token.lemma)
    if lexeme is not None and lexeme.cls not in ctx.cue_classes and reaction is None:
        return None
    subject = speaker_of(doc, head)
    if subject is None or not speaks(doc, subject):
        return None
    said = reporting_cue(token.lemma, ctx.cue_classes)
    cue_span, cue = (doc.span(head, head), said) if said is not None else (doc.span(colon, colon), cue_for("say"))
    return make_quote(doc, list(quotation.pieces), [cue_span], cue, [mention_span(doc, subject)],
                      "colon-lead-in", 0.7)


REACTIONS = {"oppose", "respond", "reply", "answer", "react", "counter", "retort", "rebut"}
"""Verbs of answering or opposing someone's words: `X opposed Y's statement: "..."` gives
X's answer, not Y's statement."""


def _reaction_to(doc: Document, noun: int, colon: int) -> int | None:
    """The verb whose object is `noun`, the phrase the colon closes, when that verb
    reacts to what someone said (answers, opposes, rejects, criticises it): `Bolsonaro
    opposed Macron's statement: "..."` introduces Bolsonaro's words. Verbs that pass
    the words on (`quoted`, `read out`, `cited Y's statement:`) are not reactions."""
    token = doc.tokens[noun]
    if token.upos not in ("NOUN", "PROPN") or token.deprel not in ("obj", "obl") or token.head > noun:
        return None
    verb = doc.tokens[token.head]
    if verb.upos != "VERB" or any(doc.tokens[i].upos not in ("NOUN", "PROPN", "ADJ", "DET", "PART", "PRON", "ADP")
                                  for i in range(noun + 1, colon)):
        return None
    lexeme = cue_for(verb.lemma)
    if verb.lemma.lower() in REACTIONS or lexeme is not None and lexeme.stance == "critical":
        return token.head
    return None


def _colon_header(ctx: Context, quotation: Quotation, found: list[Quote]) -> Quote | None:
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
    if not before.endswith(":") or count_words(before) > 20:
        return None
    colon = line_start + len(before) - 1
    if TOPIC_LABEL.match(before):
        return _topic_label(ctx, quotation, line_start, found)
    subject = _last_name_before(ctx, line_start, colon)
    if subject is None:
        return None
    doc = ctx.doc
    return make_quote(doc, list(quotation.pieces), [(colon, colon + 1)], cue_for("say"),
                  [mention_span(doc, subject)], "colon-header", 0.75)


TOPIC_LABEL = re.compile(r"[\W\d_]*(?:On|About|Regarding|Re|As for|Asked about|When asked about|Q)\b", re.IGNORECASE)
"""A colon header that names a topic, not a speaker: `On supply chains: "..."`."""


def _topic_label(ctx: Context, quotation: Quotation, line_start: int, found: list[Quote]) -> Quote | None:
    """`On supply chains: "..."` in a release of someone's remarks: the words are those of
    the speaker the release introduced ("Bessent made the rounds on television:") or of
    the quote before; the topic is never a speaker. The quote has no cue of its own."""
    subject = _lead_in_speaker(ctx, line_start)
    if subject is not None:
        source = [mention_span(ctx.doc, subject)]
    else:
        earlier = [q for q in found if q.content[-1][1] <= quotation.start and q.source]
        if not earlier:
            return None
        source = list(max(earlier, key=lambda q: q.content[-1][1]).source)
    return Quote("direct", list(quotation.pieces), [], "say", source, "topic-label", 0.6)


def _lead_in_speaker(ctx: Context, line_start: int) -> int | None:
    """The subject of the nearest paragraph before `line_start` that ends in a colon and
    is not itself a topic label: "Secretary Bessent then made the rounds ...:"."""
    text, doc = ctx.doc.text, ctx.doc
    end = line_start
    for _ in range(12):
        end = text.rfind("\n", 0, end)
        if end <= 0:
            return None
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip()
        if not line:
            continue
        if TOPIC_LABEL.match(line):
            continue
        if not line.endswith(":"):
            return None
        last = doc.token_at(start + text[start:end].rstrip().rfind(":"))
        if last is None:
            return None
        return _person_subject(doc, doc.sentences[doc.tokens[last].sent])
    return None


def _last_name_before(ctx: Context, start: int, end: int) -> int | None:
    """Head of the last noun phrase that names someone between `start` and `end`."""
    doc = ctx.doc
    first = doc.token_at(start)
    last = doc.token_at(end - 1)
    if first is None or last is None:
        return None
    for i in range(last, first - 1, -1):
        token = doc.tokens[i]
        if token.upos in ("PROPN", "NOUN") or doc.entity_at(i):
            return phrase_head(doc, i)
    return None


DASH_SIGNATURE = re.compile(r"[ \t]*[-\u2012\u2013\u2014\u2015]+[ \t]*(?=\w)")
"""A hyphen or any dash, the quotation dash (U+2015) of vox-pop lists included."""


def _dash_signature(ctx: Context, quotation: Quotation, found: list[Quote]) -> Quote | None:
    """`"..." -Commissioner Geoffrey Starks` at the end of a line."""
    text = ctx.doc.text
    match = DASH_SIGNATURE.match(text, quotation.end)
    if match is None:
        return None
    line_end = text.find("\n", match.end())
    line_end = len(text) if line_end < 0 else line_end
    name = text[match.end():line_end].rstrip()
    if not name or count_words(name) > 8:
        return None
    subject = _last_name_before(ctx, match.end(), match.end() + len(name))
    if subject is None:
        return None
    doc = ctx.doc
    return make_quote(doc, list(quotation.pieces), [(match.start(), match.end())], cue_for("say"),
                  [mention_span(doc, subject)], "dash-signature", 0.75)


def _floating(ctx: Context, quotation: Quotation, found: list[Quote]) -> Quote | None:
    """A paragraph that is one quotation after a quote is a quote of its own by the same
    speaker (one record per paragraph, as annotated news has it)."""
    text = ctx.doc.text
    line_start = text.rfind("\n", 0, quotation.start) + 1
    if text[line_start:quotation.start].strip() or count_words(quotation_text(ctx, quotation)) < MIN_UNATTRIBUTED_WORDS:
        return None
    earlier = [q for q in found if q.content[-1][1] <= quotation.start and q.source]
    if not earlier:
        return None
    previous = max(earlier, key=lambda q: q.content[-1][1])
    end = previous.content[-1][1]
    between = text[end:line_start]
    if between.count("\n") > 3 or count_words(between) > 25:
        return None
    return Quote("direct", list(quotation.pieces), [], previous.cue_lemma, list(previous.source),
                 "floating", 0.6, previous.cue_class, previous.stance)


PERSON_PRONOUNS = {"he", "she", "i", "we", "they"}


def speakers_named_before(ctx: Context, found: list[Quote]) -> list[Quote]:
    """A quoted sentence with no cue, after a sentence of the same paragraph whose subject
    is a person: `Alice began talking to Bob. "Lorem ipsum."` is Alice's."""
    doc, text = ctx.doc, ctx.doc.text
    covered = [span for quote in found for span in quote.content]
    added = []
    for quotation in ctx.quotations:
        if ctx.is_ignored(quotation.start) or _covered(quotation, covered):
            continue
        first = doc.token_at(quotation.start)
        short = is_label(ctx, quotation) or count_words(quotation_text(ctx, quotation)) < MIN_UNATTRIBUTED_WORDS
        if first is None or short and not _a_short_sentence(quotation_text(ctx, quotation)):
            continue
        sentence = doc.sentences[doc.tokens[first].sent]
        if sentence.start != quotation.start or doc.tokens[first].sent == 0:
            continue
        previous = doc.sentences[doc.tokens[first].sent - 1]
        if "\n" in text[previous.end:quotation.start]:
            continue
        earlier = _quoted_half_before(ctx, found, quotation, previous.start)
        if earlier is not None:
            earlier.content = list(earlier.content) + list(quotation.pieces)
            covered.extend(quotation.pieces)
            continue
        subject = _person_subject(doc, previous)
        if subject is not None and not short:
            added.append(Quote("direct", list(quotation.pieces), [], None, [mention_span(doc, subject)],
                               "speaker-before", 0.5))
    return added


SENTENCE_IN_MARKS = re.compile(r"\W*[A-Z].*[.?!]\W*", re.DOTALL)
"""A quoted sentence of a word or two ("Bodies everywhere.", "So, who?"), not a title."""


def _a_short_sentence(words: str) -> bool:
    """Whether a quotation too short to be a quote alone is a sentence of its own, which
    may go on with the quote before it (`_quoted_half_before`)."""
    return SENTENCE_IN_MARKS.fullmatch(words.strip()) is not None


def _quoted_half_before(ctx: Context, found: list[Quote], quotation: Quotation, sentence_start: int) -> Quote | None:
    """`"A," said Ann Ortiz, who runs the gym. "B."`: the direct quote whose quotation
    ends in the sentence before `quotation`, with its cue and speaker after it in that
    sentence and no other verb of saying, goes on in `quotation` (one utterance, one
    record in pieces, however long the speaker's description)."""
    text = ctx.doc.text
    before = [q for q in found if q.rule not in SUMMARY_RULES and q.cue and q.source
              and sentence_start <= q.content[-1][1] <= quotation.start]
    if not before:
        return None
    quote = max(before, key=lambda q: q.content[-1][1])
    end = quote.content[-1][1]
    if ("\n" in text[end:quotation.start] or ctx.quotation_at(end - 1) is None
            or any(ctx.quotation_at(s) is None for s, _ in quote.content)
            or not all(quote.content[0][1] <= s and e <= quotation.start for s, e in quote.cue + quote.source)
            or _someone_else_speaks(ctx, end, quotation.start, quote)):
        return None
    return quote


def _someone_else_speaks(ctx: Context, start: int, end: int, quote: Quote) -> bool:
    """Whether a verb of saying with a subject of its own, other than `quote`'s cue and
    speaker, stands in `start:end` (`..., which the mayor described as ...`)."""
    doc = ctx.doc
    own = set(quote.cue)
    for i in _tokens_between(doc, start, end):
        token = doc.tokens[i]
        if token.upos != "VERB" or doc.span(i, i) in own:
            continue
        if reporting_cue(token.lemma, ctx.cue_classes) is not None and any(
                doc.tokens[c].deprel == "nsubj" and not any(s <= doc.tokens[c].start < e for s, e in quote.source) for c in doc.children(i)):
            return True
    return False


def _tokens_between(doc: Document, start: int, end: int) -> list[int]:
    """The tokens that lie in `start:end`, the spaces at either end left out."""
    gap = doc.text[start:end]
    return tokens_in(doc, [(start + len(gap) - len(gap.lstrip()), start + len(gap.rstrip()))])


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
