"""Attribution patterns: each row is a text and the quote a reader would expect from it."""

from __future__ import annotations

import pytest

PATTERNS = [
    # text, type, words in the content, cue lemma, mention, speaker
    # "...," X said / "...," said X
    ("“We will rebuild the bridge,” Mayor Ann Ortiz said on Monday.",
     "direct", "We will rebuild the bridge", "say", "Mayor Ann Ortiz", "Ann Ortiz"),
    ("“We will rebuild the bridge,” said Mayor Ann Ortiz.",
     "direct", "We will rebuild the bridge", "say", "Mayor Ann Ortiz", "Ann Ortiz"),
    ("''We will rebuild the bridge,'' said Mayor Ann Ortiz.",
     "direct", "We will rebuild the bridge", "say", "Mayor Ann Ortiz", "Ann Ortiz"),
    # X said: "..."
    ("Mayor Ann Ortiz said: “We will rebuild the bridge by spring.”",
     "direct", "We will rebuild the bridge by spring", "say", "Mayor Ann Ortiz", "Ann Ortiz"),
    # X said (that) ...
    ("Ann Ortiz said that the bridge would reopen in the spring.",
     "indirect", "the bridge would reopen in the spring", "say", "Ann Ortiz", "Ann Ortiz"),
    ("Ann Ortiz said the bridge would reopen in the spring.",
     "indirect", "the bridge would reopen in the spring", "say", "Ann Ortiz", "Ann Ortiz"),
    # X told reporters (that) ...
    ("Ann Ortiz told reporters the bridge would reopen in the spring.",
     "indirect", "the bridge would reopen in the spring", "tell", "Ann Ortiz", "Ann Ortiz"),
    ("Ann Ortiz told reporters that the bridge would reopen in the spring.",
     "indirect", "the bridge would reopen in the spring", "tell", "Ann Ortiz", "Ann Ortiz"),
    # according to X, ...
    ("The bridge will reopen in the spring, according to the city council.",
     "indirect", "The bridge will reopen in the spring", "according to", "the city council",
     "city council"),
    ("According to Ann Ortiz, the bridge will reopen in the spring.",
     "indirect", "the bridge will reopen in the spring", "according to", "Ann Ortiz", "Ann Ortiz"),
    # participles: ..., saying (that) ... / ..., adding ...
    ("Ann Ortiz spoke at the hall on Friday, saying that the bridge would reopen soon.",
     "indirect", "the bridge would reopen soon", "say", "Ann Ortiz", "Ann Ortiz"),
    # passive: X was quoted as saying ...
    ("Ann Ortiz was quoted as saying that the bridge would reopen in May.",
     "indirect", "the bridge would reopen in May", "say", "Ann Ortiz", "Ann Ortiz"),
    # the cue in the middle or at the end: A, X said, B / A, X said.
    ("The bridge is safe, Ann Ortiz said, and it will stay open all winter.",
     "indirect", "The bridge is safe", "say", "Ann Ortiz", "Ann Ortiz"),
    ("By next spring, Ann Ortiz said, the bridge will be open again.",
     "indirect", "the bridge will be open again", "say", "Ann Ortiz", "Ann Ortiz"),
    # appositives and asides
    ("Hugh Hill, a doctor, said: “The clinic will stay open all winter.”",
     "direct", "The clinic will stay open all winter", "say", "Hugh Hill", "Hugh Hill"),
    ("Sir Vince Cable, who replaced Tim Farron as leader in July, said the party would fight on.",
     "indirect", "the party would fight on", "say", "Sir Vince Cable", "Vince Cable"),
    ("“It is a fine day for it,” said the engineer, Tom Bell, who led the inspection.",
     "direct", "It is a fine day for it", "say", "Tom Bell", "Tom Bell"),
    # colon header and trailing signature
    ("Dana Reyes: “This bridge has waited long enough for its repairs.”",
     "direct", "This bridge has waited long enough", "say", "Dana Reyes", "Dana Reyes"),
    ("“This bridge has waited long enough for its repairs.” -Commissioner Geoffrey Starks",
     "direct", "This bridge has waited long enough", "say", "Commissioner Geoffrey Starks",
     "Geoffrey Starks"),
    ("“This bridge has waited long enough for its repairs.” \u2015 Sonya Herridge",
     "direct", "This bridge has waited long enough", "say", "Sonya Herridge", "Sonya Herridge"),
    # a speaker named in the sentence before
    ("Alice Moore began talking to the crowd. “The bridge will not reopen before the spring.”",
     "direct", "The bridge will not reopen before the spring", None, "Alice Moore", "Alice Moore"),
    # speech acts whose arguments name what was said: summaries
    ("Ann Ortiz called for an inquiry into the collapse.",
     "summary", "an inquiry into the collapse", "call", "Ann Ortiz", "Ann Ortiz"),
    ("Ann Ortiz accused the council of delaying the repairs.",
     "summary", "the council of delaying the repairs", "accuse", "Ann Ortiz", "Ann Ortiz"),
    # nouns of saying with their "that" clause
    ("Ann Ortiz's accusation that the council is lying was repeated.",
     "indirect", "the council is lying", "accusation", "Ann Ortiz", "Ann Ortiz"),
    ("Ann Ortiz made the claim that the council is hiding the report.",
     "indirect", "the council is hiding the report", "claim", "Ann Ortiz", "Ann Ortiz"),
    # mixed: reported speech with quoted words
    ("The mayor said the repairs were “long overdue and badly planned”.",
     "mixed", "the repairs were “long overdue and badly planned”", "say", "The mayor", "mayor"),
]


