"""Turn quote annotations written as words into the offsets of `quotes_gold.jsonl`.

    python benchmarks/annotate.py SNIPPETS... [--gold benchmarks/quotes_gold.jsonl] [--show]

Annotators write what they read, one JSON object per article (a file may hold several):

    {"id": "wn-anti-brexit-march", "quotes": [
      {"content": ["first piece as printed", "second piece"], "cue": "said",
       "source": "Mr Blinken", "source_name": "Antony Blinken", "speaker_kind": "person",
       "type": "direct", "after": "optional words printed shortly before the first piece"}]}

Each content piece is looked up in the article's text (the first occurrence after
`after`, if given, else the first occurrence after the previous quote's first piece, else
from the start); curly and straight quotation marks and apostrophes are interchangeable
when looking up, so offsets always point to the characters as printed.

The cue and the source are looked up inside the content's paragraph (from the paragraph
of the first piece to that of the last), as whole words (case-sensitive, so "he" is never
found inside "The" or "then"), never overlapping the record's own content pieces. Of the
occurrences left, one in a sentence that holds content wins over one in another sentence,
then the nearest to the content (an occurrence between two pieces is nearest of all).
When this still picks the wrong one, two optional fields name the occurrence wanted:

    "cue_after": "a few words printed shortly before the cue wanted"
    "source_after": "a few words printed shortly before the source wanted"

They are looked up from the start of the content's paragraph, and the cue (source) is
then the first allowed occurrence that starts at or after them (the words may include the
occurrence itself: "source": "She", "source_after": "She explained").

The texts come from ../shared (never from the repository): the gold file keeps offsets,
names and a hash of each text only. `--show` prints every quote with its spans marked, for
review.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = Path(os.environ.get("QUOTES_SHARED") or next(
    (parent / "shared" for parent in ROOT.parents if (parent / "shared").is_dir()), ROOT.parent / "shared"))
SAMPLES = SHARED / "samples" / "articles.jsonl"
SEED = ROOT / "tests" / "fixtures" / "seed-blinken-china-2023-06-19.txt"
TYPES = {"direct", "indirect", "mixed", "summary"}
KINDS = {"person", "organization", "anonymous", "group", "document", None}
FIELDS = {"content", "cue", "source", "source_name", "speaker_kind", "type", "after", "cue_after", "source_after"}
SAME = str.maketrans(dict.fromkeys("“”„‟«»″", '"') | dict.fromkeys("‘’‚‛′`", "'"))
# A sentence ends at . ! or ? (and any closing marks) followed by space and a capital or digit,
# unless the period closes a title or an initial ("Mr.", "U.S.", "John F. Kennedy").
SENTENCE_END = re.compile(r"""[.!?]["')]*\s+(?=["'(]*[A-Z0-9])""")
ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Prof|Rev|Jr|Sr|No|[A-Z])\.)$")


class AnnotationError(ValueError):
    """A snippet that cannot be found in its article, or a field that is not allowed."""


def article_texts() -> dict[str, str]:
    """Every article text by id: the shared samples plus the seed article."""
    with SAMPLES.open(encoding="utf-8") as lines:
        texts = {doc["id"]: doc["text"] for doc in map(json.loads, lines) if doc}
    texts[SEED.stem] = SEED.read_text(encoding="utf-8")
    return texts


