"""A learned second opinion on the rules' quotes: drop those unlikely to be quotes.

`detect.py` proposes the arguments of every cue verb as quotes ("expressed willingness
to talk", but also "answered the phone"). For those summaries, a logistic regression
over features of each proposal (its rule, cue lemma and verb form, content length and
shape, the words of the object, the kind of speaker mention and whether the subject is
someone who speaks) gives the probability that a human
annotator would mark it as a quote, and proposals below the threshold are dropped. The
other quotes (complements such as "said he was hopeful", words in quotation marks,
"according to", nouns of saying) pass untouched:

    quotes = drop_unlikely(doc, quotes)

The weights ship in `quote_filter.json` beside this module, trained on the PolNeAR train
split by `benchmarks/train_quote_filter.py` (which documents how to retrain).
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path

from quotes.detection.attribute import subject_of
from quotes.detection.senses import speaks
from quotes.nlp import Document
from quotes.nlp.tree import tokens_in
from quotes.records import Quote

WEIGHTS = Path(__file__).with_name("quote_filter.json")
WORD = re.compile(r"\w+")
FILTERED_RULES = {"verb-object"}
MODALS = {"will", "would", "could", "can", "may", "might", "should", "must", "shall", "'ll", "wo", "ca"}
CLAUSE_HEADS = {"VERB", "AUX"}


def features(doc: Document, quote: Quote) -> list[str]:
    """The names of the features a quote has (binary features: present or not)."""
    text = doc.text
    content = " ".join(text[s:e] for s, e in quote.content)
    words = WORD.findall(content)
    out = [f"rule={quote.rule}", f"type={quote.type}", f"class={quote.cue_class}",
           f"stance={quote.stance}", f"lemma={quote.cue_lemma}",
           f"rule+lemma={quote.rule}+{quote.cue_lemma}", f"rule+type={quote.rule}+{quote.type}",
           f"words={_bucket(len(words), (3, 6, 10, 20, 40))}",
           f"rule+words={quote.rule}+{_bucket(len(words), (3, 6, 10, 20))}",
           f"pieces={min(len(quote.content), 3)}",
           f"confidence={quote.confidence:.2f}",
           f"source={_mention_kind(doc, quote)}",
           f"rule+source={quote.rule}+{_mention_kind(doc, quote)}",
           f"speaker={quote.speaker.kind if quote.speaker else 'none'}"]
    if words and words[0].lower() == "that" or _after_that(text, quote.content[0][0]):
        out.append("starts-with-that")
    if _is_question(text, quote.content[-1][1]):
        out.append("question")
    tokens = tokens_in(doc, quote.content)
    out.append(f"content-clause={any(doc.tokens[i].upos in CLAUSE_HEADS for i in tokens)}")
    out.append(f"rule+content-clause={quote.rule}+{any(doc.tokens[i].upos in CLAUSE_HEADS for i in tokens)}")
    if tokens:
        head = _head(doc, tokens)
        out += [f"first={doc.tokens[tokens[0]].upos}", f"head={doc.tokens[head].upos}",
                f"rule+head={quote.rule}+{doc.tokens[head].upos}"]
        entity = doc.entity_at(head)
        if entity is not None and entity.first <= tokens[0] and tokens[-1] <= entity.last:
            out.append(f"content-is-name={entity.label}")
        if quote.rule in FILTERED_RULES:
            out += _object_words(doc, quote, head)
    out += _cue_features(doc, quote)
    return out


def _object_words(doc: Document, quote: Quote, head: int) -> list[str]:
    """The words of a verb's object and who its subject is: "added [a goal]", "denied [the
    report]", "[the figures] point to": what tells speech from other senses."""
    lemma = doc.tokens[head].lemma.lower()
    entity = doc.entity_at(head)
    out = [f"object={lemma}", f"lemma+object={quote.cue_lemma}+{lemma}",
           f"object-entity={entity.label if entity else 'none'}"]
    cue = doc.token_at(quote.cue[0][0]) if quote.cue else None
    subject = subject_of(doc, cue) if cue is not None else None
    out.append(f"subject-speaks={speaks(doc, subject)}")
    if subject is not None:
        out.append(f"subject={doc.tokens[subject].lemma.lower()}")
    return out


