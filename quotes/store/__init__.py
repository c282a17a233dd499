"""Storage: articles, quotes, speakers and their aliases in SQLite; one writer, any
number of readers.

    with Store("db/quotes.db") as store:
        store.save(article, quotes, extractor)

- `database`: the `Store`, and checks on a database file;
- `rows`: the rows of one article, worked out where extraction runs;
- `keys`: what makes two articles one (canonical URL, text hash);
- `readonly`: opening a database to read only, on read-only media too;
- `schema`: the SQL, and the migrations that bring a database up to date;
- `speakers`: listing speakers (with their roles as of their quotes), and the editors'
  merges and renames;
- `links`: one speaker for every form of a name, as speakers are saved;
- `derived`: columns today's rules compute, filled and kept true.

Names are loaded on first use, so that `quotes check`, which reads the schema version
only, does not import sqlite-utils.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quotes.lazy import exports

if TYPE_CHECKING:
    from quotes.store.database import Store, StoreError, check_database
    from quotes.store.readonly import connect_read_only
    from quotes.store.rows import ArticleRows, article_rows
    from quotes.store.speakers import list_speakers, merge_speakers, rename_speaker, speaker_roles

__all__ = ["ArticleRows", "Store", "StoreError", "article_rows", "check_database", "connect_read_only",
           "list_speakers", "merge_speakers", "rename_speaker", "speaker_roles"]
_HOMES = {"Store": "database", "StoreError": "database", "check_database": "database",
          "connect_read_only": "readonly",
          "ArticleRows": "rows", "article_rows": "rows", "list_speakers": "speakers",
          "merge_speakers": "speakers", "rename_speaker": "speakers", "speaker_roles": "speakers"}

__getattr__ = exports(__name__, _HOMES)
