"""Shared fixtures: the shipped knowledge base, and small knowledge folders written per test."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.knowledge import KnowledgeBase, load_knowledge
from bot.search.engine import Engine

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "knowledge"
CHICAGO = ZoneInfo("America/Chicago")


def at(text: str, zone: ZoneInfo = CHICAGO) -> datetime:
    """A moment in local time: ``at("2026-11-22 02:00")``."""
    return datetime.fromisoformat(text).replace(tzinfo=zone)


@pytest.fixture(scope="session")
def shipped() -> KnowledgeBase:
    return load_knowledge(SHIPPED)


@pytest.fixture(scope="session")
def engine(shipped: KnowledgeBase) -> Engine:
    return Engine(shipped)


WriteKnowledge = Callable[..., Path]


@pytest.fixture
def write_knowledge(tmp_path: Path) -> WriteKnowledge:
    """Write files ({relative path: text}, dedented) into a fresh folder and return it."""

    def write(files: dict[str, str]) -> Path:
        folder = tmp_path / "kb"
        folder.mkdir(exist_ok=True)
        for name, text in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
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
