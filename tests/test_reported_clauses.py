"""The reported clause when the parser took its subject for the cue's object: the words
from that subject to the end of the clause are what was said."""

from __future__ import annotations

import pytest

MISPARSED = [
    # the clause's verb parsed as a conjunct of the cue
    ("Farmers have claimed the ministry, especially, among other agencies, is delaying their payments.",
     "claim", "the ministry, especially, among other agencies, is delaying their payments"),
    # ... as a complement without its subject
    ("Residents have claimed the council, above all, is ignoring their complaints about the noise.",
     "claim", "the council, above all, is ignoring their complaints about the noise"),
    # ... as a conjunct, with a conjunct of its own
    (("Residents have claimed the mayor, notably, among other officials, is quietly favouring developers "
      "and pushing tenants to leave the district."),
     "claim", ("the mayor, notably, among other officials, is quietly favouring developers and pushing "
               "tenants to leave the district")),
    # ... as an adverbial clause of the light verb before the cue
    (("On Sunday, the fire service released a statement saying a blaze that night at a depot near "
      "the harbour caused no injuries."),
     "say", "a blaze that night at a depot near the harbour caused no injuries"),
]


@pytest.mark.parametrize(("text", "lemma", "words"), MISPARSED)
def test_the_subject_parsed_as_object_opens_the_reported_clause(extract, text, lemma, words):
    quotes = [q for q in extract(text) if q["cue_lemma"] == lemma]
    assert [(q["type"], q["text"]) for q in quotes] == [("indirect", words)]


def test_an_object_and_a_second_action_are_no_clause(extract):
    [quote] = extract("The coach claimed victory and left the stage.")
    assert (quote["type"], quote["text"]) == ("summary", "victory")


def test_a_list_of_actions_after_an_object_is_no_clause(extract):
    quotes = extract("The president spoke Hebrew, quoted the Talmud and visited the grave of his grandfather.")
    assert not any("the Talmud" in q["text"] for q in quotes)


@pytest.mark.parametrize(("text", "speaker", "words"), [
    ("Maria Lopez, a judge who had reviewed the file, cautioned reform does not come quickly.",
     "Maria Lopez", "reform does not come quickly"),
    ("The governor, who visited the site on Monday, warned recovery will take years.",
     "The governor", "recovery will take years"),
])
def test_a_cue_parsed_as_an_adjective_after_an_appositive(extract, text, speaker, words):
    [quote] = extract(text)
    assert (quote["type"], quote["source_text"], quote["text"]) == ("indirect", speaker, words)


def test_a_participle_before_its_noun_is_no_cue(extract):
    assert extract("Tom Reed, a farmer from the valley, bought painted furniture at the fair.") == []


@pytest.mark.parametrize(("text", "lemma", "speaker", "words"), [
    ("As the city paper noted, the mayor raised more than a million dollars from developers.",
     "note", "the city paper", "the mayor raised more than a million dollars from developers"),
    ("The reforms will take years, as the minister pointed out.",
     "point", "the minister", "The reforms will take years"),
    ("As one professor put it, the court has never been this divided.",
     "put", "one professor", "the court has never been this divided"),
])
def test_an_as_clause_reports_the_clause_it_is_set_off_from(extract, text, lemma, speaker, words):
    [quote] = extract(text)
    assert (quote["cue_lemma"], quote["source_text"], quote["text"]) == (lemma, speaker, words)


@pytest.mark.parametrize("text", [
    "As she spoke, protesters gathered outside the town hall.",
    "As the mayor joked with reporters, the crowd grew restless.",
])
def test_an_as_clause_of_time_reports_nothing(extract, text):
    assert extract(text) == []


def test_put_it_reports_what_follows(extract):
    [quote] = extract('The coach put it bluntly: "We were not good enough today."')
    assert (quote["type"], quote["cue_lemma"], quote["source_text"]) == ("direct", "put", "The coach")
    assert extract("She put it on the table and left the room.") == []


def test_a_predicate_after_according_to_is_said_not_the_source(extract):
    text = ("ETA is a banned group in Spain; Batasuna is the political wing of the movement, "
            "largely Basque and, according to Spain, supportive of ETA.")
    [quote] = extract(text)
    assert quote["source_text"] == "Spain"
    assert text[slice(*quote["content"][-1])] == "supportive of ETA"


def test_according_to_reports_nothing_before_a_colon(extract):
    text = "Among the findings of the audit: the depot lost two million euros last year, according to the auditors."
    [quote] = extract(text)
    assert quote["text"] == "the depot lost two million euros last year"


