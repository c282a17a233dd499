"""Read articles from text, HTML, JSON Lines and WARC files, directories and standard input.

`read_articles` yields an `Article` for each article it reads and a `Skipped` record for
each piece of input it cannot read; it never raises for bad input, and it streams: JSON
Lines and WARC files are read one article at a time.

Formats, chosen by file extension:

- `.txt`, `.text`, or no extension: one article, the UTF-8 text as it is. A headline
  first line becomes the title, a dateline near the top the publication date.
- `.html`, `.htm`, `.xhtml`: the page's main text and metadata (trafilatura).
- `.jsonl`, `.ndjson`: one JSON object per line with `text` and optional `id`, `url`,
  `title`, `publisher`, `published` and `author`. `.json`: the same, or a JSON array of
  such objects. `-`: JSON Lines from standard input.
- `.warc`, `.warc.gz`: each successful HTML response in the archive.

A file named explicitly with another extension is read as plain text if it is UTF-8
text. Directories are read recursively in sorted order; hidden files and documentation
(README, LICENSE, ...) are passed over, files with other extensions are reported.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO
from urllib.parse import urlsplit, urlunsplit

from quotes.reading.furniture import find_furniture
from quotes.reading.html import WebPage, extract_page, size_problem
from quotes.reading.jsonl import BadRecord, article_fields, parse_line
from quotes.reading.plaintext import (
    SNIFF_BYTES,
    NotText,
    check_not_binary,
    decode_text,
    describe_decode_error,
    find_dateline,
    find_title,
)
from quotes.reading.warc import CorruptWarc, read_warc
from quotes.records import Article

STDIN = "-"
STDIN_NAME = "<stdin>"

TEXT, HTML, JSON_LINES, JSON, WARC = "text", "html", "jsonl", "json", "warc"
FORMATS = {
    ".txt": TEXT,
    ".text": TEXT,
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
    ".jsonl": JSON_LINES,
    ".ndjson": JSON_LINES,
    ".json": JSON,
    ".warc": WARC,
    ".warc.gz": WARC,
}
DOCUMENTATION_NAMES = ("readme", "license", "licence", "notice", "attribution", "changelog")
"""Files with these names (any extension) in a directory are documentation, not articles."""

ID_HEX_DIGITS = 12


@dataclass(frozen=True)
class Skipped:
    """Input that could not be read as an article, and why (one line, for the user)."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def read_articles(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Article | Skipped]:
    """The articles in `paths` (files, directories, or "-" for JSON Lines on stdin), one at
    a time, with a `Skipped` record for each piece of input that cannot be read."""
    for path in paths:
        path = os.fspath(path)
        if path == STDIN:
            yield from read_json_lines(sys.stdin.buffer, STDIN_NAME)
        elif os.path.isdir(path):
            yield from read_directory(path)
        else:
            yield from read_file(path)


def read_directory(root: str) -> Iterator[Article | Skipped]:
    """The articles in the files under `root`, in sorted order."""
    problems: list[OSError] = []
    paths = sorted(_walk(root, problems.append))
    for problem in problems:
        yield Skipped(
            problem.filename or root, f"cannot list directory: {_describe_os_error(problem)}"
        )
    found = False
    for path in paths:
        name = os.path.basename(path).lower()
        if name.split(".")[0] in DOCUMENTATION_NAMES:
            continue
        found = True
        if not os.path.isfile(path):
            yield Skipped(path, "broken link" if os.path.islink(path) else "not a regular file")
        elif _file_format(path) is None:
            yield Skipped(path, f"unsupported file type {_extension(path)}")
        else:
            yield from read_file(path)
    if not found and not problems:
        yield Skipped(root, "no article files found")


def read_file(path: str) -> Iterator[Article | Skipped]:
    """The articles in one file, whose extension says its format."""
    readers = {
        TEXT: _read_text_file,
        HTML: _read_html_file,
        JSON_LINES: _read_json_lines_file,
        JSON: _read_json_file,
        WARC: _read_warc_file,
    }
    format = _file_format(path)
    reader = readers[format] if format else _read_other_file
    try:
        yield from reader(path)
    except NotText as error:
        yield Skipped(path, str(error))
    except OSError as error:
        yield Skipped(path, _describe_os_error(error))


def read_json_lines(stream: BinaryIO, name: str) -> Iterator[Article | Skipped]:
    """One article per line of `stream`; a bad line is skipped with its line number."""
    try:
        _check_head(stream)
    except NotText as error:
        yield Skipped(name, str(error))
        return
    offset = 0
    seen_content = False
    for number, raw in enumerate(stream, start=1):
        start = offset
        offset += len(raw)
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
            start += len(codecs.BOM_UTF8)
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            seen_content = True
            yield Skipped(name, f"line {number}: {describe_decode_error(error, start)}", number)
            continue
        if not line.strip():
            continue
        seen_content = True
        try:
            text, fields = parse_line(line.rstrip("\r\n"))
        except BadRecord as error:
            yield Skipped(name, f"line {number}: {error}", number)
            continue
        yield build_article(text, path=name, **fields)
    if not seen_content:
        yield Skipped(name, "empty file" if offset == 0 else "no JSON lines (blank lines only)")


