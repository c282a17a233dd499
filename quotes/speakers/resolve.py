"""Resolve speaker mentions within one article: "he" is Antony Blinken, "it" is the
ministry, "Mr Xi" is Xi Jinping, "a US official" is an anonymous US source.

Mentions are read in text order and each resolves to a referent of the article
(`referents.py`), whose `Speaker` the quote gets:

- names: every form of a person's name is one person ("Mr Blinken", "Blinken");
- pronouns: by agreement (he/she: a person of that gender or of unknown gender; it: an
  organisation; they/we: a group or an organisation) and salience (the subjects of the
  sentence and of the sentences before it, then the other mentions there);
- descriptions: "the ministry", "the agency", "the President", "the spokesperson" are
  the organisation or person of that noun or role mentioned before; "The Vice President,
  Mike Pence" is Mike Pence; "a statement" is whoever issued it;
- anonymous sources ("a US official", "its source") keep the descriptor and the
  affiliation they give; groups ("these officials") take the words of the plural they
  point back to ("other US officials" -> "US officials");
- coordinated mentions ("President Biden and President Xi") become a group;
- nested reports: a quote whose cue lies inside another quote's content is reported by
  that quote's speaker (`Quote.reported_by`).
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_right, insort
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import inflect

from quotes.detection.quotemarks import Quotation
from quotes.nlp import Document, Entity
from quotes.nlp.tree import NOT_IN_PHRASE, head_of, phrase, subtree, text_of
from quotes.records import Quote, Span, Speaker
from quotes.speakers.countries import country_of
from quotes.speakers.identity import is_name_form, name_forms_agree
from quotes.speakers.mentions import appositive_name, role_and_affiliation, without_articles
from quotes.speakers.names import ANONYMOUS_NOUNS, ROLE_TITLES, SUFFIXES, first_name_gender, fold, is_title, name_words
from quotes.speakers.organisations import is_known, org_type
from quotes.speakers.referents import Organisations, People, Referent, org_name, person_name

PERSON_PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f", "i": None, "me": None}
THING_PRONOUNS = {"it"}
GROUP_PRONOUNS = {"they", "them", "we", "us"}
FIRST_PERSON_PLURAL = {"we", "us"}
POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "its": "it", "their": "they", "our": "we"}
PRONOUNS = set(PERSON_PRONOUNS) | THING_PRONOUNS | GROUP_PRONOUNS
ORG_NOUNS = set("""ministry department government administration agency office committee
commission council company firm corporation group party police army military embassy
consulate court parliament congress senate house union organisation organization bank
authority authorities board foundation institute university campaign team club association
federation network newspaper paper channel broadcaster service website site outlet
agency media press airline movement coalition alliance regime cabinet presidency
kremlin palace chain publisher""".split())
COLLECTIVE_ORG_NOUNS = {"authority", "police", "military"}
"""Plural in form, one organisation in fact: "authorities", "police"."""
SYNONYMS = {"website": {"site"}, "site": {"website"}, "newspaper": {"paper", "daily"},
            "paper": {"newspaper", "daily"}, "firm": {"company"}, "company": {"firm"},
            "broadcaster": {"network", "channel"}}
MEDIA_NOUNS = {"website", "site", "newspaper", "paper", "broadcaster", "outlet", "channel",
               "network", "daily", "agency"}
DOCUMENT_NOUNS = set("""statement tweet report post readout release communique communiqué
letter message interview remarks comments announcement memo document poll survey study
video broadcast speech address testimony briefing column decree complaint lawsuit suit
filing indictment affidavit petition guidelines ruling judgment judgement order paper
declaration proclamation notice advisory warning remark comment guideline doctrine
doctrines request proposal""".split())
"""What a speaker issues (as lemmas, and plurals the parser may leave as they are): "a
statement said ..." is the words of whoever issued it, and "the complaint alleges ..."
those of whoever filed it (cue nouns, "the claim that ...", are
`lexicon.SPEECH_NOUNS`); with no author named, the document is the speaker."""
DATA_NOUNS = set("""number figure data statistic estimate tally count""".split())
"""Data speak through whoever reported them ("per numbers reported by The Associated Press":
the AP's words); data without a reporter say nothing of who."""
AUTHOR_VERBS = set("""issue release publish file sign write send post put deliver make give
submit bring lodge draft present unveil""".split())
"""Verbs whose subject or agent is a document's author: "the complaint filed by prosecutors"."""
NUMBERED = {"two": 2, "both": 2, "three": 3, "four": 4}
"""Words that count the people of a definite plural: "the two leaders", "both nations"."""
PLACE_NOUNS = {"nation", "country", "side", "state", "government", "capital"}
COUNTRY_NOUNS = {"nation", "country"}
SPEAKER_NOUNS = set("""people public crowd family community population majority minority
staff leadership opposition police press crew panel jury delegation party placard sign
banner media medium critic expert eyewitness witness victim relative parent child friend
neighbour neighbor colleague ally rival candidate delegate nominee scholar citizen veteran
patient republican democrat conservative liberal democrat activist protester lawmaker
whistleblower whistle-blower guideline source spokesperson hospital school college church
mosque temple museum charity watchdog tribunal city county district province region
municipality town village league brand store shop restaurant hotel studio label magazine
journal prison mission team squad band family household owner landlord tenant""".split())
"""Nouns for speakers that no ending shows ("the crowd", "critics", "an expert", "the
hospital"), beside the organisation, document and human nouns. Wider than
`detection.senses.SPEAKING_ROLES`, the subjects that make a verb of evidence one of saying."""
RELATIVE_PRONOUNS = {"which", "that", "who", "whom", "what", "whose"}
_INFLECT = inflect.engine()
"""Plurals of nouns ("resident" -> "residents"), for the groups bare quantifiers pick from."""
PREVIOUS_SPEAKER_REACH = 3
"""Sentences back words in quotation marks whose mention cannot speak look for a speaker."""
HUMAN_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "ee", "ive", "man", "woman", "person")
NOT_HUMAN = set("""paper letter order number water matter center centre power border computer
report reporter's quarter corner chapter cancer fever manner member's register tower poster
error factor sector mirror minor motor floor door horror honor honour terror favor favour
color colour labor labour vapor motive objective initiative incentive alternative perspective
event content percent incident accident talent patent agent's""".split())
SUBORDINATE = {"deputy", "vice", "assistant", "associate", "under", "former", "acting"}
INDEFINITE = {"a", "an", "one", "some", "several", "two", "three", "four", "many", "other",
              "another", "various", "numerous", "few"}
