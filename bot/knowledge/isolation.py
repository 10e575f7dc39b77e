"""Reading knowledge files in worker processes, so that a parser fault is a report.

libyaml is C code: a file it cannot cope with may crash the process reading it (one build
segfaulted on 30,000 nested brackets), or eat its memory or time. Files are read in worker
processes started from a clean server process (multiprocessing's forkserver, safe beside
the bot's threads), each with its address space capped, one file at a time, each result
sent back as soon as it is ready. A worker that dies or runs past the time allowed for one
file is stopped, the file it was on is reported as the cause (``file:1: ...``), and a fresh
worker reads the rest.
"""

from __future__ import annotations

import logging
import multiprocessing
import resource
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the loader imports this module
    from bot.knowledge.loader import ParsedFile

log = logging.getLogger(__name__)

MEMORY_LIMIT_BYTES = 2 * 2**30
SECONDS_PER_FILE = 30.0

_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["bot.knowledge.loader"])


def read_isolated(
    root: Path,
    paths: Sequence[Path],
    workers: int = 1,
    *,
    seconds_per_file: float = SECONDS_PER_FILE,
    memory_bytes: int = MEMORY_LIMIT_BYTES,
) -> list[ParsedFile]:
    """``read_file`` for each path, in ``workers`` processes; same order as ``paths``.

    If the system will not start a process (a process limit, no shared memory), the files
    are read here instead, unprotected but read: better than no knowledge base at all.
    """
    results: dict[int, ParsedFile] = {}
    limits = (seconds_per_file, memory_bytes)
    try:
        active = [
            _Worker.start(root, paths, list(range(first, len(paths), workers)), limits)
            for first in range(min(workers, len(paths)))
        ]
    except OSError as error:
        from bot.knowledge.loader import read_file

        log.warning("cannot start a worker process (%s); reading knowledge files here", error)
        return [read_file(root, path) for path in paths]
    while active:
        soonest = min(worker.deadline for worker in active)
        ready = wait([w.connection for w in active], timeout=max(0.0, soonest - time.monotonic()))
        still: list[_Worker] = []
        for worker in active:
            if worker.connection in ready:
                worker.receive(results, paths)
            elif time.monotonic() >= worker.deadline:
                worker.fail(results, paths, f"reading took more than {seconds_per_file:.0f} s")
            if worker.left:
                still.append(worker if worker.alive else worker.restarted(paths, limits))
            else:
                worker.stop()
        active = still
    return [results[index] for index in range(len(paths))]


@contextmanager
def _main_not_rerun() -> Iterator[None]:
    """A new worker re-runs the parent's main script by path before it reads anything, so a
    script without an ``if __name__ == "__main__"`` guard (or code piped to ``python -``)
    would load the knowledge base again in each worker, forever. The worker needs nothing
    from it: while it starts, the main module has no path to re-run. A main module run with
    ``-m`` is imported by name instead, which is harmless."""
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    hidden = main is not None and path is not None and getattr(main, "__spec__", None) is None
    if hidden:
        del main.__file__  # type: ignore[union-attr]
    try:
        yield
    finally:
        if hidden:
            main.__file__ = path  # type: ignore[union-attr]


@dataclass
class _Worker:
    process: BaseProcess
    connection: Connection
    left: list[int]  # indices of the files still to read, the first being read now
    deadline: float
    seconds: float
    root: Path
    alive: bool = True

    @classmethod
    def start(
        cls, root: Path, paths: Sequence[Path], indices: list[int], limits: tuple[float, int]
    ) -> _Worker:
        receiving, sending = _CONTEXT.Pipe(duplex=False)
        process = _CONTEXT.Process(
            target=_read_in_worker, args=(root, paths, indices, sending, limits[1]), daemon=True
        )
        try:
            with _main_not_rerun():
                process.start()
        except OSError:
            receiving.close()
            raise
        finally:
            sending.close()  # the worker holds its own end
        return cls(process, receiving, indices, time.monotonic() + limits[0], limits[0], root)

    def receive(self, results: dict[int, ParsedFile], paths: Sequence[Path]) -> None:
        try:
            index, parsed = self.connection.recv()
        except (EOFError, OSError):
            self.process.join(5)
            code = self.process.exitcode
            how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
            self.fail(results, paths, f"the YAML reader crashed on this file ({how})")
            return
        results[index] = parsed
        self.left.remove(index)
        self.deadline = time.monotonic() + self.seconds

    def fail(self, results: dict[int, ParsedFile], paths: Sequence[Path], message: str) -> None:
        """The file being read is the cause: report it, stop this worker."""
        from bot.knowledge.loader import failed_file

        index = self.left.pop(0)
        results[index] = failed_file(self.root, paths[index], message)
        self.stop()
        self.alive = False

    def restarted(self, paths: Sequence[Path], limits: tuple[float, int]) -> _Worker:
        """A fresh worker for the files this one had left."""
        return _Worker.start(self.root, paths, self.left, limits)

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.connection.close()


def _read_in_worker(
    root: Path, paths: Sequence[Path], indices: list[int], connection: Connection, memory: int
) -> None:
    from bot.knowledge.loader import failed_file, gc_paused, read_file

    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        memory = min(memory, hard)  # never above what this process was given
    resource.setrlimit(resource.RLIMIT_AS, (memory, hard))
    with gc_paused():
        for index in indices:
            try:
                parsed = read_file(root, paths[index])
            except MemoryError:
                limit = memory // 2**20
                parsed = failed_file(root, paths[index], f"reading it needs more than {limit} MiB")
            connection.send((index, parsed))
    connection.close()
