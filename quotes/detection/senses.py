"""What a cue verb's words are when they are not a statement of what someone said.

- questions, refusals and hypotheticals: "asked whether the plant would close",
  "would not say what he will do", "declined to say why", "would say if ..." report no
  statement: their complements are never quotes (`reports_no_statement`). A question in
  quotation marks ("Why now?" he asked) is the speaker's words and stays.
- verbs of evidence ("indicate", "estimate", "conclude") are verbs of saying when
  someone speaks through them ("the minister indicated ...", "a UN report concluded"),
  not when data do ("the figures suggest ..."): `speaks`;
- phrases with a cue word that report no speech (`says_nothing`): "is going to win",
  "That said, ...", a heading's label "Revealed: ...";
- non-speech senses of cue verbs (`non_speech_object`): numbers, scores, prices and
  markets as objects ("each added a goal", "the index added 0.4 per cent"), sport and
  legal idioms ("pleaded guilty", "knocked out", "called a meeting"), and verbs of
  saying whose subject is a thing, not someone who speaks ("another explosion hit",
  "the figures point to");
- verbs of stance inside another speaker's words (`states_a_stance`): "he said [Trump
  agreed that ...]" is what he said, not a report of Trump's.
"""

from __future__ import annotations

from quotes.detection.context import Context
from quotes.nlp import Document
from quotes.nlp.tree import tokens_in
from quotes.records import Span
from quotes.speakers.names import ROLE_TITLES

QUESTION_VERBS = {"ask", "wonder", "inquire", "enquire", "query", "question"}
WH_WORDS = {"what", "why", "how", "when", "where", "who", "whom", "whose", "which"}
REFUSALS = {"decline", "refuse", "fail", "hesitate", "decide"}
"""Verbs whose infinitive cue is not said: "declined to say why", "refused to tell"."""
HYPOTHETICAL_MODALS = {"would", "could", "might", "'d"}
NEGATIONS = {"not", "n't", "never", "no"}

NUMBER_ENTITIES = {"CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"}
IDIOMS = {
    "plead": {"guilty", "innocent", "contest", "not"},
    "knock": {"out", "down", "off"},
    "add": {"goal", "goals", "point", "points", "run", "runs", "try", "tries", "touchdown",
            "basket", "wicket", "wickets", "stroke", "lap", "seconds", "minutes", "weight",
            "pounds", "jobs", "value", "fuel", "insult", "salt", "layer", "floor", "stop"},
    "call": {"meeting", "election", "elections", "vote", "strike", "halt", "timeout", "time",
             "ambulance", "police", "shot", "shots", "play", "plays", "foul", "penalty", "session",
             "referendum", "truce", "ceasefire", "recess", "snap", "off"},
    "hit": set(),
    "fire": set(),
    "post": {"loss", "losses", "profit", "profits", "gain", "gains", "record", "time", "score",
             "win", "victory", "bail", "bond"},
    "issue": {"warrant", "visa", "visas", "passport", "bond", "bonds", "shares", "ticket", "tickets",
              "fine", "license", "licence", "permit", "permits", "subpoena", "stamp"},
    "release": {"prisoner", "prisoners", "hostage", "hostages", "detainee", "detainees", "film",
                "album", "song", "record", "funds", "water", "gas", "balloon", "him", "her", "them"},
    "charge": {"fee", "fees", "interest", "price", "rent", "battery", "phone"},
    "order": {"food", "meal", "drink", "pizza", "coffee"},
    "answer": {"phone", "door", "call"},
    "address": {"envelope", "letter", "problem", "issue", "issues", "concern", "concerns", "needs"},
}
"""Cue verbs and the objects that make them something other than speech ("added a goal",
"called a meeting", "pleaded guilty", "hit the town"); "hit" and "fire" are never speech
with a plain object ("hit a minibus", "fired three missiles": "hit out at" is a
preposition)."""
SPOKEN_OBJECTS = {
    "raise": set("""concern concerns issue issues question questions objection objections doubt
        doubts alarm case cases matter matters point points possibility prospect topic subject
        complaint complaints criticism allegation allegations fear fears importance need""".split()),
}
"""Cue verbs that are speech only with these objects and someone who speaks as subject:
"she raised concerns about ...", "raised the cases of ...", not "raised taxes", "raised
$5 million", "the delay raises questions"."""
SPEAKERS_ONLY = {"encourage", "affirm", "reassert"}
"""Speech acts only when someone who speaks does them: "the minister encouraged allies to
...", not "low rates encourage borrowing"."""
NOT_SPEAKERS = set("""data figure figures number numbers statistic statistics result results
    index market markets price prices share shares stock stocks rate rates trend trends
    evidence explosion blast attack fire storm flood quake earthquake weather economy growth
    inflation move decision measure law rule rules policy protocol bill deal agreement
    proclamation chart graph model models survey surveys poll polls test tests experiment
    sample samples score scores record records""".split())
