"""Placement answers for situations the way officers describe them, on a small knowledge base
written here: the right kind of place first, and every place left out says why."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.knowledge import load_knowledge
from bot.search.engine import Engine
from tests.conftest import at, engine_for

CEDAR = """
defaults:
  timezone: America/Chicago
  area: Cedar County
resources:
  - id: cedar-ed
    name: Cedar General Emergency Department
    kind: emergency_department
    phone: "(555) 555-0201"
    address: 1 Main St, Millbrook
    hours: "24/7"
    admission: {intoxication: accepted, involuntary: true, violence: accepted,
                law_enforcement_dropoff: true}
    verified: 2026-10-01
  - id: oak-crisis
    name: Oak Street Crisis Center
    aliases: [the Oak]
    kind: crisis_center
    phone: "(555) 555-0202"
    address: 2 Oak St, Millbrook
    hours: "24/7"
    admission: {min_age: 18, intoxication: below_limit, max_bac: 0.15, involuntary: true,
                law_enforcement_dropoff: true, violence: not_accepted}
    verified: 2026-10-01
  - id: birch-sobering
    name: Birch Sobering Center
    kind: sobering_center
    phone: "(555) 555-0203"
    address: 3 Birch Rd, Millbrook
    hours: "24/7"
    admission: {min_age: 18, intoxication: accepted, involuntary: false,
                law_enforcement_dropoff: true,
                excludes: [unresponsive or not rousable, head injury]}
    verified: 2026-10-01
  - id: elm-shelter
    name: Elm Street Shelter
    kind: shelter
    phone: "(555) 555-0204"
    address: 4 Elm St, Millbrook
    area: [Millbrook]
    hours: "24/7"
    admission: {min_age: 18, intoxication: not_accepted, law_enforcement_dropoff: true}
    verified: 2026-10-01
  - id: pine-youth
    name: Pine Youth Crisis Center
    kind: youth
    phone: "(555) 555-0205"
    address: 5 Pine St, Millbrook
    hours: "24/7"
    admission: {min_age: 10, max_age: 17, intoxication: not_accepted,
                law_enforcement_dropoff: true}
    verified: 2026-10-01
  - id: willow-respite
    name: Willow House Peer Respite
    kind: peer_respite
    phone: "(555) 555-0206"
    address: 6 Willow Ln, Ridgeview
    area: [Ridgeview]
    hours: "24/7"
    admission: {min_age: 18, intoxication: not_accepted, law_enforcement_dropoff: true}
    verified: 2026-10-01
  - id: cedar-mct
    name: Cedar Mobile Crisis Team
    aliases: [MCT]
    kind: mobile_crisis
    phone: "(555) 555-0207"
    hours: "Mo-Su 08:00-22:00"
    verified: 2026-10-01
  - id: cedar-line
    name: Cedar County Crisis Line
    kind: crisis_line
    phone: "(555) 555-0208"
    hours: "24/7"
    verified: 2026-10-01
"""

THURSDAY_4PM = at("2026-11-19 16:00")


@pytest.fixture(scope="module")
def cedar(tmp_path_factory) -> Engine:
    folder = tmp_path_factory.mktemp("cedar")
    (folder / "cedar.yaml").write_text(CEDAR, encoding="utf-8")
    return Engine(load_knowledge(folder))


def cedar_with(resources: str) -> str:
    """The Cedar knowledge base with ``resources`` (YAML list items) listed first."""
    return CEDAR.replace("resources:\n", "resources:\n" + resources, 1)


def ask(engine: Engine, question: str, when=THURSDAY_4PM):
    answer = engine.answer(question, at=when)
    shown = [m.entry.id for m in answer.results]
    left_out = {x.resource.id: x.reasons for x in answer.excluded}
    assert not set(shown) & set(left_out), question
    return shown, left_out


def test_a_drunk_man_who_wont_wake_goes_to_the_emergency_department(cedar):
    shown, left_out = ask(cedar, "drunk guy passed out on bench, where do I drop him off")
    assert shown[0] == "cedar-ed"
    assert left_out["birch-sobering"][0].startswith("excludes unresponsive or not rousable")
    # told as a story, with "we" in it, it is still a person in danger, not a program question
    story = "dude passed out on the bench outside the bar, we cant wake him up, was pounding shots"
    shown, left_out = ask(cedar, story)
    assert shown[:1] == ["cedar-ed"] and "birch-sobering" in left_out


def test_nowhere_to_sleep_and_sober_means_a_shelter_not_a_sobering_center(cedar):
    shown, left_out = ask(cedar, "she's got no roof tonight, sober, 40s")
    assert shown[0] == "elm-shelter"
    assert left_out["birch-sobering"] == ("a sobering center; person is not intoxicated",)


def test_a_veteran_is_an_adult(cedar):
    shown, left_out = ask(cedar, "where can I take a veteran in crisis, suicidal, not drunk, 3am")
    assert shown[0] == "oak-crisis"
    assert "pine-youth" in left_out


def test_a_team_that_is_off_is_replaced_by_what_is_open(cedar):
    shown, left_out = ask(cedar, "is the MCT out? need someone at a house", at("2026-11-20 03:00"))
    assert shown[0] == "cedar-line"
    assert left_out["cedar-mct"] == ("closed at 03:00, opens 08:00",)


def test_a_place_that_serves_other_towns_is_left_out(cedar):
    shown, _ = ask(cedar, "calm woman in ridgeview wants a quiet place for a few days")
    assert shown[0] == "willow-respite"
    _, elsewhere = ask(cedar, "sober homeless man in ridgeview needs a bed tonight")
    assert elsewhere["elm-shelter"] == ("serves Millbrook; not Ridgeview",)


def test_two_places_named_the_one_that_fits_first_and_why_not_the_other(cedar):
    shown, left_out = ask(cedar, "the Oak or birch sobering? drunk guy pbt .25")
    assert shown[0] == "birch-sobering"
    assert left_out["oak-crisis"] == (
        "accepts only a blood alcohol level below 0.15; person's is 0.25",
    )


def test_asked_about_one_place_for_a_person_it_does_not_take(cedar):
    shown, left_out = ask(cedar, "can i bring a drunk 17 year old to pine youth crisis center")
    assert next(iter(left_out)) == "pine-youth"  # first among those left out
    assert left_out["pine-youth"] == ("does not accept intoxicated people",)
    assert shown[0] == "cedar-ed"


def test_asked_about_one_place_without_a_person_it_is_the_answer(cedar):
    shown, _ = ask(cedar, "can birch sobering center take someone on a hold")
    assert shown[0] == "birch-sobering"
    # its rules for anyone, even for people it turns away: the place, with its rules
    for question in (
        "does pine youth crisis center take kids whove been drinking",
        "will pine youth crisis center take a kid whos high",
        "does birch sobering center take combative people",
    ):
        shown, _ = ask(cedar, question)
        assert shown[0] in ("pine-youth", "birch-sobering"), question


RESPITE_WITHOUT_DROPOFFS = """
defaults: {timezone: America/Chicago}
resources:
  - id: aspen-respite
    name: Aspen Peer Respite
    kind: peer_respite
    phone: "(555) 555-0301"
    address: 1 Aspen Way, Millbrook
    hours: "24/7"
    admission: {min_age: 18, intoxication: not_accepted, law_enforcement_dropoff: false}
  - id: oak-crisis
    name: Oak Street Crisis Center
    kind: crisis_center
    phone: "(555) 555-0302"
    address: 2 Oak St, Millbrook
    hours: "24/7"
    admission: {min_age: 18, involuntary: true, law_enforcement_dropoff: true}
"""


def test_a_place_without_police_drop_offs_suits_someone_who_goes_on_their_own(tmp_path):
    engine = engine_for(tmp_path, RESPITE_WITHOUT_DROPOFFS)
    answer = engine.answer(
        "somewhere quiet for a few days that isnt a hospital, 30s, sober, she'll call herself",
        at=THURSDAY_4PM,
    )
    assert answer.results[0].entry.id == "aspen-respite"
    assert "no police drop-offs: the person goes on their own" in answer.results[0].caveats
    # the officer taking her, or anyone on a hold, needs a place that takes drop-offs
    for question in (
        "where can i take her, wants somewhere quiet for a few days, sober",
        "got a woman on a psych hold who wants a quiet place, where does she go",
    ):
        shown, left_out = ask(engine, question)
        assert "aspen-respite" not in shown, question
        assert left_out["aspen-respite"] == ("does not take law-enforcement drop-offs",)


def test_someone_drunk_and_suicidal_is_not_sent_to_sober_up(cedar):
    for question in (
        "m 40ish pbt .22 crying says he wants to kill himself, cooperative",
        "sixty-something farmer drinking since noon, pbt .18, told wife hes gonna use the "
        "shotgun on himself. no gun on him now",
        "wife says he's been drinking since noon and threatening to shoot himself, pbt .16",
    ):
        shown, _ = ask(cedar, question)
        assert shown[0] == "cedar-ed", question
        assert "birch-sobering" not in shown, question


VOLUNTARY_DETOX = """
defaults: {timezone: America/Chicago}
resources:
  - id: locked-detox
    name: Secure Withdrawal Unit
    kind: detox
    phone: "(555) 555-0401"
    address: 1 Gate Rd, Millbrook
    hours: "24/7"
    admission: {min_age: 18, intoxication: accepted, involuntary: true, walk_in: false,
                law_enforcement_dropoff: true}
  - id: open-detox
    name: Grove Withdrawal Center
    kind: detox
    phone: "(555) 555-0402"
    address: 2 Grove St, Millbrook
    hours: "24/7"
    admission: {min_age: 18, intoxication: accepted, involuntary: false, walk_in: true,
                law_enforcement_dropoff: true}