@pytest.mark.parametrize("text, kind, words, lemma, mention, speaker", PATTERNS)
def test_attribution_patterns(extract, text, kind, words, lemma, mention, speaker):
    quotes = [q for q in extract(text) if words in q["text"]]
    assert len(quotes) == 1, extract(text)
    [quote] = quotes
    assert (quote["type"], quote["cue_lemma"], quote["source_text"], quote["speaker"]) == (
        kind, lemma, mention, speaker)


@pytest.mark.parametrize("text, rule", [
    ("“This bridge has waited long enough for its repairs.” -Commissioner Geoffrey Starks",
     "dash-signature"),
    ("Dana Reyes: “This bridge has waited long enough for its repairs.”", "colon-header"),
    ("Alice Moore began talking to the crowd. “The bridge will not reopen before the spring.”",
     "speaker-before"),
])
def test_quotes_without_a_cue_verb_name_their_rule(extract, text, rule):
    assert rule in [q["rule"] for q in extract(text)]


def test_participle_adding_is_a_second_quote(extract):
    text = "The bridge will reopen in May, Ann Ortiz said, adding that the council had paid for it."
    quotes = extract(text)
    assert [(q["cue_lemma"], q["text"], q["speaker"]) for q in quotes] == [
        ("say", "The bridge will reopen in May", "Ann Ortiz"),
        ("add", "the council had paid for it", "Ann Ortiz")]


@pytest.mark.parametrize("text, pieces", [
    ("“The bridge is safe,” Ann Ortiz said, “and it will stay open all winter.”",
     ["“The bridge is safe,”", "“and it will stay open all winter.”"]),
    ("“The bridge is safe,” Ann Ortiz said on Monday. “It will stay open all winter.”",
     ["“The bridge is safe,”", "“It will stay open all winter.”"]),
    (("“The bridge is safe,” Ann Ortiz, the mayor, told reporters. “We checked it twice.” "
     "“Nothing was loose.”"),
     ["“The bridge is safe,”", "“We checked it twice.”", "“Nothing was loose.”"]),
])
def test_split_quote_is_one_quote_in_pieces(extract, text, pieces):
    [quote] = extract(text)
    assert [text[s:e] for s, e in quote["content"]] == pieces
    assert quote["speaker"] == "Ann Ortiz"


def test_a_quoted_sentence_after_a_long_attribution_continues_the_quote(extract):
    text = ("“The bridge is safe,” said Ann Ortiz, who has led the city’s works department for nine "
            "years and ran the old ferry across the river for a decade before the town built its first "
            "bridge in the spring of 1998. "
            "“We checked every cable twice this year.”")
    [quote] = extract(text)
    assert [text[s:e] for s, e in quote["content"]] == [
        "“The bridge is safe,”", "“We checked every cable twice this year.”"]
    assert quote["speaker"] == "Ann Ortiz"