"""Head nouns of subjects that are things, not speakers: "the figures point to ...",
"another explosion hit ...", "the deal would release ...". Documents that speak
("the report said") are not among them."""


def reports_no_statement(doc: Document, verb: int, content: list[int], quoted: bool) -> bool:
    """Whether `content`, reported by `verb`, is a question, a refusal or a hypothetical
    rather than a statement of what was said. Words in quotation marks are someone's
    words, questions included."""
    if quoted or not content:
        return False
    token = doc.tokens[verb]
    head = _content_head(doc, content)
    question = _is_indirect_question(doc, head, content)
    if question and (token.lemma.lower() in QUESTION_VERBS or _is_withheld(doc, verb)):
        return True
    if _is_whether(doc, head, content):
        return True
    if token.lemma.lower() in REFUSALS and _refuses_to_answer(doc, head, content):
        return True
    return _is_withheld(doc, verb) and _conditional(doc, verb)


def _refuses_to_answer(doc: Document, head: int, content: list[int]) -> bool:
    """"declined to say why ...", "refused to tell whether ...": a refusal to answer a
    question ("declined to comment" is a summary of a refusal, and stays)."""
    if doc.tokens[head].upos != "VERB":
        return False
    for clause in doc.children(head):
        if doc.tokens[clause].deprel in ("ccomp", "advcl", "obj") and clause in content:
            first = min(doc.subtree(clause))
            if doc.tokens[first].text.lower() in WH_WORDS | {"whether", "if"}:
                return True
    return False


def _content_head(doc: Document, content: list[int]) -> int:
    inside = set(content)
    return next((i for i in content if doc.tokens[i].head not in inside or doc.tokens[i].head == i), content[0])


def _is_whether(doc: Document, head: int, content: list[int]) -> bool:
    """"whether the plant would close", "if the plant would close": a question's if marks
    the reported clause itself ("said if elected he would cut taxes" is a condition), and
    that clause is all of it: in "If prices rise, the governor said, families will
    struggle" the if-clause is the condition of the words after the cue."""
    first = doc.tokens[content[0]]
    if not (first.text.lower() in ("whether", "if") and first.deprel == "mark" and first.head == head):
        return False
    clause = set(doc.subtree(head))
    return all(i in clause for i in content if doc.tokens[i].upos != "PUNCT")


def _is_indirect_question(doc: Document, head: int, content: list[int]) -> bool:
    """"what he will do", "why the plant closed", "if it would close"."""
    first = doc.tokens[content[0]]
    word = first.text.lower()
    return word in WH_WORDS or word in ("whether", "if") and first.head == head


def _is_withheld(doc: Document, verb: int) -> bool:
    """"won't say", "would not say", "declined to say", "refused to tell", "would say if"."""
    children = [doc.tokens[c] for c in doc.children(verb)]
    if any(c.text.lower() in NEGATIONS for c in children):
        return True
    token = doc.tokens[verb]
    if token.deprel == "xcomp" and doc.tokens[token.head].lemma.lower() in REFUSALS:
        return True
    return any(c.deprel == "aux" and c.text.lower() in HYPOTHETICAL_MODALS for c in children)


