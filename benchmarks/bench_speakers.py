"""How well and how fast speakers are resolved: `python benchmarks/bench_speakers.py`.

Runs the extraction pipeline (spaCy engine) on

- the 40 articles of `quotes_gold.jsonl` (beside this file: the 39 articles of
  ../shared/samples/articles.jsonl and the bundled seed article), whose every quote was
  annotated with its mention (`source`) and the speaker's fullest name in the article
  (`source_name`); the file holds offsets and names only, the texts are read from
  ../shared and tests/fixtures;
- the name-forms set (`name_forms_gold.jsonl` and `name_forms/`, texts of our own): one
  person under several name forms across articles;
- PolNeAR dev (../shared/eval/polnear_dev.jsonl), which marks only the mention;
- for aliases, a database of the sample articles and 200 articles of PolNeAR train, whose
  speakers' aliases must all be name forms (`speakers.identity.is_name_form`);

matches found quotes to annotated ones as ../shared/eval/score.py does (ggt@0.3) and
prints, for the matched quotes, how often the mention and the resolved speaker are right,
how often no speaker was found, and the time resolution takes against the parser's.

"Speaker right" is the scorer's test (`score.name_agrees`: the same last word, or one
name inside the other); "same entity" is stricter: the resolved speaker is a name form of
the annotated one (`speakers.identity.same_entity`), so "Hunter Biden" for "Joe Biden"
is wrong. `--show` lists the quotes whose speaker is wrong or missing.

Parses are cached under $QUOTES_PARSE_CACHE (default: a folder in the temporary
directory), keyed by the text and the model; `--skip-polnear` leaves PolNeAR out.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from quotes.detection.detect import find_quotes
from quotes.detection.quote_filter import drop_unlikely
from quotes.detection.quotemarks import find_quotations
from quotes.nlp import Document, load_engine
from quotes.reading.furniture import find_furniture
from quotes.records import Article, Quote, Speaker
from quotes.speakers.identity import is_name_form, same_entity
from quotes.speakers.resolve import PRONOUNS, resolve_speakers
from quotes.store.database import Store

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = Path(os.environ.get("QUOTES_SHARED") or next(
    (parent / "shared" for parent in ROOT.parents if (parent / "shared").is_dir()), ROOT.parent / "shared"))
GOLD = HERE / "quotes_gold.jsonl"
NAME_FORMS_GOLD = HERE / "name_forms_gold.jsonl"
NAME_FORMS = HERE / "name_forms"
SAMPLES = SHARED / "samples" / "articles.jsonl"
POLNEAR_DEV = SHARED / "eval" / "polnear_dev.jsonl"
POLNEAR_TRAIN = SHARED / "eval" / "polnear_train.jsonl"
POLNEAR_ALIAS_ARTICLES = 200
SCORER = SHARED / "eval" / "score.py"
BUNDLED = {"seed-blinken-china-2023-06-19": ROOT / "tests" / "fixtures" / "seed-blinken-china-2023-06-19.txt"}
CACHE = Path(os.environ.get("QUOTES_PARSE_CACHE") or Path(tempfile.gettempdir()) / "quotes-parses")


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def sample_texts() -> dict[str, dict]:
    """The sample articles (with their metadata) and the bundled seed article, by id."""
    articles = {doc["id"]: doc for doc in read_jsonl(SAMPLES)}
    for key, path in BUNDLED.items():
        articles[key] = {"id": key, "text": path.read_text(encoding="utf-8")}
    for path in sorted(NAME_FORMS.glob("*.jsonl")):
        articles.update({doc["id"]: doc for doc in read_jsonl(path)})
    return articles


def gold_with_texts(path: Path = GOLD) -> list[dict]:
    """A gold file's articles, each with its text and metadata, checked against the hash."""
    articles = sample_texts()
    docs = []
    for doc in read_jsonl(path):
        article = articles[doc["id"]]
        if hashlib.sha256(article["text"].encode()).hexdigest() != doc["text_sha256"]:
            sys.exit(f"{doc['id']}: the text differs from the one annotated in {path.name}")
        docs.append({**article, **doc})
    return docs


def parse_cached(engine, texts: list[str]) -> list[Document]:
    """The engine's parses of `texts`, from the cache where it has them."""
    CACHE.mkdir(parents=True, exist_ok=True)
    model = getattr(engine, "name", type(engine).__name__)
    paths = [CACHE / f"{hashlib.sha256((model + text).encode()).hexdigest()[:32]}.pickle" for text in texts]
    missing = [n for n, path in enumerate(paths) if not path.exists()]
    for n, doc in zip(missing, engine.parse(texts[n] for n in missing), strict=True):
        paths[n].write_bytes(pickle.dumps(doc))
    return [pickle.loads(path.read_bytes()) for path in paths]


