"""Reading the person's situation from the way officers actually type."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from bot.search.places import place_keys, place_names
from bot.search.situation import hold_names, read_situation
from tests.conftest import at

NOW = at("2026-11-22 14:05")  # a Sunday afternoon


def situation(text: str):
    return read_situation(text, NOW)


def strongest(wants: Mapping[str, float]) -> str:
    """The kind a situation's needs call for most."""
    return max(wants, key=wants.__getitem__)


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("intoxicated 16yo", 16),
        ("16 yo female", 16),
        ("a 16-year-old", 16),
        ("16 year old boy", 16),
        ("15 y/o", 15),
        ("age 72, confused", 72),
        ("45 yom combative", 45),
        ("17yrs old", 17),
        ("kid maybe 9 having a full meltdown", 9),
        ("juvie 14 high on something", 14),
        ("juvi f 14, ran from the group home again", 14),
        ("m15 ran from home again, parents wont take him back", 15),
        ("m4 rifle in the back seat, calm", None),
    ],
)
def test_ages_in_officer_shorthand(text, age):
    assert situation(text).age == age


@pytest.mark.parametrize(
    ("text", "minor"),
    [("drunk teen", True), ("juvenile on a hold", True), ("a minor", True),
     ("adult male", False), ("elderly woman", False), ("older guy", False),
     ("5150 at 2am", None),
     # children looked after elsewhere are not the person
     ("woman needs a bed, sober, kids are staying w grandma", False),
     ("her kids are with dad tonight, she needs a bed", None)],
)  # fmt: skip
def test_age_groups_without_a_number(text, minor):
    assert situation(text).is_minor is minor


def test_numbers_that_are_not_ages_are_not_read_as_ages():
    s = situation("5150 hold, BAC .15, 72 hour hold, call 988 at 2am")
    assert s.age is None and s.bac == 0.15


@pytest.mark.parametrize(
    ("text", "intoxicated", "bac"),
    [
        ("drunk guy", True, None),
        ("intoxicated female", True, None),
        ("high on meth", True, None),
        ("under the influence", True, None),
        ("BAC .15", True, 0.15),
        ("bac of 0.21", True, 0.21),
        ("blood alcohol 0.08", True, 0.08),
        ("sober, calm", False, None),
        ("stable, no drinking, just overwhelmed", False, None),
        ("hammered, needs to lay down till hes not drunk anymore", True, None),
        ("wants to kick pills, where does he go", None, None),
        ("she doesnt drink", False, None),
        ("high school student", None, None),
        ("high risk of suicide", None, None),
        ("kid maybe 14 smoked something at a party", True, None),
        ("ate an edible, freaking out", True, None),
    ],
)
def test_intoxication_and_blood_alcohol(text, intoxicated, bac):
    s = situation(text)
    assert (s.intoxicated, s.bac) == (intoxicated, bac)


@pytest.mark.parametrize(
    ("text", "hold"),
    [("on a 5150", "5150"), ("baker acted", "Baker Act"), ("302'd", "302"),
     ("ECO issued", "ECO"), ("TDO", "TDO"), ("section 12", "Section 12"),
     ("emergency detention", "emergency detention"), ("involuntary", "involuntary hold"),
     ("on a psych hold", "involuntary hold")],
)  # fmt: skip
def test_involuntary_holds_by_state_name(text, hold):
    s = situation(text)
    assert s.involuntary is True and s.hold == hold


def test_voluntary_is_the_opposite_of_a_hold():
    assert situation("wants help, voluntary").involuntary is False


@pytest.mark.parametrize(
    "word", ["violent", "combative", "assaultive", "aggressive", "throwing punches at us,"]
)
def test_violence_words(word):
    assert situation(f"{word} EDP").violent is True


@pytest.mark.parametrize("text", ["autistic teen", "has autism", "developmental disability",
                                  "I/DD", "intellectual disability"])  # fmt: skip
def test_intellectual_and_developmental_disability(text):
    assert situation(text).idd is True


