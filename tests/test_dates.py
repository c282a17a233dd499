from __future__ import annotations

import pytest

from quotes.reading.dates import parse_date


@pytest.mark.parametrize(
    "line, expected",
    [
        ("19 June 2023, 09:34", "2023-06-19"),
        ("19 June 2023", "2023-06-19"),
        ("19th Jun 2023 at 9.34am", "2023-06-19"),
        ("Monday 19 June 2023 09:34 BST", "2023-06-19"),
        ("June 19, 2023", "2023-06-19"),
        ("Mon, Jun. 19, 2023 | 9:34 p.m.", "2023-06-19"),
        ("Published: 5 March 2024", "2024-03-05"),
        ("Updated on March 5, 2024 10:00", "2024-03-05"),
        ("2024-03-05", "2024-03-05"),
        ("2024-03-05T10:00:00Z", "2024-03-05"),
        ("2024-03-05 10:00:00+01:00", "2024-03-05"),
        ("  29 February 2024  ", "2024-02-29"),
    ],
)
def test_date_lines_give_iso_dates(line, expected):
    assert parse_date(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "30 February 2023",
        "19 Juno 2023",
        "2023-13-01",
        "On 19 June 2023 the minister said it was over.",
        "19 June",
        "June 2023",
        "19/06/2023",
        "Top US diplomat to meet Chinese President in bid to ease tensions",
        "",
    ],
)
def test_anything_but_a_date_line_gives_none(line):
    assert parse_date(line) is None
