from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from quotes.reading.furniture import ends_in_credit, find_furniture

SEED = Path(__file__).parent / "fixtures" / "seed-blinken-china-2023-06-19.txt"

SEED_CAPTIONS = [
    "Anthony Blinken and Wang Yi\nChina US Blinken. Picture: PA",
    ("Antony Blinken\nIt was hoped Mr Blinken’s meeting could pave the way for talks between"
    " the two countries’ leaders (Pool via AP)"),
]


def paragraphs(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text)]


def covered(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in spans)


def overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(start < span[1] and span[0] < end for start, end in spans)


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


def test_seed_link_list_after_the_byline_is_furniture(seed):
    ignored = find_furniture(seed)
    byline = seed.index("By Press Association")
    assert (byline, len(seed.rstrip())) in ignored
    assert covered((seed.index("Latest World News"), len(seed)), ignored)


@pytest.mark.parametrize("caption", SEED_CAPTIONS)
def test_seed_photo_captions_are_furniture(seed, caption):
    start = seed.index(caption)
    assert (start, start + len(caption)) in find_furniture(seed)


def test_seed_body_paragraphs_are_never_marked(seed):
    ignored = find_furniture(seed)
    body_end = seed.index("By Press Association")
    body = [
        span for span in paragraphs(seed[:body_end]) if seed[span[0] : span[1]] not in SEED_CAPTIONS
    ]
    assert len(body) == 22  # headline, dateline and 20 paragraphs of the story
    assert [seed[s:e] for s, e in body if overlaps((s, e), ignored)] == []


def test_spans_are_sorted_and_disjoint(seed):
    ignored = find_furniture(seed)
    assert ignored == sorted(ignored)
    assert all(a_end < b_start for (_, a_end), (b_start, _) in itertools.pairwise(ignored))


NOTHING_TO_MARK = [
    # An article ending in a quote paragraph and a short unpunctuated last line of body.
    'The mayor spoke on Monday.\n\n"We are not done yet," she said.\n\nThe vote is on Friday',
    # A byline at the top is not the end of the body.
    "By Jane Doe\n\nThe council said the ferry would run daily.\n\nIt added that fares would fall.",
    # "Related" and "More" starting body sentences.
    "The minister said prices were related to the weather.\n\nMore than 200 people attended.",
    # "Latest" heading followed by real sentences is not a link list.
    "Latest news\n\nThe minister resigned on Tuesday. She said she had no regrets.",
    # Brackets and colons in the body.
    ("Officials said the plan (first proposed in 2019) would go ahead.\n\n"
    "He listed the options: Sell, Keep or Wait."),
    "The agency's report on the talks was published by AP. It said little.",
    # Times of day and datelines are not a video's running time.
    "19 June 2023, 09:34\n\nThe ferry leaves at 10:30\n\nThe vote is by 18:00",
    # "Watch" and "More" opening body sentences, and a label in the middle of a line.
    "Watch the ferry leave, he said.\n\nMore than 200 people came. Critics said: READ MORE later.",
    # A long paragraph that ends in a bracket is not a caption.
    ("The finance minister told parliament that the budget would be balanced within three "
    "years, that spending on schools would rise, that the pension age would not change and "
    "that the new tax on sugar would raise more than expected in its first year, adding that "
    "the opposition's figures were wrong and that independent forecasters agreed with the "
    "government on almost every point of substance (Pool via AP)"),
]


@pytest.mark.parametrize("text", NOTHING_TO_MARK)
def test_ordinary_text_has_no_furniture(text):
    assert find_furniture(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The plan was approved.\n\nAdvertisement\n\nIt will cost £3m.",
            ["Advertisement"],
        ),
        (
            "The plan was approved.\nRead more: Ferry fares to fall in spring\nIt will cost £3m.",
            ["Read more: Ferry fares to fall in spring"],
        ),
        (
            ("The plan was approved, the council said.\n\nRelated\n\nFerry fares to fall\n\n"
            "Lifeboat crew rescues two kayakers\n"),
            ["Related\n\nFerry fares to fall\n\nLifeboat crew rescues two kayakers"],
        ),
        (
            "The plan was approved.\r\n\r\nMost read\r\nFerry fares to fall\r\nSchool wins prize",
            ["Most read\r\nFerry fares to fall\r\nSchool wins prize"],
        ),
        (
            ("The plan was approved.\n\nHarbour at dawn\nThe harbour at Merrow (Yui Mok/PA)\n\n"
            "It will cost £3m."),
            ["Harbour at dawn\nThe harbour at Merrow (Yui Mok/PA)"],
        ),
        (
            "The plan was approved.\n\nWATCH: “We will not move,” the protesters say.\n\nIt will cost £3m.",
            ["WATCH: “We will not move,” the protesters say."],
        ),
        (
            "The plan was approved.\n\nREAD MORE: Mayor says ferry will run daily.\nRELATED: Fares fall",
            ["READ MORE: Mayor says ferry will run daily.", "RELATED: Fares fall"],
        ),
        (
            "The plan was approved.\n\nMayor Ann Ortiz explains the plan to reporters 2:43\n\nIt will cost £3m.",
            ["Mayor Ann Ortiz explains the plan to reporters 2:43"],
        ),
        (
            "The plan was approved.\n\nA ferry leaves the harbour at dawn. (Jane Doe/Merrow Gazette)\n\nIt ends.",
            ["A ferry leaves the harbour at dawn. (Jane Doe/Merrow Gazette)"],
        ),
    ],
)
def test_furniture_is_found_in_small_texts(text, expected):
    assert [text[s:e] for s, e in find_furniture(text)] == expected


@pytest.mark.parametrize(
    "line, expected",
    [
        ("China US Blinken. Picture: PA", True),
        ("The ferry at dawn. Photo: Jane Doe/Reuters", True),
        ("Leaders met in Beijing (Pool via AP)", True),
        ("Protesters outside parliament (AP Photo/Evan Vucci)", True),
        ("Protesters outside parliament (Getty Images)", True),
        ("The river at dawn. Photo: Quotes demo (fictional)", True),
        ("He listed the options: Sell, Keep or Wait", False),
        ("The picture: Smith", False),
        ("The plan (first proposed in 2019)", False),
        ("Photo: J. Smith", False),
        ("A ferry leaves the harbour (Jane Doe/Merrow Gazette)", True),
        ("The two options (sell/keep)", False),
    ],
)
def test_photo_credits(line, expected):
    assert ends_in_credit(line) is expected
