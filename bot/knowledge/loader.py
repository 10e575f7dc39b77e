"""Loading a knowledge folder: read each file on its own, then assemble and check the whole.

Files are parsed independently (``read_file``) so a caller can re-read only what changed and
``assemble`` again; assembly checks what spans files (unique ids, one ``defaults``) and
produces either a complete ``KnowledgeBase`` or the full list of errors, never half of one.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from bot.knowledge.entries import (
    read_defaults,
    read_faq,
    read_glossary_term,
    read_resource,
    read_section,
)
from bot.knowledge.fields import describe, suggest
from bot.knowledge.isolation import read_isolated
from bot.knowledge.model import Defaults, Entry, KnowledgeBase, Location, Problem
from bot.knowledge.yamlsource import LineList, LineMap, YamlError, parse_yaml

STALE_AFTER = timedelta(days=365)
# Below this much YAML, starting worker processes costs more than it saves.
PARALLEL_FROM_BYTES = 2 * 2**20
MAX_WORKERS = 8
MAX_FILE_BYTES = 64 * 1024 * 1024
YAML_SUFFIXES = (".yaml", ".yml")

_READERS: dict[str, Callable[[LineMap, str, list[Problem]], Entry | None]] = {
    "resources": read_resource,
    "sections": read_section,
    "faqs": read_faq,
    "glossary": read_glossary_term,
}
TOP_LEVEL_KEYS = ("defaults", *_READERS)


class KnowledgeError(Exception):
    """The folder could not be loaded; ``errors`` lists every problem found."""

    def __init__(self, errors: Sequence[Problem]) -> None:
        self.errors = tuple(errors)
        first = str(errors[0]) if errors else "unknown problem"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(f"knowledge base not loaded: {first}{more}")


@dataclass(frozen=True)
class ParsedFile:
    """One YAML file's entries and problems, independent of every other file."""

    path: str
    digest: str
    entries: tuple[Entry, ...] = ()
    defaults: Defaults | None = None
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class LoadReport:
    """The outcome of a load: ``knowledge`` is None exactly when there are errors."""

    knowledge: KnowledgeBase | None
    errors: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.knowledge is not None


def find_files(root: Path) -> list[Path]:
    """Every YAML file under ``root``, recursively, in a stable order; hidden folders skipped.

    A folder deleted while the tree is walked is skipped, not an error: another tool may be
    unpacking or cleaning up inside the knowledge folder.
    """
    found: list[Path] = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        found.extend(
            Path(folder, name)
            for name in names
            if not name.startswith(".") and Path(name).suffix.lower() in YAML_SUFFIXES
        )
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def read_file(root: Path, path: Path) -> ParsedFile:
    """Read and validate one file; problems carry its path relative to ``root``."""
    name = path.relative_to(root).as_posix()
    try:
        raw = _read_bytes(path)
    except OSError as error:
        return ParsedFile(name, "", problems=(Problem(Location(name, 1), f"cannot read: {error}"),))
    digest = hashlib.sha1(raw).hexdigest()
    if len(raw) > MAX_FILE_BYTES:
        message = f"file is larger than {MAX_FILE_BYTES // 2**20} MiB; split it"
        return ParsedFile(name, digest, problems=(Problem(Location(name, 1), message),))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        message = "not UTF-8 text; save the file as UTF-8"
        return ParsedFile(name, digest, problems=(Problem(Location(name, line), message),))
    try:
        document = parse_yaml(text)
    except YamlError as error:
        return ParsedFile(
            name, digest, problems=(Problem(Location(name, error.line), error.message),)
        )
    return _read_document(name, digest, document)


def _read_bytes(path: Path) -> bytes:
    """At most one byte past the limit: a 1.5 GB file is not read whole to be refused."""
    with path.open("rb") as file:
        return file.read(MAX_FILE_BYTES + 1)


def file_digest(path: Path) -> str:
    """The digest ``read_file`` gives the same content: what tells an edit from none."""
    return hashlib.sha1(_read_bytes(path)).hexdigest()


def _read_document(name: str, digest: str, document: object) -> ParsedFile:
    problems: list[Problem] = []
    if document is None:
        problems.append(Problem(Location(name, 1), "file is empty", "warning"))
        return ParsedFile(name, digest, problems=tuple(problems))
    if not isinstance(document, LineMap):
        message = f"the file must be a mapping with keys {', '.join(TOP_LEVEL_KEYS)}"
        return ParsedFile(name, digest, problems=(Problem(Location(name, 1), message),))
    entries: list[Entry] = []
    defaults: Defaults | None = None
    for key, value in document.items():
        where = Location(name, document.key_lines[key])
        if key == "defaults":
            if isinstance(value, LineMap):
                defaults = read_defaults(value, name, problems)
            else:
                problems.append(Problem(where, "defaults must be a mapping"))
        elif key in _READERS:
            entries.extend(_read_list(key, value, where, problems))
        else:
            hint = suggest(str(key), TOP_LEVEL_KEYS)
            advice = f"did you mean {hint}?" if hint else f"use {', '.join(TOP_LEVEL_KEYS)}"
            problems.append(Problem(where, f"unknown top-level key {describe(key)} — {advice}"))
    return ParsedFile(name, digest, tuple(entries), defaults, tuple(problems))


