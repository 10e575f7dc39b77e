"""Answer -> plain text, for the console chat and ``ask`` without ``--json``.

Written for a 100-column terminal: a place is three lines (open now and the number; how it
meets what was asked; what to do there), places left out are named three at most, and
whatever is longer waits behind ``details N`` and ``why``.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.answer import Answer, Match
from bot.knowledge.model import Faq, GlossaryTerm, Link, Resource, Section
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

WIDTH = 100
_SEPARATOR = " · "
_KEEP = "\u00a0"  # a space inside an item, where no line may break
WHOLE_ITEM = 48  # items up to this long are kept on one line; longer ones break at spaces
INDENT = "   "
SAMPLE_BADGE = "[SAMPLE]"
LEFT_OUT_REASON = 48  # characters of a left-out place's reason; ``why`` gives them whole


@dataclass(frozen=True)
class Hints:
    """What a front end lets the reader do next, in its own words (``None``: not offered)."""

    more: str | None = None  # "say more"
    why: str | None = None  # "say why"


ASK_HINTS = Hints(more="--top {top}", why="all in --json")
CHAT_HINTS = Hints(more="more", why="why")


PLACES_LINES = 14  # a placement answer of three places, on a 100-column terminal
SINGLE_LINES = 10  # one place looked up
PLACE_LINES = 4  # each place beyond three


@dataclass(frozen=True)
class _Layout:
    """How much of the optional text an answer shows; the first that fits its budget wins."""

    about: bool = True  # what a place is, on a card whose question raised nothing to check
    left_out_lines: int = 2
    tail: bool = True  # a looked-up place's area, verification date and web address
    more_details: bool = True  # ...and the rest of its details
    one_heading: bool = False  # the sample-data warning on the heading's line


_LAYOUTS = (
    _Layout(),
    _Layout(about=False, tail=False),
    _Layout(about=False, tail=False, left_out_lines=1, more_details=False),
    _Layout(about=False, tail=False, left_out_lines=1, more_details=False, one_heading=True),
)


def render_text(
    answer: Answer,
    *,
    today: date | None = None,
    hints: Hints = ASK_HINTS,
    remind: bool = False,
    top: int = 5,
) -> str:
    """The whole answer, within its line budget where it has one; ``remind`` adds the
    reminder not to post health information."""
    today = today or answer.at.date()
    places = sum(isinstance(m.entry, Resource) for m in answer.results)
    if answer.placement or places > 1:
        budget = PLACES_LINES + PLACE_LINES * max(0, places - 3)
    elif places == 1 and len(answer.results) == 1:
        budget = SINGLE_LINES
    else:
        budget = None
    for layout in _LAYOUTS:
        lines = _compose(answer, today, hints, top, layout)
        if budget is None or len(lines) <= budget:
            break
    if remind:
        lines += _wrap(PHI_REMINDER, indent="")
    return "\n".join(lines) + "\n"


def _compose(answer: Answer, today: date, hints: Hints, top: int, layout: _Layout) -> list[str]:
    lines: list[str] = []
    notice = sample_notice(answer.mixes_sample_and_real) if answer.shows_example_data else ""
    heading = _lists_places(answer) and not answer.unsure
    if notice and not (heading and layout.one_heading):
        lines.append(notice)
        notice = ""
    if answer.unsure:
        lines += _wrap(UNSURE_NOTICE, indent="")
    elif heading:
        where = f" · {short_area(answer.area)}" if answer.area else ""
        more = (f" · {answer.more} more: {hints.more.format(top=top + 5)}"
                if answer.more and hints.more else "")  # fmt: skip
        text = f"Places for this person · {answer.at:%a %H:%M}{where}{more}"
        lines += _wrap(f"{notice} {text}" if notice else text, indent="")
    # one entry looked up is shown in full; places for a person stay cards
    single = len(answer.results) == 1 and not answer.placement
    badges = answer.mixes_sample_and_real
    for number, match in enumerate(answer.results, start=1):
        lines += _match_lines(number, match, answer, today, full=single, badges=badges,
                              layout=layout, numbered=len(answer.results) > 1)  # fmt: skip
    if not answer.results:
        if answer.excluded:
            lines.append("No place in the knowledge base fits every need stated.")
        else:
            lines += _wrap(TOO_SLOW if answer.too_slow else NO_ANSWER, indent="")
    if answer.also:
        lines += _lines(_wrap("Also: " + " · ".join(m.entry.title for m in answer.also),
                              indent=""), 1)  # fmt: skip
    lines += _left_out_lines(answer, hints, layout.left_out_lines)
    if answer.suggestions:
        said = "Or: " if answer.unsure else "Did you mean: "
        lines += _wrap(said + " | ".join(answer.suggestions), indent="")
    if answer.more and hints.more and not answer.also and not _lists_places(answer):
        lines.append(f"({answer.more} more: {hints.more.format(top=top + 5)})")
    return lines


def render_left_out(answer: Answer) -> str:
    """Every place left out, with every reason: the answer to "why not the others?"."""
    if not answer.excluded:
        return "No place was left out.\n"
    lines = [sample_notice(answer.mixes_sample_and_real)] if answer.shows_example_data else []
    lines.append("Left out:")
    badges = answer.mixes_sample_and_real
    for left_out in answer.excluded:
        badge = f" {SAMPLE_BADGE}" if badges and left_out.resource.example else ""
        lines += _wrap(f"✗ {left_out.resource.name}{badge}: {'; '.join(left_out.reasons)}",
                       subsequent=INDENT + "  ")  # fmt: skip
    return "\n".join(lines) + "\n"


def render_details(match: Match, answer: Answer, *, today: date | None = None) -> str:
    """One entry with everything the knowledge base holds on it (``details N``)."""
    today = today or answer.at.date()
    entry = match.entry
    if not isinstance(entry, Resource):
        return "\n".join(_match_lines(1, match, answer, today, full=True, numbered=False)) + "\n"
    lines = _card_lines(
        "", place_card(match, answer.at, today, answer.situation.statuses), badge=entry.example
    )
    for label, text in detail_rows(entry, match.status, answer.at, today):
        lines += _wrap(f"{label}: {text}")
    return "\n".join(lines) + "\n"


def _lists_places(answer: Answer) -> bool:
    return answer.placement and any(isinstance(m.entry, Resource) for m in answer.results)


def _match_lines(
    number: int, match: Match, answer: Answer, today: date, *, full: bool,
    numbered: bool = True, badges: bool = False, layout: _Layout = _LAYOUTS[0],
) -> list[str]:  # fmt: skip
    entry = match.entry
    head = f"{number}. " if numbered else ""
    if isinstance(entry, Resource):
        card = place_card(match, answer.at, today, answer.situation.statuses)
        lines = _card_lines(head, card, badge=badges and entry.example, about=layout.about)
        return lines + (_compact_details(match, answer, today, layout) if full else [])
    if isinstance(entry, Section):
        lines = [head + entry.title]
        if entry.summary:
            lines += _wrap(entry.summary)
        if full and entry.body:
            lines += [
                wrapped for line in entry.body.strip().splitlines() for wrapped in _wrap(line)
            ]
        return lines + _links(entry.links)
    if isinstance(entry, Faq):
        lines = [head + entry.questions[0], *_wrap(entry.answer)]
        return lines + _links(entry.links)
    assert isinstance(entry, GlossaryTerm)
    also = f" (also: {', '.join(entry.aliases)})" if entry.aliases else ""
    return [*_wrap(entry.term + also, first_indent=head), *_wrap(entry.definition)]


def _links(links: Sequence[Link]) -> list[str]:
    """A line each; a web address is never broken, so a long one may pass the margin."""
    return [line for x in links for line in _wrap(f"→ {x.title}: {x.url}", whole=True)]


def _card_lines(head: str, card: PlaceCard, *, badge: bool, about: bool = True) -> list[str]:
    badge_text = f" {SAMPLE_BADGE}" if badge else ""
    reach = f"call {card.phone}" if card.phone else f"text {card.texting}" if card.texting else ""
    parts = (card.name + badge_text, card.state, card.report, reach)
    first = " · ".join(part for part in parts if part)
    lines = _wrap(first, first_indent=head, whole=True)
    warnings = [f"⚠ {warning}" for warning in card.warnings]
    if not card.fit and about:  # nothing raised to check: what the place is
        lines.append(_one_line(INDENT + " · ".join(card.about())))
    if card.fit or warnings:
        lines += _wrap(" · ".join(card.fit_phrases() + warnings), whole=True)
    if card.instructions:
        lines.append(_one_line(INDENT + card.instructions))
    return lines


def _compact_details(match: Match, answer: Answer, today: date, layout: _Layout) -> list[str]:
    """A single place's glance rows under its card, a line each, as far as ``layout`` allows."""
    resource = match.entry
    assert isinstance(resource, Resource)
    lines: list[str] = []
    for label, text in glance_rows(resource, today):
        if (label == "More" and not layout.more_details) or (not label and not layout.tail):
            continue
        lines.append(_one_line(f"{INDENT}{label}: {text}" if label else INDENT + text))
    return lines


