"""Where a quote's words begin and end (issue 16, point 7): the exact words a
fact-checker would look up, on texts written for these tests."""

from __future__ import annotations

import pytest


def only(quotes: list[dict], lemma: str) -> dict:
    [quote] = [q for q in quotes if q["cue_lemma"] == lemma]
    return quote


def round_trips(text: str, quotes: list[dict]) -> bool:
    """Every quote's printed words are its spans of the text, joined by a space."""
    return all(" ".join(text[s:e] for s, e in q["content"]) == q["text"] for q in quotes)


@pytest.mark.parametrize("text, lemma, words", [
    # a pronoun object is what the speech was about when a predicate about it follows
    ("The mayor accused him of misleading the council about the cost of the bridge.",
     "accuse", "him of misleading the council about the cost of the bridge"),
    ("The senator described himself as a moderate.", "describe", "himself as a moderate"),
    ("The union blamed them for the delay to the new ferry timetable.",
     "blame", "them for the delay to the new ferry timetable"),
    # the person addressed before an infinitive is not ("urged Iran [to return]")
    ("The council urged her to reopen the bridge before the winter.",
     "urge", "to reopen the bridge before the winter"),
    # nor is an object named by a quotation ('called it ["a non-starter"]')
    ("The minister called it “a non-starter for the whole region”.",
     "call", "“a non-starter for the whole region”"),
])
def test_a_pronoun_object_is_kept_only_with_what_was_said_of_it(extract, text, lemma, words):
    quotes = extract(text)
    assert only(quotes, lemma)["text"] == words
    assert round_trips(text, quotes)


@pytest.mark.parametrize("text, cue, words", [
    ("The mayor expressed concern that the bridge would not reopen before the winter.",
     "expressed concern", "the bridge would not reopen before the winter"),
    ("Both councils reiterated their agreement that the ferry should run all year.",
     "reiterated their agreement", "the ferry should run all year"),
])
def test_after_a_light_verb_the_words_are_the_clause(extract, text, cue, words):
    # the object of "expressed", "reiterated" names the speech act; its "that" clause
    # is what was said, an indirect quote of its own
    quotes = extract(text)
    [quote] = quotes
    assert (quote["type"], quote["text"]) == ("indirect", words)
    assert " ".join(text[s:e] for s, e in quote["cue"]) == cue
    assert round_trips(text, quotes)


@pytest.mark.parametrize("text", [
    # denying or holding a claim is not saying what it says; "no proof" is no statement
    "The ministry denied the claim that the ferry had been sold.",
    "The senator offered no proof that the ferry had been sold.",
])
def test_a_clause_the_speaker_did_not_state_is_not_their_words(extract, text):
    assert all(q["text"] != "the ferry had been sold" for q in extract(text))


def test_the_clause_ends_before_a_further_cue_after_its_last_conjunct(extract):
    # "underscored" hangs on the last of the clause's conjuncts in the parse: still a
    # further cue of the speaker, not part of what the first cue reports
    text = ("The two mayors reiterated their agreement that the ferry should never be sold and can "
            "never be closed and underscored their support for the crews.")
    quote = only(extract(text), "reiterate")
    assert quote["text"] == "the ferry should never be sold and can never be closed"


@pytest.mark.parametrize("text, lemma, pieces", [
    # a further "that" clause of the same cue is the same speaker's words: one piece
    (("The mayor said the city needs to repair the bridge and widen the road, but that she "
      "would not raise taxes to pay for it."), "say",
     [("the city needs to repair the bridge and widen the road, but that she would not raise "
       "taxes to pay for it")]),
    (("The coach also claims he was the only one punished for the defeat, and that his "
      "sacking was unfair."), "claim",
     ["he was the only one punished for the defeat, and that his sacking was unfair"]),
    # without "that" the second clause is the reporter's
    ("The mayor said the bridge was safe, but the council has ordered a new inspection.", "say",
     ["the bridge was safe"]),
])
def test_a_further_that_clause_of_the_cue_goes_on_with_the_words(extract, text, lemma, pieces):
    quotes = extract(text)
    assert [text[s:e] for s, e in only(quotes, lemma)["content"]] == pieces
    assert round_trips(text, quotes)


