"""Quotation marks: pairs, apostrophes, nesting, paragraphs and stray marks."""

from __future__ import annotations

import pytest

from quotes.detection.quotemarks import find_quotations


def quoted(text: str) -> list[list[str]]:
    return [[text[s:e] for s, e in q.pieces] for q in find_quotations(text)]


@pytest.mark.parametrize("text, expected", [
    ("He said “We will try.” Then he left.", [["“We will try.”"]]),
    ('He said "We will try." Then he left.', [['"We will try."']]),
    ("She called it ‘a disgrace’ and left.", [["‘a disgrace’"]]),
    ("Er sagte „Wir schaffen das“ gestern.", [["„Wir schaffen das“"]]),
    ("Il a dit «Nous verrons» hier.", [["«Nous verrons»"]]),
    ('"A," he said, "B."', [['"A,"'], ['"B."']]),
    ("''We will try,'' he said. ''Then we leave.''", [["''We will try,''"], ["''Then we leave.''"]]),
    ("He said ''it is ‘fine’ now'' and left.", [["''it is ‘fine’ now''"]]),
])
def test_pairs(text, expected):
    assert quoted(text) == expected


@pytest.mark.parametrize("text", [
    "The parents’ house was built in the ’90s, and it isn’t small.",
    "The parents' house was built in the '90s, and it isn't small.",
    "O’Brien’s dog and rock ’n’ roll fans",
    "The players'' union and the ’80s",
])
def test_apostrophes_are_not_quotation_marks(text):
    assert quoted(text) == []


def test_nested_single_quotes_stay_inside():
    text = "Wang “demanded that the US stop hyping up the ‘China threat theory’”, it said."
    [quotation] = find_quotations(text)
    assert text[quotation.start:quotation.end].startswith("“demanded")
    assert [text[s:e] for s, e in quotation.nested] == ["‘China threat theory’"]


def test_quote_over_several_paragraphs_is_one_quotation():
    text = "He wrote:\n\n“First paragraph.\n\n“Second paragraph.”\n\nAfterwards."
    assert quoted(text) == [["“First paragraph.", "“Second paragraph.”"]]


@pytest.mark.parametrize("text, expected", [
    ("A stray “ mark, then “a real quote.”", [["“a real quote.”"]]),
    ("An opening “that never closes.\n\nNext paragraph “is fine.”", [["“is fine.”"]]),
    ("A closing mark” alone, then “another.”", [["“another.”"]]),
    ('An odd " straight mark, then "a real quote."', [['"a real quote."']]),
])
def test_stray_marks_skip_only_their_own_span(text, expected):
    assert quoted(text) == expected


def test_straight_quotes_over_several_paragraphs():
    text = 'He wrote:\n\n"First paragraph.\n\n"Second paragraph."\n\nAfterwards.'
    assert quoted(text) == [['"First paragraph.', '"Second paragraph."']]


def test_offsets_round_trip():
    text = "Prefix “one” middle ‘two’ and \"three\" end"
    for quotation in find_quotations(text):
        for start, end in quotation.pieces:
            assert text[start] in "“‘\"" and text[end - 1] in "”’\""
