"""The matcher on a small knowledge base written here: eligibility, hours, typos, no-answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer import Fit
from bot.knowledge import load_knowledge
from bot.render.text import render_text
from bot.search.engine import Engine
from tests.conftest import at, engine_for

COUNTY = """
defaults:
  timezone: America/Chicago
  area: Test County
resources:
  - id: adult-center
    name: Lakeside Crisis Receiving Center
    aliases: [Lakeside CRC, the CSU]
    kind: crisis_center
    phone: "(555) 555-0101"
    address: 1 Lake St
    hours: "24/7"
    admission: {min_age: 18, intoxication: below_limit, max_bac: 0.15, involuntary: true,
                law_enforcement_dropoff: true, violence: not_accepted, idd: true}
    verified: 2026-10-01
    example: true
  - id: youth-center
    name: Pinewood Youth Crisis Center
    kind: youth
    phone: "(555) 555-0102"
    address: 2 Pine St
    hours: "24/7"
    admission: {min_age: 10, max_age: 17, intoxication: not_accepted, involuntary: true,
                law_enforcement_dropoff: true}
    verified: 2026-10-01
    example: true
  - id: sobering
    name: Stonebridge Sobering Center
    kind: sobering_center
    phone: "(555) 555-0103"
    address: 3 Stone Rd
    hours: "Mo-Su 18:00-08:00"
    admission: {min_age: 18, intoxication: accepted, law_enforcement_dropoff: true,
                involuntary: false}
    verified: 2026-10-01
    example: true
  - id: general-ed
    name: Mercy General Emergency Department
    kind: emergency_department
    phone: "(555) 555-0104"
    address: 4 Mercy Way
    hours: "24/7"
    admission: {intoxication: accepted, involuntary: true, violence: accepted,
                law_enforcement_dropoff: true}
    verified: 2026-10-01
    example: true
  - id: day-clinic
    name: Riverside Walk-In Clinic
    kind: outpatient
    phone: "(555) 555-0105"
    address: 5 River Rd
    hours: "Mo-Fr 08:00-17:00"
    verified: 2026-10-01
    example: true
  - id: respite
    name: Maple House Peer Respite
    kind: peer_respite
    phone: "(555) 555-0106"
    address: 6 Maple Ave
    hours: "24/7"
    admission: {law_enforcement_dropoff: false}
    verified: 2026-10-01
    example: true
  - id: state-line
    name: Statewide Warm Line
    kind: crisis_line
    phone: "(555) 555-0107"
    hours: "24/7"
    verified: 2026-10-01
sections:
  - id: mou-guidance
    title: Partnership agreements
    summary: What a memorandum of understanding between police and a provider covers.
    keywords: [MOU, interagency agreement]
    questions: [what goes in an MOU]
faqs:
  - id: cit-hours
    questions: [how long is CIT training]
    answer: The core CIT course is 40 hours.
glossary:
  - term: EDP
    aliases: [emotionally disturbed person]
    definition: Police shorthand for a person in a mental health crisis.
