"""Many agencies, one deployment: workspaces install the bot through Slack's real OAuth
redirect flow (against the fake Slack, over HTTP), each is answered with its own token, and
a workspace that never installed, or uninstalled, gets nothing."""

from __future__ import annotations

import asyncio
import html
import re
from collections.abc import AsyncIterator
from datetime import datetime
from urllib.parse import parse_qs, urlparse

import pytest
from sqlalchemy import text

from bot.assistant import Assistant
from bot.knowledge import load_knowledge
from bot.search.engine import Engine
from bot.slack.app import INSTALL_PATH, REDIRECT_PATH
from bot.slack.deps import Deps
from bot.store.database import Store
from tests.conftest import CHICAGO, SHIPPED
from tests.slack_harness import Bot, running_bot

NOW = datetime(2026, 11, 28, 2, 0, tzinfo=CHICAGO)


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


async def mention(bot: Bot, team: str, ts: str, event_id: str) -> None:
    event = {"type": "app_mention", "user": "U1", "channel": f"C{team}", "ts": ts,
             "text": "<@UBOT> what is an EDP"}  # fmt: skip
    assert (await bot.event(event, event_id, team=team)).status == 200


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


async def test_the_status_api_keeps_a_report_even_when_it_cannot_be_announced(
    app_store: Store,
):
    """Installed by OAuth there is no deployment-wide token to post to STATUS_CHANNEL with:
    the report is kept and answered 201 all the same."""
    engine = Engine(load_knowledge(SHIPPED))
    deps = Deps(Assistant(engine, clock=lambda zone: NOW.astimezone(zone)), app_store,
                status_channel="CSTATUS")  # fmt: skip
    async with running_bot(deps, oauth=True) as bot:
        token = await deps.service.create_token("example-general-ed", by="UADMIN")
        async with bot.session.post(
            f"{bot.url}/api/status/example-general-ed", json={"state": "diversion"},
            headers={"Authorization": f"Bearer {token}"},
        ) as reply:  # fmt: skip
            assert reply.status == 201, await reply.text()
        (refused,) = bot.slack.routes("chat.postMessage")
        assert refused.token == ""  # tried without a token, and Slack said not_authed
    assert (await app_store.latest_statuses())["example-general-ed"].state == "diversion"


async def test_an_enterprise_grid_org_installs_once_for_all_its_workspaces(bot: Bot):
    """Installed org-wide, the org is one workspace: every workspace in it is answered with
    the org's token, and the installer is admin, and its area applies, in each of them."""
    await install(bot, "E1")
    await mention_in_org(bot, "T7", "7.1", "EvOrg1")
    await mention_in_org(bot, "T8", "8.1", "EvOrg2")
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


async def mention_in_org(bot: Bot, team: str, ts: str, event_id: str) -> None:
    event = {"type": "app_mention", "user": "U1", "channel": f"C{team}", "ts": ts,
             "text": "<@UBOT> what is an EDP"}  # fmt: skip
    assert (await bot.event(event, event_id, team=team, org="E1")).status == 200
