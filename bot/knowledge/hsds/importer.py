"""``python -m bot hsds import``: a 211's HSDS data into YAML files a coordinator edits.

A re-import updates what came from HSDS and keeps what coordinators changed or added. It
finds each resource again by its ``source`` (the HSDS ids) and merges field by field
against what the last import wrote (kept in ``.hsds-import.json`` beside the files): a
field still as the import wrote it takes the 211's new value; a field a coordinator edited
stays theirs (and a disagreement is reported); fields HSDS has no word for (admission
criteria beyond ages, aliases, comments) are never touched. Files are edited in place with
their comments. Nothing is written unless the whole result loads as a knowledge base.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from bot.knowledge.hsds.mapping import (
    KIND_GUESSED,
    SOURCE_PREFIX,
    Imported,
    map_services,
    still_unsaid,
)
from bot.knowledge.hsds.source import read_source
from bot.knowledge.loader import find_files, load_report
from bot.knowledge.model import one_line
from bot.knowledge.yamlsource import LineList, LineMap, YamlError, parse_yaml

SNAPSHOT = ".hsds-import.json"
# what the import owns: updated on re-import unless a coordinator changed it
OWNED = ("name", "kind", "summary", "details", "phone", "text", "url", "address", "area",
         "hours", "timezone", "languages", "verified", "source",
         "admission.min_age", "admission.max_age", "admission.notes")  # fmt: skip
ORDER = ("id", "name", "kind", "aliases", "summary", "details", "phone", "text", "url",
         "address", "area", "hours", "timezone", "admission", "services", "languages",
         "verified", "source", "example")  # fmt: skip
_MISSING = object()
PER_FILE = 250


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """libyaml's writer, with several-line text as a literal block, as people write it."""


def _text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


def _words(dumper: yaml.SafeDumper, items: list[Any]) -> yaml.SequenceNode:
    """A list of words on one line (``aliases: [CSU]``), as the knowledge base's examples."""
    flat = all(not isinstance(item, dict | list) for item in items)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=flat)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(list, _words)


@dataclass
class ImportReport:
    problems: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # coordinators' edits kept over the 211's
    gone: list[str] = field(default_factory=list)  # imported before, not in the data now
    left_out: list[str] = field(default_factory=list)
    review: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def text(self) -> str:
        if self.problems:
            return "\n".join([f"Nothing written: {len(self.problems)} problem(s).",
                              *self.problems])  # fmt: skip
        lines = [f"{len(self.added)} added, {len(self.updated)} updated, "
                 f"{len(self.written)} file(s) written."]  # fmt: skip
        lines += [f"kept your edit: {k}" for k in self.kept]
        lines += [f"no longer in the 211 data (left as is): {g}" for g in self.gone]
        lines += [f"left out: {x}" for x in self.left_out]
        if self.review:
            lines.append("To review:")
            lines += [f"• {rid}: {'; '.join(items)}" for rid, items in self.review.items()]
        return "\n".join(lines)


