"""The bounds on one article, whatever it holds: the defaults of `--max-chars` and
`--article-timeout` (read by `quotes.reading` and `quotes.pipeline`; kept here, apart, so
that the command line knows them without importing either).

Memory is bounded by the pieces an article is parsed in (`quotes.nlp.chunks`), not by
its length: see README, "Ingesting at scale".
"""

MAX_CHARS = 1_000_000
"""Longer texts are not news articles (a book, a log file): they are skipped, not read whole."""

ARTICLE_TIMEOUT = 600.0
"""Seconds one article may take (parsing and finding its quotes) before it is given up:
ten times what a 1,000,000-character article takes on a busy 2-core machine."""