def test_a_quoted_sentence_after_another_verb_of_saying_is_not_joined(extract):
    text = ("“The bridge is safe,” said Ann Ortiz, who has run the city’s works department since "
            "the flood of 2009 closed the old crossing, which the mayor on Monday described as the worst "
            "thing the town had seen. "
            "“We checked every cable twice this year.”")
    quotes = extract(text)
    assert [text[s:e] for s, e in quotes[0]["content"]] == ["“The bridge is safe,”"]


def test_a_quoted_sentence_of_two_words_continues_the_quote_before(extract):
    text = ("“The water came up to the windows in an hour,” Ann Ortiz said. “Cars everywhere.” "
            "The council met on Monday to watch “Parks and Recreation.”")
    quotes = extract(text)
    assert [text[s:e] for s, e in quotes[0]["content"]] == [
        "“The water came up to the windows in an hour,”", "“Cars everywhere.”"]
    assert all("Parks" not in q["text"] for q in quotes)


def test_the_quote_starts_after_a_colon_before_it(extract):
    text = "Ortiz defends her record on the bridge: “We rebuilt it on time,” she says."
    [quote] = [q for q in extract(text) if q["cue_lemma"] == "say"]
    assert quote["text"] == "“We rebuilt it on time,”"


def test_a_quote_by_someone_else_is_not_joined(extract):
    text = "“The bridge is safe,” Ann Ortiz said. “It is not,” replied Tom Bell."
    quotes = extract(text)
    assert [(q["text"], q["speaker"]) for q in quotes] == [
        ("“The bridge is safe,”", "Ann Ortiz"), ("“It is not,”", "Tom Bell")]


def test_pronoun_resolves_to_the_previous_speaker(extract):
    text = ("Ann Ortiz, the mayor, said the bridge was safe.\n\n"
            "She said it would stay open all winter.")
    quotes = extract(text)
    assert [(q["source_text"], q["speaker"]) for q in quotes] == [
        ("Ann Ortiz", "Ann Ortiz"), ("She", "Ann Ortiz")]


def test_title_form_resolves_to_the_full_name(extract):
    text = ("Ann Ortiz visited the site on Monday.\n\n"
            "Ms Ortiz said the bridge would reopen in the spring.")
    [quote] = extract(text)
    assert (quote["source_text"], quote["speaker"], quote["speaker_kind"]) == (
        "Ms Ortiz", "Ann Ortiz", "person")


def test_organisation_referred_to_as_it(extract):
    text = ("The transport ministry said the bridge was safe.\n\n"
            "It said repairs would begin in May.")
    quotes = extract(text)
    assert [(q["source_text"], q["speaker"], q["speaker_kind"]) for q in quotes] == [
        ("The transport ministry", "transport ministry", "organization"),
        ("It", "transport ministry", "organization")]


def test_anonymous_source(extract):
    [quote] = extract("The bridge will reopen in May, a city official said.")
    assert (quote["source_text"], quote["speaker_kind"]) == ("a city official", "anonymous")


def test_colon_header_on_the_line_before(extract):
    text = "And from council member Dana Reyes:\n\n“This bridge has waited long enough for its repairs.”"
    [quote] = extract(text)
    assert quote["rule"] == "colon-header"
    assert quote["speaker"] == "Dana Reyes"


def test_a_paragraph_that_is_one_quotation_is_a_quote_of_the_speaker_before(extract):
    text = ("“The bridge is safe,” Ann Ortiz said.\n\n"
            "“We checked every cable and every bolt on it twice this year.”")
    first, second = extract(text)
    assert [text[s:e] for s, e in first["content"]] == ["“The bridge is safe,”"]
    assert [text[s:e] for s, e in second["content"]] == [
        "“We checked every cable and every bolt on it twice this year.”"]
    assert (second["rule"], second["speaker"], second["cue"]) == ("floating", "Ann Ortiz", [])


def test_floating_quote_after_reported_speech_keeps_the_speaker(extract):
    text = ("Ann Ortiz said the bridge was safe.\n\n"
            "“We checked every cable and every bolt on it twice this year.”")
    quotes = extract(text)
    assert [(q["rule"], q["speaker"]) for q in quotes] == [
        ("verb-complement", "Ann Ortiz"), ("floating", "Ann Ortiz")]


