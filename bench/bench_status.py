"""Benchmark: what live centre statuses cost an answer (issue 10's target: within 10%).

    .venv/bin/python bench/bench_status.py [--resources 10000] [--statuses 1000] [--repeat 15]

Generates the seeded knowledge base of bench_engine.py, gives ``--statuses`` of its places a
live report (a quarter each accepting, limited, on diversion, closed), and times the same
questions with and without them, alternating, best of ``--repeat`` each. Figures, not
pass/fail.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_engine import QUESTIONS
from bench.generate import generate, machine_speed
from bot.knowledge import load_report
from bot.search.engine import Engine
from bot.status import STATES, CenterStatus


def best(engine: Engine, question: str, moment: datetime, repeat: int, **options) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        engine.answer(question, at=moment, **options)
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--resources", type=int, default=10_000)
    parser.add_argument("--statuses", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    print(machine_speed())
    with tempfile.TemporaryDirectory() as tmp:
        folder = generate(Path(tmp), args.resources)
        knowledge = load_report(folder).knowledge
        assert knowledge is not None
        engine = Engine(knowledge)
    moment = datetime(2026, 11, 28, 2, 0, tzinfo=ZoneInfo(engine.timezone))
    rng = random.Random(11)
    places = rng.sample([r.id for r in knowledge.resources], args.statuses)
    statuses = {
        place: CenterStatus(place, STATES[number % 4], moment - timedelta(hours=1),
                            moment + timedelta(hours=3), beds=number % 5, reporter="U1")
        for number, place in enumerate(places)
    }  # fmt: skip
    questions = [q for kind in ("placement", "lookup", "guidance") for q in QUESTIONS[kind]]
    without, with_ = [], []
    for question in questions:  # alternated, so a slow minute hits both alike
        without.append(best(engine, question, moment, args.repeat))
        with_.append(best(engine, question, moment, args.repeat, statuses=statuses))
    placement = len(QUESTIONS["placement"])
    for name, part in (("placement", slice(0, placement)), ("all", slice(None))):
        a, b = statistics.median(without[part]), statistics.median(with_[part])
        print(
            f"{name} questions at {args.resources:,} resources: median {a * 1000:.2f} ms "
            f"without statuses, {b * 1000:.2f} ms with {args.statuses:,} ({b / a - 1:+.1%})"
        )
    ratios = [b / a for a, b in zip(without, with_, strict=True)]
    print(
        f"per question, with/without: median {statistics.median(ratios):.3f}, max {max(ratios):.3f}"
    )


if __name__ == "__main__":
    main()
