"""quotes: find who said what in news articles, store it in SQLite, browse it with Datasette."""

__version__ = "0.2.0"