def _conditional(doc: Document, verb: int) -> bool:
    """"would say if ...": the cue under a condition."""
    return any(doc.tokens[c].deprel == "advcl" and any(
        doc.tokens[m].deprel == "mark" and doc.tokens[m].text.lower() in ("if", "unless")
        for m in doc.children(c)) for c in doc.children(verb))


def says_nothing(doc: Document, verb: int) -> bool:
    """Whether a cue word is part of a phrase that reports no speech: the future "is
    going to [win]" (PolNeAR train: none of its proposals match an annotation), the
    concession "That said, [the plan ...]" (whose speaker would be "That") and a label
    opening a line ("Revealed: [what the videos contain]", `_is_label`)."""
    token = doc.tokens[verb]
    children = [doc.tokens[c] for c in doc.children(verb)]
    if _is_label(doc, verb):
        return True
    if token.text.lower() == "going" and any(c.deprel.startswith("aux") and c.lemma.lower() == "be" for c in children):
        return any(c.deprel == "xcomp" and _infinitive(doc, doc.children(c.i)) for c in children)
    if token.text.lower() != "said" or verb < 1 or verb + 1 >= len(doc.tokens):
        return False
    before, after = doc.tokens[verb - 1], doc.tokens[verb + 1]
    first = verb == 1 or doc.tokens[verb - 2].sent != token.sent
    return first and before.text.lower() in ("that", "this") and after.text == ","


def _is_label(doc: Document, verb: int) -> bool:
    """"Revealed: ...", "Confirmed: ...": a participle that opens its sentence and a colon
    right after it, no one doing the saying: a heading's label."""
    token = doc.tokens[verb]
    first = verb == 0 or doc.tokens[verb - 1].sent != token.sent
    after = doc.tokens[verb + 1] if verb + 1 < len(doc.tokens) else None
    return (first and after is not None and after.text == ":" and token.text.lower().endswith("ed")
            and not any(doc.tokens[c].deprel in CLAUSE_SUBJECTS for c in doc.children(verb)))


def non_speech_object(doc: Document, verb: int, content: list[int], subject: int | None) -> bool:
    """Whether a cue verb's object makes it something other than speech: a number, score,
    price or market figure; an idiom of sport or law; a thing as the subject."""
    if not content:
        return False
    lemma = doc.tokens[verb].lemma.lower()
    head = _content_head(doc, content)
    if _is_number(doc, head):
        return True
    if lemma in SPEAKERS_ONLY and not speaks(doc, subject):
        return True  # "low rates encourage borrowing"
    if lemma in SPOKEN_OBJECTS:  # "his silence raises questions": no one spoke
        return doc.tokens[head].lemma.lower() not in SPOKEN_OBJECTS[lemma] or not speaks(doc, subject)
    if lemma in IDIOMS and not (lemma == "call" and _has_predicate(doc, verb)):
        words = IDIOMS[lemma]
        objects = {doc.tokens[c].text.lower() for c in doc.children(verb)
                   if doc.tokens[c].deprel in ("obj", "compound:prt", "xcomp", "advmod", "obl")}
        objects.add(doc.tokens[head].text.lower())
        objects.add(doc.tokens[head].lemma.lower())
        if not words or words & objects:
            return True
    return subject is not None and _is_thing(doc, subject)


def _has_predicate(doc: Document, verb: int) -> bool:
    """"called [her vote] a mistake": a second predicate makes the verb one of saying."""
    return any(doc.tokens[c].deprel in ("xcomp", "ccomp") for c in doc.children(verb))