"""


def test_a_voluntary_person_suits_a_place_made_for_people_who_come_willingly(tmp_path):
    engine = engine_for(tmp_path, VOLUNTARY_DETOX)
    shown, _ = ask(engine, "25 yo female wants to detox off alcohol, voluntary, pbt .04")
    assert shown[0] == "open-detox"
    shown, left_out = ask(engine, "drunk guy on an involuntary hold for detox, where do i take him")
    assert shown == ["locked-detox"] and "open-detox" in left_out


TIE_BREAKS = """
defaults: {timezone: America/Chicago}
resources:
  - id: clearance-csu
    name: Hilltop Crisis Stabilization Unit
    kind: crisis_center
    phone: "(555) 555-0501"
    address: 1 Hill Rd, Millbrook
    hours: "24/7"
    admission: {min_age: 18, involuntary: true, medical_clearance: true,
                law_enforcement_dropoff: true}
  - id: direct-crc
    name: Valley Crisis Receiving Center
    kind: crisis_center
    phone: "(555) 555-0502"
    address: 2 Valley Rd, Millbrook
    hours: "24/7"
    admission: {min_age: 18, involuntary: true, medical_clearance: false,
                law_enforcement_dropoff: true}
  - id: tribal-team
    name: Ten Springs Crisis Team
    kind: mobile_crisis
    phone: "(555) 555-0503"
    area: [Ten Springs Reservation]
    hours: "24/7"
  - id: county-team
    name: County On-Call Team
    kind: mobile_crisis
    phone: "(555) 555-0504"
    hours: "24/7"
  - id: city-clinician
    name: City PD Co-Responder
    aliases: [city clinician]
    kind: co_responder
    phone: "(555) 555-0505"
    hours: "Mo-Fr 10:00-20:00"
"""


@pytest.fixture(scope="module")
def ties(tmp_path_factory) -> Engine:
    return engine_for(tmp_path_factory.mktemp("ties"), TIE_BREAKS)


def test_straight_from_the_field_a_place_needing_no_medical_clearance_comes_first(ties):
    shown, _ = ask(ties, "guy on an involuntary hold, 40, calm, where do i take him")
    assert shown[0] == "direct-crc"
    shown, _ = ask(ties, "guy on a hold, 40, already medically cleared, where do i take him")
    assert set(shown) == {"direct-crc", "clearance-csu"}


def test_with_no_place_said_a_team_serving_anywhere_comes_before_a_local_one(ties):
    shown, _ = ask(ties, "need someone to come out to a house, adult talking to himself")
    assert shown[0] == "county-team"


def test_asking_for_a_team_that_is_off_offers_what_is_on(ties):
    shown, left_out = ask(ties, "can we get the city clinician on a call right now",
                          at("2026-11-21 22:30"))  # fmt: skip
    assert "city-clinician" not in shown and "city-clinician" in left_out
    assert shown[0] == "county-team"


DOUBTED_ER = """
defaults: {timezone: America/Chicago}
resources:
  - id: memorial-ed
    name: Memorial Emergency Department
    aliases: [the ER, Memorial ER]
    kind: emergency_department
    phone: "(555) 555-0601"
    address: 1 Main St, Millbrook
    hours: "24/7"
    admission: {intoxication: accepted, involuntary: true, law_enforcement_dropoff: true}
  - id: triage-center
    name: Crisis Triage Center
    kind: crisis_center
    phone: "(555) 555-0602"
    address: 2 Main St, Millbrook
    hours: "24/7"
    admission: {min_age: 18, involuntary: false, law_enforcement_dropoff: true}
"""


def test_a_place_named_in_doubt_is_not_put_first(tmp_path):
    engine = engine_for(tmp_path, DOUBTED_ER)
    shown, _ = ask(
        engine, "adult off his meds, calm, willing to go. ER or is there something better"
    )
    assert shown[0] == "triage-center"
    shown, _ = ask(engine, "adult off his meds, calm, willing to go. can i take him to the ER")
    assert shown[0] == "memorial-ed"


TWO_COUNTIES = """
defaults: {timezone: America/New_York}
resources:
  - id: coal-mct
    name: Coalridge Mobile Crisis
    kind: mobile_crisis
    phone: "(555) 555-0701"
    area: [Coalridge County, Marlow, Sugar Run]
    hours: "24/7"
  - id: tallow-mct
    name: Tallow Mobile Crisis
    kind: mobile_crisis
    phone: "(555) 555-0702"
    area: [Tallow County, Hartsfield, Kettle Hollow]
    hours: "24/7"
"""


def test_a_town_listed_with_another_county_is_not_served_by_this_one(tmp_path):
    engine = engine_for(tmp_path, TWO_COUNTIES)
    shown, left_out = ask(engine, "out in kettle hollow, need mobile crisis for a calm adult")
    assert shown == ["tallow-mct"]
    assert left_out["coal-mct"][0].startswith("serves Coalridge County")
    shown, _ = ask(engine, "in pine gap, need mobile crisis for a calm adult")
    assert set(shown) == {"coal-mct", "tallow-mct"}  # a town no county lists: either may


NAMED_FOR_YOUTH = """
defaults: {timezone: America/New_York}
resources:
  - id: youth-team
    name: Youth Mobile Response
    kind: mobile_crisis
    phone: "(555) 555-0801"
    hours: "24/7"
  - id: adult-team
    name: County Mobile Crisis
    kind: mobile_crisis
    phone: "(555) 555-0802"
    hours: "24/7"
"""


def test_a_team_named_for_young_people_is_not_sent_to_an_adult(tmp_path):
    engine = engine_for(tmp_path, NAMED_FOR_YOUTH)
    shown, left_out = ask(engine, "can somebody go out to the house and check on her? shes 52")
    assert shown == ["adult-team"] and "youth-team" in left_out
    shown, _ = ask(engine, "can somebody go out to the house and check on her? shes 15")
    assert "youth-team" in shown


def test_a_program_question_naming_a_team_that_is_off_stays_a_program_question(tmp_path):
    funding = """
sections:
  - id: grants-funding
    title: Paying for the program
    summary: Grants and state money that keep a clinician program going when funding runs out.
    keywords: [funding, grants, money, budget]
"""
    engine = engine_for(tmp_path, TIE_BREAKS + funding)
    friday_late = at("2026-11-21 22:30")  # the city clinician is off
    asked = "state money for our city clinician runs out in june, where can we find funding"
    assert [m.entry.id for m in engine.answer(asked, at=friday_late).results][:1] == [
        "grants-funding"
    ]
    shown, _ = ask(engine, "can we get the city clinician to a call right now", friday_late)
    assert "city-clinician" not in shown


ADULTS_ONLY_OR_ALL_AGES = """
defaults: {timezone: America/Denver}
resources:
  - id: adults-csu
    name: Cottonwood Crisis Stabilization Unit
    kind: crisis_center
    phone: "(555) 555-0901"
    address: 1 Cottonwood Rd, Marlow
    hours: "24/7"
    admission: {min_age: 18, medical_clearance: true, involuntary: true,
                law_enforcement_dropoff: true}
  - id: walk-in
    name: Ridgemont Walk-In Crisis Center
    kind: crisis_center
    phone: "(555) 555-0902"
    address: 2 Main St, Ridgemont
    hours: "24/7"
    admission: {medical_clearance: false, involuntary: true, walk_in: true,
                law_enforcement_dropoff: true}
"""


def test_an_adults_only_range_says_nothing_more_about_an_adult(tmp_path):
    engine = engine_for(tmp_path, ADULTS_ONLY_OR_ALL_AGES)
    shown, _ = ask(engine, "18yo M, talking to god, no drugs, cooperative, 11pm. where")
    assert shown[0] == "walk-in"  # no clearance detour; "18+" confirms nothing for an adult


def test_asking_whom_to_call_about_someone_wants_a_team_or_a_line(cedar):
    shown, _ = ask(cedar, "guy yelling at cars on main st, not violent, sober. who do i call")
    assert shown[0] in {"cedar-mct", "cedar-line"}
    shown, _ = ask(cedar, "printer in the report room jammed again, who do i call")
    assert "cedar-mct" not in shown  # no person described: no crisis


def test_an_older_person_is_past_a_young_adult_service(tmp_path):
    engine = engine_for(tmp_path, CEDAR.replace(
        "    kind: youth\n", "    kind: youth\n    aliases: [Pine TAY]\n"
    ).replace("min_age: 10, max_age: 17", "min_age: 16, max_age: 24"))  # fmt: skip
    shown, left_out = ask(engine, "elderly woman, scared and crying, sober. where can she go")
    assert "pine-youth" not in shown
    assert left_out["pine-youth"] == ("ages 16–24; person is an older adult",)


def test_with_no_town_named_a_place_for_everyone_comes_before_one_for_some_towns(tmp_path):
    north_ed = """  - id: a-north-ed
    name: Northfield Community Hospital ER
    kind: emergency_department
    phone: "(555) 555-0209"
    address: 9 Elm St, Northfield
    area: [Northfield, North Cedar County]
    hours: "24/7"
    admission: {intoxication: accepted, involuntary: true, violence: accepted,
                law_enforcement_dropoff: true}
    verified: 2026-10-01
