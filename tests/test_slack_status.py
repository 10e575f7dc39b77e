"""Centres reporting their own status, over real signed HTTP against the fake Slack: admins
name reporters, a reporter sets diversion, officers' answers leave the place out with that
reason, others are refused and change nothing, the status channel hears of each change, and
a report expires on its own."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from datetime import datetime, timedelta

import pytest
from slack_sdk.models.blocks import Block

from bot.api import PER_MINUTE
from bot.assistant import Assistant
from bot.knowledge import load_knowledge
from bot.search.engine import Engine
from bot.slack.deps import Deps
from bot.slack.listeners.status import FORM
from bot.slack.reminders import AGAIN, STILL, remind_expiring
from bot.store.database import Store
from tests.conftest import CHICAGO, SHIPPED
from tests.slack_harness import Bot, buttons, cards, running_bot, texts

ADMIN, NURSE, OFFICER = "UADMIN1", "UNURSE1", "UCOP1"
ED = "example-general-ed"
QUESTION = "drunk adult on a 5150, where at 2am"


class Clock:
    """The moment the bot believes it is; tests move it."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 28, 1, 30, tzinfo=CHICAGO)

    def __call__(self, zone):
        return self.now.astimezone(zone)


@pytest.fixture(scope="module")
def engine_for_status() -> Engine:
    return Engine(load_knowledge(SHIPPED))


@pytest.fixture
async def bot(engine_for_status: Engine, app_store: Store) -> AsyncIterator[Bot]:
    clock = Clock()
    deps = Deps(Assistant(engine_for_status, clock=clock), app_store, frozenset({ADMIN}),
                status_channel="CSTATUS")  # fmt: skip
    async with running_bot(deps) as running:
        running.clock = clock  # type: ignore[attr-defined]
        yield running


def ed_first(card: str) -> bool:
    """Whether a card is Example General's (others mention it in their instructions)."""
    return "Example General Hospital" in card.split("\n")[0]


async def say(bot: Bot, command: str, text: str, token: str, user: str) -> dict:
    await bot.command(command, text, token=token, extra={"user_id": user})
    (reply,) = await bot.slack.wait_for(f"response:{token}")
    return reply.payload


async def test_a_reporter_sets_diversion_and_placements_leave_the_place_out(bot: Bot):
    added = await say(bot, "/pmhc-admin", f"reporter add {ED} <@{NURSE}|nurse>", "a1", ADMIN)
    assert added["text"].startswith(f"<@{NURSE}> can now report the status of Example General")
    before = await say(bot, "/crisis", QUESTION, "q1", OFFICER)
    assert any(ed_first(card) for card in cards(before["blocks"]))

    set_ = await say(bot, "/center-status", "diversion for 4h ct scanner down", "s1", NURSE)
    assert set_["text"] == (
        "Example General Hospital Emergency Department: ⛔ On diversion since 01:30 "
        "(until 05:30) · reported by center staff 0 min ago."
    )
    (posted,) = await bot.slack.wait_for("chat.postMessage")
    assert posted.payload["channel"] == "CSTATUS" and f"<@{NURSE}>" in posted.payload["text"]

    after = await say(bot, "/crisis", QUESTION, "q2", OFFICER)
    assert not any(ed_first(card) for card in cards(after["blocks"]))
    assert "on diversion since 01:30 (until 05:30)" in texts(after["blocks"])
    (kept,) = (await bot.deps.store.latest_statuses()).values()
    assert (kept.resource_id, kept.state, kept.reporter, kept.note) == (
        ED,
        "diversion",
        NURSE,
        "ct scanner down",
    )


async def test_anyone_else_is_refused_and_nothing_changes(bot: Bot):
    refused = await say(bot, "/center-status", f"{ED} accepting", "r1", OFFICER)
    assert refused["text"].startswith("You are not a reporter for Example General")
    assert await bot.deps.store.latest_statuses() == {}
    assert bot.slack.routes("chat.postMessage") == []
    not_admin = await say(bot, "/pmhc-admin", f"reporter add {ED} <@{OFFICER}>", "r2", OFFICER)
    assert not_admin["text"].startswith("Sorry, `/pmhc-admin` is only for")
    assert await bot.deps.store.reporters() == []