def test_veteran_and_language():
    s = situation("veteran, spanish speaking only")
    assert s.veteran is True and s.language == "spanish"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("at 2am", "2026-11-23 02:00"),  # the coming night, not the one past
        ("2:30 pm", "2026-11-22 14:30"),
        ("at 23:15", "2026-11-22 23:15"),
        ("0300 hrs", "2026-11-23 03:00"),
        ("tonight", "2026-11-22 23:00"),
        ("midnight", "2026-11-23 00:00"),
        ("saturday night", "2026-11-28 23:00"),
        ("monday at 9am", "2026-11-23 09:00"),
        ("tomorrow 8am", "2026-11-23 08:00"),
        ("bridge script tomorrow morning", "2026-11-23 10:00"),
        ("saturday afternoon", "2026-11-28 15:00"),
        ("eco around 11:30 friday night", "2026-11-27 23:30"),
        ("right now", "2026-11-22 14:05"),
    ],
)
def test_times_override_the_time_of_day_asked(text, expected):
    s = situation(text)
    assert s.at.strftime("%Y-%m-%d %H:%M") == expected
    assert s.time_stated is (text != "right now")


@pytest.mark.parametrize(
    ("text", "placement"),
    [
        ("where can i take an intoxicated 16yo", True),
        ("combative EDP where do I drop off", True),
        ("who will take a 5150 juvenile", True),
        ("can I bring him to harbor", True),
        ("where to go with a drunk guy", True),
        ("what is a 5150", False),
        ("how many hours is CIT training", False),
        ("harbor crisis center phone", False),
    ],
)
def test_placement_intent(text, placement):
    assert situation(text).placement is placement


def test_nothing_stated_means_unknown_not_no():
    s = situation("harbor crisis center phone number")
    assert not s.states_needs
    assert (s.age, s.intoxicated, s.involuntary, s.violent, s.idd) == (None,) * 5


@pytest.mark.parametrize(
    ("text", "violent", "involuntary"),
    [("threatening suicide", None, None), ("threatening staff", True, None),
     ("time commitment for CIT", None, None), ("civil commitment", None, True),
     ("we are committed to diversion", None, None),
     # what the person did or not, and denials
     ("guy is hammered, not fighting anybody", False, None),
     ("mom kicked him out, sober", None, None),
     ("he swung at ER staff earlier", True, None),
     ("elderly male, hes been shoving his wife", True, None),
     ("13 yr old, not on a hold, calm", False, False),
     ("dcr put him on a 120 hr", None, True),
     ("which hosp takes 5122 holds around here", None, True),
     ("need to hold a guy for a DCR eval", None, True)],
)  # fmt: skip
def test_violence_and_holds_as_said_or_denied(text, violent, involuntary):
    s = situation(text)
    assert (s.violent, s.involuntary) == (violent, involuntary)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("he just needs a place to crash till he's sober", "sobering_center"),
        ("hammered, needs to lay down till hes not drunk anymore", "sobering_center"),
        ("done with the blues, wants to kick for real", "detox"),
        ("she's got no roof tonight", "shelter"),
        ("her boyfriend beat her tonight, she needs a safe place he cant find", "shelter"),
        ("wants help coming off pills", "detox"),
        ("can somebody go to the home and check on him", "mobile_crisis"),
        ("he only needs someone on the phone", "crisis_line"),
        ("a calm place for a couple of days that isn't a ward", "peer_respite"),
        ("ran out of his meds", "outpatient"),
        ("out of his lithium, can he get a bridge script", "outpatient"),
        ("need a co-responder at an apartment", "co_responder"),
        ("48yo wants help quitting drinking, hands shaking", "detox"),
        ("he wants off the oxys, not high rn", "detox"),
        ("wants to detox from booze, sober now", "detox"),
    ],
)
def test_a_need_said_as_a_situation_names_the_kind_of_place_that_meets_it(text, kind):
    wants = situation(text).wants
    assert strongest(wants) == kind


@pytest.mark.parametrize(
    ("text", "age", "minor"),
    [
        ("veteran in crisis, 3am", None, False),
        ("just had his 18th birthday", 18, False),
        ("sixty-something female", 60, False),
        ("f, 60s, confused, 3am, options", 60, False),
        ("m/19 suicidal", 19, False),
        ("17, drunk at a house party", 17, True),
        ("just drunk, not in crisis, 28. crisis center?", 28, False),
        ("pbt .19, calm, 2.5 hrs since his last drink", None, None),
        ("combative guy high on meth, 30ish", 30, False),
        ("kid on the bridge", None, True),
        ("woman says her husband beat her tonight, she has 2 kids with her", None, False),
        ("woman beat up by her husband, needs somewheres safe tonight w her 2 kids", None, False),
        ("needs a place tonight with her two kids", None, None),
    ],
)
def test_implied_ages(text, age, minor):
    read = situation(text)
    assert (read.age, read.is_minor) == (age, minor)


