"""The pages in a real browser: headless Chromium, driven by Selenium, reads `quotes serve`
on 127.0.0.1 and checks what a person sees. A screenshot of each page goes to
test-artifacts/browser/."""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import SEED
from sample_records import documents_article, ministry_article, okafor_articles, talks_article
from web_helpers import SCRIPT, build_db, hostile_article

from quotes.records import Article

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts" / "browser"
CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--window-size=1280,900",
]  # fmt: skip

pytestmark = [pytest.mark.browser, pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)",
)]
webdriver = pytest.importorskip("selenium.webdriver", reason="needs selenium (pip install -e '.[test]')")

from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as shows
from selenium.webdriver.support.ui import WebDriverWait

JUNCTURES = "the junctures ahead would test both countries"


def seed_article(engine):
    """The bundled seed article, through the real extraction pipeline."""
    from quotes.pipeline.extract import extract_articles

    text = SEED.read_text(encoding="utf-8")
    article = Article(
        id="seed", text=text, title=text.splitlines()[0], publisher="Seed Wire",
        published="2023-06-19", url="https://example.org/seed",
    )  # fmt: skip
    [(article, quotes)] = list(extract_articles([article], engine))
    return article, quotes


@pytest.fixture(scope="module")
def db_path(tmp_path_factory, engine) -> str:
    return build_db(
        tmp_path_factory.mktemp("browser") / "quotes.db",
        talks_article(), ministry_article(), hostile_article(), seed_article(engine),
        *okafor_articles(), documents_article(),
    )  # fmt: skip


@pytest.fixture(scope="module")
def server(db_path):
    """`quotes serve` on a free port of 127.0.0.1; yields its address."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "quotes", "serve", "--db", db_path, "--port", str(port)],
        cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    address = f"http://127.0.0.1:{port}"
    try:
        _wait_for(address, process)
        yield address
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


def _wait_for(address: str, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"quotes serve exited with {process.returncode}: {process.stderr.read()}")
        try:
            with urllib.request.urlopen(address, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"quotes serve did not answer at {address} in {seconds}s")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium')}")
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(CHROMEDRIVER))
    driver.implicitly_wait(0)
    yield driver
    driver.quit()


def screenshot(browser, name: str) -> None:
    """Save the whole page, not only the window, as test-artifacts/browser/NAME.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    size = browser.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    clip = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 10_000), "scale": 1}
    shot = browser.execute_cdp_cmd(
        "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip}
    )
    (ARTIFACTS / f"{name}.png").write_bytes(base64.b64decode(shot["data"]))


def wait(browser, selector: str):
    return WebDriverWait(browser, 10).until(
        shows.visibility_of_element_located((By.CSS_SELECTOR, selector))
    )


def texts(browser, selector: str) -> list[str]:
    return [element.text for element in browser.find_elements(By.CSS_SELECTOR, selector)]


def after_content(browser, element) -> str:
    """What CSS shows after `element` (the tooltip of a highlight), as a plain string."""
    content = browser.execute_script(
        "return getComputedStyle(arguments[0], '::after').content", element
    )
    return json.loads(content) if content.startswith('"') else content


def test_home_page(browser, server):
    browser.get(server)
    assert wait(browser, "h1").text == "Quotes"
    assert wait(browser, "#quotes-search-input").is_displayed()
    summary = browser.find_element(By.CSS_SELECTOR, ".quotes-summary").text
    quotes, hidden, speakers = re.match(r"([\d,]+) quotes \(and ([\d,]+) summaries\) by ([\d,]+) speakers in ", summary).groups()
    assert len(texts(browser, ".home-newest .quote-card")) >= 4
    assert not browser.find_elements(By.CSS_SELECTOR, ".home-newest .quote-type-summary")
    assert "Antony Blinken" in texts(browser, ".top-speakers a")
    screenshot(browser, "home")
    browser.find_element(By.LINK_TEXT, "browse quotes").click()
    assert wait(browser, ".listing-summary").text == f"{quotes} quotes, newest first."
    browser.back()
    browser.find_element(By.CSS_SELECTOR, ".quotes-summary .tally-hidden a").click()
    assert wait(browser, ".listing-summary").text == f"{quotes} quotes and {hidden} summaries, newest first."
    browser.get(server)
    wait(browser, ".quotes-summary a[href$='/speakers']").click()
    assert wait(browser, ".listing-summary").text.startswith(f"{speakers} speakers, most quoted first")


