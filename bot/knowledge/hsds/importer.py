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

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from bot.knowledge.hsds.mapping import SOURCE_PREFIX, Imported, map_services, still_unsaid
from bot.knowledge.hsds.source import read_source
from bot.knowledge.loader import find_files, load_report

SNAPSHOT = ".hsds-import.json"
# what the import owns: updated on re-import unless a coordinator changed it
OWNED = ("name", "kind", "summary", "details", "phone", "text", "url", "address", "area",
         "hours", "timezone", "languages", "verified", "source",
         "admission.min_age", "admission.max_age", "admission.notes")  # fmt: skip
ORDER = ("id", "name", "kind", "aliases", "summary", "details", "phone", "text", "url",
         "address", "area", "hours", "timezone", "admission", "services", "languages",
         "verified", "source", "example")  # fmt: skip
_MISSING = object()


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
    if report.problems:
        return report
    yaml = _yaml()
    files = _existing(out, yaml, report)
    if report.problems:
        return report
    snapshot = _read_snapshot(out)
    found = {str(entry.get("source", "")): (path, entry) for path, doc in files.items()
             for entry in _resources(doc)}  # fmt: skip
    seen: set[str] = set()
    touched: set[Path] = set()
    new_snapshot: dict[str, dict[str, Any]] = {}
    for imported in mapped.resources:
        ref = str(imported.fields["source"])
        seen.add(ref)
        if ref in found:
            path, entry = found[ref]
            changed = _merge(entry, imported.fields, snapshot.get(str(entry["id"]), {}), report)
            if changed:
                report.updated.append(str(entry["id"]))
                touched.add(path)
            rid = str(entry["id"])
        else:
            entry = _new_entry(imported)
            path = out / imported.file
            doc = files.setdefault(path, CommentedMap(resources=CommentedSeq()))
            entries = doc.setdefault("resources", CommentedSeq())
            entries.append(entry)
            review = _review(imported.review, entry)
            if review:  # in the file too, where the coordinator fills it in
                note = "\n".join(f"review: {item}" for item in review)
                entries.yaml_set_comment_before_after_key(len(entries) - 1, before=note,
                                                          indent=2)  # fmt: skip
            report.added.append(imported.id)
            touched.add(path)
            rid = imported.id
        new_snapshot[rid] = _owned(imported.fields)
        if review := _review(imported.review, entry):
            report.review[rid] = review
    report.gone = [str(entry["id"]) for ref, (_, entry) in found.items()
                   if ref.startswith(SOURCE_PREFIX) and ref not in seen]  # fmt: skip
    for rid in report.gone:  # keep what the last import said of them
        if rid in snapshot:
            new_snapshot[rid] = snapshot[rid]
    _write(out, {path: files[path] for path in touched}, yaml, new_snapshot, today, report)
    return report


def _review(items: list[str], entry: dict[str, Any]) -> list[str]:
    unsaid = still_unsaid(entry)
    return [*items, *(["fill in what HSDS cannot say: " + ", ".join(unsaid)] if unsaid else [])]


def _yaml() -> YAML:
    yaml = YAML()  # round trip: comments, order and quoting of hand edits survive
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # a long line stays one line: no trailing spaces, no split ids
    yaml.preserve_quotes = True
    return yaml


def _existing(out: Path, yaml: YAML, report: ImportReport) -> dict[Path, Any]:
    """The YAML files already in ``out`` that hold resources, as editable documents."""
    files: dict[Path, Any] = {}
    if not out.is_dir():
        return files
    for path in find_files(out):
        try:
            doc = yaml.load(path.read_text(encoding="utf-8"))
        except Exception as error:  # ruamel raises many kinds; the file is the problem
            report.problems.append(f"{path}: not readable YAML ({type(error).__name__}); "
                                   "fix it before importing again")  # fmt: skip
            continue
        if isinstance(doc, dict) and isinstance(doc.get("resources"), list):
            files[path] = doc
    return files


