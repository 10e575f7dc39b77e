"""Answers that fit a phone at 2 a.m., on every knowledge base the tests hold.

Each test knowledge base was written to the contract by someone who never saw the renderer,
with questions officers and coordinators ask. For every answer, with three places at most:
a placement fits 14 lines of a 100-column console and its three places fit a phone's first
screen in Slack; a single place looked up fits 10 lines; every Slack block passes the SDK's
checks; and nothing an officer needs is cut: the phone number, every need the question
raised (met, not met, not listed), the sample-data and stale-entry warnings.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from slack_sdk.models.blocks import Block

from bot.answer import Answer
from bot.knowledge.model import Resource
from bot.render.blocks import FIRST_SCREEN, escape, phone_link, render_blocks, visible_length
from bot.render.card import MARKS
from bot.render.text import CHAT_HINTS, PLACES_LINES, SINGLE_LINES, WIDTH, render_text
from tests.conftest import ROOT
from tests.evaluation.harness import answers

FIXTURES = ROOT / "tests" / "fixtures"
SETS = [("shipped", ROOT / "tests" / "evaluation" / "questions.yaml", ROOT / "knowledge")] + [
    (folder.name, folder / "questions.yaml", folder / "kb")
    for folder in sorted(FIXTURES.iterdir())
    if (folder / "questions.yaml").exists()
]


def first_screen(blocks: list[dict]) -> list[dict]:
    """The blocks down to the last place's card (the sections with a Details button)."""
    last = max((i for i, b in enumerate(blocks) if "accessory" in b), default=len(blocks) - 1)
    return blocks[: last + 1]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def check(answer: Answer) -> list[str]:
    """What is wrong with how ``answer`` is shown; empty when it fits and loses nothing."""
    problems: list[str] = []
    text = render_text(answer, hints=CHAT_HINTS)
    lines = [line for line in text.splitlines() if line.strip()]
    blocks = render_blocks(answer, share={})
    shown = flat(escape(text)), flat(json.dumps(first_screen(blocks), ensure_ascii=False))
    places = [m for m in answer.results if isinstance(m.entry, Resource)]
    if any(len(line) > WIDTH and "://" not in line for line in lines):
        problems.append("a line wider than the console")
    if answer.placement and places and len(lines) > PLACES_LINES:
        problems.append(f"{len(lines)} lines for a placement")
    if not answer.placement and len(answer.results) == 1 and places and len(lines) > SINGLE_LINES:
        problems.append(f"{len(lines)} lines for one place")
    if answer.placement and visible_length(first_screen(blocks)) > FIRST_SCREEN:
        problems.append(f"{visible_length(first_screen(blocks))} characters before the last card")
    for block in blocks:
        if Block.parse(block) is None or Block.parse(block).to_dict() != block:
            problems.append(f"a block Slack would not take: {block['type']}")
    # (as the console shows it, as Slack shows it)
    needed = [(escape(m.entry.phone), phone_link(m.entry.phone)) for m in places if m.entry.phone]
    needed += [(escape(f"{MARKS[f.verdict]} {f.text}"),) * 2 for m in places for f in m.fit]
    needed += [(escape(c),) * 2 for m in places for c in m.caveats if "verified" in c]
    needed += [("SAMPLE DATA",) * 2] if answer.shows_example_data else []
    for phrases in needed:
        for where, phrase, seen in zip(("console", "Slack"), phrases, shown, strict=True):
            if flat(phrase) not in seen:
                problems.append(f"{where} lost {phrase!r}")
    return problems


@pytest.mark.parametrize(("name", "questions", "knowledge"), SETS, ids=[s[0] for s in SETS])
def test_every_answer_fits_a_phone_and_loses_nothing(name: str, questions: Path,
                                                     knowledge: Path) -> None:  # fmt: skip
    failures = {
        item["q"]: problems
        for item, answer in answers(questions, knowledge, top=3)
        if (problems := check(answer))
    }
    assert not failures, failures
