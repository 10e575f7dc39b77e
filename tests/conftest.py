"""Shared fixtures: the shipped knowledge base, and small knowledge folders written per test."""

from __future__ import annotations

import os
import resource
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text

from bot.knowledge import KnowledgeBase, load_knowledge
from bot.search.engine import Engine
from bot.store.database import Store

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "knowledge"
SCRATCH = Path(tempfile.mkdtemp(prefix="pmhc-tests-"))  # what bot processes write, per run
CHICAGO = ZoneInfo("America/Chicago")


def run_bot(
    *args: str,
    stdin: str | None = None,
    cwd: Path = ROOT,
    env: dict | None = None,
    timeout: float = 60,
    memory_mb: int | None = None,
) -> subprocess.CompletedProcess[str]:
    """``python -m bot ARGS`` as its own process, as a user runs it; ``memory_mb`` caps its
    address space, so bloat shows as a failure rather than as a timing."""

    def cap_memory() -> None:
        size = (memory_mb or 0) * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (size, size))

    if env is None:  # its records and salt in a scratch folder, not the checkout's data/
        env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{SCRATCH}/bot.db",
               "USER_HASH_SALT_FILE": str(SCRATCH / "user-hash.salt")}  # fmt: skip
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=timeout,
        preexec_fn=cap_memory if memory_mb else None,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Served:
    """A bot server process started by ``bot_server``."""

    port: int
    process: subprocess.Popen[str]
    log: Path  # its stdout and stderr

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@contextmanager
def bot_server(
    folder: Path, settings: dict[str, str], command: tuple[str, ...] = ("serve",)
) -> Iterator[Served]:
    """``python -m bot serve`` as its own process on a free port, with ``settings`` added to
    the environment, its database, salt and log in ``folder``; yields once /healthz
    answers, stops it after."""
    port = free_port()
    env = {**os.environ, "PORT": str(port),
           "DATABASE_URL": f"sqlite+aiosqlite:///{folder}/bot.db",
           "USER_HASH_SALT_FILE": str(folder / "salt"), **settings}  # fmt: skip
    log = folder / "server.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", *command], cwd=ROOT, env=env,
            stdout=output, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1).close()
                break
            except OSError:
                assert process.poll() is None, log.read_text()
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        yield Served(port, process, log)
    finally:
        process.terminate()
        process.wait(timeout=10)


def at(text: str, zone: ZoneInfo = CHICAGO) -> datetime:
    """A moment in local time: ``at("2026-11-22 02:00")``."""
    return datetime.fromisoformat(text).replace(tzinfo=zone)


def engine_for(folder: Path, knowledge: str) -> Engine:
    """An engine on a knowledge base written here as one YAML file."""
    (folder / "kb.yaml").write_text(knowledge, encoding="utf-8")
    return Engine(load_knowledge(folder))


@pytest.fixture(scope="session")
def shipped() -> KnowledgeBase:
    return load_knowledge(SHIPPED)


@pytest.fixture(scope="session")
def engine(shipped: KnowledgeBase) -> Engine:
    return Engine(shipped)


POSTGRES = os.environ.get("TEST_DATABASE_URL")


@pytest.fixture(params=["sqlite", "postgresql"])
async def store(request, tmp_path) -> AsyncIterator[Store]:
    """A migrated, empty store: SQLite always, PostgreSQL when TEST_DATABASE_URL is set."""
    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path}/bot.db"
    elif POSTGRES:
        url = POSTGRES
    else:
        pytest.skip("TEST_DATABASE_URL not set (.ci/run starts PostgreSQL and sets it)")
    opened = await _open_empty(url)
    yield opened
    await opened.close()


@pytest.fixture
async def app_store(tmp_path) -> AsyncIterator[Store]:
    """The store the app tests use: PostgreSQL when TEST_DATABASE_URL is set, else SQLite,
    so with CI's PostgreSQL the Slack tests run on it too."""
    opened = await _open_empty(POSTGRES or f"sqlite+aiosqlite:///{tmp_path}/bot.db")
    yield opened
    await opened.close()


TEST_SALT = b"a salt for tests only"


async def _open_empty(url: str) -> Store:
    opened = await Store.open(url, TEST_SALT)
    if opened.dialect == "postgresql":  # one shared database: a clean slate for every test
        async with opened.engine.begin() as connection:
            await connection.execute(text(
                "TRUNCATE questions, votes, admin_actions, center_status, status_reporters, "
                "status_tokens, seen_deliveries, slack_bots, slack_installations, "
                "slack_oauth_states, workspace_admins, workspace_settings, "
                "workspace_channels"))  # fmt: skip
    return opened


WriteKnowledge = Callable[..., Path]


@pytest.fixture
def write_knowledge(tmp_path: Path) -> WriteKnowledge:
    """Write files ({relative path: text}, dedented) into a fresh folder and return it."""

    def write(files: dict[str, str]) -> Path:
        folder = tmp_path / "kb"
        folder.mkdir(exist_ok=True)
        for name, content in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(content).lstrip(), encoding="utf-8")
        return folder

    return write


_SUMMARY = pytest.StashKey[list[str]]()


@pytest.fixture
def summary_line(request: pytest.FixtureRequest) -> Callable[[str], None]:
    """Add a line to the end-of-run summary (evaluation figures show up in CI logs)."""
    return request.config.stash.setdefault(_SUMMARY, []).append


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    for line in config.stash.get(_SUMMARY, []):
        terminalreporter.write_line(line)