def test_the_most_quoted_counts_are_those_of_their_pages(browser, server):
    browser.get(server)
    entries = browser.find_elements(By.CSS_SELECTOR, ".top-speakers li")
    shown = {entry.find_element(By.CSS_SELECTOR, "a").get_attribute("href"): entry.find_element(By.CSS_SELECTOR, ".top-speaker-count").text
             for entry in entries[:4]}  # fmt: skip
    for address, count in shown.items():
        browser.get(address)
        assert wait(browser, ".speaker-counts").text.startswith(count + " in "), address


def test_search_from_the_home_page(browser, server):
    browser.get(server)
    box = wait(browser, "#quotes-search-input")
    box.send_keys("juncture", Keys.RETURN)
    WebDriverWait(browser, 10).until(shows.url_contains("_search=juncture"))
    found = texts(browser, ".quote-card .quote-words")
    assert JUNCTURES in found  # and the seed article's "critical juncture"
    assert all("juncture" in words for words in found)
    assert "Antony Blinken" in texts(browser, "#facet-speaker_id a")
    summary = browser.find_element(By.CSS_SELECTOR, ".listing-summary").text
    assert summary == f"{len(found)} quotes matching \u201cjuncture\u201d, newest first."
    assert browser.find_elements(By.CSS_SELECTOR, ".facet-timeline .timeline-bar")
    screenshot(browser, "search")


def test_quote_page_highlights_exactly_the_quoted_words(browser, server):
    browser.get(f"{server}/quotes/quotes_view?_search=juncture")
    assert texts(browser, ".quote-card[data-quote-id='4'] mark.search-hit") == ["junctures"]
    wait(browser, f".quote-card[data-quote-id='{4}'] .quote-link").click()
    wait(browser, ".quote-paragraph mark")
    marks = browser.find_elements(By.CSS_SELECTOR, ".quote-paragraph mark")
    assert [mark.text for mark in marks] == [JUNCTURES]
    paragraph = browser.find_element(By.CSS_SELECTOR, ".quote-paragraph p").text
    assert paragraph == f"Blinken said {JUNCTURES}."
    background = marks[0].value_of_css_property("background-color")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    screenshot(browser, "quote")


def test_a_quote_in_two_pieces_has_two_highlights(browser, server):
    browser.get(f"{server}/quotes/quotes/1")
    wait(browser, ".quote-paragraph mark")
    assert texts(browser, ".quote-paragraph mark") == [
        "We are at a critical moment,",
        "and we must keep talking.",
    ]
    assert texts(browser, ".quote-paragraph .quote-part-cue") == ["told"]
    assert texts(browser, ".quote-paragraph .quote-part-source") == ["Mr Blinken"]


def test_the_speaker_link_leads_to_the_speaker_page(browser, server):
    browser.get(f"{server}/quotes/quotes/1")
    wait(browser, ".quote-facts .quote-speaker").click()
    assert wait(browser, "h1.speaker-name").text == "Antony Blinken"
    assert browser.current_url == f"{server}/quotes/speakers/1"
    assert "secretary of state" in browser.find_element(By.CSS_SELECTOR, ".speaker-summary").text
    assert {"Blinken", "Mr Blinken"} <= set(texts(browser, ".speaker-alias"))
    assert texts(browser, ".timeline .timeline-label") == ["Jun 23"]
    cards = texts(browser, ".speaker-quotes .quote-card")
    counts = browser.find_element(By.CSS_SELECTOR, ".speaker-counts").text
    assert counts.startswith(f"{len(cards)} quotes (and ") and len(cards) >= 3  # the seed's summary apart
    screenshot(browser, "speaker")
    browser.find_element(By.CSS_SELECTOR, ".speaker-counts .tally-quotes").click()
    listed = wait(browser, ".listing-summary").text
    assert listed == f"{len(cards)} quotes by Antony Blinken, newest first."
    browser.back()
    wait(browser, ".speaker-counts .tally-hidden a").click()
    summaries = int(counts.split("(and ")[1].split()[0])
    listed = wait(browser, ".listing-summary").text
    assert listed == f"{len(cards)} quotes and {summaries} summar{'y' if summaries == 1 else 'ies'} by Antony Blinken, newest first."
    assert len(texts(browser, ".quote-card")) == len(cards) + summaries


