"""Attribution patterns: each row is a text and the quote a reader would expect from it."""

from __future__ import annotations

import pytest

PATTERNS = [
    # text, type, words in the content, cue lemma, mention, speaker
    ("“We will rebuild the bridge,” Mayor Ann Ortiz said on Monday.",
     "direct", "We will rebuild the bridge", "say", "Mayor Ann Ortiz", "Ann Ortiz"),
    ("“We will rebuild the bridge,” said Mayor Ann Ortiz.",
     "direct", "We will rebuild the bridge", "say", "Mayor Ann Ortiz", "Ann Ortiz"),
    ("Mayor Ann Ortiz said: “We will rebuild the bridge by spring.”",
     "direct", "We will rebuild the bridge by spring", "say", "Mayor Ann Ortiz", "Ann Ortiz"),
    ("Ann Ortiz said that the bridge would reopen in the spring.",
     "indirect", "the bridge would reopen in the spring", "say", "Ann Ortiz", "Ann Ortiz"),
    ("Ann Ortiz told reporters the bridge would reopen in the spring.",
     "indirect", "the bridge would reopen in the spring", "tell", "Ann Ortiz", "Ann Ortiz"),
    ("The bridge will reopen in the spring, according to the city council.",
     "indirect", "The bridge will reopen in the spring", "according to", "the city council",
     "city council"),
    ("According to Ann Ortiz, the bridge will reopen in the spring.",
     "indirect", "the bridge will reopen in the spring", "according to", "Ann Ortiz", "Ann Ortiz"),
    ("Ann Ortiz spoke at the hall on Friday, saying that the bridge would reopen soon.",
     "indirect", "the bridge would reopen soon", "say", "Ann Ortiz", "Ann Ortiz"),
    ("The mayor said the repairs were “long overdue and badly planned”.",
     "mixed", "the repairs were “long overdue and badly planned”", "say", "The mayor", "mayor"),
]


@pytest.mark.parametrize("text, kind, words, lemma, mention, speaker", PATTERNS)
def test_attribution_patterns(extract, text, kind, words, lemma, mention, speaker):
    quotes = extract(text)
    assert len(quotes) == 1, quotes
    [quote] = quotes
    assert (quote["type"], quote["cue_lemma"], quote["source_text"], quote["speaker"]) == (
        kind, lemma, mention, speaker)
    assert words in quote["text"]


def test_split_quote_is_one_quote_in_two_pieces(extract):
    text = "“The bridge is safe,” Ann Ortiz said, “and it will stay open all winter.”"
    [quote] = extract(text)
    assert [text[s:e] for s, e in quote["content"]] == [
        "“The bridge is safe,”", "“and it will stay open all winter.”"]
    assert quote["speaker"] == "Ann Ortiz"


def test_pronoun_resolves_to_the_previous_speaker(extract):
    text = ("Ann Ortiz, the mayor, said the bridge was safe.\n\n"
            "She said it would stay open all winter.")
    quotes = extract(text)
    assert [(q["source_text"], q["speaker"]) for q in quotes] == [
        ("Ann Ortiz", "Ann Ortiz"), ("She", "Ann Ortiz")]


def test_title_form_resolves_to_the_full_name(extract):
    text = ("Ann Ortiz visited the site on Monday.\n\n"
            "Ms Ortiz said the bridge would reopen in the spring.")
    [quote] = extract(text)
    assert (quote["source_text"], quote["speaker"], quote["speaker_kind"]) == (
        "Ms Ortiz", "Ann Ortiz", "person")


def test_organisation_referred_to_as_it(extract):
    text = ("The transport ministry said the bridge was safe.\n\n"
            "It said repairs would begin in May.")
    quotes = extract(text)
    assert [(q["source_text"], q["speaker"], q["speaker_kind"]) for q in quotes] == [
        ("The transport ministry", "transport ministry", "organization"),
        ("It", "transport ministry", "organization")]


def test_anonymous_source(extract):
    [quote] = extract("The bridge will reopen in May, a city official said.")
    assert (quote["source_text"], quote["speaker_kind"]) == ("a city official", "anonymous")


def test_colon_header_on_the_line_before(extract):
    text = "And from council member Dana Reyes:\n\n“This bridge has waited long enough for its repairs.”"
    [quote] = extract(text)
    assert quote["rule"] == "colon-header"
    assert quote["speaker"] == "Dana Reyes"


def test_floating_quote_continues_the_previous_speaker(extract):
    text = ("“The bridge is safe,” Ann Ortiz said.\n\n"
            "“We checked every cable and every bolt on it twice this year.”")
    quotes = extract(text)
    assert [q["speaker"] for q in quotes] == ["Ann Ortiz", "Ann Ortiz"]
    assert quotes[1]["rule"] == "floating"


@pytest.mark.parametrize("text", [
    "The council’s “white elephant” bridge opened on Monday.",
    "She read “War and Peace” on the train to the coast.",
    "Ann Ortiz did not say whether the bridge would reopen.",
    "Neither side confirmed that the talks would resume.",
    "The bridge was closed in March after engineers found cracks.",
])
def test_not_quotes(extract, text):
    assert extract(text) == []


def test_every_span_round_trips(extract):
    text = ("“The bridge is safe,” Ann Ortiz said, “and it will stay open.”\n\n"
            "The council said the repairs were “long overdue”, according to minutes.")
    for quote in extract(text):
        assert quote["text"] == " ".join(text[s:e] for s, e in quote["content"])
        assert quote["source_text"] == " ".join(text[s:e] for s, e in quote["source"])


def test_ignored_spans_yield_no_quotes(extract):
    text = "Latest news\n\nMinister says the “economy is strong” in speech"
    assert extract(text, ignored=[(0, len(text))]) == []
