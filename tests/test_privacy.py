"""Redaction on realistic messages: nothing that identifies a person survives."""

from __future__ import annotations

import pytest

from bot.privacy import looks_like_health_record, redact

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
    ("born in 1990, on a 5150", "[date], on a 5150"),
    ("ssn 123-45-6789", "ssn [number]"),
    ("MRN 4482913 at bayview", "[number] at bayview"),
    ("case # 24-118223 drunk 16yo", "[number] drunk 16yo"),
    ("booking no. 77812", "[number]"),
    ("lives at 1420 N Maple Ave apt 3", "lives at [address]"),
    ("found at 22 Harbor St, combative", "found at [address], combative"),
    ("his name is John Smith, 45", "his name is [name], 45"),
    ("guy named tyrell jackson on a hold", "guy named [name] on a hold"),
    ("Mr. Alvarez is intoxicated", "Mr. [name] is intoxicated"),
    ("Ms Lee refused", "Ms [name] refused"),
    ("patient's name: Rosa Diaz", "patient's name: [name]"),
]

UNTOUCHED = [
    "where can i take an intoxicated 16yo at 2am",
    "combative EDP on a 5150, BAC .15",
    "call 988 or text 741741",
    "is the CSU open at 23:30",
    "what is a 10-96 and a 9.39",
    "72 hour hold at harbor",
    "how many hours is CIT training",
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_identifying_details_are_replaced(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize("text", UNTOUCHED)
def test_ordinary_questions_are_kept_as_asked(text):
    assert redact(text) == text


@pytest.mark.parametrize(
    "text",
    ["John Smith DOB 3/14/2008 needs a bed", "pt name is rosa diaz mrn 4482913",
     "Maria Lopez, born 2001-02-03, on a 5150"],
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
