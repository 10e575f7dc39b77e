"""Block Kit layout without Slack: limits, escaping, and the same answer as the console."""

from __future__ import annotations

import json

import pytest

from bot.knowledge import load_knowledge
from bot.render.blocks import MAX_BLOCKS, escape, link, render_blocks
from bot.render.describe import MAX_EXCLUDED_SHOWN
from bot.render.text import render_text
from bot.search.engine import Engine
from tests.conftest import at

NOW = at("2026-11-22 14:00")

HOSTILE = (
    """
defaults: {timezone: America/Chicago}
resources:
"""
    + "".join(
        f"""
  - id: place-{n}
    name: "<!channel> Place {n} <https://evil.example|click> & more {"x" * 200}"
    kind: crisis_center
    phone: "(555) 555-01{n:02d}"
    address: "{n} Main St"
    summary: "{"very long summary " * 300}"
    hours: "24/7"
    admission: {{min_age: 18, law_enforcement_dropoff: true, notes: "<@U123> call me"}}
    verified: 2026-10-01
"""
        for n in range(60)
    )
    + """
sections:
  - id: long-section
    title: "A section <b>with</b> & symbols"
    summary: short
    body: "{body}"
""".replace("{body}", "word " * 2000)
)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Engine:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "kb.yaml").write_text(HOSTILE, encoding="utf-8")
    return Engine(load_knowledge(folder))


def all_texts(blocks) -> list[str]:
    found: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "text" and isinstance(value, str):
                    found.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(blocks)
    return found


def test_slack_limits_hold_for_huge_answers(hostile):
    answer = hostile.answer("where can I take an adult", at=NOW, top=60)
    blocks = render_blocks(answer, share={})
    assert len(blocks) <= MAX_BLOCKS
    for block in blocks:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= 3000
            assert len(block.get("fields", [])) <= 10
            assert all(len(f["text"]) <= 2000 for f in block.get("fields", []))
        if block["type"] == "actions":
            for element in block["elements"]:
                assert len(element["text"]["text"]) <= 75 and len(element["value"]) <= 2000
    assert blocks[-2]["type"] == "actions"  # the buttons survive the cut
    assert json.dumps(blocks)  # serialisable as sent


def test_knowledge_text_cannot_ping_or_fake_links(hostile):
    answer = hostile.answer("where can I take an adult", at=NOW, top=3)
    for text in all_texts(render_blocks(answer)):
        assert "<!channel>" not in text and "<@U123>" not in text
        assert "<https://evil.example" not in text
    assert any("&lt;!channel&gt;" in text for text in all_texts(render_blocks(answer)))


def test_long_bodies_are_cut_at_slacks_limit(hostile):
    blocks = render_blocks(hostile.answer("a section with symbols", at=NOW))
    body = next(
        b for b in blocks if b["type"] == "section" and b["text"]["text"].startswith("word")
    )
    assert len(body["text"]["text"]) == 3000 and body["text"]["text"].endswith("…")
    assert "A section &lt;b&gt;with&lt;/b&gt; &amp; symbols" in json.dumps(blocks)


def test_links_cannot_break_out_of_their_brackets():
    assert link("https://x.org/a|b>c", "t<i>tle") == "<https://x.org/a%7Cb%3Ec|t&lt;i&gt;tle>"
    assert escape("a & <b>") == "a &amp; &lt;b&gt;"


@pytest.mark.parametrize(
    "question",
    ["where can i take an intoxicated 16yo at 2am", "what is a 5150",
     "how many hours is CIT training", "harbor crisis receiving center phone",
     "weather tomorrow"],
)  # fmt: skip
def test_console_and_slack_show_the_same_answer(engine, question):
    answer = engine.answer(question, at=NOW)
    text, blocks = render_text(answer), json.dumps(render_blocks(answer), ensure_ascii=False)
    for match in answer.results:
        title = match.entry.title
        assert title in text and escape(title) in blocks
    for left_out in answer.excluded[:MAX_EXCLUDED_SHOWN]:
        assert left_out.resource.name in text and escape(left_out.resource.name) in blocks
        for reason in left_out.reasons:
            assert reason in text and escape(reason) in blocks
    assert ("SAMPLE DATA" in text) == ("SAMPLE DATA" in blocks) == answer.shows_example_data
    assert "do not post names, dates of birth" in text and "do not post names" in blocks
    if answer.results:
        assert f"Area: {engine.knowledge.defaults.area}" in text
        assert f"Area: {escape(engine.knowledge.defaults.area)}" in blocks


def dumps(blocks) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def test_stale_or_missing_verification_is_a_visible_warning(engine):
    stale = dumps(render_blocks(engine.answer("north ridge community hospital er", at=NOW)))
    assert "⚠ last verified 2025-06-15, over a year ago; call to confirm" in stale
    never = dumps(render_blocks(engine.answer("nami example county", at=NOW)))
    assert "⚠ never verified with the provider; call to confirm" in never


def test_guidance_shows_title_breadcrumb_summary_body_and_links(engine, shipped):
    section = shipped.by_id["partnership-agreements-mou"]
    blocks = render_blocks(engine.answer("what goes in an MOU with the mental health provider",
                                         at=NOW))  # fmt: skip
    head = blocks[0]["text"]["text"]
    assert head.startswith(f"*{escape(section.title)}*\n_{escape(' › '.join(section.path))}_")
    assert escape(section.summary) in head
    assert blocks[1]["text"]["text"].startswith(escape(section.body)[:200])
    assert all(escape(link.title) in json.dumps(blocks, ensure_ascii=False)
               for link in section.links)  # fmt: skip


def test_open_now_and_closing_time_are_shown(engine):
    blocks = dumps(render_blocks(engine.answer("millbrook walk-in crisis clinic",
                                                    at=at("2026-11-23 10:00"))))  # fmt: skip
    assert "— open, closes 20:00" in blocks
    closed = dumps(render_blocks(engine.answer("millbrook walk-in crisis clinic",
                                                    at=at("2026-11-22 10:00"))))  # fmt: skip
    assert "— closed, opens Mon 08:00" in closed


def test_a_best_guess_says_so_in_slack_and_on_the_console(engine):
    guess = engine.answer("do clinicians carry radios", at=NOW)
    assert guess.unsure
    assert "Not sure I understood" in json.dumps(render_blocks(guess), ensure_ascii=False)
    assert "Not sure I understood" in render_text(guess)
