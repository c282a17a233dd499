"""Who is speaking: names, pronouns, descriptions, anonymous sources, groups, roles and
nested reports, resolved within one article (spaCy engine)."""

from __future__ import annotations

import pytest
from conftest import SEED


def resolved(quotes_of, text):
    """[(mention, speaker name, kind)] for the quotes of `text`, in text order."""
    quotes = sorted(quotes_of(text), key=lambda q: q.content[0])
    return [(q.source_text(text), q.speaker.name if q.speaker else None,
             q.speaker.kind if q.speaker else None) for q in quotes]


PRONOUNS = [
    # the antecedent is the subject before, of the pronoun's gender
    ("Hatice Cengiz met reporters on Monday. She said the trial was a sham.",
     ("She", "Hatice Cengiz", "person")),
    # a man named in between does not take "she"
    (("Anne Sacoolas left the country in August. Police spoke with Mark Dunn about it. "
     "She said she had no plans to return."),
     ("She", "Anne Sacoolas", "person")),
    # the one spoken to is not the speaker: "Speaking to Martin Smith, he said"
    (("The broadcaster said that Prince Mohammad bin Salman had accepted responsibility. "
     "Speaking to Martin Smith of the broadcaster, he said the killing was a mistake."),
     ("he", "Mohammad bin Salman", "person")),
    # "it" is an organisation
    ("The transport ministry said the bridge was safe. It said repairs would begin in May.",
     ("It", "transport ministry", "organization")),
    # "they" is the group or organisation before
    (("The Commission on Religious Freedom criticised the plan on Thursday. "
     "They said the museum must stay a museum."),
     ("They", "Commission on Religious Freedom", "organization")),
]


@pytest.mark.parametrize("text, expected", PRONOUNS)
def test_pronouns_resolve_by_agreement_and_salience(quotes_of, text, expected):
    assert expected in resolved(quotes_of, text)


NAMES = [
    ("Antony Blinken arrived on Sunday. Mr Blinken said the talks were useful.",
     ("Mr Blinken", "Antony Blinken", "person")),
    ("Secretary of State Antony Blinken arrived. Secretary Blinken said the talks went well.",
     ("Secretary Blinken", "Antony Blinken", "person")),
    # accents aside, one person
    ("Recep Tayyip Erdoğan spoke at a rally. Erdogan said the museum would become a mosque.",
     ("Erdogan", "Recep Tayyip Erdoğan", "person")),
    # a surname spelt another way later in the article
    (("Houthi spokesperson Yahya Sarea spoke on television. "
     "Saree said the attacks were their right."),
     ("Saree", "Yahya Sarea", "person")),
]


@pytest.mark.parametrize("text, expected", NAMES)
def test_name_forms_are_one_person(quotes_of, text, expected):
    assert expected in resolved(quotes_of, text)


def test_a_bare_surname_never_joins_two_people(quotes_of):
    text = ("Hunter Biden arrived in court on Monday. Joe Biden stayed in Washington. "
            "Biden said he would not comment on the case.")
    found = resolved(quotes_of, text)
    assert ("Biden", "Joe Biden", "person") in found
    quotes = quotes_of(text)
    names = {q.speaker.name for q in quotes if q.speaker}
    assert "Hunter Biden Joe Biden" not in names and "Biden" not in names


DESCRIPTIONS = [
    ("The Saudi Press Agency reported the attacks. The agency said exports were continuing.",
     ("The agency", "Saudi Press Agency", "organization")),
    (("United States President Donald Trump spoke on Friday. "
     "The President insisted that the budget include money for the wall."),
     ("The President", "Donald Trump", "person")),
    ("The Vice President, Mike Pence, said on Friday that there was a crisis.",
     ("The Vice President", "Mike Pence", "person")),
    (("An Interpol spokesperson stated that the rules forbid it. "
     "The spokesperson added that they would not consider the request."),
     ("The spokesperson", "Interpol spokesperson", "anonymous")),
    ("The Commission on Religious Freedom released a statement which said the museum must stay.",
     ("a statement", "Commission on Religious Freedom", "organization")),
]


@pytest.mark.parametrize("text, expected", DESCRIPTIONS)
def test_descriptions_point_back_to_who_they_describe(quotes_of, text, expected):
    assert expected in resolved(quotes_of, text)


def test_a_deputy_is_not_the_governor(quotes_of):
    text = ("Deputy Governor Oleg Klimov said 68 people were missing. "
            "Regional governor Boris Dubrovsky visited the site. "
            "The governor said each family would be paid.")
    assert ("The governor", "Boris Dubrovsky", "person") in resolved(quotes_of, text)


ANONYMOUS = [
    # text, mention, name, affiliation
    ("The talks lasted three hours, according to a US official.",
     "a US official", "US official", "US"),
    ("The plan is not part of wider sanctions, a German government source said.",
     "a German government source", "German government source", "Germany"),
    ("The rules forbid political cases, an Interpol spokesperson said.",
     "an Interpol spokesperson", "Interpol spokesperson", "Interpol"),
]


