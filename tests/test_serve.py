"""`quotes serve`: Datasette over the store, with metadata, templates and the plugin."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from datasette.app import Datasette
from sample_records import ministry_article, talks_article

from quotes.cli import cli
from quotes.store.database import Store, StoreError
from quotes.web.serve import TEMPLATES_DIR, ServeError, make_datasette, register_plugin

REPO = Path(__file__).resolve().parent.parent
JUNCTURES = "the junctures ahead would test both countries"


def make_db(path: Path) -> str:
    with Store(path) as store:
        store.save(*talks_article())
        store.save(*ministry_article())
    return str(path)


@pytest.fixture
def db_path(tmp_path: Path) -> str:
    return make_db(tmp_path / "quotes.db")


@pytest.fixture
def datasette(db_path: str):
    return make_datasette(db_path)


def get(datasette, path: str):
    """Request `path` through Datasette's test client, without a server."""
    response = asyncio.run(datasette.client.get(path))
    assert response.status_code == 200, f"{path}: {response.status_code}"
    return response


def test_home_page_offers_quote_search_and_counts(datasette):
    html = get(datasette, "/").text
    assert '<form class="quotes-search" action="/quotes/quotes_view" method="get" role="search">' in html
    assert " ".join(html.split()).count("4 quotes by 3 speakers in 2 articles") == 1
    assert "Who said what in the news" in html


def test_home_page_counts_in_the_singular(tmp_path: Path):
    with Store(tmp_path / "quotes.db") as store:
        article, quotes = talks_article()
        store.save(article, quotes[:1])
    html = get(make_datasette(str(tmp_path / "quotes.db")), "/").text
    assert "1 quote by 1 speaker in 1 article:" in " ".join(html.split())


def test_quotes_table_shows_speaker_names_and_facets(datasette):
    html = get(datasette, "/quotes/quotes").text
    assert JUNCTURES in html
    assert '<a href="/quotes/speakers/1">Antony Blinken</a>' in html
    assert 'id="facet-speaker_id"' in html and 'id="facet-type"' in html


@pytest.mark.parametrize("table", ["quotes", "quotes_view"])
@pytest.mark.parametrize("query", ["juncture", "junctures"])
def test_full_text_search_finds_the_quote(datasette, table: str, query: str):
    found = get(datasette, f"/quotes/{table}.json?_search={query}&_shape=array").json()
    assert [row["text"] for row in found] == [JUNCTURES]
    text = re.sub(r"<[^>]+>", "", get(datasette, f"/quotes/{table}?_search={query}").text)
    assert JUNCTURES in text and "critical moment" not in text


def test_json_export_of_the_browsing_view(datasette):
    found = get(datasette, "/quotes/quotes_view.json?_shape=array").json()
    assert [row["published"] for row in found] == sorted(
        (row["published"] for row in found), reverse=True
    )
    by_text = {row["text"]: row for row in found}
    assert len(by_text) == 4
    nested = by_text["the US stop interfering in its affairs"]
    assert (nested["speaker"], nested["reported_by"]) == ("Wang Yi", "China's foreign ministry")
    assert by_text[JUNCTURES]["article"] == "China demands US stop interfering"


def test_csv_export(datasette):
    lines = get(datasette, "/quotes/quotes_view.csv").text.splitlines()
    assert lines[0].startswith("id,published,speaker,speaker_kind,type,text,")
    assert len(lines) == 5


def test_foreign_keys_are_labelled(datasette):
    rows = get(datasette, "/quotes/quotes.json?_shape=array&_labels=on&type=direct").json()
    [quote] = rows
    assert quote["speaker_id"]["label"] == "Antony Blinken"
    assert quote["article_id"]["label"] == "Blinken arrives in Beijing"


def test_metadata_sorts_and_describes(datasette):
    speakers = get(datasette, "/quotes/speakers.json?_shape=array").json()
    assert next(s["name"] for s in speakers) == "Antony Blinken"  # sorted by quote count
    html = get(datasette, "/quotes/quotes").text
    assert "Offsets are character positions in the article text" in html


def test_metadata_applies_to_a_database_of_another_name(tmp_path: Path):
    datasette = make_datasette(make_db(tmp_path / "news.db"))
    found = get(datasette, "/news/quotes_view.json?_search=juncture&_shape=array").json()
    assert [row["text"] for row in found] == [JUNCTURES]
    assert '<form class="quotes-search" action="/news/quotes_view"' in get(datasette, "/").text


