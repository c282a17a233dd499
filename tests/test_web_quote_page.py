"""A quote's page: the paragraph it came from, highlighted, and what is known about it."""

from __future__ import annotations

import asyncio

import pytest
from sample_records import MINISTRY_TEXT, TALKS_TEXT, ministry_article, talks_article
from web_helpers import build_db, crowd_article, elements_text, get, html_text, page, served

from quotes.store.database import Store
from quotes.web.pages.quote import context_bounds


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> str:
    return build_db(
        tmp_path_factory.mktemp("quote") / "quotes.db",
        talks_article(), ministry_article(), crowd_article(speakers=1),
    )  # fmt: skip


def quote_id(db_path: str, text: str) -> int:
    with Store(db_path) as store:
        return store.db.execute("SELECT id FROM quotes WHERE text = ?", [text]).fetchone()[0]


def paragraph(html: str) -> str:
    """The quote's paragraph on its page."""
    return html.split('<div class="quote-paragraph">')[1].split("</div>")[0]


def test_the_quote_is_highlighted_in_its_paragraph_exactly(db_path):
    number = quote_id(db_path, "We are at a critical moment, and we must keep talking.")
    html = paragraph(page(db_path, f"/quotes/quotes/{number}"))
    assert elements_text(html, "mark", "data-quote") == {
        str(number): ["We are at a critical moment,", "and we must keep talking."]
    }
    assert elements_text(html, "span", "class") == {
        "quote-part-source": ["Mr Blinken"],
        "quote-part-cue": ["told"],
    }
    assert html_text(html) == TALKS_TEXT  # the whole paragraph, as printed


def test_only_the_paragraph_of_the_quote_is_shown(db_path):
    number = quote_id(db_path, "the junctures ahead would test both countries")
    html = paragraph(page(db_path, f"/quotes/quotes/{number}"))
    assert html_text(html) == "Blinken said the junctures ahead would test both countries."


def test_speaker_role_affiliation_rule_and_confidence(db_path):
    number = quote_id(db_path, "We are at a critical moment, and we must keep talking.")
    text = " ".join(page(db_path, f"/quotes/quotes/{number}").split())
    assert (
        '<a class="quote-speaker" href="/quotes/speakers/1">Antony Blinken</a>'
        " (person, US secretary of state), named here as &ldquo;Mr Blinken&rdquo;"
    ) in text
    assert "rule <code>quote-cue-speaker</code>, confidence 0.95" in text
    assert "&ldquo;told&rdquo; (tell, neutral)" in text
    assert "direct: the exact words, in quotation marks" in text


def test_nested_report_names_who_reported_it(db_path):
    number = quote_id(db_path, "the US stop interfering in its affairs")
    text = " ".join(page(db_path, f"/quotes/quotes/{number}").split())
    assert "<dt>Reported by</dt>" in text
    assert '<a href="/quotes/speakers/3">China&#39;s foreign ministry</a>:' in text
    assert "(person, foreign minister, China)" in text  # Wang Yi's role and affiliation


def test_other_quotes_by_the_same_speaker(db_path):
    number = quote_id(db_path, "the junctures ahead would test both countries")
    html = page(db_path, f"/quotes/quotes/{number}")
    others = html.split("Other quotes by Antony Blinken")[1]
    assert "both sides wanted to stabilise relations" in others
    assert "We are at a critical moment, and we must keep talking." in others
    assert "the junctures ahead" not in others


def test_a_quote_without_a_known_speaker(db_path):
    number = quote_id(db_path, "nothing works")
    text = " ".join(page(db_path, f"/quotes/quotes/{number}").split())
    assert '<h1 class="quote-heading"> Unknown speaker <span class="quote-heading-cue">said</span>' in text
    assert "Not identified: named here as &ldquo;Someone&rdquo;" in text
    assert "Other quotes by" not in text


def test_the_row_json_keeps_working(db_path):
    rows = get(served(db_path), "/quotes/quotes/1.json?_shape=array").json()
    assert [(row["id"], row["text"]) for row in rows] == [
        (1, "We are at a critical moment, and we must keep talking.")
    ]


