"""Benchmark: importing a 211's HSDS package of many services (issue 12: 10,000 in < 10 s).

    .venv/bin/python bench/bench_hsds.py [--services 10000]

Generates the seeded synthetic knowledge base of the other benchmarks, exports it as an
HSDS 3 tabular package, then times ``hsds import`` of that package into an empty folder
(read, map, write YAML, load the result as a knowledge base to check it) and a re-import
into the folder it wrote (the merge path, nothing changed). Figures, not pass/fail.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import generate, machine_speed
from bot.knowledge import load_report
from bot.knowledge.hsds.export import export_hsds
from bot.knowledge.hsds.importer import import_hsds


def _change_phones(path: Path, every: int) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for number in range(1, len(lines), every):
        lines[number] = lines[number].replace("555-", "556-", 1)
    path.write_text("".join(lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--services", type=int, default=10_000)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="pmhc-bench-hsds-"))
    knowledge = load_report(generate(scratch / "kb", args.services)).knowledge
    assert knowledge is not None
    started = time.perf_counter()
    count = export_hsds(knowledge, scratch / "package")
    exported = time.perf_counter() - started
    size = sum(p.stat().st_size for p in (scratch / "package").iterdir()) / 2**20
    print(f"{count} services exported in {exported:.2f} s ({size:.1f} MiB of CSV)")
    labels = ("import into an empty folder", "re-import, nothing changed",
              "re-import, 1% of phone numbers changed by the 211")  # fmt: skip
    for label in labels:
        if label.endswith("changed by the 211"):
            _change_phones(scratch / "package" / "phones.csv", every=100)
        started = time.perf_counter()
        report = import_hsds(scratch / "package", scratch / "out", today=date.today())
        took = time.perf_counter() - started
        assert report.ok, report.text()[:2000]
        print(
            f"{label}: {took:.2f} s ({len(report.added)} added, {len(report.updated)} "
            f"updated, {len(report.written)} files written)"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of this process (generation included): {peak:.0f} MiB")
    print(machine_speed())


if __name__ == "__main__":
    main()
