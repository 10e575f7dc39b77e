"""Across hundreds of situations, no result fails a stated need: an independent check.

The oracle below is written from the contract alone, in plain Python over the loaded
resources, so it does not share code with the engine's vectorised eligibility.
"""

from __future__ import annotations

import itertools

import pytest

from bot.knowledge.model import Resource
from tests.conftest import at

AGES = [("", None), ("16yo", 16), ("a 9 year old", 9), ("45 year old", 45), ("teen", "minor")]
INTOXICATION = [("", None), ("drunk", "drunk"), ("bac .12", 0.12), ("BAC of 0.2", 0.2)]
HOLDS = [("", None), ("on a 5150", True)]
OTHER = [("", None), ("combative", "violent"), ("autistic", "idd")]
TIMES = [("at 2am", "2026-11-23 02:00"), ("at 3pm", "2026-11-22 15:00"),
         ("monday 10am", "2026-11-23 10:00")]  # fmt: skip


def fails(resource: Resource, age, intoxication, hold, other, moment, tz) -> list[str]:
    c = resource.criteria
    problems = []
    if isinstance(age, int):
        if (c.min_age is not None and age < c.min_age) or (
            c.max_age is not None and age > c.max_age
        ):
            problems.append("age")
    elif age == "minor" and c.min_age is not None and c.min_age >= 18:
        problems.append("age")
    if intoxication is not None:
        if c.intoxication == "not_accepted":
            problems.append("intoxication")
        bac = intoxication if isinstance(intoxication, float) else None
        if c.intoxication == "below_limit" and bac is not None and bac > c.max_bac:
            problems.append("bac")
    if hold and c.involuntary is False:
        problems.append("hold")
    if other == "violent" and c.violence == "not_accepted":
        problems.append("violence")
    if other == "idd" and c.idd is False:
        problems.append("idd")
    if c.law_enforcement_dropoff is False:
        problems.append("dropoff")
    if resource.hours is not None and resource.hours.status_at(moment, tz).is_closed:
        problems.append("closed")
    return problems


CASES = list(itertools.product(AGES, INTOXICATION, HOLDS, OTHER, TIMES))


@pytest.mark.parametrize("case", CASES, ids=lambda case: " ".join(p[0] for p in case if p[0]))
def test_no_result_fails_a_stated_need(engine, shipped, case):
    (
        (age_text, age),
        (intox_text, intox),
        (hold_text, hold),
        (other_text, other),
        (
            time_text,
            moment_text,
        ),
    ) = case
    question = f"where can I take a {age_text} {intox_text} {hold_text} {other_text} {time_text}"
    moment = at(moment_text)
    answer = engine.answer(question, at=at("2026-11-22 14:00"), top=50)
    assert answer.at == moment
    results = {m.entry.id for m in answer.results}
    for match in answer.results:
        entry = match.entry
        assert isinstance(entry, Resource), question
        problems = fails(entry, age, intox, hold, other, moment, shipped.timezone_of(entry))
        assert problems == [], (question, entry.id, problems)
    for left_out in answer.excluded:
        assert left_out.resource.id not in results
        expected = fails(left_out.resource, age, intox, hold, other, moment,
                         shipped.timezone_of(left_out.resource))  # fmt: skip
        assert expected, (question, left_out.resource.id, left_out.reasons)
        assert len(left_out.reasons) == len(expected), (left_out.reasons, expected)
