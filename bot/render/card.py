"""A place as an officer reads it at a glance, the same in every front end.

``place_card`` turns a matched place into a neutral card: line one says whether it is open
and how to call, line two how it meets what the question raised (✓ met, ✗ not met, ? not
listed), line three what the officer must do (the place's own notes and the first sentence
of its details), then what to watch for. ``detail_rows`` hold the rest, shown on request.
The renderers decide only the markup and how much room each part gets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from bot.answer import Exclusion, Fit, Match
from bot.knowledge.hours import HoursStatus
from bot.knowledge.loader import STALE_AFTER
from bot.knowledge.model import Resource
from bot.render.describe import criteria_phrases, hours_line, kind_label
from bot.search.eligibility import describe_change
from bot.search.needs import age_range
from bot.status import Statuses
from bot.status import describe as describe_status

MARKS = {"yes": "✓", "no": "✗", "unknown": "?"}
LEFT_OUT_NAMED = 3  # places left out shown by name; the rest are counted
LEFT_OUT_REASONS = 1  # reasons quoted for each; "why" gives them all
# a sentence ends at . ! ? before a capital, not after a title or an abbreviation
_SENTENCE_END = re.compile(
    r"(?<!\bSt)(?<!\bDr)(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bNo)(?<!\bvs)(?<!\be\.g)(?<!\bi\.e)"
    r"(?<!\bapprox)[.!?](?=\s+[\"'“A-Z0-9])"
)


@dataclass(frozen=True)
class PlaceCard:
    resource: Resource
    state: str  # "open 24/7", "open, closes 23:00", "closed, opens Mon 08:00", "hours not listed"
    is_open: bool | None  # None: not known
    report: str | None  # what the place itself reports tonight ("⛔ On diversion since 14:05...")
    fit: tuple[Fit, ...]  # what the question raised, met or not or not listed
    instructions: str | None  # what the officer must do, in the place's own words
    warnings: tuple[str, ...]  # what changes what an officer does: clearance, stale entry...

    @property
    def name(self) -> str:
        return self.resource.name

    @property
    def phone(self) -> str | None:
        return self.resource.phone

    @property
    def texting(self) -> str | None:
        """The number to text when there is no number to call."""
        return None if self.resource.phone else self.resource.text

    def fit_phrases(self) -> list[str]:
        """``✓ 5150 holds``, ``? violent/combative not listed``..."""
        return [f"{MARKS[f.verdict]} {f.text}" for f in self.fit]

    def about(self) -> list[str]:
        """What the place is, for a card whose question raised nothing to check."""
        return [
            kind_label(self.resource),
            *([self.resource.summary] if self.resource.summary else []),
        ]


def place_card(
    match: Match, moment: datetime, today: date, statuses: Statuses | None = None
) -> PlaceCard:
    """``statuses``: what places report about tonight; a place's own report heads its card."""
    resource = match.entry
    assert isinstance(resource, Resource)
    state, is_open = open_state(resource, match.status, moment)
    stale = freshness_warning(resource, today)
    reported = (statuses or {}).get(resource.id)
    return PlaceCard(
        resource=resource,
        state=state,
        is_open=is_open,
        report=describe_status(reported, moment) if reported else None,
        fit=match.fit,
        instructions=instructions(resource),
        warnings=(*match.caveats, *([stale] if stale else [])),
    )


def open_state(
    resource: Resource, status: HoursStatus | None, moment: datetime
) -> tuple[str, bool | None]:
    """``("open, closes 23:00", True)``; hours the knowledge base does not give are unknown."""
    if resource.hours is None:
        return "hours not listed", None
    if status is None or status.state == "unknown":
        return "open now? unknown", None
    if status.is_open:
        if status.next_change is None:
            return "open 24/7", True
        return f"open, closes {describe_change(status.next_change, moment)}", True
    if status.next_change is None:
        return "closed", False
    return f"closed, opens {describe_change(status.next_change, moment)}", False


def instructions(resource: Resource) -> str | None:
    """The admission notes and the first sentence of the details: how to hand someone over."""
    parts = [resource.criteria.notes or "", first_sentence(resource.details or "")]
    text = " ".join(" ".join(part.split()) for part in parts if part.strip())
    return text or None


def first_sentence(text: str) -> str:
    text = " ".join(text.split())
    end = _SENTENCE_END.search(text)
    return text[: end.end()] if end else text


def freshness_warning(resource: Resource, today: date) -> str | None:
    if resource.verified is None:
        return "never verified with the place; call to confirm"
    if today - resource.verified > STALE_AFTER:
        return f"last verified {resource.verified}, over a year ago; call to confirm"
    return None


