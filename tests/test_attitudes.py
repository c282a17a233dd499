"""Thoughts, intentions and evidence (cue classes `cognition` and `evidential`), found
only when asked for: what they report and what they leave to the speech around them."""

from __future__ import annotations

import pytest

ALL_CLASSES = ("speech", "cognition", "evidential")


@pytest.fixture(scope="module")
def attributions(engine):
    """attributions(text) -> (cue lemma, content) of each record, all cue classes."""
    from quotes.pipeline.extract import extract_articles
    from quotes.records import Article

    def run(text: str) -> list[tuple[str | None, str]]:
        [(_, quotes)] = list(extract_articles([Article("test", text)], engine, ALL_CLASSES))
        for quote in quotes:
            for start, end in quote.content:
                assert text[start:end]  # every piece round-trips to words of the article
        return [(q.cue_lemma, q.text(text)) for q in quotes]

    return run


@pytest.mark.parametrize("text, lemma, content", [
    ("Kim Doyle said she believes the ferry is safe.", "say", "she believes the ferry is safe"),
    ("The harbour master told reporters that surveys show most ferries run late.",
     "tell", "surveys show most ferries run late"),
])
def test_a_thought_inside_reported_words_is_part_of_them(attributions, text, lemma, content):
    assert attributions(text) == [(lemma, content)]


@pytest.mark.parametrize("text, content", [
    ("Harbour officials hoped the new ferry would sail before the winter.",
     "the new ferry would sail before the winter"),
    ("Kim Doyle hopes that the ferry will sail again soon.", "the ferry will sail again soon"),
])
def test_hope_is_a_cue_whatever_the_parser_makes_of_it(attributions, text, content):
    assert attributions(text) == [("hope", content)]


def test_hopping_is_not_hoping(attributions):
    assert attributions("The gulls were hopping along the ferry's deck all morning.") == []


@pytest.fixture(scope="module")
def records(engine):
    """records(text) -> the Quote records of `text`, all cue classes."""
    from quotes.pipeline.extract import extract_articles
    from quotes.records import Article

    def run(text: str):
        [(_, quotes)] = list(extract_articles([Article("test", text)], engine, ALL_CLASSES))
        return quotes

    return run


def test_what_is_expected_of_a_subject_holds_the_subject(records):
    text = "The new ferry is expected to sail in March."
    [quote] = records(text)
    assert [text[s:e] for s, e in quote.content] == ["The new ferry", "to sail in March"]
    assert quote.source == []  # the ferry expects nothing: nobody named does


def test_who_expects_is_the_speaker_not_part_of_the_content(records):
    text = "Kim Doyle expects the ferry to sail in March."
    [quote] = records(text)
    assert quote.source_text(text) == "Kim Doyle"
    assert quote.text(text) == "the ferry to sail in March"


def test_a_poll_opening_a_sentence_is_the_source_of_what_follows(records):
    text = "In a Marist poll released Monday, 52 percent of ferry users backed the new timetable."
    [quote] = records(text)
    assert (quote.cue_class, quote.source_text(text)) == ("evidential", "a Marist poll released Monday")
    assert quote.text(text) == "52 percent of ferry users backed the new timetable"


@pytest.mark.parametrize("text", [
    "In the morning, the ferry left the harbour on time.",
    "The mayor leads comfortably. In the polls, anyway.",
])
def test_no_poll_or_no_clause_is_no_finding(attributions, text):
    assert attributions(text) == []


def test_a_poll_is_no_finding_unless_evidence_is_asked_for(engine):
    from quotes.pipeline.extract import extract_articles
    from quotes.records import Article

    text = "In a Marist poll released Monday, 52 percent of ferry users backed the new timetable."
    [(_, quotes)] = list(extract_articles([Article("test", text)], engine))
    assert quotes == []


