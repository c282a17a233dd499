"""Speakers a fact-checker can trust, within one article (spaCy engine): documents give
their author's words, counted descriptions are the people named, mentions are whole
words, aliases are names, roles are never page furniture, a mention that cannot speak
is no speaker."""

from __future__ import annotations

import pytest

from quotes.pipeline.extract import extract_articles
from quotes.reading.corpus import build_article
from quotes.speakers.identity import is_name_form
from quotes.speakers.mentions import plausible_role


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


@pytest.mark.parametrize("text", ["This competition said that the rules had changed.",
                                  "The 36 said the charges were false."])
def test_a_mention_that_cannot_speak_is_no_speaker(quotes_of, text):
    """A thing or a number as the subject of a cue is no speaker (a quote stored without
    a speaker is honest, one with a wrong one is not)."""
    assert [(mention, name) for mention, name, *_ in spoken(quotes_of, text)] == [(text.split(" said")[0], None)]


def test_a_speech_verb_hung_on_a_reported_clause_keeps_the_speaker(quotes_of):
    """The parser hangs "underscored" on "veer", whose subject is "this competition": the
    one who underscored is the one who reiterated."""
    text = ("He reiterated that this competition should not veer into conflict and underscored that "
            "the two countries must manage it responsibly.")
    assert [mention for mention, *_ in spoken(quotes_of, text)] == ["He", "He"]


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


@pytest.mark.parametrize("text, expected", [
    ("Since then, a Republican, Mark Amodei, has told reporters that the inquiry should go ahead.",
     ("a Republican", "Mark Amodei", "person", None)),
    ("Several unions oppose the plan. One of these groups, the Harbour Workers Union (HWU), said it would strike.",
     ("One of these groups", "Harbour Workers Union", "organization", None)),
    ("A State Department spokesperson, Morgan Ortagus, said the talks would resume.",
     ("A State Department spokesperson", "Morgan Ortagus", "person", None)),
])
def test_a_description_is_the_name_set_beside_it(quotes_of, text, expected):
    assert spoken(quotes_of, text) == [expected]


def test_he_after_a_spokesperson_named_in_apposition_is_the_spokesperson(quotes_of):
    text = ("Following the vote, a State Department spokesperson, Morgan Ortagus, indicated the United States "
            'was disappointed: "We urge the leaders to reconsider," he said.')
    assert ("he", "Morgan Ortagus", "person", None) in spoken(quotes_of, text)


def test_a_document_named_before_with_its_authors_acronym_gives_its_words(quotes_of):
    text = ("The World Health Organization (WHO) named the disease on Tuesday. The name must not cite any "
            "place, per WHO guidelines established in 2015. The guidelines cite the 2009 outbreak as an "
            "example of what not to do.")
    assert spoken(quotes_of, text) == [("The guidelines", "World Health Organization", "organization", "guidelines")]


def test_they_after_a_coordinated_subject_is_the_group(quotes_of):
    text = "Prime Minister Anna Berg and President Tomas Lind met in Oslo on Monday. They said the border would stay open."
    assert spoken(quotes_of, text) == [("They", "Anna Berg and Tomas Lind", "group", None)]


def test_we_in_a_signed_statement_is_its_signatory(quotes_of):
    text = ("Ned Price, Department Spokesperson\n\nThe United States is deeply concerned by the arrests of "
            "reporters. We call on the authorities to release the journalists.")
    assert spoken(quotes_of, text) == [("We", "Ned Price", "person", None)]


@pytest.mark.parametrize("text, expected", [
    ("Germany banned the airline on Monday, with officials saying this is for security reasons.",
     ("officials", "officials", "anonymous", None)),
    ("Secretary of State Mike Pompeo sent a letter requesting the new rules to the transport secretary.",
     ("a letter", "Mike Pompeo", "person", "letter")),
])
def test_a_participles_speaker_is_the_noun_it_describes(quotes_of, text, expected):
    assert spoken(quotes_of, text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ('"She is only buying time. People see that," said a protester using the pseudonym Katya.',
     ("a protester", "protester", "anonymous", None)),
    (('Speaking to Agence France-Presse, the president of the Tunisian League, Jamel Msallem, said, '
      '"We are for the freedom to dress."'), ("Jamel Msallem", "Jamel Msallem", "person", None)),
])
def test_a_speaker_the_parser_misplaces_is_found(quotes_of, text, expected):
    """An inverted speaker taken for an object; a subject hung on the clause before the cue."""
    assert spoken(quotes_of, text) == [expected]


@pytest.mark.parametrize("text, speaker", [
    ("Per numbers reported by The Associated Press, 415,000 priests are subject to the new rule.",
     ("Associated Press", "organization")),
    ("According to figures published by the ministry, the plan will cost more than expected.",
     ("ministry", "organization")),
    ("According to the figures, the plan will cost more than expected.", None),
])
def test_data_speak_through_whoever_reported_them(quotes_of, text, speaker):
    [quote] = quotes_of(text)
    assert ((quote.speaker.name, quote.speaker.kind) if quote.speaker else None) == speaker
