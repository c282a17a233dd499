from __future__ import annotations

import io
import json
import os
import sys
import threading
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from quotes.reading.corpus import PassedOver, Skipped, article_id, read_articles, read_json_lines
from quotes.reading.html import MAX_PAGE_BYTES
from quotes.records import Article

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "seed-blinken-china-2023-06-19.txt"
FERRY_HTML = FIXTURES / "ferry-route.html"
NAV_ONLY_HTML = (
    b"<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>"
)


def read(*paths) -> list[Article | Skipped]:
    return list(read_articles([str(path) for path in paths]))


def only(items: list, kind: type):
    assert len(items) == 1, items
    assert isinstance(items[0], kind), items[0]
    return items[0]


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# Plain text


def test_text_file_is_one_article_with_the_text_as_read():
    article = only(read(SEED), Article)
    assert article.text == SEED.read_text(encoding="utf-8")
    assert article.title == "Top US diplomat to meet Chinese President in bid to ease tensions"
    assert article.published == "2023-06-19"
    assert article.path == str(SEED)
    assert article.id.startswith("sha-")
    assert article.ignored, "the seed's link list and captions are furniture"


def test_byte_order_mark_is_dropped_and_nothing_else_changes(tmp_path):
    text = "Ferry route approved\r\n\r\n  The council said yes.  \r\n\tTabs stay.\n"
    path = write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + text.encode("utf-8"))
    article = only(read(path), Article)
    assert article.text == text
    assert article.title == "Ferry route approved"


@pytest.mark.parametrize(
    "text, title, published",
    [
        (
            "Ferry route approved\n\n5 March 2024, 10:00\n\nThe council voted.",
            "Ferry route approved",
            "2024-03-05",
        ),
        (
            "Ferry route approved\n\nBy Jane Doe\nMarch 5, 2024\n\nThe council voted.",
            "Ferry route approved",
            "2024-03-05",
        ),
        ("Is the ferry worth it?\n\nThe council voted.", "Is the ferry worth it?", None),
        ("The council voted on Tuesday.\n\nThe ferry will run daily.", None, None),
        ("Ferry route approved\nThe council voted on Tuesday.", None, None),
        ("Ferry route approved\n\n", None, None),
        ('Council leader says:\n\n"We did it."', None, None),
        ("5 March 2024\n\nThe council voted.", None, "2024-03-05"),
        ("Ferry\n\nThe council met.\n\nOn 5 March 2024 it voted.", "Ferry", None),
    ],
)
def test_headline_and_dateline_at_the_top_of_a_text(tmp_path, text, title, published):
    article = only(read(write(tmp_path / "article.txt", text)), Article)
    assert (article.title, article.published) == (title, published)


def test_file_without_extension_is_read_as_text(tmp_path):
    article = only(read(write(tmp_path / "STORY", "The council said yes.")), Article)
    assert article.text == "The council said yes."


def test_named_file_with_unknown_extension_is_read_if_it_is_text(tmp_path):
    article = only(read(write(tmp_path / "story.article", "The council said yes.")), Article)
    assert article.text == "The council said yes."


# HTML


def test_html_page_gives_main_text_in_paragraphs_and_metadata():
    article = only(read(FERRY_HTML), Article)
    assert article.title == "Harbour council approves ferry route to Merrow"
    assert article.url == "https://news.example.org/2024/03/harbour-ferry-route/"
    assert article.author == "Jane Doe"
    assert article.published == "2024-03-05"
    assert article.publisher == "Test Gazette"
    assert article.id == article_id("", url="https://news.example.org/2024/03/harbour-ferry-route")
    paragraphs = article.text.split("\n\n")
    assert paragraphs[1] == (
        "The harbour council voted on Tuesday to approve a ferry route between the old town"
        " and the island of Merrow."
    )
    assert (
        "“This is a day the island has waited for,” said council leader Maria Okafor."
        in paragraphs[2]
    )
    assert "Opponents said the cost was too high.\nThey will ask for a review." in paragraphs
    for furniture in ("Home", "Most read", "Lifeboat crew", "Copyright"):
        assert furniture not in article.text