def test_immutable_database(db_path: str):
    datasette = make_datasette(db_path, immutable=True)
    [database] = get(datasette, "/-/databases.json").json()
    assert database["is_mutable"] is False
    found = get(datasette, "/quotes/quotes.json?_search=juncture&_shape=array").json()
    assert [row["text"] for row in found] == [JUNCTURES]


def test_immutable_database_is_not_hashed_whole(db_path: str, monkeypatch):
    def read_everything(path):
        raise AssertionError(f"{path} was read whole")

    monkeypatch.setattr("datasette.database.inspect_hash", read_everything)
    datasette = make_datasette(db_path, immutable=True)
    assert "Search the words of quotes" in get(datasette, "/").text
    [database] = get(datasette, "/-/databases.json").json()
    assert len(database["hash"]) == 64


def test_long_texts_are_left_out_of_listings_and_whole_on_row_pages(tmp_path: Path):
    long_text = talks_article()[0].text + " More words follow here." * 40
    with Store(tmp_path / "quotes.db") as store:
        store.save(*talks_article(long_text))
    datasette = make_datasette(str(tmp_path / "quotes.db"))
    listing = get(datasette, "/quotes/articles").text
    assert "Blinken arrives in Beijing" in listing and "More words follow here." not in listing
    assert get(datasette, "/quotes/articles/talks").text.count("More words follow here.") == 40


@pytest.mark.parametrize(
    "prepare, message",
    [
        (lambda p: None, "no such database; run `quotes ingest` first"),
        (lambda p: p.write_text("hello"), "is not a SQLite database"),
    ],
)
def test_make_datasette_refuses_what_it_cannot_serve(tmp_path: Path, prepare, message):
    path = tmp_path / "quotes.db"
    prepare(path)
    with pytest.raises(StoreError, match=message):
        make_datasette(str(path))


def test_bad_metadata_file(db_path: str, tmp_path: Path):
    metadata = tmp_path / "metadata.yml"
    metadata.write_text("title: [unclosed\n")
    with pytest.raises(ServeError, match="is not valid YAML or JSON metadata"):
        make_datasette(db_path, metadata_path=metadata)


def test_custom_metadata_file(db_path: str, tmp_path: Path):
    metadata = tmp_path / "metadata.json"
    metadata.write_text('{"title": "Newsroom quotes"}')
    datasette = make_datasette(db_path, metadata_path=metadata)
    assert "<h1>Newsroom quotes</h1>" in get(datasette, "/").text


@pytest.mark.parametrize("method, path", [("get", "/no/such/page/here"), ("post", "/quotes/quotes/-/insert")])
def test_an_unknown_address_is_not_found(datasette, method: str, path: str):
    response = asyncio.run(getattr(datasette.client, method)(path))
    assert response.status_code == 404


def test_plugin_ignores_databases_without_quotes(tmp_path: Path):
    other = tmp_path / "notes.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.close()
    register_plugin()
    register_plugin()  # registering twice is harmless
    html = get(Datasette([str(other)], template_dir=str(TEMPLATES_DIR)), "/").text
    assert "/notes/notes" in html
    assert "quotes-search" not in html


# The command


def test_serve_without_a_database_says_to_ingest_first(tmp_path: Path):
    missing = tmp_path / "missing.db"
    result = CliRunner().invoke(cli, ["serve", "--db", str(missing)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: {missing}: no such database; run `quotes ingest` first to create it"
    ]


def test_serve_on_a_port_in_use(db_path: str):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--db", db_path, "--port", str(port)])
    assert result.exit_code == 1
    assert f"Error: cannot listen on 127.0.0.1:{port}: " in result.output
    assert "choose another --port" in result.output


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited with {process.returncode}: {process.stderr.read()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode()
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"{url} did not answer in {seconds}s")


@pytest.mark.slow
def test_real_server_answers_and_stops_cleanly(db_path: str):
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "quotes", "serve", "--db", db_path, "--port", str(port)]
    server = subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        html = wait_for(f"http://127.0.0.1:{port}/", server)
        assert "Search the words of quotes" in html
        server.send_signal(signal.SIGINT)
        _stdout, stderr = server.communicate(timeout=15)
    finally:
        if server.poll() is None:
            server.kill()
            server.communicate()
    assert server.returncode == 0, stderr
    assert f"Serving {db_path} at http://127.0.0.1:{port}/ - press Ctrl+C to stop" in stderr
    assert "Traceback" not in stderr


# Publishing: --public, and --immutable on read-only media


