"""Live knowledge: re-read what changed, validate the whole, swap it in or keep the old one.

A bad edit never takes the bot down: the new version is built aside and only replaces the
serving one when it loads without errors; otherwise the last good version keeps serving
and the admins are told which ``file:line`` to fix.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from watchfiles import awatch

from bot.assistant import Assistant, Clock
from bot.knowledge.loader import (
    YAML_SUFFIXES,
    ParsedFile,
    assemble,
    find_files,
    gc_paused,
    read_files,
)
from bot.knowledge.model import Problem
from bot.search.engine import Engine
from bot.search.index import IndexCache

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReloadResult:
    ok: bool
    at: datetime
    version: str  # of the knowledge base serving after this reload
    reread: tuple[str, ...]  # files parsed again because they changed
    errors: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()
    seconds: float = 0.0


Notify = Callable[[ReloadResult], Awaitable[None]]


@dataclass
class _Cached:
    signature: tuple[int, int]  # mtime_ns, size
    parsed: ParsedFile


@dataclass
class LiveKnowledge:
    """Owns the serving knowledge of one folder; at most one reload at a time.

    Build it with ``LiveKnowledge.open(folder)``: the first load creates the assistant that
    every front end uses, and fills the cache so later reloads only re-read changed files.
    """

    folder: Path
    clock: Clock = datetime.now
    on_rejected: Notify | None = None
    assistant: Assistant | None = None
    last: ReloadResult | None = None
    _cache: dict[Path, _Cached] = field(default_factory=dict)
    _index_cache: IndexCache = field(default_factory=IndexCache)
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    @classmethod
    def open(cls, folder: Path, clock: Clock = datetime.now) -> tuple[LiveKnowledge, ReloadResult]:
        """First load; ``live.assistant`` is None exactly when it failed."""
        live = cls(folder, clock)
        return live, live._reload()

    async def reload(self) -> ReloadResult:
        async with self._lock:
            result = await asyncio.to_thread(self._reload)
        if not result.ok:
            log.warning("knowledge edit rejected (%d errors); still serving %s",
                        len(result.errors), result.version)  # fmt: skip
            if self.on_rejected is not None:
                await self.on_rejected(result)
        return result

    async def watch(self) -> None:
        """Reload on every change under the folder, until cancelled."""
        async for changes in awatch(self.folder, debounce=300, recursive=True):
            if any(Path(path).suffix.lower() in YAML_SUFFIXES for _, path in changes):
                await self.reload()

    def _reload(self) -> ReloadResult:
        started = time.perf_counter()
        root = self.folder
        with gc_paused():
            signatures: dict[Path, tuple[int, int]] = {}
            for path in find_files(root) if root.is_dir() else []:
                with contextlib.suppress(OSError):  # deleted while we looked: next event
                    stat = path.stat()
                    signatures[path] = (stat.st_mtime_ns, stat.st_size)
            changed = [p for p, sig in signatures.items()
                       if p not in self._cache or self._cache[p].signature != sig]  # fmt: skip
            for path, parsed_file in zip(changed, read_files(root, changed), strict=True):
                self._cache[path] = _Cached(signatures[path], parsed_file)
            for gone in set(self._cache) - set(signatures):
                del self._cache[gone]
            reread = [self._cache[path].parsed.path for path in changed]
            report = assemble(self._cache[path].parsed for path in signatures)
            if report.knowledge is not None:
                engine = Engine(report.knowledge, self._index_cache)
                if self.assistant is None:
                    self.assistant = Assistant(engine, self.clock)
                else:
                    self.assistant.engine = engine  # one reference swap: atomic for readers
        serving = self.assistant.engine.knowledge.version if self.assistant else ""
        result = ReloadResult(
            ok=report.ok, at=datetime.now(UTC), version=serving, reread=tuple(reread),
            errors=report.errors, warnings=report.warnings,
            seconds=time.perf_counter() - started,
        )  # fmt: skip
        self.last = result
        outcome = "live" if result.ok else "rejected"
        log.info("knowledge reload: %s in %.0f ms (%d files re-read)",
                 outcome, result.seconds * 1000, len(reread))  # fmt: skip
        return result


def rejected_message(result: ReloadResult, limit: int = 20) -> str:
    """What the admins read when an edit is rejected (plain text; escape it for Slack)."""
    lines = [
        f"Knowledge edit rejected: {len(result.errors)} error(s). Still serving the last good "
        f"version ({result.version}). Fix and save again:"
    ]
    lines += [f"• {problem}" for problem in result.errors[:limit]]
    if len(result.errors) > limit:
        lines.append(f"…and {len(result.errors) - limit} more (python -m bot validate)")
    return "\n".join(lines)
