"""Benchmark: live reload at scale, and reports over many stored questions.

    .venv/bin/python bench/bench_admin.py [--resources 10000] [--questions 100000]
                                          [--database-url URL]

Prints the time to reload after one file changed in a knowledge base of N resources
(re-read, validate the whole, rebuild and swap), and the time of each report over M stored
questions (SQLite in a temporary folder unless --database-url is given).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import generate, machine_speed
from bot import reports
from bot.live import LiveKnowledge
from bot.store.database import Store

QUESTIONS = [
    "where can i take a drunk 16yo at 2am", "weather tomorrow", "what is a 5150",
    "how many hours is CIT training", "harbor crisis center phone", "reset my email password",
    "sobering center address", "wether tomorrow", "what goes in an MOU", "best pizza downtown",
]  # fmt: skip


async def bench_reload(resources: int, rounds: int) -> None:
    folder = Path(tempfile.mkdtemp()) / "kb"
    generate(folder, resources)
    started = time.perf_counter()
    live, _first = LiveKnowledge.open(folder)
    print(f"first load of {resources} resources (read, validate, index): "
          f"{(time.perf_counter() - started) * 1000:.0f} ms")  # fmt: skip
    target = sorted((folder / "counties").glob("*.yaml"))[0]
    original = target.read_text()
    timings = []
    for number in range(rounds):
        target.write_text(original.replace("Offers", f"Edit {number} offers", 1))
        result = await live.reload()
        assert result.ok and result.reread == (f"counties/{target.name}",), result
        timings.append(result.seconds * 1000)
    print(f"reload after one changed file ({rounds} rounds): median "
          f"{statistics.median(timings):.0f} ms, max {max(timings):.0f} ms")  # fmt: skip


async def bench_reports(questions: int, database_url: str | None) -> None:
    url = database_url or f"sqlite+aiosqlite:///{tempfile.mkdtemp()}/bench.db"
    store = await Store.open(url, b"a salt for the benchmark")
    rng = random.Random(3)
    now = datetime.now(UTC)
    started = time.perf_counter()
    for offset in range(0, questions, 5000):
        batch = []
        for n in range(offset, min(offset + 5000, questions)):
            text = rng.choice(QUESTIONS)
            answered = text not in ("weather tomorrow", "wether tomorrow", "best pizza downtown",
                                    "reset my email password")  # fmt: skip
            batch.append({
                "asked_at": now - timedelta(minutes=rng.randint(0, 60 * 24 * 89)),
                "surface": rng.choice(("mention", "dm", "command")), "user_id": f"U{n % 300}",
                "text": f"{text} {n % 37}" if n % 5 == 0 else text,
                "top_id": None if not answered else f"entry-{hash(text) % 50}",
                "score": 0.8 if answered else None, "answered": answered, "latency_ms": 1.0,
            })  # fmt: skip
        await store.record_questions(batch)
    print(f"stored {questions} questions in {time.perf_counter() - started:.1f} s "
          f"({store.dialect})")  # fmt: skip
    since = now - timedelta(days=90)
    for name, run in (("gaps", reports.gaps(store, since)), ("stats", reports.stats(store, since))):
        started = time.perf_counter()
        await run
        print(f"report {name} over 90 days: {(time.perf_counter() - started) * 1000:.0f} ms")
    await store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--resources", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--questions", type=int, default=100_000)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    print(machine_speed())
    asyncio.run(bench_reload(args.resources, args.rounds))
    asyncio.run(bench_reports(args.questions, args.database_url))


if __name__ == "__main__":
    main()
