"""Many agencies, one deployment: workspaces install the bot through Slack's real OAuth
redirect flow (against the fake Slack, over HTTP), each is answered with its own token, and
a workspace that never installed, or uninstalled, gets nothing."""

from __future__ import annotations

import asyncio
import html
import re
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from sqlalchemy import text

from bot.assistant import Assistant
from bot.knowledge import load_knowledge
from bot.knowledge.model import Location, Problem
from bot.live import ReloadResult
from bot.search.engine import Engine
from bot.slack.app import INSTALL_PATH, REDIRECT_PATH
from bot.slack.deps import Deps
from bot.slack.notify import admin_notifier
from bot.slack.reminders import remind_expiring
from bot.store.database import Store
from tests.conftest import CHICAGO, SHIPPED
from tests.slack_harness import Bot, running_bot

NOW = datetime(2026, 11, 28, 2, 0, tzinfo=CHICAGO)
ED = "north-ridge-community-hospital-ed"


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self, zone):
        return self.now.astimezone(zone)


@pytest.fixture
async def bot(app_store: Store) -> AsyncIterator[Bot]:
    engine = Engine(load_knowledge(SHIPPED))
    deps = Deps(Assistant(engine, clock=lambda zone: NOW.astimezone(zone)), app_store)
    async with running_bot(deps, oauth=True) as running:
        yield running


async def install(bot: Bot, team: str) -> str:
    """Click the install link, let 'Slack' redirect back with a code; the page shown."""
    async with bot.session.get(bot.url + INSTALL_PATH, allow_redirects=False) as start:
        assert start.status == 200
        page = await start.text()
        cookie = start.headers["Set-Cookie"].split(";")[0]  # the browser keeps the state
    link = html.unescape(re.search(r'href="(https://slack.com/oauth/v2/authorize[^"]+)"',
                                   page).group(1))  # fmt: skip
    state = parse_qs(urlparse(link).query)["state"][0]
    callback = f"{bot.url}{REDIRECT_PATH}?code=code-{team}&state={state}"
    async with bot.session.get(callback, headers={"Cookie": cookie}) as done:
        assert done.status == 200, await done.text()
        return await done.text()


async def installed(bot: Bot, team: str) -> bool:
    async with bot.deps.store.engine.connect() as connection:
        found = await connection.execute(
            text("SELECT count(*) FROM slack_bots WHERE team_id = :team"), {"team": team}
        )
        return bool(found.scalar())


async def admin_says(bot: Bot, team: str, token: str, text: str) -> str:
    """``/pmhc-admin text`` from the person who installed the bot in ``team``."""
    await bot.command("/pmhc-admin", text, token=token,
                      extra={"user_id": f"UINSTALL{team}", "team_id": team})  # fmt: skip
    (said,) = await bot.slack.wait_for(f"response:{token}")
    return said.payload["text"]


async def mention(bot: Bot, team: str, ts: str, event_id: str, org: str | None = None) -> None:
    event = {"type": "app_mention", "user": "U1", "channel": f"C{team}", "ts": ts,
             "text": "<@UBOT> what is an EDP"}  # fmt: skip
    assert (await bot.event(event, event_id, team=team, org=org)).status == 200


async def test_two_workspaces_install_and_each_is_answered_with_its_own_token(bot: Bot):
    for team in ("T1", "T2"):
        await install(bot, team)
    await mention(bot, "T1", "1.1", "Ev1")
    await mention(bot, "T2", "2.1", "Ev2")
    posted = await bot.slack.wait_for("chat.postMessage", count=2)
    assert {(c.payload["channel"], c.token) for c in posted} == {
        ("CT1", "xoxb-T1"),
        ("CT2", "xoxb-T2"),
    }


async def test_a_workspace_never_installed_or_uninstalled_gets_nothing(bot: Bot):
    await mention(bot, "T9", "9.1", "Ev9")  # never installed
    await install(bot, "T3")
    await bot.event({"type": "app_uninstalled"}, "EvGone", team="T3")
    deadline = asyncio.get_running_loop().time() + 5
    while await installed(bot, "T3"):  # the uninstall is handled after Slack's ack
        assert asyncio.get_running_loop().time() < deadline, "the tokens were never deleted"
        await asyncio.sleep(0.05)
    await mention(bot, "T3", "3.1", "Ev3")
    await asyncio.sleep(0.5)
    assert bot.slack.routes("chat.postMessage") == []


