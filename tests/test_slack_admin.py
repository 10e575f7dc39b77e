"""/pmhc-admin over real HTTP: admins only, status, reload, validate, reports, export."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.live import LiveKnowledge
from bot.slack.deps import Deps
from bot.store.database import Store
from tests.conftest import CHICAGO
from tests.slack_harness import Bot, running_bot

NOW = datetime(2026, 11, 22, 14, 0, tzinfo=CHICAGO)
ADMIN = "UADMIN1"
CENTER = """
defaults: {timezone: America/Chicago}
resources:
  - id: lakeside
    name: Lakeside Crisis Center
    kind: crisis_center
    phone: "(555) 555-0101"
    admission: {min_age: 18}
    verified: 2024-01-01
"""


@pytest.fixture
async def admin_bot(tmp_path: Path, app_store: Store) -> AsyncIterator[Bot]:
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "center.yaml").write_text(CENTER)
    live, _ = LiveKnowledge.open(folder, clock=lambda zone: NOW.astimezone(zone))
    deps = Deps(live.assistant, app_store, frozenset({ADMIN}), live)
    async with running_bot(deps) as bot:
        yield bot


async def admin(bot: Bot, text: str, token: str, user: str = ADMIN) -> str:
    bot_user = {"user_id": user}
    await bot.command("/pmhc-admin", text, token=token, extra=bot_user)
    (reply,) = await bot.slack.wait_for(f"response:{token}")
    assert reply.payload["response_type"] == "ephemeral"
    return reply.payload["text"]


async def test_non_admins_are_refused_politely_and_the_attempt_is_kept(admin_bot: Bot):
    reply = await admin(admin_bot, "reload", "a1", user="U999")
    assert reply.startswith("Sorry, `/pmhc-admin` is only for the knowledge-base admins")
    (attempt,) = await admin_bot.deps.store.admin_actions()
    assert attempt[1:] == ("U999", "reload", False)


async def test_status_reload_and_a_rejected_edit(admin_bot: Bot):
    status = await admin(admin_bot, "status", "s1")
    assert "1 files, 1 resource" in status and "went live" in status
    assert "Watcher: not started." in status
    watching = asyncio.create_task(admin_bot.deps.live.watch())
    await asyncio.sleep(0.2)
    assert "Watcher: watching since " in await admin(admin_bot, "status", "s0")
    watching.cancel()
    center = admin_bot.deps.live.folder / "center.yaml"
    center.write_text(CENTER.replace("min_age: 18", "min_age: eighteen"))
    stamp = time.time_ns() + 1_000_000
    os.utime(center, ns=(stamp, stamp))
    reload = await admin(admin_bot, "reload", "s2")
    assert "Knowledge edit rejected" in reload
    assert "center.yaml:8: admission.min_age must be a whole number" in reload
    after = await admin(admin_bot, "status", "s3")
    assert "REJECTED" in after and "center.yaml:8" in after
    assert admin_bot.deps.assistant.engine.knowledge.by_id["lakeside"].criteria.min_age == 18


async def test_validate_and_stale(admin_bot: Bot):
    validate = await admin(admin_bot, "validate", "v1")
    assert ": OK, 1 warnings." in validate
    assert "verified 2024-01-01 is 1056 days old" in validate
    stale = await admin(admin_bot, "stale", "v2")
    assert "lakeside: Lakeside Crisis Center — verified 2024-01-01" in stale


async def test_gaps_stats_and_export_to_the_admins_dm(admin_bot: Bot):
    for n, question in enumerate(["weather tomorrow", "wether tomorrow", "lakeside phone"]):
        await admin_bot.command("/pmhc", question, token=f"q{n}")
        await admin_bot.slack.wait_for(f"response:q{n}")
    gaps = await admin(admin_bot, "gaps 7", "g1")
    assert "2× “weather tomorrow” (2 unanswered, 0 👎)" in gaps
    stats = await admin(admin_bot, "stats 7", "g2")
    assert "3 questions, 33% answered" in stats and "lakeside (1)" in stats
    export = await admin(admin_bot, "export 7", "g3")
    assert "direct message" in export
    uploads = await admin_bot.slack.wait_for("upload", count=3)
    contents = {u.payload["content"].splitlines()[0] for u in uploads}
    assert "question,count,unanswered,thumbs_down,examples" in contents
    (completed,) = await admin_bot.slack.wait_for("files.completeUploadExternal")
    assert completed.payload["channel_id"] == f"D{ADMIN}"


async def test_unknown_subcommand_shows_help(admin_bot: Bot):
    assert "`status`" in await admin(admin_bot, "", "h1")
    assert "`export [days]`" in await admin(admin_bot, "frobnicate", "h2")


async def test_app_home_shows_status_to_admins_and_a_guide_to_everyone(admin_bot: Bot):
    for number, user in enumerate((ADMIN, "U999")):
        event = {"type": "app_home_opened", "user": user, "channel": "D1", "tab": "home"}
        await admin_bot.event(event, f"EvHome{number}")
    first, second = await admin_bot.slack.wait_for("views.publish", count=2)
    views = {call.payload["user_id"]: str(call.payload["view"]) for call in (first, second)}
    assert "Knowledge version" in views[ADMIN] and "/pmhc-admin" in views[ADMIN]
    assert "Knowledge version" not in views["U999"] and "/pmhc where can I take" in views["U999"]


async def test_each_workspace_sees_its_own_gaps_and_stats(admin_bot: Bot):
    asked = [("T1", "weather tomorrow"), ("T1", "lakeside phone"), ("T2", "traffic on i-80"),
             ("T2", "parking downtown"), ("T2", "lakeside phone")]  # fmt: skip
    for n, (team, question) in enumerate(asked):
        await admin_bot.command("/pmhc", question, token=f"w{n}", extra={"team_id": team})
        await admin_bot.slack.wait_for(f"response:w{n}")
    here = await admin(admin_bot, "stats 7", "w10")  # the harness's admin is in T1
    assert "2 questions, 50% answered" in here
    gaps_here = await admin(admin_bot, "gaps 7", "w11")
    assert "weather tomorrow" in gaps_here and "traffic" not in gaps_here
    await admin_bot.command("/pmhc-admin", "gaps 7", token="w12",
                            extra={"user_id": ADMIN, "team_id": "T2"})  # fmt: skip
    (there,) = await admin_bot.slack.wait_for("response:w12")
    assert "traffic on i-80" in there.payload["text"] and "weather" not in there.payload["text"]
    rows = await admin_bot.deps.store.daily_counts(NOW - timedelta(days=1))
    assert sum(n for _, n, _ in rows) == 5  # an operator's view (no team) counts them all