def test_malformed_html_still_gives_its_text(tmp_path):
    html = "<html><body><div><p>The mayor said the <b>budget would rise <p>by four per cent</div>"
    article = only(read(write(tmp_path / "broken.html", html)), Article)
    assert "The mayor said the budget would rise" in article.text


def test_html_in_a_declared_legacy_encoding_is_decoded(tmp_path):
    html = (
        '<html><head><meta charset="windows-1252"><title>Café vote</title></head><body>'
        "<article><p>“We will keep the café open,” the mayor said on Tuesday.</p></article>"
        "</body></html>"
    )
    article = only(read(write(tmp_path / "cafe.html", html.encode("cp1252"))), Article)
    assert article.text == "“We will keep the café open,” the mayor said on Tuesday."
    assert article.title == "Café vote"


def test_html_without_article_text_is_skipped(tmp_path):
    path = write(tmp_path / "menu.html", NAV_ONLY_HTML)
    assert read(path) == [Skipped(str(path), "no article text found")]


def test_huge_html_page_is_skipped_without_reading_it(tmp_path):
    path = tmp_path / "huge.html"
    with open(path, "wb") as file:
        file.truncate(MAX_PAGE_BYTES + 1)
    assert read(path) == [Skipped(str(path), "page too large (10.0 MB, the limit is 10 MB)")]


# JSON Lines


def test_json_lines_give_one_article_per_line():
    first, second, third = read(FIXTURES / "articles.jsonl")
    assert first == Article(
        id="gazette-001",
        text="Two kayakers were rescued off Merrow Point on Wednesday.\n\n"
        "“They did everything right,” said coxswain Ana Ruiz.",
        title="Lifeboat crew rescues two kayakers",
        url="https://news.example.org/2024/03/lifeboat/",
        publisher="Test Gazette",
        published="2024-03-06",
        author="Sam Patel",
        path=str(FIXTURES / "articles.jsonl"),
    )
    assert second.id == article_id("", url="https://news.example.org/2024/03/robotics")
    assert second.published == "2024-03-07"
    assert third.id == article_id(third.text)
    assert third.title is None and third.url is None


def test_integer_id_becomes_a_string(tmp_path):
    article = only(
        read(write(tmp_path / "a.jsonl", '{"id": 17, "text": "He said so."}\n')), Article
    )
    assert article.id == "17"


def test_blank_lines_and_windows_line_endings_in_json_lines(tmp_path):
    path = write(tmp_path / "a.jsonl", '\r\n{"text": "One."}\r\n\r\n   \r\n{"text": "Two."}\r\n')
    assert [item.text for item in read(path)] == ["One.", "Two."]


@pytest.mark.parametrize(
    "bad_line, reason",
    [
        (b'{"text": "a" "id": 1}', "invalid JSON: Expecting ',' delimiter (column 14)"),
        (b'{"text": "unterminated', "invalid JSON: Unterminated string starting at (column 10)"),
        (b'["text", "an array"]', "expected a JSON object, got an array"),
        (b'"just a string"', "expected a JSON object, got a string"),
        (b'{"title": "No text"}', 'no "text" field'),
        (b'{"text": 42}', '"text" must be a string, not a number'),
        (b'{"text": null}', 'no "text" field'),
        (b'{"text": " \\n "}', '"text" is empty'),
        (b'{"text": "Fine.", "title": ["a"]}', '"title" must be a string, not an array'),
        (
            b'{"text": "Fine.", "id": {"n": 1}}',
            '"id" must be a string or an integer, not an object',
        ),
        (b'{"text": "lone \\ud800 surrogate"}', '"text" has an unpaired surrogate (\\ud800) at 5'),
        (
            b'{"text": "Fine.", "title": "\\udc00"}',
            '"title" has an unpaired surrogate (\\udc00) at 0',
        ),
        (b'{"text": "caf\x93"}', "not UTF-8 text (byte 0x93 at offset 32)"),
    ],
)
def test_bad_json_line_is_skipped_and_reading_goes_on(tmp_path, bad_line, reason):
    path = write(
        tmp_path / "a.jsonl", b'{"text": "First."}\n' + bad_line + b'\n{"text": "Third."}\n'
    )
    first, skipped, third = read(path)
    assert (first.text, third.text) == ("First.", "Third.")
    assert skipped == Skipped(str(path), f"line 2: {reason}", line=2)


