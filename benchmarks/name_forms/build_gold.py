"""Build `../name_forms_gold.jsonl` from `snippets.json` and `articles.jsonl` (texts of our own).

    python benchmarks/name_forms/build_gold.py

Each snippet record is [type, content pieces, cue, source, source_name, speaker_kind,
person]: words as printed, found in order in the article (the cue and source in the
paragraph of the content, nearest to it, never inside it). `person` names one real-world
speaker across the articles (null for anonymous sources and documents), so that
bench_factcheck can claim a quote under another of that speaker's name forms.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent


def nearest(text: str, word: str, lo: int, hi: int, near: int, taken: list[tuple[int, int]]) -> list[int]:
    if not word:
        return []
    found = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text[lo:hi])]
    found = [lo + s for s in found if not any(a <= lo + s < b for a, b in taken)]
    if not found:
        raise SystemExit(f"not found: {word!r}")
    start = min(found, key=lambda s: abs(s - near))
    return [start, start + len(word)]


def main() -> None:
    articles = {json.loads(line)["id"]: json.loads(line) for line in (HERE / "articles.jsonl").open()}
    snippets = json.loads((HERE / "snippets.json").read_text())
    lines = []
    for article_id, records in snippets.items():
        text = articles[article_id]["text"]
        quotes, position = [], 0
        for kind, pieces, cue, source, name, speaker_kind, person in records:
            content = []
            for piece in pieces:
                start = text.index(piece, position)
                content.append([start, start + len(piece)])
                position = start
            lo = text.rfind("\n\n", 0, content[0][0]) + 2
            hi = text.find("\n\n", content[-1][1])
            hi = len(text) if hi < 0 else hi
            cue_span = nearest(text, cue, lo, hi, content[0][0], content)
            source_span = nearest(text, source, lo, hi, content[0][0], content)
            quotes.append({"content": content, "cue": [cue_span] if cue_span else [],
                           "source": [source_span] if source_span else [], "type": kind,
                           "source_name": name, "speaker_kind": speaker_kind, "person": person})
        digest = hashlib.sha256(text.encode()).hexdigest()
        lines.append(json.dumps({"id": article_id, "text_sha256": digest, "quotes": quotes}))
    (HERE.parent / "name_forms_gold.jsonl").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