def test_public_mode_turns_sql_off_and_keeps_the_pages(db_path: str):
    datasette = make_datasette(db_path, public=True)
    forbidden = asyncio.run(datasette.client.get("/quotes?sql=select+randomblob(300000000)"))
    assert forbidden.status_code == 403
    assert '<nav aria-label="Site">' in forbidden.text
    where = asyncio.run(datasette.client.get("/quotes/quotes.json?_where=1"))
    assert where.status_code in (400, 403)
    for path in ("/", "/quotes/quotes_view?_search=juncture", "/quotes/quotes/1", "/quotes/speakers",
                 "/quotes/articles", "/quotes/quotes_by_speaker?name=blinken", "/-/check?claim=junctures+ahead",
                 "/quotes/quotes_view.csv?_search=juncture", "/quotes/quotes_view.json"):
        get(datasette, path)
    settings = get(datasette, "/-/settings.json").json()
    assert (settings["default_allow_sql"], settings["max_returned_rows"], settings["allow_download"]) == (False, 1000, False)
    assert asyncio.run(datasette.client.get("/quotes.db")).status_code in (403, 404)


def test_immutable_is_public_unless_asked_otherwise(db_path: str):
    assert get(make_datasette(db_path, immutable=True), "/-/settings.json").json()["default_allow_sql"] is False
    private = make_datasette(db_path, immutable=True, public=False)
    assert get(private, "/-/settings.json").json()["default_allow_sql"] is True
    assert get(make_datasette(db_path), "/-/settings.json").json()["default_allow_sql"] is True


def test_sql_cannot_make_a_huge_value(db_path: str):
    """randomblob(300000000) would take 300 MB and stall every page whatever the time limit."""
    response = asyncio.run(make_datasette(db_path).client.get("/quotes.json?sql=select+randomblob(300000000)"))
    assert response.status_code == 400
    assert "too big" in response.json()["error"]


def read_only_media(db_path: str, command: list[str]) -> tuple[Path, list[str]]:
    """The database in WAL mode, without its -wal and -shm files, where nothing can be
    written, and `command` to run there: for root (whom permissions do not stop), in a
    mount namespace of its own where the folder is mounted read-only, as on a CD."""
    folder = Path(tempfile.mkdtemp(prefix="quotes-ro-"))
    copy = folder / "quotes.db"
    shutil.copy(db_path, copy)
    assert sqlite3.connect(copy).execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    for leftover in ("quotes.db-wal", "quotes.db-shm"):
        (folder / leftover).unlink(missing_ok=True)
    command = [part.replace("{db}", str(copy)) for part in command]
    if os.geteuid() != 0:
        copy.chmod(0o444)
        folder.chmod(0o555)
        return copy, command
    unshare, mount = shutil.which("unshare"), shutil.which("mount")
    probe = subprocess.run([unshare or "unshare", "-m", "true"], capture_output=True, check=False) if unshare else None
    if not (unshare and mount and probe and probe.returncode == 0):
        pytest.skip("needs unshare and mount (util-linux) with the right to make a mount namespace, to mount a folder read-only")
    script = f'mount --bind "{folder}" "{folder}" && mount -o remount,bind,ro "{folder}" && exec "$@"'
    return copy, [unshare, "-m", "sh", "-c", script, "sh", *command]


@pytest.mark.slow
def test_immutable_serves_a_read_only_file_on_read_only_media(db_path: str):
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    copy, command = read_only_media(
        db_path, [sys.executable, "-m", "quotes", "serve", "--db", "{db}", "--immutable", "--port", str(port)]
    )
    server = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        html = wait_for(f"http://127.0.0.1:{port}/", server)
        assert "Search the words of quotes" in html
        for path in ("/quotes/quotes_view?_search=juncture", "/quotes/quotes/1", "/quotes/speakers?q=blinken",
                     "/-/check.json?claim=the+junctures+ahead+would+test"):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
                assert response.status == 200, path
        server.send_signal(signal.SIGINT)
        _stdout, stderr = server.communicate(timeout=15)
    finally:
        if server.poll() is None:
            server.kill()
            server.communicate()
        copy.parent.chmod(0o755)
        shutil.rmtree(copy.parent)
    assert server.returncode == 0, stderr
    assert "(public: no SQL from the address bar)" in stderr


def test_immutable_check_says_what_is_wrong(tmp_path: Path):
    with pytest.raises(StoreError, match="no such database"):
        make_datasette(str(tmp_path / "missing.db"), immutable=True)
    (tmp_path / "notes.db").write_bytes(b"not a database" * 100)
    with pytest.raises(StoreError, match="is not a SQLite database"):
        make_datasette(str(tmp_path / "notes.db"), immutable=True)
    sqlite3.connect(tmp_path / "other.db").execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(StoreError, match="not a quotes database"):
        make_datasette(str(tmp_path / "other.db"), immutable=True)
