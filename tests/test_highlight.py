"""Cutting article text into highlighted stretches for the quote and article pages."""

from __future__ import annotations

import pytest

from quotes.web.pages.highlight import Mark, highlight


def at(text: str, piece: str) -> tuple[int, int]:
    start = text.index(piece)
    return start, start + len(piece)


def rendered(paragraphs) -> list[str]:
    """Each paragraph as text with [n: ...] around words of quote n."""
    lines = []
    for paragraph in paragraphs:
        parts = []
        for stretch in paragraph:
            if stretch.quote_ids:
                ids = ",".join(map(str, stretch.quote_ids))
                parts.append(f"[{ids}: {stretch.text}]")
            else:
                parts.append(stretch.text)
        lines.append("".join(parts))
    return lines


TEXT = "He said “we will win” today.\n\nShe said they would lose, and “soon”.\n"


@pytest.mark.parametrize(
    "pieces, expected",
    [
        ([], ["He said “we will win” today.", "She said they would lose, and “soon”."]),
        ([(1, "we will win")], ["He said “[1: we will win]” today.", "She said they would lose, and “soon”."]),
        (
            [(1, "we will win"), (2, "they would lose, and “soon”")],
            ["He said “[1: we will win]” today.", "She said [2: they would lose, and “soon”]."],
        ),
        # a quote in two pieces, and one quote inside another
        (
            [(1, "they would lose"), (1, "soon"), (2, "would")],
            ["He said “we will win” today.", "She said [1: they ][1,2: would][1:  lose], and “[1: soon]”."],
        ),
        # a quote running over two paragraphs is marked in each
        (
            [(3, "today.\n\nShe said")],
            ["He said “we will win” [3: today.]", "[3: She said] they would lose, and “soon”."],
        ),
    ],
)
def test_quotes_are_marked_exactly(pieces, expected):
    marks = [Mark(*at(TEXT, piece), quote_id=quote_id) for quote_id, piece in pieces]
    assert rendered(highlight(TEXT, marks)) == expected


def test_cue_and_source_are_labelled_inside_and_outside_the_quote():
    text = "“Go,” Mr Lee said."
    marks = [
        Mark(*at(text, "Go,"), quote_id=1),
        Mark(*at(text, "Mr Lee"), quote_id=1, label="source"),
        Mark(*at(text, "said"), quote_id=1, label="cue"),
    ]
    [paragraph] = highlight(text, marks)
    assert [(s.quote_ids, [(p.text, sorted(p.labels)) for p in s.pieces]) for s in paragraph] == [
        ((), [("“", [])]),
        ((1,), [("Go,", [])]),
        ((), [("” ", []), ("Mr Lee", ["source"]), (" ", []), ("said", ["cue"]), (".", [])]),
    ]


def test_a_window_of_the_text_clips_marks():
    marks = [Mark(*at(TEXT, "we will win” today"), quote_id=1)]
    start, end = at(TEXT, "will win” today.")
    assert rendered(highlight(TEXT, marks, start, end)) == ["[1: will win” today]."]


@pytest.mark.parametrize("text", ["", "\n\n", "   \n \n"])
def test_blank_text_has_no_paragraphs(text):
    assert highlight(text, []) == []


def test_text_is_kept_as_is_for_the_template_to_escape():
    text = 'A <script>alert(1)</script> and "><img src=x onerror=alert(2)>'
    [[stretch]] = highlight(text, [])
    assert stretch.text == text


def test_empty_and_outside_marks_are_ignored():
    marks = [Mark(3, 3, 1), Mark(50, 60, 2)]
    assert rendered(highlight("Hello world", marks)) == ["Hello world"]
