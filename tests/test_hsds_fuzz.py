"""Whatever a 211 export holds, the import gives a report, never a crash, and writes either
a folder that loads or nothing: cells of the fixture package replaced at random (text,
numbers, odd characters, empty), and JSON records of the wrong shapes."""

from __future__ import annotations

import csv
import json
import shutil
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.knowledge.hsds.importer import import_hsds
from bot.knowledge.loader import load_report

PACKAGE = Path(__file__).parent / "fixtures" / "hsds" / "county211"
FILES = sorted(p.name for p in PACKAGE.glob("*.csv"))
ODD = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", "24:00:00", "25:61", "-1FR", "0SA", "MO,XX", "DAILY", "2025-13-01",
                     "off", "yes", "null", "#", ": x", "- y", "{a: 1}", "'", "\"", "\\n",
                     "\x00", "é" * 300, "9" * 30, "1e309", "NaN"]),
)  # fmt: skip
FUZZ = settings(max_examples=30, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])  # fmt: skip


@FUZZ
@given(edits=st.lists(st.tuples(st.sampled_from(FILES), st.integers(1, 40),  # data rows
                                st.integers(0, 25), ODD), min_size=1, max_size=6))  # fmt: skip
def test_any_cell_changed_imports_whole_or_not_at_all(tmp_path_factory, edits):
    work = tmp_path_factory.mktemp("fuzz")
    package = work / "package"
    shutil.copytree(PACKAGE, package)
    for file, row, column, value in edits:
        path = package / file
        with path.open(newline="", encoding="utf-8") as opened:
            rows = list(csv.reader(opened))
        target = rows[max(1, row % len(rows))] if len(rows) > 1 else rows[0]
        target[column % len(target)] = value
        with path.open("w", newline="", encoding="utf-8") as opened:
            csv.writer(opened).writerows(rows)
    report = import_hsds(package, work / "out", today=date(2025, 6, 1),
                         timezone="America/Chicago")  # fmt: skip
    if report.ok:
        assert load_report(work / "out").ok
    else:
        assert not (work / "out").exists()
        assert all(problem.isprintable() and len(problem) <= 300
                   for problem in report.problems), report.problems  # fmt: skip


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(records=st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(["id", "name", "status", "phones", "schedules",
                                       "service_at_locations", "location", "number",
                                       "opens_at", "byday", "organization", "attributes"]),
                      inner, max_size=6),
    max_leaves=25,
))  # fmt: skip
def test_json_of_any_shape_gets_a_report(tmp_path_factory, records):
    work = tmp_path_factory.mktemp("json")
    (work / "services.json").write_text(json.dumps(records), encoding="utf-8")
    report = import_hsds(work / "services.json", work / "out", today=date(2025, 6, 1))
    if report.ok:
        assert load_report(work / "out").ok
    else:
        assert not (work / "out").exists() and report.problems
