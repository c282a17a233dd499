"""Find the passages between quotation marks, without any parser.

    find_quotations('He said: “We will ‘try’.”') -> [Quotation(pieces=[(9, 25)], ...)]

Handles curly, straight and angle quotation marks, and two apostrophes used as a double
quotation mark (`''We will,'' he said`, a newspaper archive convention); apostrophes (`don’t`, `parents’`,
`’90s`) are not quotation marks; a quote running over several paragraphs (an opening mark
on each, the closing one only at the end) is one quotation with a piece per paragraph;
single quotes nested in double quotes stay inside them. A mark that never closes skips
its own passage and nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

Span = tuple[int, int]

DOUBLE_OPEN = "\u201c\u201e\u00ab\u201f"
DOUBLE_CLOSE = "\u201d\u00bb"
SINGLE_OPEN = "\u2018\u201a\u2039"
SINGLE_CLOSE = "\u2019\u203a"
STRAIGHT = "\"'"
MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + STRAIGHT
CLOSING_MARKS = DOUBLE_CLOSE + SINGLE_CLOSE + STRAIGHT
"""Every character that can close a quotation."""
OPENERS_BEFORE = " \t\n([{\u2014\u2013-/:" + DOUBLE_OPEN + SINGLE_OPEN
LINE = re.compile(r"[^\n]+")
MARK = re.compile("''|[" + re.escape(MARKS) + "]")
DECADE = re.compile(r"\d0s\b")


@dataclass
class Quotation:
    """A quoted passage; each piece includes its quotation marks."""

    pieces: list[Span]
    double: bool = True
    nested: list[Span] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


@dataclass
class _Open:
    offset: int
    double: bool
    char: str
    nested: list[Span] = field(default_factory=list)


class _Stack:
    """The marks still open on a line, innermost last, with running counts of what kinds
    are open: every question `_role` asks of it is answered in constant time (a line of
    thousands of unclosed `‘` is read in linear time)."""

    def __init__(self) -> None:
        self.items: list[_Open] = []
        self.doubles = 0
        self.low_doubles = 0

    def __bool__(self) -> bool:
        return bool(self.items)

    @property
    def open_double(self) -> bool:
        return self.doubles > 0

    @property
    def open_single(self) -> bool:
        return len(self.items) > self.doubles

    @property
    def open_low_double(self) -> bool:
        """A German opening mark („) is open."""
        return self.low_doubles > 0

    def top(self) -> _Open:
        return self.items[-1]

    def push(self, mark: _Open) -> None:
        self.items.append(mark)
        self.doubles += mark.double
        self.low_doubles += mark.char == "\u201e"

    def pop(self) -> _Open:
        mark = self.items.pop()
        self.doubles -= mark.double
        self.low_doubles -= mark.char == "\u201e"
        return mark


def find_quotations(text: str) -> list[Quotation]:
    """All top-level quotations in `text`, in order."""
    quotations: list[Quotation] = []
    pending: Quotation | None = None
    for line in LINE.finditer(text):
        start = _skip_space(text, line.start(), line.end())
        end = line.start() + len(line.group().rstrip())
        if start >= end:
            continue
        closed, unclosed = _scan_line(text, start, end)
        if pending is not None:
            if closed and closed[0].start == start:
                pending.pieces.extend(closed[0].pieces)
                pending.nested.extend(closed[0].nested)
                closed[0] = pending
            elif unclosed is not None and unclosed.offset == start:
                pending.pieces.append((start, end))
                pending.nested.extend(unclosed.nested)
                quotations.extend(closed)
                continue
            pending = None
        quotations.extend(closed)
        if unclosed is not None and unclosed.double:
            pending = Quotation([(unclosed.offset, end)], True, list(unclosed.nested))
    return quotations


def _skip_space(text: str, start: int, end: int) -> int:
    """Offset of the first non-space character of a line."""
    offset = start
    while offset < end and text[offset].isspace():
        offset += 1
    return offset


def _scan_line(text: str, start: int, end: int) -> tuple[list[Quotation], _Open | None]:
    """Pair the marks of one line; returns closed top-level quotations and the outermost
    double quote left open at the end of the line, if any."""
    stack = _Stack()
    closed: list[Quotation] = []
    for mark in MARK.finditer(text, start, end):
        offset, char = mark.start(), mark.group()
        role = _role(text, offset, mark.end(), start, end, stack)
        if role == "open":
            double = char in DOUBLE_OPEN or char in ('"', "''")
            if double and stack.open_double:
                while not stack.pop().double:
                    pass
            stack.push(_Open(offset, double, char))
        elif role in ("close-double", "close-single"):
            double = role == "close-double"
            while stack and stack.top().double != double:
                stack.pop()
            if not stack:
                continue
            opened = stack.pop()
            span = (opened.offset, mark.end())
            if stack:
                stack.top().nested.append(span)
            else:
                closed.append(Quotation([span], double, opened.nested))
    unclosed = stack.items[0] if stack and stack.items[0].double else None
    return closed, unclosed


def _role(text: str, offset: int, mark_end: int, start: int, end: int, stack: _Stack) -> str:
    """'open', 'close-double', 'close-single' or 'none' (an apostrophe or a stray mark)."""
    char = text[offset:mark_end]
    before = text[offset - 1] if offset > start else " "
    after = text[mark_end] if mark_end < end else " "
    open_double = stack.open_double
    open_single = stack.open_single
    if char == "\u201c" and stack.open_low_double:
        return "close-double"  # German „...“
    if char in DOUBLE_OPEN:
        return "none" if after.isspace() else "open"
    if char in DOUBLE_CLOSE:
        return "close-double"
    if char in ('"', "''"):
        if open_double and (not before.isspace() or after.isspace() or after in ".,;:!?)"):
            return "close-double"
        if before in OPENERS_BEFORE or before in '"\'':
            return "open" if not after.isspace() else "none"
        return "close-double" if open_double else "none"
    # single quotation marks and apostrophes
    if before.isalnum() and after.isalnum():
        return "none"
    if char in SINGLE_OPEN or (char == "'" and before in OPENERS_BEFORE):
        if after.isspace() or DECADE.match(text, offset + 1, end):
            return "none"
        return "open"
    if open_single and not before.isspace():
        return "close-single"
    return "none"