def test_a_missing_quote_is_not_found(db_path):
    response = asyncio.run(served(db_path).client.get("/quotes/quotes/999"))
    assert response.status_code == 404


@pytest.mark.parametrize(
    "text, piece, limit, expected",
    [
        # whole lines when short
        (TALKS_TEXT, "critical moment", 1500, TALKS_TEXT),
        (MINISTRY_TEXT, "junctures", 1500, "Blinken said the junctures ahead would test both countries."),
        # cut at spaces around the quote when the line is too long
        ("one two three four five six seven", "four", 20, "three four five"),
    ],
)
def test_context_bounds(text, piece, limit, expected):
    start = text.index(piece)
    first, last = context_bounds(text, start, start + len(piece), limit)
    assert text[first:last] == expected


def test_the_same_words_in_other_articles_first_appearance_first(tmp_path):
    from sample_records import at
    from web_helpers import build_db as build

    from quotes.records import Article, Quote, Speaker

    items = []
    for number, (published, outlet) in enumerate([("2024-03-02", "Later Post"), ("2024-02-01", "Early Times")]):
        text = f"Ada Example said: \u201cThe bridge will open in May.\u201d Story {number}."
        quote = Quote("direct", [at(text, "The bridge will open in May.")], [at(text, "said")], "say",
                      [at(text, "Ada Example")], "t", 0.9, speaker=Speaker("Ada Example", "person"))
        items.append((Article(f"bridge-{number}", text, title=f"Bridge story {number}", publisher=outlet,
                              published=published), [quote]))  # fmt: skip
    db = build(tmp_path / "quotes.db", *items)
    html = " ".join(page(db, "/quotes/quotes/1").split())
    spread = html.split('class="quote-spread"')[1].split("</section>")[0]
    assert "The same words in 2 articles" in spread
    assert html_text(spread).index("1 February 2024, Early Times") < html_text(spread).index("2 March 2024, Later Post")
    assert '<a href="/quotes/articles/bridge-1">Bridge story 1</a> <span class="spread-first">first appearance</span>' in spread
    alone = " ".join(page(db, "/quotes/quotes_view").split())
    assert "The same words" not in alone


def test_a_quote_alone_says_so(db_path):
    assert "No other article in the database quotes these words." in page(db_path, "/quotes/quotes/3")


def test_cite_box_and_permalink(db_path):
    html = page(db_path, "/quotes/quotes/1")
    citation = html.split('<textarea id="cite-text" class="cite-text" rows="4" readonly>')[1].split("</textarea>")[0]
    assert citation == (
        "Antony Blinken (US secretary of state), quoted in \"Blinken arrives in Beijing\", Example News,"
        " 18 June 2023, https://example.org/talks: \u201cWe are at a critical moment, and we must keep talking.\u201d"
        " (quote 1, http://localhost/quotes/quotes/1)"
    )
    assert '<input id="cite-link" class="cite-link" type="url" readonly value="http://localhost/quotes/quotes/1">' in html
    assert '<label for="cite-text">Plain-text citation</label>' in html


def test_check_these_words_and_the_passage_in_its_article(db_path):
    html = page(db_path, "/quotes/quotes/4")
    assert ('<a class="check-these-words" href="/-/check?claim=the+junctures+ahead+would+test+both+countries">'
            "Check these words</a>") in html  # fmt: skip
    assert 'href="/quotes/articles/ministry#quote-4">China demands US stop interfering</a>' in html


def test_description_and_open_graph_tags(db_path):
    html = page(db_path, "/quotes/quotes/4")
    assert '<html lang="en">' in html
    assert ('<meta name="description" content="Antony Blinken (said): the junctures ahead would test both'
            ' countries - China demands US stop interfering, Example Wire, 19 June 2023">') in html  # fmt: skip
    assert '<meta property="og:title" content="Antony Blinken: the junctures ahead would test both countries">' in html
    assert '<meta property="og:url" content="http://localhost/quotes/quotes/4">' in html
