"""Speakers named by a description or a misplaced mention (spaCy engine): "the king" is
the king the article named, a mention inside the quoted words is never their speaker."""

from __future__ import annotations

import pytest

from quotes.pipeline.extract import extract_articles
from quotes.records import Article


@pytest.fixture(scope="module")
def quotes_of(engine):
    def run(text: str):
        [(_, quotes)] = list(extract_articles([Article("test", text)], engine))
        return sorted(quotes, key=lambda q: q.content[0])

    return run


def speakers(quotes_of, text: str) -> list[tuple[str | None, str | None]]:
    """[(mention, speaker name)] in text order."""
    return [(q.source_text(text), q.speaker.name if q.speaker else None) for q in quotes_of(text)]


@pytest.mark.parametrize("text, mention, name", [
    (("On Thursday, Pope Francis announced new rules for parishes. The letter signed by the "
     "Pope read \"Every parish must keep a register of complaints.\""), "The letter", "Francis"),
    (("The princess withdrew after a statement from her younger brother, King Harald Vinter. "
     "On Monday the king said that no member of the royal family would stand for office."),
     "the king", "Harald Vinter"),
])
def test_a_title_in_the_name_is_the_person_the_title_points_back_to(quotes_of, text, mention, name):
    assert (mention, name) in speakers(quotes_of, text)
