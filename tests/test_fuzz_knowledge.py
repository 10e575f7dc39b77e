"""Fuzzing: a real knowledge folder, mutated the way careless or hostile edits mutate files.

Whatever the edit, loading ends in a knowledge base or in one-line ``file:line`` problems,
never an exception, in bounded time; through the real CLI, ``validate`` exits 0 or 1
with no traceback under a memory cap. Hypothesis runs a fixed number of derandomised
examples so CI is repeatable; ``FUZZ_EXAMPLES=500`` runs more.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.knowledge.loader import load_report
from bot.search.engine import Engine
from tests.conftest import ROOT, at, run_bot

SOURCE = ROOT / "tests" / "fixtures" / "heldout" / "kb"
FILES = sorted(p.relative_to(SOURCE).as_posix() for p in SOURCE.rglob("*.y*ml"))
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
ONE_LINE_PROBLEM = re.compile(r"^[^\n]+:\d+: [^\n]+$")

# Pieces hostile or careless edits put into YAML: odd tags, anchors, brackets, control
# characters, huge numbers, tabs, unbalanced quotes, keys of the wrong shape.
FRAGMENTS = [
    "!!timestamp not-a-date", "!!bool maybe", "!!int 0xZZ", "!!float x", "!!binary ====",
    "!!python/object:os.system {}", "&a [*a]", "*nowhere", "<<: {a: 1}", "[" * 80, "{" * 80,
    "]", "}", "\t", "\x00", "\x1b[31m", "'", '"', "|", ">-", "? ", "- ", ": ", "#", "%YAML 1.1",
    "---", "...", "9" * 400, "-1", "1e999", "0.15", "yes", "~", "null", "24/7",
    "Mo-Su 00:00-24:00", "Mo-Fx 25:00-26:00", "\u202e", "x" * 3000, "kind: crisis_center",
    "admission: {min_age: 200}", "id: Bad Id", "hours: [1, 2]",
]  # fmt: skip


@st.composite
def mutations(draw: st.DrawFn) -> list[tuple[str, str, int, str]]:
    """A few edits: (file, how, where, what)."""
    edits = []
    for _ in range(draw(st.integers(1, 4))):
        file = draw(st.sampled_from(FILES))
        how = draw(st.sampled_from(["insert", "replace", "delete", "duplicate", "truncate"]))
        where = draw(st.integers(0, 10_000))
        what = draw(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)))
        edits.append((file, how, where, what))
    return edits


def mutated_folder(base: Path, edits: list[tuple[str, str, int, str]]) -> Path:
    folder = base / f"kb{time.monotonic_ns()}"
    shutil.copytree(SOURCE, folder)
    for file, how, where, what in edits:
        path = folder / file
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines(keepends=True)
        line = where % max(1, len(lines))
        if how == "insert":
            cut = where % max(1, len(text))
            text = text[:cut] + what + text[cut:]
        elif how == "replace" and lines:
            head, colon, _ = lines[line].partition(": ")
            lines[line] = f"{head}{colon}{what}\n" if colon else lines[line]
            text = "".join(lines)
        elif how in ("delete", "replace"):
            text = "".join(lines[:line] + lines[line + 1 :])
        elif how == "duplicate":
            text = "".join(lines[: line + 1] + lines[line:])
        else:
            text = text[: where % max(1, len(text))]
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return folder


FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(edits=mutations())
def test_any_edit_loads_or_is_reported_in_one_line_problems(tmp_path, edits):
    folder = mutated_folder(tmp_path, edits)
    started = time.monotonic()
    report = load_report(folder)
    for problem in (*report.errors, *report.warnings):
        assert ONE_LINE_PROBLEM.match(str(problem)), str(problem)
    if report.knowledge is not None:  # what loads can be indexed and asked, quickly
        engine = Engine(report.knowledge)
        engine.answer("where can i take a drunk 16yo at 2am", at=at("2026-12-03 02:00"))
    assert time.monotonic() - started < 20
    shutil.rmtree(folder)


@settings(FUZZ, max_examples=max(4, EXAMPLES // 6))
@given(edits=mutations())
def test_validate_exits_0_or_1_without_a_traceback_under_a_memory_cap(tmp_path, edits):
    folder = mutated_folder(tmp_path, edits)
    done = run_bot("validate", str(folder), memory_mb=1024)
    assert done.returncode in (0, 1), done.stderr[-2000:]
    assert "Traceback" not in done.stdout + done.stderr
    problems = [line for line in done.stdout.splitlines() if ".y" in line.split(":")[0]]
    assert all(ONE_LINE_PROBLEM.match(line) for line in problems), problems
    shutil.rmtree(folder)
