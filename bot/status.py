"""What a crisis centre reports about tonight, on top of what the knowledge base says it
normally accepts. Pure: a status is a value; whether it applies depends on the moment asked.

States: ``accepting``; ``limited`` (at capacity or a wait: call first); ``diversion`` (not
taking police drop-offs); ``closed`` (an unplanned closure). Every status expires; an expired
one is shown as such and no longer applied. ``hl7_capacity`` and ``hsds_capacity`` give the
HL7 SDOH capacity code and the HSDS 3.1 draft's ``service_capacity`` fields for export.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal, cast

State = Literal["accepting", "limited", "diversion", "closed"]
STATES: tuple[State, ...] = ("accepting", "limited", "diversion", "closed")
TURNS_AWAY: frozenset[str] = frozenset({"diversion", "closed"})  # a place to leave out
DEFAULT_TTL = timedelta(hours=8)
API_REPORTER = "api"  # a report made by a centre's own system, through the status API
# the kinds of place whose beds and diversion a status board shows
BOARD_KINDS = ("crisis_center", "emergency_department", "sobering_center", "detox",
               "psychiatric_hospital")  # fmt: skip
_HL7 = {"accepting": "capacity", "limited": "waitlist", "diversion": "no-capacity",
        "closed": "no-capacity"}  # fmt: skip
_SAID = {"accepting": "Accepting", "limited": "At capacity, call first",
         "diversion": "On diversion", "closed": "Closed"}  # fmt: skip
_MARKS = {"accepting": "✓", "limited": "⚠", "diversion": "⛔", "closed": "⛔"}


@dataclass(frozen=True)
class CenterStatus:
    """One report from a place (or for it): its state from ``reported_at`` to ``expires_at``."""

    resource_id: str
    state: State
    reported_at: datetime
    expires_at: datetime
    beds: int | None = None
    note: str | None = None
    reporter: str = ""  # a Slack user id, or "api" for a centre's own system
    team_id: str | None = None  # the workspace it was reported in

    def live(self, moment: datetime) -> bool:
        return self.reported_at <= moment < self.expires_at

    def hl7_capacity(self) -> str:
        return _HL7[self.state]

    def hsds_capacity(self) -> dict[str, Any]:
        """HSDS 3.1 draft ``service_capacity``: beds available, when updated."""
        available = 0 if self.state in TURNS_AWAY else self.beds
        return {"available": available, "unit": "bed",
                "updated": self.reported_at.isoformat(timespec="minutes")}  # fmt: skip


Statuses = Mapping[str, CenterStatus]  # the latest report for each resource id


def describe(status: CenterStatus, moment: datetime) -> str:
    """A card's status words: "⛔ On diversion since 14:05 (until 18:00) · reported by
    center staff 35 min ago", "✓ Accepting · 3 beds · reported by the center's system 20 min
    ago", "last report 9 h ago, expired"."""
    ago = _ago(moment - status.reported_at)
    if not status.live(moment):
        return f"last report {ago} ago, expired"
    parts = [f"{_MARKS[status.state]} {_SAID[status.state]}"]
    if status.state in TURNS_AWAY:
        local = status.reported_at.astimezone(moment.tzinfo)
        until = status.expires_at.astimezone(moment.tzinfo)
        parts[0] += f" since {local:%H:%M} (until {until:%H:%M})"
    if status.beds is not None and status.state in ("accepting", "limited"):
        parts.append(f"{status.beds} bed{'s' if status.beds != 1 else ''}")
    by = "the center's system" if status.reporter == API_REPORTER else "center staff"
    parts.append(f"reported by {by} {ago} ago")
    return " · ".join(parts)


def leaving_out(status: CenterStatus, moment: datetime) -> str:
    """Why a place on diversion or closed is left out, as its reason reads."""
    local = status.reported_at.astimezone(moment.tzinfo)
    until = status.expires_at.astimezone(moment.tzinfo)
    said = "on diversion" if status.state == "diversion" else "closed, as its staff report"
    return f"{said} since {local:%H:%M} (until {until:%H:%M})"


