"""Redaction on realistic messages: nothing that identifies a person survives."""

from __future__ import annotations

import pytest

from bot.privacy import looks_like_health_record, redact, redact_arguments
from tests.conftest import ROOT
from tests.evaluation.privacy import load, score

FIXTURES = ROOT / "tests" / "fixtures" / "privacy"
# identifying spans still shown, and ordinary words lost, at most: the sets' floors (dev 194
# spans, holdout 297, holdout2 214, holdout3 254, holdout4 191); the goal: no leak, under 2%
# of words lost
LEAK_FLOORS = {"dev": 7, "holdout": 35, "holdout2": 34, "holdout3": 30, "holdout4": 21}
LOST_FLOORS = {"dev": 0.02, "holdout": 0.02, "holdout2": 0.039, "holdout3": 0.029,
               "holdout4": 0.019}  # fmt: skip

CASES = [
    ("call his mom at (555) 555-0142", "call his mom at [phone]"),
    ("mother's cell 555-867-5309 ok", "mother's cell [phone] ok"),
    ("cb 5558675309", "cb [phone]"),
    ("+1 555 867 5309", "[phone]"),
    ("email jdoe@example.org for records", "email [email] for records"),
    ("dob 03/14/2008, 16yo", "dob [date], 16yo"),
    ("DOB: 2008-03-14", "DOB: [date]"),
    ("born March 14, 2008", "born [date]"),
    ("born 14 March 2008", "born [date]"),
    ("born in 1990, on a 5150", "born in [date], on a 5150"),
    ("ssn 123-45-6789", "ssn [number]"),
    ("MRN 4482913 at bayview", "MRN [number] at bayview"),
    ("case # 24-118223 drunk 16yo", "case # [number] drunk 16yo"),
    ("booking no. 77812", "booking no. [number]"),
    ("lives at 1420 N Maple Ave apt 3", "lives at [address]"),
    ("found at 22 Harbor St, combative", "found at [address], combative"),
    ("his name is John Smith, 45", "his name is [name], 45"),
    ("guy named tyrell jackson on a hold", "guy named [name] on a hold"),
    ("Mr. Alvarez is intoxicated", "Mr. [name] is intoxicated"),
    ("Ms Lee refused", "Ms [name] refused"),
    ("patient's name: Rosa Diaz", "patient's name: [name]"),
    # where a person is described, whatever the case or the trigger word
    ("juvenile maria gonzalez 15yo", "juvenile [name] 15yo"),
    ("take kevin o'brien to detox", "take [name] to detox"),
    ("Officer found Emily Chen, 34", "Officer found [name], 34"),
    ("patient Sarah O'Connor DOB 3/14/2008", "patient [name] DOB [date]"),
    ("subj Ana Lopez-Rivera 19 wants detox", "subj [name] 19 wants detox"),
    ("15yo maria drunk at a party", "15yo [name] drunk at a party"),
    ("juv will 14 ran from group home", "juv [name] 14 ran from group home"),
    (
        "RP is the mom, yolanda, says son off his meds",
        "RP is the mom, [name], says son off his meds",
    ),
    ("plate 7ABC123 at the overlook", "plate [plate] at the overlook"),
    ("veh CXJ 4471 gry civic", "veh [plate] gry civic"),
    ("cb 555 0142 after 5", "cb [phone] after 5"),
    ("on the unit since March 2, mom asking", "on the unit since [date], mom asking"),
    ("admitted May 3rd, released 4 June", "admitted [date], released [date]"),
    ("pt from the 5/11 call", "pt from the [date] call"),
    ("on the waitlist since 9/1.", "on the waitlist since [date]."),
    ("she's at 1147 n cedar. rolling", "she's at [address]. rolling"),
    ("410 W BIRCH APT 3, standby", "[address], standby"),
    ("subj at 919 hawthorne apt 2", "subj at [address]"),
    ("caller 612 555 0198 says", "caller [phone] says"),
]