def _is_number(doc: Document, head: int) -> bool:
    """"0.4 per cent", "$3 billion", "two goals": a figure as what was "added"."""
    token = doc.tokens[head]
    if token.upos == "NUM":
        return True
    entity = doc.entity_at(head)
    if entity is not None and entity.label in NUMBER_ENTITIES:
        return True
    return token.lemma.lower() in ("percent", "cent", "point", "points") and any(
        doc.tokens[c].upos == "NUM" for c in doc.children(head))


SPEAKING_PRONOUNS = {"he", "she", "i", "we", "they", "you", "who"}
SPEAKING_ENTITIES = {"PERSON", "ORG", "NORP", "GPE"}
DOCUMENTS = set("""report reports statement statements letter document documents decree complaint
    filing ruling memo memorandum analysis review article release readout resolution
    communique indictment lawsuit affidavit testimony study""".split())
"""Documents that speak for their authors ("a UN report concluded ..."), unlike data
("the figures suggest ...", "a poll shows ...")."""


SPEAKING_ROLES = ROLE_TITLES | set("""official officials source sources expert experts analyst
    analysts economist economists researcher researchers scientist scientists lawyer lawyers
    aide aides adviser advisers advisor advisors activist activists protester protesters organizer
    organizers organiser organisers witness witnesses resident residents critic critics
    prosecutor prosecutors investigator investigators authorities government ministry
    department agency committee council commission campaign spokespeople delegation
    administration regime panel board union envoy envoys rapporteur rapporteurs diplomat
    diplomats group groups""".split())
"""Roles and bodies whose job is to speak or to judge ("a State Department spokesperson
indicated ...", "event organizers estimate ..."), beside the titles of `speakers.names`:
the subjects that make a verb of evidence a verb of saying. Narrower on purpose than
`speakers.resolve.SPEAKER_NOUNS`, every noun that can head a speaker's mention: "the
crowd" or "a candidate" may speak, but "a candidate rely on a doctor to discuss X" is no
report (merging the two lists added such false quotes on PolNeAR dev)."""


def speaks(doc: Document, subject: int | None) -> bool:
    """Whether a subject is someone who speaks (a person, an organisation, a country, a
    document, a role such as "spokesperson"): what makes "indicated", "estimated",
    "concluded" verbs of saying rather than of evidence ("the data indicate")."""
    if subject is None:
        return False
    token = doc.tokens[subject]
    if token.upos == "PRON":
        return token.text.lower() in SPEAKING_PRONOUNS
    author = _author(doc, subject)
    if author is not None and not NOT_SPEAKERS & {token.lemma.lower(), token.text.lower()}:
        return speaks(doc, author)  # "estimates by event organizers indicate ..."
    entity = doc.entity_at(subject)
    if entity is not None:
        return entity.label in SPEAKING_ENTITIES
    lemma = token.lemma.lower()
    return token.upos == "PROPN" or lemma in DOCUMENTS or lemma in SPEAKING_ROLES


def _author(doc: Document, subject: int) -> int | None:
    """The author of a subject made "by" someone: "estimates by event organizers" are
    theirs to speak ("data from the ministry" stay data: `NOT_SPEAKERS`)."""
    for child in doc.children(subject):
        if doc.tokens[child].deprel == "nmod" and child > subject and any(
                doc.tokens[c].deprel == "case" and doc.tokens[c].text.lower() in ("by", "from")
                for c in doc.children(child)):
            return child
    return None


DOCUMENT_VERBS = {"read"}
"""Verbs that are cues only for a document's text: "the statement read ...", not "he
read a book" or "the sign read"."""


def reads_as_document(doc: Document, verb: int, subject: int | None) -> bool:
    """False for a `DOCUMENT_VERBS` cue whose subject is not a document."""
    if doc.tokens[verb].lemma.lower() not in DOCUMENT_VERBS:
        return True
    return subject is not None and doc.tokens[subject].lemma.lower() in DOCUMENTS | READ_DOCUMENTS


READ_DOCUMENTS = set("""message note post tweet caption notice order text email sign-off
    communiqué proclamation declaration verdict judgment judgement citation""".split())


