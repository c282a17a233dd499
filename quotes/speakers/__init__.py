"""Speakers: who each quote's mention is, within its article ("he" is Antony Blinken, "it"
is the ministry), and when two speakers of different articles are one.

    resolve_speakers(doc, quotes, quotations)   # sets quote.speaker (and reported_by)
    speaker_key(quote.speaker, article_id)   # "person:antony blinken"

- `resolve`: mentions to speakers, over the parse the engine made;
- `referents`: the people and organisations an article names;
- `mentions`: roles and affiliations from titles and appositives;
- `names`, `organisations`, `countries`: name forms, organisation types, demonyms;
- `identity`: the key that identifies a speaker across articles.

Names are loaded on first use, so that `quotes check`, which compares names, does not
import the resolution rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quotes.lazy import exports

if TYPE_CHECKING:
    from quotes.speakers.identity import PER_ARTICLE, normalized_name, speaker_key
    from quotes.speakers.organisations import org_type
    from quotes.speakers.resolve import resolve_speakers

__all__ = ["PER_ARTICLE", "normalized_name", "org_type", "resolve_speakers", "speaker_key"]
__getattr__ = exports(__name__, {"PER_ARTICLE": "identity", "normalized_name": "identity",
                                 "speaker_key": "identity", "org_type": "organisations",
                                 "resolve_speakers": "resolve"})