async def test_the_installer_is_the_workspaces_first_admin_and_names_others(bot: Bot):
    await install(bot, "T4")
    await install(bot, "T5")
    await bot.command("/pmhc-admin", "admin add <@UHELPER|helper>", token="a1",
                      extra={"user_id": "UINSTALLT4", "team_id": "T4"})  # fmt: skip
    (added,) = await bot.slack.wait_for("response:a1")
    assert added.payload["text"] == "<@UHELPER> is now an admin of this workspace."
    await bot.command("/pmhc-admin", "stats", token="a2",
                      extra={"user_id": "UHELPER", "team_id": "T4"})  # fmt: skip
    (stats,) = await bot.slack.wait_for("response:a2")
    assert "questions" in stats.payload["text"]
    await bot.command(
        "/pmhc-admin", "stats", token="a3", extra={"user_id": "UHELPER", "team_id": "T5"}
    )  # another workspace's
    (refused,) = await bot.slack.wait_for("response:a3")
    assert refused.payload["text"].startswith("Sorry, `/pmhc-admin` is only for")


async def test_status_changes_reach_each_workspace_that_asked_with_its_own_token(
    app_store: Store,
):
    """A centre's report goes to every workspace's status channel (not the deployment's
    STATUS_CHANNEL: which workspace would it be in?), except where the place serves none of
    the workspace's areas; its reporter is reminded in their own workspace."""
    clock = Clock(NOW)
    deps = Deps(Assistant(Engine(load_knowledge(SHIPPED)), clock=clock), app_store,
                status_channel="CSTATUS")  # fmt: skip
    async with running_bot(deps, oauth=True) as bot:
        for team in ("T1", "T2", "T3"):
            await install(bot, team)
        for team, token, said in (
            ("T1", "s1", "channel status <#CT1S|status>"),
            ("T1", "s2", f"reporter add {ED} <@UNURSE|nurse>"),
            ("T2", "s3", "channel status <#CT2S|status>"),
            ("T3", "s4", "channel status <#CT3S|status>"),
            ("T3", "s5", "area set Harbor Point"),  # the ED serves North Ridge, Millbrook
        ):
            await admin_says(bot, team, token, said)
        await bot.command("/center-status", "diversion for 1h ct down", token="s6",
                          extra={"user_id": "UNURSE", "team_id": "T1"})  # fmt: skip
        posted = await bot.slack.wait_for("chat.postMessage", count=2)
        assert sorted((c.payload["channel"], c.token, c.payload["text"].split("(reported")[1])
                      for c in posted) == [
            ("CT1S", "xoxb-T1", " by <@UNURSE>)"), ("CT2S", "xoxb-T2", " by center staff)"),
        ]  # fmt: skip

        clock.now += timedelta(minutes=40)
        assert await remind_expiring(deps) == 1
        (reminded,) = [c for c in bot.slack.routes("chat.postMessage")
                       if c.payload["channel"] == "UNURSE"]  # fmt: skip
        assert reminded.token == "xoxb-T1"

        token = await deps.service.create_token(ED, by="UINSTALLT1")
        async with bot.session.post(
            f"{bot.url}/api/status/{ED}", json={"state": "accepting"},
            headers={"Authorization": f"Bearer {token}"},
        ) as reply:  # fmt: skip
            assert reply.status == 201, await reply.text()
        posted = (await bot.slack.wait_for("chat.postMessage", count=5))[3:]
        assert sorted((c.payload["channel"], c.token) for c in posted) == [
            ("CT1S", "xoxb-T1"), ("CT2S", "xoxb-T2")
        ]  # fmt: skip
        assert all("(reported by the center's system)" in c.payload["text"] for c in posted)
        assert not [c for c in bot.slack.routes("chat.postMessage")
                    if c.payload["channel"] in ("CSTATUS", "CT3S")]  # fmt: skip


