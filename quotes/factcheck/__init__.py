"""Fact-checking: claimed words looked up in a quotes database, whose they are, where and
when they were printed, and whether the claim alters or misattributes them.

    result = check(open_database("db/quotes.db"), "benefit our two countries", speaker="Joe Biden")
    print(render(result))                      # or claim_review(result), result.as_dict()

- `lookup`: candidates through FTS5, labels, the verdict;
- `worddiff`: the word alignment behind "altered" and its diff;
- `names`: whether a claimed name is a stored speaker's;
- `report` (text), `claimreview` (schema.org JSON-LD).

This package imports neither spaCy nor sqlite-utils: `quotes check` starts fast.
"""

from quotes.factcheck.claimreview import claim_review
from quotes.factcheck.lookup import CheckError, CheckResult, Match, check, open_database
from quotes.factcheck.report import render

__all__ = ["CheckError", "CheckResult", "Match", "check", "claim_review", "open_database", "render"]