def test_article_page_highlights_every_quote_by_speaker(browser, server, db_path):
    browser.get(f"{server}/quotes/articles/seed")
    wait(browser, ".article-text")
    with sqlite3.connect(db_path) as conn:
        stored = conn.execute(
            "SELECT quotes.id, content, name FROM quotes LEFT JOIN speakers"
            " ON speakers.id = speaker_id WHERE article_id = 'seed'"
        ).fetchall()
        text = conn.execute("SELECT text FROM articles WHERE id = 'seed'").fetchone()[0]
    assert len(stored) >= 5, "the seed article has quotes"
    marks = browser.find_elements(By.CSS_SELECTOR, ".article-text mark")
    for quote_id, content, _ in stored:
        pieces = [text[start:end] for start, end in json.loads(content)]
        shown = [
            mark.text for mark in marks if str(quote_id) in mark.get_attribute("data-quote").split()
        ]
        assert " ".join(shown).split() == " ".join(pieces).split(), f"quote {quote_id}"
    colours = {
        mark.get_attribute("data-speaker"): mark.value_of_css_property("background-color")
        for mark in marks
        if len(mark.get_attribute("data-quote").split()) == 1
    }
    assert len(set(colours.values())) >= min(len(colours), 2)
    screenshot(browser, "article")


def test_hovering_or_focusing_a_highlight_names_the_speaker(browser, server):
    browser.get(f"{server}/quotes/articles/ministry")
    first, second = browser.find_elements(By.CSS_SELECTOR, ".article-text mark")
    assert after_content(browser, first) in ("none", "normal")
    ActionChains(browser).move_to_element(first).perform()
    assert after_content(browser, first) == "Wang Yi, reported by China's foreign ministry"
    browser.execute_script("arguments[0].focus()", second.find_element(By.CSS_SELECTOR, "a"))
    assert after_content(browser, second) == "Antony Blinken"
    screenshot(browser, "article-hover")
    legend = [link.get_attribute("href") for link in browser.find_elements(By.CSS_SELECTOR, ".speaker-legend a")]
    assert legend == [f"{server}/quotes/speakers/2", f"{server}/quotes/speakers/1"]


@pytest.mark.parametrize(
    "path, name",
    [
        ("/quotes/articles/x~22~3E~3Cb~3Eid", "hostile-article"),
        ("/quotes/quotes_view?_search=injected", "hostile-search"),
    ],
)
def test_script_in_the_data_shows_as_text_and_never_runs(browser, server, path, name):
    browser.get(server + path)
    body = wait(browser, "section.content").text
    assert SCRIPT in body
    assert browser.execute_script("return window.injected") is None
    with pytest.raises(NoAlertPresentException):
        _ = browser.switch_to.alert.text
    screenshot(browser, name)


def test_an_empty_search_shows_the_quotes_with_a_hint(browser, server):
    browser.get(server)
    wait(browser, "#quotes-search-input").send_keys(Keys.RETURN)
    WebDriverWait(browser, 10).until(shows.url_contains("_search="))
    assert texts(browser, "h1") == ["Quotes"]
    assert len(texts(browser, ".quote-card")) >= 10
    browser.get(f"{server}/quotes/quotes_view?_search=%22")
    assert "Showing all quotes instead." in texts(browser, ".search-hint")
    screenshot(browser, "empty-search")


def test_an_error_page_keeps_the_site(browser, server):
    browser.get(f"{server}/quotes/quotes_view?_sort=nonexistent")
    assert texts(browser, "h1") == ["This address cannot be shown"]
    assert "_sort must be newest, oldest or relevance" in wait(browser, ".error-message").text
    assert [link.text for link in browser.find_elements(By.CSS_SELECTOR, ".site-sections a")] == [
        "Quotes", "Speakers", "Articles", "Check a quote"
    ]
    box = wait(browser, "#error-search-input")
    screenshot(browser, "error")
    box.send_keys("juncture", Keys.RETURN)
    WebDriverWait(browser, 10).until(shows.url_contains("_search=juncture"))
    assert JUNCTURES in texts(browser, ".quote-card .quote-words")


