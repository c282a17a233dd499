"""Duplicate articles: the same canonical URL or the same text under another id.

A crawl fetches one story under several URLs (`http://`, `www.`, tracking parameters),
and syndicated copies carry other ids. Both keys are stored with each article (see
`Store.duplicate_of`); `PendingArticles` remembers those read but not yet stored, so
memory does not grow with the corpus.
"""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from quotes.records import Article

TRACKING_PARAMETERS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid")
"""Query parameters that say how a reader came to a page, not which page it is."""


def text_hash(text: str) -> str:
    """A fingerprint of the words of `text`: the same however its whitespace was laid out."""
    return words_hash(text.split())


def words_hash(words: list[str]) -> str:
    """`text_hash` of a text split into `words`."""
    joined = " ".join(words).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(joined, digest_size=16).hexdigest()


def canonical_url(url: str | None) -> str | None:
    """`url` reduced to what names the page: no scheme, `www.`, fragment, trailing slash or
    tracking parameters; None for no URL."""
    if not url or not url.strip():
        return None
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    query = urlencode(
        [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True)
         if not key.lower().startswith(TRACKING_PARAMETERS)]
    )
    return urlunsplit(("", host, parts.path.rstrip("/"), query, "")).removeprefix("//")


def duplicate_keys(article: Article) -> list[str]:
    """What makes another article the same one: its text, and its canonical URL if any."""
    url = canonical_url(article.url)
    return [f"text:{text_hash(article.text)}"] + ([f"url:{url}"] if url else [])


class PendingArticles:
    """The articles of a run that are read but not yet stored, by duplicate key."""

    def __init__(self) -> None:
        self._ids: dict[str, str] = {}
        self._keys: dict[str, list[str]] = {}

    def duplicate_of(self, article: Article) -> str | None:
        """The id of a pending article with the same URL or text; else None, and `article`
        is pending from now on."""
        keys = duplicate_keys(article)
        for key in keys:
            first = self._ids.get(key)
            if first is not None and first != article.id:
                return first
        for key in keys:
            self._ids.setdefault(key, article.id)
        self._keys.setdefault(article.id, []).extend(keys)
        return None

    def done(self, article_id: str) -> None:
        """`article_id` is stored (or given up): the store answers for it from now on."""
        for key in self._keys.pop(article_id, []):
            if self._ids.get(key) == article_id:
                del self._ids[key]

    def __len__(self) -> int:
        return len(self._keys)
