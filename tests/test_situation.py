"""Reading the person's situation from the way officers actually type."""

from __future__ import annotations

import pytest

from bot.search.situation import read_situation
from tests.conftest import at

NOW = at("2026-11-22 14:05")  # a Sunday afternoon


def situation(text: str):
    return read_situation(text, NOW)


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
    ],
)
def test_ages_in_officer_shorthand(text, age):
    assert situation(text).age == age


@pytest.mark.parametrize(
    ("text", "minor"),
    [("drunk teen", True), ("juvenile on a hold", True), ("a minor", True),
     ("adult male", False), ("elderly woman", False), ("5150 at 2am", None)],
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
        ("high school student", None, None),
        ("high risk of suicide", None, None),
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


@pytest.mark.parametrize("word", ["violent", "combative", "assaultive", "aggressive"])
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
     ("we are committed to diversion", None, None)],
)  # fmt: skip
def test_words_that_only_sound_like_violence_or_a_hold(text, violent, involuntary):
    s = situation(text)
    assert (s.violent, s.involuntary) == (violent, involuntary)
