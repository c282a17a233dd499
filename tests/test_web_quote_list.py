"""The quotes page: cards for a search and filters, said in plain words, with counts beside
them; searches that never fail; bad parameters answered with the site's page."""

from __future__ import annotations

import asyncio
import csv
import io
import re
from urllib.parse import urlencode

import pytest
from sample_records import article_quoting, at, blinken, ministry_article, talks_article
from web_helpers import build_db, elements_text, get, html_text, page, served

from quotes.records import Article, Quote, Speaker
from quotes.web.pages import selection

JUNCTURES = "the junctures ahead would test both countries"
KEEP_TALKING = "\u201cWe are at a critical moment, and we must keep talking.\u201d"


def summary_article() -> tuple[Article, list[Quote]]:
    """What a speech was about: a quote of the hidden type `summary`."""
    text = "The mayor defended her decision to close the bridge."
    quote = Quote("summary", [at(text, "her decision to close the bridge")], [at(text, "defended")],
                  "defend", [at(text, "The mayor")], "summary-rule", 0.6, speaker=Speaker("Ada Mayor", "person"))
    return Article("summary", text, title="Mayor on the bridge", published="2021-03-04", publisher="Town Paper"), [quote]


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> str:
    return build_db(tmp_path_factory.mktemp("list") / "quotes.db", talks_article(), ministry_article())


@pytest.fixture(scope="module")
def years_db(tmp_path_factory) -> str:
    """Quotes over three years, and one of a hidden type."""
    items = [talks_article(), ministry_article(), summary_article()]
    for number, year in enumerate([2021, 2022, 2022, 2024]):
        article, quotes = article_quoting(number, blinken())
        article.published = f"{year}-0{number + 1}-10"
        article.publisher = "Other Times"
        items.append((article, quotes))
    return build_db(tmp_path_factory.mktemp("years") / "quotes.db", *items)


def cards(html: str) -> list[str]:
    """The words of each card: quotes in a blockquote, summaries (cue and phrase) in a paragraph."""
    return [html_text(words) for words in re.findall(r'class="quote-words[^"]*">(.*?)</(?:blockquote|p)>', html)]


def summary_line(html: str) -> str:
    return html_text(html.split('<p class="listing-summary">')[1].split("</p>")[0])


def status(db_path: str, path: str) -> tuple[int, str]:
    response = asyncio.run(served(db_path).client.get(path))
    return response.status_code, response.text


def test_quotes_are_cards_newest_first(db_path):
    html = page(db_path, "/quotes/quotes_view")
    assert cards(html) == [
        JUNCTURES,
        "the US stop interfering in its affairs",
        "both sides wanted to stabilise relations",
        KEEP_TALKING,
    ]
    assert '<table class="rows-and-columns">' not in html
    assert "<h1>Quotes</h1>" in html and "CREATE VIEW" not in html


def test_a_card_names_speaker_cue_type_article_and_date(db_path):
    html = " ".join(page(db_path, "/quotes/quotes_view?_search=juncture").split())
    # the role as of this quote: its own article gives none
    assert (
        '<a class="quote-speaker" href="/quotes/speakers/1">Antony Blinken</a>'
        ' <span class="quote-cue">said</span>'
    ) in html
    assert '<span class="quote-type" title="reported speech, in the reporter&#39;s words">indirect</span>' in html
    assert (
        '<a class="quote-article" href="/quotes/articles/ministry#quote-4">China demands US stop interfering</a>,'
        ' <span class="quote-publisher">Example Wire</span>, <time datetime="2023-06-19">19 June 2023</time>'
    ) in html
    assert '<a class="quote-link" href="/quotes/quotes/4">quote in context</a>' in html


def test_nested_report_card_names_the_reporter(db_path):
    html = " ".join(page(db_path, "/quotes/quotes_view?_search=interfering").split())
    assert '(reported by <a href="/quotes/speakers/3">China&#39;s foreign ministry</a>)' in html


@pytest.mark.parametrize(
    "search, found",
    [
        ("juncture", [JUNCTURES]),  # English stemming
        ("both countries", [JUNCTURES]),  # every word
        ("both stabilise", ["both sides wanted to stabilise relations"]),
        ('"keep talking"', [KEEP_TALKING]),
        ('"talking keep"', []),  # a phrase keeps its order
        ("\u201ckeep talking\u201d", [KEEP_TALKING]),  # curly quotation marks too
        ("junctures OR stabilise", [JUNCTURES, "both sides wanted to stabilise relations"]),
        ("both NOT countries", ["both sides wanted to stabilise relations"]),
        ("both -countries", ["both sides wanted to stabilise relations"]),
        ("stabil*", ["both sides wanted to stabilise relations"]),
        ("(juncture", [JUNCTURES]),  # stray punctuation is dropped
        ('juncture "', [JUNCTURES]),
    ],
)
def test_search(db_path, search, found):
    assert cards(page(db_path, f"/quotes/quotes_view?{urlencode({'_search': search})}")) == found