async def test_an_enterprise_grid_org_installs_once_for_all_its_workspaces(bot: Bot):
    """Installed org-wide, the org is one workspace: every workspace in it is answered with
    the org's token, and the installer is admin, and its area applies, in each of them."""
    await install(bot, "E1")
    await mention(bot, "T7", "7.1", "EvOrg1", org="E1")
    await mention(bot, "T8", "8.1", "EvOrg2", org="E1")
    posted = await bot.slack.wait_for("chat.postMessage", count=2)
    assert {(c.payload["channel"], c.token) for c in posted} == {
        ("CT7", "xoxb-E1"),
        ("CT8", "xoxb-E1"),
    }
    org = {"user_id": "UINSTALLE1", "enterprise_id": "E1", "is_enterprise_install": "true"}
    await bot.command("/pmhc-admin", "area set Harbor Point", token="o1",
                      extra={**org, "team_id": "T7"})  # fmt: skip
    (set_,) = await bot.slack.wait_for("response:o1")
    assert set_.payload["text"].startswith("This workspace serves Harbor Point")
    await bot.command("/pmhc-admin", "area", token="o2", extra={**org, "team_id": "T8"})
    (read,) = await bot.slack.wait_for("response:o2")
    assert read.payload["text"] == "This workspace serves Harbor Point."


async def test_a_rejected_edit_is_told_in_each_workspace_that_chose_an_admin_channel(bot: Bot):
    for team in ("T1", "T2"):
        await install(bot, team)
    await admin_says(bot, "T2", "c1", "channel admin <#CT2A|pmhc-admins>")
    assert bot.deps.workspaces is not None
    notify = admin_notifier(bot.deps.workspaces, bot.deps.store, "CADMIN", frozenset({"UOP"}))
    problem = Problem(Location("resources/centers.yaml", 7), 'unknown key "phon"')
    await notify(ReloadResult(False, NOW, "v1", ("resources/centers.yaml",), (problem,)))
    (told,) = bot.slack.routes("chat.postMessage")
    assert (told.payload["channel"], told.token) == ("CT2A", "xoxb-T2")
    assert "resources/centers.yaml:7: unknown key" in told.payload["text"]


async def test_each_workspace_names_and_sees_only_its_own_reporters_and_tokens(bot: Bot):
    for team in ("T1", "T2"):
        await install(bot, team)
    await admin_says(bot, "T1", "r1", f"reporter add {ED} <@UNURSE|nurse>")
    token = await bot.deps.service.create_token(ED, by="UINSTALLT1", team_id="T1")
    assert (await admin_says(bot, "T2", "r2", "reporters")).startswith("No reporters yet")
    removed = await admin_says(bot, "T2", "r3", f"reporter remove {ED} <@UNURSE|nurse>")
    assert removed.endswith(
        "was not a reporter for North Ridge Community Hospital Emergency Department."
    )
    assert await admin_says(bot, "T2", "r4", f"token revoke {ED}") == (
        "Revoked 0 token(s) of North Ridge Community Hospital Emergency Department."
    )
    await bot.command("/center-status", f"{ED} diversion", token="r5",
                      extra={"user_id": "UNURSE", "team_id": "T2"})  # fmt: skip
    (refused,) = await bot.slack.wait_for("response:r5")
    assert refused.payload["text"].startswith("You are not a reporter for")
    assert f"`{ED}`: <@UNURSE>" in await admin_says(bot, "T1", "r6", "reporters")
    async with bot.session.post(
        f"{bot.url}/api/status/{ED}", json={"state": "limited"},
        headers={"Authorization": f"Bearer {token}"},
    ) as reply:  # fmt: skip
        assert reply.status == 201  # T2 could not revoke T1's token
    assert (await bot.deps.store.latest_statuses())[ED].team_id == "T1"


async def test_requests_at_once_from_a_workspace_not_yet_seen_check_its_token_once(bot: Bot):
    await install(bot, "T6")
    checked_at_install = len(bot.slack.routes("auth.test"))
    await asyncio.gather(*(mention(bot, "T6", f"6.{n}", f"Ev6-{n}") for n in range(10)))
    await bot.slack.wait_for("chat.postMessage", count=10)
    assert len(bot.slack.routes("auth.test")) == checked_at_install + 1