EVIDENCE_VERBS = {"show", "indicate", "suggest", "reveal", "find", "point", "confirm", "estimate"}


def is_evidence(doc: Document, lemma: str, subject: int | None) -> bool:
    """"the figures suggest ...", "the data show ...": a verb of saying or of evidence
    whose subject is a thing reports evidence, not speech."""
    return lemma.lower() in EVIDENCE_VERBS and subject is not None and _is_thing(doc, subject)


def _is_thing(doc: Document, subject: int) -> bool:
    token = doc.tokens[subject]
    if token.upos != "NOUN" or doc.entity_at(subject) is not None:
        return False
    return token.lemma.lower() in NOT_SPEAKERS or token.text.lower() in NOT_SPEAKERS


CLAUSE_SUBJECTS = {"nsubj", "nsubj:pass", "csubj", "csubj:pass", "expl"}
CLAUSE_LINKS = {"ccomp", "xcomp", "conj", "parataxis"}
"""How a clause hangs under the words of a cue's argument: "called it [unlikely] that
[the EU would pay]" (xcomp, then ccomp). Not adverbial clauses: "condemned the launch [as Pyongyang
fired three missiles]" names what was condemned."""
PREDICATES = {"VERB", "AUX"}
ADJUNCTS = {"advcl", "advmod", "obl", "nmod", "dep", "punct"}


def states_a_clause(doc: Document, content: list[Span]) -> bool:
    """Whether a cue's argument is a clause, what was said ("called it unlikely [that the
    EU would pay]", "declared [the outbreak to be a pandemic]", "was reported [to be
    stable]"), rather than a phrase that names what the speech was about ("defended [his
    decision]", "declared the outbreak [an emergency]", "raised [the cases of citizens
    who are detained]", "refers to [how widely it spread]") or an action asked for
    ("urged Iran [to return to the deal]", "called for [the killers to be brought to
    justice]"): a finite verb with its own subject, or a copular infinitive ("to be
    ..."). Relative clauses inside a noun phrase, questions and infinitives of action do
    not count."""
    tokens = tokens_in(doc, content)
    inside = set(tokens)
    stack = [i for i in tokens if (doc.tokens[i].head not in inside or doc.tokens[i].head == i)
             and doc.tokens[i].deprel not in ADJUNCTS]
    while stack:
        node = stack.pop()
        children = [c for c in doc.children(node) if c in inside]
        if _opens_with_wh(doc, node):
            continue
        if _infinitive(doc, doc.children(node)):
            if _copular(doc, node, children):
                return True
            continue
        if doc.tokens[node].upos in PREDICATES and any(doc.tokens[c].deprel in CLAUSE_SUBJECTS for c in children):
            return True
        stack += [c for c in children if doc.tokens[c].deprel in CLAUSE_LINKS
                  or doc.tokens[c].deprel == "acl" and _infinitive(doc, doc.children(c))]
    return False


SMALL_CLAUSE_HEADS = {"ADJ", "NOUN"}
LINKS = {"cop", "aux", "aux:pass", "mark"}


def judges_in_a_small_clause(doc: Document, content: list[Span]) -> bool:
    """Whether a cue's argument is a verbless small clause, a judgement that names what
    the speech was about rather than its words: "found [the plan reckless]", "judged [the
    offer a provocation]", "found [the claims unfounded]": one head, an adjective or a
    noun with its determiner, with a subject of its own and no verb, copula, auxiliary or
    subordinator. Not a participle: the parser takes finite verbs for them ("said [the
    index quadrupled]")."""
    tokens = [i for i in tokens_in(doc, content) if doc.tokens[i].upos != "PUNCT"]
    inside = set(tokens)
    heads = [i for i in tokens if doc.tokens[i].head not in inside or doc.tokens[i].head == i]
    if len(heads) != 1:
        return False
    head = doc.tokens[heads[0]]
    children = [c for c in doc.children(heads[0]) if c in inside]
    noun_phrase = head.upos == "ADJ" or any(doc.tokens[c].deprel in ("det", "nmod:poss") for c in children)
    return (head.upos in SMALL_CLAUSE_HEADS and noun_phrase
            and any(doc.tokens[c].deprel in ("nsubj", "nsubj:pass") for c in children)
            and not any(doc.tokens[c].deprel in LINKS or doc.tokens[c].text.lower() == "to" for c in children))