@pytest.mark.parametrize("text, pieces", [
    # words after the source phrase with no comma before them belong to the phrase
    (("Some 59 percent of voters view the ferry plan unfavorably, according to a council poll "
      "last week - about the same as in May."),
     ["Some 59 percent of voters view the ferry plan unfavorably"]),
    # set off by a comma they go on with what the source said
    ("Most residents, according to the council, support the new bridge.",
     ["Most residents", "support the new bridge"]),
    # and so do they when the words before have no verb of their own
    ("Rescuers, working in the cold, according to the ministry recovered ten survivors.",
     ["Rescuers, working in the cold", "recovered ten survivors"]),
    # "according to which": the words before name the document, not what it says
    ("The two towns signed a ferry agreement, according to which the crossing would run every hour.",
     ["the crossing would run every hour"]),
])
def test_the_words_around_according_to_x(extract, text, pieces):
    [quote] = extract(text)
    assert [text[s:e] for s, e in quote["content"]] == pieces


def test_estimates_by_someone_who_speaks_are_their_words(extract):
    text = "Estimates by the race organizers indicate about forty thousand runners took part on Sunday."
    [quote] = extract(text)
    assert (quote["type"], quote["text"]) == ("indirect", "about forty thousand runners took part on Sunday")


def test_data_from_someone_stay_evidence(extract):
    assert extract("Data from the ministry show the number of runners fell by a third.") == []


@pytest.mark.parametrize("text", [
    "The mayor seemed to think the new bridge plan was somewhat phony.",
    "Her opponent seems to have vanished from the campaign trail this month.",
])
def test_seeming_is_no_speech_whoever_seems(extract, text):
    assert extract(text) == []


@pytest.mark.parametrize(("text", "cited"), [
    ("The news agency, citing two police officers, reported that the bridge had been closed overnight.",
     "two police officers"),
    # groups speak: "citing local fishing groups" names who said it, not what was said
    ("The Gazette, citing local fishing groups, reported that the bridge had been closed overnight.",
     "local fishing groups"),
])
def test_a_report_citing_sources_is_theirs_too(extract, text, cited):
    quotes = extract(text)
    reporter = text.split(",")[0]
    assert sorted((q["source_text"], q["cue_lemma"], q["text"]) for q in quotes) == sorted([
        (reporter, "report", "the bridge had been closed overnight"),
        (cited, "cite", "the bridge had been closed overnight")])


def test_citing_a_reason_names_no_speaker(extract):
    quotes = extract("The army, citing security concerns, said the road would stay closed.")
    assert [q["source_text"] for q in quotes if q["text"] == "the road would stay closed"] == ["The army"]


def test_what_was_said_to_the_effect_that(extract):
    text = "The palace issued a statement to the effect the king considered it unwise for royals to run for office."
    [quote] = extract(text)
    assert (quote["type"], quote["text"]) == ("indirect", "the king considered it unwise for royals to run for office")


@pytest.mark.parametrize(("text", "source", "words"), [
    ("In the words of one resident, the old town has simply been forgotten.",
     "one resident", "the old town has simply been forgotten"),
    ("In the analysis of the Institute for Transport Studies, the high costs make the tunnel unrealistic.",
     "the Institute for Transport Studies", "the high costs make the tunnel unrealistic"),
])
def test_in_the_words_of_someone(extract, text, source, words):
    [quote] = extract(text)
    assert (quote["source_text"], quote["text"]) == (source, words)
    assert quote["speaker"] is not None


def test_in_the_middle_of_something_is_no_speech(extract):
    assert extract("In the middle of the night, the alarm in the old town went off.") == []


@pytest.mark.parametrize(("text", "lemma", "words"), [
    # the first clause parsed as a complement of the later cue
    (("The company initially denied all claims that the product was unsafe, however, an independent "
      "review eventually concluded the tests showed serious flaws."),
     "conclude", "the tests showed serious flaws"),
    # the first of a series of predicates parsed as a complement of the second
    (("The mayor also raised concerns about the council's spending plans, noted all residents have an "
      "interest in keeping taxes low, and underscored the city's commitment to its schools."),
     "note", "all residents have an interest in keeping taxes low"),
])
def test_a_clause_before_a_cue_that_reports_onwards_is_not_its_words(extract, text, lemma, words):
    quotes = [q for q in extract(text) if q["cue_lemma"] == lemma]
    assert [q["text"] for q in quotes] == [words]


def test_a_fronted_half_still_joins_a_cue_set_off_by_commas(extract):
    [quote] = extract("The new budget, the minister said, would cut taxes for most families.")
    assert quote["text"] == "The new budget would cut taxes for most families"


@pytest.mark.parametrize(("text", "lemma", "words"), [
    ("On trade, the envoy laid out in detail that the tariffs have not changed.",
     "lay out", "the tariffs have not changed"),
    ("The ministers deemed that the new pipeline deal goes against the treaty.",
     "deem", "the new pipeline deal goes against the treaty"),
    ("The coach assured the fans that the team would stay in the city.",
     "assure", "the team would stay in the city"),
    ("Officials reassured residents the water was safe to drink.",
     "reassure", "the water was safe to drink"),
])
def test_cues_that_report_only_a_clause(extract, text, lemma, words):
    [quote] = extract(text)
    assert (quote["type"], quote["cue_lemma"], quote["text"]) == ("indirect", lemma, words)


