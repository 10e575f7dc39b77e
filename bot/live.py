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
    LoadReport,
    ParsedFile,
    assemble,
    file_digest,
    find_files,
    gc_paused,
    read_files,
)
from bot.knowledge.model import Location, Problem, one_line
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


# A file saved in pieces is broken until its last piece lands: a rejected reload is tried
# again this long after, and reported only if nothing changed meanwhile.
SETTLE_SECONDS = 0.75
SETTLE_ROUNDS = 8
WATCH_RETRY_SECONDS = 2.0
# Editors' and sync tools' own files: a change to one alone is not an edit.
_SCRATCH = (".swp", ".swx", ".tmp", "~", ".part")


@dataclass
class LiveKnowledge:
    """Owns the serving knowledge of one folder; at most one reload at a time.

    Build it with ``LiveKnowledge.open(folder)``: the first load creates the assistant that
    every front end uses, and fills the cache so later reloads only re-read changed files.
    A file counts as changed when its content does (``cp -p`` and ``rsync -a`` keep the
    size and time).
    """

    folder: Path
    clock: Clock = datetime.now
    on_rejected: Notify | None = None
    assistant: Assistant | None = None
    last: ReloadResult | None = None
    watcher: str = "not started"  # what the watcher is doing, for /pmhc-admin status
    settle_seconds: float = SETTLE_SECONDS
    _cache: dict[Path, ParsedFile] = field(default_factory=dict)
    _index_cache: IndexCache = field(default_factory=IndexCache)
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    @classmethod
    def open(cls, folder: Path, clock: Clock = datetime.now) -> tuple[LiveKnowledge, ReloadResult]:
        """First load; ``live.assistant`` is None exactly when it failed."""
        live = cls(folder, clock)
        return live, live._reload()

    async def reload(self) -> ReloadResult:
        """Read what changed; swap it in when the whole loads, else keep serving and tell."""
        async with self._lock:
            result = await asyncio.to_thread(self._reload)
            for _ in range(SETTLE_ROUNDS):
                if result.ok or self.settle_seconds <= 0:
                    break
                await asyncio.sleep(self.settle_seconds)
                again = await asyncio.to_thread(self._reload)
                if not again.reread and again.ok == result.ok:
                    break  # nothing more arrived: the edit really is broken
                result = again
        if not result.ok:
            log.warning("knowledge edit rejected (%d errors); still serving %s",
                        len(result.errors), result.version)  # fmt: skip
            if self.on_rejected is not None:
                try:
                    await self.on_rejected(result)
                except Exception:  # telling must not stop the watching
                    log.exception("could not report a rejected knowledge edit")
        return result

    async def watch(self) -> None:
        """Reload on every change under the folder, until cancelled.

        Watching itself can fail (the folder deleted and made again, where the system's
        watch would stay silent; the system's watch limit): that is logged once, shown in
        ``watcher``, and watching starts again, reading what changed meanwhile.
        """
        trouble = ""
        while True:
            try:
                self._check_folder()
                self.watcher = f"watching since {datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
                trouble = ""
                async for changes in awatch(self.folder, debounce=300, recursive=True):
                    if any(_is_edit(Path(path)) for _, path in changes):
                        await self.reload()
                    self._check_folder()
                return  # pragma: no cover - awatch ends only when told to stop
            except asyncio.CancelledError:
                self.watcher = "stopped"
                raise
            except Exception as error:
                problem = one_line(f"{type(error).__name__}: {error}")
                self.watcher = f"not watching ({problem}); trying again every few seconds"
                if problem != trouble:
                    log.warning("knowledge watcher: %s", self.watcher)
                    trouble = problem
                await asyncio.sleep(WATCH_RETRY_SECONDS)
                if self.folder.is_dir():
                    await self.reload()

    def _check_folder(self) -> None:
        if not self.folder.is_dir():
            raise FileNotFoundError(f"the knowledge folder {self.folder} is gone")

    def _reload(self) -> ReloadResult:
        started = time.perf_counter()
        try:
            with gc_paused():
                report, reread = self._read_changes()
        except Exception as error:  # a bug or the disk: reported like a bad edit, never fatal
            log.exception("knowledge reload failed")
            message = f"reload failed: {type(error).__name__}: {error}"
            report, reread = LoadReport(None, (Problem(Location(".", 0), message),)), []
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

    def _read_changes(self) -> tuple[LoadReport, list[str]]:
        """Re-read the files whose content changed, assemble all, and swap in if it loads."""
        root = self.folder
        digests = self._scan()
        changed = [p for p, digest in digests.items()
                   if p not in self._cache or self._cache[p].digest != digest]  # fmt: skip
        for path, parsed_file in zip(changed, read_files(root, changed), strict=True):
            self._cache[path] = parsed_file
        for gone in set(self._cache) - set(digests):
            del self._cache[gone]
        report = assemble(self._cache[path] for path in digests)
        if report.knowledge is not None:
            engine = Engine(report.knowledge, self._index_cache)
            if self.assistant is None:
                self.assistant = Assistant(engine, self.clock)
            else:
                self.assistant.engine = engine  # one reference swap: atomic for readers
        return report, [self._cache[path].path for path in changed]

    def _scan(self) -> dict[Path, str]:
        """Each YAML file's content digest."""
        digests: dict[Path, str] = {}
        for path in find_files(self.folder):
            with contextlib.suppress(OSError):  # deleted after the walk: the next event
                digests[path] = file_digest(path)
        return digests


def _is_edit(path: Path) -> bool:
    """A change worth a reload: a YAML file or a folder (one renamed in brings files whose
    own events may not come), not an editor's scratch file."""
    name = path.name
    if name.startswith(".") or name.endswith(_SCRATCH):
        return False
    return path.suffix.lower() in YAML_SUFFIXES or not path.suffix


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