@pytest.fixture(scope="module")
def proposals(engine):
    """proposals(text) -> (cue, content) of each rule proposal before the learned filter,
    every cue verb's arguments proposed, all cue classes."""
    from quotes.pipeline.extract import propose_quotes
    from quotes.records import Article

    def run(text: str) -> list[tuple[str, str]]:
        [doc] = list(engine.parse([text]))
        quotes = propose_quotes(Article("test", text), doc, ALL_CLASSES, every_object=True)
        return [(" ".join(text[s:e] for s, e in q.cue), q.text(text)) for q in quotes]

    return run


@pytest.mark.parametrize("text, cue, content", [
    ("Okafor tried to play down the dispute with the dock workers.",
     "tried to play down", "the dispute with the dock workers"),
    ("Ms. Lind is trying to persuade voters that the tunnel is safe.",
     "trying to persuade", "voters that the tunnel is safe"),
])
def test_an_attempt_runs_on_to_the_verb_attempted(proposals, text, cue, content):
    assert (cue, content) in proposals(text)


@pytest.mark.parametrize("text, cue, content", [
    ("The dock workers' union endorsed him on Monday.", "endorsed", "him"),
    ("She opposes them.", "opposes", "them"),
])
def test_a_stance_towards_a_pronoun_is_proposed(proposals, text, cue, content):
    assert (cue, content) in proposals(text)


@pytest.mark.parametrize("text, speaker, lemma, content", [
    ("Harbour officials are confident that the new ferry will sail in March.",
     "Harbour officials", "confident", "the new ferry will sail in March"),
    ("The ferry's owners seemed convinced the repairs would hold.",
     "The ferry's owners", "convinced", "the repairs would hold"),
    ("Some islanders are worried that the timetable will change again.",
     "Some islanders", "worried", "the timetable will change again"),
])
def test_an_adjective_of_attitude_reports_its_clause(records, text, speaker, lemma, content):
    [quote] = records(text)
    assert (quote.source_text(text), quote.cue_lemma, quote.cue_class) == (speaker, lemma, "cognition")
    assert quote.text(text) == content


@pytest.mark.parametrize("text", [
    "The harbour master is not sure that the ferry will sail.",  # a negated attitude
    "It is certain that the ferry will sail in March.",  # nobody's thought
    "The crew made sure that the ferry sailed on time.",  # an action, not a thought
    "Kim Doyle is unsure whether the ferry will sail.",  # a question
])
def test_no_thought_without_a_thinker_who_holds_it(attributions, text):
    assert attributions(text) == []


def test_an_attitude_adjective_is_no_quote_of_the_speech_cues(engine):
    from quotes.pipeline.extract import extract_articles
    from quotes.records import Article

    text = "Harbour officials are confident that the new ferry will sail in March."
    [(_, quotes)] = list(extract_articles([Article("test", text)], engine))
    assert quotes == []


@pytest.mark.parametrize("text, cue, content", [
    ("The new ferry is widely seen as the safest on the coast.",
     "seen as", ["The new ferry", "the safest on the coast"]),
    ("The harbour master is known for speaking his mind.",
     "known for", ["The harbour master", "speaking his mind"]),
])
def test_a_thought_in_the_passive_holds_what_it_is_about(proposals, text, cue, content):
    [(found_cue, found)] = proposals(text)
    assert found_cue == cue
    assert found == " ".join(content)


def test_what_seems_said_runs_the_cue_on_to_the_saying(proposals):
    assert ("seemed to blame", "the crew for the delay") in proposals("Okafor seemed to blame the crew for the delay.")


def test_what_seems_to_happen_keeps_its_subject(proposals):
    assert ("seems", "The ferry to run late") in proposals("The ferry seems to run late.")


def test_it_is_no_part_of_what_seems_likely(records):
    text = "It seems likely that the ferry will sail in March."
    [quote] = records(text)
    assert quote.text(text) == "likely that the ferry will sail in March"
    assert quote.source == []


def test_an_eager_subject_intends_its_infinitive(records):
    text = "The harbour master is eager to reopen the ferry route before the summer."
    [quote] = records(text)
    assert (quote.source_text(text), quote.cue_lemma) == ("The harbour master", "eager")
    assert quote.text(text) == "to reopen the ferry route before the summer"
