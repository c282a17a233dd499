"""Read attribution annotations in brat standoff format: a folder of `.txt` + `.ann` pairs.

The shape accepted (as in PolNeAR's and PARC's brat releases):

    T1	Source 0 9	Ann Ortiz
    T2	Cue 10 14	said
    T3	Content 15 42;50 61	the bridge would reopen ... in the spring
    R1	Attribution Arg1:T2 Arg2:T1
    R2	Attribution Arg1:T2 Arg2:T3

- text-bound annotations (`T` lines) of types `Source`, `Cue` and `Content` (any case);
  a discontinuous span (`15 42;50 61`) gives a content of several pieces;
- the parts of one attribution are linked either by relations (`R` lines, of any type
  and in either direction) or by an event whose trigger is the cue
  (`E1	Attribution:T2 Source:T1 Content:T3`, any role names; the trigger may be a `Cue`
  or a text-bound annotation of the event's own type);
- with relations, an attribution gathers around its cue: every content and source linked
  to that cue (and sources linked to those contents); a content linked to no cue is an
  attribution of its own with the sources linked to it;
- other lines (attributes `A`, notes `#`) and annotations of other types are ignored.

Offsets are character offsets into the `.txt` file as read (UTF-8, newlines kept as they
are). The document id is the `.txt` path relative to the folder, without its suffix.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from quotes.evaluation.gold import GoldDocument, GoldError, quote_type

KINDS = ("source", "cue", "content")


@dataclass
class _Span:
    kind: str
    pieces: list[tuple[int, int]]


def read_brat_folder(folder: Path) -> list[GoldDocument]:
    """Every annotated document under `folder`, recursively, in path order."""
    annotations = sorted(folder.rglob("*.ann"))
    if not annotations:
        raise GoldError(f"{folder}: no brat .ann files in this folder")
    return [read_brat_document(ann, ann.relative_to(folder).with_suffix("").as_posix())
            for ann in annotations]


def read_brat_document(ann: Path, doc_id: str) -> GoldDocument:
    """One document from `name.ann` and the `name.txt` beside it."""
    txt = ann.with_suffix(".txt")
    text = _read(txt)
    spans: dict[str, _Span] = {}
    links: list[tuple[str, str]] = []
    events: list[list[str]] = []
    for number, line in enumerate(_read(ann).splitlines(), 1):
        try:
            _parse_line(line, text, spans, links, events)
        except ValueError as error:
            raise GoldError(f"{ann}:{number}: {error}") from None
    undefined = {i for pair in links for i in pair} | {i for event in events for i in event}
    undefined -= set(spans)
    if undefined:
        raise GoldError(f"{ann}: links to undefined annotations {', '.join(sorted(undefined))}")
    quotes = [_quote(text, group, spans) for group in _groups(spans, links, events)]
    return GoldDocument(doc_id, text, [q for q in quotes if q["content"]])


def _read(path: Path) -> str:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return handle.read()
    except FileNotFoundError:
        raise GoldError(f"{path}: missing (brat needs a .txt beside each .ann)") from None
    except UnicodeDecodeError:
        raise GoldError(f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise GoldError(f"{path}: {error.strerror}") from None


def _parse_line(line: str, text: str, spans: dict[str, _Span], links: list[tuple[str, str]],
                events: list[list[str]]) -> None:
    if not line.strip():
        return
    fields = line.rstrip("\r\n").split("\t")
    ident = fields[0]
    if len(fields) < 2:
        raise ValueError(f"not a brat annotation line: {line[:40]!r}")
    if ident.startswith("T"):
        kind, _, offsets = fields[1].partition(" ")
        pieces = [_offsets(piece, len(text)) for piece in offsets.split(";")]
        if len(fields) > 2 and " ".join(fields[2].split()) != " ".join(
                " ".join(text[s:e] for s, e in pieces).split()):
            raise ValueError(f"{ident}: the offsets do not cover {fields[2][:40]!r} in the .txt")
        spans[ident] = _Span(kind.lower() if kind.lower() in KINDS else "other", pieces)
    elif ident.startswith("R"):
        arguments = [arg.partition(":")[2] for arg in fields[1].split()[1:]]
        if len(arguments) != 2 or not all(arguments):
            raise ValueError(f"{ident}: a relation needs Arg1:T.. and Arg2:T..")
        links.append((arguments[0], arguments[1]))
    elif ident.startswith("E"):
        events.append([arg.partition(":")[2] for arg in fields[1].split()])


def _offsets(piece: str, length: int) -> tuple[int, int]:
    try:
        start, end = (int(n) for n in piece.split())
    except ValueError:
        raise ValueError(f"bad offsets {piece!r}") from None
    if not 0 <= start <= end <= length:
        raise ValueError(f"offsets {start} {end} outside the .txt ({length} characters)")
    return start, end


def _groups(spans: dict[str, _Span], links: list[tuple[str, str]],
            events: list[list[str]]) -> list[set[str]]:
    """The annotation ids of each attribution."""
    for trigger, *_ in filter(None, events):
        if spans[trigger].kind == "other":
            spans[trigger].kind = "cue"
    groups = [set(event) for event in events]
    neighbours: dict[str, set[str]] = defaultdict(set)
    for a, b in links:
        neighbours[a].add(b)
        neighbours[b].add(a)

    def linked(ident: str, kind: str) -> set[str]:
        return {n for n in neighbours[ident] if spans[n].kind == kind}

    grouped: set[str] = set()
    for ident in sorted(neighbours, key=_order):
        if spans[ident].kind != "cue":
            continue
        contents = linked(ident, "content")
        sources = linked(ident, "source").union(*(linked(c, "source") for c in contents))
        groups.append({ident, *contents, *sources})
        grouped |= contents
    for ident in sorted(neighbours, key=_order):
        if spans[ident].kind == "content" and ident not in grouped:
            groups.append({ident, *linked(ident, "source")})
    return groups


def _order(ident: str) -> tuple[int, str]:
    digits = ident.lstrip("TREA")
    return (int(digits) if digits.isdigit() else 0, ident)


def _quote(text: str, group: set[str], spans: dict[str, _Span]) -> dict:
    quote: dict = {kind: sorted(p for i in group if spans[i].kind == kind for p in spans[i].pieces)
                   for kind in KINDS}
    quote["type"] = quote_type(text, quote["content"])
    return quote
