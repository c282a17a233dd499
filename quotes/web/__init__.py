"""The web site: Datasette over a quotes database, with this package's plugin, pages,
templates, static files and metadata.

    datasette = make_datasette("db/quotes.db", immutable=True)

- `plugin`: the Datasette hooks (Datasette loads it through the `datasette` entry point);
- `databases`: which attached database holds quotes;
- `pages/`: one module per page type (home, the quotes, speakers and articles listings,
  quote, speaker, article, the fact-check page, errors) and what they share (the
  selection of quotes and its counts, counts with summaries apart (`tallies`), search
  syntax, speaker search, parameters, addresses, display filters, timelines, highlights,
  links);
- `serve`: `quotes serve`;
- `templates/`, `static/`, `metadata.yml`.
"""
