"""Answer -> Slack Block Kit, within Slack's limits, with every text escaped.

Pure functions: the Slack listeners only send what these build, so the layout is tested
without Slack. Knowledge text and questions are escaped (``&``, ``<``, ``>``) so nobody can
inject ``<!channel>`` or a fake link; the only links are the ones built here.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any
from urllib.parse import quote

from bot.answer import Answer, Match
from bot.knowledge.model import Faq, GlossaryTerm, Resource, Section
from bot.render.describe import (
    MAX_EXCLUDED_SHOWN,
    NO_ANSWER,
    PHI_REMINDER,
    SAMPLE_NOTICE,
    TOO_SLOW,
    UNSURE_NOTICE,
    criteria_phrases,
    hours_line,
    kind_label,
    verified_note,
)
from bot.render.text import render_text

Block = dict[str, Any]

MAX_BLOCKS = 50
MAX_SECTION_TEXT = 3000
MAX_FIELDS = 10
MAX_FIELD_TEXT = 2000
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_FALLBACK_TEXT = 3000

# action ids, shared with the listeners that handle them
SHARE = "share_answer"
MORE = "more_results"
SUGGEST = "ask_suggestion"  # followed by -0, -1, -2: ids must be unique in a message
FEEDBACK_UP = "feedback_up"
FEEDBACK_DOWN = "feedback_down"


def escape(text: str) -> str:
    """Slack's three control characters; everything else is shown as written."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": truncate(text, MAX_SECTION_TEXT)}}


def _context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": truncate(text, 3000)}]}


def _button(text: str, action_id: str, value: str, style: str | None = None) -> dict[str, Any]:
    button: dict[str, Any] = {
        "type": "button",
        "text": {"type": "plain_text", "text": truncate(text, MAX_BUTTON_TEXT), "emoji": True},
        "action_id": action_id,
        "value": value[:MAX_BUTTON_VALUE],
    }
    if style:
        button["style"] = style
    return button


def link(url: str, label: str) -> str:
    """A Slack link whose parts cannot break out of the ``<url|label>`` syntax."""
    safe_url = quote(url, safe=":/?#[]@!$&'()*+,;=%~.-_")
    return f"<{safe_url.replace('&', '&amp;')}|{escape(label)}>"


def phone_link(phone: str) -> str:
    digits = re.sub(r"[^\d+]", "", phone)
    return link(f"tel:{digits}", phone) if digits else escape(phone)


def question_value(question: str, answer: Answer, **extra: Any) -> str:
    """What a button needs to ask the same question again, as JSON in its value."""
    payload = {"q": question[:1500], "at": answer.at.isoformat(timespec="minutes"), **extra}
    return json.dumps(payload, ensure_ascii=False)


def render_blocks(
    answer: Answer,
    *,
    today: date | None = None,
    share: dict[str, Any] | None = None,
    top: int = 5,
) -> list[Block]:
    """The whole answer: results, places left out, suggestions, buttons, reminders.

    ``share``, for ephemeral replies, adds a "Share in channel" button whose value holds the
    question, the moment and these extra fields, so the same answer can be posted visibly.
    """
    today = today or answer.at.date()
    blocks: list[Block] = []
    if answer.shows_example_data:
        blocks.append(_context(f":warning: *{SAMPLE_NOTICE}*"))
    if not answer.results:
        if answer.excluded:
            blocks.append(_section("*No place in the knowledge base fits every need stated.*"))
        else:
            blocks.append(_section(escape(TOO_SLOW if answer.too_slow else NO_ANSWER)))
    elif answer.unsure:
        blocks.append(_context(f":grey_question: {escape(UNSURE_NOTICE)}"))
    elif answer.situation.placement:
        blocks.append(_section(f"*Places that can take this person* ({answer.at:%a %H:%M})"))
    for match in answer.results:
        blocks += _match_blocks(match, answer, today)
        blocks.append({"type": "divider"})
    if answer.excluded:
        blocks.append(_excluded_block(answer))
    actions = _action_elements(answer, share=share, top=top)
    area = f"Area: {escape(answer.area)}  ·  " if answer.area and answer.results else ""
    closing = [_context(area + escape(PHI_REMINDER))]
    room = MAX_BLOCKS - len(closing) - (1 if actions else 0)
    if len(blocks) > room:  # keep the top results, drop the tail, say so
        blocks = [*blocks[: room - 1], _context("_More in the knowledge base; ask more narrowly._")]
    if actions:
        blocks.append({"type": "actions", "elements": actions})
    return blocks + closing