"""


@pytest.fixture(scope="module")
def county(tmp_path_factory) -> Engine:
    folder = tmp_path_factory.mktemp("county")
    (folder / "county.yaml").write_text(COUNTY, encoding="utf-8")
    return Engine(load_knowledge(folder))


SUNDAY_2PM = at("2026-11-22 14:00")


def ask(engine: Engine, question: str, when=SUNDAY_2PM, top: int = 5):
    return engine.answer(question, at=when, top=top)


def ids(answer) -> list[str]:
    return [m.entry.id for m in answer.results]


def left_out(answer) -> dict[str, tuple[str, ...]]:
    return {x.resource.id: x.reasons for x in answer.excluded}


def test_an_intoxicated_16_year_old_is_not_sent_to_an_adults_only_center(county):
    answer = ask(county, "where can i take an intoxicated 16yo at 2am")
    assert ids(answer)[0] == "general-ed"
    assert "adult-center" not in ids(answer)
    out = left_out(answer)
    assert out["adult-center"] == ("ages 18+; person is 16",)
    assert out["youth-center"] == ("does not accept intoxicated people",)
    assert out["sobering"] == ("ages 18+; person is 16",)


def test_excluded_places_never_appear_among_results(county):
    for question in ("where can i take a drunk 16yo", "violent adult on a 5150 where to take",
                     "autistic teen where can I bring him", "drop off BAC .2 at 3pm"):  # fmt: skip
        answer = ask(county, question, top=20)
        assert not set(ids(answer)) & set(left_out(answer)), question


def test_blood_alcohol_over_the_limit_is_left_out_with_the_numbers(county):
    answer = ask(county, "where can I take a guy with BAC .21 at 3am")
    assert left_out(answer)["adult-center"] == (
        "accepts only a blood alcohol level below 0.15; person's is 0.21",
    )
    assert ids(answer)[0] == "sobering"  # open at 3am, accepts intoxication


def test_below_the_limit_is_accepted_and_unknown_bac_is_a_caveat_not_a_no(county):
    under = ask(county, "where can I take a guy with BAC .10 at 3am", top=10)
    assert "adult-center" in ids(under)
    unknown = ask(county, "where can I take a drunk adult on a 5150 at 3am", top=10)
    match = next(m for m in unknown.results if m.entry.id == "adult-center")
    assert (
        Fit(
            "intoxication",
            "unknown",
            "intoxicated only below BAC 0.15; BAC not given",
        )
        in match.fit
    )


def test_places_closed_at_the_asked_time_are_left_out_of_placement(county):
    day = ask(county, "where can I take a drunk adult at 2pm", top=10)
    assert left_out(day)["sobering"] == ("closed at 14:00, opens 18:00",)
    night = ask(county, "where can I take a drunk adult at 11pm", top=10)
    assert ids(night)[0] == "sobering"
    assert night.results[0].status.is_open


def test_weekday_hours_open_and_closed(county):
    monday = ask(county, "he ran out of his meds, where can I drop him off monday at 10am")
    assert ids(monday)[0] == "day-clinic"
    sunday = ask(county, "he ran out of his meds, where can I drop him off sunday at 10am")
    assert "closed at 10:00, opens Mon 08:00" in left_out(sunday)["day-clinic"]


def test_unknown_criteria_are_unknown_not_no(county):
    answer = ask(county, "he ran out of his meds, where can i take him monday 3pm")
    clinic = next(m for m in answer.results if m.entry.id == "day-clinic")
    assert Fit("dropoff", "unknown", "police drop-off not listed; call ahead") in clinic.fit
    assert "day-clinic" not in left_out(answer)
    # of two places of a kind, the one known to meet every need ranks first
    hold = ask(county, "where can i take an autistic adult on a 5150 monday at 3pm", top=10)
    assert ids(hold)[0] == "adult-center"


def test_places_refusing_police_drop_offs_are_left_out_of_placement(county):
    answer = ask(county, "where can i bring a calm adult")
    assert left_out(answer)["respite"] == ("does not take law-enforcement drop-offs",)


def test_violent_and_hold_needs(county):
    answer = ask(county, "combative EDP on a 5150 where do I drop off")
    assert ids(answer)[0] == "general-ed"
    assert left_out(answer)["adult-center"] == ("does not accept violent or combative people",)
    assert left_out(answer)["sobering"][0] == "does not accept people on an involuntary hold (5150)"


def test_lines_and_teams_are_not_places_to_take_someone(county):
    answer = ask(county, "where can i take a drunk adult at 11pm", top=20)
    assert "state-line" not in ids(answer) and "state-line" not in left_out(answer)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("stonebrige sobering center adress", "sobering"),
        ("lakeside crisis recieving center phone", "adult-center"),
        ("is the CSU open", "adult-center"),
        ("whats in an MOU", "mou-guidance"),
        ("memorandum of understanding with the provider", "mou-guidance"),
        ("how long is cit trainng", "cit-hours"),
        ("what is an EDP", "edp"),
        ("emotionally disturbed person meaning", "edp"),
        ("mercy er", "general-ed"),
        ("pinewood youth", "youth-center"),
    ],
)
def test_lookups_tolerate_typos_aliases_and_jargon(county, question, expected):
    assert ids(ask(county, question))[0] == expected


def test_a_place_asked_about_directly_reports_its_hours_at_that_time(county):
    answer = ask(county, "is stonebridge sobering open", when=at("2026-11-22 07:00"))
    assert ids(answer)[0] == "sobering"
    status = answer.results[0].status
    assert status.is_open and status.next_change.strftime("%H:%M") == "08:00"


@pytest.mark.parametrize(
    "question",
    ["weather tomorrow", "reset my email password", "best pizza downtown",
     "where can i take my car for repair", "", "!!!???", "x" * 5000],
)  # fmt: skip
def test_off_topic_questions_get_no_answer(county, question):
    answer = ask(county, question)
    assert answer.results == () and answer.excluded == ()


def test_near_misses_offer_did_you_mean_suggestions(county):
    answer = ask(county, "stonebridge hours for weekend visitors parking")
    assert answer.results == ()
    assert answer.suggestions and answer.suggestions[0] == "Stonebridge Sobering Center"
    assert len(answer.suggestions) <= 3


def test_top_limits_results_and_counts_the_rest(county):
    answer = ask(county, "where can I take someone at 3am", top=1)
    assert len(answer.results) == 1 and answer.more >= 1


def test_answers_are_deterministic(county):
    first = ask(county, "where can i take a drunk 16yo at 2am").to_json()
    assert all(ask(county, "where can i take a drunk 16yo at 2am").to_json() == first
               for _ in range(5))  # fmt: skip


def test_a_best_guess_is_shown_labelled_rather_than_nothing(engine):
    guess = engine.answer("do clinicians carry radios", at=SUNDAY_2PM)
    assert guess.unsure and len(guess.results) == 1
    assert "Not sure I understood" in render_text(guess)
    assert guess.to_json()["unsure"] is True
    clear = engine.answer("how many hours is CIT training", at=SUNDAY_2PM)
    assert clear.results and not clear.unsure
    nothing = engine.answer("how do i reset my email password", at=SUNDAY_2PM)
    assert not nothing.results and not nothing.unsure


def test_a_plural_of_an_ing_word_is_the_same_word():
    from bot.search.text import stem

    assert stem("shootings") == stem("shooting") == "shoot"
    assert stem("briefings") == stem("briefing")
    assert stem("things") == "thing"  # too short to lose more


AGREEMENTS = """
defaults: {timezone: America/Chicago}
sections:
  - id: data-agreements
    title: Agreements with partners
    summary: What to put in writing with the hospital before records are exchanged.
    keywords: [data sharing agreement, MOU]
