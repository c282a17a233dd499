"""Hand-built articles and quotes for the store and serve tests: no NLP needed.

Two articles quote Antony Blinken under different name forms; the second also has a
nested report (the ministry reports what Wang Yi demanded). The texts hold curly quotes,
accents and an emoji before some spans, so offsets are tested beyond ASCII.
"""

from __future__ import annotations

from quotes.records import Article, Quote, Span, Speaker

TALKS_TEXT = (
    "Antony Blinken arrived in Beijing on Sunday for talks with Chinese officials. "
    "\u201cWe are at a critical moment,\u201d Mr Blinken told reporters in the caf\u00e9, "
    "\u201cand we must keep talking.\u201d \U0001f91d "
    "He said both sides wanted to stabilise relations."
)

MINISTRY_TEXT = (
    "China\u2019s foreign ministry said Wang Yi had demanded that the US stop interfering "
    "in its affairs.\n\n"
    "Blinken said the junctures ahead would test both countries."
)


def at(text: str, piece: str, word: str | None = None) -> Span:
    """The span of `piece`, which must occur once in `text`, or of `word` within it."""
    assert text.count(piece) == 1, f"{piece!r} must occur once"
    start = text.index(piece)
    if word is None:
        return (start, start + len(piece))
    start += piece.index(word)
    return (start, start + len(word))


def blinken(**changes) -> Speaker:
    fields = {"name": "Antony Blinken", "kind": "person", "role": "US secretary of state"}
    return Speaker(**{**fields, **changes})


def talks_article(text: str = TALKS_TEXT) -> tuple[Article, list[Quote]]:
    """Blinken, quoted directly in two pieces, then in reported speech."""
    article = Article(
        id="talks",
        text=text,
        title="Blinken arrives in Beijing",
        url="https://example.org/talks",
        publisher="Example News",
        published="2023-06-18",
        author="A Reporter",
        path="articles/talks.txt",
    )
    speaker = blinken(aliases={"Mr Blinken"})
    quotes = [
        Quote(
            type="direct",
            content=[
                at(text, "We are at a critical moment,"),
                at(text, "and we must keep talking."),
            ],
            cue=[at(text, "told")],
            cue_lemma="tell",
            source=[at(text, "Mr Blinken")],
            rule="quote-cue-speaker",
            confidence=0.95,
            speaker=speaker,
        ),
        Quote(
            type="indirect",
            content=[at(text, "both sides wanted to stabilise relations")],
            cue=[at(text, "said")],
            cue_lemma="say",
            source=[at(text, "He")],
            rule="speaker-cue-ccomp",
            confidence=0.8,
            speaker=speaker,
        ),
    ]
    return article, quotes


def wang_yi() -> Speaker:
    return Speaker("Wang Yi", "person", role="foreign minister", affiliation="China")


def ministry() -> Speaker:
    return Speaker(
        "China's foreign ministry", "organization", aliases={"China\u2019s foreign ministry"}
    )


def ministry_article(with_wang: bool = True) -> tuple[Article, list[Quote]]:
    """A nested report (Wang Yi, reported by the ministry) and Blinken under his surname."""
    text = MINISTRY_TEXT
    article = Article(
        id="ministry",
        text=text,
        title="China demands US stop interfering",
        url="https://example.org/ministry",
        publisher="Example Wire",
        published="2023-06-19",
    )
    nested = Quote(
        type="indirect",
        content=[at(text, "the US stop interfering in its affairs")],
        cue=[at(text, "demanded")],
        cue_lemma="demand",
        source=[at(text, "Wang Yi")],
        rule="nested-report",
        confidence=0.7,
        stance="neutral",
        speaker=wang_yi(),
        reported_by=ministry(),
    )
    junctures = Quote(
        type="indirect",
        content=[at(text, "the junctures ahead would test both countries")],
        cue=[at(text, "Blinken said", "said")],
        cue_lemma="say",
        source=[at(text, "Blinken")],
        rule="speaker-cue-ccomp",
        confidence=0.85,
        speaker=blinken(role=None, affiliation="US", aliases={"Blinken"}),
    )
    return article, [nested, junctures] if with_wang else [junctures]


def article_quoting(number: int, speaker: Speaker) -> tuple[Article, list[Quote]]:
    """A one-quote article, for batches."""
    text = f"{speaker.name} said the plan number {number} would work."
    article = Article(id=f"article-{number}", text=text, published=f"2023-07-{number % 28 + 1:02d}")
    quote = Quote(
        type="indirect",
        content=[at(text, f"the plan number {number} would work")],
        cue=[at(text, "said")],
        cue_lemma="say",
        source=[at(text, speaker.name)],
        rule="speaker-cue-ccomp",
        confidence=0.9,
        speaker=speaker,
    )
    return article, [quote]


PRESIDENT = Speaker("Maria Okafor", "person", role="President", affiliation="Ruritania")


def said(text: str, words: str, cue: str, mention: str, speaker: Speaker, kind: str = "indirect", via: str | None = None) -> Quote:
    """A quote of `words`; `cue` is the cue word, or a phrase ending in it ("The president said")."""
    cue_word = cue.split()[-1] if cue.startswith(mention) else cue
    return Quote(kind, [at(text, words)], [at(text, cue, cue_word)], cue_word.split()[0], [at(text, mention)], "test-rule", 0.8,
                 speaker=speaker, via=via)  # fmt: skip


def okafor_articles() -> list[tuple[Article, list[Quote]]]:
    """Maria Okafor as a minister in 2022 (a quote), then as President in 2023 (two quotes
    and a summary)."""
    minister = Speaker("Maria Okafor", "person", role="finance minister", affiliation="Ruritania")
    first = "The finance minister Maria Okafor said the budget was balanced."
    second = ("President Maria Okafor defended her decision to close the border. "
              "The president said the border would reopen in May. She added that trade would resume.")  # fmt: skip
    return [
        (Article("okafor-2022", first, title="Budget balanced", publisher="Daily Example", published="2022-11-14"),
         [said(first, "the budget was balanced", "said", "The finance minister Maria Okafor", minister)]),
        (Article("okafor-2023", second, title="Border closed", publisher="Daily Example", published="2023-06-19"),
         [said(second, "her decision to close the border", "defended", "President Maria Okafor", PRESIDENT, "summary"),
          said(second, "the border would reopen in May", "The president said", "The president", PRESIDENT),
          said(second, "trade would resume", "added", "She", PRESIDENT)]),
    ]  # fmt: skip


def documents_article() -> tuple[Article, list[Quote]]:
    """A police report with no author named speaks; prosecutors speak through a complaint."""
    text = ("A police report said the car was stolen. "
            "The complaint filed by prosecutors alleges that the driver fled.")  # fmt: skip
    report = Speaker("police report", "document")
    prosecutors = Speaker("Prosecutors", "group")
    return Article("documents", text, title="Car stolen", published="2023-07-01"), [
        said(text, "the car was stolen", "said", "A police report", report),
        said(text, "the driver fled", "alleges", "The complaint filed by prosecutors", prosecutors, via="complaint"),
    ]