@pytest.mark.parametrize(
    ("text", "bac"),
    [("pbt was .2", 0.2), ("blowing a .28", 0.28), ("drunk, .14, in stoneman", 0.14),
     (".19 on the pbt", 0.19), ("breathalyzer 0.11", 0.11),
     ("already wrote the petition, hes at .22 and suicidal", 0.22),
     ("shot at a .22 rifle", None),
     # a reading said alone, where drink is the subject; a calibre is not one
     ("drunk guy in pinebrook, calm, .17", 0.17), ("northshore or sobering stn, .26", 0.26),
     ("drinking all day, has a .38 revolver in the truck", None), ("ran .25 miles", None)],
)  # fmt: skip
def test_breath_test_readings_are_blood_alcohol(text, bac):
    assert situation(text).bac == bac


@pytest.mark.parametrize(
    "text",
    ["drunk guy passed out on bench", "won't wake up", "fell and hit his head",
     "took a bunch of pills", "took a handful of her moms xanax", "blowing a .32"],
)  # fmt: skip
def test_medical_emergencies(text):
    assert situation(text).medical_emergency


def test_what_is_denied_is_not_stated():
    read = situation("no weapons, not suicidal, NOT a hospital, not drinking")
    assert "weapons" not in read.conditions and "suicidal" not in read.conditions
    assert read.wants.get("emergency_department", 0) < 0  # ruled out, not wanted
    assert read.intoxicated is False


def test_sleeping_it_off_means_intoxicated_not_sober():
    assert situation("just needs somewhere to crash till hes sober").intoxicated is True


def test_a_time_already_past_today_means_the_coming_one():
    late = at("2026-11-21 23:00")
    assert read_situation("drunk 16yo at 2am", late).at == at("2026-11-22 02:00")
    assert read_situation("tonight", at("2026-11-22 01:30")).at == at("2026-11-22 01:30")
    assert read_situation("at 10pm", at("2026-11-21 22:20")).at == at("2026-11-21 22:00")


def test_taking_someone_is_not_the_same_as_asking_who_can_come():
    assert situation("where can i take him").transport
    asking = situation("who can come out to the house")
    assert asking.placement and not asking.transport
    assert not situation("he doesnt need to go anywhere, where can he call").transport


def test_an_hour_without_am_or_pm_is_read_from_the_part_of_the_day():
    assert situation("friday night around 9").at == at("2026-11-27 21:00")
    assert situation("tomorrow morning about 7").at == at("2026-11-23 07:00")
    assert not situation("around 9").time_stated  # no part of the day: left alone


def test_a_time_the_story_runs_from_is_not_the_time_asked():
    assert not situation("vet been drinking since noon, needs to sleep it off").time_stated
    assert situation("up since 4am, where can he go at 2pm").at == at("2026-11-22 14:00")
    # when something happened is no time asked about
    assert not situation("last drink this morning, hands shaking").time_stated
    assert not situation("discharged from the er at 3pm, where now").time_stated
    assert situation("need someone from the mct at 2am").at == at("2026-11-23 02:00")


def test_wanting_is_not_denying():
    wants = situation("want a clinician to come out with us").wants
    assert strongest(wants) == "mobile_crisis"


def test_a_town_said_without_its_generic_last_word_is_the_same_town():
    places = place_names(["Los Cerritos Valley", "Key Marsh"])
    assert places.find("call out in los cerritos at 7pm", []) == "Los Cerritos Valley"
    assert places.find("out past the key lime stand", []) is None  # "key" alone names nothing
    assert place_keys("Fairview") & place_keys("Fairview Borough")


def test_a_town_said_with_its_generic_words_shortened_is_the_same_town():
    places = place_names(["Keene Township", "Mount Vernon Heights", "Saint Clair"])
    assert places.find("10-96 in keene twp by the launch", []) == "Keene Township"
    assert places.find("call out in mt vernon hts", []) == "Mount Vernon Heights"
    assert places.find("st clair, male 40s", []) == "Saint Clair"


def test_a_hold_the_glossary_defines_as_involuntary_is_a_hold():
    holds = hold_names([
        ("1021", ("Form 1021",), "Certificate for involuntary emergency evaluation for drugs."),
        ("201", (), "Voluntary commitment; unlike a 302 it is not involuntary."),
    ])  # fmt: skip
    assert read_situation("1021 on a 50yo, pbt .11", NOW, holds).involuntary is True
    assert read_situation("signed a 201 at intake", NOW, holds).involuntary is None