DEFINITE = {"the", "this", "that", "these", "those"}
QUANTIFIERS = {"both", "all", "each"}
PARTITIVES = {"some", "many", "several", "most", "one", "all", "none", "each", "two", "three"}
BARE_QUANTIFIERS = PARTITIVES | {"others", "few"}
"""Words that stand for some of a group named before: "several said", "others preferred"."""
GROUP_MODIFIERS = {"other", "these", "those", "such", "some", "all", "both", "the", "many"}
SUBJECTS = ("nsubj", "nsubj:pass")
POSSESSIVE_END = re.compile(r"[’']s?$")
POSSESSIVE_WORD = re.compile(r"[’']s?\b")
GLUED_AGE = re.compile(r",\s*\d.*$")
AGED = re.compile(r"\b\d+-year-old\b")
SIGNATURE_REACH = 300
"""Characters at the start of an article where a statement names its signatory."""
SIGNATURE_LINE = re.compile(r"\A\s*(?P<name>[A-Z][^\W\d][\w.'’ -]{2,50}?),[ \t]+[A-Z][^\n.!?]{2,80}\n")
"""A first line of a name and a title: "Ned Price, Department Spokesperson"."""
ATTRIBUTED_TO = re.compile(r"\b(?:[Aa]ttributable to|[Ss]tatement (?:by|from)|[Rr]emarks by)[ \t]+"
                           r"(?P<name>[A-Z][^\n:,;]{2,80}?)[ \t]*[:\n]")
""""The below is attributable to Spokesperson Ned Price:", "Statement by President Joe Biden"."""
PRONOUN_WINDOW = 6
ORGANISATION_REACH = 2
"""Sentences back "the company" looks for an organisation not described by that noun."""
"""Sentences a pronoun looks back for its antecedent before falling back on earlier speakers."""


def resolve_speakers(doc: Document, quotes: list[Quote], quotations: list[Quotation],
                     furniture: Iterable[Span] = ()) -> None:
    """Set `speaker` on every quote that has a source mention, and `reported_by` on the
    quotes nested in another quote's content, in place. `quotations` are the article's
    passages in quotation marks, as detection found them, and `furniture` its page
    furniture (`Article.ignored`: photo credits, captions, link lists): no antecedent is
    taken in either, and no one named only in furniture is anyone's speaker."""
    with_source = [q for q in quotes if q.source]
    if not with_source:
        return
    resolver = _Resolver(doc, quotations, _merged(list(furniture)))
    for quote in sorted(with_source, key=lambda q: q.source[0]):
        if not resolver.can_speak(quote.source[0]):
            # "On supply chains: “...”", "this competition should not veer ... and
            # underscored that": a mention that cannot speak is no speaker; words in
            # quotation marks just after a speaker's are taken to be theirs.
            previous = resolver.previous_speaker(quote.source[0]) if quote.type == "direct" else None
            quote.speaker = previous.speaker if previous else None
            continue
        referent = resolver.resolve(quote.source[0])
        if referent is not None:
            quote.speaker = referent.speaker
            quote.via = resolver.via
    resolver.note_namesakes()
    _set_reported_by(quotes)


@dataclass
class _Event:
    """A mention of a referent at a token, for salience."""

    token: int
    subject: bool
    referent: Referent


