"""Benchmark: what hostile or careless input costs now (issue 8's cases).

    .venv/bin/python bench/bench_hostile.py

Prints, for each case, the time (and memory where it was the problem) the bot spends on
it. Figures, not pass/fail; the behaviour itself is tested in tests/test_hostile_*.py.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import machine_speed
from bot.knowledge.hours import parse_hours
from bot.knowledge.loader import load_report, read_file
from bot.privacy import redact
from bot.search.engine import Engine

ROOT = Path(__file__).resolve().parent.parent


def timed(action, repeat: int = 1) -> float:
    """Median seconds of ``action()`` over ``repeat`` runs."""
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def hours_checks() -> None:
    moment = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)
    for text in ("24/7", "Mo-Su 00:00-24:00", "Mo-Fr 08:00-17:00; PH off"):
        hours = parse_hours(text)
        seconds = timed(lambda h=hours: h.status_at(moment, "America/Chicago"), 200)
        print(f"  hours {text!r:32} {seconds * 1e6:8.0f} µs per check")


def enormous_word(folder: Path) -> None:
    letters = random.Random(1)
    word = "".join(letters.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(60_000))
    (folder / "word.yaml").write_text(
        "glossary:\n  - term: zz\n    definition: " + word[:45_000] + "\n"
    )
    knowledge = load_report(folder).knowledge
    assert knowledge is not None
    tracemalloc.start()
    seconds = timed(lambda: Engine(knowledge))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"  index with a 45,000-letter word    {seconds:8.2f} s, peak {peak / 2**20:.0f} MiB "
          "(a 60,000-letter one took 4.5 s and 3.4 GB before)")  # fmt: skip
    (folder / "word.yaml").unlink()


def refusals(folder: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    cases = {
        "billion laughs (aliases)": "\n".join(lines) + "\n",
        "10,000 aliases": "glossary:\n  - term: zz\n    definition: x\n    aliases:\n"
        + "".join(f"      - alias {i}\n" for i in range(10_000)),
        "30,000 nested brackets": "resources: " + "[" * 30_000 + "\n",
    }
    for name, text in cases.items():
        path = folder / "hostile.yaml"
        path.write_text(text)
        seconds = timed(lambda p=path: read_file(folder, p), 3)
        print(f"  refusing {name:26} {seconds * 1000:8.0f} ms")
        path.unlink()


# Measured in a fresh interpreter whose main module is not a file: a worker re-imports a
# script run by path (as this one is), which ``python -m bot`` is not.
_WORKER_TIMING = """
import pathlib, sys, time
from bot.knowledge.isolation import read_isolated
from bot.knowledge.loader import read_file
folder = pathlib.Path(sys.argv[1]); path = folder / "small.yaml"
def ms(action):
    started = time.perf_counter(); action(); return (time.perf_counter() - started) * 1000
first = ms(lambda: read_isolated(folder, [path]))
later = sorted(ms(lambda: read_isolated(folder, [path])) for _ in range(20))[10]
here = sorted(ms(lambda: read_file(folder, path)) for _ in range(20))[10]
print(f"  one small file: in process {here:.2f} ms, in a capped worker {later:.1f} ms "
      f"(the first {first:.0f} ms: the worker server starts)")
"""


def worker_overhead(folder: Path) -> None:
    import subprocess

    (folder / "small.yaml").write_text("glossary:\n  - term: CSU\n    definition: A unit.\n")
    done = subprocess.run(
        [sys.executable, "-c", _WORKER_TIMING, str(folder)],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )  # fmt: skip
    print(done.stdout, end="")


def redaction() -> None:
    import yaml

    items = yaml.safe_load((ROOT / "tests/fixtures/privacy/holdout.yaml").read_text())
    texts = [item["text"] for item in items]
    each = timed(lambda: [redact(t) for t in texts], 3) / len(texts)
    worst = max(("?!.,;:-" * 285, "(" * 1000 + ")" * 1000, "subj " * 400), key=len)
    print(f"  redaction: {each * 1e6:.0f} µs per message (holdout set), "
          f"{timed(lambda: redact(worst), 5) * 1000:.1f} ms for 2,000 characters")  # fmt: skip


def main() -> None:
    print(machine_speed())
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        hours_checks()
        enormous_word(folder)
        refusals(folder)
        worker_overhead(folder)
    redaction()


if __name__ == "__main__":
    main()
