"""Who speaks, and what is said of whom, when the parser gets the sentence wrong:
`attribute.subject_of` and the rules over parses as spaCy gives them (written out here,
so the tests do not depend on a model)."""

from __future__ import annotations

from quotes.detection import find_quotations, find_quotes
from quotes.detection.attribute import subject_of
from quotes.nlp import Document
from quotes.nlp.document import Sentence, Token

Row = tuple[str, str, str, int, str]
"""A token: text, lemma, upos, head (index), deprel; feats after a '|' in the lemma."""


def parse(rows: list[Row]) -> Document:
    """A one-sentence document of `rows`, words separated by spaces."""
    tokens, offset = [], 0
    for i, (text, lemma, upos, head, deprel) in enumerate(rows):
        lemma, _, feats = lemma.partition("|")
        tokens.append(Token(i, text, offset, offset + len(text), lemma, upos, upos, feats, head, deprel, 0))
        offset += len(text) + 1
    text = " ".join(row[0] for row in rows)
    return Document(text, tokens, [Sentence(0, len(text), 0, len(tokens) - 1)])


def words(doc: Document, token: int | None) -> str | None:
    return None if token is None else doc.tokens[token].text


def index(doc: Document, word: str) -> int:
    return next(t.i for t in doc.tokens if t.text == word)


def test_a_speech_verb_hung_on_the_reported_clause_keeps_the_speaker():
    # He noted that each launch constituted violations , and reiterated the importance .
    doc = parse([("He", "he", "PRON", 1, "nsubj"), ("noted", "note", "VERB", 1, "root"),
                 ("that", "that", "SCONJ", 5, "mark"), ("each", "each", "DET", 4, "det"),
                 ("launch", "launch", "NOUN", 5, "nsubj"), ("constituted", "constitute", "VERB", 1, "ccomp"),
                 ("violations", "violation", "NOUN", 5, "obj"), (",", ",", "PUNCT", 5, "punct"),
                 ("and", "and", "CCONJ", 9, "cc"), ("reiterated", "reiterate", "VERB", 5, "conj"),
                 ("the", "the", "DET", 11, "det"), ("importance", "importance", "NOUN", 9, "obj")])
    assert words(doc, subject_of(doc, index(doc, "reiterated"))) == "He"


def test_a_speech_verb_conjoined_to_a_clause_whose_subject_cannot_speak_is_the_reporters():
    # The leaders reiterated their view that a war can never be won and underscored their opposition .
    doc = parse([("The", "the", "DET", 1, "det"), ("leaders", "leader", "NOUN", 2, "nsubj"),
                 ("reiterated", "reiterate", "VERB", 2, "root"), ("their", "their", "PRON", 4, "poss"),
                 ("view", "view", "NOUN", 2, "obj"), ("that", "that", "SCONJ", 11, "mark"),
                 ("a", "a", "DET", 7, "det"), ("war", "war", "NOUN", 11, "nsubj:pass"),
                 ("can", "can", "AUX", 11, "aux"), ("never", "never", "ADV", 11, "advmod"),
                 ("be", "be", "AUX", 11, "aux:pass"), ("won", "win", "VERB", 4, "acl"),
                 ("and", "and", "CCONJ", 13, "cc"), ("underscored", "underscore", "VERB", 11, "conj"),
                 ("their", "their", "PRON", 15, "poss"), ("opposition", "opposition", "NOUN", 13, "obj"),
                 (".", ".", "PUNCT", 2, "punct")])
    assert words(doc, subject_of(doc, index(doc, "underscored"))) == "leaders"


def test_a_conjunct_of_a_reported_verb_that_says_nothing_keeps_its_own_subject():
    # He said the minister resigned and left . ("left" is no speech verb)
    doc = parse([("He", "he", "PRON", 1, "nsubj"), ("said", "say", "VERB", 1, "root"),
                 ("the", "the", "DET", 3, "det"), ("minister", "minister", "NOUN", 4, "nsubj"),
                 ("resigned", "resign", "VERB", 1, "ccomp"), ("and", "and", "CCONJ", 6, "cc"),
                 ("left", "leave", "VERB", 4, "conj")])
    assert words(doc, subject_of(doc, index(doc, "left"))) == "minister"