def test_matched_words_are_highlighted(db_path):
    html = page(db_path, "/quotes/quotes_view?_search=juncture+countries")
    assert '<mark class="search-hit">junctures</mark>' in html
    assert '<mark class="search-hit">countries</mark>' in html


@pytest.mark.parametrize("search", ["", "+", '"', "OR", "AND NOT", "NOT", "*", "()"])
def test_empty_and_operator_only_searches_show_every_quote_with_a_hint(db_path, search):
    code, html = status(db_path, f"/quotes/quotes_view?{urlencode({'_search': search})}")
    assert code == 200
    assert len(cards(html)) == 4
    if search:
        assert 'class="search-hint"' in html and "Showing all quotes instead." in html


def test_search_says_how_to_search(db_path):
    html = page(db_path, "/quotes/quotes_view")
    help_text = html_text(html.split('<details class="search-help">')[1].split("</details>")[0])
    for example in ('"critical juncture"', "tariffs OR sanctions", "talks NOT trade", "negotiat*"):
        assert example in help_text


def test_search_without_results_says_so(db_path):
    html = page(db_path, "/quotes/quotes_view?_search=elephants")
    assert "No quotes found for &ldquo;elephants&rdquo;." in html


def test_sorted_by_relevance(db_path):
    html = page(db_path, "/quotes/quotes_view?_search=both+OR+countries&_sort=relevance")
    assert cards(html) == [JUNCTURES, "both sides wanted to stabilise relations"]  # both words first
    assert "<strong>most relevant first</strong>" in html
    assert summary_line(html).endswith("most relevant first.")


def test_relevance_is_offered_only_for_a_search(db_path):
    assert "most relevant first" not in page(db_path, "/quotes/quotes_view")
    assert "most relevant first" in page(db_path, "/quotes/quotes_view?_search=both")


@pytest.mark.parametrize(
    "query, words",
    [
        ("", "4 quotes, newest first."),
        ("speaker_id=1", "3 quotes by Antony Blinken, newest first."),
        ("speaker_id=1&type=direct", "1 direct quote by Antony Blinken, newest first."),
        ("_search=juncture", "1 quote matching \u201cjuncture\u201d, newest first."),
        ("reported_by_id=3", "1 quote reported by China's foreign ministry, newest first."),
        ("article_id=talks&_sort=oldest", "2 quotes in \u201cBlinken arrives in Beijing\u201d, oldest first."),
        ("from=2023-06-19&to=2023-06-19", "2 quotes on 19 June 2023, newest first."),
        ("from=2023-06", "4 quotes since June 2023, newest first."),
        ("publisher=Example+Wire&speaker_kind=person", "2 quotes by people in Example Wire, newest first."),
    ],
)
def test_what_is_shown_is_said_in_plain_words(db_path, query, words):
    assert summary_line(page(db_path, f"/quotes/quotes_view?{query}")) == words


def test_filters_in_use_can_be_removed_one_by_one(db_path):
    html = " ".join(page(db_path, "/quotes/quotes_view?speaker_id=1&_search=both").split())
    filters = html.split('<ul class="active-filters"')[1].split("</ul>")[0]
    assert 'by Antony Blinken <a href="/quotes/quotes_view?_search=both" class="cross"' in filters
    assert 'matching \u201cboth\u201d <a href="/quotes/quotes_view?speaker_id=1" class="cross"' in filters


@pytest.mark.parametrize(
    "facet, title", [("speaker_id", "Speaker"), ("speaker_kind", "Kind of speaker"), ("type", "Type"),
                     ("stance", "Stance of the cue"), ("publisher", "By outlet"), ("year", "Year")],
)  # fmt: skip
def test_counts_beside_the_cards_have_readable_names(db_path, facet, title):
    html = " ".join(page(db_path, "/quotes/quotes_view").split())
    assert re.search(rf'id="facet-{facet}"[^>]*> <summary><h3>{title}</h3></summary>', html)


def test_speaker_counts_show_names_and_filter_by_id(db_path):
    html = " ".join(page(db_path, "/quotes/quotes_view").split())
    assert '<a href="/quotes/quotes_view?speaker_id=1" >Antony Blinken</a> <span class="facet-count">3</span>' in html


