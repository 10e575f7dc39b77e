"""What a centre reports about tonight, applied to answers like the moment asked: a place on
diversion or closed is left out with that reason, one at capacity comes after those taking
people, an expired report is shown as expired and no longer applied."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from bot.render.blocks import render_blocks
from bot.render.text import render_text
from bot.reports import place_statuses, statuses_text
from bot.status import STATES, CenterStatus, describe
from tests.conftest import at

NOW = at("2026-11-28 02:00")
QUESTION = "where can i take a drunk adult on a 5150 at 2am"


def report(place: str, state: str, *, ago: int = 35, hours: int = 4, beds: int | None = None):
    return CenterStatus(place, state, NOW - timedelta(minutes=ago), NOW + timedelta(hours=hours),
                        beds=beds, reporter="U123")  # fmt: skip


def ids(answer) -> list[str]:
    return [m.entry.id for m in answer.results]


@pytest.mark.parametrize("state", ["diversion", "closed"])
def test_a_place_turning_people_away_is_left_out_with_why(engine, state):
    before = engine.answer(QUESTION, at=NOW)
    assert "example-general-ed" in ids(before)
    statuses = {"example-general-ed": report("example-general-ed", state)}
    after = engine.answer(QUESTION, at=NOW, statuses=statuses)
    assert "example-general-ed" not in ids(after)
    (why,) = [x.reasons for x in after.excluded if x.resource.id == "example-general-ed"]
    assert why == (("on diversion" if state == "diversion" else "closed, as its staff report")
                   + " since 01:25 (until 06:00)",)  # fmt: skip


def test_a_place_at_capacity_stays_listed_after_those_taking_people(engine):
    before = ids(engine.answer(QUESTION, at=NOW))
    assert len(before) >= 2
    statuses = {before[0]: report(before[0], "limited", beds=0)}
    after = engine.answer(QUESTION, at=NOW, statuses=statuses)
    assert ids(after) == [*before[1:], before[0]]
    text = " ".join(render_text(after).split())
    assert "⚠ At capacity, call first · 0 beds · reported by center staff 35 min ago" in text


def test_an_expired_report_is_shown_as_expired_and_not_applied(engine):
    old = CenterStatus("example-general-ed", "diversion", NOW - timedelta(hours=9),
                       NOW - timedelta(hours=1), reporter="U123")  # fmt: skip
    answer = engine.answer(QUESTION, at=NOW, statuses={"example-general-ed": old})
    assert "example-general-ed" in ids(answer)
    assert "last report 9 h ago, expired" in render_text(answer)


def test_the_report_heads_the_card_in_every_front_end_and_the_json(engine):
    statuses = {"example-general-ed": report("example-general-ed", "accepting", ago=20, beds=3)}
    answer = engine.answer("example general hospital er", at=NOW, statuses=statuses)
    said = "✓ Accepting · 3 beds · reported by center staff 20 min ago"
    assert said in " ".join(render_text(answer).split())
    card = next(b for b in render_blocks(answer) if "accessory" in b)
    assert said in card["text"]["text"].split("\n")[0]
    status = answer.to_json()["results"][0]["status"]
    assert (status["state"], status["live"], status["beds"], status["hl7_capacity"]) == (
        "accepting",
        True,
        3,
        "capacity",
    )
    assert json.dumps(answer.to_json())


def test_states_map_to_hl7_and_hsds_capacity():
    codes = {state: report("x", state, beds=2).hl7_capacity() for state in STATES}
    assert codes == {"accepting": "capacity", "limited": "waitlist",
                     "diversion": "no-capacity", "closed": "no-capacity"}  # fmt: skip
    assert report("x", "diversion", beds=5).hsds_capacity()["available"] == 0
    assert report("x", "accepting", beds=5).hsds_capacity() == {
        "available": 5, "unit": "bed", "updated": (NOW - timedelta(minutes=35)).isoformat(
            timespec="minutes")}  # fmt: skip
    assert describe(report("x", "diversion"), NOW) == (
        "⛔ On diversion since 01:25 (until 06:00) · reported by center staff 35 min ago"
    )


def test_the_status_report_counts_time_turned_away_and_quiet_reporters(engine):
    knowledge = engine.knowledge
    since, now = NOW - timedelta(days=7), NOW
    history = [
        # diversion 6 h before now, lasting 4 h, replaced after 3 h by accepting
        CenterStatus("example-general-ed", "diversion", now - timedelta(hours=6),
                     now - timedelta(hours=2)),
        CenterStatus("example-general-ed", "accepting", now - timedelta(hours=3),
                     now + timedelta(hours=5)),
        # closed 30 h ago for 2 h
        CenterStatus("harbor-crisis-receiving-center", "closed", now - timedelta(hours=30),
                     now - timedelta(hours=28)),
    ]  # fmt: skip
    reporters = [("harbor-crisis-receiving-center", "U1"), ("bayview-behavioral-hospital", "U2")]
    rows = {r.resource_id: r for r in place_statuses(history, reporters, knowledge, since, now)}
    ed, harbor, bayview = (rows["example-general-ed"], rows["harbor-crisis-receiving-center"],
                           rows["bayview-behavioral-hospital"])  # fmt: skip
    assert (ed.changes, ed.turned_away) == (2, timedelta(hours=3))
    assert (harbor.changes, harbor.turned_away, harbor.reporters) == (1, timedelta(hours=2), 1)
    assert harbor.quiet(now) and bayview.quiet(now) and not ed.quiet(now)
    text = statuses_text(list(rows.values()), 7, now)
    assert "Example General Hospital Emergency Department: 2 reports, 3.0 h on diversion" in text
    assert "Bayview Behavioral Hospital: 0 reports, 0.0 h on diversion or closed, last never, " \
        "1 reporters  ⚠ reporters quiet for over a day" in text  # fmt: skip