def _ago(gap: timedelta) -> str:
    minutes = max(0, int(gap.total_seconds() // 60))
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h"
    return f"{minutes // (24 * 60)} days"


@dataclass(frozen=True)
class Report:
    """A report as a reporter typed it: ``[PLACE] STATE [beds N] [for 4h | until 18:00] [note]``."""

    resource_id: str | None  # None: the reporter's one place
    state: State
    beds: int | None
    expires_at: datetime
    note: str | None


MAX_BEDS = 10_000
MAX_HOURS = 24  # a report lasts at most a day; a longer one is renewed, not left to rot
_DURATION = re.compile(r"(\d{1,3})\s*(h|hr|hrs|hours?|m|min|mins|minutes?)$", re.IGNORECASE)
_CLOCK = re.compile(r"(\d{1,2})(?::?(\d{2}))?\s*(am|pm)?$", re.IGNORECASE)


def parse_report(text: str, now: datetime, ttl: timedelta = DEFAULT_TTL) -> Report | str:
    """The report in ``text``, or one sentence saying what is wrong with it."""
    words = text.split()
    place = None
    if words and words[0].lower() not in STATES:
        place, words = words[0], words[1:]
    if not words or words[0].lower() not in STATES:
        return f"Say the state: {', '.join(STATES)} (e.g. `diversion for 4h`)."
    state = cast(State, words[0].lower())
    words = words[1:]
    beds: int | None = None
    expires = now + ttl
    while words:
        head = words[0].lower()
        if head in ("beds", "bed") and len(words) > 1:
            if not words[1].isdigit() or int(words[1]) > MAX_BEDS:
                return f"Beds must be a whole number from 0 to {MAX_BEDS:,}."
            beds, words = int(words[1]), words[2:]
        elif head == "for" and len(words) > 1:
            two = _duration(" ".join(words[1:3])) if len(words) > 2 else None  # "90 min"
            span = two or _duration(words[1])  # "4h"
            if span is None:
                return "Say how long like `for 4h` or `for 90m`, at most 24 hours."
            expires, words = now + span, words[3:] if two else words[2:]
        elif head == "until" and len(words) > 1:
            moment = _until(words[1], now)
            if moment is None:
                return "Say until when like `until 18:00` (within the next 24 hours)."
            expires, words = moment, words[2:]
        else:
            break
    note = " ".join(words).strip() or None
    return Report(place, state, beds, expires, note[:300] if note else None)


def _duration(text: str) -> timedelta | None:
    found = _DURATION.fullmatch(text.strip())
    if not found:
        return None
    amount = int(found.group(1))
    span = (
        timedelta(hours=amount) if found.group(2)[0].lower() == "h" else timedelta(minutes=amount)
    )
    return span if timedelta(0) < span <= timedelta(hours=MAX_HOURS) else None


def _until(text: str, now: datetime) -> datetime | None:
    found = _CLOCK.fullmatch(text.strip())
    if not found:
        return None
    hour, minute = int(found.group(1)), int(found.group(2) or 0)
    if found.group(3):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if found.group(3).lower() == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    moment = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    return moment if moment > now else moment + timedelta(days=1)


_FIELDS = frozenset({"state", "beds", "until", "note"})


def report_from_fields(fields: object, now: datetime, ttl: timedelta = DEFAULT_TTL) -> Report | str:
    """A report sent as JSON by a centre's own system: ``{"state", "beds", "until", "note"}``
    (only ``state`` required; ``until`` an ISO date-time with an offset, within 24 hours);
    or one sentence saying what is wrong with it."""
    if not isinstance(fields, dict):
        return "The body must be a JSON object."
    unknown = sorted(set(fields) - _FIELDS)
    if unknown:
        return (
            f"Unknown field(s): {', '.join(map(str, unknown))[:100]}; use state, beds, until, note."
        )
    state = fields.get("state")
    if state not in STATES:
        return f"state must be one of {', '.join(STATES)}."
    beds = fields.get("beds")
    if beds is not None and (isinstance(beds, bool) or not isinstance(beds, int)
                             or not 0 <= beds <= MAX_BEDS):  # fmt: skip
        return f"beds must be a whole number from 0 to {MAX_BEDS:,}, or null."
    note = fields.get("note")
    if note is not None and (not isinstance(note, str) or len(note) > 300):
        return "note must be text of at most 300 characters, or null."
    expires = now + ttl
    until = fields.get("until")
    if until is not None:
        try:
            expires = datetime.fromisoformat(str(until))
        except ValueError:
            return "until must be an ISO date-time like 2026-11-28T18:00-06:00, or null."
        if expires.tzinfo is None or not now < expires <= now + timedelta(hours=MAX_HOURS):
            return "until must carry its UTC offset and fall within the next 24 hours."
    return Report(None, cast(State, state), beds, expires, note.strip() or None if note else None)