def test_a_participle_speaks_for_the_noun_it_describes_not_a_past_participle():
    # with officials saying this is for security reasons ; a tank called the agreement void
    doc = parse([("with", "with", "ADP", 1, "case"), ("officials", "official", "NOUN", 1, "root"),
                 ("saying", "say|VerbForm=Ger", "VERB", 1, "acl"), ("this", "this", "PRON", 4, "nsubj"),
                 ("is", "be", "AUX", 2, "ccomp"), ("fine", "fine", "ADJ", 4, "xcomp"),
                 ("a", "a", "DET", 7, "det"), ("tank", "tank", "NOUN", 1, "conj"),
                 ("called", "call|VerbForm=Part", "VERB", 7, "acl"), ("it", "it", "PRON", 8, "obj"),
                 ("void", "void", "ADJ", 8, "xcomp")])
    assert words(doc, subject_of(doc, index(doc, "saying"))) == "officials"
    assert subject_of(doc, index(doc, "called")) is None


def test_an_inverted_speaker_after_a_quotation_is_no_object():
    # " People see that , " said a protester .   /   " Women in Power , " answering questions
    doc = parse([('"', '"', "PUNCT", 6, "punct"), ("People", "people", "NOUN", 2, "nsubj"),
                 ("see", "see", "VERB", 6, "ccomp"), ("that", "that", "PRON", 2, "obj"),
                 (",", ",", "PUNCT", 6, "punct"), ('"', '"', "PUNCT", 6, "punct"),
                 ("said", "say|VerbForm=Fin", "VERB", 6, "root"), ("a", "a", "DET", 8, "det"),
                 ("protester", "protester", "NOUN", 6, "obj"), (",", ",", "PUNCT", 6, "punct"),
                 ('"', '"', "PUNCT", 11, "punct"), ("answering", "answer|VerbForm=Ger", "VERB", 6, "advcl"),
                 ("questions", "question", "NOUN", 11, "obj")])
    assert words(doc, subject_of(doc, index(doc, "said"))) == "protester"
    assert words(doc, subject_of(doc, index(doc, "answering"))) != "questions"


def test_a_subject_hung_on_the_clause_before_the_cue():
    # Speaking to Presse , the president , Msallem , said , " We ... "
    doc = parse([("Speaking", "speak", "VERB", 9, "advcl"), ("to", "to", "ADP", 2, "case"),
                 ("Presse", "Presse", "PROPN", 0, "obl"), (",", ",", "PUNCT", 2, "punct"),
                 ("the", "the", "DET", 5, "det"), ("president", "president", "NOUN", 2, "appos"),
                 (",", ",", "PUNCT", 2, "punct"), ("Msallem", "Msallem", "PROPN", 2, "appos"),
                 (",", ",", "PUNCT", 9, "punct"), ("said", "say|VerbForm=Fin", "VERB", 9, "root"),
                 (",", ",", "PUNCT", 9, "punct"), ("We", "we", "PRON", 12, "nsubj"),
                 ("agree", "agree", "VERB", 9, "ccomp")])
    assert words(doc, subject_of(doc, index(doc, "said"))) == "Msallem"


def test_a_subject_taken_for_the_object_of_the_verb_before():
    # Znak.com reported its source said that the tenant moved in
    doc = parse([("Znak.com", "Znak.com", "PROPN", 1, "nsubj"), ("reported", "report", "VERB", 1, "root"),
                 ("its", "its", "PRON", 3, "nmod:poss"), ("source", "source", "NOUN", 1, "obj"),
                 ("said", "say", "VERB", 1, "ccomp"), ("that", "that", "SCONJ", 8, "mark"),
                 ("the", "the", "DET", 7, "det"), ("tenant", "tenant", "NOUN", 8, "nsubj"),
                 ("moved", "move", "VERB", 4, "ccomp")])
    assert words(doc, subject_of(doc, index(doc, "said"))) == "source"


