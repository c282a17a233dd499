"""Who is speaking: the subject of a cue, and the words of its mention.

    subject_of(doc, verb)   the token heading the speaker's noun phrase, or None
    mention_span(doc, head) its characters: "China’s ministry of foreign affairs"
"""

from __future__ import annotations

import re

from quotes.detection.lexicon import reporting_cue
from quotes.detection.quotemarks import CLOSING_MARKS
from quotes.detection.senses import speaks
from quotes.nlp import Document
from quotes.nlp.tree import NOT_IN_PHRASE, contiguous

SUBJECTS = ("nsubj", "nsubj:pass")
CLAUSE_LINKS = ("conj", "advcl", "xcomp")
NOT_IN_MENTION = NOT_IN_PHRASE | {"punct"}


def _named_apposition(doc: Document, head: int) -> int:
    if doc.tokens[head].upos != "NOUN":
        return head
    for child in doc.children(head):
        if doc.tokens[child].deprel == "appos":
            entity = doc.entity_at(child)
            if entity is not None and entity.label == "PERSON":
                return child
    return head


def subject_of(doc: Document, verb: int) -> int | None:
    """The subject of `verb`, else of the clause it hangs from ("..., saying",
    "and added", "was quoted as saying"), else the noun a participle describes
    ("officials saying", "a letter requesting"). A passive cue's speaker is its agent
    ("was told by X"): "Hamas was urged to ..." has no speaker."""
    current = verb
    for _ in range(4):
        subjects = []
        for child in doc.children(current):
            deprel = doc.tokens[child].deprel
            if deprel == "nsubj:pass" and current == verb:
                return agent_of(doc, verb)
            if deprel in SUBJECTS and doc.tokens[child].upos not in ("VERB", "AUX"):
                subjects.append(child)  # not a clause: "not only implying approval would be required, but also recommending"
        if subjects:
            if _misattached(doc, verb, current):
                return subject_of(doc, doc.tokens[current].head)
            reporter = _reporter_of_mute_conjunct(doc, verb, current)
            if reporter is not None:
                return subject_of(doc, reporter)
            # Two subjects are a misparse ("WHO director-general Tedros ... said", "WHO"
            # taken for a pronoun): the one nearest the verb is the speaker's phrase, not
            # one in the quotation before it ('"The only conclusion ...," tweeted X').
            if len(subjects) > 1:
                subjects = [i for i in subjects if not _quoted_before(doc, i, current)] or subjects
            before = [i for i in subjects if i < current]
            return _past_according_to(doc, before[-1] if before else subjects[0])
        if current == verb:
            misparsed = _inverted_subject(doc, verb) or _subject_hung_on_clause_before(doc, verb) \
                or _subject_taken_for_object(doc, verb) or _subject_of_first_in_list(doc, verb)
            if misparsed is not None:
                return misparsed
            read_as_modifier = cue_read_as_modifier(doc, verb)
            if read_as_modifier is not None:
                return read_as_modifier[0]
        token = doc.tokens[current]
        if token.deprel == "acl" and doc.tokens[token.head].upos in PHRASE_HEADS and token.text.lower().endswith("ing"):
            return token.head  # "with officials saying this is for security reasons", not "a tank called"
        if current == verb and token.deprel == "acl":
            speaker = _subject_before_participle(doc, verb)
            if speaker is not None:
                return speaker
        if token.deprel not in CLAUSE_LINKS or token.head == current:
            return None
        current = token.head
    return None


PHRASE_HEADS = ("NOUN", "PROPN", "PRON")


ADDRESSEE_VERBS = {"tell", "ask", "inform", "remind", "advise", "urge", "warn", "brief", "assure", "email", "text"}
"""Speech verbs whose object is the person spoken to ("told reporters")."""


