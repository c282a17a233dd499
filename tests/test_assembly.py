"""Assembling quotes: content pieces from token runs, quote types, split quotes joined,
on texts of many quotations."""

from __future__ import annotations

import pytest

from quotes.detection.assembly import content_pieces, quote_type
from quotes.detection.context import Context
from quotes.detection.quotemarks import find_quotations


@pytest.fixture(scope="module")
def context(engine):
    def make(text: str) -> Context:
        [doc] = list(engine.parse([text]))
        return Context(doc, find_quotations(text), [])

    return make


def token_ids(ctx: Context, *words: str) -> list[int]:
    return [next(t.i for t in ctx.doc.tokens if t.text == word) for word in words]


def test_two_runs_in_one_quotation_make_one_piece(context):
    # two complements of one parse inside one quotation: each widens to the whole
    # quotation, which must be stored once, not as the quote's words repeated
    text = "She said “we will win and they will lose” on Monday."
    ctx = context(text)
    pieces = content_pieces(ctx, token_ids(ctx, "we", "will", "they", "lose"))
    assert [text[s:e] for s, e in pieces] == ["“we will win and they will lose”"]


@pytest.mark.parametrize("text, words, expected", [
    ("He said “we will win” today.", ["“we will win”"], "direct"),
    ("He said that “we will win” today.", ["that “we will win”"], "direct"),
    ("He said the vote was “fair and free” today.", ["the vote was “fair and free”"], "mixed"),
    ("He said the vote was fair today.", ["the vote was fair"], "indirect"),
    ("He said “A,” then “B” and that was all.", ["“A,”", "“B” and that"], "mixed"),
    ("He said “A,” then “B” and left.", ["“A,”", "“B”"], "direct"),
])
def test_quote_type_over_pieces(context, text, words, expected):
    ctx = context(text)
    content = [(text.index(w), text.index(w) + len(w)) for w in words]
    assert quote_type(ctx, content) == expected


def test_many_split_quotes_each_joined(extract):
    # thousands of quotations in a row are joined by position, not by a search per quote
    sentence = "“We will stay,” Ann Ortiz said, “and we will build.” "
    text = sentence * 300
    quotes = extract(text)
    assert len(quotes) == 300
    assert all(len(q["content"]) == 2 for q in quotes)
    assert all(text[s:e] for q in quotes for s, e in q["content"])
    assert {q["text"] for q in quotes} == {"“We will stay,” “and we will build.”"}


def test_unclosed_single_marks_do_not_hide_a_later_quotation():
    text = " ".join(f"‘w{n}" for n in range(5000)) + "\nShe said “we are here.”"
    [quotation] = find_quotations(text)
    assert text[quotation.start:quotation.end] == "“we are here.”"
