"""The answer to one question, independent of how it is shown (Slack, console, JSON)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from bot.knowledge.hours import HoursStatus
from bot.knowledge.model import Entry, Resource
from bot.search.situation import Situation
from bot.status import Statuses

Verdict = Literal["yes", "no", "unknown"]


@dataclass(frozen=True)
class Fit:
    """How a place meets one need the question raised: "takes intoxicated people below BAC
    0.15" (yes), "violence not listed" (unknown)."""

    need: str
    verdict: Verdict
    text: str


@dataclass(frozen=True)
class Match:
    """An entry that answers the question; for resources, its state at the moment asked,
    how it meets each need the question raised (``fit``) and what else to watch for."""

    entry: Entry
    score: float
    status: HoursStatus | None = None
    caveats: tuple[str, ...] = ()
    fit: tuple[Fit, ...] = ()


@dataclass(frozen=True)
class Exclusion:
    """A place left out, and why, in plain words."""

    resource: Resource
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Answer:
    query: str
    situation: Situation
    results: tuple[Match, ...] = ()
    excluded: tuple[Exclusion, ...] = ()
    suggestions: tuple[str, ...] = ()
    # other entries that match, named only: the question asked for one entry ("harbor crc
    # phone", "what is CIT"), and that one is the answer
    also: tuple[Match, ...] = ()
    more: int = 0  # further results beyond those returned
    area: str | None = None
    placement: bool = False  # places for the person described (not a look-up)
    unsure: bool = False  # the one result is the best guess, not a confident answer
    too_slow: bool = False  # not answered within the time allowed for one question

    @property
    def at(self) -> datetime:
        return self.situation.at

    @property
    def answered(self) -> bool:
        return bool(self.results)

    @property
    def shows_example_data(self) -> bool:
        entries = [m.entry for m in self.results] + [x.resource for x in self.excluded]
        return any(e.example for e in entries)

    @property
    def mixes_sample_and_real(self) -> bool:
        """Sample entries beside real ones, so each needs its badge (a notice covers all)."""
        entries = [m.entry for m in (*self.results, *self.also)]
        entries += [x.resource for x in self.excluded]
        return len({e.example for e in entries}) > 1

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "at": self.at.isoformat(timespec="minutes"),
            "situation": self.situation.as_dict(),
            "results": [_match_json(m, self.situation.statuses, self.at) for m in self.results],
            "excluded": [
                {"id": x.resource.id, "title": x.resource.name, "reasons": list(x.reasons)}
                for x in self.excluded
            ],
            "also": [{"id": m.entry.id, "title": m.entry.title} for m in self.also],
            "suggestions": list(self.suggestions),
            "placement": self.placement,
            "unsure": self.unsure,
            "more": self.more,
            "example_data": self.shows_example_data,
        }


def _match_json(match: Match, answer_statuses: Statuses, at: datetime) -> dict[str, Any]:
    entry = match.entry
    out: dict[str, Any] = {
        "id": entry.id,
        "type": entry.type,
        "title": entry.title,
        "score": round(match.score, 3),
    }
    if isinstance(entry, Resource):
        out["kind"] = entry.kind
        out["example"] = entry.example
        if match.status is not None:
            out["open"] = {"open": True, "closed": False}.get(match.status.state)
            if match.status.next_change is not None:
                out["next_change"] = match.status.next_change.isoformat(timespec="minutes")
        reported = answer_statuses.get(entry.id)
        if reported is not None:
            out["status"] = {
                "state": reported.state, "live": reported.live(at),
                "reported_at": reported.reported_at.isoformat(timespec="minutes"),
                "expires_at": reported.expires_at.isoformat(timespec="minutes"),
                "beds": reported.beds, "note": reported.note,
                "hl7_capacity": reported.hl7_capacity(),
            }  # fmt: skip
        if match.fit:
            out["fit"] = [{"need": f.need, "verdict": f.verdict, "text": f.text} for f in match.fit]
        if match.caveats:
            out["caveats"] = list(match.caveats)
    return out
