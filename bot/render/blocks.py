"""Answer -> Slack Block Kit, within Slack's limits, with every text escaped.

Pure functions: the Slack listeners only send what these build, so the layout is tested
without Slack. Knowledge text and questions are escaped (``&``, ``<``, ``>``) so nobody can
inject ``<!channel>`` or a fake link; the only links are the ones built here.
"""

from __future__ import annotations

import html
import json
import re
from datetime import date, datetime
from typing import Any
from urllib.parse import quote

from bot.answer import Answer, Match
from bot.knowledge.model import Faq, GlossaryTerm, Resource, Section
from bot.render.card import (
    PlaceCard,
    detail_rows,
    glance_rows,
    left_out_summary,
    place_card,
    short_area,
)
from bot.render.describe import (
    NO_ANSWER,
    PHI_REMINDER,
    TOO_SLOW,
    UNSURE_NOTICE,
    sample_notice,
    truncate,
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
INSTRUCTIONS_SHOWN = 90  # characters of a place's instructions on its card; Details has all
ABOUT_SHOWN = 80  # ...of what a place is, when the question raised nothing to check
BRIEF_INSTRUCTIONS = 60  # ...of the instructions when three cards would not fit a phone screen
GLANCE_ROW = 200  # characters of a row under a single place's card
FIRST_SCREEN = 1200  # characters a 390-pixel-wide phone shows without scrolling
LEFT_OUT_NAMED = 2  # places left out named on a phone's first screen
LEFT_OUT_REASON = 48  # characters of a left-out place's reason; "Why not others?" has all
MAX_ALSO_BUTTONS = 4
_STATE_ICONS = {True: ":large_green_circle:", False: ":red_circle:", None: ":white_circle:"}

# action ids, shared with the listeners that handle them
SHARE = "share_answer"
MORE = "more_results"
SUGGEST = "ask_suggestion"  # followed by -0, -1, -2: ids must be unique in a message
DETAILS = "place_details"  # followed by -N, the place's number in the answer
WHY = "why_left_out"
FEEDBACK_UP = "feedback_up"
FEEDBACK_DOWN = "feedback_down"


def escape(text: str) -> str:
    """Slack's three control characters; everything else is shown as written."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


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
    """A tap-to-call link whose label does not break across lines on a phone."""
    digits = re.sub(r"[^\d+]", "", phone)
    label = phone.replace(" ", "\u00a0").replace("-", "\u2011")
    return link(f"tel:{digits}", label) if digits else escape(phone)


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
    remind: bool = False,
) -> list[Block]:
    """The whole answer: places as short cards, other entries, places left out, buttons.

    ``share``, for ephemeral replies, adds a "Share in channel" button whose value holds the
    question, the moment and these extra fields (``resources_only`` for ``/crisis``), which
    every follow-up button keeps. ``remind`` adds the reminder not to post health details.
    """
    today = today or answer.at.date()
    follow = {k: v for k, v in (share or {}).items() if k != "listing"}
    blocks: list[Block] = []
    if answer.shows_example_data:
        notice = sample_notice(answer.mixes_sample_and_real)
        blocks.append(_context(f":warning: *{notice}*"))
    if not answer.results:
        if answer.excluded:
            blocks.append(_section("*No place in the knowledge base fits every need stated.*"))
        else:
            blocks.append(_section(escape(TOO_SLOW if answer.too_slow else NO_ANSWER)))
    elif answer.unsure:
        blocks.append(_context(f":grey_question: {escape(UNSURE_NOTICE)}"))
    elif answer.placement and any(isinstance(m.entry, Resource) for m in answer.results):
        where = f"  ·  {escape(short_area(answer.area))}" if answer.area else ""
        blocks.append(_section(f"*Places for this person*  ·  {answer.at:%a %H:%M}{where}"))
    single = len(answer.results) == 1 and not answer.placement
    badges = answer.mixes_sample_and_real
    numbered = len(answer.results) > 1
    for brief in (False, True):  # brief: as short as cards go, when they would not fit
        cards = [
            block
            for number, match in enumerate(answer.results, start=1)
            for block in _match_blocks(
                number,
                match,
                answer,
                today,
                full=single,
                badges=badges,
                brief=brief,
                numbered=numbered,
            )
        ]
        if single or visible_length([*blocks, *cards]) <= FIRST_SCREEN:
            break
    blocks += cards
    if len(answer.also) > MAX_ALSO_BUTTONS:  # the first are buttons, below
        names = "  ·  ".join(escape(m.entry.title) for m in answer.also[MAX_ALSO_BUTTONS:])
        blocks.append(_context(f"*Also:* {names}"))
    if answer.excluded:
        blocks.append(_left_out_block(answer, badges))
    actions = _action_elements(answer, share=share, follow=follow, top=top)
    closing = [_context(escape(PHI_REMINDER))] if remind else []
    room = MAX_BLOCKS - len(closing) - (1 if actions else 0)
    if len(blocks) > room:  # keep the top results, drop the tail, say so
        blocks = [*blocks[: room - 1], _context("_More in the knowledge base; ask more narrowly._")]
    if actions:
        blocks.append({"type": "actions", "elements": actions})
    return blocks + closing


def render_left_out_blocks(answer: Answer) -> list[Block]:
    """Every place left out, with every reason: "Why not others?"."""
    if not answer.excluded:
        return [_section("No place was left out.")]
    badges = answer.mixes_sample_and_real
    notice = ([_context(f":warning: *{sample_notice(badges)}*")]
              if answer.shows_example_data else [])  # fmt: skip
    lines = [
        f"• *{escape(x.resource.name)}*{_badge(badges and x.resource.example)}: "
        f"{escape('; '.join(x.reasons))}"
        for x in answer.excluded
    ]
    blocks, chunk = [], "*Left out:*"
    for line in lines:  # sections of at most 3,000 characters
        if len(chunk) + len(line) + 1 > MAX_SECTION_TEXT:
            blocks.append(_section(chunk))
            chunk = ""
        chunk = f"{chunk}\n{line}" if chunk else line
    return [*notice, *blocks, _section(chunk)][:MAX_BLOCKS]


def render_details_blocks(
    match: Match, answer: Answer, *, today: date | None = None
) -> list[Block]:
    """One place with everything the knowledge base holds on it: the Details button."""
    today = today or answer.at.date()
    entry = match.entry
    if not isinstance(entry, Resource):
        return _match_blocks(1, match, answer, today, full=True, badges=False, numbered=False)
    card = place_card(match, answer.at, today, answer.situation.statuses)
    blocks = [_card_block(card, None, badge=entry.example)]
    rows = detail_rows(entry, match.status, answer.at, today)
    return [*blocks, _section(_rows_text(rows))]


def fallback_text(answer: Answer) -> str:
    """The notification and screen-reader text that goes with the blocks."""
    return truncate(escape(render_text(answer)), MAX_FALLBACK_TEXT)


def _badge(shown: bool) -> str:
    return "  `SAMPLE`" if shown else ""


def visible_length(blocks: list[Block]) -> int:
    """About how many characters Slack shows for ``blocks``' text: links by their labels,
    entities as one character, buttons and formatting marks not counted."""
    texts = [b["text"]["text"] for b in blocks if b.get("type") == "section" and "text" in b]
    texts += [e["text"] for b in blocks if b.get("type") == "context" for e in b["elements"]]
    shown = re.sub(r"<[^|>]*\|([^>]*)>", r"\1", "\n".join(texts))
    return len(html.unescape(re.sub(r"[*_`]", "", shown)))


def _match_blocks(
    number: int, match: Match, answer: Answer, today: date, *, full: bool, badges: bool,
    numbered: bool = True, brief: bool = False,
) -> list[Block]:  # fmt: skip
    entry = match.entry
    if isinstance(entry, Resource):
        card = place_card(match, answer.at, today, answer.situation.statuses)
        block = _card_block(card, number if numbered else None, badge=badges and entry.example,
                            details_at=answer.at, brief=brief)  # fmt: skip
        if not full:
            return [block]
        rows = [(label, truncate(text, GLANCE_ROW)) for label, text in glance_rows(entry, today)]
        return [block, _section(_rows_text(rows))]
    if isinstance(entry, Section):
        crumbs = f"\n_{escape(' › '.join(entry.path))}_" if entry.path else ""
        blocks = [_section(f"*{escape(entry.title)}*{crumbs}\n{escape(entry.summary or '')}")]
        if full and entry.body:
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


def _card_block(
    card: PlaceCard, number: int | None, *, badge: bool, details_at: datetime | None = None,
    brief: bool = False,
) -> Block:  # fmt: skip
    """A place in one section: name, open or not, the number to tap; the fit; what to do.
    ``details_at``: the moment asked, for a Details button that shows the rest; ``brief``:
    what the place is left out, and its instructions cut shorter."""
    name = f"*{number}. {escape(card.name)}*" if number else f"*{escape(card.name)}*"
    reach = (phone_link(card.phone) if card.phone
             else f"text {escape(card.texting)}" if card.texting else "")  # fmt: skip
    state = f"{_STATE_ICONS[card.is_open]} {card.state}"
    report = escape(card.report) if card.report else ""
    first = "  ·  ".join(part for part in (name + _badge(badge), state, report, reach) if part)
    lines = [first]
    if not card.fit and not brief:  # nothing raised to check: what the place is
        lines.append(escape(truncate(" · ".join(card.about()), ABOUT_SHOWN)))
    warnings = [f":warning: {escape(warning)}" for warning in card.warnings]
    if card.fit or warnings:
        lines.append(" · ".join([escape(p) for p in card.fit_phrases()] + warnings))
    if card.instructions:
        shown = BRIEF_INSTRUCTIONS if brief else INSTRUCTIONS_SHOWN
        lines.append(f"_{escape(truncate(card.instructions, shown))}_")
    block = _section("\n".join(lines))
    if details_at is not None:
        moment = details_at.isoformat(timespec="minutes")
        value = json.dumps({"id": card.resource.id, "at": moment}, ensure_ascii=False)
        block["accessory"] = _button("Details", f"{DETAILS}-{number or 1}", value)
    return block


def _rows_text(rows: list[tuple[str, str]]) -> str:
    out = []
    for label, text in rows:
        shown = link(text, text) if label == "Web" else escape(text)
        out.append(f"*{label}:* {shown}" if label else shown)
    return "\n".join(out)


def _left_out_block(answer: Answer, badges: bool) -> Block:
    shown, more = left_out_summary(answer.excluded, LEFT_OUT_NAMED)
    parts = [
        f"*{escape(x.resource.name)}*{_badge(badges and x.resource.example)} "
        f"({escape(truncate(reason, LEFT_OUT_REASON))})"
        for x, reason in shown
    ]
    text = f"*Left out ({len(answer.excluded)}):* " + "  ·  ".join(parts)
    if more:
        text += f"  ·  _{more} more_"
    return _context(text)


def _action_elements(
    answer: Answer, *, share: dict[str, Any] | None, follow: dict[str, Any], top: int
) -> list[dict[str, Any]]:
    elements = [
        _button(f"Did you mean: {suggestion}", f"{SUGGEST}-{number}",
                json.dumps({"q": suggestion[:1500]}, ensure_ascii=False))
        for number, suggestion in enumerate(answer.suggestions)
    ]  # fmt: skip
    elements += [
        _button(match.entry.title, f"{SUGGEST}-{len(answer.suggestions) + number}",
                json.dumps({"q": match.entry.title[:1500], **follow}, ensure_ascii=False))
        for number, match in enumerate(answer.also[:MAX_ALSO_BUTTONS])
    ]  # fmt: skip
    if len(answer.excluded) > len(left_out_summary(answer.excluded)[0]) or any(
        len(x.reasons) > 1 for x in answer.excluded
    ):
        why = question_value(answer.query, answer, **follow)
        elements.append(_button("Why not others?", WHY, why))
    if answer.more and not answer.also:
        more = question_value(answer.query, answer, top=top + 5, **follow)
        elements.append(_button("More results", MORE, more))
    if share is not None and answer.results:
        elements.append(
            _button("Share in channel", SHARE, question_value(answer.query, answer, **share))
        )
    top_id = answer.results[0].entry.id if answer.results else ""
    vote = json.dumps({"top": top_id, "q": answer.query[:500]}, ensure_ascii=False)
    elements.append(_button("👍", FEEDBACK_UP, vote))
    elements.append(_button("👎", FEEDBACK_DOWN, vote))
    return elements
