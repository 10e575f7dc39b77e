"""Benchmark: loading and answering at scale, against the naive alternatives.

    .venv/bin/python bench/bench_engine.py [--resources 10000] [--repeat 5]

Prints load time, index build time, memory, and per-question latency (median, p90, p99) by
kind of question, then the same questions answered by rank_bm25 (if installed) and by
rapidfuzz WRatio over whole entries, for comparison. Figures, not pass/fail.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import generate, machine_speed
from bot.knowledge import load_report
from bot.search.engine import Engine
from bot.search.text import tokens

QUESTIONS = {
    "placement": [
        "where can i take an intoxicated 16yo at 2am",
        "combative EDP where do I drop off",
        "drunk adult bac .18 where to take him tonight",
        "where can I bring an autistic teen on a 5150",
        "veteran on a hold where do i drop off saturday night",
    ],
    "lookup": [
        "lincoln sobering station phone",
        "harbour crisis recieving center adress",
        "is the willow crisis stabilization unit open",
        "988 veterans press 1",
        "samsha helpline number",
    ],
    "guidance": [
        "what goes in an MOU with the mental health provider",
        "how many hours is CIT training",
        "what data should we collect",
        "how do we request technical assistance",
        "what is an EDP",
    ],
    "off-topic": ["weather tomorrow", "reset my email password", "best pizza downtown"],
}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--resources", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--baselines", action=argparse.BooleanOptionalAction, default=True)
    args = parser.parse_args()

    print(machine_speed())
    folder = Path(tempfile.mkdtemp()) / "kb"
    _, seconds = timed(generate, folder, args.resources)
    print(f"generated {args.resources} resources in {seconds:.1f} s at {folder}")

    gc.collect()
    report, load_s = timed(load_report, folder)
    assert report.knowledge is not None, report.errors[:3]
    engine, index_s = timed(Engine, report.knowledge)
    counts = report.knowledge.counts()
    print(f"entries: {counts}")
    print(f"load (parse + validate): {load_s * 1000:.0f} ms")
    print(f"index build:             {index_s * 1000:.0f} ms")
    print(f"load + index:            {(load_s + index_s) * 1000:.0f} ms")

    tracemalloc.start()
    Engine(report.knowledge)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"index memory (tracemalloc peak while building): {peak / 2**20:.0f} MiB")

    moment = datetime(2026, 11, 22, 14, 0, tzinfo=ZoneInfo("America/Chicago"))
    for question in (q for qs in QUESTIONS.values() for q in qs):
        engine.answer(question, at=moment)  # warm caches once
    every: list[float] = []
    print("\nper question (ms)        median     p90     p99")
    for kind, questions in QUESTIONS.items():
        samples = []
        for _ in range(args.repeat):
            for question in questions:
                samples.append(timed(engine.answer, question, at=moment)[1] * 1000)
        every += samples
        print(f"  {kind:<20} {statistics.median(samples):8.2f} {percentile(samples, 0.9):7.2f} "
              f"{percentile(samples, 0.99):7.2f}")  # fmt: skip
    print(f"  {'all':<20} {statistics.median(every):8.2f} {percentile(every, 0.9):7.2f} "
          f"{percentile(every, 0.99):7.2f}")  # fmt: skip

    if args.baselines:
        baselines(report.knowledge, [q for qs in QUESTIONS.values() for q in qs])


def baselines(knowledge, questions: list[str]) -> None:
    from rapidfuzz import fuzz, process

    from bot.search.index import entry_fields

    documents = [" ".join(t for t, _ in entry_fields(e) if t) for e in knowledge.entries]
    print("\nnaive alternatives (ms per question, median)")
    try:
        from rank_bm25 import BM25Okapi
    except ImportError:
        print("  rank_bm25: not installed (pip install rank_bm25 to compare)")
    else:
        bm25 = BM25Okapi([tokens(d) for d in documents])
        samples = [timed(bm25.get_scores, tokens(q))[1] * 1000 for q in questions]
        print(f"  rank_bm25 BM25Okapi.get_scores: {statistics.median(samples):.1f}")
    samples = [
        timed(process.extract, q, documents, scorer=fuzz.WRatio, limit=5)[1] * 1000
        for q in questions[:6]
    ]
    print(f"  rapidfuzz WRatio over whole entries: {statistics.median(samples):.1f}")


if __name__ == "__main__":
    main()