def import_hsds(
    source: Path, out: Path, *, today: date, timezone: str | None = None,
    area: str | None = None,
) -> ImportReport:  # fmt: skip
    report = ImportReport()
    read = read_source(source)
    mapped = map_services(read, today=today, timezone=timezone, area=area)
    report.problems = read.problems + mapped.problems
    report.left_out = mapped.left_out
    if not report.problems and not mapped.resources:  # the wrong file, most likely
        report.problems.append(f"{source}: no active service to import "
                               f"({len(read.tables['services'])} services read)")  # fmt: skip
    if report.problems:
        report.problems = [_one_line(problem) for problem in report.problems]
        return report
    existing = _existing(out, report)
    if report.problems:
        return report
    snapshot = _read_snapshot(out)
    found = {str(entry.get("source", "")): (path, entry) for path, file in existing.items()
             for entry in file.entries}  # fmt: skip
    edits: dict[Path, dict[str, list[tuple[str, Any]]]] = {}  # file -> entry id -> changes
    added: list[tuple[Imported, dict[str, Any]]] = []
    new_snapshot: dict[str, dict[str, Any]] = {}
    for imported in mapped.resources:
        ref = str(imported.fields["source"])
        if ref in found:
            path, entry = found[ref]
            rid = str(entry["id"])
            changes = _merge(entry, imported.fields, snapshot.get(rid, {}), report)
            if changes:
                report.updated.append(rid)
                edits.setdefault(path, {})[rid] = changes
                for change_path, value in changes:  # what the entry now says
                    _set(entry, change_path, value)
        else:
            entry = _new_entry(imported)
            added.append((imported, entry))
            report.added.append(imported.id)
            rid = imported.id
        new_snapshot[rid] = _owned(imported.fields)
        notes = imported.review if ref not in found else [  # a kind was reviewed at first
            note for note in imported.review if not note.startswith(KIND_GUESSED)
        ]  # fmt: skip
        if review := _review(notes, entry):
            report.review[rid] = review
    seen = {str(imported.fields["source"]) for imported in mapped.resources}
    report.gone = [str(entry["id"]) for ref, (_, entry) in found.items()
                   if ref.startswith(SOURCE_PREFIX) and ref not in seen]  # fmt: skip
    for rid in report.gone:  # keep what the last import said of them
        if rid in snapshot:
            new_snapshot[rid] = snapshot[rid]
    texts = {path: _edited(path, changes, existing[path].spans) for path, changes in edits.items()}
    texts.update(_new_files(out, added, report, taken=set(existing)))
    _write(out, texts, new_snapshot, today, report)
    return report


def _one_line(problem: str, limit: int = 300) -> str:
    """A problem as one printable line, however odd the value it quotes."""
    line = one_line(problem)
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _review(items: list[str], entry: dict[str, Any]) -> list[str]:
    unsaid = still_unsaid(entry)
    return [*items, *(["fill in what HSDS cannot say: " + ", ".join(unsaid)] if unsaid else [])]


@dataclass
class _File:
    """A YAML file already in the folder: its resource entries (plain data, read fast) and
    the lines each takes, so only the entries that change are rewritten."""

    entries: list[dict[str, Any]]
    spans: dict[str, tuple[int, int]] | None  # entry id -> (first line, end), 0-based


def _existing(out: Path, report: ImportReport) -> dict[Path, _File]:
    files: dict[Path, _File] = {}
    if not out.is_dir():
        return files
    for path in find_files(out):
        try:
            text = path.read_text(encoding="utf-8")
            doc = parse_yaml(text)
        except (YamlError, UnicodeDecodeError) as error:
            report.problems.append(f"{path}: not readable YAML ({error}); fix it before "
                                   "importing again")  # fmt: skip
            continue
        if isinstance(doc, dict) and isinstance(doc.get("resources"), list):
            files[path] = _File([e for e in doc["resources"] if isinstance(e, dict) and "id" in e],
                                _spans(doc, text))  # fmt: skip
    return files


def _spans(doc: LineMap, text: str) -> dict[str, tuple[int, int]] | None:
    """Each entry's lines: from its ``- id:`` line to the next entry, or to the next
    top-level key (or the end) for the last; None for a shape this cannot follow."""
    entries: LineList = doc["resources"]
    lines = text.splitlines()
    after = [line for key, line in doc.key_lines.items()
             if line > doc.key_lines["resources"]]  # fmt: skip
    last_end = min(after) - 1 if after else len(lines)
    while last_end > 0 and not lines[last_end - 1].strip():
        last_end -= 1  # blank lines before the next key stay outside the entry
    spans = {}
    for number, entry in enumerate(entries):
        start = entries.item_lines[number] - 1
        end = entries.item_lines[number + 1] - 1 if number + 1 < len(entries) else last_end
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            continue
        if not lines[start].lstrip().startswith("-"):
            return None
        spans[entry["id"]] = (start, max(end, start + 1))
    return spans