"""
    engine = engine_for(tmp_path, cedar_with(north_ed))
    shown, _ = ask(engine, "pbt .34, passed out on the sidewalk")
    assert shown == ["cedar-ed"]  # the other is a second choice, shown when more are asked
    more = engine.answer("pbt .34, passed out on the sidewalk", at=THURSDAY_4PM, top=10)
    north = next(m for m in more.results if m.entry.id == "a-north-ed")
    assert "serves Northfield, North Cedar County only" in north.caveats
    shown, _ = ask(engine, "pbt .34, passed out on the sidewalk in northfield")
    assert shown[0] == "a-north-ed"


def test_a_town_listed_with_two_counties_at_once_still_belongs_to_its_own(tmp_path):
    both = """  - id: region-line
    name: Two-County Crisis Line
    kind: crisis_line
    phone: "(555) 555-0703"
    area: [Coalridge County, Tallow County, Marlow, Kettle Hollow]
    hours: "24/7"
"""
    engine = engine_for(tmp_path, TWO_COUNTIES + both)
    shown, left_out = ask(engine, "out in kettle hollow, need mobile crisis for a calm adult")
    assert shown == ["tallow-mct"]
    assert left_out["coal-mct"][0].startswith("serves Coalridge County")


def test_a_town_listed_with_two_counties_twice_is_in_the_one_they_share(tmp_path):
    # Osprey Bay beside Birch Lake and Heron, and beside Birch Lake and Tamarack: Birch Lake
    lists = """  - id: clinic
    name: Lakes Counseling
    kind: outpatient
    phone: "(555) 555-0704"
    area: [Birch Lake County, Heron County, Osprey Bay, Sable Lake]
  - id: respite
    name: Lakes Peer Respite
    kind: peer_respite
    phone: "(555) 555-0705"
    area: [Tamarack County, Birch Lake County, Loonhaven, Osprey Bay]
  - id: tamarack-mct
    name: Tamarack Mobile Crisis
    kind: mobile_crisis
    phone: "(555) 555-0706"
    area: [Tamarack County, Loonhaven]
    hours: "24/7"
  - id: birch-mct
    name: Birch Lake Mobile Crisis
    kind: mobile_crisis
    phone: "(555) 555-0707"
    area: [Birch Lake County]
    hours: "24/7"
"""
    engine = engine_for(tmp_path, "defaults: {timezone: America/Chicago}\nresources:\n" + lists)
    shown, left_out = ask(engine, "need mobile crisis at a house in osprey bay, calm adult")
    assert shown[:1] == ["birch-mct"] and "tamarack-mct" in left_out


def test_a_kind_only_doubted_does_not_hand_the_answer_to_the_place_that_takes_everyone(tmp_path):
    places = """defaults: {timezone: America/Chicago}
resources:
  - id: general-ed
    name: General Hospital Emergency Department
    kind: emergency_department
    phone: "(555) 555-0801"
    address: 1 Main St
    hours: "24/7"
    admission: {intoxication: accepted, involuntary: true, law_enforcement_dropoff: true}
  - id: sobering
    name: Depot Sobering Station
    kind: sobering_center
    phone: "(555) 555-0802"
    address: 2 Depot St
    hours: "24/7"
    admission: {min_age: 18, intoxication: below_limit, max_bac: 0.30,
                law_enforcement_dropoff: true}
  - id: crisis-center
    name: Walk-In Crisis Center
    kind: crisis_center
    phone: "(555) 555-0803"
    address: 3 Elm St
    hours: "24/7"
    admission: {min_age: 18, intoxication: not_accepted, law_enforcement_dropoff: true}
"""
    shown, left_out = ask(
        engine_for(tmp_path, places), "just drunk, not in crisis, 28. crisis center?"
    )
    assert shown[:1] == ["sobering"] and "crisis-center" in left_out


TEAMS = """defaults: {timezone: America/Chicago}
resources:
  - id: care-team
    name: Ellery PD CARE Team
    kind: co_responder
    phone: "(555) 555-0901"
    summary: An officer and a clinician ride together to welfare checks, weekdays.
    hours: "Mo-Fr 08:00-17:00"
  - id: county-mct
    name: County Mobile Crisis
    kind: mobile_crisis
    phone: "(555) 555-0902"
    summary: Clinicians who come out to homes.
    hours: "24/7"
  - id: sheriff-team
    name: Sheriff Co-Responder Unit
    kind: co_responder
    phone: "(555) 555-0903"
    summary: A deputy with a clinician in the car.
    hours: "24/7"
"""


def test_a_team_wanted_at_a_moment_said_is_wanted_open_then(tmp_path):
    # "we"/"us" sound like the program's words, but the moment said and the need make it a
    # request for a team then: the weekday team is left out on a Saturday
    engine = engine_for(tmp_path, TEAMS)
    shown, left_out = ask(
        engine, "saturday afternoon, need a clinician w us for a welfare check in ellery"
    )
    assert "care-team" in left_out and shown[:1] == ["sheriff-team"]


def test_a_clinician_to_ride_with_us_is_a_co_responder(tmp_path):
    engine = engine_for(tmp_path, TEAMS)
    asked = engine.answer("anybody who can ride with us on a welfare check", at=THURSDAY_4PM)
    assert asked.situation.wants["co_responder"] > asked.situation.wants["mobile_crisis"]
    assert asked.results[0].entry.id in {"care-team", "sheriff-team"}
    # the person agreeing to go with the officer asks for no team in the car
    wants = engine.answer("calm, he'll ride with us, who can come out", at=THURSDAY_4PM).situation
    assert wants.wants["mobile_crisis"] > wants.wants["co_responder"]


SHORE = """defaults: {timezone: America/New_York}
resources:
  - id: harbor-sobering
    name: Harbor Sobering Center
    kind: sobering_center
    phone: "(555) 555-0911"
    address: 55 Dock St, Gull Harbor
    area: [Gull Harbor, Osprey Point]
    hours: "24/7"
    admission: {min_age: 18, intoxication: accepted, law_enforcement_dropoff: true}
  - id: pinebrook-bh
    name: Pinebrook Behavioral Health
    aliases: [Pinebrook]
    kind: crisis_center
    phone: "(555) 555-0912"
    address: 600 Pine Ridge Rd, Pinebrook (Building C)
    hours: "24/7"
  - id: st-brendan
    name: St. Brendan Emergency Department
    kind: emergency_department
    phone: "(555) 555-0913"
    address: 1 Regional Way, Osprey Point, NJ 08000
    hours: "24/7"
    admission: {intoxication: accepted, law_enforcement_dropoff: true}
"""


def test_a_town_a_resource_stands_in_is_a_place_the_question_may_name(tmp_path):
    from bot.search.places import address_town

    assert address_town("600 Pine Ridge Rd, Pinebrook (Building C)") == "Pinebrook"
    assert address_town("1 Regional Way, Osprey Point, NJ 08000") == "Osprey Point"
    assert address_town("Sabal Park (street address given on the intake call)") is None
    engine = engine_for(tmp_path, SHORE)
    # Pinebrook is a town (a resource's address is in it), and the sobering center serves
    # two other towns; "in pinebrook" is the town, not the place called "Pinebrook"
    shown, left_out = ask(engine, "drunk guy in pinebrook, calm, where can he sleep it off")
    assert "harbor-sobering" in left_out and shown[:1] == ["st-brendan"]
    assert ask(engine, "drunk guy in gull harbor, calm, where can he sleep it off")[0][:1] == [
        "harbor-sobering"
    ]


def test_a_team_named_in_doubt_is_not_asked_to_come_out(tmp_path):
    teams = """defaults: {timezone: America/New_York}
resources:
  - id: shelter
    name: Grand Street Shelter
    kind: shelter
    phone: "(555) 555-0921"
    address: 10 Grand St, Kingsford
    hours: "24/7"
    admission: {min_age: 18, intoxication: not_accepted, law_enforcement_dropoff: true}
  - id: mct
    name: Ruyter County Mobile Crisis
    aliases: [mobile crisis, MCT]
    kind: mobile_crisis
    phone: "(555) 555-0922"
    hours: "24/7"
"""
    shown, _ = ask(
        engine_for(tmp_path, teams),
        "homeless guy, sober, he's just freezing and needs a bed. is that a mobile crisis thing?",
    )
    assert shown[:1] == ["shelter"]


def test_a_place_said_to_be_full_is_left_out_and_another_of_its_kind_offered(tmp_path):
    units = """defaults: {timezone: America/Chicago}
resources:
  - id: four-west
    name: Ellery Memorial Behavioral Health Unit
    aliases: [4 West]
    kind: psychiatric_hospital
    phone: "(555) 555-0931"
    address: 900 Lakeview Ave, Ellery
    hours: "24/7"
    admission: {min_age: 18, involuntary: true, law_enforcement_dropoff: true}
  - id: state-mhi
    name: Harwood Mental Health Institute
    kind: psychiatric_hospital
    phone: "(555) 555-0932"
    address: 2500 Institute Rd, Harwood
    hours: "24/7"
    admission: {involuntary: true, law_enforcement_dropoff: true}
  - id: walk-in
    name: Ellery Walk-In Crisis Center
    kind: crisis_center
    phone: "(555) 555-0933"
    address: 1 Main St, Ellery
    hours: "24/7"
    admission: {involuntary: false}
"""
    engine = engine_for(tmp_path, units)
    shown, left_out = ask(engine, "4 west is full, 40 yo on a hold, where else can he go")
    assert shown[:1] == ["state-mhi"] and left_out["four-west"] == ("full, as the question says",)
    # a place that has seen the person, and says so, is where they come from: not asked for
    rows, _, origins, _ = engine.named("ellery walk-in crisis center staff says he needs a bed")
    assert not rows and [engine.index.entries[r].id for _, found in origins for r in found] == [
        "walk-in"
    ]


def test_with_no_age_said_a_team_for_minors_only_comes_after_one_for_all_ages(tmp_path):
    teams = """defaults: {timezone: America/Chicago}
