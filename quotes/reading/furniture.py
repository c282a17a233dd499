"""Find page furniture in an article's text: spans where no quote should be looked for.

Each kind is found conservatively, so that no body paragraph is marked:

- a trailing block of links: from a heading such as "Latest World News", "Related" or
  "Most read", or from a byline such as "By Press Association", to the end of the text,
  when every line in it is short and has no sentence punctuation at its end;
- photo captions: a line ending in a credit ("Picture: PA", "(Pool via AP)",
  "Photo: Jane Doe/Reuters", "(Jane Doe/Example Agency)"), with the short label line
  just above it;
- stand-alone lines such as "Advertisement" or "Read more: <headline>", and lines
  opening with a label in capitals that points elsewhere ("WATCH: ...", "READ MORE:
  ...", "RELATED: ...");
- video blurbs: a line ending in the video's running time ("... at the rally 2:43").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from quotes.records import Span

LINK_MAX_CHARS = 120
"""Lines in a link list are headlines or image labels, never longer than this."""
CAPTION_MAX_CHARS = 300
LABEL_MAX_CHARS = 80

BLOCK_HEADING = re.compile(
    r"(?:latest\b.*|(?:see|read) more\b.*|more (?:from|on|stories)\b.*|related\b.*"
    r"|most (?:read|popular|viewed|shared)\b.*|top stories|trending(?: now)?"
    r"|recommended(?: for you| stories)?|you (?:may|might) also like|see also|advertisement)",
    re.IGNORECASE,
)
BYLINE = re.compile(r"By\s+[A-Z][^\n.,;:!?]{1,60}")
STANDALONE_LINE = re.compile(
    r"(?P<line>advertisement|skip advertisement"
    r"|story continues below(?: this)? advertisement|continue reading(?: the main story)?"
    r"|(?:read more|related|see also|more on this story)\s*:.*?)[ \t\r]*",
    re.IGNORECASE,
)

POINTER_LINE = re.compile(
    r"[ \t]*(?P<line>(?:WATCH|READ MORE|READ|RELATED|LISTEN|VIDEO|PHOTOS?|GALLERY|MORE|SEE ALSO|ALSO READ"
    r"|CLICK HERE|SIGN UP|SUBSCRIBE)[ \t]*:.*?)[ \t\r]*")
"""A line opening with a label in capitals that points to other content ("WATCH: ...")."""
RUNNING_TIME = re.compile(r"[^\W\d_][.!?)]?[ \t]+(\(?\d{1,2}:\d{2}(?::\d{2})?\)?)$")
"""A video's running time closing a line after a word: "... at the rally 2:43", "(1:02:15)";
never a dateline's "19 June 2023, 09:34"."""
CLOCK_TIME = re.compile(r"\b(?:at|by|until|till|from|to|before|after|around|about|since)\s+$", re.IGNORECASE)
"""What makes a time at the end of a line a time of day ("starts at 10:30")."""
BLURB_MAX_CHARS = 400
NAME_CREDIT = re.compile(
    r"\((?:[A-Z][\w.'’-]*\s){0,3}[A-Z][\w.'’-]*\s?/\s?(?:[A-Z][\w&.'’-]*\s?){1,4}\)$")
"""A photo credit "(Name/Agency)" closing a caption: "(Jane Doe/Example Agency)"."""

CREDIT_AGENCIES = {"AP", "PA", "AFP", "AAP", "EPA", "Reuters", "Getty", "Pool", "Alamy"}
CREDIT_AGENCIES |= {"Shutterstock", "Bloomberg", "Handout", "dpa", "Xinhua", "Kyodo"}
"""Words that make a bracket at the end of a line a photo credit: "(Pool via AP)"."""
CREDIT_LABELS = {"Picture", "Pictures", "Photo", "Photos", "Photograph", "Image", "Pic", "Credit"}
"""Words that make "<label>: <Name>" at the end of a line a photo credit: "Picture: PA"."""
CREDIT_MAX_CHARS = 60
STANDALONE_INITIALS = set("AaSsCcRrMm")
SENTENCE_END = (".", ":", ";", ",")
CLOSING_QUOTES = "\"'\u201d\u2019\u00bb"
"""Quotation marks that may close a line after its last punctuation mark."""