def test_the_first_verb_of_a_list_taken_for_a_clause_gives_its_subject():
    # President Biden raised concerns , noted members have an interest , and underscored ...
    doc = parse([("President", "President", "PROPN", 1, "compound"), ("Biden", "Biden", "PROPN", 2, "nsubj"),
                 ("raised", "raise", "VERB", 5, "ccomp"), ("concerns", "concern", "NOUN", 2, "obj"),
                 (",", ",", "PUNCT", 5, "punct"), ("noted", "note", "VERB", 5, "root"),
                 ("members", "member", "NOUN", 7, "nsubj"), ("have", "have", "VERB", 5, "ccomp"),
                 ("interest", "interest", "NOUN", 7, "obj")])
    assert words(doc, subject_of(doc, index(doc, "noted"))) == "Biden"
    # a quotation before its cue is what was said, not a first verb: no subject to take from it
    quoted = parse([('"', '"', "PUNCT", 2, "punct"), ("We", "we", "PRON", 2, "nsubj"),
                    ("won", "win", "VERB", 5, "ccomp"), (",", ",", "PUNCT", 2, "punct"),
                    ('"', '"', "PUNCT", 2, "punct"), ("noted", "note", "VERB", 5, "root")])
    assert subject_of(quoted, index(quoted, "noted")) is None


def test_the_source_of_according_to_is_not_the_subject_of_the_next_cue():
    # According to ISNA , the prosecutor , Mehr , said the 36 must face charges , adding ...
    doc = parse([("According", "accord", "VERB", 9, "obl"), ("to", "to", "ADP", 0, "obl"),
                 ("ISNA", "ISNA", "PROPN", 9, "nsubj"), (",", ",", "PUNCT", 2, "punct"),
                 ("the", "the", "DET", 5, "det"), ("prosecutor", "prosecutor", "NOUN", 2, "appos"),
                 (",", ",", "PUNCT", 5, "punct"), ("Mehr", "Mehr", "PROPN", 5, "appos"),
                 (",", ",", "PUNCT", 2, "punct"), ("said", "say", "VERB", 9, "root"),
                 ("the", "the", "DET", 11, "det"), ("36", "36", "NUM", 13, "nsubj"),
                 ("must", "must", "AUX", 13, "aux"), ("face", "face", "VERB", 9, "ccomp"),
                 ("charges", "charge", "NOUN", 13, "obj"), (",", ",", "PUNCT", 16, "punct"),
                 ("adding", "add", "VERB", 13, "advcl"), ("Iran", "Iran", "PROPN", 18, "nsubj"),
                 ("will", "will", "AUX", 18, "aux"), ("appeal", "appeal", "VERB", 16, "ccomp")])
    assert words(doc, subject_of(doc, index(doc, "said"))) == "prosecutor"
    assert words(doc, subject_of(doc, index(doc, "adding"))) == "prosecutor"


def test_a_speech_verb_of_what_is_reported_keeps_its_subject():
    # He noted that Clinton had been pilloried for acknowledging that coal would decline
    doc = parse([("He", "he", "PRON", 1, "nsubj"), ("noted", "note", "VERB", 1, "root"),
                 ("that", "that", "SCONJ", 6, "mark"), ("Clinton", "Clinton", "PROPN", 6, "nsubj:pass"),
                 ("had", "have", "AUX", 6, "aux"), ("been", "be", "AUX", 6, "aux:pass"),
                 ("pilloried", "pillory", "VERB", 1, "ccomp"), ("for", "for", "SCONJ", 8, "mark"),
                 ("acknowledging", "acknowledge", "VERB", 6, "advcl"), ("that", "that", "SCONJ", 12, "mark"),
                 ("coal", "coal", "NOUN", 12, "nsubj"), ("would", "would", "AUX", 12, "aux"),
                 ("decline", "decline", "VERB", 8, "ccomp")])
    assert words(doc, subject_of(doc, index(doc, "acknowledging"))) != "He"


