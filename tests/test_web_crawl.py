"""The site as a reader walks it: from the home page, every link and every form (filled in,
and left empty), over a database of the bundled example articles through the real pipeline.

No page reachable so answers 5xx, none is without the site's navigation, none links
anything but our own pages and http(s) addresses, and no quote card shows doubled
quotation marks. The counts go to test-artifacts/crawl.json.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections import Counter, deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from sample_records import ministry_article, talks_article
from web_helpers import build_db, crowd_article, hostile_article, served

from quotes.pipeline.extract import extract_articles
from quotes.reading.corpus import read_articles
from quotes.records import Article
from quotes.store.database import Store

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts"
MAX_PAGES = 6000
MAX_CLICKS = 4
"""How far from the home page the crawl goes: every page type is within three clicks or
forms (home, quotes, a quote, its article; a raw table, a row), and the filters of a
listing combine without end."""
PER_SHAPE = 3
"""Addresses of one shape (the same page type and parameter names) visited at most."""
SITE_NAV = '<nav aria-label="Site">'
SAMPLE_VALUES = {"_search": "china", "q": "blinken", "claim": "benefit our two countries", "speaker": "Xi Jinping",
                 "from": "2023", "to": "2023-06", "name": "blinken", "first_day": "2023-06-01", "last_day": "2023-06-30"}  # fmt: skip
DOUBLED = re.compile(r'^\s*["\u201c\u201e\u00ab]\s*["\u201c\u201e\u00ab]|["\u201d\u00bb]\s*["\u201d\u00bb][.,;:!?]?\s*$')
"""Two quotation marks in a row at either end of a quote as shown."""


class Page(HTMLParser):
    """The links, GET forms and quote cards of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.addresses: list[str] = []
        self.forms: list[tuple[str, list[tuple[str, str, str]]]] = []
        self.cards: list[str] = []
        self.summaries = 0
        """Cards of summaries (cue and phrase in a paragraph, not a blockquote)."""
        self._card: list[str] | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src", "action"):
            if attrs.get(name) is not None:
                self.addresses.append(attrs[name])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form" and (attrs.get("method") or "get").lower() == "get":
            self.forms.append((attrs.get("action") or "", []))
        elif tag == "input" and self.forms and attrs.get("name"):
            if attrs.get("type") not in ("submit", "button", "checkbox"):
                self.forms[-1][1].append((attrs["name"], attrs.get("type") or "text", attrs.get("value") or ""))
        elif tag == "select" and self.forms and attrs.get("name"):
            self._select = attrs["name"]
        elif tag == "option" and self._select and self.forms:
            self.forms[-1][1].append((self._select, "select", attrs.get("value") or ""))
            self._select = None  # the first option
        elif tag == "blockquote" and attrs.get("class") == "quote-words":
            self._card = []
        elif tag == "p" and attrs.get("class") == "quote-words summary-words":
            self._card = []
            self.summaries += 1

    def handle_endtag(self, tag):
        if tag in ("blockquote", "p") and self._card is not None:
            self.cards.append("".join(self._card))
            self._card = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._card is not None:
            self._card.append(data)


def example_articles(engine) -> list:
    articles = [item for item in read_articles([REPO / "examples"]) if isinstance(item, Article)]
    assert len(articles) >= 5
    return list(extract_articles(articles, engine))


@pytest.fixture(scope="module")
def db_path(tmp_path_factory, engine) -> str:
    path = build_db(tmp_path_factory.mktemp("crawl") / "quotes.db",
                    talks_article(), ministry_article(), hostile_article(), crowd_article())  # fmt: skip
    with Store(path) as store:
        store.save_many(example_articles(engine))
    return path


def internal(address: str) -> bool:
    return address.startswith("/") and not address.startswith("//")


def safe_address(address: str) -> bool:
    """Our own pages, fragments, or http(s): never javascript:, data: or another scheme."""
    address = address.strip()
    if address.startswith(("/", "#", "?")) and not address.startswith("//"):
        return True
    return urlsplit(address).scheme.lower() in ("http", "https")


def form_addresses(action: str, fields: list[tuple[str, str, str]]) -> list[str]:
    """The form submitted filled in with sample values, and with its boxes left empty."""
    filled, empty = [], []
    for name, kind, value in fields:
        filled.append((name, value if kind in ("hidden", "select") else value or SAMPLE_VALUES.get(name, "x")))
        empty.append((name, value if kind in ("hidden", "select") else ""))
    return [f"{action}?{urlencode(filled)}", f"{action}?{urlencode(empty)}"]


def shape(address: str) -> tuple:
    """Page type and parameter names: "/quotes/speakers/12?q=x" -> ("quotes", "speakers", "*", ("q",))."""
    parts = urlsplit(address)
    segments = parts.path.strip("/").split("/")
    kind = tuple(segments[:2]) + (("*",) if len(segments) > 2 else ())
    suffix = segments[-1].rsplit(".", 1)[-1] if "." in segments[-1] else ""
    names = tuple(sorted({pair.split("=")[0] for pair in parts.query.split("&") if pair}))
    return (*kind, suffix, names)