def _infinitive(doc: Document, children: list[int]) -> bool:
    return any(doc.tokens[c].text.lower() == "to" and doc.tokens[c].upos == "PART" for c in children)


def _copular(doc: Document, node: int, children: list[int]) -> bool:
    """"[the outbreak] to be a pandemic", "to not be life-threatening": a state, not an
    action ("to return to the deal", "to be brought to justice")."""
    return doc.tokens[node].lemma.lower() == "be" or any(
        doc.tokens[c].deprel == "cop" for c in children)


def _opens_with_wh(doc: Document, node: int) -> bool:
    """"what he named the crisis", "how widely it spread": a question or a free relative
    names a topic."""
    words = [i for i in doc.subtree(node) if doc.tokens[i].upos not in ("ADP", "PUNCT")]
    return bool(words) and doc.tokens[words[0]].text.lower() in WH_WORDS | FREE_RELATIVES | {"whether", "if"}


FREE_RELATIVES = {"whatever", "whoever", "whichever", "wherever", "whenever"}


QUOTED_TERM_WORDS = 2
"""At most this many quoted words in a summary are a term set off in quotation marks
("halt its “filtration” operations"), not the speaker's words."""


def quotes_a_term(ctx: Context, content: list[Span]) -> bool:
    """Whether the only quoted words of a cue's argument are a term of one or two words
    that modifies the noun after it: "calls on Russia to halt its so-called “filtration”
    operations" names what the call was about. A quoted predicate is the speaker's word
    ('called the deal "lousy"', 'criticized the act as a “crazy system” during ...'),
    as is a longer quotation ('blamed the “US side's erroneous perception”')."""
    doc = ctx.doc
    tokens = [i for i in tokens_in(doc, content) if doc.tokens[i].upos != "PUNCT"]
    quoted = [i for i in tokens if ctx.quotation_at(doc.tokens[i].start) is not None]
    if not quoted or len(quoted) > QUOTED_TERM_WORDS or len(tokens) < 3 * len(quoted):
        return False
    inside = set(quoted)
    heads = [i for i in quoted if doc.tokens[i].head not in inside]
    return all(doc.tokens[i].deprel in TERM_RELATIONS and doc.tokens[i].head > max(quoted)
               and doc.tokens[doc.tokens[i].head].upos in ("NOUN", "PROPN") for i in heads)


TERM_RELATIONS = {"amod", "compound", "nmod", "nmod:poss"}


STANCES = set("""agree concur continue find show imply hint suggest point underscore underline
    maintain reaffirm reiterate deem conclude estimate grant name question wonder""".split()) | {"make clear"}
"""Cue verbs that state a position, a finding or a continuation rather than an act of
telling ("agreed", "found", "will continue", "made clear"), unlike "said", "told",
"claimed", "recommended" or "indicated to the Ukrainians", which inside another
speaker's words report an utterance of their own ("Ann said Kim had told her ...")."""
EMBEDDED = {"ccomp", "xcomp"}


def states_a_stance(doc: Document, verb: int, lemma: str) -> bool:
    """Whether a cue verb (`lemma`: its cue's lemma, "make clear") set as the complement of
    a clause names a position: inside another quote's words, "Reagan and Trump have shown
    [they are willing]", "he agrees [Trump is ...]", "Rubio will continue [to be ...]",
    "she found [that ...]" are what that quote says, not a report of their own (PolNeAR
    train: none of 36 such proposals match an annotation)."""
    return doc.tokens[verb].deprel.split(":")[0] in EMBEDDED and lemma.lower() in STANCES
