"""A synthetic news corpus of any size, for the web benchmark: articles with quotes.

Articles hold QUOTES_PER_ARTICLE quotes (direct, reported and mixed) in paragraphs of
pseudo-words drawn with a Zipf law, so the search index has a realistic long tail.
Planted words give searches of known sizes (`SEARCH_TERMS`), and one speaker,
`BUSY_SPEAKER`, says exactly `BUSY_SPEAKER_QUOTES` quotes.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator

from quotes.records import Article, Quote, Span, Speaker

QUOTES_PER_ARTICLE = 10
BUSY_SPEAKER = Speaker("Marta Kowalczyk", "person", role="minister of finance", affiliation="Poland")
BUSY_SPEAKER_QUOTES = 10_000
SEARCH_TERMS = {"stabilise": 10_000, "juncture": 1_000, "tariffs": 100}
"""Planted word -> one quote in this many carries it (1M quotes: 100, 1,000, 10,000 hits);
never a quote of BUSY_SPEAKER, whose quotes are those numbered 0 modulo 100."""
PLANTED_AT = 3737
"""Quote numbers equal to this modulo the term's rate carry the term."""

PUBLISHERS = [f"{name} {kind}" for name in ("Northern", "Daily", "Evening", "Coastal", "Metro")
              for kind in ("Herald", "Post", "Wire", "Times", "Gazette")]
CUES = [("said", "say", "neutral"), ("told reporters", "tell", "neutral"),
        ("claimed", "claim", "distancing"), ("insisted", "insist", "distancing"),
        ("warned", "warn", "neutral"), ("added", "add", "neutral")]
ANONYMOUS = ["a senior official", "a government source", "a person familiar with the talks",
             "a diplomat", "an aide"]
SYLLABLES = ["ba", "ko", "ri", "tu", "men", "sal", "dor", "vi", "ne", "pra", "lo", "gan",
             "te", "mis", "ur", "fa", "chel", "do", "rin", "bo"]


class Corpus:
    """Deterministic synthetic articles: `Corpus(seed).articles(count)`."""

    def __init__(self, seed: int = 1, speakers: int = 20_000) -> None:
        self.rng = random.Random(seed)
        self.vocabulary = self._words(4000)
        self.weights = list(itertools.accumulate(1 / rank for rank in range(1, 4001)))
        self.speakers = [self._speaker(number) for number in range(speakers)]
        self.speaker_weights = list(
            itertools.accumulate(1 / rank**0.8 for rank in range(1, speakers + 1))
        )
        self.ministries = [
            Speaker(f"{place} ministry of {topic}", "organization")
            for place in ("Polish", "French", "Kenyan", "Chilean")
            for topic in ("finance", "foreign affairs", "health")
        ]
        self.quote_number = 0

    def articles(self, count: int) -> Iterator[tuple[Article, list[Quote]]]:
        for number in range(count):
            yield self.article(number)

    def article(self, number: int) -> tuple[Article, list[Quote]]:
        rng = self.rng
        builder = _TextBuilder()
        quotes = []
        for _ in range(QUOTES_PER_ARTICLE):
            builder.add(self._sentence(rng.randrange(12, 30)) + "\n\n")
            quotes.append(self._quote(builder))
            builder.add("\n\n")
        builder.add(self._sentence(rng.randrange(20, 40)))
        year = 2019 + rng.randrange(6)
        article = Article(
            id=f"a{number:07d}",
            text=builder.text(),
            title=self._sentence(rng.randrange(5, 10)).rstrip("."),
            url=f"https://news.example/{year}/a{number:07d}",
            publisher=rng.choice(PUBLISHERS),
            published=f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
        )
        return article, quotes

    def _quote(self, builder: _TextBuilder) -> Quote:
        rng = self.rng
        self.quote_number += 1
        speaker, mention = self._pick_speaker()
        cue_text, lemma, stance = rng.choice(CUES)
        words = self._sentence(rng.randrange(8, 30)).rstrip(".")
        for term, every in SEARCH_TERMS.items():
            if self.quote_number % every == PLANTED_AT % every:
                words = f"{words} {term}"
        kind = rng.choices(["direct", "indirect", "mixed"], [5, 4, 1])[0]
        if kind == "direct":
            builder.add("\u201c")
            content = builder.add(words + ",")
            builder.add("\u201d ")
            source = builder.add(mention)
            builder.add(" ")
            cue = builder.add(cue_text)
            builder.add(".")
        else:
            source = builder.add(mention)
            builder.add(" ")
            cue = builder.add(cue_text)
            builder.add(" that ")
            if kind == "mixed":
                head, tail = words.split(" ", 1)
                words = f"{head} \u201c{tail}\u201d"
            content = builder.add(words)
            builder.add(".")
        reported_by = rng.choice(self.ministries) if rng.random() < 0.03 else None
        return Quote(
            type=kind, content=[content], cue=[cue], cue_lemma=lemma, source=[source],
            rule="synthetic", confidence=round(rng.uniform(0.5, 1.0), 2), stance=stance,
            speaker=speaker, reported_by=reported_by,
        )

    def _pick_speaker(self) -> tuple[Speaker, str]:
        if self.quote_number % (1_000_000 // BUSY_SPEAKER_QUOTES) == 0:
            return BUSY_SPEAKER, "Ms Kowalczyk"
        speaker = self.rng.choices(self.speakers, cum_weights=self.speaker_weights)[0]
        return speaker, speaker.name

    def _speaker(self, number: int) -> Speaker:
        rng = self.rng
        kind = rng.choices(["person", "organization", "anonymous", "group"], [80, 10, 6, 4])[0]
        if kind == "anonymous":
            return Speaker(f"{rng.choice(ANONYMOUS)} {number}", kind)
        name = f"{self._word().title()} {self._word().title()}"
        if kind == "person":
            role = rng.choice([None, "spokesperson", "senator", "mayor", "chief executive"])
            return Speaker(name, kind, role=role, affiliation=rng.choice([None, "Chile", "Kenya"]))
        return Speaker(f"{name} {'Group' if kind == 'group' else 'Council'}", kind)

    def _sentence(self, length: int) -> str:
        words = self.rng.choices(self.vocabulary, cum_weights=self.weights, k=length)
        return " ".join(words).capitalize() + "."

    def _word(self) -> str:
        return "".join(self.rng.choices(SYLLABLES, k=self.rng.randrange(2, 4)))

    def _words(self, count: int) -> list[str]:
        words: dict[str, None] = {}
        while len(words) < count:
            word = self._word()
            if word not in SEARCH_TERMS:
                words[word] = None
        return list(words)


class _TextBuilder:
    """Appends pieces of text and returns the span of each piece."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.length = 0

    def add(self, piece: str) -> Span:
        start = self.length
        self.pieces.append(piece)
        self.length += len(piece)
        return (start, self.length)

    def text(self) -> str:
        return "".join(self.pieces)