@pytest.mark.parametrize("text", [
    "Workers laid out the cables along the road before the storm.",
    "The court deemed the contract void.",
    "The mourners laid flowers at the gate.",
    "The mayor is assured of winning at least ten of the twelve wards.",
    "The victory assured her of a place in the final.",
    "The envoy flew to Rome to reassure his counterpart.",
])
def test_their_objects_are_not_what_was_said(extract, text):
    assert extract(text) == []


def test_a_dated_statement_keeps_its_clause_and_its_author(extract):
    [quote] = extract("Critics recalled the mayor's statement earlier this year that tenants should pay more.")
    assert (quote["cue_lemma"], quote["source_text"], quote["text"]) == (
        "statement", "the mayor", "tenants should pay more")


@pytest.mark.parametrize(("text", "cue", "words"), [
    ("The governor made it clear that she would not sign the harbour budget.",
     "made it clear", "she would not sign the harbour budget"),
    ("Okafor made clear on Monday he will run for the council again.",
     "made clear", "he will run for the council again"),
    ("The union made the case that the harbour needs a second crane.",
     "made the case", "the harbour needs a second crane"),
    ("Ms. Lind made a case for raising the dock fees.", "made a case for", "raising the dock fees"),
])
def test_a_light_verb_and_its_word_report_the_clause_after_them(extract, text, cue, words):
    quotes = extract(text)
    assert [(" ".join(text[s:e] for s, e in q["cue"]), q["text"], q["speaker"] is not None) for q in quotes] == [
        (cue, words, True)]


@pytest.mark.parametrize("text", [
    "The new lights made the harbour clear of fog.",
    "The mayor did not make it clear whether the ferry would run.",
    "The lawyer rested her case after the ferry captain spoke.",
])
def test_a_light_verb_without_its_clause_reports_nothing(extract, text):
    assert extract(text) == []


def test_what_someone_failed_to_make_clear_was_not_said(extract):
    text = "The mayor blasted the auditors for failing to make clear that the ferry contract was only partial."
    assert all(q["cue_lemma"] != "make clear" for q in extract(text))


def test_a_clause_before_a_described_speaker_is_theirs(extract):
    # the speaker's mention is the name after the description ("the news site ..."):
    # the clause is attached to the cue by the description's first word
    text = ("The ferry service was suspended for the winter and will resume in March, "
            "the news site Harbour Info reported.")
    quotes = extract(text)
    assert [(q["type"], q["source_text"], q["text"]) for q in quotes] == [
        ("indirect", "Harbour Info", "The ferry service was suspended for the winter and will resume in March")]


def test_as_reported_by_names_the_reporter(extract):
    text = "As reported by the Valley Courier, the old mill will be turned into flats next year."
    quotes = extract(text)
    assert [(q["type"], q["source_text"], q["text"]) for q in quotes] == [
        ("indirect", "the Valley Courier", "the old mill will be turned into flats next year")]


@pytest.mark.parametrize(("text", "lemma", "kind", "words"), [
    ("The mayor bemoaned that the harbour budget had been cut for a third year.",
     "bemoan", "indirect", "the harbour budget had been cut for a third year"),
    ("The critic insinuated the festival had been rigged from the start.",
     "insinuate", "indirect", "the festival had been rigged from the start"),
    ("The union assailed the new rota at the meeting on Monday.", "assail", "summary", "the new rota"),
])
def test_verbs_of_complaint_and_attack_are_speech(extract, text, lemma, kind, words):
    [quote] = extract(text)
    assert (quote["type"], quote["cue_lemma"], quote["text"]) == (kind, lemma, words)


def test_a_clause_before_a_cue_parsed_as_its_conjunct(extract):
    # the parser joins "A, X told Y" as two clauses: A is what was told
    text = ("This includes a new ferry to serve the northern islands, Transport Minister Ella Hart "
            "told a council committee Wednesday.")
    quotes = extract(text)
    assert [(q["type"], q["source_text"], q["text"]) for q in quotes] == [
        ("indirect", "Transport Minister Ella Hart", "This includes a new ferry to serve the northern islands")]


@pytest.mark.parametrize(("text", "reported"), [
    ("The council approved the budget on Monday, the mayor pledging to cut fees next year.",
     ["to cut fees next year"]),
    ("The plant closed in May, and the union said nothing about the jobs.", []),
])
def test_a_clause_joined_to_a_cue_with_its_own_words_is_not_reported(extract, text, reported):
    assert [q["text"] for q in extract(text)] == reported
