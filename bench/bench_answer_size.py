"""Benchmark: how long answers are, as an officer reads them (issue 9's budgets).

    .venv/bin/python bench/bench_answer_size.py [--top N]

Answers every question of the shipped evaluation set and of every test knowledge base under
tests/fixtures, and prints, for placement answers and for single-place look-ups: console
lines at 100 columns (a longer line counts as the lines a terminal wraps it into) and the
characters Slack shows (links by their labels, formatting marks not counted) before the last
place's card, and in all. Self-contained measures, so the same file can be run on an older
checkout to compare.
"""

from __future__ import annotations

import html
import json
import math
import re
import statistics
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.knowledge.model import Resource
from bot.render.blocks import render_blocks
from bot.render.text import render_text
from tests.evaluation.harness import answers

ROOT = Path(__file__).resolve().parent.parent
WIDTH = 100


def console_lines(text: str) -> int:
    return sum(max(1, math.ceil(len(line) / WIDTH)) for line in text.splitlines() if line.strip())


def slack_characters(blocks: list[dict]) -> int:
    texts = []
    for block in blocks:
        if block.get("type") == "section":
            texts.append(block.get("text", {}).get("text", ""))
            texts += [f["text"] for f in block.get("fields", [])]
        elif block.get("type") == "context":
            texts += [e.get("text", "") for e in block["elements"]]
    shown = re.sub(r"<[^|>]*\|([^>]*)>", r"\1", "\n".join(texts))
    return len(html.unescape(re.sub(r"[*_`]", "", shown)))


def first_screen(blocks: list[dict], places: int) -> list[dict]:
    """Blocks down to the last place: a card (with a Details button) or, in older answers,
    the section with a place's fields and the two blocks after it."""
    cards = [i for i, b in enumerate(blocks) if "accessory" in b]
    if cards:
        return blocks[: cards[-1] + 1]
    fields = [i for i, b in enumerate(blocks) if b.get("fields")]
    return blocks[: fields[min(places, len(fields)) - 1] + 3] if fields else blocks


def sets() -> list[tuple[Path, Path]]:
    found = [(ROOT / "tests" / "evaluation" / "questions.yaml", ROOT / "knowledge")]
    for folder in sorted((ROOT / "tests" / "fixtures").iterdir()):
        if (folder / "questions.yaml").exists():
            found.append((folder / "questions.yaml", folder / "kb"))
    return found


def figures(values: list[int], budget: int) -> str:
    if not values:
        return "none"
    cut = sorted(values)[max(0, math.ceil(0.95 * len(values)) - 1)]
    over = sum(v > budget for v in values)
    return (
        f"n {len(values)}, median {statistics.median(values):.0f}, p95 {cut}, "
        f"max {max(values)}, over {budget}: {over}"
    )


def main(argv: list[str]) -> None:
    top = int(argv[argv.index("--top") + 1]) if "--top" in argv else 3
    placement_lines: list[int] = []
    single_lines: list[int] = []
    first: list[int] = []
    whole: list[int] = []
    for questions, knowledge in sets():
        yaml.safe_load(questions.read_text(encoding="utf-8"))  # fails early on a bad file
        for _, answer in answers(questions, knowledge, top=top):
            places = [m for m in answer.results if isinstance(m.entry, Resource)]
            if not places:
                continue
            lines = console_lines(render_text(answer))
            blocks = render_blocks(answer, share={})
            json.dumps(blocks)
            # older answers do not say whether they are placements: judged by what they hold
            placement = getattr(answer, "placement", None)
            if placement is None:
                placement = bool(answer.excluded) or answer.situation.placement
            if len(answer.results) == 1 and not placement:
                single_lines.append(lines)
            elif placement:
                placement_lines.append(lines)
                first.append(slack_characters(first_screen(blocks, len(places))))
                whole.append(slack_characters(blocks))
    print(f"answers at top {top}, {len(sets())} knowledge bases")
    print(f"console lines, places for a person: {figures(placement_lines, 14)}")
    print(f"console lines, one place looked up: {figures(single_lines, 10)}")
    print(f"Slack characters before the last place: {figures(first, 1200)}")
    print(f"Slack characters in all: {figures(whole, 1200)}")


if __name__ == "__main__":
    main(sys.argv[1:])