def _edited(path: Path, changes: dict[str, list[tuple[str, Any]]],
            spans: dict[str, tuple[int, int]] | None) -> str:  # fmt: skip
    """``path`` with each entry's ``changes`` made in place. Only the entries that change
    are rewritten (each through a round-trip YAML editor, which keeps their comments and
    order); every other line of the file stays as it was."""
    text = path.read_text(encoding="utf-8")
    if spans is None:  # a shape the spans cannot follow: edit the whole file
        return _edit_text(text, changes)
    lines = text.splitlines(keepends=True)
    for entry_id, (start, end) in sorted(spans.items(), key=lambda s: -s[1][0]):
        if entry_id in changes:
            piece = _edit_text("".join(lines[start:end]), {entry_id: changes[entry_id]})
            lines[start:end] = piece.splitlines(keepends=True)
    return "".join(lines)


def _edit_text(text: str, changes: dict[str, list[tuple[str, Any]]]) -> str:
    editor = _round_trip()
    doc = editor.load(text)
    entries = doc["resources"] if isinstance(doc, dict) else doc
    for entry in entries:
        for change_path, value in changes.get(str(entry.get("id")), []):
            _set(entry, change_path, _yaml_value(value, change_path.rsplit(".", 1)[-1]))
    buffer = io.StringIO()
    editor.dump(doc, buffer)
    return buffer.getvalue()


def _new_files(out: Path, added: list[tuple[Imported, dict[str, Any]]], report: ImportReport,
               taken: set[Path]) -> dict[Path, str]:  # fmt: skip
    """New entries, a file per organization (of at most ``PER_FILE`` entries, so a later
    edit rewrites a small file), each entry under a comment of what to review."""
    by_file: dict[str, list[tuple[Imported, dict[str, Any]]]] = {}
    for imported, entry in added:
        by_file.setdefault(imported.file, []).append((imported, entry))
    texts = {}
    for name, entries in by_file.items():
        for start in range(0, len(entries), PER_FILE):
            path = _free_name(out, name, taken)
            taken.add(path)
            chunks = ["resources:\n"]
            for imported, entry in entries[start : start + PER_FILE]:
                chunks += [f"  # review: {item}\n" for item in report.review.get(imported.id, [])]
                dumped = yaml.dump([entry], Dumper=_Dumper, sort_keys=False,
                                   allow_unicode=True, width=4096, indent=2)  # fmt: skip
                chunks.append("".join(f"  {line}\n" if line else "\n"
                                      for line in dumped.splitlines()))  # fmt: skip
            texts[path] = "".join(chunks)
    return texts


def _free_name(out: Path, name: str, taken: set[Path]) -> Path:
    stem, number = name.removesuffix(".yaml"), 1
    path = out / name
    while path in taken or path.exists():
        number += 1
        path = out / f"{stem}-{number}.yaml"
    return path


def _round_trip() -> YAML:
    editor = YAML()  # round trip: comments, order and quoting of hand edits survive
    editor.indent(mapping=2, sequence=4, offset=2)
    editor.width = 4096  # a long line stays one line: no trailing spaces, no split ids
    editor.preserve_quotes = True
    return editor


def _new_entry(imported: Imported) -> dict[str, Any]:
    return {key: imported.fields[key] for key in ORDER if key in imported.fields}


# words the knowledge base's YAML 1.1 reader would take for true or false
_BOOLEAN_WORDS = frozenset({"yes", "no", "on", "off", "y", "n", "true", "false"})


def _yaml_value(value: Any, key: str = "") -> Any:
    """A value to put into a round-trip document, written as a coordinator would."""
    if value is _MISSING:
        return value
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    if isinstance(value, str) and (key == "hours" or value.lower() in _BOOLEAN_WORDS):
        return DoubleQuotedScalarString(value)  # hours: "off" is closed, not false
    if isinstance(value, list):
        seq = CommentedSeq(value)
        seq.fa.set_flow_style()
        return seq
    if isinstance(value, dict):
        return CommentedMap((k, _yaml_value(v, k)) for k, v in value.items())
    return value


