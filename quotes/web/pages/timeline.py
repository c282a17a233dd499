"""Bars of quotes over time: by month over up to two years, by year beyond."""

from __future__ import annotations

from dataclasses import dataclass

from quotes.web.pages.display import MONTHS

MONTHS_IN_TIMELINE = 24


@dataclass
class Period:
    """A bar of the timeline: quotes in one month ("2023-06") or year ("2023")."""

    label: str
    """Also the `from`/`to` (and `published__startswith=`) filter that lists these quotes."""
    count: int
    height: int = 0
    """Percent of the busiest period."""

    @property
    def short(self) -> str:
        """"Jun 23" for a month, the year itself for a year."""
        if len(self.label) == 7 and self.label[4] == "-" and self.label[5:].isdigit() and 1 <= int(self.label[5:]) <= 12:
            return f"{MONTHS[int(self.label[5:]) - 1][:3]} {self.label[2:4]}"
        return self.label


def timeline(counts: list[tuple[str, int]]) -> list[Period]:
    """Bars for quote counts by month ("2023-06") or year, oldest first, empty months
    included; months spanning more than two years are added up by year. Labels that are
    neither are left as they are."""
    counts = [(str(label), number) for label, number in counts]
    by_label = dict(counts)
    labels = _month_range(counts[0][0], counts[-1][0]) if counts else []
    if labels is None:
        periods = [Period(label, number) for label, number in counts]
    elif len(labels) <= MONTHS_IN_TIMELINE:
        periods = [Period(month, by_label.get(month, 0)) for month in labels]
    else:
        years = {label[:4]: 0 for label in labels}
        for month, number in counts:
            years[month[:4]] += number
        periods = [Period(year, number) for year, number in years.items()]
    busiest = max((period.count for period in periods), default=0)
    for period in periods:
        period.height = round(100 * period.count / busiest) if busiest else 0
    return periods


def _month_range(first: str, last: str) -> list[str] | None:
    """Every month from `first` to `last` ("2023-06"), or None if they are not months."""
    if not all(len(m) == 7 and m[4] == "-" and m[:4].isdigit() and m[5:].isdigit() for m in (first, last)):
        return None
    start, end = (int(m[:4]) * 12 + int(m[5:7]) - 1 for m in (first, last))
    if end - start > 12 * 200:
        return None
    return [f"{n // 12:04d}-{n % 12 + 1:02d}" for n in range(start, end + 1)]
