"""Speakers a fact-checker can trust, within one article (spaCy engine): documents give
their author's words, counted descriptions are the people named, mentions are whole
words, aliases are names, roles are never page furniture, a mention that cannot speak
is no speaker."""

from __future__ import annotations

import pytest

from quotes.pipeline.extract import extract_articles
from quotes.reading.corpus import build_article
from quotes.records import Article
from quotes.speakers.identity import is_name_form
from quotes.speakers.mentions import plausible_role


@pytest.fixture(scope="module")
def quotes_of(engine):
    def run(text: str):
        [(_, quotes)] = list(extract_articles([Article("test", text)], engine))
        return sorted(quotes, key=lambda q: q.content[0])

    return run


def spoken(quotes_of, text: str) -> list[tuple[str | None, str | None, str | None, str | None]]:
    """[(mention, speaker, kind, via)] in text order."""
    return [(q.source_text(text), q.speaker.name if q.speaker else None,
             q.speaker.kind if q.speaker else None, q.via) for q in quotes_of(text)]


def test_a_documents_words_are_its_authors(quotes_of):
    text = ("Prosecutors filed a complaint against Mark Dunn on Monday. "
            "The complaint alleges that he hid the money in a shell company.")
    assert ("The complaint", "Prosecutors", "group", "complaint") in spoken(quotes_of, text)


def test_the_statement_is_the_one_its_author_issued_before(quotes_of):
    text = ("Late on Sunday, President Donald Trump, in a statement delivered via the press "
            "secretary, announced US troops would leave. The statement also said Turkey would move in.")
    assert ("The statement", "Donald Trump", "person", "statement") in spoken(quotes_of, text)


def test_a_document_without_an_author_is_a_document(quotes_of):
    text = "A police report said the driver had been drinking."
    assert spoken(quotes_of, text) == [("A police report", "police report", "document", None)]


def test_the_two_leaders_are_the_two_people_named(quotes_of):
    text = ("Prime Minister Anna Berg met President Tomas Lind in Oslo on Monday. "
            "The two leaders said the border would stay open.")
    assert ("The two leaders", "Anna Berg and Tomas Lind", "group", None) in spoken(quotes_of, text)


@pytest.mark.parametrize("text, mention", [
    ("The 26-year-old told reporters that she would appeal the ruling.", "The 26-year-old"),
    ("Front-runner Donald Trump said the polls were rigged.", "Front-runner Donald Trump"),
    ("Maria Okafor,60, said the council had ignored the residents.", "Maria Okafor"),
])
def test_mentions_are_whole_words(quotes_of, text, mention):
    assert [m for m, *_ in spoken(quotes_of, text)] == [mention]


def test_an_age_described_person_is_the_one_named_before(quotes_of):
    text = "Maria Okafor was arrested on Friday. The 26-year-old told reporters that she would appeal."
    assert ("The 26-year-old", "Maria Okafor", "person", None) in spoken(quotes_of, text)


def test_descriptions_holding_a_name_are_no_aliases_of_it(quotes_of):
    text = ("Donald Trump spoke in Ohio on Monday. A top Donald Trump adviser said the rally was a success. "
            "Presidential candidates like Donald Trump said the debates were unfair. "
            "Front-runner Donald Trump said the polls were rigged.")
    for quote in quotes_of(text):
        if quote.speaker is not None:
            assert all(is_name_form(alias, quote.speaker) for alias in quote.speaker.aliases), \
                quote.speaker.aliases
    trump = [q.speaker for q in quotes_of(text) if q.speaker and q.speaker.name == "Donald Trump"]
    assert trump and not any("adviser" in alias or "like" in alias for alias in trump[0].aliases)


def test_father_and_son_are_two_people_and_namesakes(quotes_of):
    text = ("Donald Trump spoke in Ohio. Trump said the polls were rigged, and "
            "Donald Trump Jr. said his father would win.")
    speakers = {q.speaker.name: q.speaker for q in quotes_of(text) if q.speaker}
    assert set(speakers) == {"Donald Trump", "Donald Trump Jr."}
    assert speakers["Donald Trump"].namesakes == {"Donald Trump Jr."}


def test_a_nickname_in_the_same_article_is_the_same_person(quotes_of):
    text = "Sandra Paradis runs the shop on Mill Lane. Sandy Paradis said the rent had doubled."
    assert [name for _, name, *_ in spoken(quotes_of, text)] == ["Sandra Paradis"]


def test_a_mention_that_cannot_speak_is_no_speaker(quotes_of):
    """The parser gives "underscored" the subject "this competition": no speaker named
    "competition" (a quote stored without a speaker is honest, one with a wrong one is not)."""
    text = ("He reiterated that this competition should not veer into conflict and underscored that "
            "the two countries must manage it responsibly.")
    assert ("this competition", None, None, None) in spoken(quotes_of, text)


@pytest.mark.parametrize("role", [
    "PRESSOhio Gov., Lavender 5ptsmoderatorFeatured",
    "\u201cGov.",
    "director since March 2019",
    "By John Smith",
    "-runner",
])
def test_page_furniture_is_no_role(role):
    assert not plausible_role(role)


@pytest.mark.parametrize("role", ["secretary of state", "Presumptive Republican presidential nominee",
                                  "McDonald's spokesman", "2nd-term senator", "chief executive of Hong Kong"])
def test_titles_and_descriptions_are_roles(role):
    assert plausible_role(role)


def test_an_organisation_spelt_out_before_its_acronym_takes_the_whole_name(quotes_of):
    text = ("The United Nations Educational, Scientific and Cultural Organization (UNESCO) met on "
            "Friday. UNESCO said the change would require its approval.")
    [quote] = quotes_of(text)
    assert quote.speaker.name == "United Nations Educational, Scientific and Cultural Organization"
    assert "UNESCO" in quote.speaker.aliases


@pytest.mark.parametrize("caption", [
    "Councillors at the town hall\nThe vote in progress. Photo: Jane Doe/Reuters",
    "The vote in progress (Jane Doe/Example Agency)",
])
def test_a_pronoun_never_resolves_to_a_photo_credit(engine, caption):
    text = (f"Council votes on budget\n\nThe council met on Monday to vote on the budget.\n\n{caption}\n\n"
            "She said the cuts would hurt schools.")
    article = build_article(text)
    assert article.ignored, "the caption is page furniture"
    [(_, quotes)] = list(extract_articles([article], engine))
    assert [(q.source_text(text), q.speaker) for q in quotes] == [("She", None)]
