"""How well the matcher answers real questions: the shipped evaluation set, and a knowledge
base with its own questions that the matcher was never tuned on (tests/fixtures/heldout)."""

from __future__ import annotations

from pathlib import Path

from tests.evaluation.harness import evaluate

HERE = Path(__file__).resolve().parent


def test_shipped_evaluation_top1_accuracy_and_no_ineligible_results(summary_line):
    questions = HERE / "evaluation" / "questions.yaml"
    report = evaluate(questions, HERE.parent / "knowledge")
    summary_line(report.summary("evaluation (shipped knowledge)"))
    assert len(report.outcomes) >= 80
    assert report.ineligible == []
    assert report.accuracy >= 0.90, [o for o in report.outcomes if not o.correct]


def test_held_out_knowledge_base_the_matcher_was_not_tuned_on(summary_line):
    folder = HERE / "fixtures" / "heldout"
    report = evaluate(folder / "questions.yaml", folder / "kb")
    summary_line(report.summary("held-out knowledge base"))
    assert report.ineligible == []
    assert report.accuracy >= 0.85, [o for o in report.outcomes if not o.correct]