class Timings:
    def __init__(self) -> None:
        self.parse = self.detect = self.resolve = 0.0


def extract(docs: list[dict], engine, timings: Timings) -> list[tuple[Article, list[Quote]]]:
    """Each article with its quotes, as `quotes ingest` finds them (learned filter on),
    timing the parse (uncached, once), detection and resolution."""
    articles = [Article(doc["id"], doc["text"], doc.get("title"), doc.get("url"), doc.get("publisher"),
                        doc.get("published"), doc.get("author"), ignored=find_furniture(doc["text"]))
                for doc in docs]
    started = time.perf_counter()
    parsed = parse_cached(engine, [article.text for article in articles])
    timings.parse += time.perf_counter() - started
    found = []
    for article, doc in zip(articles, parsed, strict=True):
        started = time.perf_counter()
        quotations = find_quotations(article.text)
        quotes = find_quotes(doc, quotations, article.ignored, every_object=True)
        timings.detect += time.perf_counter() - started
        started = time.perf_counter()
        resolve_speakers(doc, quotes, quotations, article.ignored)
        timings.resolve += time.perf_counter() - started
        found.append((article, drop_unlikely(doc, quotes)))
    return found


def time_parse(engine, texts: list[str]) -> float:
    """Seconds the engine takes to parse `texts` (no cache): the baseline of the cost."""
    started = time.perf_counter()
    for _ in engine.parse(texts):
        pass
    return time.perf_counter() - started


def scorer():
    sys.path.insert(0, str(SCORER.parent))
    import score  # type: ignore[import-not-found]
    return score


class Tally:
    """Matched quotes and how their mention and speaker fare."""

    def __init__(self) -> None:
        self.gold = self.matched = self.source_n = self.source_ok = 0
        self.speaker_n = self.speaker_ok = self.strict_ok = self.missing = 0
        self.wrong: list[str] = []

    def line(self, label: str) -> str:
        return (f"{label}: {self.matched} of {self.gold} annotated quotes found (ggt@0.3); "
                f"mention right {pct(self.source_ok, self.source_n)} of {self.source_n}; "
                f"speaker right {pct(self.speaker_ok, self.speaker_n)}, same entity "
                f"{pct(self.strict_ok, self.speaker_n)}, no speaker {pct(self.missing, self.speaker_n)} "
                f"of {self.speaker_n} with a named speaker")


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def judge(docs: list[dict], found: list[tuple[Article, list[Quote]]], tally: Tally) -> None:
    score = scorer()
    for doc, (article, quotes) in zip(docs, found, strict=True):
        text = article.text
        predictions = [{"content": q.content, "source": q.source, "cue": q.cue} for q in quotes]
        pairs = score.match_doc(doc["quotes"], predictions, score.Tokens(text), "ggt", 0.3)
        tally.gold += len(doc["quotes"])
        for gi, gold in enumerate(doc["quotes"]):
            if gi not in pairs:
                continue
            tally.matched += 1
            quote = quotes[pairs[gi]]
            if gold.get("source"):
                tally.source_n += 1
                tally.source_ok += bool(score.chars(gold["source"]) & score.chars(quote.source))
            if not gold.get("source_name"):
                continue
            tally.speaker_n += 1
            name = quote.speaker.name if quote.speaker else None
            right = score.name_agrees(name, gold["source_name"])
            strict = quote.speaker is not None and same_entity(quote.speaker.name, gold["source_name"])
            tally.speaker_ok += right
            tally.strict_ok += strict
            tally.missing += quote.speaker is None
            if not strict:
                mention = quote.source_text(text)
                words = quote.text(text)
                tally.wrong.append(f"{article.id}: {gold['source_name']!r} ({gold.get('speaker_kind')}) "
                                   f"<- {name!r} mention {mention!r}{'' if right else ' [scorer: wrong]'}"
                                   f" | {words[:70]!r}")