def _inverted_subject(doc: Document, verb: int) -> int | None:
    """The speaker after the verb, in the inversion that follows a quotation ("...,"
    said a protester using the pseudonym Katya), which the parser may take for an object."""
    if verb < 1 or not _speaks(doc, verb) or doc.tokens[verb].lemma.lower() in ADDRESSEE_VERBS \
            or doc.tokens[verb].feat("VerbForm") != "Fin":  # not '"Women in Power," answering questions'
        return None
    before = verb - 1
    if doc.tokens[before].text == "," and before > 0:
        before -= 1
    if doc.tokens[before].text not in CLOSING_MARKS and doc.tokens[verb - 1].text not in CLOSING_MARKS:
        return None
    for child in doc.children(verb):
        if child > verb and doc.tokens[child].deprel == "obj" and doc.tokens[child].upos in ("NOUN", "PROPN") \
                and all(doc.tokens[i].upos == "DET" or doc.tokens[i].head == child or i == child
                        for i in range(verb + 1, child + 1)):
            return child
    return None


def _subject_before_participle(doc: Document, verb: int) -> int | None:
    """"Mitsotakis speaking to the Atlantic Council think tank called the agreement
    void": the parser made "speaking" the clause of "Mitsotakis" and "called" a clause
    describing "think tank"; the speaker is the subject of the participle, when the
    noun "called" hangs on ends the participle's phrase just before it."""
    noun = doc.tokens[verb].head
    participle = doc.tokens[noun].head
    if noun != verb - 1 or doc.tokens[noun].deprel not in ("obl", "obj") or participle >= noun:
        return None
    token = doc.tokens[participle]
    if not token.text.lower().endswith("ing") or token.upos != "VERB" or any(
            doc.tokens[c].deprel in ("aux", "aux:pass") for c in doc.children(participle)):
        return None
    subjects = [c for c in doc.children(participle) if doc.tokens[c].deprel == "nsubj" and c < participle]
    return subjects[-1] if subjects else None


def _subject_hung_on_clause_before(doc: Document, verb: int) -> int | None:
    """The speaker the parser hung on a clause before the verb, in apposition: "Speaking
    to Agence France-Presse, the president of the League, Jamel Msallem, said ..."."""
    before = verb - 1
    if before > 0 and doc.tokens[before].text == ",":
        before -= 1
    token = doc.tokens[before]
    if token.deprel != "appos" or token.upos not in ("NOUN", "PROPN"):
        return None
    clauses = [c for c in doc.children(verb) if c < verb and doc.tokens[c].deprel == "advcl"]
    if not any(token.head in doc.subtree(clause) for clause in clauses):
        return None
    return token.i


def cue_read_as_modifier(doc: Document, verb: int) -> tuple[int, int] | None:
    """"Ana Ruiz, a judge who heard the case, cautioned [reform does not come quickly]":
    after a speaker and an appositive set off by a comma, the parser took the cue for an
    adjective ("cautioned reform") and made the speaker the subject of the reported
    clause. The speaker and the verb of that clause, when the cue is a past form right
    after the comma, the noun it seems to modify opens the clause, and the speaker, a
    subject of that verb, stands before the comma."""
    token = doc.tokens[verb]
    noun = token.head
    if (token.deprel != "amod" or token.xpos not in ("VBN", "VBD") or noun != verb + 1 or verb < 2
            or doc.tokens[verb - 1].text != "," or not _speaks(doc, verb)):
        return None
    clause = doc.tokens[noun].head
    if doc.tokens[noun].deprel == "appos":
        clause = doc.tokens[clause].head
    if clause <= noun or doc.tokens[clause].upos not in ("VERB", "AUX") or doc.tokens[clause].sent != token.sent:
        return None
    speakers = [c for c in doc.children(clause) if doc.tokens[c].deprel in SUBJECTS and c < verb - 1]
    if len(speakers) != 1 or not speaks(doc, speakers[0]):
        return None
    return speakers[0], clause


def _subject_taken_for_object(doc: Document, verb: int) -> int | None:
    """"Znak.com reported its source said that ...": the parser made "its source" the
    object of "reported" and "said" a clause without a subject."""
    token = doc.tokens[verb]
    if token.deprel != "ccomp" or token.head == verb:
        return None
    for child in doc.children(token.head):
        if doc.tokens[child].deprel == "obj" and doc.tokens[child].upos in PHRASE_HEADS \
                and child < verb and max(doc.subtree(child)) == verb - 1:
            return child
    return None