def test_json_array_file(tmp_path):
    path = write(
        tmp_path / "a.json", '[{"text": "One."}, {"title": "No text"}, {"text": "Three."}]'
    )
    one, skipped, three = read(path)
    assert (one.text, three.text) == ("One.", "Three.")
    assert skipped == Skipped(str(path), 'item 2: no "text" field')


def test_json_file_with_one_object_per_line(tmp_path):
    path = write(tmp_path / "a.json", '{"text": "One."}\n{"text": "Two."}\n')
    assert [item.text for item in read(path)] == ["One.", "Two."]


def test_broken_json_array_is_skipped(tmp_path):
    path = write(tmp_path / "a.json", '[{"text": "One."},\n {"text": "Two."]')
    assert read(path) == [Skipped(str(path), "line 2: invalid JSON: Expecting ',' delimiter", 2)]


def test_dash_reads_json_lines_from_stdin(monkeypatch):
    data = b'{"text": "From a pipe."}\nnot json\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    article, skipped = read("-")
    assert (article.text, article.path) == ("From a pipe.", "<stdin>")
    assert skipped.path == "<stdin>" and skipped.line == 2


# Bad input, each a one-line reason


def test_missing_path_is_skipped(tmp_path):
    path = tmp_path / "nowhere.txt"
    assert read(path) == [Skipped(str(path), "no such file or directory")]


