"""The plain-text report `quotes check` prints: the verdict first, then each match."""

from __future__ import annotations

from typing import Any

import click

from quotes.factcheck.results import CheckResult, Match, Person, display_date
from quotes.factcheck.worddiff import render as render_diff

VERDICT_COLOURS = {
    "attributed": "green",
    "found": "green",
    "misattributed": "red",
    "unattributed": "yellow",
    "not found": "red",
    "too short to check": "yellow",
}
DIFF_STYLES: dict[str, dict[str, Any]] = {"-": {"fg": "red", "strikethrough": True}, "+": {"fg": "green", "bold": True}}


def render(result: CheckResult) -> str:
    """The whole report, with ANSI styles (click.echo drops them when not on a terminal)."""
    claim = f"Claim: \u201c{result.claim}\u201d"
    if result.speaker:
        claim += f", attributed to {result.speaker}"
    verdict = click.style(result.verdict.upper(), fg=VERDICT_COLOURS[result.verdict], bold=True)
    lines = [claim, f"{verdict}: {result.explanation}"]
    for number, match in enumerate(result.matches, 1):
        lines += ["", *_match_lines(number, match)]
    return "\n".join(lines)


def _match_lines(number: int, match: Match) -> list[str]:
    heading = [click.style(match.label, bold=True), f"score {match.score}", _person(match.speaker)]
    if match.reported_by:
        heading.append(f"reported by {_person(match.reported_by)}")
    lines = [f"{number}. " + " \u00b7 ".join(heading), f"   quote: {match.text}"]
    if match.diff is not None:
        lines.append(f"   diff:  {render_diff(match.diff, _styled)}")
    facts = [f"quote #{match.quote_id}", match.type]
    if match.cue:
        facts.append(f"cue \u201c{match.cue}\u201d")
    if match.confidence is not None:
        facts.append(f"confidence {match.confidence:.2f}")
    if match.reports is not None:
        facts.append(f"reports quote #{match.reports}")
    lines.append("   " + " \u00b7 ".join(facts))
    article = match.article
    lines.append(f"   in:    {article.title or article.id}")
    when = display_date(article.published)
    source = [part for part in (article.publisher, when, article.url) if part]
    if source:
        lines.append("          " + " \u00b7 ".join(source))
    if match.context:
        lines.append(f"   context: {match.context}")
    spread = spread_line(match)
    if spread:
        lines.append(f"   {spread}")
    return lines


def spread_line(match: Match) -> str | None:
    """How far this quote spread: "this quote is in 3 articles; first: 1 February 2024, ..."."""
    carriers = match.carriers
    if carriers is None or carriers.earliest is None:
        return None
    if carriers.count == 1 and not carriers.capped and carriers.earliest.id == match.article.id:
        return "this quote is in no other article"
    more = "+" if carriers.capped else ""
    earliest = carriers.earliest
    when = display_date(earliest.published) or "date unknown"
    where = ", ".join(part for part in (earliest.title or earliest.id, earliest.publisher) if part)
    return f"this quote is in {carriers.count:,}{more} articles; first: {when}, {where}"


def _person(person: Person | None) -> str:
    if person is None:
        return "speaker unknown"
    details = ", ".join(part for part in (person.kind, person.role, person.affiliation) if part)
    return f"{person.name} ({details})"


def _styled(kind: str, text: str) -> str:
    return click.style(text, **DIFF_STYLES[kind]) if kind in DIFF_STYLES else text
