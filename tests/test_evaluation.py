"""How well the matcher answers real questions: the shipped evaluation set, and knowledge
bases with their own questions written by people who never saw the matcher (tests/fixtures)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.evaluation.harness import evaluate

HERE = Path(__file__).resolve().parent


def test_shipped_evaluation_top1_accuracy_and_no_ineligible_results(summary_line):
    questions = HERE / "evaluation" / "questions.yaml"
    report = evaluate(questions, HERE.parent / "knowledge")
    summary_line(report.summary("evaluation (shipped knowledge)"))
    assert len(report.outcomes) >= 80
    assert report.ineligible == []
    assert report.accuracy >= 0.917, [o for o in report.outcomes if not o.correct]


@pytest.mark.parametrize(
    ("folder", "floor"),
    [
        # written blind by a helper; its failures shaped general fixes (see the README)
        ("heldout", 0.90),
        # written blind later and only scored: a check on generalisation, not a target
        ("blind", 0.90),
    ],
)
def test_knowledge_bases_written_without_seeing_the_matcher(summary_line, folder, floor):
    base = HERE / "fixtures" / folder
    report = evaluate(base / "questions.yaml", base / "kb")
    summary_line(report.summary(f"{folder} knowledge base"))
    assert report.ineligible == []
    assert report.accuracy >= floor, [o for o in report.outcomes if not o.correct]


@pytest.mark.parametrize(
    ("folder", "floor", "most_ineligible"),
    [
        # written blind for issue 7 (one state's hold law each) and tuned on: the floors
        # guard what general fixes reached; the ineligible counts must only fall
        ("port-halden", 0.77, 2),
        ("susquehanna-pa", 0.77, 1),
        ("blue-ridge-va", 0.80, 6),
        ("palmetto-fl", 0.81, 6),
    ],
)
def test_blind_sets_tuned_on(summary_line, folder, floor, most_ineligible):
    base = HERE / "fixtures" / folder
    report = evaluate(base / "questions.yaml", base / "kb")
    summary_line(report.summary(f"{folder} (blind, tuned on)"))
    assert len(report.ineligible) <= most_ineligible, report.ineligible
    assert report.accuracy >= floor, [o for o in report.outcomes if not o.correct]