glossary:
  - term: DUA
    aliases: [data use agreement, data sharing agreement]
    definition: A contract saying what data partners share and how they protect it.
"""


def test_a_term_named_in_a_question_that_is_not_about_its_meaning_gives_way(tmp_path):
    engine = engine_for(tmp_path, AGREEMENTS)
    asked = "what should our data sharing agreement with the hospital cover"
    assert ids(ask(engine, asked))[0] == "data-agreements"
    assert ids(ask(engine, "what does DUA stand for"))[0] == "dua"


def test_a_place_named_in_a_what_question_about_it_is_the_answer(county):
    assert ids(ask(county, "whats the bac cutoff at stonebridge sobering"))[0] == "sobering"


def test_what_the_person_is_not_is_no_evidence_for_a_place(county):
    from bot.search.query import build_query
    from bot.search.situation import read_situation

    text = "not suicidal, just lonely, wants somebody to chat with"
    situation = read_situation(text, SUNDAY_2PM)
    for_places = build_query(text, situation, county.index, situation_soft=True).slots
    assert "suicidal" not in {slot.text for slot in for_places}
    for_lookup = build_query(text, situation, county.index, situation_soft=False).slots
    assert "suicidal" in {slot.text for slot in for_lookup}


def test_what_counts_as_asks_for_a_definition():
    from bot.search.intent import DEFINITION

    assert DEFINITION.search("what counts as gravely disabled")
    assert DEFINITION.search("what exactly is peace officer custody")
    assert not DEFINITION.search("what should our agreement cover")
    assert not DEFINITION.search("what exactly should the mou cover")


def test_a_real_word_is_not_read_as_a_typo_of_another():
    from bot.search.vocabulary import FuzzyVocabulary

    vocabulary = FuzzyVocabulary(["count", "county", "court", "counts", "stonebridge"])
    assert set(vocabulary.similar("count")) == {"count", "counts"}  # its own plural only
    assert "stonebridge" in vocabulary.similar("stonebrige")  # a typo still is one


def test_a_word_made_a_verb_is_the_word():
    from bot.search.text import word_tokens

    assert word_tokens("cit'd") == ("cit",) and word_tokens("5150\u2019d") == ("5150",)


def test_a_dropped_g_is_the_word():
    from bot.search.vocabulary import FuzzyVocabulary

    assert FuzzyVocabulary(["talk", "walkin"]).similar("talkin") == {"talk": 1.0}


def test_a_word_whose_e_went_before_ing_is_the_word():
    from bot.search.text import stem
    from bot.search.vocabulary import FuzzyVocabulary

    vocabulary = FuzzyVocabulary([stem("ride"), stem("share"), "rid"])
    assert vocabulary.similar(stem("riding"), "riding")["ride"] == 1.0
    assert vocabulary.similar(stem("sharing"), "sharing")["share"] == 1.0
    assert "ride" not in vocabulary.similar("rid", "rid")  # "get rid of" is not "ride"


def test_choosing_a_model_is_about_the_program():
    from bot.search.intent import STRONG_PROGRAM_FRAME

    assert STRONG_PROGRAM_FRAME.search("12 deputy dept, better off sending everybody thru cit")
    assert not STRONG_PROGRAM_FRAME.search("she says she'd be better off dead, mct out now?")


def test_the_squad_is_the_officers_or_the_car():
    from bot.search.intent import STRONG_PROGRAM_FRAME

    assert STRONG_PROGRAM_FRAME.search("squad's pretty rattled after the drowning")
    assert STRONG_PROGRAM_FRAME.search("the squad is shaken after last night")
    assert not STRONG_PROGRAM_FRAME.search(
        "juniper or ferndale, i'd be dropping her off from the squad"
    )
    assert not STRONG_PROGRAM_FRAME.search("hes fighting in the back of the squad, where first")


YOUTH = """
defaults: {timezone: America/Chicago}
resources:
  - id: harbor-shelter
    name: Harbor Youth Shelter
    kind: shelter
    phone: "(555) 555-0160"
    summary: Beds for runaway youth; age limits apply.
  - id: pelican-unit
    name: Pelican Point Youth Crisis Unit
    aliases: [Pelican]
    kind: youth
    phone: "(555) 555-0161"
    admission: {min_age: 8, max_age: 17}