def _cue_features(doc: Document, quote: Quote) -> list[str]:
    if not quote.cue:
        return ["cue=none"]
    cue = doc.token_at(quote.cue[0][0])
    if cue is None:
        return ["cue=none"]
    token = doc.tokens[cue]
    children = [doc.tokens[c] for c in doc.children(cue)]
    side = "before" if quote.cue[0][0] < quote.content[0][0] else (
        "after" if quote.cue[-1][1] > quote.content[-1][1] else "inside")
    out = [f"cue-tag={token.xpos}", f"cue-deprel={token.deprel.split(':')[0]}", f"cue-side={side}",
           f"rule+cue-deprel={quote.rule}+{token.deprel.split(':')[0]}"]
    after = doc.tokens[cue + 1] if cue + 1 < len(doc.tokens) else None
    if quote.rule == "verb-object" and after is not None and after.upos == "ADP":
        out.append(f"lemma+preposition={quote.cue_lemma}+{after.text.lower()}")
    if any(c.text.lower() in MODALS for c in children):
        out.append("cue-modal")
    if any(c.deprel == "mark" and c.text.lower() == "to" for c in children):
        out.append("cue-infinitive")
    return out


def _after_that(text: str, start: int) -> bool:
    """Whether the content follows a "that" ("said that [the bridge ...]")."""
    return text[max(0, start - 6):start].rstrip().lower().endswith("that")


def _is_question(text: str, end: int) -> bool:
    """Whether a question mark ends the content, inside or just after its last piece."""
    closing = " \"'\u201d\u2019"
    return text[:end].rstrip(closing).endswith("?") or text[end:end + 4].lstrip(closing).startswith("?")


def _mention_kind(doc: Document, quote: Quote) -> str:
    if not quote.source:
        return "none"
    tags = {doc.tokens[i].upos for i in tokens_in(doc, quote.source)}
    return "proper" if "PROPN" in tags else "pronoun" if "PRON" in tags and len(tags) == 1 else "noun"


def _head(doc: Document, tokens: list[int]) -> int:
    """The first of `tokens` whose head lies outside them."""
    inside = set(tokens)
    return next((i for i in tokens if doc.tokens[i].head not in inside or doc.tokens[i].head == i), tokens[0])


def _bucket(value: int, bounds: tuple[int, ...]) -> str:
    """`<=3`, `<=6`, ... or `>40`: the first bound `value` does not exceed."""
    for bound in bounds:
        if value <= bound:
            return f"<={bound}"
    return f">{bounds[-1]}"


class QuoteFilter:
    """Weights by feature name, a bias, and the probability below which a quote is dropped."""

    def __init__(self, weights: dict[str, float], bias: float, threshold: float):
        self.weights, self.bias, self.threshold = weights, bias, threshold

    @classmethod
    def load(cls, path: Path = WEIGHTS) -> QuoteFilter:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["weights"], data["bias"], data["threshold"])

    def probability(self, doc: Document, quote: Quote) -> float:
        """How likely `quote` is a quote an annotator would mark."""
        score = self.bias + sum(self.weights.get(name, 0.0) for name in features(doc, quote))
        return 1.0 / (1.0 + math.exp(-score))

    def keep(self, doc: Document, quotes: list[Quote]) -> list[Quote]:
        """`quotes` without the verb rules' proposals below the threshold. Quotes with
        words in quotation marks (direct and mixed) are always kept: the marks say the
        words were someone's."""
        return [q for q in quotes if not judged(q) or self.probability(doc, q) >= self.threshold]


def judged(quote: Quote) -> bool:
    """Whether the filter judges `quote`: the argument of a cue verb in reported speech
    alone (a summary of what was said). Complements of cue verbs ("said he was hopeful", nested reports included)
    pass, as do quotes with words in quotation marks."""
    return quote.rule in FILTERED_RULES and quote.type in ("indirect", "summary")


@lru_cache(maxsize=1)
def shipped_filter() -> QuoteFilter:
    """The filter trained on PolNeAR train, loaded once."""
    return QuoteFilter.load()


def drop_unlikely(doc: Document, quotes: list[Quote]) -> list[Quote]:
    """`quotes` without those the shipped filter judges unlikely to be quotes."""
    return shipped_filter().keep(doc, quotes)