def _lines(lines: list[str], most: int) -> list[str]:
    """The first ``most`` lines, the last ending in … when some were cut."""
    if len(lines) <= most:
        return lines
    last = lines[most - 1][: WIDTH - 1].rstrip(" ·,;")
    return [*lines[: most - 1], last + "…"]


def _left_out_lines(answer: Answer, hints: Hints, most: int) -> list[str]:
    shown, _ = left_out_summary(answer.excluded)
    badges = answer.mixes_sample_and_real
    parts = [
        f"{x.resource.name}{' ' + SAMPLE_BADGE if badges and x.resource.example else ''} "
        f"({truncate(reason, LEFT_OUT_REASON)})"
        for x, reason in shown
    ]
    # as many as fit on two lines; the rest are counted
    while parts:
        more = len(answer.excluded) - len(parts)
        text = f"Left out ({len(answer.excluded)}): " + " · ".join(parts)
        if more:
            text += f" · {more} more" + (f" ({hints.why})" if hints.why else "")
        lines = _wrap(text, indent="", subsequent=INDENT, whole=True)
        if len(lines) <= most or len(parts) == 1:
            return lines
        parts.pop()
    return []


def _wrap(
    text: str, *, indent: str = INDENT, first_indent: str | None = None, subsequent: str = "",
    whole: bool = False,
) -> list[str]:  # fmt: skip
    """``text`` wrapped to ``WIDTH`` columns, on lines indented by ``indent``; ``whole``:
    its `` · ``-separated items are not broken across lines ("hand-off ~30 min")."""
    first = indent if first_indent is None else first_indent
    text = " ".join(text.split())
    if whole:  # textwrap breaks only at ASCII whitespace
        text = _SEPARATOR.join(
            item.replace(" ", _KEEP) if len(item) <= WHOLE_ITEM else item
            for item in text.split(_SEPARATOR)
        )
    lines = textwrap.wrap(
        text,
        WIDTH,
        initial_indent=first,
        subsequent_indent=subsequent or indent or INDENT,
        break_on_hyphens=False,
        break_long_words="://" not in text,  # a web address stays whole
    ) or [first.rstrip()]
    return [line.replace(_KEEP, " ") for line in lines]


def _one_line(text: str) -> str:
    return truncate(text, WIDTH)