def crawl(datasette) -> dict:
    seen: set[str] = {"/"}
    shapes: Counter = Counter()
    client_errors: list[str] = []
    queue = deque([("/", 0)])
    statuses: Counter = Counter()
    problems: list[str] = []
    counts = Counter()
    while queue and counts["pages"] < MAX_PAGES:
        path, clicks = queue.popleft()
        response = asyncio.run(datasette.client.get(path))
        counts["pages"] += 1
        statuses[response.status_code] += 1
        content_type = response.headers.get("content-type", "")
        if response.status_code >= 500:
            problems.append(f"{response.status_code} {path}")
        elif response.status_code >= 400:
            client_errors.append(f"{response.status_code} {path}")
        if "html" not in content_type or clicks >= MAX_CLICKS:
            continue
        html = response.text
        if SITE_NAV not in html:
            problems.append(f"{response.status_code} without the site's navigation: {path}")
        page = Page()
        page.feed(html)
        problems += [f"unsafe address {address!r} on {path}" for address in page.addresses if not safe_address(address)]
        counts["cards"] += len(page.cards)
        problems += [f"doubled marks {card!r} on {path}" for card in page.cards if DOUBLED.search(card)]
        found = [link.split("#")[0] for link in page.links if internal(link)]
        counts["links"] += len(found)
        for action, fields in page.forms:
            if internal(action):
                counts["forms"] += 1
                found += form_addresses(action, fields)
        for address in found:
            address = address.replace("&amp;", "&")
            if address and address not in seen and not address.startswith(("/-/static", "/-/quotes-static")):
                seen.add(address)
                shapes[shape(address)] += 1
                if shapes[shape(address)] <= PER_SHAPE:
                    queue.append((address, clicks + 1))
    return {"pages": counts["pages"], "links": counts["links"], "forms": counts["forms"],
            "cards": counts["cards"], "statuses": dict(statuses), "page_shapes": len(shapes),
            "left_unvisited": len(queue), "client_errors": client_errors, "problems": problems}  # fmt: skip


def test_every_page_reachable_by_links_and_forms(db_path):
    report = crawl(served(db_path))
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "crawl.json").write_text(json.dumps(report, indent=2))
    print(f"\ncrawl: {report['pages']} pages, {report['links']} links, {report['forms']} forms,"
          f" {report['cards']} quote cards, statuses {report['statuses']}")  # fmt: skip
    assert report["problems"] == []
    assert report["pages"] > 200 and report["forms"] > 20 and report["left_unvisited"] == 0
    assert not any(status >= 500 for status in report["statuses"])


def test_no_card_of_the_sample_database_shows_doubled_quotation_marks(db_path):
    datasette = served(db_path)
    total = asyncio.run(datasette.client.get("/quotes/quotes_view.json?_size=0&_include=hidden")).json()
    shown: list[str] = []
    summaries = 0
    path = "/quotes/quotes_view?_size=100&_include=hidden"
    while path:
        html = asyncio.run(datasette.client.get(path)).text
        page = Page()
        page.feed(html)
        shown += page.cards
        summaries += page.summaries
        following = re.findall(r'<a class="next-page" href="([^"]+)"', html)
        path = following[0].replace("&amp;", "&") if following else None
    assert len(shown) == total["filtered_table_rows_count"]
    direct = [card for card in shown if card.startswith("\u201c")]
    assert len(direct) >= 10
    assert [card for card in shown if DOUBLED.search(card)] == []
    assert all(card.count("\u201c") >= 1 for card in direct)
    assert summaries >= 1  # the example articles have summaries: shown as cue and phrase


def test_every_page_type_links_only_web_addresses(db_path):
    """The hostile article's `javascript:` URL becomes a link on no page type."""
    datasette = served(db_path)
    [quote] = asyncio.run(datasette.client.get("/quotes/quotes_view.json?_search=injected&_shape=array")).json()
    assert quote["url"] == "javascript:alert(3)"
    check = "/-/check?" + urlencode({"claim": "script window injected"})
    for path in ("/", "/quotes/quotes_view", "/quotes/quotes_view?_search=injected", f"/quotes/quotes/{quote['id']}",
                 "/quotes/articles/x~22~3E~3Cb~3Eid", "/quotes/speakers", "/quotes/articles",
                 f"/quotes/speakers/{quote['speaker_id']}", check, "/quotes/quotes_by_speaker?name=mayor",
                 "/quotes/articles?q=injected", "/quotes/speakers?q=mayor"):
        response = asyncio.run(datasette.client.get(path))
        assert response.status_code == 200, path
        page = Page()
        page.feed(response.text)
        assert [address for address in page.addresses if not safe_address(address)] == [], path
    assert "Title Hi &lt;script&gt;" in asyncio.run(datasette.client.get(check)).text  # the match is shown
