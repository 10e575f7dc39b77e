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


# Written blind for issue 7, one state's hold law each, with the tags of its points.
# "tuned on": their failures shaped general fixes; the floors guard what those reached.
# "kept apart": scored once, at the end of the session that built the engine (TX 0.707 / 4
# ineligible, GA 0.713 / 8); the general safety gaps that showed (holds a glossary defines
# only in words, "can't get her to wake up", "driving her over") were then fixed, no more.
# Ineligible counts may only fall.
ISSUE_7_SETS = [
    ("port-halden", "tuned on", 0.78, 1),
    ("susquehanna-pa", "tuned on", 0.79, 1),
    ("blue-ridge-va", "tuned on", 0.78, 6),
    ("palmetto-fl", "tuned on", 0.81, 8),
    ("hill-country-tx", "kept apart", 0.70, 4),
    ("red-clay-ga", "kept apart", 0.74, 3),
    # written while the engine was being finished, scored once on its last commit, not tuned
    ("bay-state-ma", "kept apart, scored last", 0.80, 5),
    ("cascade-wa", "kept apart, scored last", 0.64, 7),
    # written blind in the next session, scored once before tuning (0.65 and 0.70), tuned on
    ("hudson-ny", "tuned on", 0.71, 5),
    ("buckeye-oh", "tuned on", 0.73, 5),
]


@pytest.mark.parametrize(("folder", "role", "floor", "most_ineligible"), ISSUE_7_SETS)
def test_blind_sets_for_situations_and_wording(summary_line, folder, role, floor, most_ineligible):
    base = HERE / "fixtures" / folder
    report = evaluate(base / "questions.yaml", base / "kb")
    summary_line(report.summary(f"{folder} (blind, {role})"))
    assert len(report.ineligible) <= most_ineligible, report.ineligible
    assert report.accuracy >= floor, [o for o in report.outcomes if not o.correct]