@pytest.mark.parametrize("text, pieces, kind", [
    # the fronted subject of a split clause is part of what was said
    ("The ferry service, she said, is “doing much better than it has in years.”",
     ["The ferry service", "is “doing much better than it has in years.”"], "mixed"),
    # a fronted participle clause is not ("Asked by X, she said, "..."")
    ("Asked by reporters about the bridge, she said, “It will close in March.”",
     ["“It will close in March.”"], "direct"),
    # a quotation opening in lower case completes the sentence begun before the cue
    ("If the council agrees, she said, “the ferry will run every hour.”",
     ["If the council agrees", "“the ferry will run every hour.”"], "mixed"),
    ("Of the new timetable for the ferry, the captain said, “it is a little much.”",
     ["Of the new timetable for the ferry", "“it is a little much.”"], "mixed"),
    # in upper case it is a sentence of its own
    ("If the council agrees, she said, “The ferry will run every hour.”",
     ["“The ferry will run every hour.”"], "direct"),
    # and words that say where or when the words were said are not what was said
    ("In a statement, the ferry company said, “the crossing is safe.”",
     ["“the crossing is safe.”"], "direct"),
    ("On Monday, the ferry company said, “the crossing is safe.”",
     ["“the crossing is safe.”"], "direct"),
])
def test_the_fronted_half_of_a_split_clause(extract, text, pieces, kind):
    quotes = extract(text)
    quote = only(quotes, "say")
    assert ([text[s:e] for s, e in quote["content"]], quote["type"]) == (pieces, kind)
    assert round_trips(text, quotes)


def test_a_noun_of_saying_reports_its_clause_without_that(extract):
    text = "The mayor made the claim that the bridge was safe for lorries."
    quote = only(extract(text), "claim")
    assert (quote["type"], quote["text"]) == ("indirect", "the bridge was safe for lorries")


@pytest.mark.parametrize("text, pieces", [
    # after reported words without quotation marks, a quotation in lower case after the
    # cue completes their sentence: one record, two pieces
    ("Turnout was low in the north, the mayor added, “and lower still in the valleys.”",
     ["Turnout was low in the north", "“and lower still in the valleys.”"]),
    # a quoted sentence of its own after the cue's full stop is not joined
    ("Turnout was low in the north, the mayor added. “And lower still in the valleys.”",
     ["Turnout was low in the north"]),
])
def test_a_quotation_in_lower_case_completes_reported_words(extract, text, pieces):
    quotes = extract(text)
    quote = only(quotes, "add")
    assert [text[s:e] for s, e in quote["content"]] == pieces
    assert round_trips(text, quotes)


@pytest.mark.parametrize("text, lemma, words", [
    # a further cue of the speaker after a comma inside the closing quotation mark ends
    # the reported words, as it does after a comma outside them
    (("The harbour master said the works should be “wrapped up by spring,” referring to the "
      "new pier, where the ferries will dock."), "say", "the works should be “wrapped up by spring,”"),
    (("The harbour master argued that “there is room for a second ferry,” citing a survey in "
      "which the port was found to be “under used.”"), "argue", "“there is room for a second ferry,”"),
    ("The harbour master said the works should be wrapped up by spring, referring to the new pier.",
     "say", "the works should be wrapped up by spring"),
])
def test_a_further_cue_after_a_closing_quotation_mark_ends_the_words(extract, text, lemma, words):
    quotes = extract(text)
    assert only(quotes, lemma)["text"] == words
    assert round_trips(text, quotes)


@pytest.mark.parametrize("text, lemma, words", [
    # a clause that says who a person named at the end is: the reporter's, not the speaker's
    ("The fisherman said he would vote for Senator Maria Olsen, who has represented the harbour.",
     "say", "he would vote for Senator Maria Olsen"),
    ("The mayor praised Councillor Peter Brand, who chaired the ferry committee for ten years.",
     "praise", "Councillor Peter Brand"),
    # likewise an appositive "a/the ..." that introduces the name
    ("The fisherman said he would vote for Maria Olsen, the senator for the harbour district.",
     "say", "he would vote for Maria Olsen"),
])
def test_what_introduces_a_name_at_the_end_is_left_out(extract, text, lemma, words):
    quotes = extract(text)
    assert only(quotes, lemma)["text"] == words
    assert round_trips(text, quotes)


@pytest.mark.parametrize("text, lemma, words", [
    # a "who" clause on a common noun restricts it, and quoted words are never cut
    ("The mayor said the ferry would carry pupils who live on the island.",
     "say", "the ferry would carry pupils who live on the island"),
    ("The mayor said the ferry would carry “Peter Brand, who built it.”",
     "say", "the ferry would carry “Peter Brand, who built it.”"),
    # an introduction inside the clause, not at its end, is part of it
    ("The mayor said Maria Olsen, the senator for the district, had opened the bridge.",
     "say", "Maria Olsen, the senator for the district, had opened the bridge"),
])
def test_other_closing_relative_clauses_stay(extract, text, lemma, words):
    quotes = extract(text)
    assert only(quotes, lemma)["text"] == words
