"""An article's rows as the store writes them, worked out from its records.

    rows = article_rows(article, quotes)      # in a worker: raises StoreError if invalid
    store.save_rows([(article, rows)])        # in the one writer

Everything that needs only the article and its quotes is done here: the quotes' words
as printed and as `quotes check` compares them, their spans as JSON, the article's
fingerprints, each speaker's key. Ingest does it where extraction runs (worker
processes, a Dask cluster), in parallel, so that the single writer is left with what
only the database knows: row numbers, speaker ids and counts. The rows are plain data
(lists, dicts, strings and numbers), to travel between processes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from quotes.errors import StoreError
from quotes.normalize import normalize
from quotes.records import Article, Quote, Span, Speaker
from quotes.speakers.identity import is_name_form, speaker_key
from quotes.store.keys import canonical_url, words_hash

QUOTE_COLUMNS = ("id", "text", "speaker_id", "type", "cue_text", "cue_lemma", "cue_class",
                 "stance", "reported_by_id", "source_text", "published", "publisher",
                 "article_id", "start", "end", "content", "cue", "source", "confidence", "rule",
                 "normalized", "speaker_role", "speaker_affiliation", "via")
"""The columns of a quote row, in order; `speaker_kind` is looked up when it is written.
`speaker_role` and `speaker_affiliation` are the ones the quote's own article gives."""
ID, TEXT, SPEAKER_ID, REPORTED_BY_ID = (QUOTE_COLUMNS.index(name) for name in (
    "id", "text", "speaker_id", "reported_by_id"))


@dataclass
class ArticleRows:
    """What the store writes for one article, but for row numbers, speaker ids and times.

    `quotes` are lists in QUOTE_COLUMNS order whose `id` is None and whose `speaker_id`
    and `reported_by_id` hold speaker keys, for the writer to number. `speakers` are
    [key, name, kind, role, affiliation, org_type, aliases, namesakes], one per key
    (`namesakes`: the keys of other people the article names with a form of this name)."""

    words: int
    text_hash: str
    content_hash: str
    canonical_url: str | None
    ignored: str
    quotes: list[list]
    speakers: list[list]

    @classmethod
    def from_plain(cls, plain: dict) -> ArticleRows:
        return cls(**plain)


def article_rows(article: Article, quotes: list[Quote]) -> ArticleRows:
    """The rows of `article` and its `quotes`; StoreError if the store would refuse them."""
    check_record(article, quotes)
    words = article.text.split()
    speakers: dict[str, Speaker] = {}
    keys: dict[int, str] = {}
    for quote in quotes:
        for speaker in (quote.speaker, quote.reported_by):
            if speaker is not None and id(speaker) not in keys:
                key = keys[id(speaker)] = speaker_key(speaker, article.id)
                speakers[key] = combine_mentions(speakers.get(key), speaker)
    return ArticleRows(
        words=len(words),
        text_hash=words_hash(words),
        content_hash=content_hash(article),
        canonical_url=canonical_url(article.url),
        ignored=spans_json(article.ignored),
        quotes=[_quote_row(article, quote, keys) for quote in quotes],
        speakers=[[key, speaker.name, speaker.kind, speaker.role, speaker.affiliation,
                   speaker.org_type, sorted(a for a in speaker.aliases if is_name_form(a, speaker)),
                   sorted({speaker_key(Speaker(name, "person")) for name in speaker.namesakes})]
                  for key, speaker in speakers.items()],
    )


def content_hash(article: Article) -> str:
    """A fingerprint of everything stored about `article` itself, to skip unchanged ones."""
    fields = [
        article.title,
        article.url,
        article.publisher,
        article.published,
        article.author,
        article.ignored,
    ]
    # BLAKE2 over the text's bytes: four times faster than SHA-256 over its JSON form, and
    # it runs for every article read. JSON never holds a NUL, so the fields end there.
    digest = hashlib.blake2b(json.dumps(fields).encode() + b"\0", digest_size=32)
    digest.update(article.text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def combine_mentions(known: Speaker | None, seen: Speaker) -> Speaker:
    """Combine two mentions of one speaker: first name, latest role/affiliation, all aliases
    (every mention's name among them, so that they do not depend on which mention came first
    in a batch).

    `known` is a copy made on the first mention, and is updated in place."""
    if known is None:
        return Speaker(seen.name, seen.kind, seen.role, seen.affiliation, set(seen.aliases),
                       seen.org_type, set(seen.namesakes))
    known.role = seen.role or known.role
    known.affiliation = seen.affiliation or known.affiliation
    known.aliases |= {seen.name, *seen.aliases}
    known.org_type = known.org_type or seen.org_type
    known.namesakes |= set(seen.namesakes)
    return known


def _quote_row(article: Article, quote: Quote, keys: dict[int, str]) -> list:
    text, speaker, reporter = article.text, quote.speaker, quote.reported_by
    words = quote.text(text)
    return [
        None,
        words,
        None if speaker is None else keys[id(speaker)],
        quote.type,
        " ".join(text[s:e] for s, e in quote.cue) or None,
        quote.cue_lemma,
        quote.cue_class,
        quote.stance,
        None if reporter is None else keys[id(reporter)],
        quote.source_text(text),
        article.published,
        article.publisher,
        article.id,
        quote.content[0][0],
        quote.content[-1][1],
        spans_json(quote.content),
        spans_json(quote.cue),
        spans_json(quote.source),
        quote.confidence,
        quote.rule,
        normalize(words),
        None if speaker is None else speaker.role,
        None if speaker is None else speaker.affiliation,
        quote.via,
    ]


def spans_json(spans: list[Span]) -> str:
    """`json.dumps(spans)`, five times faster: it runs three times for every quote stored,
    mostly on one span (ten times faster again)."""
    if len(spans) == 1:
        (start, end), = spans
        return f"[[{start}, {end}]]"
    return "[" + ", ".join(f"[{start}, {end}]" for start, end in spans) + "]"


def check_record(article: Article, quotes: list[Quote]) -> None:
    """Raise StoreError, saying why, if the store would refuse this article and its quotes:
    records whose spans would not round-trip (`text[start:end]` must be the piece)."""
    if not isinstance(article.id, str) or not article.id:
        raise StoreError(f"article id must be a non-empty string, not {article.id!r}")
    for field in ("text", "title"):
        try:
            (getattr(article, field) or "").encode("utf-8")
        except UnicodeEncodeError as error:
            raise StoreError(
                f"article {article.id!r}: the {field} is not valid Unicode"
                f" (character {error.start} cannot be encoded); check how it was decoded"
            ) from error
    length = len(article.text)
    for number, quote in enumerate(quotes, 1):
        if not quote.content:
            raise _refused(article, number, "no content spans")
        # Inline, not a helper per span: this runs for every span stored.
        for spans in (quote.content, quote.cue, quote.source):
            for start, end in spans:
                if not (type(start) is int and type(end) is int and 0 <= start <= end <= length):
                    raise _refused(article, number,
                                   f"span {(start, end)} is outside the text (0-{length})")
        for speaker in (quote.speaker, quote.reported_by):
            if speaker is not None and not speaker.name.strip():
                raise _refused(article, number, "a speaker has an empty name")


def _refused(article: Article, number: int, reason: str) -> StoreError:
    return StoreError(f"article {article.id!r}, quote {number}: {reason}")