def test_a_hold_said_by_its_number_or_by_a_term_defined_as_its_form_is_a_hold():
    holds = hold_names([
        ("Section 12", ("sec 12", "emergency hold"), "Emergency psychiatric hospitalization."),
        ("Pink paper", ("pink slip",), "Slang for the Section 12(a) application form."),
    ])  # fmt: skip
    assert read_situation("on a 12, pbt .09, calm now, where", NOW, holds).hold == "Section 12"
    assert read_situation("pink papered her, she's 45", NOW, holds).hold == "Pink paper"
    assert read_situation("working on a 12 hour shift", NOW, holds).involuntary is None
    assert read_situation("got 12 papers on her, where to", NOW, holds).hold == "Section 12"


def test_a_hold_whose_definition_first_spells_out_its_name_is_a_hold():
    holds = hold_names([
        ("PEC", (), "Physician's Emergency Certificate. Signed by a physician after an exam; "
                    "allows involuntary treatment for up to 15 days."),
        ("MCT", (), "Mobile crisis team. Clinicians who come out to the scene."),
    ])  # fmt: skip
    assert read_situation("28 y/o female on a PEC, where", NOW, holds).hold == "PEC"
    assert read_situation("is the MCT out tonight", NOW, holds).involuntary is None


def test_a_committed_person_is_on_a_hold():
    assert situation("committed adult, both certs done, where else can take him").involuntary
    assert situation("she's been certified, papers are signed").involuntary
    assert situation("he committed to going to rehab").involuntary is None


def test_a_hold_name_with_its_dot_left_out_or_in_the_plural_is_the_hold():
    holds = hold_names([
        ("Emergency Detention", ("Ch. 51 hold",), "Involuntary detention for evaluation."),
        ("Emergency Petition", ("EP",), "Involuntary emergency evaluation ordered on petition."),
    ])  # fmt: skip
    assert read_situation("ch 51 hold on a 15 yr old", NOW, holds).hold == "Emergency Detention"
    taking = read_situation("which hospital takes emergency petitions", NOW, holds)
    assert taking.hold == "Emergency Petition"


@pytest.mark.parametrize(
    "text",
    [
        "friends cant get her to wake up",
        "big knot on his head",
        "lump on her forehead",
        "he busted his head on the curb when he fell",
    ],
)
def test_more_ways_of_saying_a_medical_emergency(text):
    assert situation(text).medical_emergency


def test_driving_someone_over_is_taking_them():
    assert situation("we'd be driving her over").transport


def test_getting_there_on_her_own_or_with_family_is_no_police_drop_off():
    # going on her own says nothing of whether a place needs a call first (a walk-in)
    s = situation("she can get herself there")
    assert s.on_own and not s.walk_in
    assert situation("41, not drinking, her sister can drive her").on_own
    assert not situation("we'd be driving her over").on_own


def test_lonely_wants_someone_to_talk_to():
    wants = situation("hes lonely, just wants somebody to chat with").wants
    assert strongest(wants) == "crisis_line"


@pytest.mark.parametrize(
    ("text", "age"),
    [("parents' son is 26, home from school", 26), ("he's 24 and spiraling", 24),
     ("m 16 intox at a party", 16), ("whats an M9", None), ("he's 10 minutes out", None)],
)  # fmt: skip
def test_ages_said_in_a_sentence(text, age):
    assert situation(text).age == age


@pytest.mark.parametrize(
    ("text", "emergency"),
    [("got a signed 1013 on a 45 y/o, medically fine, sober", False),
     ("302 approved, medically cleared already", False),
     ("says the neighbors are putting poison in his well", False),
     ("16yo took a handful of her mom's ambien an hour ago", True),
     ("passed out, drank most of a fifth, we can get a grunt out of him", True)],
)  # fmt: skip
def test_medical_words_that_clear_rather_than_alarm(text, emergency):
    assert situation(text).medical_emergency is emergency


def test_drinking_a_fifth_is_intoxicated_and_a_grunt_is_not_a_team_coming_out():
    s = situation("passed out, drank most of a fifth, we can get a grunt out of him")
    assert s.intoxicated and "mobile_crisis" not in s.wants


def test_a_hold_the_glossary_defines_by_what_it_lets_police_do_is_a_hold():
    holds = hold_names([
        ("9.41", ("941", "mental hygiene pickup"),
         "Law section that lets police take into custody a person who appears mentally ill."),
        ("9.39", (), "New York hospital emergency admission; a physician admits someone."),
        ("DCR", (), "A professional appointed to evaluate people and detain them if needed."),
        ("CPEP", ("psych ER",), "Comprehensive Psychiatric Emergency Program at the hospital."),
    ])  # fmt: skip
    assert read_situation("got a 9.41, who'll take him", NOW, holds).hold == "9.41"
    assert read_situation("a 15yo on a mental hygiene pickup", NOW, holds).hold == "9.41"
    assert read_situation("cpep phone", NOW, holds).involuntary is None
    assert read_situation("dcr number", NOW, holds).involuntary is None