def _merge(entry: dict[str, Any], fields: dict[str, Any], base: dict[str, Any],
           report: ImportReport) -> list[tuple[str, Any]]:  # fmt: skip
    """What to change in ``entry`` to bring it to the 211's ``fields`` where a coordinator
    has not changed it since the last import (``base``): (path, value or _MISSING)."""
    changes = []
    for path in OWNED:
        ours, theirs = _plain(_get(entry, path)), _plain(_get(fields, path))
        before = base.get(path, _MISSING)
        if ours == theirs:
            continue
        if ours == before:  # as the last import wrote it (or absent both times)
            changes.append((path, _get(fields, path)))
        elif theirs != before:
            shown = "(none)" if theirs is _MISSING else theirs
            report.kept.append(f"{entry['id']} {path} (the 211 now says {shown})")
    return changes


def _get(mapping: Any, path: str) -> Any:
    for key in path.split("."):
        if not isinstance(mapping, dict) or key not in mapping:
            return _MISSING
        mapping = mapping[key]
    return mapping


def _set(entry: dict[str, Any], path: str, value: Any) -> None:
    *parents, key = path.split(".")
    target = entry
    for parent in parents:
        if parent not in target:
            if value is _MISSING:
                return
            _insert(target, parent, CommentedMap() if isinstance(target, CommentedMap) else {})
        target = target[parent]
    if value is _MISSING:
        target.pop(key, None)
    elif key in target:
        target[key] = value
    else:
        _insert(target, key, value)


def _insert(entry: dict[str, Any], key: str, value: Any) -> None:
    """Add ``key`` where the contract's order puts it among the keys there."""
    if not isinstance(entry, CommentedMap):
        entry[key] = value
        return
    rank = ORDER.index(key) if key in ORDER else len(ORDER)
    position = sum(1 for k in entry if (ORDER.index(k) if k in ORDER else len(ORDER)) < rank)
    entry.insert(position, key, value)


def _owned(fields: dict[str, Any]) -> dict[str, Any]:
    return {path: _plain(value) for path in OWNED
            if (value := _get(fields, path)) is not _MISSING}  # fmt: skip


def _plain(value: Any) -> Any:
    """``value`` as JSON would keep it, so a loaded edit compares with a snapshot."""
    if value is _MISSING or value is None or isinstance(value, str | int | float | bool):
        return value
    return json.loads(json.dumps(value, default=str))


def _read_snapshot(out: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads((out / SNAPSHOT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # none (first import) or spoiled: every present field counts as an edit
    return data if isinstance(data, dict) else {}


def _write(out: Path, texts: dict[Path, str], snapshot: dict[str, Any], today: date,
           report: ImportReport) -> None:  # fmt: skip
    """Check the result loads as a knowledge base, in a scratch copy, then write it."""
    scratch = Path(tempfile.mkdtemp(prefix="hsds-import-"))
    try:
        if not texts:  # no file changes: the folder loads as well as it did
            return _replace(out / SNAPSHOT, json.dumps(snapshot, indent=1, sort_keys=True) + "\n")
        if out.is_dir():
            shutil.copytree(out, scratch, dirs_exist_ok=True)
        for path, text in texts.items():
            target = scratch / path.relative_to(out)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        loaded = load_report(scratch, today=today)
        if not loaded.ok:
            report.problems = [f"the result would not load: {p}" for p in loaded.errors]
            return
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    for path, text in texts.items():
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        _replace(path, text)
        report.written.append(path)
    _replace(out / SNAPSHOT, json.dumps(snapshot, indent=1, sort_keys=True) + "\n")


def _replace(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all (a reader never sees half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w", encoding="utf-8") as opened:
        opened.write(text)
    if path.exists():
        shutil.copymode(path, temporary)
    else:  # as a new file would be made, not mkstemp's owner-only
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)
    os.replace(temporary, path)
