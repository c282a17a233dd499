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
text. Directories are read recursively in sorted order; hidden files are left out, and
documentation by name and type (`README.md`, `LICENSE`, `NOTICE.txt`: see
`is_documentation`) is passed over with a `PassedOver` record; files with other extensions
are reported. A path that is not a regular file (a named pipe, a device) is refused, never
opened: reading it could wait forever.

Texts longer than `max_chars` are skipped with the reason, without reading more of them
than needed to know (a file's size, a JSON line's length).
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO
from urllib.parse import urlsplit, urlunsplit

from quotes.limits import MAX_CHARS
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
DOCUMENTATION = re.compile(
    r"(readme|license|licence|copying|notice|attribution|authors|contributors|changelog|changes"
    r"|history)([-_][a-z0-9]{1,12})?(\.(md|markdown|rst|txt|text))?")
"""The names of documentation files: a documentation word, perhaps one short tag
(`LICENSE-MIT`, `README_dev`), and no extension or a documentation one.
`changelog.blog.budget-vote.html` and `history-of-the-ferry.txt` are articles."""

MAX_BYTES_PER_CHAR = 4
"""UTF-8 takes at most 4 bytes a character: a larger file is too long without reading it."""
MAX_JSON_BYTES_PER_CHAR = 12
"""JSON escapes take at most 12 bytes a character (a surrogate pair, `\\ud83d\\ude00`)."""
JSON_FIELDS_BYTES = 1_000_000
"""Room for the other fields of a JSON line (title, URL, ...)."""

ID_HEX_DIGITS = 12


@dataclass(frozen=True)
class Skipped:
    """Input that could not be read as an article, and why (one line, for the user)."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class PassedOver(Skipped):
    """A file in a folder that is not meant as an article (documentation): not an error."""


def read_articles(paths: Iterable[str | os.PathLike[str]],
                  max_chars: int | None = MAX_CHARS) -> Iterator[Article | Skipped]:
    """The articles in `paths` (files, directories, or "-" for JSON Lines on stdin), one at
    a time, with a `Skipped` record for each piece of input that cannot be read or whose
    text is longer than `max_chars` characters (None: no limit)."""
    for path in paths:
        path = os.fspath(path)
        if path == STDIN:
            items = read_json_lines(sys.stdin.buffer, STDIN_NAME, max_chars)
        elif os.path.isdir(path):
            items = read_directory(path, max_chars)
        else:
            items = read_file(path, max_chars)
        for item in items:
            yield _too_long(item, max_chars) or item


def _too_long(item: Article | Skipped, max_chars: int | None) -> Skipped | None:
    if isinstance(item, Skipped) or max_chars is None or len(item.text) <= max_chars:
        return None
    return Skipped(item.path or item.id, f"article {item.id}: {too_long(len(item.text), max_chars)}")


def too_long(chars: int, max_chars: int, unit: str = "characters") -> str:
    """Why a text of `chars` characters (or bytes: `unit`) is skipped."""
    return (f"too long to be a news article ({chars:,} {unit}, the limit is {max_chars:,}"
            " characters: --max-chars)")


def is_documentation(name: str) -> bool:
    """Is a file of this name documentation (README.md, LICENSE, NOTICE.txt, CHANGELOG.rst)?"""
    return DOCUMENTATION.fullmatch(name.lower()) is not None


def not_regular(path: str) -> str | None:
    """Why `path` is not a file to read (a named pipe, a device, a socket), or None.

    A missing path is left to the reader, which says so."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return "broken link" if os.path.islink(path) else None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    kinds = {stat.S_ISFIFO: "a named pipe (FIFO)", stat.S_ISCHR: "a character device",
             stat.S_ISBLK: "a block device", stat.S_ISSOCK: "a socket"}
    kind = next((name for test, name in kinds.items() if test(mode)), "a special file")
    hint = ": give - to read standard input" if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) else ""
    return f"not a regular file, {kind}, not read{hint}"