resources:
  - id: kids-team
    name: Tallow Youth Crisis Services
    kind: mobile_crisis
    phone: "(555) 555-0941"
    summary: Clinicians who come out to homes.
    hours: "24/7"
    admission: {max_age: 17}
  - id: county-mct
    name: Tallow County Mobile Crisis
    kind: mobile_crisis
    phone: "(555) 555-0942"
    summary: Clinicians who come out to homes.
    hours: "24/7"
"""
    engine = engine_for(tmp_path, teams)
    question = "family wants a team to come by the house around 7 tonight"
    assert ask(engine, question)[0][:1] == ["county-mct"]
    assert ask(engine, question + ", their 14 yo")[0][:1] == ["kids-team"]


def test_where_the_sobering_center_does_not_serve_a_shelter_taking_drunks_will_do(tmp_path):
    places = """defaults: {timezone: America/Detroit}
resources:
  - id: sobering
    name: Tamarack Sobering Station
    kind: sobering_center
    phone: "(555) 555-0951"
    address: 10 Front St, Tamarack City
    area: [Tamarack City]
    hours: "24/7"
    admission: {min_age: 18, intoxication: accepted, law_enforcement_dropoff: true}
  - id: warming
    name: Port Sauble Warming Center
    kind: shelter
    phone: "(555) 555-0952"
    address: 4 Dock St, Port Sauble
    hours: "24/7"
    admission: {min_age: 18, intoxication: accepted, law_enforcement_dropoff: true}
  - id: withdrawal
    name: Northshore Withdrawal Management
    kind: detox
    phone: "(555) 555-0953"
    address: 8 Lake Rd, Port Sauble
    hours: "24/7"
    admission: {min_age: 18, law_enforcement_dropoff: true}
"""
    shown, left_out = ask(
        engine_for(tmp_path, places), "drunk guy port sauble needs to sleep it off"
    )
    assert shown[:1] == ["warming"] and "sobering" in left_out


def test_of_places_that_suit_alike_the_one_in_the_town_named_comes_first(tmp_path):
    centers = """defaults: {timezone: America/Chicago}
resources:
  - id: harwood-crc
    name: Harwood Crisis Center
    kind: crisis_center
    phone: "(555) 555-0961"
    address: 2 Main St, Harwood
    hours: "24/7"
  - id: millbrook-crc
    name: Walk-In Crisis Center
    kind: crisis_center
    phone: "(555) 555-0962"
    address: 9 Elm St, Millbrook
    hours: "24/7"
"""
    question = "sober guy, depressed, calm, willing to go somewhere. near millbrook"
    assert ask(engine_for(tmp_path, centers), question)[0][:1] == ["millbrook-crc"]


def test_a_place_closed_when_one_is_wanted_now_is_left_out_of_a_look_up_too(tmp_path):
    youth = """defaults: {timezone: America/New_York}
resources:
  - id: youth-center
    name: Harborview Youth Crisis Center
    kind: youth
    phone: "(555) 555-0971"
    address: 12 Elm St, Harborview
    hours: "Mo-Fr 08:00-20:00"
    admission: {max_age: 17}
  - id: ymci
    name: Youth Mobile Crisis
    kind: mobile_crisis
    phone: "(555) 555-0972"
    hours: "24/7"
    admission: {max_age: 17}
"""
    engine = engine_for(tmp_path, youth)
    tuesday_night = at("2026-11-24 21:30", ZoneInfo("America/New_York"))
    question = "elm st youth place open now? 14 yo girl melting down, parents with her"
    answer = engine.answer(question, at=tuesday_night)
    assert [m.entry.id for m in answer.results][:1] == ["ymci"]
    assert "youth-center" in {x.resource.id for x in answer.excluded}
    # named, its hours are the answer
    named = engine.answer("is harborview youth crisis center open", at=tuesday_night)
    assert named.results[0].entry.id == "youth-center"


def test_a_place_of_a_kind_that_hardly_suits_does_not_win_on_its_town_and_words(cedar):
    # the team is off at 23:00; the shelter serves Millbrook and has "house" in its words,
    # but a line is what does the team's job
    shown, _ = ask(
        cedar, "can we get the MCT out to the house on elm st in millbrook", at("2026-11-19 23:00")
    )
    assert shown[0] == "cedar-line"


def test_a_unit_for_older_adults_suits_an_older_person(tmp_path):
    geri = """  - id: senior-unit
    name: Bayou Senior Behavioral Unit
    kind: psychiatric_hospital
    phone: "(555) 555-0210"
    address: 10 Oak St, Millbrook
    hours: "24/7"
    admission: {min_age: 55, law_enforcement_dropoff: true}
    verified: 2026-10-01
"""
    engine = engine_for(tmp_path, cedar_with(geri))
    question = (
        "sixty-something lady, really depressed since her husband died, family wants her admitted"
    )
    shown, _ = ask(engine, question)
    assert shown[0] == "senior-unit"
    shown, left_out = ask(engine, question.replace("sixty-something", "30 yo"))
    assert shown[0] != "senior-unit" and left_out["senior-unit"][0].startswith("ages 55+")


STATE_PSYCH = """  - id: state-psych
    name: Cedar State Psychiatric Hospital
    kind: psychiatric_hospital
    phone: "(555) 555-0211"
    address: 11 Hill Rd, Millbrook
    hours: "24/7"
    admission: {min_age: 18, involuntary: true, medical_clearance: true,
                law_enforcement_dropoff: true}
    verified: 2026-10-01
"""


def test_the_place_the_person_came_from_is_not_the_place_asked_for(tmp_path):
    kb = cedar_with(STATE_PSYCH)
    engine = engine_for(tmp_path, kb.replace("name: Cedar General Emergency Department",
                                             "name: Cedar General Emergency Department\n"
                                             "    aliases: [General]"))  # fmt: skip
    answer = engine.answer(
        "guy on a 5150, already cleared at general, which hospital do i take him to",
        at=THURSDAY_4PM,
    )
    assert answer.results[0].entry.id == "state-psych"
    assert "needs medical clearance before admission" not in answer.results[0].caveats
    shown, _ = ask(engine, "5150 signed, cleared medically already, which hospital now")
    assert shown[0] == "state-psych"  # cleared: the ER is behind him
    shown, _ = ask(engine, "guy on a 5150, combative, can i take him to general")
    assert shown[0] == "cedar-ed"  # asked for by name, it is the place asked about
    # a hold placed by the doctor at the ER: examined there, a psychiatric bed is next
    shown, _ = ask(engine, "doc at general put him on a 72, which hospital can take him")
    assert shown[0] == "state-psych"
    shown, _ = ask(engine, "guy on a 5150, which hospital can take him")
    assert shown[0] == "cedar-ed"  # not examined yet: the ER first


def test_asking_what_is_open_asks_for_places_not_one_place_hours(cedar):
    shown, _ = ask(cedar, "anywhere open at 2am for a drunk to sleep it off? planning ahead")
    assert shown[0] == "birch-sobering"


def test_a_team_named_and_wanted_tonight_is_not_a_program_question(cedar):
    shown, _ = ask(cedar, "tonight around 9 can mobile crisis meet us at a house on elm st")
    assert shown[0] == "cedar-mct"


def test_a_psychiatric_refill_goes_to_a_mental_health_clinic_not_an_addiction_clinic(tmp_path):
    clinics = """  - id: a-bridge-clinic
    name: Cedar Bridge Clinic
    kind: outpatient
    summary: Same-day buprenorphine (Suboxone) starts and opioid treatment referrals.
    phone: "(555) 555-0212"
    address: 12 Elm St, Millbrook
    hours: "24/7"
    verified: 2026-10-01
  - id: b-mh-clinic
    name: Cedar Counseling Center
    kind: outpatient
    summary: Walk-in mental health clinic with same-day prescriber visits.
    phone: "(555) 555-0213"
    address: 13 Elm St, Millbrook
    hours: "24/7"
    verified: 2026-10-01
"""
    engine = engine_for(tmp_path, cedar_with(clinics))
    shown, _ = ask(engine, "ran out of his seroquel 4 days ago, anywhere he can get a refill")
    assert shown[0] == "b-mh-clinic" and "a-bridge-clinic" not in shown
    more = engine.answer("dopesick, wants suboxone, any clinic today", at=THURSDAY_4PM, top=10)
    ids = [m.entry.id for m in more.results]
    assert ids.index("a-bridge-clinic") < ids.index("b-mh-clinic")  # not held against it


def test_a_warm_line_for_someone_lonely_and_a_crisis_line_for_a_crisis(tmp_path):
    warm = """  - id: a-warm-line
    name: Cedar Peer Warmline
    kind: crisis_line
    phone: "(555) 555-0214"
    hours: "24/7"
    verified: 2026-10-01
"""
    engine = engine_for(tmp_path, cedar_with(warm))
    shown, _ = ask(
        engine, "he keeps calling 911 cause hes lonely, just wants somebody to chat with"
    )
    assert shown[0] == "a-warm-line"
    shown, _ = ask(engine, "suicidal, says he needs somebody to talk to on the phone")
    assert shown[0] == "cedar-line"


def test_a_veteran_who_only_wants_to_talk_is_offered_veterans_first(tmp_path):
    both = """  - id: a-warm-line
    name: Cedar Peer Warmline
    kind: crisis_line
    phone: "(555) 555-0214"
    hours: "24/7"
    verified: 2026-10-01
  - id: vet-center
    name: Cedar Vet Center
    kind: veterans
    phone: "(555) 555-0215"
    address: 15 Elm St, Millbrook
    hours: "24/7"
    verified: 2026-10-01
