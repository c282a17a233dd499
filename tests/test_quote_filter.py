"""The learned quote filter: what it sees of a quote, the shipped weights, what it drops."""

from __future__ import annotations

import json

import pytest

from quotes.detection.quote_filter import WEIGHTS, QuoteFilter, features, shipped_filter


@pytest.fixture(scope="module")
def proposals(engine):
    """proposals(text) -> (doc, quotes the rules propose, before the filter)."""
    from quotes.pipeline.extract import propose_quotes
    from quotes.records import Article

    def run(text: str):
        [doc] = list(engine.parse([text]))
        return doc, propose_quotes(Article("test", text), doc, every_object=True)

    return run


def quote_with(doc, quotes, words):
    found = [q for q in quotes if words in q.text(doc.text)]
    assert len(found) == 1, [q.text(doc.text) for q in quotes]
    return found[0]


@pytest.mark.parametrize("text, words, expected", [
    ("“We will rebuild the bridge,” Mayor Ann Ortiz said on Monday.", "We will rebuild",
     {"rule=verb-complement", "type=direct", "lemma=say", "source=proper", "speaker=person",
      "content-clause=True", "cue-side=after"}),
    ("Ann Ortiz said that the bridge would reopen in the spring.", "the bridge would reopen",
     {"rule=verb-complement", "type=indirect", "starts-with-that", "cue-side=before",
      "cue-tag=VBD", "source=proper", "content-clause=True"}),
    ("He called for an inquiry into the collapse.", "an inquiry",
     {"rule=verb-object", "lemma=call", "source=pronoun", "content-clause=False",
      "words=<=6", "cue-side=before"}),
    ("Did the mayor say the bridge would reopen in the spring?", "the bridge would reopen",
     {"rule=verb-complement", "source=noun", "question"}),
])
def test_features_of_a_quote(proposals, text, words, expected):
    doc, quotes = proposals(text)
    names = set(features(doc, quote_with(doc, quotes, words)))
    assert expected <= names, sorted(names)


def test_the_shipped_weights_load_and_give_probabilities(proposals):
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    assert 0 < data["threshold"] < 1 and len(data["weights"]) > 20
    assert WEIGHTS.stat().st_size < 100_000  # small enough to ship in the package
    doc, quotes = proposals("Ann Ortiz said that the bridge would reopen in the spring.")
    probability = shipped_filter().probability(doc, quotes[0])
    assert 0.0 < probability < 1.0


def test_a_filter_keeps_what_scores_at_its_threshold(proposals):
    doc, quotes = proposals("Ann Ortiz called for an inquiry into the collapse.")
    assert [q.rule for q in quotes] == ["verb-object"]
    names = features(doc, quotes[0])
    liked = QuoteFilter(dict.fromkeys(names, 1.0), bias=0.0, threshold=0.5)
    disliked = QuoteFilter(dict.fromkeys(names, -1.0), bias=0.0, threshold=0.5)
    assert liked.keep(doc, quotes) == quotes
    assert disliked.keep(doc, quotes) == []


# Proposals a reader would not call quotes: the filter drops them.
@pytest.mark.parametrize("text, lemma, words", [
    ("The two armies have maintained better lines of communication since the spring.",
     "maintain", "better lines"),
    ("The company will maintain its factories in Ohio.", "maintain", "its factories"),
])
def test_the_filter_drops_what_is_not_a_quote(proposals, text, lemma, words):
    doc, quotes = proposals(text)
    proposed = [q for q in quotes if q.cue_lemma == lemma and q.text(text).startswith(words)]
    assert len(proposed) == 1, [(q.cue_lemma, q.text(text)) for q in quotes]
    assert shipped_filter().keep(doc, proposed) == []


# Quotes a reader would call quotes: the filter keeps them.
@pytest.mark.parametrize("text, words", [
    ("Ann Ortiz said that the bridge would reopen in the spring.", "the bridge would reopen"),
    ("“We will rebuild the bridge before winter,” Mayor Ann Ortiz said on Monday.", "We will rebuild"),
    ("Ann Ortiz called for an inquiry into the collapse.", "an inquiry"),
    (("Instead, these officials have emphasised the importance of the two countries "
     "establishing and maintaining better lines of communication."), "the importance"),
])
def test_the_filter_keeps_plain_quotes(proposals, text, words):
    doc, quotes = proposals(text)
    quote = quote_with(doc, quotes, words)
    assert shipped_filter().keep(doc, [quote]) == [quote]


def test_extraction_drops_what_the_filter_drops(extract):
    text = "The company will maintain its factories in Ohio. Ann Ortiz said the bridge would reopen."
    assert [q["text"] for q in extract(text)] == ["the bridge would reopen"]


def test_a_report_inside_another_is_never_dropped(extract):
    text = "Tony Blinken said he was hopeful, a US official said."
    assert ("he was hopeful", "Tony Blinken") in [(q["text"], q["speaker"]) for q in extract(text)]