def test_the_check_page_from_a_quote_page(browser, server):
    browser.get(f"{server}/quotes/quotes/4")
    wait(browser, ".check-these-words").click()
    WebDriverWait(browser, 10).until(shows.url_contains("/-/check?claim="))
    verdict = wait(browser, ".check-verdict").text
    assert verdict.startswith("Found: the words are Antony Blinken's")
    assert "this quote is in no other article" in browser.find_element(By.CSS_SELECTOR, ".check-carriers").text.lower()
    screenshot(browser, "check")
    box = browser.find_element(By.CSS_SELECTOR, "#check-claim")
    box.clear()
    box.send_keys("and not", Keys.RETURN)
    WebDriverWait(browser, 10).until(shows.url_contains("claim=and+not"))
    assert wait(browser, ".check-verdict").text.startswith("Too short to check")
    assert not browser.find_elements(By.CSS_SELECTOR, ".check-match")
    screenshot(browser, "check-too-short")


def test_speaker_search_from_the_home_page(browser, server):
    browser.get(server)
    wait(browser, "#speakers-search-input").send_keys("blink", Keys.RETURN)
    WebDriverWait(browser, 10).until(shows.url_contains("q=blink"))
    assert texts(browser, ".speaker-card-name") == ["Antony Blinken"]
    screenshot(browser, "speakers")


def test_a_quote_lands_on_its_passage_in_the_article(browser, server):
    browser.get(f"{server}/quotes/quotes/4")
    wait(browser, "figcaption .quote-article").click()
    WebDriverWait(browser, 10).until(shows.url_contains("#quote-4"))
    target = browser.execute_script("return document.querySelector(':target')")
    assert target is not None and target.text == JUNCTURES
    assert target.value_of_css_property("outline-style") == "solid"
    target.find_element(By.CSS_SELECTOR, "a").click()
    WebDriverWait(browser, 10).until(shows.url_to_be(f"{server}/quotes/quotes/4"))


def test_a_summary_reads_as_what_was_said_about(browser, server):
    browser.get(f"{server}/quotes/quotes_view")
    facet = wait(browser, "#facet-type")
    facet.find_element(By.LINK_TEXT, "summary").click()
    WebDriverWait(browser, 10).until(shows.url_contains("type=summary"))
    heading = wait(browser, ".listing-summary").text
    cards = browser.find_elements(By.CSS_SELECTOR, ".quote-card")
    assert heading.startswith(f"{len(cards)} summar") and cards
    for card in cards:
        assert card.get_attribute("class").split()[-1] == "quote-type-summary"
        words = card.find_element(By.CSS_SELECTOR, ".quote-words").text
        assert words[0] not in "\u201c\"" and words[-1] not in "\u201d\""
        cue = card.find_element(By.CSS_SELECTOR, ".summary-cue").text
        assert words.startswith(cue + " ")
        assert card.find_element(By.CSS_SELECTOR, ".summary-label").text == "summary: what was said about, not the words"
    okafor = [card for card in cards if "Maria Okafor" in card.text]
    assert okafor[0].find_element(By.CSS_SELECTOR, ".quote-words").text == "defended her decision to close the border"
    screenshot(browser, "summaries")
    okafor[0].find_element(By.CSS_SELECTOR, ".quote-link").click()
    assert wait(browser, "h1.quote-heading").text == "Maria Okafor defended her decision to close the border"
    assert not browser.find_elements(By.CSS_SELECTOR, ".check-these-words")
    screenshot(browser, "summary-quote")


def test_roles_with_their_dates_on_the_speaker_page(browser, server):
    browser.get(f"{server}/quotes/speakers?q=okafor")
    wait(browser, ".speaker-card-name a").click()
    assert wait(browser, "h1.speaker-name").text == "Maria Okafor"
    assert texts(browser, ".speaker-roles li") == [
        "President, Ruritania \u2013 19 June 2023 (2 quotes and 1 summary)",
        "finance minister, Ruritania \u2013 14 November 2022 (1 quote)",
    ]
    assert browser.find_element(By.CSS_SELECTOR, ".speaker-counts").text == "3 quotes (and 1 summary) in 2 articles"
    assert len(texts(browser, ".speaker-quotes .quote-card")) == 3
    screenshot(browser, "speaker-roles")