"""
    engine = engine_for(tmp_path, cedar_with(both))
    question = "marine vet, nightmares are back, wants to talk to somebody. not in crisis"
    assert ask(engine, question)[0][:1] == ["vet-center"]
    assert ask(engine, question.replace("marine vet", "older guy"))[0][:1] == ["a-warm-line"]


def test_two_places_named_with_nothing_else_said_are_compared_for_the_drive(tmp_path):
    no_dropoffs = CEDAR.replace(
        "admission: {min_age: 18, intoxication: not_accepted, law_enforcement_dropoff: true}\n"
        "    verified: 2026-10-01\n  - id: cedar-mct",
        "admission: {min_age: 18, intoxication: not_accepted, law_enforcement_dropoff: false}\n"
        "    verified: 2026-10-01\n  - id: cedar-mct",
    )
    engine = engine_for(tmp_path, no_dropoffs)
    shown, left_out = ask(engine, "willow house or the oak? she wants to go, we'd be driving her")
    assert shown[0] == "oak-crisis"
    assert left_out["willow-respite"] == ("does not take law-enforcement drop-offs",)
    shown, _ = ask(engine, "gash on his forearm, on a 5150, the oak or cedar general?")
    assert shown == ["cedar-ed"]


def test_a_name_typed_with_a_typo_in_its_second_word_is_one_place_not_two(tmp_path):
    mission = CEDAR.replace(
        "    name: Elm Street Shelter\n",
        "    name: Cornerstone Mission Night Shelter\n    aliases: [Cornerstone, the Mission]\n",
    ).replace('area: [Millbrook]\n    hours: "24/7"', 'area: [Millbrook]\n    hours: "18:00-07:00"')
    # closed when asked: a comparison of "two" places would leave it out
    engine = engine_for(tmp_path, mission)
    shown, _ = ask(engine, "address for cornerstone mision")
    assert shown == ["elm-shelter"]


def test_a_place_whose_exclusions_name_the_hold_is_left_out_for_it(tmp_path):
    eco = CEDAR.replace(
        "                law_enforcement_dropoff: true, violence: not_accepted}",
        "                law_enforcement_dropoff: true, violence: not_accepted,\n"
        "                excludes: [weapons, people on an ECO not yet evaluated]}",
    )
    engine = engine_for(tmp_path, eco)
    shown, left_out = ask(engine, "got an eco on a 35yo, calm, sober, where do i take him")
    assert "oak-crisis" not in shown
    assert left_out["oak-crisis"] == ("excludes people on an ECO not yet evaluated",)


def test_a_place_for_the_whole_region_or_the_whole_country_serves_anywhere(tmp_path):
    kb = (
        CEDAR.replace("  area: Cedar County\n", "  area: Cedar County (sample data)\n", 1)
        .replace('    address: 1 Main St, Millbrook\n', '    address: 1 Main St, Millbrook\n'
                 '    area: [Cedar County]\n', 1)
        .replace('    phone: "(555) 555-0208"\n', '    phone: "(555) 555-0208"\n'
                 '    area: [United States]\n', 1)
    )  # fmt: skip
    engine = engine_for(tmp_path, kb)
    for question, place in (
        ("pbt .34, passed out on the sidewalk", "cedar-ed"),
        ("he only needs someone on the phone", "cedar-line"),
    ):
        first = engine.answer(question, at=THURSDAY_4PM).results[0]
        assert first.entry.id == place, question
        assert not any(c.endswith(" only") for c in first.caveats), first.caveats


def test_drunk_with_no_reading_is_likely_past_a_strict_limit(tmp_path):
    strict = """  - id: aspen-csu
    name: Aspen Crisis Stabilization Unit
    kind: crisis_center
    phone: "(555) 555-0213"
    address: 13 Aspen St, Millbrook
    hours: "24/7"
    admission: {min_age: 18, intoxication: below_limit, max_bac: 0.08,
                law_enforcement_dropoff: true}
    verified: 2026-10-01
"""
    engine = engine_for(tmp_path, cedar_with(strict))
    answer = engine.answer("drunk guy, suicidal, where can i take him", at=THURSDAY_4PM, top=9)
    shown = [m.entry.id for m in answer.results]
    assert shown.index("oak-crisis") < shown.index("aspen-csu")  # a limit of .15 is likelier


def test_who_can_help_asks_for_someone_unless_the_officer_drives(cedar):
    at_home = (
        "called to a farm outside millbrook, 45 yo guy hasnt slept in days, talking about the "
        "government listening thru his silo. no weapons. hes willing to talk. who can help"
    )
    assert ask(cedar, at_home)[0][0] == "cedar-mct"
    riding = at_home.replace("hes willing to talk", "agreed to ride w me")
    assert ask(cedar, riding)[0][0] == "oak-crisis"


FIR_DETOX = """  - id: fir-detox
    name: Fir Withdrawal Management
    kind: detox
    phone: "(555) 555-0212"
    address: 12 Fir St, Millbrook
    hours: "24/7"
    admission: {min_age: 18, intoxication: accepted, law_enforcement_dropoff: true}
    verified: 2026-10-01
"""


def test_his_need_in_a_what_do_i_do_question_is_a_placement(tmp_path):
    engine = engine_for(tmp_path, cedar_with(FIR_DETOX))
    question = "dude says hes done with the fentanyl and ready to get clean, what do i do w him"
    assert ask(engine, question)[0][:1] == ["fir-detox"]


def test_an_adult_of_no_stated_age_is_likely_past_a_young_adult_service(tmp_path):
    kids = """  - id: kids-mobile
    name: Children's Mobile Response
    kind: mobile_crisis
    phone: "(555) 555-0214"
    hours: "24/7"
    admission: {max_age: 20}
    verified: 2026-10-01
"""
    engine = engine_for(tmp_path, cedar_with(kids))
    shown, _ = ask(engine, "adult in crisis at home, need somebody to come out")
    assert shown[0] == "cedar-mct" and "kids-mobile" not in shown
    shown, _ = ask(engine, "19 yo in crisis at home, need somebody to come out")
    assert "kids-mobile" in shown  # 19 is within its ages


def test_a_sober_person_who_only_names_detox_is_not_sent_there(tmp_path):
    engine = engine_for(tmp_path, cedar_with(FIR_DETOX))
    question = (
        "totally sober, no drinking or drugs, bad panic attack, can we drop him at the detox?"
    )
    shown, left_out = ask(engine, question)
    assert "fir-detox" not in shown and "not intoxicated" in left_out["fir-detox"][0]
    shown, _ = ask(engine, "sober right now but wants to get clean off pills, can detox take him")
    assert shown[0] == "fir-detox"  # a need asks for it


def test_a_place_asked_to_see_someone_when_closed_offers_what_is_open(tmp_path):
    vets = """  - id: vet-center
    name: Cedar Vet Center
    aliases: [the Vet Center]
    kind: veterans
    phone: "(555) 555-0215"
    address: 15 Elm St, Millbrook
    hours: "Mo-Fr 08:00-16:30"
    verified: 2026-10-01
"""
    engine = engine_for(tmp_path, cedar_with(vets))
    shown, left_out = ask(engine, "can the vet center see a guy at 6 this evening")
    assert shown and shown[0] != "vet-center"
    assert left_out["vet-center"][0].startswith("closed at 18:00")


AT_THE_HOUSE = """defaults: {timezone: America/Chicago}
resources:
  - id: ellery-mct
    name: Ellery County Mobile Crisis Team
    aliases: [MCT]
    kind: mobile_crisis
    phone: "(555) 555-0931"
    summary: Clinicians who come out to homes in Ellery County.
    area: [Ellery, Millbrook]
    hours: "Mo-Su 08:00-22:00"
  - id: county-line
    name: County Crisis Line
    kind: crisis_line
    phone: "(555) 555-0932"
    hours: "24/7"
  - id: millbrook-crc
    name: Millbrook Crisis Receiving Center
    kind: crisis_center
    phone: "(555) 555-0933"
    address: 4 Oak St, Millbrook
    area: [Millbrook, Oakdale]
    hours: "24/7"
    admission: {min_age: 18, law_enforcement_dropoff: true}
"""


def test_a_team_wanted_at_a_house_when_off_is_replaced_by_a_line_not_a_place(tmp_path):
    # the person stays at home: the crisis centre serving the town is no stand-in for a team
    engine = engine_for(tmp_path, AT_THE_HOUSE)
    when = at("2026-11-20 02:30")
    shown, left_out = ask(engine, "is the mct out tonight? need them at a house in millbrook", when)
    assert shown[:1] == ["county-line"] and "millbrook-crc" not in shown
    assert left_out["ellery-mct"][0].startswith("closed at 02:30")


def test_a_team_wanted_in_a_town_it_does_not_serve_is_replaced_like_one_that_is_off(tmp_path):
    engine = engine_for(tmp_path, AT_THE_HOUSE)
    shown, left_out = ask(engine, "is the mct out? need them at a house in oakdale")
    assert shown[:1] == ["county-line"]
    assert left_out["ellery-mct"] == ("serves Ellery, Millbrook; not Oakdale",)
    # asked with the officer driving, the crisis centre is where to go
    shown, _ = ask(engine, "mct doesnt cover oakdale, can i take him somewhere there")
    assert "millbrook-crc" in shown


TWO_YOUTH_PLACES = """defaults: {timezone: America/Chicago}
resources:
  - id: youth-shelter
    name: Cardinal House Youth Emergency Shelter
    kind: youth
    phone: "(555) 555-0941"
    address: 9 Elm St, Millbrook
    hours: "24/7"
    admission: {min_age: 12, max_age: 17, law_enforcement_dropoff: true}
  - id: youth-csu
    name: Sycamore House Youth Crisis Stabilization Unit
    kind: youth
    phone: "(555) 555-0942"
    address: 11 Elm St, Millbrook
    hours: "24/7"
    admission: {min_age: 6, max_age: 17, law_enforcement_dropoff: true}
  - id: adult-crc
    name: Millbrook Crisis Receiving Center
    kind: crisis_center
    phone: "(555) 555-0943"
    address: 4 Oak St, Millbrook
    hours: "24/7"
    admission: {law_enforcement_dropoff: true}
