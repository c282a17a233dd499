"""Detection: the quotes of a parsed article, each with its content, cue and speaker's
mention (who that is comes later, in `quotes.speakers`).

    quotes = find_quotes(doc, find_quotations(text), ignored=article.ignored)
    quotes = drop_unlikely(doc, quotes)      # the learned filter's second opinion

- `quotemarks`: passages between quotation marks, found without a parser;
- `lexicon`: cue words and phrases, their class and stance;
- `cue_rules`, `quotation_rules`, `transcript`, `signatures`: the rules, run in order by
  `detect` (signatures: embedded posts and pull-quotes signed on a line of their own);
- `boundaries`: where a quote's words begin and end (further cues, leading links);
- `senses`: what is not a statement of what was said (questions, refusals,
  hypotheticals, non-speech senses of cue verbs, evidence rather than speech);
- `assembly`: token runs to character pieces, types (direct, indirect, mixed, summary),
  split quotes joined;
- `attribute`: who is speaking (the subject of a cue) and the words of that mention;
- `quote_filter`: a logistic regression that judges the verb rules' proposals.
"""

from quotes.detection.detect import find_quotes
from quotes.detection.lexicon import CUE_CLASSES, DEFAULT_CUE_CLASSES, phrase_class
from quotes.detection.quote_filter import drop_unlikely
from quotes.detection.quotemarks import Quotation, find_quotations

__all__ = ["CUE_CLASSES", "DEFAULT_CUE_CLASSES", "Quotation", "drop_unlikely", "find_quotations",
           "find_quotes", "phrase_class"]
