"""Block Kit layout without Slack: limits, escaping, and the same answer as the console."""

from __future__ import annotations

import json

import pytest
from slack_sdk.models.blocks import Block

from bot.knowledge import load_knowledge
from bot.knowledge.model import Resource
from bot.render.blocks import (
    MAX_BLOCKS,
    SUGGEST,
    WHY,
    escape,
    link,
    phone_link,
    render_blocks,
    render_details_blocks,
    render_left_out_blocks,
)
from bot.render.card import MARKS
from bot.render.text import render_text
from bot.search.engine import Engine
from tests.conftest import at
from tests.slack_harness import buttons

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


def valid_block_kit(blocks) -> bool:
    """Every block parses as Slack's SDK models it and passes their limits (text lengths,
    element counts), and nothing in it is a field those models do not know."""
    for block in blocks:
        parsed = Block.parse(block)
        assert parsed is not None, block
        assert parsed.to_dict() == block, block  # raises on a limit; drops unknown fields
    return True


def test_slack_limits_hold_for_huge_answers(hostile):
    answer = hostile.answer("where can I take an adult", at=NOW, top=60)
    blocks = render_blocks(answer, share={}, remind=True)
    assert len(blocks) <= MAX_BLOCKS
    assert valid_block_kit(blocks)
    assert blocks[-2]["type"] == "actions"  # the buttons survive the cut, before the reminder
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
     "weather tomorrow", "combative drunk guy on a 5150 at 2am"],
)  # fmt: skip
def test_console_and_slack_show_the_same_answer(engine, question):
    answer = engine.answer(question, at=NOW)
    text, blocks = render_text(answer), render_blocks(answer, share={})
    sent = dumps(blocks)
    assert valid_block_kit(blocks)
    for match in answer.results:
        assert match.entry.title in text and escape(match.entry.title) in sent
        for fit in match.fit:  # every need the question raised, met or not or unknown
            assert f"{MARKS[fit.verdict]} {fit.text}" in text
            assert escape(f"{MARKS[fit.verdict]} {fit.text}") in sent
        if isinstance(match.entry, Resource) and match.entry.phone:
            assert match.entry.phone in text and phone_link(match.entry.phone) in sent
    if answer.excluded:
        first = answer.excluded[0]
        assert f"Left out ({len(answer.excluded)})" in text and first.resource.name in text
        assert f"*Left out ({len(answer.excluded)}):*" in sent
        assert escape(first.resource.name) in sent and escape(first.reasons[0][:40]) in sent
    if answer.also:  # the text names as many as fit a line; Slack gives each a button
        assert f"Also: {answer.also[0].entry.title[:20]}" in text
        assert all(escape(also.entry.title) in sent for also in answer.also)
    assert ("SAMPLE DATA" in text) == ("SAMPLE DATA" in sent) == answer.shows_example_data
    assert "do not post names" not in text and "do not post names" not in sent
    if answer.placement and answer.results:
        assert engine.knowledge.defaults.area.split(" (")[0] in text.splitlines()[1]
        assert escape(engine.knowledge.defaults.area.split(" (")[0]) in sent


def test_the_reminder_not_to_post_health_details_is_shown_when_asked_for(engine):
    answer = engine.answer("where can i take an intoxicated 16yo at 2am", at=NOW)
    assert "do not post names, dates of birth" in render_text(answer, remind=True)
    assert "do not post names, dates of birth" in dumps(render_blocks(answer, remind=True))


def test_one_place_asked_for_is_the_answer_and_the_rest_are_names(engine):
    answer = engine.answer("harbor crisis receiving center phone", at=NOW)
    assert [m.entry.id for m in answer.results] == ["harbor-crisis-receiving-center"]
    assert answer.also and answer.to_json()["also"][0]["id"] == answer.also[0].entry.id
    text = render_text(answer)
    assert text.count("call (555)") == 1 and "Also: " in text
    also = [b for a, b in buttons(render_blocks(answer)).items() if a.startswith(SUGGEST)]
    assert [json.loads(b["value"])["q"] for b in also] == [m.entry.title for m in answer.also[:4]]


def test_guidance_shows_one_entry_not_the_same_fact_three_times(engine):
    answer = engine.answer("what is CIT", at=NOW)
    assert len(answer.results) == 1 and len(answer.also) >= 2
    assert render_text(answer).count("40-hour") <= 2  # its aliases and its definition


def test_left_out_places_beyond_the_first_are_behind_why(engine):
    answer = engine.answer("combative drunk guy on a 5150 at 2am", at=NOW)
    assert len(answer.excluded) > 3
    blocks = render_blocks(answer, share={})
    assert WHY in buttons(blocks)
    full = dumps(render_left_out_blocks(answer))
    assert valid_block_kit(render_left_out_blocks(answer))
    for left_out in answer.excluded:
        assert escape(left_out.resource.name) in full
        assert all(escape(reason) in full for reason in left_out.reasons)


def test_a_places_details_hold_what_its_card_leaves_out(engine):
    answer = engine.answer("combative drunk guy on a 5150 at 2am", at=NOW)
    ed = answer.results[0].entry
    details = render_details_blocks(answer.results[0], answer)
    assert valid_block_kit(details)
    shown = dumps(details)
    for value in (ed.address, ed.url, *ed.services, *ed.languages, str(ed.verified)):
        assert value in shown
    assert escape(" ".join(ed.details.split())) in shown


def dumps(blocks) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def test_stale_or_missing_verification_is_a_visible_warning(engine):
    stale = engine.answer("north ridge community hospital er", at=NOW)
    warning = "last verified 2025-06-15, over a year ago; call to confirm"
    assert f":warning: {warning}" in dumps(render_blocks(stale)) and f"⚠ {warning}" in render_text(
        stale
    )
    never = dumps(render_blocks(engine.answer("nami example county", at=NOW)))
    assert ":warning: never verified with the place; call to confirm" in never


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
    assert ":large_green_circle: open, closes 20:00" in blocks
    closed = dumps(render_blocks(engine.answer("millbrook walk-in crisis clinic",
                                                    at=at("2026-11-22 10:00"))))  # fmt: skip
    assert ":red_circle: closed, opens Mon 08:00" in closed


def test_a_best_guess_says_so_in_slack_and_on_the_console(engine):
    guess = engine.answer("do clinicians carry radios", at=NOW)
    assert guess.unsure
    assert "Not sure I understood" in json.dumps(render_blocks(guess), ensure_ascii=False)
    assert "Not sure I understood" in render_text(guess)
