"""Opening hours in OpenStreetMap syntax, parsed once at load time and asked at a given moment."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo

from opening_hours import OpeningHours, State

OpenState = Literal["open", "closed", "unknown"]

# How far ahead to look for the next opening or closing. The parser's own search has no limit:
# for some rules it walks to the year 9999 (``Mo-Su 00:00-24:00`` took 0.65 s per check).
LOOKAHEAD = timedelta(days=14)


class HoursSyntaxError(ValueError):
    """The text is not valid OpenStreetMap ``opening_hours`` syntax."""


@dataclass(frozen=True, slots=True)
class HoursStatus:
    """Whether a place is open at a moment, and when that changes (in the place's own time zone)."""

    state: OpenState
    next_change: datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.state == "open"

    @property
    def is_closed(self) -> bool:
        return self.state == "closed"


@dataclass(frozen=True, slots=True)
class Hours:
    """A parsed ``opening_hours`` value; ``text`` is what the admin wrote."""

    text: str
    _rule: OpeningHours = field(compare=False, repr=False)

    def __reduce__(self) -> tuple[object, tuple[str]]:
        """Pickled as its text (the parsed rule is native code); used by parallel loading."""
        return parse_hours, (self.text,)

    def status_at(self, moment: datetime, timezone: str) -> HoursStatus:
        """The state at ``moment`` (timezone-aware) for a place in ``timezone``; a change more
        than ``LOOKAHEAD`` away is not searched for (``next_change`` is then None)."""
        zone = _zone(timezone)
        local = moment.astimezone(zone).replace(tzinfo=None)
        horizon = local + LOOKAHEAD
        first = next(self._rule.intervals(local, horizon), None)
        if first is None:
            return HoursStatus("unknown")
        _start, end, state, _comment = first
        change = end if end is not None and end < horizon else None
        return HoursStatus(
            state=_STATES.get(state, "unknown"),
            next_change=change.replace(tzinfo=zone) if change is not None else None,
        )


_STATES: dict[State, OpenState] = {
    State.OPEN: "open",
    State.CLOSED: "closed",
    State.UNKNOWN: "unknown",
}


def parse_hours(text: str) -> Hours:
    """Parse ``text``; raises ``HoursSyntaxError`` with a one-line reason."""
    return Hours(text=text, _rule=_parse_cached(text))


@lru_cache(maxsize=4096)
def _parse_cached(text: str) -> OpeningHours:
    try:
        return OpeningHours(text)
    except Exception as error:  # the Rust parser raises its own ParserError / SyntaxError
        raise HoursSyntaxError(_first_useful_line(str(error))) from None


@lru_cache(maxsize=256)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def _first_useful_line(message: str) -> str:
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    expected = next((line.lstrip("= ").strip() for line in lines if "expected" in line), None)
    return expected or (lines[0] if lines else "invalid opening_hours")