def test_asking_what_is_open_for_someone_asks_for_places():
    assert situation("whats open for a sober suicidal 30yo at 3 in the morning").placement


@pytest.mark.parametrize(
    "text",
    ["14yo girl cutting, where does she go", "sec 12 on a guy, which hospital",
     "on a 12, pbt .09, calm now, 3am, where", "nearest place that'll accept a 941"],
)  # fmt: skip
def test_asking_where_the_person_ends_up_means_the_officer_takes_them(text):
    assert situation(text).transport


def test_calling_or_going_on_their_own_is_not_a_walk_in():
    s = situation("wants a quiet place for a few days, she'll call herself")
    assert s.on_own and not s.walk_in


def test_seeing_someone_in_person_rules_out_a_phone_line():
    wants = situation("sober, calm, wants to talk to someone face to face today").wants
    assert strongest(wants) == "crisis_center"
    assert wants["crisis_line"] < 0


def test_already_medically_cleared_is_read():
    assert situation("302 approved, medically cleared already, which psych unit").cleared
    assert situation("exam says commit, which hospital has psych beds").cleared
    assert situation("the ER doc signed the petition, where now").cleared
    assert not situation("hit his head, needs to be cleared").cleared
    assert not situation("exam needed, where do i take him").cleared


def test_a_court_ordered_evaluation_is_a_hold():
    s = situation("which hospital takes adults on a court ordered eval")
    assert s.involuntary and s.hold == "involuntary hold"
    assert not situation("court ordered to pay restitution, any programs").involuntary


def test_a_psych_bed_asks_for_a_psychiatric_hospital():
    wants = situation("pink slip, cleared, needs an inpatient psych bed, who takes him").wants
    assert strongest(wants) == "psychiatric_hospital"


def test_the_one_unincorporated_area_is_out_in_the_county():
    places = place_names(["Port Halden", "Unincorporated Halden County", "Bayview"])
    assert places.find("call in unincorporated county off valley rd", []) == (
        "Unincorporated Halden County"
    )
    assert places.find("out in the county, man at his trailer", []) == (
        "Unincorporated Halden County"
    )
    assert place_names(["Unincorporated A", "Rural B"]).find("out in the county", []) is None


def test_a_person_with_idd_suits_a_team_that_knows_idd():
    wants = situation("30 yo man w down syndrome hitting himself, staff cant calm him").wants
    assert wants["idd_services"] >= 0.9


def test_a_veteran_suits_a_service_for_veterans():
    wants = situation("army vet had a flashback, calm now, wants to talk to somebody").wants
    assert wants["veterans"] >= 0.9


def test_doubting_a_kind_for_a_sober_person_rules_it_out():
    for text in (
        "sober guy, depressed. should i run him to detox",
        "guy isnt drunk or high at all, just psychotic. is detox an option?",
    ):
        assert situation(text).wants["detox"] < 0, text


def test_bac_as_a_criterion_is_not_a_drunk_person():
    assert situation("whats the max bac at the depot").intoxicated is None
    assert situation("bac .19, where").intoxicated is True


def test_crisis_team_names_the_team_that_comes_out():
    wants = situation("crisis team for saltmarsh? adult in distress at the library").wants
    assert strongest(wants) == "mobile_crisis"


@pytest.mark.parametrize(
    ("text", "age"), [("woman ~50 banging on doors", 50), ("shes 52, barely eating", 52),
                      ("male approx 40, pbt .12", 40), ("about 10 minutes out", None)],
)  # fmt: skip
def test_approximate_ages(text, age):
    assert situation(text).age == age


def test_smelling_of_drink_and_not_responding():
    s = situation("guy face down on the sidewalk, smells like booze, cant get him to respond")
    assert s.intoxicated and "unresponsive" in s.conditions and s.medical_emergency


@pytest.mark.parametrize(
    ("text", "kind"),
    [("totally sober, depressed for months, wants to start seeing a counselor", "outpatient"),
     ("adult male, sober, no home, not in any kind of crisis, just freezing", "shelter"),
     ("just lost his job and his apartment, needs somewhere tonight", "shelter")],
)  # fmt: skip
def test_more_needs_said_as_situations(text, kind):
    wants = situation(text).wants
    assert strongest(wants) == kind


