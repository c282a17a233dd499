"""The pipeline: articles in, quotes with resolved speakers out, in this process, in
worker processes or on a Dask cluster, and into the store.

    for article, quotes in extract_articles(read_articles(paths), load_engine("spacy")):
        ...
    with ProcessPool(EngineSpec("spacy"), workers=2) as extractor:
        summary = ingest(paths, store, extractor, fingerprint=...)

- `extract`: one parsed article's quotes (a long one piece by piece), and the JSON Lines
  of `quotes extract`;
- `batches`: extraction as plain data in and out, for workers; each article's quotes or
  why it has none (`extract_each`: failures and the time limit cost one article only);
- `timelimit`: the time limit on one article, in any thread;
- `parallel` (this process, local worker processes), `distributed` (Dask);
- `ingest`: read, extract, store, report what was passed over;
- `progress`: the one-line progress display.
"""

from quotes.pipeline.batches import EngineSpec, Outcome, extract_each
from quotes.pipeline.extract import article_json, extract_articles, extract_document, propose_quotes
from quotes.pipeline.ingesting import ingest
from quotes.pipeline.parallel import ExtractionError, InProcess, ProcessPool
from quotes.pipeline.progress import Progress
from quotes.pipeline.timelimit import ArticleTimeout, TimeLimit

__all__ = ["ArticleTimeout", "EngineSpec", "ExtractionError", "InProcess", "Outcome", "ProcessPool",
           "Progress", "TimeLimit", "article_json", "extract_articles", "extract_document", "extract_each",
           "ingest", "propose_quotes"]
