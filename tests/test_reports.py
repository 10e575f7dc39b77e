"""Reports on a seeded database, through the functions and the command line."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta

import pytest

from bot import reports
from bot.store.database import Store
from tests.conftest import ROOT, SHIPPED, TEST_SALT

NOW = datetime.now(UTC).replace(microsecond=0)


async def seed(store: Store) -> None:
    asked = [
        ("weather tomorrow", None), ("weather tomorrow", None), ("Weather tomorrow?", None),
        ("wether tomorow", None), ("reset my email password", None),
        ("reset email password", None), ("what is a 5150", "term-5150"),
        ("what is a 5150", "term-5150"), ("how long is cit", "cit-training-curriculum"),
    ]  # fmt: skip
    await store.record_questions([
        {"asked_at": NOW - timedelta(days=n % 3, minutes=n), "surface": "command",
         "user_id": f"U{n % 2}", "text": text, "top_id": top, "score": 0.9 if top else None,
         "answered": top is not None, "latency_ms": 1.0}
        for n, (text, top) in enumerate(asked)
    ])  # fmt: skip
    for question, vote in [("how long is cit", "down"), ("how long is CIT?", "down"),
                           ("what is a 5150", "up")]:  # fmt: skip
        top = "term-5150" if "5150" in question else "cit-training-curriculum"
        await store.record_vote(voted_at=NOW, user_id="U1", vote=vote, entry_id=top,
                                question=question)  # fmt: skip


async def test_gaps_group_similar_unanswered_and_thumbs_down_questions(store: Store):
    await seed(store)
    found = await reports.gaps(store, NOW - timedelta(days=7))
    summary = [(g.question, g.count, g.unanswered, g.thumbs_down) for g in found]
    assert summary == [
        ("weather tomorrow", 4, 4, 0),
        ("how long is cit", 2, 0, 2),
        ("reset email password", 2, 2, 0),
    ] or summary == [
        ("weather tomorrow", 4, 4, 0),
        ("how long is cit", 2, 0, 2),
        ("reset my email password", 2, 2, 0),
    ]
    csv_text = reports.gaps_csv(found)
    assert csv_text.splitlines()[0] == "question,count,unanswered,thumbs_down,examples"


async def test_stats_count_questions_answers_and_votes(store: Store):
    await seed(store)
    report = await reports.stats(store, NOW - timedelta(days=7))
    assert report.questions == 9
    assert report.answered_rate == pytest.approx(3 / 9)
    assert report.top_entries[0] == ("term-5150", 2)
    assert ("cit-training-curriculum", 0, 2) in report.votes and ("term-5150", 1, 0) in report.votes
    assert "9 questions, 33% answered" in reports.stats_text(report, 7)


def test_stale_lists_never_verified_first_then_oldest(shipped):
    found = reports.stale_entries(shipped, date(2026, 11, 22))
    assert [e.verified is None for e in found] == sorted(
        (e.verified is None for e in found), reverse=True
    )
    dated = [e.verified for e in found if e.verified]
    assert dated == sorted(dated) and all((date(2026, 11, 22) - d).days > 365 for d in dated)


def test_report_command_line_reads_the_database(tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path}/bot.db"

    async def fill() -> None:
        store = await Store.open(url, TEST_SALT)
        await seed(store)
        await store.close()

    asyncio.run(fill())
    env = {**os.environ, "DATABASE_URL": url, "KNOWLEDGE_DIR": str(SHIPPED),
           "USER_HASH_SALT": TEST_SALT.decode()}  # fmt: skip
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "bot", "report", *args], cwd=ROOT, env=env, capture_output=True,
        text=True, timeout=60,
    )  # fmt: skip
    gaps = run("gaps", "--days", "7")
    assert gaps.returncode == 0 and "4× “weather tomorrow” (4 unanswered, 0 👎)" in gaps.stdout
    stats = run("stats", "--days", "7", "--csv")
    assert stats.stdout.startswith("section,key,questions_count_or_up,answered_or_down")
    stale = run("stale", "--csv")
    assert stale.returncode == 0 and "north-ridge-community-hospital-ed" in stale.stdout