"""


def test_of_two_youth_places_the_one_whose_name_says_it_does_the_job_comes_first(tmp_path):
    # both are "youth"; their names say one is a shelter and the other a crisis unit
    engine = engine_for(tmp_path, TWO_YOUTH_PLACES)
    shown, _ = ask(engine, "14 yo girl, panic attacks, calm now, mom with her. where")
    assert shown[:1] == ["youth-csu"]
    shown, _ = ask(engine, "15 yo runaway, not in crisis, just needs a safe bed tonight")
    assert shown[:1] == ["youth-shelter"]
    # no age said: a crisis unit for minors only comes after the one for everyone
    shown, _ = ask(engine, "panic attacks, calm now, wants to talk to someone in person. where")
    assert shown[:1] == ["adult-crc"]


TOWN_NAMED = """defaults: {timezone: America/Chicago}
resources:
  - id: gap-hospital
    name: Laurel Gap Hospital
    kind: emergency_department
    phone: "(555) 555-0951"
    address: 1 Main St, Laurel Gap
    hours: "24/7"
    admission: {law_enforcement_dropoff: true}
  - id: gap-mct
    name: Plateau Mobile Crisis
    kind: mobile_crisis
    phone: "(555) 555-0952"
    area: [Laurel Gap]
    hours: "24/7"
"""


def test_a_town_alone_is_no_match_but_a_place_named_for_it_is(tmp_path):
    engine = engine_for(tmp_path, TOWN_NAMED)
    # only the town is known: about the road, not the hospital
    assert ask(engine, "whats the speed limit on hwy 70 thru laurel gap") == ([], {})
    shown, _ = ask(engine, "does laurel gap hospital take police drop offs")
    assert shown[:1] == ["gap-hospital"]
    shown, _ = ask(engine, "need mobile crisis in laurel gap at 9 tonight")
    assert shown[:1] == ["gap-mct"]


def test_a_person_described_in_words_that_sound_like_a_look_up_still_gets_places(tmp_path):
    # "open his eyes", "answering the phone": no place's hours or number is asked for
    engine = engine_for(tmp_path, CEDAR)
    shown, _ = ask(engine, "passed out behind the legion hall, can barely get him to open his eyes")
    assert shown[:1] == ["cedar-ed"]
    assert "birch-sobering" not in shown
    shown, _ = ask(engine, "16yo blew .09 at a party, puking, parents not answering the phone")
    assert shown[:1] == ["cedar-ed"]
    assert "pine-youth" not in shown


def test_someone_who_needs_a_line_gets_it_though_the_question_sounds_like_guidance(tmp_path):
    wellness = (
        CEDAR
        + """sections:
  - id: officer-wellness
    title: Officer wellness
    body: >-
      Officers who answer the same callers every week need someone to talk to as well:
      peer support, the employee assistance program and a chaplain are there for us.
    keywords: [wellness, peer support, stress]
"""
    )
    engine = engine_for(tmp_path, wellness)
    question = "lady calls 911 like 3x a week, just lonely, wants someone to talk to on the phone"
    assert ask(engine, question + ". anything besides us")[0][:1] == ["cedar-line"]
    # "a number" is what he needs handed to him, not a place's number asked for
    question = (
        "he just needs somebody to talk to on the phone, wont call unless i hand him a number"
    )
    assert ask(engine, question)[0][:1] == ["cedar-line"]
    # the officers' own need stays guidance
    shown, _ = ask(engine, "our guys need someone to talk to after a bad week, any peer support")
    assert shown[:1] == ["officer-wellness"]


def test_of_two_crisis_lines_a_veteran_is_offered_the_one_for_veterans(tmp_path):
    vcl = """  - id: vcl
    name: Veterans Crisis Line
    kind: crisis_line
    phone: "988, press 1"
    hours: "24/7"
    verified: 2026-10-01