def _read_list(key: str, value: object, where: Location, problems: list[Problem]) -> list[Entry]:
    if value is None:
        return []
    if not isinstance(value, LineList):
        problems.append(Problem(where, f"{key} must be a list of entries (each starting with -)"))
        return []
    reader = _READERS[key]
    entries: list[Entry] = []
    for item, line in zip(value, value.item_lines, strict=True):
        if not isinstance(item, LineMap):
            problems.append(
                Problem(
                    Location(where.file, line), f"each item in {key} must be a mapping of fields"
                )
            )
            continue
        entry = reader(item, where.file, problems)
        if entry is not None:
            entries.append(entry)
    return entries


def assemble(files: Iterable[ParsedFile], *, today: date | None = None) -> LoadReport:
    """Check what spans files and build the knowledge base, or report every error."""
    files = sorted(files, key=lambda f: f.path)
    problems = [p for f in files for p in f.problems]
    if not files:
        problems.append(Problem(Location(".", 0), "no .yaml or .yml files found"))
    defaults = _one_defaults(files, problems)
    entries = _unique_entries(files, problems)
    problems.extend(_freshness_warnings(entries, defaults, today or date.today()))
    errors = tuple(p for p in problems if p.severity == "error")
    warnings = tuple(p for p in problems if p.severity == "warning")
    if errors:
        return LoadReport(None, errors, warnings)
    version = hashlib.sha1("".join(f"{f.path}\0{f.digest}\n" for f in files).encode()).hexdigest()
    knowledge = KnowledgeBase(
        entries=tuple(entries),
        defaults=defaults,
        files=tuple(f.path for f in files),
        warnings=warnings,
        version=version[:12],
    )
    return LoadReport(knowledge, (), warnings)


def load_report(root: str | Path, *, today: date | None = None) -> LoadReport:
    """Load every YAML file under ``root``; never raises for bad content."""
    root = Path(root)
    if not root.is_dir():
        return LoadReport(None, (Problem(Location(str(root), 0), "knowledge folder not found"),))
    with gc_paused():
        return assemble(read_files(root, find_files(root)), today=today)


def read_files(root: Path, paths: Sequence[Path], workers: int | None = None) -> list[ParsedFile]:
    """``read_file`` for each path, in worker processes (see ``isolation``): a parser fault,
    a runaway or a memory bomb is a ``file:1`` problem, not a dead bot. A large knowledge
    base is read on every core."""
    if not paths:
        return []
    if workers is None:
        workers = min(os.cpu_count() or 1, len(paths), MAX_WORKERS)
        if _total_size(paths) < PARALLEL_FROM_BYTES:
            workers = 1
    return read_isolated(root, paths, workers)


def failed_file(root: Path, path: Path, message: str) -> ParsedFile:
    """A file that could not be read at all, with why."""
    name = path.relative_to(root).as_posix()
    return ParsedFile(name, "", problems=(Problem(Location(name, 1), message),))


def _total_size(paths: Sequence[Path]) -> int:
    total = 0
    for path in paths:
        with contextlib.suppress(OSError):
            total += path.stat().st_size
    return total


@contextmanager
def gc_paused() -> Iterator[None]:
    """Parsing makes millions of short-lived, acyclic objects; cyclic GC passes over them are
    wasted work (about a third of a 10,000-resource load)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_knowledge(root: str | Path, *, today: date | None = None) -> KnowledgeBase:
    """Load ``root`` or raise ``KnowledgeError`` listing every error."""
    report = load_report(root, today=today)
    if report.knowledge is None:
        raise KnowledgeError(report.errors)
    return report.knowledge


def _one_defaults(files: Sequence[ParsedFile], problems: list[Problem]) -> Defaults:
    with_defaults = [f for f in files if f.defaults is not None]
    for extra in with_defaults[1:]:
        first = with_defaults[0].defaults
        assert first is not None and first.where is not None and extra.defaults is not None
        problems.append(
            Problem(
                extra.defaults.where or Location(extra.path, 1),
                f"defaults is already set in {first.where}; only one file may set defaults",
            )
        )
    if with_defaults and with_defaults[0].defaults is not None:
        return with_defaults[0].defaults
    return Defaults()


def _unique_entries(files: Sequence[ParsedFile], problems: list[Problem]) -> list[Entry]:
    seen: dict[str, Entry] = {}
    entries: list[Entry] = []
    for entry in (e for f in files for e in f.entries):
        first = seen.get(entry.id)
        if first is not None:
            problems.append(
                Problem(entry.where, f'duplicate id "{entry.id}" (first used at {first.where})')
            )
            continue
        seen[entry.id] = entry
        entries.append(entry)
    return entries


def _freshness_warnings(entries: Sequence[Entry], defaults: Defaults, today: date) -> list[Problem]:
    warnings: list[Problem] = []
    for entry in entries:
        if entry.type != "resource":
            continue
        if entry.verified is None:
            warnings.append(Problem(entry.where, f"{entry.id}: no verified date", "warning"))
        elif today - entry.verified > STALE_AFTER:
            age = (today - entry.verified).days
            message = f"{entry.id}: verified {entry.verified} is {age} days old; check it again"
            warnings.append(Problem(entry.where, message, "warning"))
        elif entry.verified > today:
            message = f"{entry.id}: verified date {entry.verified} is in the future"
            warnings.append(Problem(entry.where, message, "warning"))
        if entry.kind == "crisis_center" and entry.admission is None:
            message = f"{entry.id}: crisis_center without admission criteria"
            warnings.append(Problem(entry.where, message, "warning"))
        if entry.hours is not None and entry.timezone is None and defaults.timezone is None:
            message = f"{entry.id}: hours without a time zone; set defaults.timezone (assuming UTC)"
            warnings.append(Problem(entry.where, message, "warning"))
    return warnings
