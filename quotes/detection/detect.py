"""Find quotes in a parsed article: what was said, by which mention, through which cue.

Five kinds of rules, run in order, each a small function:

- cue rules: a reporting verb and its clausal complement ("X said (that) ...",
  "..., saying ...", `"...," X said`), or "according to X, ...";
- transcript turns: a paragraph opening with a speaker's name in capitals and a colon
  ("TAPPER: Do you think ...?", `transcript.py`);
- signed quotes (`signatures`): an embedded post over its signature line
  (`— Name (@handle) date`), a pull-quote over a name line (`Name, mayor of Town`);
- quotation rules (`quotation_rules`): a passage in quotation marks that no cue rule took, attributed by
  what stands around it (a cue in the same sentence, a colon header, a trailing
  "-Name", or the speaker of the quote paragraph before it);
- split quotes (`"A," he said, "B."`) are joined into one quote with two pieces.

Speakers are resolved afterwards (`quotes.speakers`): here `source` is only the mention.
"""

from __future__ import annotations

from collections.abc import Iterable

from quotes.detection.assembly import (
    drop_duplicates,
    drop_objects_with_cues,
    drop_summaries_of_quotes,
    join_split_quotes,
    quote_type,
)
from quotes.detection.context import Context
from quotes.detection.cue_rules import (
    citing_sources,
    cue_rules,
    drop_nested_reports,
    headline_claim,
    labelled_turns,
)
from quotes.detection.lexicon import (
    DEFAULT_CUE_CLASSES,
)
from quotes.detection.quotation_rules import quotation_rules, speakers_named_before
from quotes.detection.quotemarks import Quotation
from quotes.detection.signatures import signed_quotes
from quotes.nlp import Document
from quotes.records import Quote, Span


def find_quotes(doc: Document, quotations: list[Quotation], ignored: Iterable[Span] = (),
                cue_classes: Iterable[str] = DEFAULT_CUE_CLASSES, every_object: bool = False) -> list[Quote]:
    """All quotes in `doc`, in text order, with their cue and speaker mention.

    `cue_classes` chooses which cues make quotes: `speech` ("said"), `cognition`
    ("believes", "wants") and `evidential` ("a poll shows"). `every_object`: every cue
    verb's arguments may be what was said, not only those of `lexicon.OBJECT_CONTENT`
    (for the learned filter to sort out: `quote_filter.py`)."""
    ctx = Context(doc, quotations, list(ignored), tuple(cue_classes), every_object)
    found = [q for q in cue_rules(ctx) if q.content]
    found = drop_duplicates(found)
    found = drop_objects_with_cues(found)
    found += citing_sources(ctx, found)
    found += labelled_turns(ctx)
    found = with_headline_claim(found, headline_claim(ctx))
    found += signed_quotes(ctx, found)
    found += quotation_rules(ctx, found)
    found = drop_summaries_of_quotes(found)
    join_split_quotes(ctx, found)
    found += speakers_named_before(ctx, found)
    found = drop_nested_reports(ctx, found)
    for quote in found:
        quote.type = quote_type(ctx, quote.content, quote.rule)
    return sorted(found, key=lambda q: q.content[0])


def with_headline_claim(found: list[Quote], headline: list[Quote]) -> list[Quote]:
    """An attributed headline is one quote: the quotes found inside its claim go."""
    for claim in headline:
        start, end = claim.content[0]
        found = [q for q in found if not all(start <= s and e <= end for s, e in q.content)]
    return found + headline