@pytest.mark.parametrize("text", [
    "The council’s “white elephant” bridge opened on Monday.",
    "She read “War and Peace” on the train to the coast.",
    "Ann Ortiz did not say whether the bridge would reopen.",
    "Neither side confirmed that the talks would resume.",
    "The bridge was closed in March after engineers found cracks.",
    # nicknames, titles of laws and shows, single quoted words with no cue
    "Dwayne “The Rock” Johnson opened the bridge on Monday.",
    "The “Bridge Safety Act” was passed in 2010.",
    "The council watched “Parks and Recreation” after the meeting.",
    "The word “safe” appears twice in the report.",
    # thoughts, intentions and evidence are not quotes by default
    "Ann Ortiz wants to rebuild the bridge by spring.",
    "Ann Ortiz believes that the bridge is safe.",
    "A survey shows that most drivers avoid the bridge.",
    # a noun of saying nobody is said to have uttered
    "There were concerns that the bridge would not reopen.",
])
def test_not_quotes(extract, text):
    assert extract(text) == []


def test_every_span_round_trips(extract):
    text = ("“The bridge is safe,” Ann Ortiz said, “and it will stay open.”\n\n"
            "The council said the repairs were “long overdue”, according to minutes.")
    for quote in extract(text):
        assert quote["text"] == " ".join(text[s:e] for s, e in quote["content"])
        assert quote["source_text"] == " ".join(text[s:e] for s, e in quote["source"])


def test_ignored_spans_yield_no_quotes(extract):
    text = "Latest news\n\nMinister says the “economy is strong” in speech"
    assert extract(text, ignored=[(0, len(text))]) == []


@pytest.fixture(scope="module")
def records(engine):
    """records(text, cue_classes) -> the Quote records extraction makes of `text`."""
    from quotes.pipeline.extract import extract_articles
    from quotes.records import Article

    def run(text: str, cue_classes=("speech",)):
        [(_, quotes)] = list(extract_articles([Article("test", text)], engine, cue_classes))
        return quotes

    return run


@pytest.mark.parametrize("text, cue_class, stance", [
    ("Ann Ortiz said that the bridge was safe.", "speech", "neutral"),
    ("Ann Ortiz claimed that the bridge was safe.", "speech", "distancing"),
    ("Ann Ortiz admitted that the repairs were late.", "speech", "concessive"),
    ("Ann Ortiz insisted that the bridge was safe.", "speech", "emphatic"),
    ("Ann Ortiz denied that the repairs were late.", "speech", "critical"),
])
def test_every_quote_keeps_its_cue_class_and_stance(records, text, cue_class, stance):
    [quote] = records(text)
    assert (quote.cue_class, quote.stance) == (cue_class, stance)


@pytest.mark.parametrize("text, cue_class", [
    ("Ann Ortiz believes that the bridge is safe.", "cognition"),
    ("A survey shows that most drivers avoid the bridge.", "evidential"),
])
def test_thoughts_and_evidence_on_request(records, text, cue_class):
    assert records(text) == []
    [quote] = records(text, ("speech", "cognition", "evidential"))
    assert quote.cue_class == cue_class


def test_a_dangling_conjunction_is_not_part_of_the_content(extract):
    text = ("The two sides have thus far expressed willingness to talk but have showed little"
            " inclination to alter positions.")
    assert [q["text"] for q in extract(text)] == ["willingness to talk"]


def test_transcript_turns_are_quotes_of_the_people_their_labels_name(extract):
    text = ("Jake Tapper spoke to Governor Mary Fallin on Sunday.\n\n"
            "TAPPER: Do you think the bridge will reopen before the winter?\n\n"
            "FALLIN: Well, I think the whole state needs to work together on it.\n\n"
            "UPDATE: The bridge reopened on Monday.")
    turns = [q for q in extract(text) if q["rule"] == "transcript-label"]
    assert [(q["source_text"], q["speaker"], q["text"]) for q in turns] == [
        ("TAPPER", "Jake Tapper", "Do you think the bridge will reopen before the winter?"),
        ("FALLIN", "Mary Fallin", "Well, I think the whole state needs to work together on it."),
    ]


def test_an_acronym_in_capitals_is_not_a_person_with_a_name_like_it(extract):
    text = ("Ann Natow said the summit was late.\n\n"
            "NATO said the leaders would meet in the spring.")
    quotes = extract(text)
    assert [(q["source_text"], q["speaker"]) for q in quotes] == [
        ("Ann Natow", "Ann Natow"), ("NATO", "NATO")]


