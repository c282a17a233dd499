"""A check as schema.org ClaimReview JSON-LD, for fact-checkers to complete.

The record says what the database knows: the claim, who said the words (the Claim's
author), the earliest article carrying them (firstAppearance, datePublished) and every
article carrying them (appearance). It has no reviewRating and no review author: those
are the fact-checker's to add. See https://schema.org/ClaimReview.
"""

from __future__ import annotations

from quotes.factcheck.results import CheckResult, Person, Source

AUTHOR_TYPES = {"organization": "Organization", "group": "Organization"}
"""schema.org types for speaker kinds; any other kind (person, anonymous) is a Person."""


def claim_review(result: CheckResult) -> dict:
    """The ClaimReview for `result`; a claim that was not found gets an empty Claim."""
    claim: dict = {"@type": "Claim"}
    words = [match for match in result.matches if match.label != "related"]
    if result.found and words:
        top = words[0]
        if top.speaker is not None:
            claim["author"] = _author(top.speaker)
        carriers = top.carriers
        if carriers is not None and carriers.earliest is not None:
            if carriers.earliest.published:
                claim["datePublished"] = carriers.earliest.published
            claim["firstAppearance"] = _creative_work(carriers.earliest)
            claim["appearance"] = [_creative_work(article) for article in carriers.articles]
    reviewed = result.claim
    if result.speaker:
        reviewed = f"{result.speaker} said: \u201c{result.claim}\u201d"
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": reviewed,
        "itemReviewed": claim,
    }


def _author(person: Person) -> dict:
    author = {"@type": AUTHOR_TYPES.get(person.kind, "Person"), "name": person.name}
    if person.role and author["@type"] == "Person":
        author["jobTitle"] = person.role
    return author


def _creative_work(article: Source) -> dict:
    work: dict[str, object] = {
        "@type": "CreativeWork",
        "url": article.url,
        "headline": article.title,
        "datePublished": article.published,
    }
    if article.publisher:
        work["publisher"] = {"@type": "Organization", "name": article.publisher}
    return {key: value for key, value in work.items() if value is not None}
