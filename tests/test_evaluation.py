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


# Written blind for issue 7, one state's hold law each, with the tags of its points. Each was
# scored once before its failures shaped any fix (first top-1 in the role); all are tuned on
# now, and the floors guard what the general fixes reached. Ineligible counts may only fall.
# Sets kept apart for an honest score live outside the repository until they are scored
# (CO and AZ first scored at commit c5453de; MI and OR at 976e25d; NC, WI, MN, TN at 10725b7).
ISSUE_7_SETS = [
    ("port-halden", "tuned on", 0.91, 0),
    ("susquehanna-pa", "tuned on", 0.96, 0),
    ("blue-ridge-va", "tuned on", 0.90, 1),
    ("palmetto-fl", "tuned on", 0.91, 3),
    ("hill-country-tx", "first 0.71", 0.92, 2),
    ("red-clay-ga", "first 0.71", 0.93, 0),
    ("bay-state-ma", "first 0.80", 0.89, 0),
    ("cascade-wa", "first 0.64", 0.93, 1),
    ("hudson-ny", "first 0.65", 0.86, 1),
    ("buckeye-oh", "first 0.70", 0.88, 0),
    ("front-range-co", "first 0.76", 0.90, 0),
    ("saguaro-az", "first 0.91", 0.97, 0),
    # written blind at the session's end, scored once on 976e25d (kept apart until then)
    ("great-lakes-mi", "first 0.64", 0.88, 2),
    ("willamette-or", "first 0.75", 0.94, 0),
    # written blind this session, scored once on c2dce57, then tuned on
    ("silver-nv", "first 0.65", 0.89, 2),
    ("bayou-la", "first 0.71", 0.91, 0),
    # written blind this session, kept apart and scored once on 10725b7 (the final engine)
    ("tarheel-nc", "first 0.82", 0.91, 1),
    ("badger-wi", "first 0.84", 0.93, 0),
    ("north-star-mn", "first 0.78", 0.89, 0),
    ("volunteer-tn", "first 0.69", 0.85, 1),
    # written blind in the next session, kept apart and scored once on 2dd6af0 (its final engine)
    ("prairie-il", "first 0.79", 0.87, 0),
    ("garden-nj", "first 0.73", 0.85, 2),
    ("chesapeake-md", "first 0.85", 0.89, 2),
    ("showme-mo", "first 0.81", 0.92, 0),
    # written blind in the session after, kept apart and scored once on 6782096 (its final
    # engine; 7d52404, its first, scored 0.83 / 0.86 / 0.87 / 0.86)
    ("bluegrass-ky", "first 0.85", 0.92, 0),
    ("wasatch-ut", "first 0.87", 0.94, 1),
    ("hawkeye-ia", "first 0.89", 0.91, 1),
    ("nutmeg-ct", "first 0.86", 0.91, 0),
    # written blind in the session after, kept apart and scored once on 7f3f6d6 (its final
    # engine; 1bc742a, its first, scored 0.83 / 0.80 / 0.80 / 0.82)
    ("sooner-ok", "first 0.84", 0.91, 0),
    ("cornhusker-ne", "first 0.80", 0.84, 3),
    ("pine-tree-me", "first 0.80", 0.93, 0),
    ("aloha-hi", "first 0.83", 0.90, 1),
    ("sunflower-ks", "first 0.81", 0.81, 0),
    ("enchantment-nm", "first 0.92", 0.94, 2),
    ("yellowhammer-al", "first 0.81", 0.87, 1),
    ("big-sky-mt", "first 0.91", 0.91, 0),
    # written blind at the start of the session after, kept apart and scored once on its
    # first engine (a2245cb, the "first" figures) and its last (516aa9f, the floors)
    ("hoosier-in", "first 0.89", 0.93, 1),
    ("mountain-wv", "first 0.83", 0.87, 3),
    ("midlands-sc", "first 0.82", 0.84, 1),
    ("gem-id", "first 0.97", 0.97, 2),
    # written blind at the start of the session after, kept apart and scored once on its
    # first engine (aa544ef) and its last (the floors): no change between the two
    ("granite-nh", "first 0.83", 0.86, 2),
    ("last-frontier-ak", "first 0.81", 0.84, 1),
    ("magnolia-ms", "first 0.90", 0.90, 2),
    ("first-state-de", "first 0.78", 0.78, 7),
]


@pytest.mark.parametrize(("folder", "role", "floor", "most_ineligible"), ISSUE_7_SETS)
def test_blind_sets_for_situations_and_wording(summary_line, folder, role, floor, most_ineligible):
    base = HERE / "fixtures" / folder
    report = evaluate(base / "questions.yaml", base / "kb")
    summary_line(report.summary(f"{folder} (blind, {role})"))
    assert len(report.ineligible) <= most_ineligible, report.ineligible
    assert report.accuracy >= floor, [o for o in report.outcomes if not o.correct]