def _resources(doc: Any) -> list[CommentedMap]:
    return [e for e in doc.get("resources", []) if isinstance(e, dict) and "id" in e]


def _new_entry(imported: Imported) -> CommentedMap:
    entry = CommentedMap()
    for key in ORDER:
        if key in imported.fields:
            entry[key] = _yaml_value(imported.fields[key], key)
    return entry


# words the knowledge base's YAML 1.1 reader would take for true or false
_BOOLEAN_WORDS = frozenset({"yes", "no", "on", "off", "y", "n", "true", "false"})


def _yaml_value(value: Any, key: str = "") -> Any:
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    if isinstance(value, str) and (key == "hours" or value.lower() in _BOOLEAN_WORDS):
        return DoubleQuotedScalarString(value)  # hours: "off" is closed, not false
    if isinstance(value, list):
        seq = CommentedSeq(value)
        seq.fa.set_flow_style()
        return seq
    if isinstance(value, dict):
        return CommentedMap((k, _yaml_value(v)) for k, v in value.items())
    return value


def _merge(entry: CommentedMap, fields: dict[str, Any], base: dict[str, Any],
           report: ImportReport) -> bool:  # fmt: skip
    """Bring ``entry`` to the 211's ``fields`` where a coordinator has not changed it since
    the last import (``base``); whether anything changed."""
    changed = False
    for path in OWNED:
        ours, theirs = _get(entry, path), _get(fields, path)
        before = base.get(path, _MISSING)
        if _plain(ours) == _plain(theirs):
            continue
        if _plain(ours) == before:  # as the last import wrote it (or absent both times)
            _set(entry, path, theirs)
            changed = True
        elif _plain(theirs) != before:
            shown = "(none)" if theirs is _MISSING else _plain(theirs)
            report.kept.append(f"{entry['id']} {path} (the 211 now says {shown})")
    return changed


def _get(mapping: Any, path: str) -> Any:
    for key in path.split("."):
        if not isinstance(mapping, dict) or key not in mapping:
            return _MISSING
        mapping = mapping[key]
    return mapping


def _set(entry: CommentedMap, path: str, value: Any) -> None:
    *parents, key = path.split(".")
    target = entry
    for parent in parents:
        if parent not in target:
            if value is _MISSING:
                return
            _insert(target, parent, CommentedMap())
        target = target[parent]
    if value is _MISSING:
        target.pop(key, None)
    elif key in target:
        target[key] = _yaml_value(value, key)
    else:
        _insert(target, key, _yaml_value(value, key))


def _insert(entry: CommentedMap, key: str, value: Any) -> None:
    """Add ``key`` where the contract's order puts it among the keys there."""
    rank = ORDER.index(key) if key in ORDER else len(ORDER)
    position = sum(1 for k in entry if (ORDER.index(k) if k in ORDER else len(ORDER)) < rank)
    entry.insert(position, key, value)


def _owned(fields: dict[str, Any]) -> dict[str, Any]:
    return {path: _plain(value) for path in OWNED
            if (value := _get(fields, path)) is not _MISSING}  # fmt: skip


def _plain(value: Any) -> Any:
    """``value`` as JSON would keep it, so a loaded edit compares with a snapshot."""
    if value is _MISSING:
        return _MISSING
    return json.loads(json.dumps(value, default=str))


def _read_snapshot(out: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads((out / SNAPSHOT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # none (first import) or spoiled: every present field counts as an edit
    return data if isinstance(data, dict) else {}


def _write(out: Path, files: dict[Path, Any], yaml: YAML, snapshot: dict[str, Any],
           today: date, report: ImportReport) -> None:  # fmt: skip
    """Check the result loads as a knowledge base, in a scratch copy, then write it."""
    texts = {}
    for path, doc in files.items():
        buffer = io.StringIO()
        yaml.dump(doc, buffer)
        texts[path] = buffer.getvalue()
    scratch = Path(tempfile.mkdtemp(prefix="hsds-import-"))
    try:
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
