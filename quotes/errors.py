"""The errors `quotes` raises for its users: each says in one line what went wrong and,
where it can, what to do. The command line turns any of them into that line and an exit
status (`quotes.cli`), never a traceback.

Each stage names its own by condition (`EngineUnavailable`, `ModelsMissing`,
`CorruptWarc`...); all derive from `QuotesError`.
"""


class QuotesError(Exception):
    """A problem the user can act on, described in one line."""

    exit_code = 1


class StoreError(QuotesError):
    """A database problem, or a record the database would refuse, in one line for the user."""
