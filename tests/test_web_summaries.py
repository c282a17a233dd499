"""Summaries and speakers as quoted, on the web pages: every count a reader sees is that of
the list it leads to (summaries counted apart), summaries show their cue and phrase in no
quotation marks, roles keep their dates, documents speak, and words given in a document
say so ("Prosecutors, in a complaint")."""

from __future__ import annotations

import asyncio
import json
import re

import pytest
from older_databases import database_at
from sample_records import documents_article, ministry_article, okafor_articles, talks_article
from web_helpers import build_db, get, html_text, page, served

from quotes.store import schema
from quotes.store.database import Store
from quotes.web.serve import make_datasette


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> str:
    items = [talks_article(), ministry_article(), *okafor_articles(), documents_article()]
    return build_db(tmp_path_factory.mktemp("summaries") / "quotes.db", *items)


def speaker_id(db_path: str, name: str) -> int:
    data = json.loads(page(db_path, f"/quotes/speakers.json?name={name}&_shape=array"))
    return data[0]["id"]


def words(html: str) -> str:
    """The text of `html`, its spaces and line breaks made single spaces."""
    return " ".join(html_text(html).split())


def text_of(html: str, css_class: str) -> str:
    return words(html.split(f'class="{css_class}"', 1)[1].split(">", 1)[1].split("</p>")[0])


def heading(html: str) -> str:
    return text_of(html, "listing-summary")


def test_the_speaker_page_counts_what_its_links_list(db_path):
    okafor = speaker_id(db_path, "Maria Okafor")
    html = page(db_path, f"/quotes/speakers/{okafor}")
    assert text_of(html, "speaker-counts") == "3 quotes (and 1 summary) in 2 articles"
    cards = re.findall(r'<article class="quote-card quote-type-(\w+)"', html.split('class="speaker-quotes"')[1])
    assert cards == ["indirect", "indirect", "indirect"]
    assert "Not shown here: 1 summary" in html_text(html)
    listing = page(db_path, f"/quotes/quotes_view?speaker_id={okafor}")
    assert heading(listing) == "3 quotes by Maria Okafor, newest first."
    both = page(db_path, f"/quotes/quotes_view?speaker_id={okafor}&_include=hidden")
    assert heading(both) == "3 quotes and 1 summary by Maria Okafor, newest first."
    assert f'href="/quotes/quotes_view?speaker_id={okafor}&amp;_include=hidden">and 1 summary</a>' in html
    timeline = [int(n) for n in re.findall(r'<span class="timeline-count">([\d,]+)</span>', html)]
    assert sum(timeline) == 3


def test_roles_with_their_dates_latest_first(db_path):
    html = page(db_path, f"/quotes/speakers/{speaker_id(db_path, 'Maria Okafor')}")
    roles = html.split('class="speaker-roles"')[1].split("</section>")[0]
    assert [words(item) for item in re.findall(r"<li>(.*?)</li>", roles, re.DOTALL)] == [
        "President, Ruritania \u2013 19 June 2023 (2 quotes and 1 summary)",
        "finance minister, Ruritania \u2013 14 November 2022 (1 quote)",
    ]


def test_home_page_counts_agree_with_the_lists(db_path):
    assert text_of(page(db_path, "/"), "quotes-summary").startswith("9 quotes (and 1 summary) by 6 speakers in 5 articles:")
    assert heading(page(db_path, "/quotes/quotes_view")) == "9 quotes, newest first."
    assert heading(page(db_path, "/quotes/speakers")).startswith("6 speakers, most quoted first")
    most = page(db_path, "/").split('class="top-speakers"')[1].split("</ol>")[0]
    assert "Maria Okafor</a>\n        <span class=\"top-speaker-count\">3 quotes" in most
    assert "defended" not in page(db_path, "/").split('class="home-newest"')[1]


def test_a_summary_is_its_cue_and_phrase_and_says_what_it_is(db_path):
    html = page(db_path, "/quotes/quotes_view?type=summary")
    assert heading(html) == "1 summary, newest first."
    card = html.split('class="quote-card quote-type-summary"')[1].split("</article>")[0]
    assert '<span class="summary-cue">defended</span> her decision to close the border' in card
    assert "&ldquo;" not in card and "\u201c" not in card and "<blockquote" not in card
    assert "summary: what was said about, not the words" in html_text(card)
    quote_id = re.search(r'data-quote-id="(\d+)"', html.split('quote-type-summary"')[1]).group(1)
    quote = page(db_path, f"/quotes/quotes/{quote_id}")
    assert words(quote.split('<h1 class="quote-heading">')[1].split("</h1>")[0]) == "Maria Okafor defended her decision to close the border"
    assert "Check these words" not in quote  # no one's words to check
    assert "(a summary, not their words)" in quote