def test_hold_names_said_as_an_emergency_admission_and_voluntary_look_alikes():
    holds = hold_names([
        ("Application for Emergency Admission", ("emergency admission", "EA"),
         "The form an officer completes when a person is likely to harm self or others."),
        ("201", ("201 voluntary", "voluntary commitment"),
         "A voluntary inpatient admission for people who agree to treatment."),
    ])  # fmt: skip
    assert read_situation("emergency admission on a guy, where", NOW, holds).involuntary
    assert read_situation("he signed a 201, where", NOW, holds).involuntary is None


def test_a_sentence_saying_who_a_place_is_first_for_is_not_an_exclusion():
    from bot.knowledge.model import Admission, Location, Resource
    from bot.search.needs import excluded_conditions

    def place(notes: str) -> Resource:
        return Resource(id="ed", name="ED", kind="emergency_department",
                        where=Location("ed.yaml", 1), admission=Admission(notes=notes))  # fmt: skip

    assert excluded_conditions(place("First stop for anyone who can't be woken.")) == 0
    assert excluded_conditions(place("Cannot take anyone who can't be woken.")) != 0


@pytest.mark.parametrize(
    "text",
    ["in sawtooth, man 50s talking about ending it, who can come",
     "tenmile beach, 40 yo on a bender scaring his mom, anyone respond out there"],
)  # fmt: skip
def test_who_can_come_asks_for_a_team(text):
    wants = situation(text).wants
    assert strongest(wants) == "mobile_crisis"


def test_a_petitioned_person_is_on_a_hold():
    assert situation("petitioned juvenile 14 where").involuntary is True


def test_drying_out_is_withdrawal_and_a_kind_asked_after_the_person_is_doubted():
    wants = situation("needs to dry out. shakes, fifth a day, last drink this am").wants
    assert strongest(wants) == "detox"
    assert situation("just drunk, not in crisis, 28. crisis center?").wants["crisis_center"] < 0


def test_on_the_phone_is_how_help_comes_not_a_number_asked_for():
    from bot.search.intent import asks_for_contact

    assert not asks_for_contact("he just needs someone to talk to on the phone")
    assert asks_for_contact("crisis line phone number")


def test_a_real_word_one_slip_from_a_contact_word_asks_for_no_details():
    from bot.search.intent import asks_for_contact

    assert not asks_for_contact("can he go to the kids crisis place since it's closer")
    assert not asks_for_contact("did 2 tours in afghanistan, wants to talk to somebody")
    assert asks_for_contact("is the walk in clsoed")  # a slip, read as meant


def test_the_persons_own_phone_asks_for_no_number():
    from bot.search.intent import asks_for_contact

    assert not asks_for_contact("welfare check on a guy who hasnt answered his phone in 3 days")
    assert not asks_for_contact("says the feds are tracking his phone, who can help")
    assert asks_for_contact("co-responder phone")
    assert not asks_for_contact("pbt .34, on a bench, can barely keep his eyes open")


def test_having_put_a_hold_on_someone_and_nowhere_to_go_home_to():
    assert situation("got a hold on a guy after the family's NMI, pbt .22").involuntary
    assert situation("tried to get a hold of his mom, no answer").involuntary is None
    wants = situation("19 yo cant go home, needs a spot for tonight").wants
    assert strongest(wants) == "shelter"


def test_not_answering_us_is_not_unconscious():
    assert not situation("he wont respond to us, just stares at the wall").medical_emergency


def test_asking_whether_the_person_has_to_go_somewhere_doubts_it():
    text = "sober, 45, depressed, talking suicide, calm. does he have to go to the ER?"
    assert situation(text).wants["emergency_department"] < 0


def test_a_kind_named_as_who_acted_or_where_the_person_was_is_not_wanted():
    wants = situation("ER doc at general PEC'd my guy, run him to a psych hospital").wants
    assert "psychiatric_hospital" in wants and "emergency_department" not in wants
    assert "emergency_department" not in situation("walked off from the ER, calm now").wants


def test_freezing_is_a_person_in_the_cold_not_software():
    assert "shelter" in situation("homeless guy, sober, hes just freezing, needs a bed").wants
    assert not situation("report writing software keeps freezing on me").wants


def test_spoken_forms_are_read_as_the_words():
    from bot.search.text import expand_slang

    assert expand_slang("ran outta his seroquel, gotta get him a refill") == (
        "ran out of his seroquel, got to get him a refill"
    )
    assert situation(expand_slang("ran outta his meds")).wants.get("outpatient") == 1.0