def fallback_text(answer: Answer) -> str:
    """The notification and screen-reader text that goes with the blocks."""
    return truncate(escape(render_text(answer)), MAX_FALLBACK_TEXT)


def _match_blocks(match: Match, answer: Answer, today: date) -> list[Block]:
    entry = match.entry
    if isinstance(entry, Resource):
        return _resource_blocks(match, entry, answer, today)
    if isinstance(entry, Section):
        crumbs = f"\n_{escape(' › '.join(entry.path))}_" if entry.path else ""
        blocks = [_section(f"*{escape(entry.title)}*{crumbs}\n{escape(entry.summary or '')}")]
        if entry.body:
            blocks.append(_section(escape(entry.body)))
        if entry.links:
            blocks.append(_context("  ·  ".join(link(x.url, x.title) for x in entry.links)))
        return blocks
    if isinstance(entry, Faq):
        blocks = [_section(f"*{escape(entry.questions[0])}*\n{escape(entry.answer)}")]
        if entry.links:
            blocks.append(_context("  ·  ".join(link(x.url, x.title) for x in entry.links)))
        return blocks
    assert isinstance(entry, GlossaryTerm)
    also = f" _(also: {escape(', '.join(entry.aliases))})_" if entry.aliases else ""
    return [_section(f"*{escape(entry.term)}*{also}\n{escape(entry.definition)}")]


def _resource_blocks(match: Match, resource: Resource, answer: Answer, today: date) -> list[Block]:
    badge = "  :warning: `SAMPLE DATA`" if resource.example else ""
    head = f"*{escape(resource.name)}*  ·  {escape(kind_label(resource))}{badge}"
    if resource.summary:
        head += f"\n{escape(resource.summary)}"
    fields = []
    if resource.phone:
        fields.append(f"*Phone*\n{phone_link(resource.phone)}")
    if resource.text:
        fields.append(f"*Text*\n{escape(resource.text)}")
    if resource.address:
        fields.append(f"*Address*\n{escape(resource.address)}")
    fields.append(f"*Hours*\n{escape(hours_line(resource, match.status, answer.at))}")
    if resource.url:
        fields.append(f"*Web*\n{link(resource.url, resource.url)}")
    section = _section(head)
    section["fields"] = [
        {"type": "mrkdwn", "text": truncate(text, MAX_FIELD_TEXT)} for text in fields[:MAX_FIELDS]
    ]
    criteria = "*Takes:* " + " · ".join(escape(p) for p in criteria_phrases(resource))
    if resource.criteria.notes:
        criteria += f"\n_{escape(resource.criteria.notes)}_"
    notes = [f":warning: {escape(c)}" for c in match.caveats]
    stale = verified_note(resource, today)
    notes.append(escape(stale) if stale.startswith("⚠") else f"_{escape(stale)}_")
    return [section, _section(criteria), _context("\n".join(notes))]


def _excluded_block(answer: Answer) -> Block:
    lines = []
    for left_out in answer.excluded[:MAX_EXCLUDED_SHOWN]:
        badge = " (sample)" if left_out.resource.example else ""
        reasons = "; ".join(left_out.reasons)
        lines.append(f"• *{escape(left_out.resource.name)}*{badge}: {escape(reasons)}")
    more = len(answer.excluded) - MAX_EXCLUDED_SHOWN
    if more > 0:
        lines.append(f"…and {more} more")
    return _section("*Left out:*\n" + "\n".join(lines))


def _action_elements(
    answer: Answer, *, share: dict[str, Any] | None, top: int
) -> list[dict[str, Any]]:
    elements = [
        _button(f"Did you mean: {suggestion}", f"{SUGGEST}-{number}",
                json.dumps({"q": suggestion[:1500]}, ensure_ascii=False))
        for number, suggestion in enumerate(answer.suggestions)
    ]  # fmt: skip
    if answer.more:
        elements.append(_button("More results", MORE, question_value(answer.query, answer,
                                                                       top=top + 5)))  # fmt: skip
    if share is not None and answer.results:
        elements.append(
            _button("Share in channel", SHARE, question_value(answer.query, answer, **share))
        )
    top_id = answer.results[0].entry.id if answer.results else ""
    vote = json.dumps({"top": top_id, "q": answer.query[:500]}, ensure_ascii=False)
    elements.append(_button("👍", FEEDBACK_UP, vote))
    elements.append(_button("👎", FEEDBACK_DOWN, vote))
    return elements