def test_the_article_legend_counts_summaries_apart(db_path):
    html = page(db_path, "/quotes/articles/okafor-2023")
    assert text_of(html, "article-meta").endswith("words \u00b7 2 quotes (and 1 summary)")
    legend = words(html.split('class="speaker-legend"')[1].split(">", 1)[1].split("</ul>")[0])
    assert legend == "Who is quoted Maria Okafor 2 quotes (and 1 summary)"
    assert 'quote-highlight speaker-colour-0 quote-summary"' in html
    assert "Border closed Daily Example 19 June 2023 2 +1 summary" in words(page(db_path, "/quotes/articles"))


def test_words_given_in_a_document_say_which(db_path):
    html = page(db_path, "/quotes/quotes_view?_search=driver")
    card = words(html.split('class="quote-card quote-type')[1].split("</article>")[0])
    assert "Prosecutors, in a complaint alleges" in card
    quote_id = re.search(r'data-quote-id="(\d+)"', html).group(1)
    assert "Prosecutors, in a complaint, alleges" in words(page(db_path, f"/quotes/quotes/{quote_id}"))


def test_documents_are_a_kind_of_speaker(db_path):
    html = page(db_path, "/quotes/speakers?kind=document")
    assert "1 speaker (documents), most quoted first" in words(html)
    assert '<span class="speaker-kind kind-document">document</span>' in html
    assert '<option value="document" selected>documents</option>' in html
    assert heading(page(db_path, "/quotes/quotes_view?speaker_kind=document")) == "1 quote by documents, newest first."


def check_json(db_path: str, query: str):
    response = asyncio.run(served(db_path).client.get(f"/-/check.json?{query}"))
    return response.status_code, response.json()


def test_the_check_leaves_summaries_out_unless_asked(db_path):
    claim = "claim=her+decision+to+close+the+border"
    status, data = check_json(db_path, claim)
    assert status == 200 and data["verdict"] == "not found"
    status, data = check_json(db_path, f"{claim}&types=direct,indirect,mixed,summary")
    assert data["verdict"] == "found" and data["matches"][0]["type"] == "summary"
    status, data = check_json(db_path, f"{claim}&types=summary&types=direct")
    assert data["verdict"] == "found"
    status, data = check_json(db_path, f"{claim}&types=summary,opinion")
    assert status == 400 and data == {"ok": False, "error": "types can only name direct, indirect, mixed, summary, not \u201copinion\u201d"}


def test_the_check_page_has_an_include_summaries_box(db_path):
    plain = page(db_path, "/-/check?claim=her+decision+to+close+the+border")
    box = re.search(r'<input id="check-summaries" type="checkbox" name="types" value="([^"]+)"( checked)?>', plain)
    assert box and box.group(1) == "direct,indirect,mixed,summary" and not box.group(2)
    assert "Not found" in plain
    ticked = page(db_path, "/-/check?claim=her+decision+to+close+the+border&types=direct,indirect,mixed,summary")
    assert re.search(r'id="check-summaries"[^>]* checked>', ticked)
    assert "The closest match is a summary" in ticked
    assert "<span class=\"summary-cue\">defended</span> her decision to close the border" in ticked
    response = asyncio.run(served(db_path).client.get("/-/check?claim=border&types=nope"))
    assert response.status_code == 400 and "types can only name" in response.text


def test_a_database_before_roles_as_quoted_is_served_without_upgrade(tmp_path):
    """`quotes serve` reads an older database as it is: no page needs today's columns."""
    before = schema.MIGRATIONS.index(schema.speakers_as_quoted)
    path = database_at(tmp_path / "quotes.db", before, *okafor_articles(), documents_article())
    datasette = make_datasette(str(path))
    okafor = json.loads(get(datasette, "/quotes/speakers.json?name=Maria+Okafor&_shape=array").text)[0]["id"]
    for address in ("/", "/quotes/quotes_view", f"/quotes/speakers/{okafor}", "/quotes/speakers",
                    "/quotes/articles/okafor-2023", "/quotes/articles/documents", "/quotes/quotes/1"):  # fmt: skip
        get(datasette, address)
    speaker = get(datasette, f"/quotes/speakers/{okafor}").text
    assert text_of(speaker, "speaker-counts") == "3 quotes (and 1 summary) in 2 articles"


def test_counts_follow_a_new_extraction_of_the_same_quotes(tmp_path):
    """Hidden quotes counted once are kept only while nothing changes them: a quote that a
    new release types as a summary moves to the summaries at once."""
    path = build_db(tmp_path / "quotes.db", *okafor_articles())
    datasette = make_datasette(path)

    def okafor_card() -> str:
        html = get(datasette, "/quotes/speakers").text
        return text_of(html, "speaker-card-counts")

    assert okafor_card() == "3 quotes (and 1 summary) in 2 articles"
    article, quotes = okafor_articles()[1]
    quotes[1].type = "summary"  # "the border would reopen in May", found again as a summary
    with Store(path) as store:
        store.save(article, quotes)
    assert okafor_card() == "2 quotes (and 2 summaries) in 2 articles"