def build_article(
    text: str,
    *,
    id: str | None = None,
    url: str | None = None,
    title: str | None = None,
    publisher: str | None = None,
    published: str | None = None,
    author: str | None = None,
    path: str | None = None,
) -> Article:
    """An Article with a stable id and its page furniture marked."""
    return Article(
        id=article_id(text, id=id, url=url),
        text=text,
        title=title,
        url=url,
        publisher=publisher,
        published=published,
        author=author,
        path=path,
        ignored=find_furniture(text),
    )


def article_id(text: str, id: str | None = None, url: str | None = None) -> str:
    """The given `id`; else `url-` and a hash of the normalized URL; else `sha-` and a hash
    of the text. The same article gets the same id on every run."""
    if id:
        return id
    if url:
        return "url-" + _short_hash(normalize_url(url).encode("utf-8"))
    return "sha-" + _short_hash(text.encode("utf-8", "surrogatepass"))


def normalize_url(url: str) -> str:
    """`url` with its scheme and host lowercased, and no fragment or trailing slash."""
    parts = urlsplit(url.strip())
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), parts.query, "")
    )


def _read_text_file(path: str) -> Iterator[Article]:
    with open(path, "rb") as file:
        data = file.read()
    yield _text_article(decode_text(data), path)


def _read_other_file(path: str) -> Iterator[Article]:
    """A file with an unknown extension: plain text if it is UTF-8 text."""
    with open(path, "rb") as file:
        data = file.read()
    try:
        text = decode_text(data)
    except NotText:
        if data.strip():
            raise NotText(f"unsupported file type {_extension(path)}") from None
        raise
    yield _text_article(text, path)


def _text_article(text: str, path: str) -> Article:
    return build_article(text, title=find_title(text), published=find_dateline(text), path=path)


def _read_html_file(path: str) -> Iterator[Article | Skipped]:
    problem = size_problem(os.path.getsize(path))
    if problem:
        yield Skipped(path, problem)
        return
    with open(path, "rb") as file:
        html = file.read()
    if not html.strip():
        raise NotText("empty file")
    check_not_binary(html)
    page = extract_page(html)
    if page is None:
        yield Skipped(path, "no article text found")
    else:
        yield _page_article(page, path)


def _page_article(page: WebPage, path: str, url: str | None = None) -> Article:
    """The article of a web page; `url` (where it was fetched from) wins over the page's own."""
    return build_article(
        page.text,
        url=url or page.url,
        title=page.title,
        publisher=page.publisher,
        published=page.published,
        author=page.author,
        path=path,
    )


def _read_json_lines_file(path: str) -> Iterator[Article | Skipped]:
    with open(path, "rb") as file:
        yield from read_json_lines(file, path)


def _read_json_file(path: str) -> Iterator[Article | Skipped]:
    """JSON Lines, or a JSON array of article objects (read whole)."""
    with open(path, "rb") as file:
        if not file.peek(SNIFF_BYTES).removeprefix(codecs.BOM_UTF8).lstrip().startswith(b"["):
            yield from read_json_lines(file, path)
            return
        data = file.read()
    try:
        items = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise NotText(describe_decode_error(error)) from None
    except json.JSONDecodeError as error:
        yield Skipped(path, f"line {error.lineno}: invalid JSON: {error.msg}", error.lineno)
        return
    for number, item in enumerate(items, start=1):
        try:
            text, fields = article_fields(item)
            yield build_article(text, path=path, **fields)
        except BadRecord as error:
            yield Skipped(path, f"item {number}: {error}")


def _read_warc_file(path: str) -> Iterator[Article | Skipped]:
    if os.path.getsize(path) == 0:
        raise NotText("empty file")
    try:
        for archived in read_warc(path):
            where = archived.url or f"record {archived.record_number}"
            problem = size_problem(len(archived.html))
            page = None if problem else extract_page(archived.html, url=archived.url)
            if page is None:
                yield Skipped(path, f"{where}: {problem or 'no article text found'}")
            else:
                yield _page_article(page, path, url=archived.url)
    except CorruptWarc as error:
        yield Skipped(path, str(error))


def _check_head(stream: BinaryIO) -> None:
    """Raise NotText if the stream starts with binary data (peeking, not consuming)."""
    peek = getattr(stream, "peek", None)
    if peek is not None:
        check_not_binary(peek(SNIFF_BYTES)[:SNIFF_BYTES])


def _walk(root: str, on_error) -> Iterator[str]:
    for directory, subdirectories, files in os.walk(root, onerror=on_error):
        subdirectories[:] = [name for name in subdirectories if not name.startswith(".")]
        yield from (os.path.join(directory, name) for name in files if not name.startswith("."))


def _file_format(path: str) -> str | None:
    name = os.path.basename(path).lower()
    for suffix, format in FORMATS.items():
        if name.endswith(suffix):
            return format
    return None if _extension(path) else TEXT


def _extension(path: str) -> str:
    return os.path.splitext(os.path.basename(path))[1].lower()


def _short_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:ID_HEX_DIGITS]


def _describe_os_error(error: OSError) -> str:
    reason = error.strerror or str(error) or type(error).__name__
    return reason[:1].lower() + reason[1:]