def test_a_topic_label_is_never_a_speaker(extract):
    text = ("Secretary Ann Ortiz then spoke to the local radio about the bridge:\n\n"
            "• On the repairs: “We checked every cable and every bolt on it twice this year.”\n\n"
            "• On the budget: “The council has set aside the money for the work already.”")
    quotes = [q for q in extract(text) if q["rule"] == "topic-label"]
    assert [(q["speaker"], q["cue"], q["type"]) for q in quotes] == [
        ("Ann Ortiz", [], "direct"), ("Ann Ortiz", [], "direct")]
    assert [q["text"] for q in quotes] == [
        "“We checked every cable and every bolt on it twice this year.”",
        "“The council has set aside the money for the work already.”"]


def test_an_embedded_post_is_the_words_of_its_signature(extract):
    text = ("The council answered online.\n\n"
            "We are proud of our engineers and the work they did this year. pic.twitter.com/abc123\n\n"
            "— Riverton Council (@rivertoncouncil) June 3, 2023\n\n"
            "The bridge reopens on Monday.")
    [post] = [q for q in extract(text) if q["rule"] == "post-signature"]
    assert post["text"] == "We are proud of our engineers and the work they did this year."
    assert (post["type"], post["source_text"]) == ("direct", "Riverton Council")


def test_a_pull_quote_is_the_words_of_the_name_under_it(extract):
    text = ("The council met on Monday.\n\n"
            "“We will rebuild the bridge before the winter comes.”\n\n"
            "Ann Ortiz, mayor of Riverton\n\n"
            "The vote is on Friday.")
    [quote] = extract(text)
    assert (quote["rule"], quote["speaker"], quote["type"]) == ("name-line", "Ann Ortiz", "direct")


@pytest.mark.parametrize("text, words", [
    # the reported clause ends where a further cue of the speaker begins
    ("The ministry said it was opposed to the test and warned the neighbours to stay calm.",
     "it was opposed to the test"),
    ("Analysts said the reforms had raised growth, citing the export figures for May.",
     "the reforms had raised growth"),
    # leading links
    ("However, the bridge will stay closed, the council said.", "the bridge will stay closed"),
    ("And the bridge will stay closed, according to the council.", "the bridge will stay closed"),
    # the cue set off by commas, with "as"
    ("The bridge, as the mayor said on Monday, will stay closed until the spring.",
     "The bridge will stay closed until the spring"),
    # a fronted adverbial is not what was said
    ("In a statement on Tuesday, the council said the bridge would stay closed.",
     "the bridge would stay closed"),
])
def test_the_content_is_the_reported_clause_only(extract, text, words):
    quotes = [q for q in extract(text) if q["cue_lemma"] in ("say", "according to")]
    assert [q["text"] for q in quotes] == [words]


def test_a_summary_leaves_out_when_and_to_whom_it_was_said(extract):
    [quote] = extract("Ann Ortiz spoke to reporters on Monday about the collapse of the bridge.")
    assert (quote["type"], quote["text"]) == ("summary", "the collapse of the bridge")


@pytest.mark.parametrize("text", [
    # questions, refusals and hypotheticals report no statement
    "Reporters asked whether the bridge would reopen in the spring.",
    "Ann Ortiz asked if the council had paid for the repairs.",
    "The mayor would not say why the bridge was closed in March.",
    "The mayor declined to say what the council will do next.",
    "Ann Ortiz wondered how the council could pay for the repairs.",
    # figures, scores and markets; sport and legal idioms; things as subjects
    "Each striker added a goal in the second half.",
    "The index added 0.4 per cent on Tuesday.",
    "The driver pleaded guilty to careless driving.",
    "The council called a meeting for Friday.",
    "Another explosion hit a minibus in the city.",
])
def test_no_quote_of_what_was_said(extract, text):
    assert extract(text) == [], extract(text)


def test_a_question_in_quotation_marks_is_the_speakers_words(extract):
    [quote] = extract("“Why was the bridge closed in March?” Ann Ortiz asked.")
    assert (quote["type"], quote["speaker"]) == ("direct", "Ann Ortiz")


