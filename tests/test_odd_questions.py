"""Any text an officer could send gets an answer, never an error: seeded word salad made of
real questions' words, negations, numbers, times and odd characters, on every evaluation
knowledge base. Whatever comes back, no place listed is also left out."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from bot.knowledge import load_knowledge
from bot.search.engine import Engine
from tests.conftest import at

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SETS = ["port-halden", "susquehanna-pa", "blue-ridge-va", "palmetto-fl"]
ODD = ["", "'", "-", "--", ".", ",", "?", "not", "no", "n't", ".30", "0.", "5150", "at", "12",
       "am", "pm", "🙂", "\u0000", "\t", "ñ", "à", "x" * 300, "or", "who", "where"]  # fmt: skip


@pytest.mark.parametrize("folder", SETS)
def test_word_salad_never_breaks_an_answer(folder):
    base = FIXTURES / folder
    engine = Engine(load_knowledge(base / "kb"))
    spec = yaml.safe_load((base / "questions.yaml").read_text(encoding="utf-8"))
    words = " ".join(str(q["q"]) for q in spec["questions"]).split() + ODD
    rng = random.Random(folder)
    for _ in range(150):
        question = " ".join(rng.choice(words) for _ in range(rng.choice([1, 3, 8, 20, 400])))
        moment = at(f"2026-11-{rng.randrange(16, 23)} {rng.randrange(24):02d}:00")
        answer = engine.answer(question, at=moment, top=rng.choice([1, 5, 40]))
        shown = {m.entry.id for m in answer.results}
        assert not shown & {x.resource.id for x in answer.excluded}, question
        assert answer.to_json()["query"] == answer.query
