"""Web archives: the HTML pages stored in a WARC file (plain or gzipped), read with warcio.

warcio stops quietly at a cut-off file, so this module checks what it does not: every
record must be complete, and nothing may follow the last complete record.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from warcio.recordloader import ArcWarcRecord

# warcio is imported where it is used: it takes 0.4 s, and the command line imports this
# package for its defaults.

HTML_TYPES = ("text/html", "application/xhtml+xml")
READ_SIZE = 1 << 16


class CorruptWarc(ValueError):
    """The archive is cut off or damaged; the message is a short reason for the user."""


@dataclass
class ArchivedPage:
    """An HTML page as archived: where it was fetched from and its (undecoded) bytes."""

    url: str | None
    html: bytes
    record_number: int


def read_warc(path: str) -> Iterator[ArchivedPage]:
    """Each successful (2xx) HTML response or resource in the WARC file at `path`.

    Raises CorruptWarc, after yielding the pages before it, if the file is cut off or
    damaged.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    with open(path, "rb") as raw:
        stream = _CountingReader(gzip.GzipFile(fileobj=raw) if _is_gzip(raw) else raw)
        records = ArchiveIterator(stream)
        number = 0
        try:
            for number, record in enumerate(records, start=1):
                _check_headers(record, number)
                page = _html_page(record, number)
                _consume(record, number)
                if page is not None:
                    yield page
            while stream.read(READ_SIZE):
                pass
        except CorruptWarc:
            raise
        except ArchiveLoadFailed as error:
            problem = str(error).splitlines()[0]
            if number == 0:
                raise CorruptWarc(f"not a WARC file ({problem})") from None
            raise CorruptWarc(f"damaged after record {number} ({problem})") from None
        except Exception:  # noqa: BLE001  warcio fails on some damaged input with any exception type
            where = f"after record {number}" if number else "at the start"
            raise CorruptWarc(f"damaged or cut off {where}") from None
        if records.offset < stream.position:
            raise CorruptWarc(f"incomplete record {number + 1} at the end (truncated file?)")


def _html_page(record: ArcWarcRecord, number: int) -> ArchivedPage | None:
    if record.rec_type not in ("response", "resource"):
        return None
    if record.http_headers is not None:
        status = record.http_headers.get_statuscode() or ""
        content_type = record.http_headers.get_header("Content-Type") or ""
        if not status.startswith("2"):
            return None
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    if not content_type.lower().startswith(HTML_TYPES):
        return None
    html = record.content_stream().read()
    return ArchivedPage(record.rec_headers.get_header("WARC-Target-URI"), html, number)


def _check_headers(record: ArcWarcRecord, number: int) -> None:
    if record.format != "warc":
        raise CorruptWarc("not a WARC file" if number == 1 else f"record {number} is not WARC")
    length = record.rec_headers.get_header("Content-Length") or ""
    if not record.rec_headers.get_header("WARC-Type") or not length.isdigit():
        raise CorruptWarc(f"record {number} has incomplete headers (truncated file?)")


def _consume(record: ArcWarcRecord, number: int) -> None:
    """Read the rest of the record, checking that it is all there."""
    while record.raw_stream.read(READ_SIZE):
        pass
    if record.raw_stream.limit > 0:
        raise CorruptWarc(f"record {number} is cut off (truncated file?)")


def _is_gzip(raw: io.BufferedReader) -> bool:
    return raw.peek(2)[:2] == b"\x1f\x8b"


class _CountingReader(io.RawIOBase):
    """Counts the bytes read, and reports a cut-off gzip stream as CorruptWarc rather than
    as EOFError, which warcio would take for the normal end of the archive."""

    def __init__(self, stream: io.BufferedIOBase):
        self.stream = stream
        self.position = 0

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def readinto(self, buffer) -> int:
        try:
            data = self.stream.read1(len(buffer))  # read() would lose data read before a cut
        except EOFError:
            raise CorruptWarc("the gzip stream is cut off (truncated file?)") from None
        buffer[: len(data)] = data
        self.position += len(data)
        return len(data)