def test_off_his_meds_is_a_state_not_a_need_for_a_refill():
    wants = situation("schizophrenic adult off his meds, hearing voices, calm").wants
    assert strongest(wants) == "crisis_center"
    assert situation("ran out of his meds, needs a refill").wants["outpatient"] == 1.0


def test_a_veteran_said_in_other_words_and_suicide_said_plainly():
    s = situation(
        "guy says he did 2 tours in afghanistan, bad flashbacks, wants to sit down w somebody"
    )
    assert s.veteran and s.wants["veterans"] == 1.0 and s.wants["crisis_line"] < 0
    assert "suicidal" in situation("elderly vet talking about ending it").conditions
    assert "suicidal" in situation("told his wife he's thinking about eating his gun").conditions
    suicidal_vet = situation("army vet threatening to kill himself, at home").wants
    assert suicidal_vet["veterans"] < max(suicidal_vet.values())  # crisis care first


def test_what_happened_to_someone_else_is_not_the_persons_own_state():
    assert "suicidal" not in situation("vet, lost a buddy to suicide last week, sober").conditions
    assert "overdose" not in situation("since his brother's overdose he wont eat").conditions
    assert "suicidal" in situation("lost his job, now suicidal").conditions


def test_a_height_is_not_an_age():
    assert situation("hes 6'4 and swinging at us").age is None
    assert situation("she is 5’2, maybe 30ish").age == 30


def test_skipping_a_kind_of_place_rules_it_out():
    assert situation("on a 5150, calm, sober. can i skip the ER?").wants["emergency_department"] < 0
    assert situation("can we bypass the hospital").wants["emergency_department"] < 0


def test_odd_is_no_overdose_and_threatening_herself_is_no_violence():
    assert not situation("adult, calm, just odd behavior").conditions
    assert not situation("acting odd last night").conditions
    assert "overdose" in situation("he ODd last night, narcan given").conditions
    threat = situation("lady locked in her room threatening to hurt herself")
    assert threat.violent is None and "suicidal" in threat.conditions
    assert situation("threatening to hurt his mom").violent


def test_a_dropped_g_is_restored_only_on_words_not_known():
    from bot.search.text import restore_dropped_g

    known = {"cabin", "heroin"}.__contains__
    assert restore_dropped_g("he's fightin us, been drinkin'", known) == (
        "he's fighting us, been drinking"
    )
    assert (
        restore_dropped_g("hiding in a cabin, on heroin", known) == "hiding in a cabin, on heroin"
    )
    assert restore_dropped_g("talkin about endin it", known) == "talking about ending it"


def test_an_eval_is_an_evaluation():
    from bot.search.text import expand_slang

    assert expand_slang("15 yr old on an emergency eval") == "15 yr old on an emergency evaluation"


def test_a_kind_of_place_the_person_refuses_is_ruled_out():
    wants = situation("needs a couple quiet days away but flat out refuses any hospital").wants
    assert wants["emergency_department"] < 0 and wants["psychiatric_hospital"] < 0
    assert strongest(wants) == "peer_respite"  # "a couple quiet days"
    assert situation("she refuses help, suicidal").conditions == {"suicidal"}


def test_years_of_use_or_recovery_are_no_age():
    assert situation("ready to get off the pills, oxy for like 6 yrs").age is None
    assert situation("2 yrs clean, bad urges tonight").age is None
    assert situation("been drinking for 20 years").age is None
    assert situation("he is 6 yrs old, melting down").age == 6
    assert situation("34 yrs, drunk, where").age == 34


def test_walking_with_the_g_dropped_is_no_walk_in():
    assert not situation("hammered but walkin n talkin fine, needs to crash").walk_in
    assert not situation("drunk, walkin ok, where can he sleep it off").walk_in
    assert situation("any walkin clinic open for him").walk_in


def test_not_high_after_getting_dopesick_is_not_intoxicated():
    assert situation("starting to get dopesick but not high rn").intoxicated is False
    assert situation("needs somewhere till he's not high anymore").intoxicated is True


def test_weeks_clean_in_any_spelling_is_sober():
    assert situation("wants detox but hes been clean 3 wks, just cravings").intoxicated is False
    assert situation("2 yrs clean, bad urges tonight").intoxicated is False
    assert (
        situation("wants detox but he's been dry 5 days, just needs meetings").intoxicated is False
    )
    assert situation("hes been off the bottle 2 wks already").intoxicated is False
    assert situation("clean for like 10 days, wants a meeting").intoxicated is False