def test_a_subject_inside_the_quotation_before_the_cue_is_not_the_speaker():
    # " The only verdict I see after reading that memo , " tweeted analyst Kurt Anand .
    # (the parser made "verdict" a second subject of "tweeted")
    doc = parse([('"', '"', "PUNCT", 11, "punct"), ("The", "the", "DET", 3, "det"),
                 ("only", "only", "ADJ", 3, "amod"), ("verdict", "verdict", "NOUN", 11, "nsubj"),
                 ("I", "I", "PRON", 5, "nsubj"), ("see", "see", "VERB", 3, "acl:relcl"),
                 ("after", "after", "ADP", 7, "mark"), ("reading", "read", "VERB", 5, "advcl"),
                 ("memos", "memo", "NOUN", 7, "obj"), (",", ",", "PUNCT", 3, "punct"),
                 ('"', '"', "PUNCT", 11, "punct"), ("tweeted", "tweet|VerbForm=Fin", "VERB", 11, "root"),
                 ("analyst", "analyst", "NOUN", 14, "compound"), ("Kurt", "Kurt", "PROPN", 14, "compound"),
                 ("Anand", "Anand", "PROPN", 11, "nsubj"), (".", ".", "PUNCT", 11, "punct")])
    assert words(doc, subject_of(doc, index(doc, "tweeted"))) == "Anand"


def test_a_clause_the_parser_made_a_subject_is_no_speaker():
    # The board criticized the plan , not only implying changes would be needed , but also urging a delay .
    # (the parser made "implying" the subject of "needed", and "urging" its conjunct)
    doc = parse([("The", "the", "DET", 1, "det"), ("board", "board", "NOUN", 2, "nsubj"),
                 ("criticized", "criticize", "VERB", 2, "root"), ("the", "the", "DET", 4, "det"),
                 ("plan", "plan", "NOUN", 2, "obj"), (",", ",", "PUNCT", 2, "punct"),
                 ("not", "not", "PART", 8, "cc:preconj"), ("only", "only", "ADV", 6, "advmod"),
                 ("implying", "imply", "VERB", 12, "nsubj:pass"), ("changes", "change", "NOUN", 8, "obj"),
                 ("would", "would", "AUX", 12, "aux"), ("be", "be", "AUX", 12, "aux:pass"),
                 ("needed", "need", "VERB", 2, "conj"), (",", ",", "PUNCT", 12, "punct"),
                 ("but", "but", "CCONJ", 16, "cc"), ("also", "also", "ADV", 16, "advmod"),
                 ("urging", "urge", "VERB", 12, "conj"), ("a", "a", "DET", 18, "det"),
                 ("delay", "delay", "NOUN", 16, "obj")])
    assert words(doc, subject_of(doc, index(doc, "urging"))) == "board"


def test_a_speech_verb_hung_on_a_clause_whose_subject_cannot_speak():
    # Mayor Lind found the delay unjustified and called the contract a disgrace .
    # (the parser made "called" a conjunct of "unjustified", whose subject is "delay")
    doc = parse([("Mayor", "Mayor", "PROPN", 1, "compound"), ("Lind", "Lind", "PROPN", 2, "nsubj"),
                 ("found", "find", "VERB", 2, "root"), ("the", "the", "DET", 4, "det"),
                 ("delay", "delay", "NOUN", 5, "nsubj"), ("unjustified", "unjustify", "VERB", 2, "ccomp"),
                 ("and", "and", "CCONJ", 7, "cc"), ("called", "call", "VERB", 5, "conj"),
                 ("the", "the", "DET", 9, "det"), ("contract", "contract", "NOUN", 7, "obj"),
                 ("a", "a", "DET", 11, "det"), ("disgrace", "disgrace", "NOUN", 7, "xcomp")])
    assert words(doc, subject_of(doc, index(doc, "called"))) == "Lind"


