"""Scoring the matcher on a question file: top-1 accuracy and ineligible results.

    .venv/bin/python -m tests.evaluation.harness [QUESTIONS.yaml KNOWLEDGE_DIR]

prints one line per question (✓ / ✗, what came first, what was expected) and the totals.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from bot.knowledge import load_knowledge
from bot.search.engine import Engine

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


@dataclass
class Outcome:
    question: str
    tag: str
    expected: list[str]
    got: str | None
    ineligible: list[str]

    @property
    def correct(self) -> bool:
        return self.got is None if not self.expected else self.got in self.expected


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return sum(o.correct for o in self.outcomes) / max(len(self.outcomes), 1)

    @property
    def ineligible(self) -> list[tuple[str, str]]:
        return [(o.question, i) for o in self.outcomes for i in o.ineligible]

    def by_tag(self) -> dict[str, tuple[int, int]]:
        total, right = Counter(), Counter()
        for outcome in self.outcomes:
            total[outcome.tag] += 1
            right[outcome.tag] += outcome.correct
        return {tag: (right[tag], total[tag]) for tag in sorted(total)}

    def summary(self, name: str) -> str:
        tags = ", ".join(f"{tag} {r}/{t}" for tag, (r, t) in self.by_tag().items())
        return (
            f"{name}: top-1 accuracy {self.accuracy:.3f} "
            f"({sum(o.correct for o in self.outcomes)}/{len(self.outcomes)}; {tags}); "
            f"ineligible results: {len(self.ineligible)}"
        )


def evaluate(questions_file: Path, knowledge_dir: Path, *, top: int = 5) -> Report:
    spec = yaml.safe_load(questions_file.read_text(encoding="utf-8"))
    knowledge = load_knowledge(knowledge_dir)
    engine = Engine(knowledge)
    zone = ZoneInfo(knowledge.defaults.timezone or "UTC")
    default_at = _moment(spec["at"], zone)
    report = Report()
    for item in spec["questions"]:
        moment = _moment(item["at"], zone) if item.get("at") else default_at
        answer = engine.answer(str(item["q"]), at=moment, top=top)
        shown = [m.entry.id for m in answer.results]
        report.outcomes.append(
            Outcome(
                question=str(item["q"]),
                tag=item.get("tag", "?"),
                expected=list(item.get("expect") or []),
                got=shown[0] if shown else None,
                ineligible=[i for i in shown if i in set(item.get("never") or [])],
            )
        )
    return report


def _moment(value: object, zone: ZoneInfo) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment


def main(argv: list[str]) -> None:
    questions = Path(argv[0]) if argv else HERE / "questions.yaml"
    knowledge = Path(argv[1]) if len(argv) > 1 else ROOT / "knowledge"
    report = evaluate(questions, knowledge)
    for o in report.outcomes:
        mark = "✓" if o.correct and not o.ineligible else "✗"
        extra = f"  INELIGIBLE {o.ineligible}" if o.ineligible else ""
        print(
            f"{mark} [{o.tag}] {o.question!r} -> {o.got} (expected {o.expected or 'none'}){extra}"
        )
    print(report.summary(str(questions.relative_to(ROOT) if questions.is_relative_to(ROOT)
                               else questions)))  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1:])