def test_years_in_year_order_and_quotes_over_time(years_db):
    html = page(years_db, "/quotes/quotes_view")
    years = elements_text(html.split('id="facet-year"')[1].split("</details>")[0], "a", "href")
    assert list(years.values()) == [["2021"], ["2022"], ["2023"], ["2024"]]
    bars = re.findall(r'<span class="timeline-label">([^<]+)</span>', html)
    assert bars == ["2021", "2022", "2023", "2024"]  # three years: by year
    narrowed = page(years_db, "/quotes/quotes_view?speaker_id=1&from=2022&to=2022")
    assert re.findall(r'<span class="timeline-label">([^<]+)</span>', narrowed) == ["Feb 22", "Mar 22"]
    assert '<a href="/quotes/quotes_view?speaker_id=1&amp;from=2022-02&amp;to=2022-02" title="February 2022: 1 quote">' in narrowed


def test_counts_by_outlet_for_a_search(years_db):
    html = page(years_db, "/quotes/quotes_view?_search=plan")
    outlets = html.split('<table class="outlets">')[1].split("</table>")[0]
    rows = [[html_text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.DOTALL)] for row in re.findall(r"<tr.*?</tr>", outlets, re.DOTALL)]
    assert rows == [[], ["Other Times", "4"]]


def test_date_range(years_db):
    html = page(years_db, "/quotes/quotes_view?from=2022&to=2023-06-18")
    assert [row for row in cards(html)] == [
        "both sides wanted to stabilise relations", KEEP_TALKING,
        "the plan number 2 would work", "the plan number 1 would work",
    ]  # fmt: skip
    assert summary_line(html) == "4 quotes from 2022 to 18 June 2023, newest first."


def test_hidden_types_are_left_out_with_a_way_to_include_them(years_db):
    html = page(years_db, "/quotes/quotes_view")
    assert "defended her decision" not in html
    assert summary_line(html) == "8 quotes, newest first."
    assert "1 summary (what was said about, not the words) left out: " in html_text(html)
    assert '<a href="/quotes/quotes_view?_include=hidden">include them</a>' in html
    included = page(years_db, "/quotes/quotes_view?_include=hidden")
    assert "defended her decision to close the bridge" in cards(included)
    assert summary_line(included) == "8 quotes and 1 summary, newest first."
    assert '<a href="/quotes/quotes_view">leave summaries out</a>' in included
    summaries = page(years_db, "/quotes/quotes_view?type=summary")
    assert cards(summaries) == ["defended her decision to close the bridge"]
    assert summary_line(summaries) == "1 summary, newest first."
    assert "defended her decision" not in page(years_db, "/")


def test_the_type_facet_offers_summaries_with_their_count(years_db):
    for path in ("/quotes/quotes_view", "/quotes/quotes_view?_search=bridge+OR+plan", "/quotes/quotes_view?_include=hidden"):
        facet = page(years_db, path).split('id="facet-type"')[1].split("</details>")[0]
        assert re.search(r'<a href="[^"]*type=summary"[^>]*>summary</a> <span class="facet-count">1</span>', facet), path


def test_a_summary_card_shows_its_cue_and_phrase_in_no_quotation_marks(years_db):
    html = page(years_db, "/quotes/quotes_view?type=summary")
    card = html.split('class="quote-card quote-type-summary"')[1].split("</article>")[0]
    assert '<p class="quote-words summary-words"><span class="summary-cue">defended</span> her decision to close the bridge</p>' in card
    assert "<blockquote" not in card and "\u201c" not in card and "&ldquo;" not in card
    assert "summary: what was said about, not the words" in html_text(card)


def test_the_hidden_types_are_one_list(years_db, monkeypatch):
    monkeypatch.setattr(selection, "HIDDEN_TYPES", ("summary", "direct"))
    monkeypatch.setattr("quotes.web.pages.quote_counts.HIDDEN_TYPES", ("summary", "direct"))
    assert summary_line(page(years_db, "/quotes/quotes_view")) == "7 quotes, newest first."


def test_a_name_in_the_search_offers_the_speakers_quotes_first(db_path):
    html = page(db_path, "/quotes/quotes_view?_search=Blinken")
    suggestions = html.split('class="speaker-suggestions"')[1].split("</section>")[0]
    assert '<a href="/quotes/quotes_view?speaker_id=1">Quotes by Antony Blinken</a>' in suggestions
    assert html.index("speaker-suggestions") < html.index('class="listing"')
    assert "speaker-suggestions" not in page(db_path, "/quotes/quotes_view?_search=the")