@pytest.mark.parametrize("name", ["data.txt", "data.jsonl", "data.html", "data"])
def test_binary_file_is_skipped(tmp_path, name):
    path = write(tmp_path / name, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert read(path) == [Skipped(str(path), "binary file")]


def test_utf16_file_is_skipped_with_advice(tmp_path):
    path = write(tmp_path / "a.txt", "The council said yes.".encode("utf-16"))
    assert read(path) == [Skipped(str(path), "UTF-16 text: convert it to UTF-8")]


def test_text_that_is_not_utf8_is_skipped_with_the_offending_byte(tmp_path):
    path = write(tmp_path / "a.txt", b"x" * 1200 + "\u201cQuoted\u201d".encode("cp1252"))
    assert read(path) == [Skipped(str(path), "not UTF-8 text (byte 0x93 at offset 1200)")]


@pytest.mark.parametrize("name", ["a.txt", "a.jsonl", "a.json", "a.html", "a.warc", "a.warc.gz"])
def test_empty_file_is_skipped(tmp_path, name):
    path = write(tmp_path / name, b"")
    assert read(path) == [Skipped(str(path), "empty file")]


def test_whitespace_only_text_is_skipped(tmp_path):
    path = write(tmp_path / "a.txt", " \n\n\t\n")
    assert read(path) == [Skipped(str(path), "no text (whitespace only)")]


def test_json_lines_file_of_blank_lines_is_skipped(tmp_path):
    path = write(tmp_path / "a.jsonl", "\n\n  \n")
    assert read(path) == [Skipped(str(path), "no JSON lines (blank lines only)")]


def test_named_file_of_unsupported_type_is_skipped(tmp_path):
    path = write(tmp_path / "photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert read(path) == [Skipped(str(path), "unsupported file type .png")]


# Directories


def test_directory_is_read_recursively_in_sorted_order(tmp_path):
    write(tmp_path / "b.txt", "Bee said so.")
    write(tmp_path / "a.jsonl", '{"text": "Ay said so."}\n{"text": "Ay again."}\n')
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "c.html", FERRY_HTML.read_bytes())
    write(tmp_path / ".hidden.txt", "Hidden.")
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".git" / "d.txt", "Hidden too.")
    write(tmp_path / "README.md", "About these articles.")
    write(tmp_path / "photo.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    write(tmp_path / "notes.md", "Notes.")
    passed_over, *items = read(tmp_path)
    assert passed_over == PassedOver(str(tmp_path / "README.md"), "documentation, not an article")
    assert [item.path for item in items] == [
        str(tmp_path / name)
        for name in ["a.jsonl", "a.jsonl", "b.txt", "notes.md", "photo.png", "sub/c.html"]
    ]
    assert items[3] == Skipped(str(tmp_path / "notes.md"), "unsupported file type .md")
    assert items[4] == Skipped(str(tmp_path / "photo.png"), "unsupported file type .png")
    assert items[5].title == "Harbour council approves ferry route to Merrow"


def test_empty_directory_is_skipped(tmp_path):
    (tmp_path / "empty").mkdir()
    assert read(tmp_path / "empty") == [Skipped(str(tmp_path / "empty"), "no article files found")]


def test_broken_link_in_a_directory_is_skipped(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    assert read(tmp_path) == [Skipped(str(tmp_path / "gone.txt"), "broken link")]


# WARC


def warc_bytes(records: list[tuple[str, str, str, bytes]], gzip: bool) -> bytes:
    """A WARC of HTTP responses: (url, status, content type, body) each."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for url, status, content_type, body in records:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=headers
        )
        writer.write_record(record)
    return buffer.getvalue()


FERRY_URL = "https://archive.example.org/ferry"
SECOND_HTML = (
    b"<html><head><title>Lifeboat rescue</title></head><body><article><h1>Lifeboat rescue</h1>"
    b"<p>Two kayakers were rescued off Merrow Point on Wednesday, the coastguard said.</p>"
    b"</article></body></html>"
)


@pytest.mark.parametrize("name, gzip", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc_html_responses_become_articles(tmp_path, name, gzip):
    records = [
        (FERRY_URL, "200 OK", "text/html; charset=utf-8", FERRY_HTML.read_bytes()),
        ("https://archive.example.org/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n"),
        ("https://archive.example.org/gone", "404 Not Found", "text/html", SECOND_HTML),
        ("https://archive.example.org/menu", "200 OK", "text/html", NAV_ONLY_HTML),
        ("https://archive.example.org/lifeboat", "200 OK", "text/html", SECOND_HTML),
    ]
    path = write(tmp_path / name, warc_bytes(records, gzip))
    ferry, menu, lifeboat = read(path)
    assert ferry.url == FERRY_URL
    assert ferry.id == article_id("", url=FERRY_URL)
    assert ferry.title == "Harbour council approves ferry route to Merrow"
    assert ferry.text == only(read(FERRY_HTML), Article).text
    assert menu == Skipped(str(path), "https://archive.example.org/menu: no article text found")
    assert lifeboat.text.endswith(
        "Two kayakers were rescued off Merrow Point on Wednesday, the coastguard said."
    )


@pytest.mark.parametrize("name, gzip", [("crawl.warc", False), ("crawl.warc.gz", True)])
@pytest.mark.parametrize("cut", [0.6, 0.8, 0.95])
def test_truncated_warc_gives_the_articles_before_the_cut(tmp_path, name, gzip, cut):
    records = [
        (FERRY_URL, "200 OK", "text/html", FERRY_HTML.read_bytes()),
        ("https://archive.example.org/lifeboat", "200 OK", "text/html", SECOND_HTML),
    ]
    data = warc_bytes(records, gzip)
    first_record_size = len(warc_bytes(records[:1], gzip))
    cut_at = first_record_size + int((len(data) - first_record_size) * cut)
    path = write(tmp_path / name, data[:cut_at])
    ferry, skipped = read(path)
    assert ferry.url == FERRY_URL
    assert isinstance(skipped, Skipped) and skipped.path == str(path)
    assert "truncated" in skipped.reason or "cut off" in skipped.reason


def test_huge_page_in_a_warc_is_skipped(tmp_path, monkeypatch):
    monkeypatch.setattr("quotes.reading.html.MAX_PAGE_BYTES", len(SECOND_HTML))
    records = [
        (FERRY_URL, "200 OK", "text/html", FERRY_HTML.read_bytes()),
        ("https://archive.example.org/lifeboat", "200 OK", "text/html", SECOND_HTML),
    ]
    path = write(tmp_path / "crawl.warc.gz", warc_bytes(records, gzip=True))
    skipped, lifeboat = read(path)
    assert skipped.reason.startswith(f"{FERRY_URL}: page too large (")
    assert lifeboat.title == "Lifeboat rescue"


def test_file_that_is_not_a_warc_is_skipped(tmp_path):
    path = write(tmp_path / "fake.warc", "This is not an archive.\n")
    skipped = only(read(path), Skipped)
    assert skipped.reason.startswith("not a WARC file")


# Ids


def test_ids_do_not_change_between_runs_or_machines():
    assert article_id("The council said yes.") == "sha-d3a9f808f7d9"
    assert article_id("", url="https://example.org/news/ferry") == "url-1d0b35e8f78e"


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/news/ferry",
        "https://example.org/news/ferry/",
        "HTTPS://Example.ORG/news/ferry#comments",
        " https://example.org/news/ferry ",
    ],
)
def test_urls_that_name_the_same_page_give_the_same_id(url):
    assert article_id("any text", url=url) == article_id(
        "other text", url="https://example.org/news/ferry"
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/news/Ferry",
        "https://example.org/news/ferry?page=2",
        "http://example.org/x",
    ],
)
def test_different_pages_give_different_ids(url):
    assert article_id("", url=url) != article_id("", url="https://example.org/news/ferry")


def test_given_id_is_kept():
    assert article_id("text", id="my-id", url="https://example.org/") == "my-id"


def test_reading_twice_gives_the_same_ids():
    paths = [SEED, FERRY_HTML, FIXTURES / "articles.jsonl"]
    assert [item.id for item in read(*paths)] == [item.id for item in read(*paths)]


# Streaming and size


def test_long_json_lines_file_is_read_to_the_end(tmp_path):
    lines = [json.dumps({"text": f"Line {n} said something."}) for n in range(1, 10_000)]
    path = write(tmp_path / "long.jsonl", "\n".join(lines) + "\n{broken\n")
    items = read(path)
    assert len(items) == 10_000
    assert items[9_998].text == "Line 9999 said something."
    assert items[-1].line == 10_000


def test_json_lines_are_yielded_before_the_input_is_complete():
    reading, writing = os.pipe()
    first_article_arrived = threading.Event()
    writer_waited = []

    def writer():
        with open(writing, "w", encoding="utf-8") as pipe:
            pipe.write('{"text": "Line 1."}\n')
            pipe.flush()
            writer_waited.append(first_article_arrived.wait(timeout=10))
            pipe.writelines(json.dumps({"text": f"Line {n}."}) + "\n" for n in range(2, 10_001))

    thread = threading.Thread(target=writer)
    thread.start()
    with open(reading, "rb") as stream:
        items = read_json_lines(stream, "<pipe>")
        first = next(items)
        first_article_arrived.set()
        rest = list(items)
    thread.join()
    assert writer_waited == [True], "the first article only came after the whole input"
    assert first.text == "Line 1."
    assert len(rest) == 9_999


@pytest.mark.slow
def test_50_mb_text_is_one_article(tmp_path):
    paragraph = "The council said the ferry would run every day of the year, weather allowing. " * 4
    data = (
        "Huge report\n\n" + (paragraph + "\n\n") * (50_000_000 // (len(paragraph) + 2))
    ).encode()
    path = write(tmp_path / "huge.txt", data)
    article = only(list(read_articles([str(path)], max_chars=None)), Article)
    assert len(article.text) == len(data) >= 49_000_000
    assert article.title == "Huge report"
    assert article.ignored == []