UNTOUCHED = [
    "where can i take an intoxicated 16yo at 2am",
    "combative EDP on a 5150, BAC .15",
    "call 988 or text 741741",
    "is the CSU open at 23:30",
    "what is a 10-96 and a 9.39",
    "72 hour hold at harbor",
    "how many hours is CIT training",
    "she called about her husband again",
    "a program called CIT, do we have anyone trained",
    "10-96 at the bus depot, rt 9 mm 12, 3 kids 4 and 7",
    "will the sobering center take him? hope so",
    "ride-along 1900-0300 fri, anyone?",
    "/pmhc-admin stats --since 2024-01-01 --county marshall",
    "our MOU with mercy expires 6/30/2025",
    "the pilot ends March 31; may 2 clinicians ride along?",
    "drank 1/2 a bottle, pain 7/10, 24/7 line, 10/4",
    "15 w bf at a motel, 65 w medical needs, a 5150 w meds",
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_identifying_details_are_replaced(text, expected):
    assert redact(text) == expected


def test_a_capitalised_word_mid_sentence_that_is_no_word_is_a_name_unless_a_place():
    assert redact("after Nkechi left the ED. Questions to me or Bilyana") == (
        "after [name] left the ED. Questions to me or [name]"
    )
    assert redact("beds at the Roberto Clemente Park shelter?") == (
        "beds at the Roberto Clemente Park shelter?"
    )
    assert redact("can we go to Bayview", known=lambda w: w == "bayview") == (
        "can we go to Bayview"
    )


def test_a_title_takes_the_surname_and_leaves_the_rest():
    assert redact("Mrs Alvarez called about her husband") == "Mrs [name] called about her husband"


def test_admin_arguments_keep_options_and_lose_what_was_pasted():
    assert redact_arguments("stats John Smith DOB 3/4/1990") == "stats [name] DOB [date]"
    assert redact_arguments("gaps 30 --county marshall") == "gaps 30 --county marshall"


@pytest.mark.parametrize("name", list(LEAK_FLOORS))
def test_messages_written_by_others_lose_few_names_and_few_words(name, summary_line):
    """Messages written by helpers who never saw the redactor (dev: worked on; each holdout:
    scored once when the redactor was done, then kept as a floor)."""
    result = score(load(FIXTURES / f"{name}.yaml"))
    summary_line(result.line(f"redaction, {name} set"))
    assert len(result.leaked) <= LEAK_FLOORS[name]
    assert len(result.lost) <= LOST_FLOORS[name] * result.ordinary


@pytest.mark.parametrize("text", UNTOUCHED)
def test_ordinary_questions_are_kept_as_asked(text):
    assert redact(text) == text


@pytest.mark.parametrize(
    "text",
    ["John Smith DOB 3/14/2008 needs a bed", "pt name is rosa diaz mrn 4482913",
     "Maria Lopez, born 2001-02-03, on a 5150", "patient sarah o'connor dob 3/14/2008",
     "juv maria 15 dob 03/14/2011 at the school"],
)  # fmt: skip
def test_a_name_with_a_birth_date_or_record_number_is_a_health_record(text):
    assert looks_like_health_record(text)


@pytest.mark.parametrize(
    "text",
    ["where can i take a drunk 16yo at 2am", "John Smith is our CIT coordinator",
     "dob rules for juveniles on a hold", "harbor crisis center phone"],
)  # fmt: skip
def test_questions_without_both_are_not(text):
    assert not looks_like_health_record(text)


def test_a_place_name_with_a_date_is_not_taken_for_a_person():
    def known(word: str) -> bool:
        return word.lower() in {"is", "harbor", "crisis", "receiving", "center"}

    assert not looks_like_health_record("Is Harbor Crisis open on 12/25/2026", known)
    assert looks_like_health_record("Maria Lopez DOB 02/03/2001", known)
    assert looks_like_health_record("Is Maria Lopez at Harbor, DOB 02/03/2001", known)