"""
    engine = engine_for(tmp_path, CEDAR + vcl)
    question = "vet wants to talk to somebody who gets the military stuff, its 2am, cant sleep"
    assert ask(engine, question)[0][:1] == ["vcl"]
    shown, _ = ask(engine, "guy wants to talk to somebody, its 2am, cant sleep")
    assert shown[:1] == ["cedar-line"]


def test_someone_examined_already_is_taken_to_a_psychiatric_bed(tmp_path):
    psych = STATE_PSYCH.replace(" medical_clearance: true,", "")
    glossary = """glossary:
  - term: PEC
    aliases: [physician's emergency certificate]
    definition: Physician's Emergency Certificate, signed after an exam; allows involuntary
      treatment for up to 15 days.
  - term: OPC
    aliases: [order for protective custody]
    definition: A judge's order letting officers take a person for an involuntary exam.
"""
    engine = engine_for(tmp_path, cedar_with(psych) + glossary)
    # a hold issued after an exam: the bed is next, not the emergency department
    shown, _ = ask(engine, "which hospital takes a 45 yo man on a PEC")
    assert shown[:1] == ["state-psych"]
    shown, _ = ask(engine, "which hospital takes a 45 yo man on an OPC")
    assert shown[:1] == ["cedar-ed"]
    # the ER that cleared her is where she was, not where she goes; inpatient is a bed
    shown, _ = ask(
        engine, "on a 5150, ER already cleared her medically, 38 y/o, where for inpatient"
    )
    assert shown[:1] == ["state-psych"]


def test_a_drunk_minor_is_seen_by_a_doctor_first(tmp_path):
    # a crisis centre taking minors and people below .15 would take him; a doctor comes first
    open_to_minors = CEDAR.replace(
        "admission: {min_age: 18, intoxication: below_limit, max_bac: 0.15",
        "admission: {min_age: 12, intoxication: below_limit, max_bac: 0.15",
    )
    engine = engine_for(tmp_path, open_to_minors)
    shown, _ = ask(
        engine, "16yo got into his parents liquor cabinet, pbt .11, cant reach the parents"
    )
    assert shown[:1] == ["cedar-ed"]
    # a party at a house is where he is, not a team wanted at the house
    shown, _ = ask(engine, "drunk 16 yo at a house party, parents not answering")
    assert shown[:1] == ["cedar-ed"]
    shown, _ = ask(engine, "16yo, sober, panic attack, cant reach the parents")
    assert shown[:1] != ["cedar-ed"]


def test_a_drunk_man_to_sleep_it_off_where_no_sobering_centre_serves_goes_to_the_er(tmp_path):
    # the ER takes him as he is; whether the detox does is not said
    detox = """  - id: hill-detox
    name: Hillside Withdrawal Management
    kind: detox
    phone: "(555) 555-0216"
    address: 16 Hill Rd, Millbrook
    hours: "24/7"
    admission: {min_age: 18, law_enforcement_dropoff: true}
    verified: 2026-10-01
"""
    kb = cedar_with(detox).replace(
        "address: 3 Birch Rd, Millbrook\n",
        "address: 3 Birch Rd, Millbrook\n    area: [Millbrook]\n",
    )
    engine = engine_for(tmp_path, kb)
    shown, left_out = ask(engine, "drunk guy in ridgeview needs to sleep it off, pbt .18")
    assert shown[:1] == ["cedar-ed"]
    assert "birch-sobering" in left_out
    shown, _ = ask(engine, "drunk guy in millbrook needs to sleep it off, pbt .18")
    assert shown[:1] == ["birch-sobering"]


def test_the_closest_place_wanted_is_the_one_in_the_town_said(tmp_path):
    ridge_ed = """  - id: ridge-ed
    name: Ridgeview Community Hospital Emergency Room
    kind: emergency_department
    phone: "(555) 555-0217"
    address: 17 Main St, Ridgeview
    hours: "24/7"
    admission: {involuntary: true, law_enforcement_dropoff: true}
    verified: 2026-10-01
"""
    engine = engine_for(tmp_path, cedar_with(ridge_ed))
    question = "deputy in ridgeview has a calm guy on a 5150, {}place that will take him?"
    shown, _ = ask(engine, question.format("closest "))
    assert shown[:1] == ["ridge-ed"]
    shown, _ = ask(engine, question.format(""))
    assert shown[:1] == ["oak-crisis"]
    # the closest of the kind wanted, though none of it is in that town
    shown, _ = ask(engine, "calm adult, voluntary, in ridgeview. wheres the closest crisis center")
    assert shown[:1] == ["oak-crisis"]


def test_a_kind_asked_for_when_none_of_it_will_do_gives_what_does_its_job(tmp_path):
    weekday_team = """  - id: pd-coresponder
    name: Millbrook PD Co-Responder Team
    kind: co_responder
    phone: "(555) 555-0218"
    hours: "Mo-Fr 08:00-17:00"
    verified: 2026-10-01
"""
    engine = engine_for(tmp_path, cedar_with(weekday_team))
    saturday = at("2026-11-21 15:00")
    question = "co-responder available? guy yelling at people in the park"
    shown, left_out = ask(engine, question, saturday)
    assert shown[:1] == ["cedar-mct"] and "pd-coresponder" in left_out
    assert ask(engine, question)[0][:1] == ["pd-coresponder"]  # thursday afternoon


def test_a_bed_overnight_is_how_long_not_when(tmp_path):
    engine = engine_for(tmp_path, CEDAR)
    answer = engine.answer("needs a bed overnight, sober, 40", at=THURSDAY_4PM)
    assert answer.situation.at == THURSDAY_4PM


def test_a_glossary_term_that_names_a_kind_is_that_kind_wanted(tmp_path):
    kb = (
        CEDAR.replace("aliases: [MCT]", "aliases: [the team]").replace(
            "    name: Willow House Peer Respite\n",
            "    name: Willow House Peer Respite\n    aliases: [the respite in Ridgeview]\n",
        )
        + """glossary:
  - term: MCT
    aliases: [mobile crisis, mobile crisis team]
    definition: A team of clinicians who go out to people in crisis.
sections:
  - id: program-data
    title: Program data
    body: Count MCT calls each month and report them to the county board.
    keywords: [data, monthly counts, board report]
"""
    )
    engine = engine_for(tmp_path, kb)
    # the team is off at 23:00: the line, not the respite whose alias names the town
    shown, _ = ask(engine, "tonight around 11, will mobile crisis come out to ridgeview")
    assert shown[:1] == ["cedar-line"]
    shown, _ = ask(
        engine, "where do i pull the monthly call counts for the mct report to the board"
    )
    assert shown[:1] == ["program-data"]


def test_a_drink_or_two_under_the_limit_is_no_sobering_centre_case(cedar):
    shown, _ = ask(cedar, "19yo m, pbt .06, crying, gf dumped him, calm. who can take him")
    assert shown[:1] == ["oak-crisis"]
    shown, _ = ask(cedar, "19yo m, pbt .12, crying, gf dumped him, calm. who can take him")
    assert shown[:1] == ["birch-sobering"]


def test_help_for_someone_with_idd_now_is_the_team_and_tips_are_guidance(tmp_path):
    kb = (
        cedar_with("""  - id: idd-line
    name: Cedar Developmental Disabilities Crisis Support
    kind: idd_services
    phone: "(555) 555-0219"
    hours: "24/7"
    admission: {idd: true}
    verified: 2026-10-01
""")
        + """sections:
  - id: idd-encounters
    title: Encounters with people with I/DD
    body: >-
      Tips for officers talking with an autistic or nonverbal person. Slow down, lower
      your voice, give time to answer, ask caregivers what helps.
    keywords: [autism, nonverbal, intellectual disability, tips]
"""
    )
    engine = engine_for(tmp_path, kb)
    shown, _ = ask(
        engine,
        "older guy at a group home, autistic, nonverbal, melting down, staff are "
        "overwhelmed and asking us what to do",
    )
    assert shown[:1] == ["idd-line"]
    shown, _ = ask(engine, "40 yo with autism having a rough day, caregivers want advice")
    assert shown[:1] == ["idd-line"]
    shown, _ = ask(engine, "tips for talking to a nonverbal autistic adult on a call")
    assert shown[:1] == ["idd-encounters"]


def test_words_with_their_g_dropped_are_read(cedar):
    shown, left_out = ask(cedar, "m 50s bleedin from the head and drunk as a skunk. who takes him")
    assert shown[:1] == ["cedar-ed"] and "birch-sobering" in left_out
    shown, left_out = ask(cedar, "guy on a 5150, he's fightin us in the back of the car")
    assert shown[:1] == ["cedar-ed"] and "oak-crisis" in left_out


LARCH_SOBERING = """  - id: larch-sobering
    name: Larch Sobering Station
    kind: sobering_center
    phone: "(555) 555-0213"
    address: 13 Larch St, Millbrook
    hours: "Mo-Su 19:00-07:00"
    admission: {min_age: 18, intoxication: accepted, law_enforcement_dropoff: true}
    verified: 2026-10-01
"""


def test_a_drunk_person_the_sobering_center_cannot_take_now_goes_where_a_drunk_is_taken(
    tmp_path,
):
    # withdrawal management is for coming off, not for sleeping it off
    birch = CEDAR.index("  - id: birch-sobering"), CEDAR.index("  - id: elm-shelter")
    without_birch = CEDAR[: birch[0]] + CEDAR[birch[1] :]
    places = LARCH_SOBERING + FIR_DETOX
    engine = engine_for(tmp_path, without_birch.replace("resources:\n", "resources:\n" + places))
    shown, left_out = ask(engine, "larch sobering station open? need to drop off a drunk, pbt .12")
    assert shown[0] == "oak-crisis" and "larch-sobering" in left_out


def test_a_kind_named_outright_still_counts_when_the_place_asked_for_is_closed():
    # a knowledge base written blind: the sobering station is closed in the afternoon
    engine = Engine(load_knowledge(Path(__file__).parent / "fixtures" / "hudson-ny" / "kb"))
    question = "sobering station open? guy's drunk but ok, says he'd actually go to detox"
    shown, left_out = ask(engine, question)
    assert shown[0] == "delamater-detox" and "kingsford-sobering-station" in left_out


def test_a_clinician_needed_now_is_a_team_not_the_section_about_the_model():
    # a knowledge base written blind: the co-responder section reads like the question, and
    # the town's co-responder is off duty; the county team is out
    engine = Engine(load_knowledge(Path(__file__).parent / "fixtures" / "pine-tree-me" / "kb"))
    saturday_2pm = datetime(2026, 11, 21, 14, tzinfo=ZoneInfo("America/New_York"))
    question = "need a clinician to ride out w us in penmarrow right now"
    shown, _ = ask(engine, question, saturday_2pm)
    assert shown[0] == "coastal-mct"
    shown, _ = ask(engine, "how do other departments set up a clinician riding out with officers")
    assert shown[0] == "co-responder-models"


def test_an_adult_age_range_says_nothing_of_fit_unless_it_is_a_place_for_that_age():
    # a knowledge base written blind: the state hospital (18 to 64, "the facility of last
    # resort") is no better fit for a 40-year-old than the local unit for adults
    engine = Engine(load_knowledge(Path(__file__).parent / "fixtures" / "blue-ridge-va" / "kb"))
    shown, _ = ask(engine, "tdo signed on a 40 y/o male, which hospital")
    assert shown[0] == "stoneman-4west"


def test_a_place_for_young_adults_comes_first_for_one(tmp_path):
    young = """  - id: aspen-young-adult
    name: Aspen Young Adult Crisis Center
    kind: crisis_center
    phone: "(555) 555-0214"
    address: 14 Aspen St, Millbrook
    hours: "24/7"
    admission: {min_age: 18, max_age: 25, law_enforcement_dropoff: true}
    verified: 2026-10-01
"""
    engine = engine_for(tmp_path, cedar_with(young))
    assert (
        ask(engine, "20 yo having a panic attack, calm, sober, where")[0][0] == "aspen-young-adult"
    )
    shown, left_out = ask(engine, "40 yo having a panic attack, calm, sober, where")
    assert shown[0] == "oak-crisis" and "aspen-young-adult" in left_out


def test_a_place_needing_a_medical_clearance_is_a_second_stop_from_the_field():
    # a knowledge base written blind: the hospital's psychiatric unit takes holds once the
    # ER has cleared the person; straight from the field, the ER comes first
    engine = Engine(load_knowledge(Path(__file__).parent / "fixtures" / "hawkeye-ia" / "kb"))
    shown, _ = ask(engine, "got a 229.22 going on a guy here in cedar bend, which hospital")
    assert shown[0] == "st-brigid-emergency-department"
    assert "larch-hill-mhi" not in shown  # the state institute, only after an ER
    shown, _ = ask(
        engine, "st brigid ER cleared him, 229.22 on a guy in cedar bend, which hospital"
    )
    assert shown[0] != "st-brigid-emergency-department"


PSYCH_WITHOUT_DROPOFFS = """
defaults: {timezone: America/Chicago}
resources:
  - id: cedar-ed
    name: Cedar General Emergency Department
    kind: emergency_department
    phone: "(555) 555-0401"
    address: 1 Main St, Millbrook
    hours: "24/7"
    admission: {involuntary: true, law_enforcement_dropoff: true}
  - id: ridge-psych
    name: Ridge Behavioral Hospital
    kind: psychiatric_hospital
    phone: "(555) 555-0402"
    address: 9 Ridge Rd, Millbrook
    hours: "24/7"
    admission: {min_age: 18, involuntary: true, medical_clearance: true,
                law_enforcement_dropoff: false}
"""


def test_from_the_emergency_department_a_hold_goes_on_to_a_psychiatric_bed(tmp_path):
    engine = engine_for(tmp_path, PSYCH_WITHOUT_DROPOFFS)
    # examined at the ED already: a hospital transfer, where police drop-offs do not matter
    for question in (
        "ER doc signed the hold on a 52 yo, family asking which psych hospital he'll end up at",
        "sitting at the general ER with a man on a hold, they cleared him medically but "
        "they got no psych beds, family wants to know what happens next",
    ):
        shown, _ = ask(engine, question)
        assert shown[0] == "ridge-psych", question
    # straight from the field, the officer drives: a place without drop-offs is left out
    shown, left_out = ask(engine, "got a man on a hold in the car, where do i take him")
    assert "ridge-psych" not in shown
    assert left_out["ridge-psych"] == ("does not take law-enforcement drop-offs",)


UNIT_ALIAS = """
defaults: {timezone: America/Chicago}
resources:
  - id: lakes-csu
    name: Lakes Crisis Stabilization Unit
    aliases: [the unit]
    kind: crisis_center
    phone: "(555) 555-0411"
    address: 2 Lake Rd, Millbrook
    hours: "24/7"
    admission: {min_age: 18, involuntary: false}
  - id: heron-crisis
    name: Heron County Crisis Center
    kind: crisis_center
    phone: "(555) 555-0413"
    address: 4 Heron Rd, Millbrook
    hours: "24/7"
    admission: {involuntary: true, law_enforcement_dropoff: true}
  - id: north-psych
    name: North Behavioral Hospital
    kind: psychiatric_hospital
    phone: "(555) 555-0412"
    address: 3 North Rd, Millbrook
    hours: "24/7"
    admission: {involuntary: true, law_enforcement_dropoff: true}
"""


def test_a_kind_of_place_asked_for_is_no_place_named_by_a_word_of_it(tmp_path):
    engine = engine_for(tmp_path, UNIT_ALIAS)
    shown, _ = ask(engine, "hold on a 16 yo, any psych unit around that takes kids on a hold?")
    assert shown[0] == "north-psych"
    assert ask(engine, "is the unit open tonight")[0][0] == "lakes-csu"


TEAMS_OFF_AT_NIGHT = """
defaults: {timezone: America/Chicago}
resources:
  - id: dd-team
    name: Valley DD Crisis Team
    aliases: [DD team]
    kind: idd_services
    phone: "(555) 555-0421"
    address: 5 Valley Rd, Millbrook
    hours: "Mo-Fr 08:00-17:00"
    admission: {idd: true}
  - id: valley-mct
    name: Valley Mobile Crisis Team
    aliases: [MCT]
    kind: mobile_crisis
    phone: "(555) 555-0422"
    hours: "Mo-Su 08:00-22:00"
  - id: deputy-clinician
    name: Sheriff Co-Responder Clinician
    kind: co_responder
    phone: "(555) 555-0423"
    hours: "24/7"
  - id: valley-line
    name: Valley Crisis Line
    kind: crisis_line
    phone: "(555) 555-0424"
    hours: "24/7"
  - id: oak-crisis
    name: Oak Street Crisis Center
    kind: crisis_center
    phone: "(555) 555-0425"
    address: 2 Oak St, Millbrook
    hours: "24/7"
    admission: {idd: true, law_enforcement_dropoff: true}
  - id: cedar-ed
    name: Cedar General Emergency Department
    kind: emergency_department
    phone: "(555) 555-0426"
    address: 1 Main St, Millbrook
    hours: "24/7"
    admission: {idd: true, law_enforcement_dropoff: true}
"""


def test_a_team_off_at_night_is_replaced_by_the_crisis_line_before_a_place(tmp_path):
    engine = engine_for(tmp_path, TEAMS_OFF_AT_NIGHT)
    sunday_night = at("2026-11-22 23:00")
    for question in (
        "need the DD team for a guy with an intellectual disability spiraling at his group home",
        "is the MCT out tonight? need them at a house, adult male, no weapons",
    ):
        shown, _ = ask(engine, question, sunday_night)
        # the line answers now; a place to take him, or a police co-responder, was not asked
        assert shown[0] == "valley-line", question
        assert "oak-crisis" not in shown and "cedar-ed" not in shown, question
    # ...but someone hurt still goes to the emergency department
    shown, _ = ask(engine, "need MCT at a house, he hit his head and wont wake up", sunday_night)
    assert "cedar-ed" in shown


MEDICATION_FOR_OPIOIDS = """
defaults: {timezone: America/Chicago}
resources:
  - id: mat-clinic
    name: Cornerstone Medication-Assisted Treatment Clinic
    kind: outpatient
    summary: Methadone and buprenorphine for opioid use disorder, same-day starts.
    phone: "(555) 555-0431"
    address: 7 Stone St, Millbrook
    hours: "Mo-Fr 06:00-14:00"
    admission: {min_age: 18, law_enforcement_dropoff: true}
  - id: river-detox
    name: Riverbend Withdrawal Management
    kind: detox
    phone: "(555) 555-0432"
    address: 8 River Rd, Millbrook
    hours: "24/7"
    admission: {min_age: 18, intoxication: accepted, law_enforcement_dropoff: true}
  - id: oak-crisis
    name: Oak Street Crisis Center
    kind: crisis_center
    phone: "(555) 555-0433"
    address: 2 Oak St, Millbrook
    hours: "24/7"
    admission: {min_age: 18, law_enforcement_dropoff: true}
"""


def test_a_medication_for_opioid_use_wants_the_clinic_that_gives_it_or_a_detox(tmp_path):
    engine = engine_for(tmp_path, MEDICATION_FOR_OPIOIDS)
    question = "opioid guy wants to start methadone, can we get him in"
    assert ask(engine, question, at("2026-11-17 08:00"))[0][0] == "mat-clinic"
    # on a Saturday the clinic is shut: a detox can start him, not the crisis centre
    assert ask(engine, question, at("2026-11-21 08:00"))[0][0] == "river-detox"


VETERANS_AFTER_HOURS = """
defaults: {timezone: America/Chicago}
resources:
  - id: vet-center
    name: Cedar Vet Center
    kind: veterans
    phone: "(555) 555-0441"
    address: 3 Elm St, Millbrook
    hours: "Mo-Fr 08:00-16:30"
  - id: vet-line
    name: Veterans Crisis Line
    kind: crisis_line
    phone: "988"
    hours: "24/7"
  - id: oak-crisis
    name: Oak Street Crisis Center
    kind: crisis_center
    phone: "(555) 555-0443"
    address: 2 Oak St, Millbrook
    hours: "24/7"
    admission: {min_age: 18, law_enforcement_dropoff: true}
  - id: maple-respite
    name: Maple Peer Respite
    kind: peer_respite
    phone: "(555) 555-0444"
    address: 4 Maple St, Millbrook
    hours: "24/7"
    admission: {min_age: 18}
"""


def test_for_a_veteran_when_the_vet_center_is_shut_the_veterans_line_stands_in(tmp_path):
    engine = engine_for(tmp_path, VETERANS_AFTER_HOURS)
    evening = at("2026-11-19 17:00")
    shown, _ = ask(engine, "vet wants to see somebody about his ptsd at 5:30 today", evening)
    assert shown[0] == "vet-line"
    # ...unless he will go somewhere: a place, not a line
    shown, _ = ask(engine, "veteran having flashbacks, sober, calm, willing to go somewhere")
    assert "vet-line" not in shown


DESIGNATED_RECEIVING = """
defaults: {timezone: America/New_York}
resources:
  - id: regional-ed
    name: Merrimont Regional Medical Center Emergency Department
    aliases: [MRMC]
    kind: emergency_department
    phone: "(555) 555-0451"
    address: 1 Main St, Merrimont
    hours: "24/7"
    admission: {involuntary: true, law_enforcement_dropoff: true}
  - id: pines-drf
    name: Tall Pines Behavioral Hospital
    kind: psychiatric_hospital
    phone: "(555) 555-0452"
    address: 800 Pines Rd, Bramfield
    hours: "24/7"
    admission:
      min_age: 18
      medical_clearance: true
      involuntary: true
      law_enforcement_dropoff: true
      excludes: [no completed IEA certificate, not medically cleared]
glossary:
  - term: IEA
    definition: Involuntary emergency admission, on a petition and a clinician's certificate.
"""


def test_a_place_requiring_a_completed_hold_takes_people_on_one(tmp_path):
    engine = engine_for(tmp_path, DESIGNATED_RECEIVING)
    # "no completed IEA certificate" turns away people without one; MRMC is where he is
    shown, _ = ask(engine, "iea signed at MRMC, pt cleared medically, which hospital does he go to")
    assert shown[0] == "pines-drf"


def test_a_person_not_cleared_yet_cannot_go_where_only_cleared_people_are_taken(tmp_path):
    engine = engine_for(tmp_path, PSYCH_WITHOUT_DROPOFFS)
    shown, left_out = ask(engine, "cedar general or ridge? on a hold, 40 f, not medically cleared")
    assert shown == ["cedar-ed"]
    assert (
        "needs a medical clearance first; the person is not cleared yet" in left_out["ridge-psych"]
    )


NOT_THE_HOSPITAL = """
defaults: {timezone: America/Anchorage}
resources:
  - id: regional-ed
    name: Kellan Regional Hospital Emergency Department
    aliases: [the hospital, KRH]
    kind: emergency_department
    phone: "(555) 555-0461"
    address: 1 Hospital Rd, Kellan
    hours: "24/7"
  - id: peer-respite
    name: Fireweed Peer Respite
    kind: peer_respite
    phone: "(555) 555-0462"
    address: 2 Fireweed Ln, Kellan
    hours: "24/7"
    admission: {min_age: 18, intoxication: not_accepted, law_enforcement_dropoff: false}
"""


def test_a_place_named_in_the_negative_is_not_asked_for(tmp_path):
    engine = engine_for(tmp_path, NOT_THE_HOSPITAL)
    shown, _ = ask(
        engine,
        "somewhere quiet for a couple days that isnt a hospital? 30yo woman, voluntary, "
        "sober, ok calling them herself",
    )
    assert shown == ["peer-respite"]


def test_a_place_whose_address_is_not_written_yet_is_still_somewhere_to_take_someone(tmp_path):
    # a new knowledge base, phones and criteria first: its places are still places, and
    # a line without an address is still not one
    engine = engine_for(tmp_path, """
defaults: {timezone: America/Chicago}
resources:
  - id: harbor-crc
    name: Harbor Crisis Receiving Center
    kind: crisis_center
    summary: Walk-in and police drop-off for adults in a mental health crisis.
    phone: "555-0100"
    hours: "24/7"
    admission: {min_age: 18, law_enforcement_dropoff: true}
  - id: valley-line
    name: Valley Crisis Line
    kind: crisis_line
    phone: "555-0101"
    hours: "24/7"
""")  # fmt: skip
    answer = engine.answer(
        "where can i take someone in a mental health crisis", at=at("2026-12-03 02:00")
    )
    assert [m.entry.id for m in answer.results] == ["harbor-crc"]
