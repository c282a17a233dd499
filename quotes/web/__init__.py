"""The web site: Datasette over a quotes database, with this package's plugin, pages,
templates, static files and metadata.

    datasette = make_datasette("db/quotes.db", immutable=True)

- `plugin`: the Datasette hooks (Datasette loads it through the `datasette` entry point);
- `databases`: which attached database holds quotes;
- `pages/`: one module per page type (home, quote, speaker, article, the fact-check page,
  the quote list's facets);
- `serve`: `quotes serve`;
- `templates/`, `static/`, `metadata.yml`.
"""