def glance_rows(resource: Resource, today: date) -> list[tuple[str, str]]:
    """What a single place's look-up shows under its card, as (label, text) rows in the
    order they matter; the ``details`` view has everything."""
    rest = " ".join((resource.details or "").split())
    rest = rest.removeprefix(first_sentence(rest)).strip()
    where = " · ".join(x for x in (resource.hours.text if resource.hours else "not listed",
                                    resource.address) if x)  # fmt: skip
    rows = [("Hours", where), ("Takes", criteria_marks(resource))]
    if rest:
        rows.append(("More", rest))
    tail = [
        f"Serves {', '.join(resource.area)}" if resource.area else "",
        f"verified {resource.verified}" if resource.verified and not freshness_warning(
            resource, today) else "",
        resource.url or "",
    ]  # fmt: skip
    if any(tail):
        rows.append(("", " · ".join(x for x in tail if x)))
    return rows


def criteria_marks(resource: Resource) -> str:
    """Every admission criterion, marked: ``18+ · ✓ intoxicated below BAC 0.15 · ✗ violent ·
    ? not listed: I/DD, walk-ins``. What the knowledge base omits is named as not listed."""
    c = resource.criteria
    if resource.admission is None:
        return "admission criteria not listed; call ahead"
    marks: list[str] = [age_range(resource) or ""]
    missing: list[str] = [] if marks[0] else ["ages"]
    intoxication = {
        "accepted": "✓ intoxicated",
        "not_accepted": "✗ intoxicated",
        "below_limit": "✓ intoxicated below BAC "
        + (f"{c.max_bac:.2f}" if c.max_bac else "a limit"),
    }
    if c.intoxication:
        marks.append(intoxication[c.intoxication])
    else:
        missing.append("intoxicated")
    handoff = f" ~{c.dropoff_minutes} min" if c.dropoff_minutes is not None else ""
    for value, label in (
        (c.involuntary, "holds"),
        (None if c.violence is None else c.violence == "accepted", "violent"),
        (c.idd, "I/DD"),
        (
            c.law_enforcement_dropoff,
            "police drop-off" + (handoff if c.law_enforcement_dropoff else ""),
        ),
        (c.walk_in, "walk-ins"),
    ):
        if value is None:
            missing.append(label)
        else:
            marks.append(("✓ " if value else "✗ ") + label)
    if c.medical_clearance is not None:
        marks.append("needs medical clearance" if c.medical_clearance else "no clearance needed")
    else:
        missing.append("medical clearance")
    if c.excludes:
        marks.append("excludes " + ", ".join(c.excludes))
    if missing:
        marks.append("? not listed: " + ", ".join(missing))
    return " · ".join(mark for mark in marks if mark)


def detail_rows(
    resource: Resource, status: HoursStatus | None, moment: datetime, today: date
) -> list[tuple[str, str]]:
    """Everything else the knowledge base holds about a place, as (label, text) rows."""
    rows: list[tuple[str, str]] = []
    if resource.summary:
        rows.append(("About", f"{kind_label(resource)}: {resource.summary}"))
    else:
        rows.append(("About", kind_label(resource)))
    contact = [f"call {resource.phone}"] if resource.phone else []
    contact += [f"text {resource.text}"] if resource.text else []
    if contact:
        rows.append(("Contact", " · ".join(contact)))
    if resource.address:
        rows.append(("Address", resource.address))
    rows.append(("Hours", hours_line(resource, status, moment)))
    rows.append(("Takes", " · ".join(criteria_phrases(resource))))
    if resource.criteria.notes:
        rows.append(("Notes", resource.criteria.notes))
    if resource.details:
        rows.append(("Details", " ".join(resource.details.split())))
    if resource.services:
        rows.append(("Services", ", ".join(resource.services)))
    if resource.languages:
        rows.append(("Languages", ", ".join(resource.languages)))
    if resource.area:
        rows.append(("Serves", ", ".join(resource.area)))
    if resource.url:
        rows.append(("Web", resource.url))
    rows.append(("Checked", freshness_warning(resource, today) or f"verified {resource.verified}"))
    return rows


def short_area(area: str, limit: int = 40) -> str:
    """The knowledge base's area for a heading: without its parentheses, at most ``limit``."""
    text = re.sub(r"\s*\([^)]*\)", "", area).strip() or area
    return text if len(text) <= limit else text[: limit - 1].rstrip(" ,;") + "…"


def left_out_summary(
    excluded: tuple[Exclusion, ...], named: int = LEFT_OUT_NAMED
) -> tuple[list[tuple[Exclusion, str]], int]:
    """The first ``named`` places left out with their first reasons, and how many more."""
    shown = [(x, "; ".join(x.reasons[:LEFT_OUT_REASONS])) for x in excluded[:named]]
    return shown, max(0, len(excluded) - named)