@pytest.mark.parametrize("text, mention, name, affiliation", ANONYMOUS)
def test_anonymous_sources_keep_descriptor_and_affiliation(quotes_of, text, mention, name, affiliation):
    [quote] = quotes_of(text)
    assert quote.source_text(text) == mention
    assert (quote.speaker.name, quote.speaker.kind, quote.speaker.affiliation) == (
        name, "anonymous", affiliation)


def test_an_anonymous_source_of_an_organisation(quotes_of):
    text = ("Znak.com said the blast was no accident. "
            "Znak.com further reported its source said the tenant moved in the day before.")
    speakers = {q.source_text(text): q.speaker for q in quotes_of(text)}
    source = speakers["its source"]
    assert (source.name, source.kind, source.affiliation) == ("Znak.com source", "anonymous", "Znak.com")


ROLES = [
    # text, speaker, role, affiliation
    ("US secretary of state Antony Blinken said the talks were candid.",
     "Antony Blinken", "secretary of state", "US"),
    ("China's top diplomat Wang Yi said the US must stop interfering.",
     "Wang Yi", "top diplomat", "China"),
    (("Mr Xi met Microsoft co-founder Bill Gates on Friday. Gates said the two countries "
     "could cooperate."), "Bill Gates", "co-founder", "Microsoft"),
    ("Carrie Lam, the chief executive of Hong Kong, said the bill would be withdrawn.",
     "Carrie Lam", "chief executive of Hong Kong", "Hong Kong"),
    ("Greek Foreign Minister George Katrougalos said the museum belonged to humanity.",
     "George Katrougalos", "Foreign Minister", "Greece"),
]


@pytest.mark.parametrize("text, name, role, affiliation", ROLES)
def test_roles_and_affiliations_from_titles_and_appositives(quotes_of, text, name, role, affiliation):
    [quote] = quotes_of(text)
    speaker = quote.speaker
    assert (speaker.name, speaker.kind, speaker.role, speaker.affiliation) == (
        name, "person", role, affiliation)


def test_coordinated_speakers_are_one_group(quotes_of):
    text = ("Joe Biden met Xi Jinping in Bali. President Biden and President Xi reiterated "
            "that a nuclear war should never be fought.")
    [quote] = quotes_of(text)
    assert (quote.speaker.name, quote.speaker.kind) == ("Joe Biden and Xi Jinping", "group")


def test_organisations_are_typed(quotes_of):
    text = ("Reuters reported that production had stopped. "
            "The Labour Party said the government had failed. "
            "The foreign ministry said the talks would go on.")
    types = {q.speaker.name: q.speaker.org_type for q in quotes_of(text)}
    assert types == {"Reuters": "media", "Labour Party": "party", "foreign ministry": "government"}


def test_no_speaker_is_a_bare_pronoun(quotes_of):
    text = "He said the plan would work. They said it would not."
    for quote in quotes_of(text):
        assert quote.speaker is None or quote.speaker.name.lower() not in {"he", "they", "it"}


# The seed article: issue 4's targets


@pytest.fixture(scope="module")
def seed(quotes_of):
    text = SEED.read_text(encoding="utf-8")
    return text, quotes_of(text)


def seed_quote(seed, words):
    """The quote whose content starts with `words`, or else holds them."""
    text, quotes = seed
    starting = [q for q in quotes if q.text(text).startswith(words)]
    [quote] = starting or [q for q in quotes if words in q.text(text)]
    return quote


def test_seed_wang_yi_demand_is_reported_by_the_ministry(seed):
    quote = seed_quote(seed, "that the US stop hyping up")
    assert quote.speaker.name == "Wang Yi"
    assert quote.reported_by.name == "China’s ministry of foreign affairs"
    assert (quote.speaker.role, quote.speaker.affiliation) == ("top diplomat", "China")


def test_seed_these_officials_are_us_officials(seed):
    quote = seed_quote(seed, "better lines of communication")
    assert (quote.speaker.name, quote.speaker.kind, quote.speaker.affiliation) == (
        "US officials", "group", "US")


@pytest.mark.parametrize("words, name, role, affiliation", [
    ("communicating as clearly as possible", "Antony Blinken", "secretary of state", "US"),
    ("benefit our two countries", "Xi Jinping", "President", "China"),
    ("he hoped to be able to meet", "Joe Biden", "President", None),
])
def test_seed_people_have_roles(seed, words, name, role, affiliation):
    speaker = seed_quote(seed, words).speaker
    assert (speaker.name, speaker.role, speaker.affiliation) == (name, role, affiliation)


def test_seed_every_quote_with_a_mention_that_can_speak_has_a_speaker(seed):
    """"Aerial photos reveal ..." (a headline among the links) has a mention that
    cannot speak: no speaker rather than a speaker named "Aerial photos"."""
    text, quotes = seed
    for quote in quotes:
        if quote.source and quote.source_text(text) != "Aerial photos":
            assert quote.speaker is not None, quote.source_text(text)
    assert [q.speaker for q in quotes if q.source_text(text) == "Aerial photos"] in ([], [None])
