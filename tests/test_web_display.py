"""How the pages write quotes and dates: one pair of quotation marks on a direct quote,
whatever its stored text holds; one date format."""

from __future__ import annotations

import pytest
from sample_records import at
from web_helpers import build_db, page

from quotes.records import Article, Quote, Speaker
from quotes.web.pages.display import HIT_END, HIT_START, display_date, quote_words


@pytest.mark.parametrize(
    "stored, shown",
    [
        ("We agree,", "\u201cWe agree,\u201d"),
        ("\u201c\u201cIn January 2020 we agreed\u201d\u201d", "\u201cIn January 2020 we agreed\u201d"),
        ('"I put no pressure..."', "\u201cI put no pressure...\u201d"),
        ("\u201cWe agree\u201d.", "\u201cWe agree.\u201d"),
        ("stop hyping up the \u2018China threat theory\u2019", "\u201cstop hyping up the \u2018China threat theory\u2019\u201d"),
        ("\u2018China threat theory\u2019", "\u201cChina threat theory\u201d"),
        ("the players\u2019", "\u201cthe players\u2019\u201d"),  # an apostrophe, not a closing mark
        ("\u00abNous sommes d\u2019accord\u00bb", "\u201cNous sommes d\u2019accord\u201d"),
    ],
)
def test_a_direct_quote_has_exactly_one_pair_of_marks(stored, shown):
    assert str(quote_words(stored, "direct")) == shown


def test_other_quotes_are_shown_as_stored_and_escaped():
    assert str(quote_words("he would <b>win</b>", "indirect")) == "he would &lt;b&gt;win&lt;/b&gt;"


def test_search_hits_are_marked_and_stray_markers_dropped():
    stored = "\u201cWe agree\u201d."
    marked = f"\u201cWe {HIT_START}agree{HIT_END}\u201d."
    assert str(quote_words(stored, "direct", marked)) == '\u201cWe <mark class="search-hit">agree</mark>.\u201d'
    assert str(quote_words(f"a{HIT_START}b", "indirect", f"{HIT_START}a{HIT_START}b{HIT_END}")) == 'a<mark class="search-hit">b</mark>'


@pytest.mark.parametrize(
    "value, shown",
    [("2023-06-19", "19 June 2023"), ("2023-06-19T09:34:00+00:00", "19 June 2023"), ("2023-06", "June 2023"),
     ("2023", "2023"), ("last Tuesday", "last Tuesday"), (None, ""), ("2023-13-45", "2023-13-45")],
)  # fmt: skip
def test_one_date_format(value, shown):
    assert display_date(value) == shown


def test_cards_of_quotes_stored_with_their_marks(tmp_path):
    text = "\u201c\u201cWe will open the bridge,\u201d\u201d the mayor said. \u201cIt is safe\u201d."
    mayor = Speaker("Ada Mayor", "person")
    quotes = [
        Quote("direct", [at(text, "\u201c\u201cWe will open the bridge,\u201d\u201d")], [at(text, "said")], "say",
              [at(text, "the mayor")], "t", 0.9, speaker=mayor),
        Quote("direct", [at(text, "\u201cIt is safe\u201d.")], [at(text, "said")], "say",
              [at(text, "the mayor")], "t", 0.9, speaker=mayor),
    ]  # fmt: skip
    db = build_db(tmp_path / "quotes.db", (Article("bridge", text, published="2024-05-01"), quotes))
    html = page(db, "/quotes/quotes_view")
    assert '<blockquote class="quote-words">\u201cWe will open the bridge,\u201d</blockquote>' in html
    assert '<blockquote class="quote-words">\u201cIt is safe.\u201d</blockquote>' in html
    assert "\u201c\u201c" not in html and "\u201d\u201d" not in html