def test_pages_of_results(years_db):
    html = page(years_db, "/quotes/quotes_view?_size=3")
    assert len(cards(html)) == 3
    [next_url] = re.findall(r'<a class="next-page" href="([^"]+)"', html)
    assert next_url == "/quotes/quotes_view?_size=3&amp;_next=3"
    second = page(years_db, next_url.replace("&amp;", "&"))
    assert summary_line(second) == "8 quotes, newest first: 4 to 6."
    assert not set(cards(second)) & set(cards(html))


def test_sort_oldest_first_and_the_old_sort_links(db_path):
    html = page(db_path, "/quotes/quotes_view?_sort=oldest")
    assert cards(html)[0] in {"both sides wanted to stabilise relations", KEEP_TALKING}
    assert "<strong>oldest first</strong>" in html
    assert 'href="/quotes/quotes_view?_sort=newest"' in html
    assert cards(page(db_path, "/quotes/quotes_view?_sort=published")) == cards(html)
    assert cards(page(db_path, "/quotes/quotes_view?_sort_desc=published")) == cards(page(db_path, "/quotes/quotes_view"))


@pytest.mark.parametrize(
    "query, message",
    [
        ("_sort=nonexistent", "_sort must be newest, oldest or relevance"),
        ("_sort_desc=nonexistent", "_sort must be newest, oldest or relevance"),
        ("_sort=relevance", "_sort=relevance needs words to search for"),
        ("_next=abc", "_next must be a whole number from 0 to 10,000, not \u201cabc\u201d"),
        ("_next=%C2%B2", "_next must be a whole number"),
        ("_size=0", "_size must be a whole number from 1 to 100"),
        ("_size=" + "9" * 4400, "_size must be a whole number"),
        ("speaker_id=abc", "speaker_id must be a whole number"),
        ("from=2023-13", "from must be a date written 2023, 2023-06 or 2023-06-19"),
        ("to=yesterday", "to must be a date written"),
        ("from=2024&to=2023", "the date range ends before it starts"),
        ("year=20x3", "year must be a date written"),
        ("_include=everything", "_include can only be hidden"),
        ("_search=" + "x" * 600, "_search is too long"),
    ],
)
def test_bad_parameters_answer_400_with_the_sites_page(db_path, query, message):
    code, html = status(db_path, f"/quotes/quotes_view?{query}")
    assert code == 400
    assert message in html_text(html)
    assert '<nav aria-label="Site">' in html and 'action="/quotes/quotes_view"' in html


def test_unknown_parameters_are_ignored(db_path):
    html = page(db_path, "/quotes/quotes_view?_facet=nope&_where=1;&_col=text&nope=1")
    assert len(cards(html)) == 4


def test_json_and_csv_exports_keep_the_selection(years_db):
    html = page(years_db, "/quotes/quotes_view?_search=plan+OR+junctures&from=2022&speaker_id=1")
    links = dict(re.findall(r'<a href="([^"]+)" rel="nofollow">(JSON|CSV)</a>', html))
    by_label = {label: url.replace("&amp;", "&") for url, label in links.items()}
    rows = get(served(years_db), by_label["JSON"]).json()["rows"]
    assert [row["text"] for row in rows] == cards(html)
    lines = list(csv.DictReader(io.StringIO(get(served(years_db), by_label["CSV"]).text)))
    assert [line["text"] for line in lines] == cards(html)


def test_exports_leave_hidden_types_out_too(years_db):
    html = page(years_db, "/quotes/quotes_view")
    [json_url] = re.findall(r'<a href="([^"]+)" rel="nofollow">JSON</a>', html)
    rows = get(served(years_db), json_url.replace("&amp;", "&")).json()["rows"]
    assert len(rows) == 8 and all(row["type"] != "summary" for row in rows)


def test_datasette_exports_keep_working(db_path):
    datasette = served(db_path)
    rows = get(datasette, "/quotes/quotes_view.json?_shape=array&_search=juncture").json()
    assert [(row["text"], row["speaker"], row["year"]) for row in rows] == [(JUNCTURES, "Antony Blinken", "2023")]
    lines = get(datasette, "/quotes/quotes_view.csv?_search=juncture").text.splitlines()
    assert len(lines) == 2 and JUNCTURES in lines[1]


def test_the_raw_quotes_table_keeps_datasettes_grid(db_path):
    assert '<table class="rows-and-columns">' in page(db_path, "/quotes/quotes")
