"""Fact-checking: claimed words looked up in a quotes database, whose they are, where and
when they were printed, and whether the claim alters or misattributes them.

    result = check_claim(open_database("db/quotes.db"), "benefit our two countries", speaker="Joe Biden")
    print(render(result))                      # or claim_review(result), result.as_dict()

- `check`: a claim checked: `check_claim` (direct, indirect and mixed quotes unless told
  otherwise: `CHECKED_TYPES`), `open_database`;
- `search`: candidates through FTS5, each labelled against the claim;
- `verdict`: the order of the matches, and the verdict;
- `results`: what a check answers;
- `worddiff`: the word alignment behind "altered" and its diff;
- `names`: whether a claimed name is a stored speaker's;
- `report` (text), `claimreview` (schema.org JSON-LD).

This package imports neither spaCy nor sqlite-utils: `quotes check` starts fast.
"""

from quotes.factcheck.check import CHECKED_TYPES, check_claim, open_database
from quotes.factcheck.claimreview import claim_review
from quotes.factcheck.report import render
from quotes.factcheck.results import CheckError, CheckResult, Match

__all__ = ["CHECKED_TYPES", "CheckError", "CheckResult", "Match", "check_claim", "claim_review", "open_database", "render"]
