"""The store on a real database: SQLite always, PostgreSQL too when TEST_DATABASE_URL is set."""

from __future__ import annotations

import asyncio
import os
import sys
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from bot.store.database import Store
from tests.conftest import ROOT, TEST_SALT

NOW = datetime(2026, 11, 22, 20, 0, tzinfo=UTC)


async def test_migrations_run_at_open_and_twice_is_harmless(store: Store):
    again = await Store.open(str(store.engine.url.render_as_string(hide_password=False)), TEST_SALT)
    assert again.user_hash("U1") == store.user_hash("U1")  # the same salt, the same hashes
    await again.close()


async def test_questions_are_stored_redacted(store: Store):
    await store.record_question(
        asked_at=NOW, surface="mention", user_id="U123",
        text="John Smith DOB 3/14/2008, call (555) 555-0142, where can i take him",
        top_id="harbor", score=0.9, answered=True, latency_ms=3.2,
    )  # fmt: skip
    (row,) = await store.questions_since(NOW - timedelta(days=1))
    assert row.text == "[name] DOB [date], call [phone], where can i take him"
    assert row.asked_at == NOW and row.answered and row.top_id == "harbor"
    async with store.engine.connect() as connection:
        dump = str((await connection.execute(text("SELECT * FROM questions"))).all())
    assert "U123" not in dump and "555-0142" not in dump and "3/14/2008" not in dump
    assert "Smith" not in dump


async def test_user_hashes_are_stable_and_salted(store: Store):
    assert store.user_hash("U1") == store.user_hash("U1") != store.user_hash("U2")
    assert "U1" not in store.user_hash("U1") and len(store.user_hash("U1")) == 32


async def test_votes_and_admin_actions(store: Store):
    await store.record_vote(voted_at=NOW, user_id="U1", vote="down", entry_id="harbor",
                            question="harbor phone for Mr. Jones")  # fmt: skip
    await store.record_admin_action(acted_at=NOW, user_id="UADMIN", action="reload", allowed=True)
    (vote,) = await store.votes_since(NOW - timedelta(hours=1))
    assert (vote.vote, vote.entry_id, vote.question) == (
        "down",
        "harbor",
        "harbor phone for Mr. [name]",
    )
    (action,) = await store.admin_actions()
    assert action[1:] == ("UADMIN", "reload", True)


async def test_retention_purges_old_rows_only(store: Store):
    for days in (1, 50, 100, 200):
        await store.record_question(asked_at=NOW - timedelta(days=days), surface="dm",
                                    user_id="U1", text="q", top_id=None, score=None,
                                    answered=False, latency_ms=1.0)  # fmt: skip
    gone = await store.purge(NOW - timedelta(days=90))
    assert gone == 2
    left = await store.questions_since(NOW - timedelta(days=365))
    assert sorted((NOW - q.asked_at).days for q in left) == [1, 50]


async def test_daily_counts_and_top_entries_are_counted_by_the_database(store: Store):
    rows = [
        {"asked_at": NOW - timedelta(days=d, minutes=m), "surface": "command", "user_id": "U1",
         "text": "q", "top_id": top, "score": 0.8, "answered": top is not None, "latency_ms": 2.0}
        for d, m, top in [(0, 1, "a"), (0, 2, "a"), (0, 3, None), (1, 1, "b"), (1, 2, "a")]
    ]  # fmt: skip
    await store.record_questions(rows)
    days = await store.daily_counts(NOW - timedelta(days=7))
    assert [(n, answered) for _, n, answered in days] == [(2, 2), (3, 2)]
    assert await store.top_entries(NOW - timedelta(days=7)) == [("a", 3), ("b", 1)]


