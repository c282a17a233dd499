"""Web pages: the article's main text and metadata, extracted with trafilatura."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.etree import _Element

# trafilatura is imported where it is used: it takes half a second, and most runs read no HTML.

BLOCK_TAGS = {"p", "head", "list", "quote", "table", "code"}
"""Elements of trafilatura's output tree that become one paragraph each."""

MIN_WORDS = 5
"""Less text than this is a menu or a cookie notice that trafilatura fell back to."""

MAX_PAGE_BYTES = 10_000_000
"""Larger pages are not news articles, and trafilatura's time grows faster than their size."""


@dataclass
class WebPage:
    """What a page says about its article; `text` has paragraphs separated by a blank line."""

    text: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: str | None = None
    author: str | None = None


def extract_page(html: bytes | str, url: str | None = None) -> WebPage | None:
    """The article in `html`, or None if the page has no article text.

    `url` is where the page came from; the page's canonical link takes precedence.
    Check `size_problem` first: extraction takes long on a huge page.
    """
    import trafilatura

    document = trafilatura.bare_extraction(html, url=url, with_metadata=True, as_dict=False)
    if not isinstance(document, trafilatura.settings.Document) or document.body is None:
        return None
    text = "\n\n".join(paragraphs(document.body))
    if len(text.split()) < MIN_WORDS:
        return None
    return WebPage(
        text=text,
        title=document.title or None,
        url=document.url or url,
        publisher=document.sitename or None,
        published=document.date or None,
        author=document.author or None,
    )


def size_problem(size: int) -> str | None:
    """Why a page of `size` bytes is not read, or None if it can be."""
    if size <= MAX_PAGE_BYTES:
        return None
    return f"page too large ({size / 1e6:.1f} MB, the limit is {MAX_PAGE_BYTES / 1e6:g} MB)"


def paragraphs(body: _Element) -> list[str]:
    """The text of each outermost block element (paragraph, heading, list, ...) in `body`;
    the whole body's text if it has no block elements."""
    from trafilatura.xml import xmltotxt

    blocks = [
        element
        for element in body.iter(*BLOCK_TAGS)
        if not any(ancestor.tag in BLOCK_TAGS for ancestor in element.iterancestors())
    ]
    texts = [xmltotxt(element, include_formatting=False).strip() for element in blocks or [body]]
    return [text for text in texts if text]