async def test_a_user_group_reports_through_its_members(bot: Bot):
    bot.slack.user_groups["SEDSTAFF"] = [NURSE]
    await say(bot, "/pmhc-admin", f"reporter add {ED} <!subteam^SEDSTAFF|@ed-staff>", "g1", ADMIN)
    listed = await say(bot, "/pmhc-admin", "reporters", "g2", ADMIN)
    assert f"`{ED}`: <!subteam^SEDSTAFF>" in listed["text"]
    ok = await say(bot, "/center-status", "limited beds 0 call charge nurse", "g3", NURSE)
    assert "⚠ At capacity, call first · 0 beds" in ok["text"]
    no = await say(bot, "/center-status", f"{ED} accepting", "g4", OFFICER)
    assert no["text"].startswith("You are not a reporter")


async def test_a_report_expires_and_is_then_shown_as_expired(bot: Bot):
    await say(bot, "/pmhc-admin", f"reporter add {ED} <@{NURSE}|nurse>", "e1", ADMIN)
    await say(bot, "/center-status", "diversion for 2h", "e2", NURSE)
    bot.clock.now += timedelta(hours=3)  # type: ignore[attr-defined]
    bot.deps.service._statuses_read = float("-inf")  # read again now, not after 2 s
    after = await say(bot, "/crisis", "drunk adult on a 5150, where now", "e3", OFFICER)
    ed_card = next(card for card in cards(after["blocks"]) if ed_first(card))
    assert "last report 3 h ago, expired" in ed_card


async def test_the_board_shows_every_report(bot: Bot):
    await say(bot, "/pmhc-admin", f"reporter add {ED} <@{NURSE}|nurse>", "b1", ADMIN)
    await say(bot, "/center-status", "accepting beds 3", "b2", NURSE)
    for command, text, token in (("/crisis", "status", "b3"), ("/center-status", "", "b4")):
        board = await say(bot, command, text, token, OFFICER)
        shown = cards(board["blocks"])
        ed_card = next(card for card in shown if ed_first(card))
        assert "✓ Accepting · 3 beds · reported by center staff 0 min ago" in ed_card
        assert any("Harbor Crisis Receiving Center" in card for card in shown)