def source_on_polnear(engine, timings: Timings) -> str:
    docs = read_jsonl(POLNEAR_DEV)
    found = extract(docs, engine, timings)
    score = scorer()
    n = ok = 0
    for doc, (article, quotes) in zip(docs, found, strict=True):
        keep = [g for g in doc["quotes"] if score.in_subset(g, article.text, "speech")]
        predictions = [{"content": q.content, "source": q.source, "cue": q.cue} for q in quotes]
        pairs = score.match_doc(keep, predictions, score.Tokens(article.text), "ggt", 0.3)
        for gi, pi in pairs.items():
            if keep[gi].get("source"):
                n += 1
                ok += bool(score.chars(keep[gi]["source"]) & score.chars(predictions[pi]["source"]))
    return f"PolNeAR dev ({len(docs)} articles, speech cues): mention right {pct(ok, n)} of {n} matched quotes"


def alias_check(engine, timings: Timings, show: bool) -> str:
    """Store the 40 sample articles and the first POLNEAR_ALIAS_ARTICLES of PolNeAR train,
    and count the aliases that are not name forms of their speaker: those resolution
    proposed (and the store dropped), and those stored (none should be)."""
    docs = [{"id": key, "text": doc["text"]} for key, doc in sample_texts().items() if key.startswith(("wn-", "sd-", "wh-", "seed"))]
    docs += [{"id": doc["id"], "text": doc["text"]} for doc in read_jsonl(POLNEAR_TRAIN)[:POLNEAR_ALIAS_ARTICLES]]
    found = extract(docs, engine, timings)
    proposed = sorted({(alias, q.speaker.name) for _, quotes in found for q in quotes if q.speaker
                       for alias in q.speaker.aliases if not is_name_form(alias, q.speaker)})
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "aliases.db"
        with Store(path) as store:
            store.save_many(found)
        conn = sqlite3.connect(path)
        rows = conn.execute("SELECT alias, name, kind FROM aliases JOIN speakers ON speakers.id = speaker_id").fetchall()
        conn.close()
    stored = [(alias, name) for alias, name, kind in rows if not is_name_form(alias, Speaker(name, kind))]
    if show:
        for alias, name in proposed:
            print(f"    dropped: {alias!r} of {name!r}")
        for alias, name in stored:
            print(f"    STORED: {alias!r} of {name!r}")
    return (f"Aliases ({len(docs)} articles: the samples and {POLNEAR_ALIAS_ARTICLES} of PolNeAR train): "
            f"{len(rows)} stored, {len(stored)} not a name form of their speaker; "
            f"{len(proposed)} descriptions proposed by resolution and dropped")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-polnear", action="store_true", help="score our own gold only")
    parser.add_argument("--show", action="store_true", help="list the quotes whose speaker is wrong")
    args = parser.parse_args(argv)
    for path in (SAMPLES, SCORER):
        if not path.exists():
            sys.exit(f"needs {path} (set QUOTES_SHARED to the shared/ folder)")
    engine = load_engine("spacy")
    timings = Timings()
    tallies = []
    for label, path in (("Quote gold (40 articles)", GOLD), ("Name forms set", NAME_FORMS_GOLD)):
        if not path.exists():
            continue
        docs = gold_with_texts(path)
        found = extract(docs, engine, timings)
        tally = Tally()
        judge(docs, found, tally)
        tallies.append((label, tally))
        pronouns = [f"{a.id}: {q.speaker.name}" for a, quotes in found for q in quotes
                    if q.speaker and q.speaker.name.lower() in PRONOUNS
                    and not q.speaker.name.isupper()]  # "US" the country is no "us"
        print(tally.line(label))
        print(f"  resolved speakers that are bare pronouns: {len(pronouns)}")
        if args.show:
            for line in tally.wrong:
                print("   ", line)
    if len(tallies) > 1:
        total = Tally()
        for _, tally in tallies:
            for name in ("gold", "matched", "source_n", "source_ok", "speaker_n", "speaker_ok",
                         "strict_ok", "missing"):
                setattr(total, name, getattr(total, name) + getattr(tally, name))
        print(total.line("Both"))
    if not args.skip_polnear and POLNEAR_DEV.exists():
        print(source_on_polnear(engine, timings))
    if not args.skip_polnear and POLNEAR_TRAIN.exists():
        print(alias_check(engine, timings, args.show))
    texts = [doc["text"] for doc in gold_with_texts(GOLD)]
    parse = time_parse(engine, texts)
    resolve = Timings()
    extract([{"id": str(n), "text": t} for n, t in enumerate(texts)], engine, resolve)
    print(f"Time on the 40 articles: parse {parse:.1f}s (uncached), detect {resolve.detect:.2f}s, "
          f"resolve {resolve.resolve:.2f}s = {100 * resolve.resolve / parse:.1f}% of the parse")


if __name__ == "__main__":
    main()
