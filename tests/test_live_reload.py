"""Live reload: a broken edit keeps the old knowledge serving and is reported with file:line;
a fixed edit goes live without a restart; only changed files are read again."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import threading
import time
from pathlib import Path

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from bot.live import LiveKnowledge, ReloadResult
from bot.slack.notify import admin_notifier
from bot.slack.workspaces import Workspaces
from bot.store.database import Store
from tests.conftest import at, bot_server
from tests.fake_slack import FakeSlack

NOW = at("2026-11-22 14:00")
CENTER = """
defaults: {timezone: America/Chicago}
resources:
  - id: lakeside
    name: Lakeside Crisis Center
    kind: crisis_center
    phone: "(555) 555-0101"
    address: 1 Lake St
    hours: "24/7"
    admission: {min_age: 18}
    verified: 2026-10-01
"""
TERMS = "glossary:\n  - term: EDP\n    definition: A person in crisis.\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "kb" / "terms").mkdir(parents=True)
    (tmp_path / "kb" / "center.yaml").write_text(CENTER)
    (tmp_path / "kb" / "terms" / "glossary.yaml").write_text(TERMS)
    return tmp_path / "kb"


def touch(path: Path, text: str) -> None:
    path.write_text(text)
    stamp = time.time_ns() + 1_000_000  # make sure the change is seen on coarse clocks
    os.utime(path, ns=(stamp, stamp))


def top_id(live: LiveKnowledge, question: str, **options) -> str | None:
    answer = live.assistant.ask(question, at=NOW, **options)
    return answer.results[0].entry.id if answer.results else None


async def test_a_broken_edit_keeps_the_old_knowledge_serving_and_is_reported(folder: Path):
    live, first = LiveKnowledge.open(folder)
    assert first.ok and top_id(live, "lakeside crisis center phone") == "lakeside"
    told: list[ReloadResult] = []

    async def tell(result: ReloadResult) -> None:
        told.append(result)

    live.on_rejected = tell
    touch(folder / "center.yaml", CENTER.replace("kind: crisis_center", "kind: crisis_centre"))
    result = await live.reload()
    assert not result.ok and result.version == first.version
    assert [str(e).split(" must")[0] for e in result.errors] == ["center.yaml:6: kind"]
    assert told == [result]
    assert top_id(live, "lakeside crisis center phone") == "lakeside"  # still serving


async def test_a_fixed_edit_goes_live_and_only_changed_files_are_read_again(folder: Path):
    live, first = LiveKnowledge.open(folder)
    assert set(first.reread) == {"center.yaml", "terms/glossary.yaml"}
    touch(
        folder / "center.yaml", CENTER.replace("Lakeside Crisis Center", "Bayfront Crisis Center")
    )
    result = await live.reload()
    assert result.ok and result.reread == ("center.yaml",)
    assert result.version != first.version
    assert top_id(live, "bayfront crisis center") == "lakeside"


async def test_deleted_and_added_files_are_followed(folder: Path):
    live, _ = LiveKnowledge.open(folder)
    (folder / "terms" / "glossary.yaml").unlink()
    (folder / "more.yml").write_text("glossary:\n  - term: CSU\n    definition: A unit.\n")
    result = await live.reload()
    assert result.ok and result.reread == ("more.yml",)
    assert "edp" not in live.assistant.engine.knowledge.by_id
    assert "csu" in live.assistant.engine.knowledge.by_id


async def test_the_watcher_reloads_on_save_without_a_restart(folder: Path):
    live, _ = LiveKnowledge.open(folder)
    watching = asyncio.create_task(live.watch())
    try:
        await asyncio.sleep(0.3)
        touch(
            folder / "terms" / "glossary.yaml",
            TERMS + "  - term: Warm line\n    definition: Peers.\n",
        )
        deadline = time.monotonic() + 10
        while "warm-line" not in live.assistant.engine.knowledge.by_id:
            assert time.monotonic() < deadline, "the edit did not go live"
            await asyncio.sleep(0.05)
    finally:
        watching.cancel()


async def test_admins_are_told_in_slack_with_file_and_line(folder: Path, app_store: Store):
    slack = await FakeSlack().start()
    try:
        live, _ = LiveKnowledge.open(folder)
        client = AsyncWebClient(token="xoxb-test", base_url=slack.api_url)  # workspace T1's
        workspaces = Workspaces(client, app_store)
        live.on_rejected = admin_notifier(workspaces, app_store, "CADMIN", frozenset())
        touch(folder / "terms" / "glossary.yaml", "glossary:\n  - term: EDP\n    definitoin: x\n")
        await live.reload()
        (posted,) = await slack.wait_for("chat.postMessage")
        assert posted.payload["channel"] == "CADMIN"
        assert 'terms/glossary.yaml:3: unknown key "definitoin" (did you mean definition?)' in (
            posted.payload["text"].replace("&quot;", '"')
        )
        assert "Still serving the last good version" in posted.payload["text"]
        await app_store.set_channel("T1", "admin", "CWORKSPACE")  # the workspace's own first
        await live.reload()
        await slack.wait_for("chat.postMessage", count=2)
        await app_store.set_channel("T1", "admin", None)
        live.on_rejected = admin_notifier(workspaces, app_store, None,
                                          frozenset({"UADMIN1", "UADMIN2"}))  # fmt: skip
        await live.reload()
        posted = await slack.wait_for("chat.postMessage", count=4)
        assert [c.payload["channel"] for c in posted] == [
            "CADMIN", "CWORKSPACE", "UADMIN1", "UADMIN2"
        ]  # fmt: skip
    finally:
        await slack.stop()


def test_sighup_reloads_a_running_server(folder: Path, tmp_path: Path):
    settings = {"KNOWLEDGE_DIR": str(folder), "SLACK_BOT_TOKEN": "xoxb-test",
                "SLACK_SIGNING_SECRET": "secret"}  # fmt: skip
    with bot_server(tmp_path, settings) as served:
        served.process.send_signal(signal.SIGHUP)
        time.sleep(1.5)
    assert "knowledge reload: live" in served.log.read_text()


async def test_a_glossary_change_reaches_entries_that_did_not_change(folder: Path):
    live, _ = LiveKnowledge.open(folder)
    assert top_id(live, "lcc", resources_only=True) is None
    glossary = TERMS + "  - term: Lakeside crisis center\n    aliases: [LCC]\n    definition: x\n"
    touch(folder / "terms" / "glossary.yaml", glossary)
    assert (await live.reload()).reread == ("terms/glossary.yaml",)
    assert top_id(live, "lcc", resources_only=True) == "lakeside"  # center.yaml was not re-read


async def test_words_that_left_the_knowledge_base_no_longer_match_typos(folder: Path):
    live, _ = LiveKnowledge.open(folder)
    assert top_id(live, "lakesde crisis center") == "lakeside"
    touch(folder / "center.yaml", CENTER.replace("Lakeside", "Riverside"))
    await live.reload()
    answer = live.assistant.ask("lakesde", at=NOW)
    assert answer.results == ()
    assert top_id(live, "riversde crisis center") == "lakeside"


async def test_an_edit_that_keeps_size_and_time_is_still_seen(folder: Path):
    # cp -p and rsync -a copy the time with the content
    live, _ = LiveKnowledge.open(folder)
    center = folder / "center.yaml"
    before = center.stat()
    center.write_text(CENTER.replace("Lakeside", "Bayshore"))  # the same length
    os.utime(center, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert center.stat().st_size == before.st_size
    result = await live.reload()
    assert result.ok and result.reread == ("center.yaml",)
    assert live.assistant.engine.knowledge.by_id["lakeside"].name == "Bayshore Crisis Center"


async def test_a_file_saved_in_two_pieces_goes_live_without_an_alert(folder: Path):
    live, _ = LiveKnowledge.open(folder)
    told: list[ReloadResult] = []

    async def tell(result: ReloadResult) -> None:
        told.append(result)

    live.on_rejected = tell
    watching = asyncio.create_task(live.watch())
    try:
        await asyncio.sleep(0.3)
        text = TERMS + "  - term: Warm line\n    definition: Peers.\n"
        glossary = folder / "terms" / "glossary.yaml"
        with glossary.open("w") as file:  # a slow upload: half, a pause, the rest
            file.write(text[:40])
            file.flush()
            await asyncio.sleep(0.6)
            file.write(text[40:])
        deadline = time.monotonic() + 10
        while "warm-line" not in live.assistant.engine.knowledge.by_id:
            assert time.monotonic() < deadline, "the edit did not go live"
            await asyncio.sleep(0.05)
        await asyncio.sleep(1)
        assert told == []
    finally:
        watching.cancel()


async def test_folders_made_and_deleted_during_reloads_never_fail_one(folder: Path):
    stop = threading.Event()

    def churn() -> None:  # another tool unpacking and cleaning up inside the folder
        n = 0
        while not stop.is_set():
            deep = folder / f"tmp{n % 3}" / "a" / "b" / "c"
            deep.mkdir(parents=True, exist_ok=True)
            shutil.rmtree(folder / f"tmp{n % 3}", ignore_errors=True)
            n += 1

    live, _ = LiveKnowledge.open(folder)
    worker = threading.Thread(target=churn)
    worker.start()
    try:
        results = [await asyncio.to_thread(live._reload) for _ in range(150)]
    finally:
        stop.set()
        worker.join()
    assert [r.errors for r in results if not r.ok] == []


async def test_the_watcher_survives_its_folder_being_deleted_and_made_again(
    folder: Path, monkeypatch
):
    monkeypatch.setattr("bot.live.WATCH_RETRY_SECONDS", 0.2)
    live, _ = LiveKnowledge.open(folder)
    live.settle_seconds = 0
    watching = asyncio.create_task(live.watch())
    try:
        await asyncio.sleep(0.3)
        saved = folder.parent / "saved"
        shutil.move(folder, saved)  # e.g. a deploy that replaces the whole folder
        deadline = time.monotonic() + 10
        while not live.watcher.startswith("not watching"):
            assert time.monotonic() < deadline, live.watcher
            await asyncio.sleep(0.05)
        assert "lakeside" in live.assistant.engine.knowledge.by_id  # still serving
        shutil.move(saved, folder)
        await asyncio.sleep(0.6)
        touch(folder / "terms" / "glossary.yaml", TERMS + "  - term: CSU\n    definition: A.\n")
        while "csu" not in live.assistant.engine.knowledge.by_id:
            assert time.monotonic() < deadline, f"the edit did not go live: {live.watcher}"
            await asyncio.sleep(0.05)
        assert live.watcher.startswith("watching since")
    finally:
        watching.cancel()
