"""Scoring the matcher on a question file: top-1 and top-3 accuracy, ineligible results and
off-topic refusals, overall and per tag (the kind of question).

    .venv/bin/python -m tests.evaluation.harness [FOLDER ...] [--failures]
    .venv/bin/python -m tests.evaluation.harness QUESTIONS.yaml KNOWLEDGE_DIR

A FOLDER holds ``questions.yaml`` and the knowledge base in ``kb/``; with none, the shipped
evaluation set is scored on the shipped knowledge. Prints one line per question (✓ / ✗, what
came first, what was expected; only the misses with ``--failures``), then the totals.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from bot.answer import Answer
from bot.knowledge import load_knowledge
from bot.search.engine import Engine

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OFFTOPIC = "offtopic"


@dataclass
class Outcome:
    question: str
    tag: str
    expected: list[str]
    shown: list[str]
    ineligible: list[str]

    @property
    def got(self) -> str | None:
        return self.shown[0] if self.shown else None

    @property
    def correct(self) -> bool:
        return self.got is None if not self.expected else self.got in self.expected

    @property
    def in_top3(self) -> bool:
        if not self.expected:
            return self.correct
        return any(i in self.expected for i in self.shown[:3])

    @property
    def refusal_expected(self) -> bool:
        return not self.expected


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return _share(o.correct for o in self.outcomes)

    @property
    def top3(self) -> float:
        return _share(o.in_top3 for o in self.outcomes)

    @property
    def ineligible(self) -> list[tuple[str, str]]:
        return [(o.question, i) for o in self.outcomes for i in o.ineligible]

    @property
    def refused(self) -> tuple[int, int]:
        """Off-topic questions refused, of those asked."""
        offtopic = [o for o in self.outcomes if o.refusal_expected]
        return sum(o.correct for o in offtopic), len(offtopic)

    def by_tag(self) -> dict[str, tuple[int, int, int]]:
        """Per tag: (right first, right in the top 3, questions)."""
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for outcome in self.outcomes:
            row = counts[outcome.tag]
            row[0] += outcome.correct
            row[1] += outcome.in_top3
            row[2] += 1
        return {tag: (r[0], r[1], r[2]) for tag, r in sorted(counts.items())}

    def summary(self, name: str) -> str:
        tags = ", ".join(f"{tag} {r}/{t}" for tag, (r, _, t) in self.by_tag().items())
        refused, offtopic = self.refused
        return (
            f"{name}: top-1 accuracy {self.accuracy:.3f} "
            f"({sum(o.correct for o in self.outcomes)}/{len(self.outcomes)}; {tags}); "
            f"top-3 {self.top3:.3f}; ineligible results: {len(self.ineligible)}; "
            f"off-topic refused {refused}/{offtopic}"
        )


def _share(flags: object) -> float:
    values = list(flags)  # type: ignore[call-overload]
    return sum(values) / max(len(values), 1)


def answers(
    questions_file: Path, knowledge_dir: Path, *, top: int = 5
) -> Iterator[tuple[dict[str, Any], Answer]]:
    """Each question of the file (as written there) with its answer, at the moment it sets."""
    spec = yaml.safe_load(questions_file.read_text(encoding="utf-8"))
    knowledge = load_knowledge(knowledge_dir)
    engine = Engine(knowledge)
    zone = ZoneInfo(knowledge.defaults.timezone or "UTC")
    default_at = _moment(spec["at"], zone)
    for item in spec["questions"]:
        moment = _moment(item["at"], zone) if item.get("at") else default_at
        yield item, engine.answer(str(item["q"]), at=moment, top=top)


def evaluate(questions_file: Path, knowledge_dir: Path, *, top: int = 5) -> Report:
    report = Report()
    for item, answer in answers(questions_file, knowledge_dir, top=top):
        # entries named under "Also" are shown too, as names to pick
        shown = [m.entry.id for m in (*answer.results, *answer.also)]
        never = set(item.get("never") or [])
        report.outcomes.append(
            Outcome(
                question=str(item["q"]),
                tag=str(item.get("tag", "?")),
                expected=list(item.get("expect") or []),
                shown=shown,
                ineligible=[i for i in shown if i in never],
            )
        )
    return report


def _moment(value: object, zone: ZoneInfo) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment


def _sets(args: list[str]) -> list[tuple[str, Path, Path]]:
    """(name, questions file, knowledge folder) for each set named on the command line."""
    if not args:
        return [("evaluation", HERE / "questions.yaml", ROOT / "knowledge")]
    if args[0].endswith((".yaml", ".yml")):
        return [(args[0], Path(args[0]), Path(args[1]))]
    return [(Path(a).name, Path(a) / "questions.yaml", Path(a) / "kb") for a in args]


def main(argv: list[str]) -> None:
    failures_only = "--failures" in argv
    args = [a for a in argv if a != "--failures"]
    reports = []
    for name, questions, knowledge in _sets(args):
        report = evaluate(questions, knowledge)
        reports.append((name, report))
        for o in report.outcomes:
            ok = o.correct and not o.ineligible
            if failures_only and ok:
                continue
            extra = f"  INELIGIBLE {o.ineligible}" if o.ineligible else ""
            print(
                f"{'✓' if ok else '✗'} [{o.tag}] {o.question!r} -> {o.shown[:3]} "
                f"(expected {o.expected or 'none'}){extra}"
            )
    for name, report in reports:
        print(report.summary(name))


if __name__ == "__main__":
    main(sys.argv[1:])