OPEN_AND_WRITE = """
import asyncio, sys
from datetime import UTC, datetime
from pathlib import Path
from bot.store.database import Store
from bot.store.salt import load_or_create_salt

async def main():
    store = await Store.open(sys.argv[1], load_or_create_salt(Path(sys.argv[2])))
    await store.record_question(asked_at=datetime.now(UTC), surface="dm", user_id="U1",
                                text="hello", top_id=None, score=None, answered=False,
                                latency_ms=1.0)
    print(store.user_hash("U1"))
    await store.close()

asyncio.run(main())
"""


async def test_several_processes_can_start_on_one_database_at_once(store: Store, tmp_path):
    """Three bot processes racing to migrate a brand-new database, then writing to it."""
    url = store.engine.url
    if store.dialect == "postgresql":
        fresh = f"race_{os.getpid()}_{int(time.time() * 1000)}"
        async with store.engine.connect() as connection:
            await connection.execution_options(isolation_level="AUTOCOMMIT")
            await connection.execute(text(f"CREATE DATABASE {fresh}"))
        url = url.set(database=fresh)
    else:
        url = url.set(database=str(tmp_path / "race.db"))
    url = url.render_as_string(hide_password=False)
    processes = [
        await asyncio.create_subprocess_exec(
            sys.executable, "-c", OPEN_AND_WRITE, url, str(tmp_path / "salt"), cwd=ROOT,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )
        for _ in range(3)
    ]  # fmt: skip
    outputs = [await p.communicate() for p in processes]
    assert [p.returncode for p in processes] == [0, 0, 0], outputs
    assert len({out.decode().strip() for out, _ in outputs}) == 1  # one salt for all
    raced = await Store.open(url, TEST_SALT)
    assert len(await raced.questions_since(NOW - timedelta(days=3650))) == 3
    await raced.close()


async def test_retention_setting_drives_the_purge(store: Store):
    from bot.store.retention import purge_expired

    for days in (10, 40):
        await store.record_question(asked_at=NOW - timedelta(days=days), surface="dm",
                                    user_id="U1", text="q", top_id=None, score=None,
                                    answered=False, latency_ms=1.0)  # fmt: skip
    assert await purge_expired(store, days=30, now=NOW) == 1
    (kept,) = await store.questions_since(NOW - timedelta(days=365))
    assert (NOW - kept.asked_at).days == 10


async def test_the_salt_is_not_kept_in_the_database(store: Store, tmp_path):
    # with the salt beside the hashes, a copy of the database would give away who asked
    url = str(tmp_path / "old.db")
    old = await Store.open(f"sqlite+aiosqlite:///{url}", TEST_SALT)
    async with old.engine.begin() as connection:  # as versions before this one kept it
        await connection.execute(text("INSERT INTO meta (key, value) VALUES ('salt', 'ab12')"))
    await old.close()
    reopened = await Store.open(f"sqlite+aiosqlite:///{url}", TEST_SALT)
    async with reopened.engine.connect() as connection:
        dump = str((await connection.execute(text("SELECT * FROM meta"))).all())
    await reopened.close()
    assert "salt" not in dump and "ab12" not in dump
    assert TEST_SALT.decode() not in dump


def test_the_salt_comes_from_the_environment_or_a_file_made_once(tmp_path):
    from bot.config import ConfigError, load_settings

    base = {"KNOWLEDGE_DIR": str(ROOT / "knowledge")}
    given = load_settings({**base, "USER_HASH_SALT": "x" * 20})
    assert given.salt() == b"x" * 20
    in_file = load_settings({**base, "USER_HASH_SALT_FILE": str(tmp_path / "s" / "salt")})
    first = in_file.salt()
    assert len(first) == 64 and in_file.salt() == first  # made once, then read
    assert (tmp_path / "s" / "salt").stat().st_mode & 0o077 == 0  # the owner's only
    try:
        load_settings({**base, "USER_HASH_SALT": "short"})
    except ConfigError as error:
        assert "USER_HASH_SALT must be at least 16 characters" in str(error)
    else:
        raise AssertionError("a short salt was accepted")
