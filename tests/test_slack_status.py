"""Centres reporting their own status, over real signed HTTP against the fake Slack: admins
name reporters, a reporter sets diversion, officers' answers leave the place out with that
reason, others are refused and change nothing, the status channel hears of each change, and
a report expires on its own."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timedelta

import pytest

from bot.assistant import Assistant
from bot.knowledge import load_knowledge
from bot.search.engine import Engine
from bot.slack.deps import Deps
from bot.store.database import Store
from tests.conftest import CHICAGO, SHIPPED
from tests.slack_harness import Bot, cards, running_bot, texts

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
    assert set_["text"] == ("Example General Hospital Emergency Department: ⛔ On diversion "
                            "since 01:30 (until 05:30) · reported 0 min ago.")  # fmt: skip
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
        assert "✓ Accepting · 3 beds · reported 0 min ago" in ed_card
        assert any("Harbor Crisis Receiving Center" in card for card in shown)