async def api(bot: Bot, method: str, path: str, token: str | None, body: object = None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    data = body if isinstance(body, str) else (json.dumps(body) if body is not None else None)
    async with bot.session.request(method, bot.url + path, data=data, headers=headers) as reply:
        return reply.status, await reply.json()


async def test_a_centres_own_system_reports_with_its_token(bot: Bot):
    made = await say(bot, "/pmhc-admin", f"token {ED}", "t1", ADMIN)
    token = re.search(r"`(pmhc_[\w-]+)`", made["text"]).group(1)
    assert token not in str(await bot.deps.store.admin_actions())  # shown once, kept hashed
    ok = await api(
        bot,
        "POST",
        f"/api/status/{ED}",
        token,
        {"state": "diversion", "until": "2026-11-28T05:00-06:00", "note": "CT down"},
    )
    assert ok[0] == 201 and ok[1]["status"]["state"] == "diversion"
    (posted,) = await bot.slack.wait_for("chat.postMessage")
    assert posted.payload["channel"] == "CSTATUS" and "center's system" in posted.payload["text"]
    after = await say(bot, "/crisis", QUESTION, "t2", OFFICER)
    assert "on diversion since 01:30 (until 05:00)" in texts(after["blocks"])
    status, board = await api(bot, "GET", "/api/status", token)
    assert status == 200 and [
        (s["resource_id"], s["state"], s["hl7_capacity"]) for s in board["statuses"]
    ] == [(ED, "diversion", "no-capacity")]

    other = "harbor-crisis-receiving-center"
    assert (await api(bot, "POST", f"/api/status/{other}", token, {"state": "closed"}))[0] == 403
    for bad in (
        {"state": "full"},
        {"state": "closed", "beds": -1},
        {"state": "closed", "x": 1},
        {"state": "closed", "until": "2030-01-01T00:00+00:00"},
        "not json",
        [1],
    ):
        code, said = await api(bot, "POST", f"/api/status/{ED}", token, bad)
        assert code == 422 and said["error"], bad
    assert (await api(bot, "POST", f"/api/status/{ED}", "pmhc_wrong", {"state": "closed"}))[
        0
    ] == 401
    assert (await api(bot, "GET", "/api/status", None))[0] == 401

    revoked = await say(bot, "/pmhc-admin", f"token revoke {ED}", "t3", ADMIN)
    assert revoked["text"].startswith("Revoked 1 token(s)")
    assert (await api(bot, "POST", f"/api/status/{ED}", token, {"state": "closed"}))[0] == 401
    assert (await bot.deps.store.latest_statuses())[ED].state == "diversion"  # unchanged


async def test_the_api_limits_each_token_to_a_rate(bot: Bot):
    made = await say(bot, "/pmhc-admin", f"token {ED}", "l1", ADMIN)
    token = re.search(r"`(pmhc_[\w-]+)`", made["text"]).group(1)
    codes = [(await api(bot, "GET", "/api/status", token))[0] for _ in range(PER_MINUTE + 2)]
    assert codes[:PER_MINUTE] == [200] * PER_MINUTE and codes[PER_MINUTE:] == [429, 429]


async def test_the_reporter_is_reminded_before_expiry_and_can_renew(bot: Bot):
    await say(bot, "/pmhc-admin", f"reporter add {ED} <@{NURSE}|nurse>", "m1", ADMIN)
    await say(bot, "/center-status", "diversion for 2h no psych beds", "m2", NURSE)
    assert await remind_expiring(bot.deps) == 0  # 2 h left: not yet
    bot.clock.now += timedelta(minutes=95)  # type: ignore[attr-defined]
    assert await remind_expiring(bot.deps) == 1
    assert await remind_expiring(bot.deps) == 0  # once per report
    (dm,) = [c for c in bot.slack.routes("chat.postMessage") if c.payload["channel"] == NURSE]
    assert "reported on diversion until 03:30" in dm.payload["text"]
    still = buttons(dm.payload["blocks"])[STILL]
    await bot.click(STILL, still["value"], token="m3", user=NURSE)
    (renewed,) = await bot.slack.wait_for("response:m3")
    assert "⛔ On diversion since 03:05 (until 11:05)" in renewed.payload["text"]
    kept = (await bot.deps.store.latest_statuses())[ED]
    assert (kept.state, kept.note, kept.reporter) == ("diversion", "no psych beds", NURSE)
    again = buttons(dm.payload["blocks"])[AGAIN]
    await bot.click(AGAIN, again["value"], token="m4", user=OFFICER)  # not a reporter
    (refused,) = await bot.slack.wait_for("response:m4")
    assert refused.payload["text"].startswith("You are not a reporter")


async def test_app_home_shows_tonights_board_to_everyone(bot: Bot):
    await say(bot, "/pmhc-admin", f"reporter add {ED} <@{NURSE}|nurse>", "h1", ADMIN)
    await say(bot, "/center-status", "diversion for 4h", "h2", NURSE)
    await bot.event({"type": "app_home_opened", "user": OFFICER, "channel": "D1", "tab": "home"},
                    "EvHomeBoard")  # fmt: skip
    (published,) = await bot.slack.wait_for("views.publish")
    view = json.dumps(published.payload["view"], ensure_ascii=False)
    assert "*Example General Hospital Emergency Department* · open 24/7 · ⛔ On diversion" in view
    assert "*Harbor Crisis Receiving Center* · open 24/7 · no report" in view


def chose(value: str) -> dict:
    return {"type": "static_select", "selected_option": {"value": value}}


async def test_a_reporter_sets_diversion_with_the_form(bot: Bot):
    await say(bot, "/pmhc-admin", f"reporter add {ED} <@{NURSE}|nurse>", "f1", ADMIN)
    await bot.command("/center-status", "", token="f2", extra={"user_id": NURSE})
    (opened,) = await bot.slack.wait_for("views.open")
    view = opened.payload["view"]
    assert view["callback_id"] == FORM
    assert all(Block.parse(block).to_dict() == block for block in view["blocks"])
    place = view["blocks"][0]["element"]["initial_option"]
    assert place["value"] == ED
    bad = await bot.submit(FORM, {"place": {"place": chose(ED)},
                                  "state": {"state": chose("diversion")},
                                  "beds": {"beds": {"value": "a few"}}}, user=NURSE)  # fmt: skip
    assert (await bad.json())["response_action"] == "errors"
    good = await bot.submit(FORM, {
        "place": {"place": chose(ED)}, "state": {"state": chose("diversion")},
        "beds": {"beds": {"value": ""}}, "hours": {"hours": chose("2")},
        "note": {"note": {"value": "ct scanner down"}}}, user=NURSE)  # fmt: skip
    assert good.status == 200
    kept = (await bot.deps.store.latest_statuses())[ED]
    assert (kept.state, kept.note, kept.expires_at - kept.reported_at) == (
        "diversion",
        "ct scanner down",
        timedelta(hours=2),
    )
    after = await say(bot, "/crisis", QUESTION, "f3", OFFICER)
    assert "on diversion since 01:30 (until 03:30)" in texts(after["blocks"])


async def test_anyone_but_a_reporter_gets_the_board_not_the_form(bot: Bot):
    board = await say(bot, "/center-status", "", "f4", OFFICER)
    assert cards(board["blocks"]) and bot.slack.routes("views.open") == []


async def test_each_workspaces_area_scopes_its_placements(bot: Bot):
    question = "combative drunk guy on a 5150, where now"
    set_ = await say(bot, "/pmhc-admin", "area set Harbor Point, Example City", "z1", ADMIN)
    assert set_["text"].startswith("This workspace serves Harbor Point, Example City")
    left_out = {}
    for token, team, asked in (("z2", "T1", question), ("z3", "T2", question),
                               ("z4", "T1", question + " in millbrook")):  # fmt: skip
        await bot.command("/crisis", asked, token=token,
                          extra={"user_id": OFFICER, "team_id": team})  # fmt: skip
        (reply,) = await bot.slack.wait_for(f"response:{token}")
        left_out[token] = int(re.search(r"Left out \((\d+)\)", texts(reply.payload["blocks"]))[1])
    # North Ridge's ED serves North Ridge and Millbrook only: out for this agency, not for
    # another, and back when the question names Millbrook
    assert left_out["z2"] == left_out["z3"] + 1
    assert left_out["z4"] <= left_out["z3"]


def test_an_agencys_area_leaves_out_places_serving_none_of_it(engine_for_status: Engine):
    moment = datetime(2026, 11, 28, 1, 30, tzinfo=CHICAGO)
    question = "combative drunk guy on a 5150, where now"
    scoped = engine_for_status.answer(question, at=moment, top=10,
                                      areas=("Harbor Point", "Example City"))  # fmt: skip
    reasons = {x.resource.id: x.reasons for x in scoped.excluded}
    assert reasons["north-ridge-community-hospital-ed"] == (
        "serves North Ridge, Millbrook; not Harbor Point, Example City",
    )
    anywhere = engine_for_status.answer(question, at=moment, top=10)
    assert "north-ridge-community-hospital-ed" in [m.entry.id for m in anywhere.results]
    named = engine_for_status.answer(question + " in millbrook", at=moment, top=10,
                                     areas=("Harbor Point",))  # fmt: skip
    assert "north-ridge-community-hospital-ed" in [m.entry.id for m in named.results]


async def test_a_workspace_can_send_its_status_changes_to_its_own_channel(bot: Bot):
    said = await say(bot, "/pmhc-admin", "channel status <#COURS|status-board>", "c1", ADMIN)
    assert said["text"].startswith("This workspace's center status changes now go to <#COURS>")
    await say(bot, "/pmhc-admin", f"reporter add {ED} <@{NURSE}|nurse>", "c2", ADMIN)
    await say(bot, "/center-status", "limited beds 1", "c3", NURSE)  # the harness's T1
    (posted,) = await bot.slack.wait_for("chat.postMessage")
    assert posted.payload["channel"] == "COURS"
    await say(bot, "/pmhc-admin", "channel status clear", "c4", ADMIN)
    await say(bot, "/center-status", "accepting beds 2", "c5", NURSE)
    later = await bot.slack.wait_for("chat.postMessage", count=2)
    assert later[1].payload["channel"] == "CSTATUS"  # the deployment's again