def test_documents_and_words_given_in_them(browser, server):
    browser.get(f"{server}/quotes/speakers")
    wait(browser, "#speaker-kind")
    browser.find_element(By.CSS_SELECTOR, "#speaker-kind option[value=document]").click()
    browser.find_element(By.CSS_SELECTOR, ".speaker-search button").click()
    WebDriverWait(browser, 10).until(shows.url_contains("kind=document"))
    assert texts(browser, ".speaker-card-name") == ["police report"]
    badge = browser.find_element(By.CSS_SELECTOR, ".speaker-card .kind-document")
    assert badge.value_of_css_property("background-color") not in ("rgba(0, 0, 0, 0)", "transparent")
    browser.get(f"{server}/quotes/articles/documents")
    entries = texts(browser, ".article-quotes li")
    assert "Prosecutors, in a complaint, alleges: the driver fled" in entries
    wait(browser, ".article-quotes li:nth-child(2) a").click()
    assert wait(browser, "h1.quote-heading").text == "Prosecutors, in a complaint, alleges"
    screenshot(browser, "via")


def test_a_speaker_card_counts_the_words_they_report(browser, server):
    browser.get(f"{server}/quotes/speakers?q=ministry")
    card = wait(browser, ".speaker-card")
    reports = card.find_element(By.CSS_SELECTOR, ".speaker-card-reports")
    count = reports.find_element(By.CSS_SELECTOR, "a").text
    assert reports.text == f"reports the words of others in {count}"
    screenshot(browser, "reporter")
    reports.find_element(By.CSS_SELECTOR, "a").click()
    assert wait(browser, ".listing-summary").text.startswith(f"{count} reported by ")


def test_the_check_page_includes_summaries_when_ticked(browser, server):
    browser.get(f"{server}/-/check?claim=her+decision+to+close+the+border")
    assert wait(browser, ".check-verdict").text.startswith("Not found")
    box = browser.find_element(By.CSS_SELECTOR, "#check-summaries")
    assert not box.is_selected() and box.is_displayed()
    browser.find_element(By.CSS_SELECTOR, "label[for=check-summaries]").click()
    browser.find_element(By.CSS_SELECTOR, ".check-form input[type=submit]").click()
    WebDriverWait(browser, 10).until(shows.url_contains("types="))
    assert wait(browser, ".check-verdict").text.startswith("Found")
    assert browser.find_element(By.CSS_SELECTOR, "#check-summaries").is_selected()
    assert "closest match is a summary" in browser.find_element(By.CSS_SELECTOR, ".check-summary-note").text
    assert texts(browser, ".check-match .summary-label") == ["summary: what was said about, not the words"]
    screenshot(browser, "check-summaries")


@pytest.fixture
def phone(browser):
    """The browser as a 390 px wide phone."""
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True}
    )
    yield browser
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.mark.parametrize(
    "path, name",
    [("/quotes/quotes_view", "phone-quotes"), ("/", "phone-home"), ("/quotes/who_is_quoted_most", "phone-query"),
     ("/quotes/articles/seed", "phone-article"), ("/-/check?claim=benefit+our+two+countries", "phone-check"),
     ("/quotes/speakers/1", "phone-speaker"), ("/quotes/speakers", "phone-speakers"),
     ("/quotes/quotes_view?type=summary", "phone-summaries"), ("/quotes/articles/okafor-2023", "phone-article-summary"),
     ("/-/check?claim=her+decision+to+close+the+border&types=direct,indirect,mixed,summary", "phone-check-summaries")],
)  # fmt: skip
def test_phone_layout(phone, server, path, name):
    phone.get(server + path)
    wait(phone, "h1")
    width = phone.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"the page is {width[0]} px wide on a {width[1]} px screen"
    screenshot(phone, name)


def test_on_a_phone_the_quotes_come_before_the_filters(phone, server):
    phone.get(f"{server}/quotes/quotes_view")
    first_card = wait(phone, ".quote-card").rect
    filters = phone.find_element(By.CSS_SELECTOR, ".listing-filters").rect
    assert first_card["y"] < 700, "the first quote is on the first screen"
    assert first_card["y"] < filters["y"]
    assert phone.find_element(By.CSS_SELECTOR, "#facet-speaker_id summary").is_displayed()  # collapsible


def test_every_control_has_a_label(browser, server):
    for path in ("/", "/quotes/quotes_view", "/quotes/speakers", "/quotes/articles", "/-/check",
                 "/quotes/quotes_by_speaker", "/quotes/quotes/1"):
        browser.get(server + path)
        unlabelled = browser.execute_script("""
            return [...document.querySelectorAll('input:not([type=hidden]):not([type=submit]), select, textarea')]
              .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
              .map(el => el.outerHTML);
        """)
        assert unlabelled == [], path