"""


def test_a_place_named_in_a_look_up_is_the_answer(tmp_path):
    engine = engine_for(tmp_path, YOUTH)
    question = "whats the lower age cutoff at pelican these days"
    assert ids(ask(engine, question))[:1] == ["pelican-unit"]


def test_a_question_mark_alone_does_not_ask_for_a_definition():
    from bot.search.intent import DEFINITION

    assert DEFINITION.search("tdo?") and DEFINITION.search("what's a 10-96?")
    assert not DEFINITION.search("6 officer dept, cit or try to get a clinician partner?")


def test_typos_past_what_one_slip_or_the_stemmer_allows():
    from bot.search.vocabulary import FuzzyVocabulary

    vocabulary = FuzzyVocabulary(["institute", "cypress", "person", "hill"])
    assert "institute" in vocabulary.similar("instutite")  # two slips in a long word
    assert "cypress" in vocabulary.similar("cypre", as_typed="cypres")  # stemmed too far
    assert vocabulary.similar("personal") == {}  # two letters more is another word


def test_a_name_typed_as_two_words_is_the_name(tmp_path):
    from bot.search.text import join_split_words

    uses = {"treehouse", "house", "walk"}.__contains__
    assert join_split_words("what ages does the tree house take", uses) == (
        "what ages does the treehouse take"
    )
    assert join_split_words("is the walk in open", uses, frozenset({"in"})) == "is the walk in open"
    engine = engine_for(tmp_path, YOUTH.replace("Harbor Youth Shelter", "Harbor Treehouse"))
    assert ids(ask(engine, "what ages does the tree house take"))[:1] == ["harbor-shelter"]


def test_a_short_word_is_read_as_a_typo_only_for_a_letter_left_out():
    from bot.search.vocabulary import FuzzyVocabulary

    vocabulary = FuzzyVocabulary(["mill", "bill", "drunk"])
    assert vocabulary.similar("pill") == {}
    assert "drunk" in vocabulary.similar("drnk")


TOWNS = """
defaults: {timezone: America/Chicago}
resources:
  - id: point-detox
    name: Tidewater Withdrawal Management
    aliases: [the Point]
    kind: detox
    phone: "(555) 555-0170"
    hours: "24/7"
  - id: mobile
    name: Mid-Shore Mobile Response
    kind: mobile_crisis
    phone: "(555) 555-0171"
    hours: "24/7"
    area: [Shad Point, Kellam]
