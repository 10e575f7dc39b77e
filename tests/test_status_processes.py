"""Two bot processes on one database: a status reported through one is applied by the other
within five seconds (each re-reads statuses every two). SQLite shares a file between
processes on one machine; PostgreSQL (when TEST_DATABASE_URL is set) is how a deployment
shares them."""

from __future__ import annotations

import asyncio
import json
import time
import urllib.request

import pytest

from bot.service import token_hash
from bot.store.database import Store
from tests.conftest import POSTGRES, SHIPPED, TEST_SALT, at, bot_server
from tests.slack_harness import SECRET

ED = "example-general-ed"
TOKEN = "pmhc_a-token-for-this-test-only"


def call(url: str, method: str = "GET", body: dict | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(url, method=method,
                                     data=json.dumps(body).encode() if body else None,
                                     headers={"Authorization": f"Bearer {TOKEN}"})  # fmt: skip
    with urllib.request.urlopen(request, timeout=5) as reply:
        return reply.status, json.loads(reply.read())


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_a_status_set_through_one_process_applies_in_the_other(tmp_path, database):
    if database == "postgresql" and not POSTGRES:
        pytest.skip("TEST_DATABASE_URL not set (.ci/run starts PostgreSQL and sets it)")
    url = POSTGRES if database == "postgresql" else f"sqlite+aiosqlite:///{tmp_path}/shared.db"

    async def prepare() -> None:
        store = await Store.open(url, TEST_SALT)
        try:
            if store.dialect == "postgresql":
                async with store.engine.begin() as connection:
                    await connection.exec_driver_sql("TRUNCATE center_status, status_tokens")
            await store.add_token(token_hash(TOKEN), ED, created_by="UADMIN1",
                                  at=at("2026-11-28 01:00"))  # fmt: skip
        finally:
            await store.close()

    asyncio.run(prepare())
    settings = {"KNOWLEDGE_DIR": str(SHIPPED), "SLACK_BOT_TOKEN": "xoxb-test",
                "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": "http://127.0.0.1:9/api/",
                "DATABASE_URL": url, "USER_HASH_SALT": TEST_SALT.decode()}  # fmt: skip
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with bot_server(tmp_path / "a", settings) as one, bot_server(tmp_path / "b", settings) as two:
        assert call(two.url + "/api/status")[1] == {"statuses": []}
        status, _ = call(f"{one.url}/api/status/{ED}", "POST", {"state": "diversion"})
        assert status == 201
        started = time.monotonic()
        while not call(two.url + "/api/status")[1]["statuses"]:
            assert time.monotonic() - started < 5, "the other process never applied it"
            time.sleep(0.1)
        (seen,) = call(two.url + "/api/status")[1]["statuses"]
        assert (seen["resource_id"], seen["state"]) == (ED, "diversion")