def _subject_of_first_in_list(doc: Document, verb: int) -> int | None:
    """"President Biden raised concerns about ..., noted ..., and underscored ...": the
    parser made the first verb of the list a clause of the second, which has no subject."""
    for child in doc.children(verb):
        if child > verb or doc.tokens[child].deprel != "ccomp":
            continue
        clause = doc.subtree(child)
        between = range(clause[-1] + 1, verb)
        if any(doc.tokens[i].upos != "PUNCT" and doc.tokens[i].deprel != "advmod" for i in between) or \
                any(doc.tokens[i].text in QUOTE_MARKS for i in clause):
            return None  # a quotation before its cue: '"We will win," said ...'
        for grandchild in doc.children(child):
            if doc.tokens[grandchild].deprel == "nsubj":
                return grandchild
    return None


QUOTE_MARKS = {'"', "“", "”", "‘", "’", "'", "«", "»"}


def _quoted_before(doc: Document, subject: int, verb: int) -> bool:
    """Is `subject` a word of a quotation closed before `verb`: a quotation mark
    stands between its phrase and the verb?"""
    if subject > verb:
        return False
    return any(doc.tokens[i].text in QUOTE_MARKS for i in range(max(doc.subtree(subject)) + 1, verb))


def _past_according_to(doc: Document, subject: int) -> int:
    """"According to ISNA, the prosecutor general of Tehran, Ali Alghasi Mehr, said":
    the parser made the source of "according to" the subject, and the speaker its
    appositive."""
    first = min(doc.subtree(subject))
    if first < 2 or doc.tokens[first - 1].text.lower() != "to" or doc.tokens[first - 2].text.lower() != "according":
        return subject
    for child in doc.children(subject):
        if child > subject and doc.tokens[child].deprel == "appos" and doc.tokens[child].upos in PHRASE_HEADS:
            return child
    return subject


def _misattached(doc: Document, cue: int, verb: int) -> bool:
    """Is the speech verb `cue` a conjunct or adverbial clause the parser hung on `verb`,
    the verb of what another speech verb reports, or of a clause whose subject cannot
    speak, rather than on that speech verb ("He noted that the launches posed a threat,
    and reiterated ...": he reiterated, not the launches; "X said the 36 must face
    charges, adding ...": X added)?"""
    if doc.tokens[cue].deprel not in ("conj", "advcl") or doc.tokens[cue].head != verb \
            or doc.tokens[verb].deprel != "ccomp":
        return False
    if doc.tokens[cue].deprel == "advcl" and (doc.tokens[cue - 1].text != "," or any(
            doc.tokens[c].deprel in ("mark", "case") for c in doc.children(cue))):
        return False  # "was pilloried for acknowledging that ...": her acknowledging
    outer = doc.tokens[verb].head
    return outer != verb and not _speaks(doc, verb) and (
        _speaks(doc, cue) and _speaks(doc, outer) or _mute_subjects(doc, verb))


def _reporter_of_mute_conjunct(doc: Document, cue: int, verb: int) -> int | None:
    """The speech verb above `verb` when the speech verb `cue` is conjoined to it and no
    subject of `verb` can speak: "reiterated their agreement that a nuclear war can never
    be won and underscored their opposition to ...": they underscored, not the war."""
    if cue == verb or doc.tokens[cue].deprel != "conj" or not _mute_subjects(doc, verb):
        return None
    current = verb
    for _ in range(REPORTER_SEARCH_DEPTH):
        head = doc.tokens[current].head
        if head == current:
            return None
        if _speaks(doc, head) and doc.tokens[head].upos == "VERB":
            return head
        current = head
    return None


REPORTER_SEARCH_DEPTH = 3
"""How many heads up from a mute conjunct the speech verb that reports it is looked for."""


def _mute_subjects(doc: Document, verb: int) -> bool:
    """Does no subject of `verb` speak? "Netanyahu found the air strike justified and
    called the order swift": "called" is Netanyahu's, not the air strike's."""
    subjects = [c for c in doc.children(verb) if doc.tokens[c].deprel in SUBJECTS]
    return bool(subjects) and not any(speaks(doc, s) for s in subjects)