"""


def test_a_name_inside_a_town_named_is_the_town(tmp_path):
    engine = engine_for(tmp_path, TOWNS)
    answer = ask(engine, "need mobile crisis in shad point at 9 tonight")
    assert ids(answer)[:1] == ["mobile"] and answer.situation.place == "Shad Point"
    assert ids(ask(engine, "is the point open"))[:1] == ["point-detox"]


NEGATED = """
defaults: {timezone: America/Chicago}
resources:
  - id: haven
    name: The Haven Peer Respite
    aliases: [Haven]
    kind: peer_respite
    phone: "(555) 555-0160"
"""


def test_a_negated_word_is_no_typo_of_a_name(tmp_path):
    engine = engine_for(tmp_path, NEGATED)
    assert engine.named("the guys havent slept") == ([], [], [], [])
    assert engine.named("the haven")[0] == [0]


def test_several_words_found_together_far_ahead_of_the_rest_are_a_labelled_guess():
    # a knowledge base written blind: few of the story's words are its own ("quarry",
    # "sergeant", "sleeping"), but the few that are point at one entry, far ahead of any other
    engine = Engine(load_knowledge(Path(__file__).parent / "fixtures" / "showme-mo" / "kb"))
    story = (
        "our night shift guys are not sleeping since the drowning at the quarry tuesday, the "
        "sergeant wants to know what we have for them"
    )
    guess = ask(engine, story)
    assert guess.unsure and ids(guess) == ["officer-wellness"]
    assert not ask(engine, "is the quarry road open after the flooding tuesday").results


COUNTIES = """
defaults: {timezone: America/Chicago}
resources:
  - id: sheriff-team
    name: Sasser County Sheriff Crisis Response Team
    kind: co_responder
    phone: "(555) 555-0180"
    summary: A deputy and a clinician who respond together to calls on scene.
    area: [Sasser County, Cedar Ford, Harlan Mill]
  - id: mobile
    name: Regional Mobile Crisis
    kind: mobile_crisis
    phone: "(555) 555-0181"
    hours: "24/7"
  - id: clinic
    name: Valley Counseling
    kind: outpatient
    phone: "(555) 555-0182"
    area: [Tolliver County, Sasser County, Elk Ferry, Bynum Crossroads, Cedar Ford]
