"""The learned quote filter: what it sees of a quote, the shipped weights, what it drops."""

from __future__ import annotations

import json

import pytest

from quotes.quote_filter import WEIGHTS, QuoteFilter, features, shipped_filter


@pytest.fixture(scope="module")
def proposals(engine):
    """proposals(text) -> (doc, quotes the rules propose, before the filter)."""
    from quotes.extract import extract_document
    from quotes.records import Article

    def run(text: str):
        [doc] = list(engine.parse([text]))
        return doc, extract_document(Article("test", text), doc, learned_filter=False)

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
    doc, quotes = proposals("Ann Ortiz said that the bridge would reopen in the spring.")
    names = features(doc, quotes[0])
    liked = QuoteFilter({name: 1.0 for name in names}, bias=0.0, threshold=0.5)
    disliked = QuoteFilter({name: -1.0 for name in names}, bias=0.0, threshold=0.5)
    assert liked.keep(doc, quotes) == quotes
    assert disliked.keep(doc, quotes) == []


# A reader would call the first of each pair a quote and the second not one; the
# filter must rank them that way, and keep the first.
@pytest.mark.parametrize("quote_text, quote_words, other_text, other_words", [
    ("Ann Ortiz said that the bridge would reopen in the spring.", "the bridge would reopen",
     "Clinton cited disparaging remarks.", "disparaging remarks"),
    ("“We will rebuild the bridge before winter,” Mayor Ann Ortiz said on Monday.", "We will rebuild",
     "The senator mentioned the weather.", "the weather"),
])
def test_a_quote_outranks_a_mention(proposals, quote_text, quote_words, other_text, other_words):
    doc, quotes = proposals(quote_text)
    quote = quote_with(doc, quotes, quote_words)
    other_doc, others = proposals(other_text)
    other = quote_with(other_doc, others, other_words)
    judge = shipped_filter()
    assert judge.probability(doc, quote) > judge.probability(other_doc, other)
    assert judge.keep(doc, [quote]) == [quote]