class _Resolver:
    def __init__(self, doc: Document, quotations: list[Quotation], furniture: list[Span]) -> None:
        self.doc = doc
        self.people = People(doc, furniture)
        self.orgs = Organisations(doc, furniture)
        self.quoted = _merged([piece for q in quotations for piece in q.pieces] + furniture)
        """Spans where no antecedent is taken: in quotation marks (nested ones merged) or
        page furniture, in text order (for bisection)."""
        self.quoted_starts = [start for start, _ in self.quoted]
        self.described: dict[str, Referent] = {}
        """Anonymous sources and groups by their folded name: one per article."""
        self.events: dict[int, list[_Event]] = {}
        """Mentions of referents, by sentence."""
        for referent in self.people.referents + self.orgs.referents:
            for token in referent.tokens:
                self._note(token, referent)
        self.history: list[Referent] = []
        self.subjects_noted: set[int] = set()
        self.authors: dict[str, Referent] = {}
        """Who issued each kind of document the article names ("statement": Donald Trump)."""
        self.counted: dict[tuple[str, int], Referent] = {}
        """The groups "the two leaders" was found to be, by noun and count."""
        self.via: str | None = None
        """The document the last mention resolved through to its author, if any."""
        self.signed: list[Referent] | None = None
        """The statement's signatory, once looked for (`_signatory`)."""
        self.coordinated: dict[int, list[_Event]] = {}
        """Coordinated subjects of each sentence looked at, as groups ("they")."""

    # -- mentions --------------------------------------------------------------------

    def can_speak(self, span: Span) -> bool:
        """Can the mention say something: a pronoun (not a relative one), a name, a
        person, group, organisation, country or document; not "this competition", "supply
        chains" or "the 36", which the parser may take for a cue's subject?"""
        doc = self.doc
        first, last = doc.token_at(span[0]), doc.token_at(span[1] - 1)
        if first is None or last is None:
            return True
        head = head_of(doc, first, last)
        token = doc.tokens[head]
        lemma = fold(token.lemma)
        if len(token.text) > 1 and token.text.isupper():
            return True  # "WHO", "UN"
        if token.upos == "PRON":
            return lemma not in RELATIVE_PRONOUNS
        if token.upos == "NUM":  # "the 36"; but "One of these groups, the SDF," names its speaker
            return appositive_name(doc, head) is not None
        if lemma in DATA_NOUNS:
            return self._reporter(head) is not None
        if token.upos != "NOUN" or doc.entity_at(head) is not None or token.text[:1].isupper() and head != first:
            return True
        return (_is_human(lemma) or _is_human(fold(token.text)) or lemma in ORG_NOUNS or lemma in DOCUMENT_NOUNS or lemma in MEDIA_NOUNS
                or lemma in PLACE_NOUNS or lemma in SPEAKER_NOUNS or lemma.rstrip("s") in SPEAKER_NOUNS
                or first_name_gender(lemma) is not None)

    def previous_speaker(self, span: Span) -> Referent | None:
        """The speaker of the quote just before `span` (a sentence or two back)."""
        token = self.doc.token_at(span[0])
        if token is None:
            return None
        return self._previous_speaker(token, lambda r: True, sentences=PREVIOUS_SPEAKER_REACH)

    def resolve(self, span: Span) -> Referent | None:
        doc = self.doc
        first, last = doc.token_at(span[0]), doc.token_at(span[1] - 1)
        if first is None or last is None:
            return None
        head = head_of(doc, first, last)
        mention = doc.text[span[0]:span[1]]
        self.via = None
        referent = self._labelled(mention, head) or self._phrase(head, list(range(first, last + 1)))
        if referent is None:
            return None
        referent = self._with_conjuncts(head, referent)
        if fold(doc.tokens[head].lemma) in DOCUMENT_NOUNS and referent.kind != "document":
            self.via = _document_name(doc, head, list(range(first, last + 1)))
        alias = self._alias(mention, first, head, referent)
        if alias:
            referent.speaker.aliases.add(alias)
        self._note(head, referent)
        self.history.append(referent)
        return referent

    def _alias(self, mention: str, first: int, head: int, referent: Referent) -> str | None:
        """The name the mention gives its referent, without the description around it:
        "US secretary of state Antony Blinken" -> "Antony Blinken", "Mr Blinken" stays;
        "a top Trump adviser" is no alias of Trump's."""
        doc = self.doc
        if _only_pronouns(mention) or self.via is not None or fold(doc.tokens[head].lemma) in DOCUMENT_NOUNS | DATA_NOUNS \
                or fold(mention) in BARE_QUANTIFIERS:
            return None
        entity = doc.entity_at(head)
        if referent.kind == "person" and entity is not None and entity.label == "PERSON":
            start = entity.first
            if start - 1 >= first and is_title(doc.tokens[start - 1].text):
                start -= 1
            mention = POSSESSIVE_END.sub("", doc.text[doc.tokens[start].start:doc.tokens[entity.last].end])
        mention = GLUED_AGE.sub("", mention)
        return mention if is_name_form(mention, referent.speaker) else None

    def note_namesakes(self) -> None:
        """Give each person the names of the article's other people a name form could
        confuse with them ("Donald Trump" and "Donald Trump Jr."), never one across articles."""
        people = [r for r in self.people.referents if r.kind == "person"]
        for one in people:
            for other in people:
                if other is not one and other.speaker.name != one.speaker.name and \
                        name_forms_agree(one.speaker.name, other.speaker.name):
                    one.speaker.namesakes.add(other.speaker.name)

    def _labelled(self, mention: str, head: int) -> Referent | None:
        """A person named in capitals, as transcripts label turns ("TAPPER", "JAKE
        TAPPER"), when the article names them in the usual way too."""
        if not mention.isupper() or len(mention) < 3:
            return None
        words = name_words(mention)
        person = self.people.find(words, head)
        # The surname itself, not a spelling like it: "NASA" is not Mr Nasr.
        if person is None or fold(person.words[-1]) != fold(words[-1]):
            return None
        return person

    def _phrase(self, head: int, tokens: list[int]) -> Referent | None:
        """The referent of the noun phrase `tokens` headed by `head`."""
        doc = self.doc
        token = doc.tokens[head]
        lower = token.text.lower()
        acronym = len(token.text) > 1 and token.text.isupper()  # "WHO", "US"
        if not acronym and (lower in PRONOUNS or token.upos == "PRON" and lower not in PARTITIVES):
            return self._pronoun(head, lower)
        tokens = [i for i in tokens if doc.tokens[i].text.lower() not in QUANTIFIERS] or [head]
        named = appositive_name(doc, head)
        if named is not None and _describes(doc, head):
            return self._apposed(head, tokens, named)
        person = self._person(head, tokens)
        if person is not None:
            return person
        entity = doc.entity_at(head)
        if fold(token.lemma) in DOCUMENT_NOUNS and token.upos == "NOUN" and entity is None:
            return self._document(head, tokens)
        if fold(token.lemma) in DATA_NOUNS and token.upos == "NOUN":
            reporter = self._reporter(head)
            return self._phrase(reporter, [i for i in phrase(self.doc, reporter) if self.doc.tokens[i].text.lower() != "by"]) \
                if reporter is not None else None
        taken = self._person_taken_for_organisation(entity, head)
        if taken is not None:
            return taken
        if entity is not None and entity.label in ("ORG", "FAC"):
            referent = self.orgs.add(org_name(entity.text), head)
            referent.nouns.update(fold(doc.tokens[i].lemma) for i in tokens
                                  if doc.tokens[i].upos == "NOUN" and doc.entity_at(i) is None)
            return referent
        if entity is not None and entity.label == "GPE":
            return self.orgs.add(org_name(entity.text), head, place=True)
        known = self.orgs.find(_name(doc, tokens))
        if known is not None:  # "WHO" after "the World Health Organization (WHO)"
            return known
        if entity is not None and entity.label == "NORP" and token.upos == "PROPN":
            if org_type(entity.text) == "party":
                return self.orgs.add(_name(doc, tokens), head)
            return self._described(_name(doc, tokens), "group", tokens)
        return self._common_noun(head, tokens)

    def _person(self, head: int, tokens: list[int]) -> Referent | None:
        """A person named by the mention: a person entity in it (not a possessor: not
        Angela Merkel in "Angela Merkel's spokesperson"), a titled name ("Mr Saree",
        "Queen Elizabeth II"), or a name that is a form of someone named in the article."""
        doc = self.doc
        entity = self._person_entity_in(head, tokens)
        if entity is not None:
            words = name_words(person_name(doc, entity))
            if all(is_title(w) for w in words):  # "the Pope": a title, no name
                return self._description(head, tokens, plural=False)
            referent = self.people.find(words, head) or self.people.add(words, head)
            referent.describe(*role_and_affiliation(doc, [i for i in tokens if i < entity.first]))
            return referent
        token = doc.tokens[head]
        entity = doc.entity_at(head)
        if token.upos != "PROPN" or is_title(token.text) or is_known(token.text):
            return None
        if entity is not None and entity.label not in ("ORG", "NORP", "GPE"):
            return None
        run = [head]
        while run[0] > 0 and doc.tokens[run[0] - 1].head in run and (
                doc.tokens[run[0] - 1].upos == "PROPN" or doc.tokens[run[0] - 1].text == "-"):
            run.insert(0, run[0] - 1)
        words = name_words(text_of(doc, run))
        titled = is_title(doc.tokens[run[0]].text)
        if entity is not None and not (len(run) == 1 or titled or first_name_gender(words[0])):
            return None
        found = self.people.find(words, head)
        if found is None and entity is not None and entity.label == "GPE":
            return None
        looks_like_a_name = len(words) > 1 and first_name_gender(words[0]) is not None
        if found is None and (titled and (entity is None or entity.label == "ORG") or looks_like_a_name):
            found = self.people.add(words, head)
        if found is not None:
            found.describe(*role_and_affiliation(doc, [i for i in tokens if i < run[0]] + (
                [run[0]] if titled else [])))
        return found

    def _person_taken_for_organisation(self, entity: Entity | None, head: int) -> Referent | None:
        """"Trump" tagged as an organisation in an article about Donald Trump: the person
        whose surname it is (one entity, one kind)."""
        if entity is None or entity.label != "ORG" or is_known(entity.text):
            return None
        words = name_words(org_name(entity.text))
        if not words or len(words) > 3 or not all(w[:1].isupper() for w in words):
            return None
        person = self.people.find(words, head)
        if person is None or fold(person.words[-1]) != fold(words[-1]) and not (
                len(person.words) > 1 and person.words[-1].lower().rstrip(".") in SUFFIXES
                and fold(person.words[-2]) == fold(words[-1])):
            return None
        return person

    def _person_entity_in(self, head: int, tokens: list[int]) -> Entity | None:
        """The person entity the mention names: one at its head, or one inside it that
        is not a possessor and that a title or a common noun heads ("US Ambassador to
        Germany Richard Grenell"), hanging from that head; of several, the first the
        article's entities list.
        (Looked up by token: a mention costs its own length, not the article's names.)"""
        doc = self.doc
        found = self.people.entity_over(head)
        headed = doc.tokens[head].upos != "PROPN" or is_title(doc.tokens[head].text)
        if headed:
            for token in tokens:
                for index in self.people.entities_from(token):
                    name_head = doc.tokens[self.people.entity_head(index)]
                    if (found is None or index < found) and name_head.deprel != "nmod:poss" and name_head.head == head:
                        found = index  # not a name deeper down: "the film ... with activists like Angela Davis"
        return self.people.entities[found] if found is not None else None

    def _pronoun(self, head: int, pronoun: str) -> Referent | None:
        """The antecedent that agrees with the pronoun and is most salient before it; "we"
        of a statement is its speaker ("We call on Russia to ...", the Secretary said)."""
        fits = _agreement(pronoun)
        if fits is None:
            return None
        if pronoun in FIRST_PERSON_PLURAL and not self._hidden(head):
            signatory = self._signatory()
            if signatory is not None:  # "We call on the PRC to ...", in a statement signed by Ned Price
                return signatory
        if pronoun in FIRST_PERSON_PLURAL and self._previous_speaker(head, lambda r: True):
            return self._previous_speaker(head, lambda r: True)
        found = self._salient(head, fits)
        if found is None:
            found = next((r for r in reversed(self.history) if fits(r)), None)
        return found

    def _signatory(self) -> Referent | None:
        """The person a statement is signed by or attributed to in its first lines ("Ned
        Price, Department Spokesperson", "The below is attributable to Spokesperson Ned
        Price:", "Statement by President Joe Biden"): the "we" of its narration."""
        if self.signed is None:
            self.signed = []
            head = self.doc.text[:SIGNATURE_REACH]
            for pattern in (SIGNATURE_LINE, ATTRIBUTED_TO):
                found = pattern.search(head)
                words = name_words(found.group("name")) if found else []
                token = self.doc.token_at(found.start("name")) if found else None
                person = self.people.find(words, token) if len(words) > 1 and token is not None else None
                if person is not None:
                    self.signed = [person]
                    break
        return self.signed[0] if self.signed else None

    def _previous_speaker(self, head: int, fits: Callable[[Referent], bool], sentences: int = 1) -> Referent | None:
        """The speaker of the quote before, if it agrees and was mentioned in this sentence
        or the `sentences` before: a run of quotes keeps its speaker."""
        if not self.history or not fits(self.history[-1]):
            return None
        last = self.history[-1].last_before(head)
        if last is None or self.doc.tokens[head].sent - self.doc.tokens[last].sent > sentences:
            return None
        return self.history[-1]

    def _salient(self, head: int, fits: Callable[[Referent], bool]) -> Referent | None:
        """Subjects of this sentence before the pronoun, then the speaker of the quote
        before, then the subjects of each sentence before it (then the other mentions
        there), outside quotation marks."""
        doc = self.doc
        sentence = doc.tokens[head].sent
        for n in range(sentence, max(-1, sentence - PRONOUN_WINDOW), -1):
            if n == sentence - 1:
                previous = self._previous_speaker(head, fits)
                if previous is not None:
                    return previous
            self._note_subjects(n)
            here = [e for e in self.events.get(n, []) + self._coordinated_subjects(n, fits) if e.token < head
                    and not self._hidden(e.token) and fits(e.referent)]
            if n == sentence:
                here = [e for e in here if e.subject]
            here.sort(key=lambda e: (not e.subject, e.token))
            if here:
                return here[0].referent
        return None

    def _coordinated_subjects(self, sentence: int, fits: Callable[[Referent], bool]) -> list[_Event]:
        """The subjects of a sentence that coordinate several speakers ("The Deputy
        Secretary and State Councilor Wang had a frank discussion"), as groups, for
        "they" (only when a group fits the pronoun)."""
        if not fits(Referent(Speaker("", "group"), plural=True)):
            return []
        if sentence not in self.coordinated:
            self.coordinated[sentence] = []  # "He and his wife": "he" looks here too
            self.coordinated[sentence] = [
                _Event(i, True, group) for i in self.doc.sentences[sentence].tokens
                if self.doc.tokens[i].deprel in SUBJECTS and (group := self._coordination(i)) is not None]
        return self.coordinated[sentence]

    def _coordination(self, subject: int) -> Referent | None:
        """The group a coordinated subject names, if its parts are two speakers or more."""
        doc = self.doc
        first, last = subtree(doc, subject, NOT_IN_PHRASE - {"conj", "cc"})
        if not any(doc.tokens[i].deprel == "cc" for i in range(first, last + 1)):
            return None
        runs: list[list[int]] = [[]]
        for i in range(first, last + 1):
            if doc.tokens[i].deprel == "cc" or doc.tokens[i].text == ",":
                runs.append([])
            else:
                runs[-1].append(i)
        parts: list[Referent] = []
        for run in runs:
            nouns = [i for i in run if doc.tokens[i].upos in ("NOUN", "PROPN")
                     and not any(doc.tokens[c].deprel == "case" for c in doc.children(i))]
            if not nouns or self._hidden(nouns[-1]):
                continue
            part = self._phrase(nouns[-1], [i for i in run if i <= nouns[-1]])
            if part is None or part.kind not in ("person", "organization", "anonymous", "group"):
                return None
            if part not in parts:
                parts.append(part)
        parts = self._named_in_apposition(subject, parts)
        if len(parts) < 2:
            return None
        names = [part.speaker.name for part in parts]
        return self._described(", ".join(names[:-1]) + " and " + names[-1], "group", [], plural=True)

    def _named_in_apposition(self, subject: int, parts: list[Referent]) -> list[Referent]:
        """"Minister Sameh Shoukry and his Greek, Cypriot and French counterparts, Nikos
        Dendias, Nikos Christodoulides and Jean-Yves Le Drian": the people a list of names
        in apposition gives take the place of the plural description they name (where the
        parser hung the list on the first conjunct as often as on the description)."""
        doc = self.doc
        described = [part for part in parts if part.kind == "group" and part.plural]
        if len(described) != 1:
            return parts
        heads = [subject] + [c for c in doc.children(subject) if doc.tokens[c].deprel == "conj"]
        names: list[int] = []
        for head in heads:
            for child in doc.children(head):
                if doc.tokens[child].deprel == "appos" and doc.tokens[child].upos == "PROPN":
                    names.append(child)
                    names += [c for c in doc.subtree(child) if doc.tokens[c].deprel == "conj"
                              and doc.tokens[c].upos == "PROPN"]
        found: list[tuple[int, list[int], Referent | None]] = []
        for name in names:
            tokens = [i for i in phrase(doc, name) if i <= name]
            found.append((name, tokens, self._phrase(name, tokens)))
        if not any(r is not None and r.kind == "person" for _, _, r in found):
            return parts
        people: list[Referent] = []
        for name, tokens, person in found:
            words = name_words(text_of(doc, tokens))
            if (person is None or person.kind != "person") and 1 < len(words) < 5 and \
                    all(w[:1].isupper() for w in words) and org_type(" ".join(words)) == "other":
                person = self.people.add(words, name)  # "Nikos Christodoulides" tagged ORG in a list of people
            if person is None or person.kind != "person":
                return parts
            if person not in people and person not in parts:
                people.append(person)
        if len(people) < 2:
            return parts
        return [part for part in parts if part is not described[0]] + people

    def _document(self, head: int, tokens: list[int]) -> Referent:
        """"The complaint filed by prosecutors", "the statement" (issued by Trump before):
        the author, when the article names one; else the document itself, a speaker of
        kind `document` ("police report")."""
        doc = self.doc
        lemma = fold(doc.tokens[head].lemma)
        author = self._author(head)
        if author is None and fold(doc.tokens[tokens[0]].text) in DEFINITE | {"its", "their", "his", "her"}:
            author = self.authors.get(lemma) or self._earlier_author(head, lemma)
        if author is None or author.kind == "document" or author.kind == "unknown" and \
                author.speaker.name.islower():  # "his wife and ...": a noun that says nothing of who
            return self._described(_name(doc, tokens), "document", tokens)
        self.authors[lemma] = author
        return author

    def _earlier_author(self, head: int, lemma: str) -> Referent | None:
        """The author of the same kind of document named earlier ("Trump, in a statement,
        announced ... The statement also said ...")."""
        doc = self.doc
        sentence = doc.tokens[head].sent
        for i in range(head - 1, -1, -1):
            token = doc.tokens[i]
            if sentence - token.sent > PRONOUN_WINDOW:
                break
            if fold(token.lemma) == lemma and token.upos == "NOUN" and not self._hidden(i):
                author = self._author(i)
                if author is not None:
                    return author
        return None

    def _author(self, head: int) -> Referent | None:
        """Who issued "a statement", "a tweet", "a UN report": its possessor, its "by X",
        an organisation naming it, the agent of the verb that filed it ("the complaint
        filed by prosecutors"), or the subject of the verb that released it or that
        spoke in it ("Trump, in a statement, announced")."""
        doc = self.doc
        owner = self._possessor(head)  # "her acceptance speech"
        if owner is not None:
            return owner
        for child in doc.children(head):
            token = doc.tokens[child]
            entity = doc.entity_at(child)
            if child < head and self._acronym(child) is not None:  # "per WHO guidelines", WHO parsed as "who"
                return self._acronym(child)
            if token.deprel in ("nmod:poss", "compound", "nmod") and (
                    entity is not None or token.upos == "PROPN"):
                if token.deprel == "nmod" and not any(
                        doc.tokens[c].text.lower() in ("by", "from", "of")
                        for c in doc.children(child)):
                    continue
                return self._phrase(child, phrase(doc, child))
            if token.deprel.startswith("acl") and fold(token.lemma) in AUTHOR_VERBS:
                agent = self._agent(child)
                if agent is not None:
                    return agent
        verb = doc.tokens[head].head
        deprel = doc.tokens[head].deprel
        in_it = deprel == "obl" and any(doc.tokens[c].text.lower() == "in" for c in doc.children(head))
        if (deprel in ("obj", "nsubj:pass") or in_it) and verb != head:
            subject = self._subject_of(verb)
            if subject is not None:
                return self._phrase(subject, phrase(doc, subject))
        return None

    def _subject_of(self, verb: int) -> int | None:
        """Who does `verb`: its subject or agent; for an infinitive without one, the
        object of the verb it completes ("prompted Hillary Clinton to make a comment")."""
        doc = self.doc
        for relations in (("nsubj", "obl:agent"), ("obj",)):
            for child in doc.children(verb):
                if doc.tokens[child].deprel in relations:
                    return child
            if doc.tokens[verb].deprel != "xcomp" or doc.tokens[verb].head == verb:
                return None
            verb = doc.tokens[verb].head
        return None

    def _acronym(self, token: int) -> Referent | None:
        """The organisation an acronym the article spelt out stands for ("WHO")."""
        text = self.doc.tokens[token].text
        if len(text) < 2 or not text.isupper() or not text.isalpha():
            return None
        return self.orgs.find(text)

    def _reporter(self, head: int) -> int | None:
        """The "by X" of the participle that gives data, or of the data: "numbers
        reported by the AP", "estimates by event organizers"."""
        doc = self.doc
        for child in doc.children(head):
            if doc.tokens[child].deprel == "nmod" and self._could_report(child) and any(
                    doc.tokens[c].deprel == "case" and doc.tokens[c].text.lower() == "by" for c in doc.children(child)):
                return child  # not "figures by region"
            if doc.tokens[child].deprel == "acl":
                for agent in doc.children(child):
                    if doc.tokens[agent].deprel == "obl:agent":
                        return agent
        return None

    def _could_report(self, token: int) -> bool:
        """Can the noun give data: a name, people or an organisation (not "by region")?"""
        lemma = fold(self.doc.tokens[token].lemma)
        return self.doc.tokens[token].upos == "PROPN" or self.doc.entity_at(token) is not None \
            or _is_human(lemma) or lemma in ORG_NOUNS or lemma in MEDIA_NOUNS

    def _agent(self, verb: int) -> Referent | None:
        """The "by X" of a participle: "filed by prosecutors", "signed by the Pope"."""
        doc = self.doc
        for child in doc.children(verb):
            token = doc.tokens[child]
            if token.deprel == "obl:agent" or token.deprel == "obl" and any(
                    doc.tokens[c].text.lower() == "by" for c in doc.children(child)):
                return self._phrase(child, [i for i in phrase(doc, child) if doc.tokens[i].text.lower() != "by"])
        return None

    def _apposed(self, head: int, tokens: list[int], named: int) -> Referent | None:
        """"The Vice President, Mike Pence": the name, described by the rest."""
        doc = self.doc
        apposed = phrase(doc, named)
        referent = self._phrase(named, apposed)
        if referent is None:
            return None
        description = [i for i in tokens if i < apposed[0] and doc.tokens[i].upos != "PUNCT"]
        if referent.kind == "person":
            role, affiliation = role_and_affiliation(doc, description)
            owner = self._possessor(head)  # "Its chair, Daniel Osei": the group's chair
            referent.describe(role, affiliation or (owner.speaker.name if owner else None))
        if doc.tokens[head].upos == "NOUN":
            referent.nouns.add(fold(doc.tokens[head].text))
        return referent

    def _common_noun(self, head: int, tokens: list[int]) -> Referent | None:
        doc = self.doc
        token = doc.tokens[head]
        noun, lemma = fold(token.text), fold(token.lemma)
        tokens = _without_examples(doc, head, _without_trailing_adverbs(doc, tokens))
        first = fold(doc.tokens[tokens[0]].text)
        plural = token.feat("Number") == "Plur" or (noun.endswith("s") and noun != lemma)
        human = _is_human(lemma)
        owner = self._possessor(head)
        if AGED.search(text_of(doc, tokens)) and first in DEFINITE:
            # "The 26-year-old": the person the article is about, like "she"
            aged = self._pronoun(head, "i")
            if aged is not None:
                return aged
        if noun in BARE_QUANTIFIERS and token.upos in ("PRON", "NUM", "ADJ", "DET", "NOUN"):
            part = self._partitive(head) or self._picked_from(head)
            if part is not None or len(tokens) == 1:
                return part  # "many are calling it": no one in particular, no speaker "many"
        if human and (first in INDEFINITE or owner is not None
                      or plural and lemma in ANONYMOUS_NOUNS and first not in DEFINITE):
            return self._anonymous(tokens, owner, plural)
        # "both nations" (not "both candidates": people are counted after "the" only)
        both = plural and lemma in PLACE_NOUNS and any(doc.tokens[c].text.lower() == "both" for c in doc.children(head))
        if first in DEFINITE or both or doc.tokens[tokens[0]].deprel == "nmod:poss":
            earlier = self._description(head, tokens, plural)
            if earlier is not None:
                return earlier
        name = _name(doc, tokens)
        if lemma in ORG_NOUNS and (not plural or lemma in COLLECTIVE_ORG_NOUNS):
            return self.orgs.add(name, head)
        if plural:
            return self._described(name, "group", tokens, plural=True)
        if human:
            return self._described(name, "anonymous" if lemma in ANONYMOUS_NOUNS else "person", tokens)
        return self._described(name, "unknown", tokens)

    def _description(self, head: int, tokens: list[int], plural: bool) -> Referent | None:
        """What "the ministry", "the President", "these officials" point back to."""
        doc = self.doc
        noun, lemma = fold(doc.tokens[head].text), fold(doc.tokens[head].lemma)
        nouns = {noun, lemma} | SYNONYMS.get(lemma, set())
        words = {fold(doc.tokens[i].text) for i in tokens
                 if doc.tokens[i].upos in ("NOUN", "PROPN", "ADJ") and not doc.entity_at(i)}
        words.add(lemma)
        if plural and fold(doc.tokens[tokens[0]].text) in ("these", "those"):
            return self._group_antecedent(head)
        counted = self._counted(head)
        if plural and counted:
            return self._counted_group(head, counted)
        candidates = []
        for referent in self.people.referents + list(self.described.values()):
            if lemma not in ORG_NOUNS and referent.kind in ("person", "anonymous") \
                    and _role_fits(words, referent):
                candidates.append(referent)
        if lemma in ORG_NOUNS or lemma in MEDIA_NOUNS:
            own = _naming_words(doc, tokens, head)
            for referent in self.orgs.referents:
                media = lemma in MEDIA_NOUNS and lemma != "agency"
                if (referent.nouns & nouns or (media and referent.speaker.org_type == "media")) and \
                        own <= _naming_words_of(referent):
                    candidates.append(referent)
        before = [(r.last_before(head), n) for n, r in enumerate(candidates)
                  if r.last_before(head) is not None]
        if before:
            return candidates[max(before)[1]]
        after = [(min(r.tokens), n) for n, r in enumerate(candidates) if r.tokens]
        if after and lemma not in ORG_NOUNS:
            return candidates[min(after)[1]]
        if lemma in ORG_NOUNS and not plural and all(
                i == head or doc.tokens[i].upos == "DET" for i in tokens):
            return self._organisation_named_before(head, lemma)
        return None

    def _organisation_named_before(self, head: int, lemma: str) -> Referent | None:
        """"The agency" after "The DCA said", "the company" after "Halvorsen said": the
        organisation named last before it, in the sentences just before, if its type
        agrees with the noun (a company is no ministry)."""
        doc = self.doc
        wanted = {org_type(lemma), "other"}
        sentence = doc.tokens[head].sent
        named: list[tuple[int, Referent]] = []
        for referent in self.orgs.referents:
            last = referent.last_before(head)
            if last is not None and referent.speaker.org_type in wanted and country_of(referent.speaker.name) \
                    is None and sentence - doc.tokens[last].sent <= ORGANISATION_REACH:
                named.append((last, referent))
        return max(named, key=lambda pair: pair[0])[1] if named else None

    def _counted(self, head: int) -> int:
        """How many "the two leaders" or "both nations" counts (0 if it does not)."""
        doc = self.doc
        for child in doc.children(head):
            number = NUMBERED.get(doc.tokens[child].text.lower())
            if number and doc.tokens[child].deprel in ("nummod", "det", "det:predet", "cc:preconj", "amod"):
                return number
        return 0

    def _counted_group(self, head: int, count: int) -> Referent | None:
        """"The two leaders" after "Biden met Xi": the `count` people (or, for nations and
        sides, organisations and countries) named last before it, as one group."""
        doc = self.doc
        lemma = fold(doc.tokens[head].lemma)
        if lemma in COUNTRY_NOUNS:
            countries = self._countries_before(head, count)
            if countries is not None:
                return countries
        pool = self.orgs.referents if lemma in PLACE_NOUNS else self.people.referents
        sentence = doc.tokens[head].sent
        recent = []
        for referent in pool:
            last = referent.last_before(head)
            if last is not None and sentence - doc.tokens[last].sent < PRONOUN_WINDOW and not self._hidden(last):
                recent.append((last, referent))
        if len(recent) < count:
            return self.counted.get((lemma, count))  # "the two leaders" again, further on
        chosen = sorted(sorted(recent, key=lambda pair: pair[0])[-count:], key=lambda pair: min(pair[1].tokens))
        names = [referent.speaker.name for _, referent in chosen]
        group = self._described(", ".join(names[:-1]) + " and " + names[-1], "group", [], plural=True)
        self.counted[(lemma, count)] = group
        return group

    def _countries_before(self, head: int, count: int) -> Referent | None:
        """"Both nations" after "US President Donald Trump and Turkish President Recep
        Tayyip Erdoğan spoke": the last `count` countries named or described (by a
        demonym) in this sentence and the one before, as one group, in text order."""
        doc = self.doc
        sentence = doc.tokens[head].sent
        named: list[str] = []
        for i in range(head - 1, -1, -1):
            if sentence - doc.tokens[i].sent > 1 or len(named) == count:
                break
            country = country_of(doc.tokens[i].text) if doc.tokens[i].upos in ("PROPN", "ADJ") else None
            if country is not None and country not in named and not self._hidden(i):
                named.append(country)
        if len(named) < count:
            return None
        names = named[::-1]
        return self._described(", ".join(names[:-1]) + " and " + names[-1], "group", [], plural=True)

    def _group_antecedent(self, head: int) -> Referent | None:
        """"these officials" -> the plural with that noun just before: "other US officials"."""
        doc = self.doc
        lemma = doc.tokens[head].lemma.lower()
        sentence = doc.tokens[head].sent
        for i in range(head - 1, -1, -1):
            token = doc.tokens[i]
            if sentence - token.sent > PRONOUN_WINDOW:
                break
            if token.lemma.lower() == lemma and token.upos == "NOUN" and not self._hidden(i):
                words = [j for j in phrase(doc, i) if j <= i]
                while len(words) > 1 and doc.tokens[words[0]].text.lower() in GROUP_MODIFIERS:
                    words = words[1:]
                name = text_of(doc, words)
                return self._described(name, "group", words, plural=True)
        return None

    def _partitive(self, head: int) -> Referent | None:
        """"Some of the protesters" -> the protesters."""
        doc = self.doc
        for child in doc.children(head):
            token = doc.tokens[child]
            if token.deprel == "nmod" and token.upos == "NOUN" and any(
                    doc.tokens[c].text.lower() == "of" for c in doc.children(child)):
                words = [j for j in phrase(doc, child) if doc.tokens[j].text.lower() != "of"]
                words = without_articles(doc, words)
                kind = "group" if token.feat("Number") == "Plur" else "anonymous"
                return self._described(text_of(doc, words), kind, words, plural=kind == "group")
        return None

    def _picked_from(self, head: int) -> Referent | None:
        """"One resident said ..., and several said ...", "the number of members ... Some
        reported ...": a bare quantifier picks from the people just spoken of: the
        unnamed speaker before it (in this sentence or the one before), else the speakers
        of a coordinated subject before it in its sentence ("X and Y vied ..., each
        touting ..."), else the last plural of people there that is a subject or of one
        ("the number of members"), as a group of them ("residents", "members"). Else no
        one: "some say" and "many are calling it" are people at large."""
        doc = self.doc
        sentence = doc.tokens[head].sent
        previous = self._previous_speaker(head, lambda r: r.kind in ("anonymous", "group") and bool(r.nouns))
        if previous is not None and previous.speaker.name.lower() not in BARE_QUANTIFIERS:
            noun = fold(doc.tokens[previous.last_before(head) or head].lemma)
            noun = noun if noun in previous.nouns else min(previous.nouns)
            return self._described(_plural(noun), "group", [], plural=True)
        coordinated = [e for e in self._coordinated_subjects(sentence, lambda r: True) if e.token < head]
        if coordinated:
            return coordinated[-1].referent
        for i in range(head - 1, -1, -1):
            token = doc.tokens[i]
            if sentence - token.sent > 1:
                break
            lemma = fold(token.lemma)
            if token.upos == "NOUN" and token.feat("Number") == "Plur" and not self._hidden(i) \
                    and doc.entity_at(i) is None and (_is_human(lemma) or lemma in SPEAKER_NOUNS) and (
                    _is_subject(doc, i) or token.deprel == "nmod" and _is_subject(doc, token.head)):
                return self._described(_plural(lemma), "group", [], plural=True)
        return None

    def _anonymous(self, tokens: list[int], owner: Referent | None, plural: bool) -> Referent:
        """"a US official", "sources familiar with the talks", "its source"."""
        doc = self.doc
        words = without_articles(doc, tokens)
        while len(words) > 1 and doc.tokens[words[0]].text.lower() in INDEFINITE | POSSESSIVE_PRONOUNS.keys():
            words = words[1:]
        name = text_of(doc, words)
        _, affiliation = role_and_affiliation(doc, words)
        if owner is not None:
            affiliation = affiliation or owner.speaker.name
            if doc.tokens[tokens[0]].text.lower() in POSSESSIVE_PRONOUNS:
                name = f"{owner.speaker.name} {name}"
        referent = self._described(name, "anonymous", words, plural=plural)
        referent.speaker.affiliation = referent.speaker.affiliation or affiliation
        return referent

    def _possessor(self, head: int) -> Referent | None:
        """Whose the description is: "its source" -> the organisation "it" is."""
        doc = self.doc
        for child in doc.children(head):
            token = doc.tokens[child]
            if token.deprel == "nmod:poss" and token.text.lower() in POSSESSIVE_PRONOUNS:
                return self._pronoun(child, POSSESSIVE_PRONOUNS[token.text.lower()])
        return None

    def _described(self, name: str, kind: str, tokens: list[int], plural: bool = False) -> Referent:
        """The article's one referent for an anonymous source or group of that name."""
        key = f"{kind}:{fold(name)}"
        referent = self.described.get(key)
        if referent is None:
            speaker = Speaker(name, kind)
            if kind in ("anonymous", "group") and tokens:
                speaker.affiliation = role_and_affiliation(self.doc, tokens)[1]
            referent = Referent(speaker, plural=plural)
            if tokens:
                head = head_of(self.doc, tokens[0], tokens[-1])
                referent.nouns.add(fold(self.doc.tokens[head].lemma))
            self.described[key] = referent
        return referent

    def _with_conjuncts(self, head: int, referent: Referent) -> Referent:
        """"President Biden and President Xi" -> one group of both."""
        doc = self.doc
        others = []
        for child in doc.children(head):
            token = doc.tokens[child]
            if token.deprel == "conj" and token.upos in ("NOUN", "PROPN", "PRON"):
                other = self._phrase(child, phrase(doc, child))
                if other is not None and other is not referent and other.kind != "unknown":
                    others.append(other)  # not "China, Pyongyang's only ally and its lifeline"
        if not others:
            return referent
        parts = self._named_in_apposition(head, [referent, *others])
        names = [r.speaker.name for r in parts]
        name = ", ".join(names[:-1]) + " and " + names[-1]
        return self._described(name, "group", [], plural=True)

    # -- bookkeeping -----------------------------------------------------------------

    def _note_subjects(self, sentence: int) -> None:
        """Make the common-noun subjects of a sentence ("Residents' groups welcomed ...")
        candidates for the pronouns after them, once."""
        if sentence in self.subjects_noted:
            return
        self.subjects_noted.add(sentence)
        doc = self.doc
        noted = {e.token for e in self.events.get(sentence, [])}
        for i in doc.sentences[sentence].tokens:
            token = doc.tokens[i]
            if token.deprel in SUBJECTS and token.upos == "NOUN" and i not in noted \
                    and not self._hidden(i) and doc.entity_at(i) is None:
                referent = self._phrase(i, phrase(doc, i))
                if referent is not None:
                    self._note(i, referent)

    def _note(self, token: int, referent: Referent) -> None:
        doc = self.doc
        if token not in referent.tokens:
            insort(referent.tokens, token)
        sentence = doc.tokens[token].sent
        self.events.setdefault(sentence, []).append(
            _Event(token, _is_subject(doc, token), referent))

    def _hidden(self, token: int) -> bool:
        start = self.doc.tokens[token].start
        n = bisect_right(self.quoted_starts, start) - 1
        return n >= 0 and start < self.quoted[n][1]