"""


def test_a_place_that_only_may_serve_the_town_named_comes_second(tmp_path):
    engine = engine_for(tmp_path, COUNTIES)
    # Bynum Crossroads may lie in Sasser County: the sheriff's team might serve it, the
    # regional team does
    answer = ask(engine, "deputy out by bynum crossroads needs a clinician on scene")
    assert ids(answer)[:2] == ["mobile", "sheriff-team"]
    assert ids(ask(engine, "deputy in cedar ford needs a clinician on scene"))[:1] == [
        "sheriff-team"
    ]


RADIO_CODES = """
defaults: {timezone: America/Chicago}
glossary:
  - term: EDP
    aliases: [10-96, emotionally disturbed person]
    definition: Radio shorthand for a person in a mental health crisis.
  - term: CIT
    definition: Crisis Intervention Team, 40 hours of training for patrol officers.
sections:
  - id: dispatch
    title: Dispatch protocols
    body: How call takers route mental health calls to the crisis line or a patrol unit.
"""


def test_an_entry_named_outright_far_ahead_of_the_rest_is_a_labelled_guess(tmp_path):
    # most of the story's words are no entry's ("rookie", "lol"), but it names one term by
    # its alias, and nothing else comes close
    engine = engine_for(tmp_path, RADIO_CODES)
    guess = ask(engine, "rookie asked me what a 10-96 is on the radio lol")
    assert guess.unsure and ids(guess) == ["edp"]
    assert not ask(engine, "rookie asked me about the radio batteries lol").results


def test_phrases_are_found_longest_first_and_never_past_the_last_word():
    from bot.search.text import ConceptTable, PhraseMatch

    table = ConceptTable()
    table.add_group("oak", ["Oak Street Crisis Center", "the Oak", "Oak"])
    table.add_group("oak-shelter", ["Oak Street Shelter"])
    words = ["go", "oak", "street", "crisis", "center", "or", "oak"]
    assert table.find(words) == [
        PhraseMatch(1, 5, frozenset({"oak"})),
        PhraseMatch(6, 7, frozenset({"oak"})),  # "oak" at the end, not a longer name cut off
    ]
    assert table.find(["oak", "street", "shelter"]) == [
        PhraseMatch(0, 3, frozenset({"oak-shelter"}))
    ]
    assert table.find(["nothing", "here"]) == []


SLEEP_OFF_ROOM = """
defaults: {timezone: America/Chicago}
resources:
  - id: depot-sobering
    name: Depot Street Sobering Room
    aliases: [Depot St]
    kind: sobering_center
    phone: "(555) 555-0130"
    address: 12 Depot St
    hours: "Mo-Su 20:00-08:00"
    admission: {min_age: 18, intoxication: accepted}
  - id: county-ed
    name: County Memorial Emergency Room
    kind: emergency_department
    phone: "(555) 555-0131"
    address: 1 Main St
    hours: "24/7"
    admission: {intoxication: accepted}
"""


def test_a_kind_said_after_a_places_alias_is_part_of_its_name(tmp_path):
    # "depot st sobering": the sobering room at Depot St, asked about, not a drunk person
    engine = engine_for(tmp_path, SLEEP_OFF_ROOM)
    answer = ask(engine, "depot st sobering hrs?")
    assert ids(answer)[:1] == ["depot-sobering"]
    assert answer.situation.intoxicated is None


ELEMENTS = """
defaults: {timezone: America/Chicago}
sections:
  - id: element-10
    title: "Element 10: Program Evaluation and Sustainability"
    body: The partners use data to show what the program achieves.
  - id: element-9
    title: "Element 9: Outcomes"
    body: What the program measures.
"""


def test_a_number_code_the_knowledge_base_does_not_know_is_not_its_parts(tmp_path):
    # "10-96" is one radio code; "Element 10" is no answer to it
    engine = engine_for(tmp_path, ELEMENTS)
    assert not ask(engine, "what is a 10-96").results
    assert ids(ask(engine, "element 10"))[:1] == ["element-10"]
