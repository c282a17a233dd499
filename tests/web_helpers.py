"""Databases and page reading for the tests of the web pages (Datasette's test client)."""

from __future__ import annotations

import asyncio
import functools
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

from sample_records import at, ministry_article, talks_article

from quotes.records import Article, Quote, Speaker
from quotes.store.database import Store
from quotes.web.serve import make_datasette

SCRIPT = "<script>window.injected = 1</script>"
IMAGE = '"><img src=x onerror="window.injected = 2">'
HOSTILE = f"Hi {SCRIPT} and {IMAGE}"
"""Text that would run script if it were not escaped."""


def build_db(path: Path, *items: tuple[Article, list[Quote]]) -> str:
    """A quotes database at `path` with `items`, by default the two sample articles."""
    with Store(path) as store:
        for article, quotes in items or (talks_article(), ministry_article()):
            store.save(article, quotes)
    return str(path)


def get(datasette, path: str):
    """Request `path` through Datasette's test client; it must answer 200."""
    response = asyncio.run(datasette.client.get(path))
    assert response.status_code == 200, f"{path}: {response.status_code}"
    return response


@functools.lru_cache(maxsize=8)
def served(db_path: str):
    """One Datasette per database, shared by the tests that read it."""
    return make_datasette(db_path)


def page(db_path: str, path: str) -> str:
    """The HTML at `path` of the Datasette over `db_path`."""
    return get(served(db_path), path).text


def hostile_article() -> tuple[Article, list[Quote]]:
    """Script and markup in every field a page shows: title, text, speaker, publisher."""
    text = f"{HOSTILE} said the mayor. The mayor said {HOSTILE} twice."
    article = Article(
        id='x"><b>id',
        text=text,
        title=f"Title {HOSTILE}",
        url="javascript:alert(3)",
        publisher=f"Publisher {SCRIPT}",
        published="2023-07-01",
        author=f"Author {IMAGE}",
    )
    mayor = Speaker(f"Mayor {IMAGE}", "person", role=f"role {SCRIPT}", affiliation=IMAGE)
    quote = Quote(
        type="indirect",
        content=[(text.rindex(HOSTILE), text.rindex(HOSTILE) + len(HOSTILE))],
        cue=[at(text, "The mayor said", "said")],
        cue_lemma="say",
        source=[at(text, "The mayor")],
        rule=f"rule {SCRIPT}",
        confidence=0.5,
        speaker=mayor,
        reported_by=Speaker(f"Office {SCRIPT}", "organization"),
    )
    return article, [quote]


def crowd_article(speakers: int = 10) -> tuple[Article, list[Quote]]:
    """One quote each by `speakers` people, then one by no known speaker."""
    lines = [f"Person {n} said plan {n} works." for n in range(speakers)]
    lines.append("Someone said nothing works.")
    text = "\n\n".join(lines)
    quotes = [
        Quote(
            type="indirect",
            content=[at(text, f"plan {n} works")],
            cue=[at(text, f"Person {n} said", "said")],
            cue_lemma="say",
            source=[at(text, f"Person {n}")],
            rule="speaker-cue-ccomp",
            confidence=0.9,
            speaker=Speaker(f"Person {n}", "person"),
        )
        for n in range(speakers)
    ]
    quotes.append(
        Quote(
            type="indirect",
            content=[at(text, "nothing works")],
            cue=[at(text, "Someone said", "said")],
            cue_lemma="say",
            source=[at(text, "Someone")],
            rule="speaker-cue-ccomp",
            confidence=0.4,
        )
    )
    article = Article(id="crowd", text=text, title="Everyone talks", published="2023-08-01")
    return article, quotes


class _Elements(HTMLParser):
    """Text inside elements matching a tag and attribute, grouped by the attribute's value."""

    def __init__(self, tag: str, attribute: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tag, self.attribute = tag, attribute
        self.found: dict[str, list[str]] = defaultdict(list)
        self.open: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        if tag == self.tag:
            value = dict(attrs).get(self.attribute)
            self.open.append(value)
            if value is not None:
                self.found[value].append("")

    def handle_endtag(self, tag):
        if tag == self.tag and self.open:
            self.open.pop()

    def handle_data(self, data):
        for value in {v for v in self.open if v is not None}:
            self.found[value][-1] += data


def elements_text(html: str, tag: str, attribute: str) -> dict[str, list[str]]:
    """{attribute value: [text of each such element]}, e.g. marks by their data-quote."""
    parser = _Elements(tag, attribute)
    parser.feed(html)
    return dict(parser.found)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def html_text(html: str) -> str:
    """The text of `html` without its tags, blank lines and the spaces around lines."""
    parser = _Text()
    parser.feed(html)
    lines = "".join(parser.parts).split("\n")
    return "\n\n".join(line.strip() for line in lines if line.strip())