def paragraph_bounds(text: str, at: int) -> tuple[int, int]:
    """Start and end of the line (paragraph) holding offset `at`."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return start, len(text) if end < 0 else end


def sentence_bounds(text: str, low: int, high: int) -> list[tuple[int, int]]:
    """The sentences of text[low:high], as (start, end) pairs covering it."""
    bounds, start = [], low
    for match in SENTENCE_END.finditer(text, low, high):
        if ABBREVIATION.search(text, start, match.start() + 1):
            continue
        bounds.append((start, match.end()))
        start = match.end()
    return bounds + [(start, high)]


def find(folded: str, snippet: str, start: int, doc_id: str) -> int:
    """Offset of the first occurrence of snippet at or after start (quote marks folded)."""
    at = folded.find(snippet.translate(SAME), start)
    if at < 0:
        raise AnnotationError(f"{doc_id}: not found after offset {start}: {snippet!r}")
    return at


def whole_words(folded: str, needle: str, low: int, high: int) -> list[int]:
    """Offsets of needle in folded[low:high] that neither start nor end inside a word."""
    found, at = [], folded.find(needle, low)
    while 0 <= at and at + len(needle) <= high:
        end = at + len(needle)
        if not (needle[0].isalnum() and at > 0 and folded[at - 1].isalnum()) and \
                not (needle[-1].isalnum() and end < len(folded) and folded[end].isalnum()):
            found.append(at)
        at = folded.find(needle, at + 1)
    return found


def attach(folded: str, snippet: str, after: str, pieces: list[list[int]], doc_id: str) -> list[list[int]]:
    """The span of a cue or source snippet for a record whose content is `pieces`.

    Whole-word occurrences in the content's paragraph that do not overlap the content; the
    first at or after `after` when given, else one in a sentence holding content before
    one elsewhere, then the nearest to the content.
    """
    if not snippet:
        return []
    low, _ = paragraph_bounds(folded, pieces[0][0])
    _, high = paragraph_bounds(folded, max(pieces[-1][1] - 1, pieces[0][0]))
    needle = snippet.translate(SAME)
    start = low
    if after:
        start = folded.find(after.translate(SAME), low, high)
        if start < 0:
            raise AnnotationError(f"{doc_id}: {after!r} is not in the paragraph of the content at {pieces[0][0]}")
    candidates = [at for at in whole_words(folded, needle, start, high)
                  if not any(at < end and begin < at + len(needle) for begin, end in pieces)]
    if not candidates:
        raise AnnotationError(f"{doc_id}: {snippet!r} is not in the paragraph of the content at {pieces[0][0]}"
                              + (f" after {after!r}" if after else ""))
    if after:
        return [[candidates[0], candidates[0] + len(needle)]]
    sentences = sentence_bounds(folded, low, high)
    held = {index for index, (begin, end) in enumerate(sentences)
            if any(begin < piece_end and piece_start < end for piece_start, piece_end in pieces)}
    first, last = pieces[0][0], pieces[-1][1]

    def rank(at: int) -> tuple[bool, int]:
        sentence = next(index for index, (begin, end) in enumerate(sentences) if at < end)
        distance = 0 if first <= at < last else min(abs(at - last), abs(at + len(needle) - first))
        return sentence not in held, distance

    best = min(candidates, key=rank)
    return [[best, best + len(needle)]]


def locate(doc_id: str, text: str, quotes: list[dict]) -> list[dict]:
    """Offsets of every record of one article, in the gold file's format."""
    folded, located, cursor = text.translate(SAME), [], 0
    for quote in quotes:
        if quote.get("type") not in TYPES or quote.get("speaker_kind") not in KINDS or set(quote) - FIELDS:
            raise AnnotationError(f"{doc_id}: bad type, speaker_kind or field name in {quote}")
        start = find(folded, quote["after"], 0, doc_id) if quote.get("after") else cursor
        spans = []
        for piece in quote["content"]:
            at = find(folded, piece, start, doc_id)
            spans.append([at, at + len(piece)])
            start = at + len(piece)
        cursor = spans[0][0]
        located.append({
            "content": spans,
            "cue": attach(folded, quote.get("cue") or "", quote.get("cue_after") or "", spans, doc_id),
            "source": attach(folded, quote.get("source") or "", quote.get("source_after") or "", spans, doc_id),
            "type": quote["type"], "source_name": quote.get("source_name"),
            "speaker_kind": quote.get("speaker_kind")})
    return located


def show(doc_id: str, text: str, quotes: list[dict]) -> None:
    """Print each record inside its paragraph: content in [ ], cue in { }, source in < >."""
    print(f"== {doc_id}")
    for number, quote in enumerate(quotes, 1):
        marks = sorted([(s, "[", "]") for s, e in quote["content"]] + [(s, "{", "}") for s, e in quote["cue"]]
                       + [(s, "<", ">") for s, e in quote["source"]])
        ends = {s: e for part in ("content", "cue", "source") for s, e in quote[part]}
        low, _ = paragraph_bounds(text, min(s for s, _, _ in marks))
        _, high = paragraph_bounds(text, max(ends.values()) - 1)
        out, at = [], low
        for s, opener, closer in marks:
            out += [text[at:s], opener, text[s:ends[s]], closer]
            at = ends[s]
        out.append(text[at:high])
        print(f"{number:3}. {quote['type']} | {quote['source_name']} ({quote['speaker_kind']})\n     {''.join(out)}")


def main(argv: list[str] | None = None) -> None:
    """Locate the snippets of every file given and merge them into the gold file."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("snippets", nargs="+", type=Path)
    parser.add_argument("--gold", type=Path, default=HERE / "quotes_gold.jsonl")
    parser.add_argument("--show", action="store_true", help="print every quote with its spans marked")
    args = parser.parse_args(argv)
    texts = article_texts()
    existing = {}
    if args.gold.exists():
        with args.gold.open(encoding="utf-8") as lines:
            existing = {doc["id"]: doc for doc in map(json.loads, lines)}
    for path in args.snippets:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            doc = json.loads(line)
            text = texts[doc["id"]]
            try:
                quotes = locate(doc["id"], text, doc["quotes"])
            except AnnotationError as error:
                sys.exit(str(error))
            if args.show:
                show(doc["id"], text, quotes)
            existing[doc["id"]] = {"id": doc["id"], "text_sha256": hashlib.sha256(text.encode()).hexdigest(),
                                   "quotes": quotes}
    order = list(texts)
    rows = sorted(existing.values(), key=lambda doc: order.index(doc["id"]))
    args.gold.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    print(f"{args.gold}: {len(rows)} articles, {sum(len(doc['quotes']) for doc in rows)} quotes", file=sys.stderr)


if __name__ == "__main__":
    main()