def test_a_condition_is_not_a_question(extract):
    [quote] = extract("Ann Ortiz said if elected she would rebuild the bridge.")
    assert quote["text"] == "if elected she would rebuild the bridge"


@pytest.mark.parametrize("text, words, speaker", [
    # verbs of evidence speak when someone speaks through them
    ("Deputy Governor Oleg Klimov indicated 68 people were missing.", "68 people were missing",
     "Oleg Klimov"),
    ("A UN report concluded the dam had failed because of poor maintenance.",
     "the dam had failed because of poor maintenance", "UN"),
    ("Per the decree, priests are expected to notify the church authorities.",
     "priests are expected to notify the church authorities", "decree"),
])
def test_speakers_of_evidence_verbs_and_per(extract, text, words, speaker):
    quotes = [q for q in extract(text) if q["text"] == words]
    assert len(quotes) == 1, extract(text)
    assert speaker in (quotes[0]["speaker"] or "")


def test_data_do_not_speak(extract):
    assert extract("The figures suggest that the economy is slowing down.") == []


def test_a_headline_that_attributes_its_claim(extract):
    text = "Mayor Ann Ortiz: Bridge Will Reopen Before Winter\n\nThe mayor spoke on Monday."
    [quote] = [q for q in extract(text) if q["rule"] == "headline-colon"]
    assert (quote["text"], quote["source_text"], quote["speaker"]) == (
        "Bridge Will Reopen Before Winter", "Mayor Ann Ortiz", "Ann Ortiz")


def test_a_headline_label_named_in_the_article(extract):
    text = "Ortiz: Bridge Will Reopen Before Winter\n\nMayor Ann Ortiz spoke on Monday."
    [quote] = [q for q in extract(text) if q["rule"] == "headline-colon"]
    assert (quote["text"], quote["source_text"]) == ("Bridge Will Reopen Before Winter", "Ortiz")


def test_a_headline_label_that_names_no_one_is_no_speaker(extract):
    text = "Poll: Bridge Toll Is Unpopular\n\nThe Valley Poll asked 800 drivers about Mayor Ann Ortiz's toll."
    assert [q for q in extract(text) if q["rule"] == "headline-colon"] == []


def test_a_clause_ending_in_a_colon_introduces_its_subjects_words(extract):
    text = ("In her message, Mayor Ann Ortiz praised the crews who rebuilt the bridge: "
            "“They worked through the winter and never missed a day.”")
    [quote] = [q for q in extract(text) if q["type"] == "direct"]
    assert quote["rule"] == "colon-lead-in"
    assert quote["speaker"] == "Ann Ortiz"
    assert "They worked through the winter" in quote["text"]


def test_a_thought_before_a_colon_is_not_speech(extract):
    text = "Ann Ortiz thought about the bridge: “It will never open again.”"
    assert [q for q in extract(text) if q["rule"] == "colon-lead-in"] == []


def test_a_reaction_to_someone_elses_statement_before_a_colon_is_the_reacting_speaker(extract):
    text = ("Riverton's mayor Ann Ortiz opposed Reyes's statement: “The governor's plan to "
            "close the bridge is an insult to the towns on both banks of the river.”")
    [quote] = [q for q in extract(text) if "insult" in q["text"]]
    assert quote["speaker"] == "Ann Ortiz"


def test_as_someone_said_after_and_reports_what_follows(extract):
    text = ("The bridge is old, and as Ann Ortiz said on Monday, the city cannot pay "
            "for a new one this year.")
    quotes = extract(text)
    assert any(q["speaker"] == "Ann Ortiz" and q["text"].startswith("the city cannot pay")
               for q in quotes), quotes


def test_a_verb_of_saying_before_a_colon_over_the_quote_paragraph_is_its_cue(extract):
    text = ("The mayor opened the bridge on Monday.\n\nIn her speech she said:\n\n"
            "“We kept our promise to every family who waited for this bridge.”")
    [quote] = [q for q in extract(text) if q["type"] == "direct"]
    [(start, end)] = quote["cue"]
    assert text[start:end] == "said"


def test_a_condition_before_a_cue_set_off_by_commas_is_part_of_the_quote(extract):
    [quote] = extract("If prices keep rising, the governor said, families will struggle.")
    assert (quote["type"], quote["text"]) == ("indirect", "If prices keep rising families will struggle")
