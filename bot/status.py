"""What a crisis centre reports about tonight, on top of what the knowledge base says it
normally accepts. Pure: a status is a value; whether it applies depends on the moment asked.

States: ``accepting``; ``limited`` (at capacity or a wait: call first); ``diversion`` (not
taking police drop-offs); ``closed`` (an unplanned closure). Every status expires; an expired
one is shown as such and no longer applied. ``hl7_capacity`` and ``hsds_capacity`` give the
HL7 SDOH capacity code and the HSDS 3.1 draft's ``service_capacity`` fields for export.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

State = Literal["accepting", "limited", "diversion", "closed"]
STATES: tuple[State, ...] = ("accepting", "limited", "diversion", "closed")
TURNS_AWAY: frozenset[str] = frozenset({"diversion", "closed"})  # a place to leave out
DEFAULT_TTL = timedelta(hours=8)
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

    def live(self, moment: datetime) -> bool:
        return self.reported_at <= moment < self.expires_at

    def turns_away(self, moment: datetime) -> bool:
        """Whether the place is to be left out of placements at ``moment``."""
        return self.state in TURNS_AWAY and self.live(moment)

    def limits(self, moment: datetime) -> bool:
        return self.state == "limited" and self.live(moment)

    def hl7_capacity(self) -> str:
        return _HL7[self.state]

    def hsds_capacity(self) -> dict[str, Any]:
        """HSDS 3.1 draft ``service_capacity``: beds available, when updated."""
        available = 0 if self.state in TURNS_AWAY else self.beds
        return {"available": available, "unit": "bed",
                "updated": self.reported_at.isoformat(timespec="minutes")}  # fmt: skip


Statuses = Mapping[str, CenterStatus]  # the latest report for each resource id


def describe(status: CenterStatus, moment: datetime) -> str:
    """A card's status words: "⛔ On diversion since 14:05 (until 18:00) · reported 35 min
    ago", "✓ Accepting · 3 beds · 20 min ago", "last report 9 h ago, expired"."""
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
    parts.append(f"reported {ago} ago")
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