def _merged(spans: list[Span]) -> list[Span]:
    """The union of `spans` as disjoint spans in text order."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        elif start < end:
            merged.append((start, end))
    return merged


def _agreement(pronoun: str) -> Callable[[Referent], bool] | None:
    """What a pronoun can refer to: he/she a person of that gender or of unknown gender,
    it an organisation, they/we a group, an organisation or several anonymous sources."""
    if pronoun in PERSON_PRONOUNS:
        gender = PERSON_PRONOUNS[pronoun]
        return lambda r: r.kind == "person" and (gender is None or r.gender in (gender, None))
    if pronoun in THING_PRONOUNS:
        return lambda r: r.kind == "organization"
    if pronoun in GROUP_PRONOUNS:
        return lambda r: r.kind in ("group", "organization") or (r.kind == "anonymous" and r.plural)
    return None


def _describes(doc: Document, head: int) -> bool:
    """Is the mention headed by `head` a description that a name set beside it names: a
    common noun or title ("The Vice President, Mike Pence"), a count ("One of these
    groups, the Syrian Democratic Forces,"), a party member or demonym ("a Republican,
    Mark Amodei,"), not a name itself?"""
    token = doc.tokens[head]
    if token.upos in ("NOUN", "NUM") or is_title(token.text):
        return True
    entity = doc.entity_at(head)
    return entity is not None and entity.label == "NORP"


def _is_subject(doc: Document, token: int) -> bool:
    """Is the token the subject of its clause, or a name set beside the subject?"""
    for _ in range(3):
        deprel = doc.tokens[token].deprel
        if deprel in SUBJECTS:
            return True
        if deprel not in ("appos", "flat", "compound", "conj") or doc.tokens[token].head == token:
            return False
        token = doc.tokens[token].head
    return False


def _role_fits(words: set[str], referent: Referent) -> bool:
    """Does "the President" fit this person (role "United States President")? Every word
    of the description is in the role; a "deputy governor" is not "the governor"."""
    if not referent.nouns:
        return False
    role = {_as_country(w) for w in referent.nouns} | {
        _as_country(w) for w in (referent.speaker.affiliation or "").split()}
    if not words <= role:
        return False
    return not (SUBORDINATE & referent.nouns) - words


def _naming_words(doc: Document, tokens: list[int], head: int) -> set[str]:
    """The names in a description, as countries: "The PRC government" -> {"china"}."""
    return {_as_country(doc.tokens[i].text) for i in tokens if i != head and (
        doc.tokens[i].upos == "PROPN" or doc.entity_at(i) is not None) and doc.tokens[i].upos != "DET"}


def _naming_words_of(referent: Referent) -> set[str]:
    """The words of an organisation's names, as countries, to hold a description's names."""
    names = [referent.speaker.name, *referent.speaker.aliases, referent.speaker.affiliation or ""]
    return {_as_country(w) for name in names for w in POSSESSIVE_WORD.sub(" ", name).split()} | {
        fold(country_of(name) or "") for name in names}


def _as_country(word: str) -> str:
    """"Greek" and "Greece" compare equal."""
    return fold(country_of(word) or word)


def _is_human(lemma: str) -> bool:
    """Does the noun name people ("official", "protester", "MP", "26-year-old"), not
    things ("war")?"""
    if lemma in ANONYMOUS_NOUNS or lemma in ROLE_TITLES or AGED.search(lemma):
        return True
    return lemma.endswith(HUMAN_ENDINGS) and not lemma.endswith("ment") and lemma not in NOT_HUMAN


def _without_trailing_adverbs(doc: Document, tokens: list[int]) -> list[int]:
    """"Residents there" -> "Residents"."""
    while len(tokens) > 1 and doc.tokens[tokens[-1]].upos == "ADV":
        tokens = tokens[:-1]
    return tokens


EXAMPLE_MARKERS = {"including", "like", "such"}


def _without_examples(doc: Document, head: int, tokens: list[int]) -> list[int]:
    """"Countries including Algeria and Morocco" -> "Countries": the examples a
    description gives are not its name."""
    for child in doc.children(head):
        if child > head and any(doc.tokens[c].deprel == "case" and doc.tokens[c].text.lower() in EXAMPLE_MARKERS
                                for c in doc.children(child)):
            cut = min(doc.subtree(child))
            kept = [i for i in tokens if i < cut]
            return kept or tokens
    return tokens


def _name(doc: Document, tokens: list[int]) -> str:
    return text_of(doc, without_articles(doc, tokens))


def _document_name(doc: Document, head: int, tokens: list[int]) -> str:
    """"The complaint filed by prosecutors" -> "complaint"; "a UN report" -> "UN report"."""
    words = [i for i in tokens if i <= head and doc.tokens[i].upos in ("NOUN", "PROPN", "ADJ")
             and doc.tokens[i].deprel != "nmod:poss"]
    return text_of(doc, words) if words else doc.tokens[head].text


def _plural(noun: str) -> str:
    """"resident" -> "residents"; "members" stays."""
    return noun if _INFLECT.singular_noun(noun) else _INFLECT.plural_noun(noun)


def _only_pronouns(text: str) -> bool:
    return all(w.lower() in PRONOUNS | QUANTIFIERS | {"and"} for w in text.split())


def _set_reported_by(quotes: list[Quote]) -> None:
    """A quote whose cue lies inside another quote's content is reported by its speaker:
    "the ministry said Wang had demanded that ...". Of several such quotes, the one with
    the least content (the first of those in `quotes`) reports it.

    One sweep over the cues in text order, the content pieces that began before each cue
    kept in a heap by size (n log n: an article of thousands of nested quotes is common
    in hostile input)."""
    pieces = sorted((start, end, sum(e - s for s, e in quote.content), n)
                    for n, quote in enumerate(quotes) if quote.speaker is not None
                    for start, end in quote.content)
    cues = sorted((quote.cue[0][0], n) for n, quote in enumerate(quotes)
                  if quote.cue and quote.speaker is not None)
    open_pieces: list[tuple[int, int, int]] = []  # (size, quote index, end)
    next_piece = 0
    for cue, n in cues:
        while next_piece < len(pieces) and pieces[next_piece][0] <= cue:
            _, end, size, owner = pieces[next_piece]
            heapq.heappush(open_pieces, (size, owner, end))
            next_piece += 1
        own: list[tuple[int, int, int]] = []
        while open_pieces and (open_pieces[0][2] <= cue or open_pieces[0][1] == n):
            piece = heapq.heappop(open_pieces)
            if piece[2] > cue:
                own.append(piece)  # the quote's own content: back in once this cue is done
        reporter = quotes[open_pieces[0][1]] if open_pieces else None
        for piece in own:
            heapq.heappush(open_pieces, piece)
        quote = quotes[n]
        if reporter is not None and reporter.speaker is not quote.speaker:
            quote.reported_by = reporter.speaker
