"""Reading articles: text, HTML, JSON Lines and WARC files, folders and standard input,
each turned into an `Article` whose text is never altered afterwards.

    for item in read_articles(["examples/"], max_chars=1_000_000):
        ...  # an Article, or a Skipped input with the reason (PassedOver: documentation)

Page furniture (link lists, captions, credits) is found here too and kept as the
article's `ignored` spans, where no quote is looked for.
"""

from quotes.reading.corpus import PassedOver, Skipped, article_id, is_documentation, read_articles
from quotes.reading.dates import parse_date
from quotes.reading.furniture import find_furniture

__all__ = ["PassedOver", "Skipped", "article_id", "find_furniture", "is_documentation", "parse_date",
           "read_articles"]