def _speaks(doc: Document, verb: int) -> bool:
    return reporting_cue(doc.tokens[verb].lemma) is not None


def agent_of(doc: Document, verb: int) -> int | None:
    """The `by X` of a passive verb."""
    for child in doc.children(verb):
        if doc.tokens[child].deprel == "obl:agent":
            return child
    return None


def mention_span(doc: Document, head: int) -> tuple[int, int]:
    """Characters of the noun phrase headed by `head`, without relative clauses,
    appositives or trailing punctuation; a description followed by the name of the
    person it describes ("the engineer, Tom Bell, ...") is mentioned by the name. Words
    are never cut: "The 26-year-old", "Front-runner Donald Trump", not "old"; an age
    glued on after a comma is left out ("Maria Okafor,60")."""
    head = _named_apposition(doc, head)
    first, last = _whole_words(doc, *_noun_phrase(doc, head))
    start, end = doc.span(first, last)
    glued_number = GLUED_NUMBER.search(doc.text, start, end)
    if glued_number and glued_number.start() > start:
        end = glued_number.start()
    while start < end - 1 and not doc.text[start].isalnum():
        start += 1  # "-Commissioner Geoffrey Starks", "“Sen. Smith"
    while end > start + 1 and not (doc.text[end - 1].isalnum() or doc.text[end - 1] in ".)"):
        end -= 1
    return start, end


def _noun_phrase(doc: Document, head: int) -> tuple[int, int]:
    """First and last token of the noun phrase `head` heads: its contiguous subtree
    without relative clauses, appositives and the like, nor a conjunct of the head
    itself (another speaker), but with punctuation inside it ("Tunisia's neighbouring
    Muslim-majority countries") and conjuncts deeper down ("countries including
    Algeria and Morocco")."""
    def keeps(node: int, child: int) -> bool:
        deprel = doc.tokens[child].deprel
        return not (node == head and deprel in ("case", "punct", "conj", "cc")
                    or deprel in NOT_IN_PHRASE and deprel not in ("conj", "cc")
                    or deprel == "punct" and not _joins_words(doc, child))

    first, last = contiguous(doc, head, keeps)
    while last > head and doc.tokens[last].upos in ("CCONJ", "PUNCT"):
        last -= 1  # "the former secretary of state and"
    return first, last


def _joins_words(doc: Document, token: int) -> bool:
    """A hyphen or slash glued between two words ("Muslim-majority", "Times/CBS")."""
    return doc.tokens[token].text in WORD_JOINERS | {"/"} and 0 < token < len(doc.tokens) - 1 \
        and _glued(doc, token - 1, token) and _glued(doc, token, token + 1)


GLUED_NUMBER = re.compile(r",\s*\d")
WORD_JOINERS = set("-‐‑–'’")


def _whole_words(doc: Document, first: int, last: int) -> tuple[int, int]:
    """Widen a token range to whole words the tokenizer split at hyphens ("26-year-old",
    "co-founder"), with the determiner of the word so completed ("The 26-year-old")."""
    widened = first
    while widened > 0 and (_glued(doc, widened - 1, widened) and (
            doc.tokens[widened - 1].text in WORD_JOINERS or doc.tokens[widened].text in WORD_JOINERS)
            or widened < first and _modifies(doc, widened - 1, widened, last)):
        widened -= 1  # "Mr. Smith-Jones": "Mr." modifies "Jones", past the hyphen
    end = last
    while end + 1 < len(doc.tokens) and _glued(doc, end, end + 1) and (
            doc.tokens[end + 1].text in WORD_JOINERS or doc.tokens[end].text in WORD_JOINERS):
        end += 1
    return widened, end


def _modifies(doc: Document, token: int, first: int, last: int) -> bool:
    """Does `token` hang from a token of `first`..`last` as part of its noun phrase?"""
    return first <= doc.tokens[token].head <= last and doc.tokens[token].deprel not in NOT_IN_MENTION \
        and doc.tokens[token].deprel != "case"


def _glued(doc: Document, left: int, right: int) -> bool:
    return doc.tokens[left].end == doc.tokens[right].start and doc.tokens[left].sent == doc.tokens[right].sent