def test_a_speaker_before_a_participle_phrase_the_parser_ended_the_clause_with():
    # Mayor Lind speaking to the local radio station called the contract a disgrace .
    # (the parser made "speaking" the verb of "Lind" and "called" a clause describing "station")
    doc = parse([("Mayor", "Mayor", "PROPN", 1, "compound"), ("Lind", "Lind", "PROPN", 2, "nsubj"),
                 ("speaking", "speak|VerbForm=Ger", "VERB", 2, "root"), ("to", "to", "ADP", 7, "case"),
                 ("the", "the", "DET", 7, "det"), ("local", "local", "ADJ", 7, "amod"),
                 ("radio", "radio", "NOUN", 7, "compound"), ("station", "station", "NOUN", 2, "obl"),
                 ("called", "call", "VERB", 7, "acl"), ("the", "the", "DET", 10, "det"),
                 ("contract", "contract", "NOUN", 8, "obj"), ("a", "a", "DET", 12, "det"),
                 ("disgrace", "disgrace", "NOUN", 8, "xcomp")])
    assert words(doc, subject_of(doc, index(doc, "called"))) == "Lind"


def test_a_relative_clause_cue_reports_its_antecedent_not_the_quotation_after_it():
    # Ortiz commented on it — which the Herald noted as unusual — " We will keep the bridge open . "
    from quotes.detection.context import Context
    from quotes.detection.quotation_rules import quotation_rules
    from quotes.detection.quotemarks import Quotation

    doc = parse([("Ortiz", "Ortiz", "PROPN", 1, "nsubj"), ("commented", "comment", "VERB", 1, "root"),
                 ("on", "on", "ADP", 3, "case"), ("it", "it", "PRON", 1, "obl"),
                 ("—", "—", "PUNCT", 1, "punct"), ("which", "which", "PRON", 8, "obj"),
                 ("the", "the", "DET", 7, "det"), ("Herald", "Herald", "PROPN", 8, "nsubj"),
                 ("noted", "note", "VERB", 1, "ccomp"), ("as", "as", "ADP", 10, "case"),
                 ("unusual", "unusual", "ADJ", 8, "obl"), ("—", "—", "PUNCT", 1, "punct"),
                 ('"', '"', "PUNCT", 15, "punct"), ("We", "we", "PRON", 15, "nsubj"),
                 ("will", "will", "AUX", 15, "aux"), ("keep", "keep", "VERB", 15, "root"),
                 ("the", "the", "DET", 17, "det"), ("bridge", "bridge", "NOUN", 15, "obj"),
                 ("open", "open", "ADJ", 15, "xcomp"), (".", ".", "PUNCT", 15, "punct"),
                 ('"', '"', "PUNCT", 15, "punct")])
    quotation = Quotation([(doc.tokens[12].start, doc.tokens[20].end)])
    [quote] = quotation_rules(Context(doc, [quotation], []), [])
    assert [doc.text[s:e] for s, e in quote.source] == ["Ortiz"]


def test_a_raised_subject_the_parser_splits_in_two_stays_one_phrase():
    # The birth of the newest Clinton is expected to coincide with conventions .
    # ("birth" and "Clinton" both taken for subjects of "expected")
    doc = parse([("The", "the", "DET", 1, "det"), ("birth", "birth", "NOUN", 7, "nsubj:pass"),
                 ("of", "of", "ADP", 1, "obl"), ("the", "the", "DET", 5, "det"),
                 ("newest", "new", "ADJ", 5, "amod"), ("Clinton", "Clinton", "PROPN", 7, "nsubj:pass"),
                 ("is", "be", "AUX", 7, "aux:pass"), ("expected", "expect|VerbForm=Part", "VERB", 7, "root"),
                 ("to", "to", "PART", 9, "mark"), ("coincide", "coincide", "VERB", 7, "xcomp"),
                 ("with", "with", "ADP", 11, "case"), ("conventions", "convention", "NOUN", 9, "obl"),
                 (".", ".", "PUNCT", 7, "punct")])
    [quote] = find_quotes(doc, find_quotations(doc.text), cue_classes=("speech", "cognition", "evidential"))
    assert [doc.text[start:end] for start, end in quote.content] == [
        "The birth of the newest Clinton", "to coincide with conventions"]