def test_a_group_home_is_a_home_to_come_out_to_and_the_dd_team_a_kind():
    wants = situation("adult w autism melting down at a group home, staff cant settle him").wants
    assert wants.get("mobile_crisis", 0) >= 1.0
    assert situation("need the dd team at a group home, 9pm").wants.get("idd_services", 0) >= 1.2
    assert situation("can the IDD crisis people come out").wants.get("idd_services", 0) >= 1.2


def test_an_exclusion_for_pregnant_people_excludes_only_them():
    from bot.knowledge.model import Admission, Location, Resource
    from bot.search.needs import condition_bits, excluded_conditions

    excludes = ("pregnant with severe withdrawal",)
    detox = Resource(id="detox", name="Detox", kind="detox", where=Location("d.yaml", 1),
                     admission=Admission(excludes=excludes))  # fmt: skip
    assert excluded_conditions(detox) & condition_bits(frozenset({"withdrawal"})) == 0
    assert excluded_conditions(detox) & condition_bits(frozenset({"pregnancy"})) != 0


def test_certified_by_a_clinician_is_examined_already():
    assert situation("screening cert and clinical cert both signed, which hospital").cleared
    assert situation("the psychiatrist certified her for inpatient, where does she go").cleared
    assert not situation("do we need a cert signed before the hospital").cleared


def test_no_beds_of_a_kind_here_wants_that_kind_elsewhere():
    wants = situation("the ER has no psych beds, where does he go").wants
    assert wants["psychiatric_hospital"] > 0
    assert (
        situation("not a psych hospital, she just needs to talk").wants["psychiatric_hospital"] < 0
    )
    assert situation("they cleared him medically, where now").cleared
    assert situation("been sitting at st luke's ER for 6 hours, hold, where").cleared


def test_a_person_certified_by_a_clinician_has_been_examined():
    assert situation("she was certified at the regional this morning, which hospital").cleared
    assert not situation("looking for a certified peer specialist").cleared


def test_a_visit_where_the_person_is_wants_a_team_that_comes_out():
    for question in (
        "24 yo at his parents and not doing good, who can go see him",
        "anybody do home visits out in the county? wife says hes been paranoid",
        "anyone do crisis outreach out there? guy not eating, wont come in to town",
        "guy wants to talk to a crisis worker in person at his house, calm",
    ):
        wants = situation(question).wants
        assert strongest(wants) == "mobile_crisis", question
    # in person, somewhere else: a place to go, not a line
    wants = situation("wants to talk to someone in person today, sober, calm").wants
    assert strongest(wants) == "crisis_center"


def test_a_place_to_sleep_or_crash_wants_a_shelter_unless_it_is_to_sober_up():
    for question in (
        "drunk guy needs a place to crash, not hurt, walking fine",
        "need a warm place for a guy to sleep tonight, he's had a few beers",
    ):
        assert situation(question).wants.get("shelter", 0) >= 1.0, question
    wants = situation("hammered, just needs somewhere to crash till he sobers up").wants
    assert strongest(wants) == "sobering_center"


def test_half_past_five_with_no_am_or_pm_is_the_coming_one():
    afternoon = at("2026-11-19 15:00")
    assert read_situation("bring him by around 5:30 today", afternoon).at == at("2026-11-19 17:30")
    morning = at("2026-11-19 08:00")
    assert read_situation("can he go at 9:30", morning).at == at("2026-11-19 09:30")
    assert read_situation("meet at 05:30", afternoon).at == at("2026-11-20 05:30")
    assert read_situation("at 5:30 in the morning", afternoon).at == at("2026-11-20 05:30")


def test_willing_to_go_somewhere_is_a_place_not_a_call():
    assert situation("veteran, sober, calm, willing to go somewhere tonight").goes
    assert not situation("veteran, sober, wants someone to talk to").goes


def test_program_frames_read_in_the_words_of_other_authors():
    from bot.search.intent import STRONG_PROGRAM_FRAME
    from bot.search.text import fold

    for question in (
        "whos supposed to drive the pt to the drf once the cert is done",
        "dispatch wants rules for which MH calls go to mobile crisis vs sending a car",
        "troopers at the post are pretty rattled after pulling those kids out of the river",
    ):
        assert STRONG_PROGRAM_FRAME.search(fold(question)), question
    assert not STRONG_PROGRAM_FRAME.search(fold("who can take a drunk 40 yo tonight"))


def test_not_cleared_is_read_as_not_cleared():
    s = situation("pc for eval, not medically cleared yet, which hospital")
    assert s.uncleared and not s.cleared
    assert not situation("medically cleared, which psych unit").uncleared