def find_furniture(text: str) -> list[Span]:
    """Sorted, non-overlapping spans of `text` that are page furniture."""
    spans = [*caption_spans(text), *standalone_spans(text), *pointer_spans(text), *video_blurb_spans(text)]
    trailing = trailing_block_span(text)
    if trailing:
        spans.append(trailing)
    return merge_spans(spans)


def trailing_block_span(text: str) -> Span | None:
    """The span from a link-list heading or byline to the end of the text, if everything
    after it is short link-like lines."""
    start_of_block = None
    for start, end in _tail_lines(text):
        line = text[start:end].strip()
        if not line:
            continue
        if not is_link_like(line):
            break
        if BLOCK_HEADING.fullmatch(line) or BYLINE.fullmatch(line):
            start_of_block = start
    if start_of_block is None:
        return None
    return (start_of_block, len(text.rstrip()))


def caption_spans(text: str) -> Iterator[Span]:
    """Lines ending in a photo credit, each with the short label line above it if any."""
    previous = (0, 0)
    for start, end in _lines(text):
        if end - start <= CAPTION_MAX_CHARS and ends_in_credit(text[start:end].rstrip()):
            label = text[previous[0] : previous[1]].strip()
            if label and len(label) <= LABEL_MAX_CHARS and is_link_like(label):
                start = previous[0]
            yield (start, start + len(text[start:end].rstrip()))
        previous = (start, end)


def ends_in_credit(line: str) -> bool:
    """Does `line` end in a photo credit such as "(Yui Mok/PA)" or "Picture: PA"?"""
    return _ends_in_agency_credit(line) or _ends_in_labelled_credit(line)


def _ends_in_agency_credit(line: str) -> bool:
    if not line.endswith(")"):
        return False
    if NAME_CREDIT.search(line):
        return True
    inside = line[line.rfind("(") + 1 : -1]
    words = inside.replace("/", " ").split()
    return len(inside) <= CREDIT_MAX_CHARS and any(word in CREDIT_AGENCIES for word in words)


def _ends_in_labelled_credit(line: str) -> bool:
    head, colon, credit = line.rpartition(":")
    credit = credit.strip().removesuffix(".")
    if not colon or not credit[:1].isupper() or len(credit) > CREDIT_MAX_CHARS or "." in credit:
        return False
    label = head.split()[-1:]
    return bool(label) and label[0] in CREDIT_LABELS


def standalone_spans(text: str) -> Iterator[Span]:
    """Lines such as "Advertisement" or "Read more: <headline>"."""
    for start, end in _lines(text):
        if end - start > LINK_MAX_CHARS or text[start : start + 1] not in STANDALONE_INITIALS:
            continue
        match = STANDALONE_LINE.fullmatch(text, start, end)
        if match and is_link_like(match["line"]):
            yield match.span("line")


def pointer_spans(text: str) -> Iterator[Span]:
    """Lines opening with "WATCH:", "READ MORE:", "RELATED:" and the like: they point to
    other content, whatever follows the label."""
    for start, end in _lines(text):
        if end - start <= CAPTION_MAX_CHARS:
            match = POINTER_LINE.fullmatch(text, start, end)
            if match:
                yield match.span("line")


def video_blurb_spans(text: str) -> Iterator[Span]:
    """Lines ending in a video's running time ("... at the rally 2:43")."""
    for start, end in _lines(text):
        line = text[start:end].rstrip()
        time = RUNNING_TIME.search(line)
        if time and len(line) <= BLURB_MAX_CHARS and not CLOCK_TIME.search(line, 0, time.start(1)):
            yield (start, start + len(line))


def is_link_like(line: str) -> bool:
    """A short line with no sentence punctuation at its end: a headline, label or heading."""
    if len(line) > LINK_MAX_CHARS:
        return False
    return not line.rstrip(CLOSING_QUOTES).endswith(SENTENCE_END)


def merge_spans(spans: list[Span]) -> list[Span]:
    """Sort spans and join those that overlap or touch."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _lines(text: str) -> Iterator[Span]:
    """(start, end) of each line, newline not included."""
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        if end == -1:
            end = len(text)
        yield (start, end)
        start = end + 1


def _tail_lines(text: str) -> Iterator[Span]:
    """(start, end) of each line, from the last line backwards, newline not included."""
    end = len(text)
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        yield (start, end)
        end = start - 1
