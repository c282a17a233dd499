"""Nested reports: the quote whose content holds another quote's cue reports it (one sweep
over the cues, so an article of thousands of nested quotes is resolved in n log n)."""

from __future__ import annotations

from quotes.records import Quote, Speaker
from quotes.speakers.resolve import _set_reported_by


def quote(content: list[tuple[int, int]], cue: int | None, speaker: Speaker | None) -> Quote:
    return Quote("indirect", content, [(cue, cue + 4)] if cue is not None else [], "say", [], "test", 0.9,
                 speaker=speaker)


def test_the_tightest_quote_around_a_cue_reports_it():
    ministry, wang, aide = Speaker("the ministry", "organization"), Speaker("Wang Yi", "person"), Speaker("an aide", "anonymous")
    outer = quote([(10, 200)], 0, ministry)
    middle = quote([(40, 150)], 30, wang)
    inner = quote([(90, 120)], 80, aide)
    _set_reported_by([inner, outer, middle])
    assert (outer.reported_by, middle.reported_by, inner.reported_by) == (None, ministry, wang)


def test_a_speaker_never_reports_their_own_words_and_speakerless_quotes_report_nothing():
    wang = Speaker("Wang Yi", "person")
    outer = quote([(10, 200)], 0, wang)
    inner = quote([(40, 150)], 30, wang)
    unknown = quote([(20, 190)], 5, None)
    inner_of_unknown = quote([(25, 30)], 22, Speaker("Li", "person"))
    _set_reported_by([outer, inner, unknown, inner_of_unknown])
    assert inner.reported_by is None  # reported by Wang himself: no report
    assert inner_of_unknown.reported_by is wang  # the quote without a speaker is passed over


def test_of_two_equally_tight_quotes_the_first_reports_and_pieces_count_apart():
    one, two, three = Speaker("One", "person"), Speaker("Two", "person"), Speaker("Three", "person")
    first = quote([(0, 50), (60, 70)], None, one)
    second = quote([(100, 130), (40, 70)], None, two)  # as long as the first, listed after it
    nested = quote([(80, 90)], 45, three)
    _set_reported_by([first, second, nested])
    assert nested.reported_by is one
    outside = quote([(300, 310)], 55, three)  # its cue falls between the first's pieces
    _set_reported_by([first, outside])
    assert outside.reported_by is None