def read_directory(root: str, max_chars: int | None = MAX_CHARS) -> Iterator[Article | Skipped]:
    """The articles in the files under `root`, in sorted order."""
    problems: list[OSError] = []
    paths = sorted(_walk(root, problems.append))
    for problem in problems:
        yield Skipped(
            problem.filename or root, f"cannot list directory: {_describe_os_error(problem)}"
        )
    found = False
    for path in paths:
        if is_documentation(os.path.basename(path)):
            yield PassedOver(path, "documentation, not an article")
            continue
        found = True
        refusal = not_regular(path)
        if refusal is not None:
            yield Skipped(path, refusal)
        elif _file_format(path) is None:
            yield Skipped(path, f"unsupported file type {_extension(path)}")
        else:
            yield from read_file(path, max_chars)
    if not found and not problems:
        yield Skipped(root, "no article files found")


def read_file(path: str, max_chars: int | None = MAX_CHARS) -> Iterator[Article | Skipped]:
    """The articles in one file, whose extension says its format; a path that is not a
    regular file is refused without being opened."""
    problem = not_regular(path)
    if problem is not None:
        yield Skipped(path, problem)
        return
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
        yield from reader(path, max_chars)
    except NotText as error:
        yield Skipped(path, str(error))
    except OSError as error:
        yield Skipped(path, _describe_os_error(error))


def read_json_lines(stream: BinaryIO, name: str,
                    max_chars: int | None = MAX_CHARS) -> Iterator[Article | Skipped]:
    """One article per line of `stream`; a bad line is skipped with its line number, and
    a line too long to hold an article of `max_chars` characters is not read whole."""
    try:
        _check_head(stream)
    except NotText as error:
        yield Skipped(name, str(error))
        return
    limit = None if max_chars is None else max_chars * MAX_JSON_BYTES_PER_CHAR + JSON_FIELDS_BYTES
    offset = 0
    seen_content = False
    for number, (raw, size) in enumerate(_bounded_lines(stream, limit), start=1):
        start = offset
        offset += size
        if raw is None:
            seen_content = True
            yield Skipped(name, f"line {number}: {too_long(size, max_chars or 0, 'bytes')}", number)
            continue
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


def _bounded_lines(stream: BinaryIO, limit: int | None) -> Iterator[tuple[bytes | None, int]]:
    """Each line of `stream` with its size in bytes; a line longer than `limit` bytes is
    None, read past in pieces of `limit`."""
    while raw := stream.readline(-1 if limit is None else limit + 1):
        if limit is None or len(raw) <= limit or raw.endswith(b"\n"):
            yield raw, len(raw)
            continue
        size = len(raw)
        while raw and not raw.endswith(b"\n"):
            raw = stream.readline(limit)
            size += len(raw)
        yield None, size


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


def _read_text_file(path: str, max_chars: int | None) -> Iterator[Article | Skipped]:
    problem = _size_problem(path, max_chars)
    if problem:
        yield Skipped(path, problem)
        return
    with open(path, "rb") as file:
        data = file.read()
    yield _text_article(decode_text(data), path)


def _size_problem(path: str, max_chars: int | None) -> str | None:
    """Why a text file is too long without reading it (more bytes than `max_chars`
    characters could take), or None."""
    size = os.path.getsize(path)
    if max_chars is None or size <= max_chars * MAX_BYTES_PER_CHAR:
        return None
    return too_long(size, max_chars, "bytes")


def _read_other_file(path: str, max_chars: int | None) -> Iterator[Article | Skipped]:
    """A file with an unknown extension: plain text if it is UTF-8 text."""
    problem = _size_problem(path, max_chars)
    if problem:
        yield Skipped(path, problem)
        return
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


def _read_html_file(path: str, max_chars: int | None) -> Iterator[Article | Skipped]:
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


def _read_json_lines_file(path: str, max_chars: int | None) -> Iterator[Article | Skipped]:
    with open(path, "rb") as file:
        yield from read_json_lines(file, path, max_chars)


def _read_json_file(path: str, max_chars: int | None) -> Iterator[Article | Skipped]:
    """JSON Lines, or a JSON array of article objects (read whole)."""
    with open(path, "rb") as file:
        if not file.peek(SNIFF_BYTES).removeprefix(codecs.BOM_UTF8).lstrip().startswith(b"["):
            yield from read_json_lines(file, path, max_chars)
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


def _read_warc_file(path: str, max_chars: int | None) -> Iterator[Article | Skipped]:
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
