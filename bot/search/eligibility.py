"""Who a place will take: the situation's needs checked against every resource's criteria.

Criteria live in numpy columns so a check over ten thousand resources is a few vector
operations. Each need is decided once, here, as a mask; the readable reasons and caveats
are written from those masks, so what is shown always agrees with what was decided.
Unknown criteria never exclude: they are reported as unknown.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from bot.answer import Fit
from bot.knowledge.hours import Hours, HoursStatus
from bot.knowledge.model import RESOURCE_KINDS, Entry, Resource
from bot.search.lexicon import KIND_WORDS, NOT_A_DESTINATION, NOT_A_KIND_NAME, PLACE_KINDS
from bot.search.needs import (
    NEEDS,
    NO,
    UNKNOWN,
    YES,
    excluded_conditions,
    names_hold,
)
from bot.search.places import address_town, place_keys
from bot.search.situation import Situation
from bot.search.text import fold
from bot.status import STATES, TURNS_AWAY, Statuses, leaving_out

_NEEDS_BY_NAME = {need.name: need for need in NEEDS}
LOGISTICS = frozenset({"dropoff", "walk_in", "hours", "anywhere", "clearance", "in_town",
                       "agency_area"})  # fmt: skip
# an area naming a whole county or region: we cannot tell which towns it holds
_BROAD = re.compile(
    r"\b(count(?:y|ies|ywide)|region\w*|statewide|state|parish|district|"
    r"metro|all|entire|whole|neighbou?ring|surrounding|tri[\s-]?county|nation\w*|"
    r"united states|usa|u\.s|country)\b"
)
# ...of which a county ("tallow county"; not a district, nor a county's unincorporated part)
_COUNTY = re.compile(r"(?!unincorporated |rural )[a-z .'-]+ (?:county|parish)")

_INTOX_CODES = {None: UNKNOWN, "not_accepted": 0, "accepted": 1, "below_limit": 2}


def _tri(value: bool | None) -> int:
    return UNKNOWN if value is None else int(value)


_NOT_COMPUTED = -2
_MOMENTS_KEPT = 8  # moments whose opening states are kept (the minute asked, mostly)
_VIOLENCE_CODES = {None: UNKNOWN, "not_accepted": NO, "accepted": YES}
_NOT_A_RESOURCE = (False, 0, False, -1, -1, UNKNOWN, np.nan, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN,
                   UNKNOWN, UNKNOWN, 0, False, False, False, -1, False)  # fmt: skip
_COLUMNS = (
    ("is_resource", bool), ("kind", np.int8), ("destination", bool), ("min_age", np.int16),
    ("max_age", np.int16), ("intoxication", np.int8), ("max_bac", np.float32),
    ("involuntary", np.int8), ("violence", np.int8), ("idd", np.int8), ("dropoff", np.int8),
    ("walk_in", np.int8), ("medical_clearance", np.int8), ("excludes", np.int32),
    ("for_youth", bool), ("substance_only", bool), ("warm_line", bool), ("named_kind", np.int8),
    ("for_veterans", bool),
)  # fmt: skip
_FOR_VETERANS = re.compile(r"\b(?:vets?|veterans?|va|military|service members?)\b")
# a name that says who it is for: "Youth Mobile Response", "Kids' Crisis Unit"
_FOR_YOUTH = re.compile(
    r"\b(?:youth|child|children|childrens|kids?|adolescents?|teens?|juveniles?|pediatric|"
    r"paediatric|minors?)\b"
)

# kinds that say whom a place is for, not what it does: its name may say that
# ("Cardinal House Youth Emergency Shelter", "Sycamore House Youth Crisis Stabilization Unit")
_WHOM_FOR = frozenset({"youth"})
_KIND_NAMED = tuple(
    (RESOURCE_KINDS.index(kind), re.compile(r"\b(?:" + "|".join(
        re.escape(fold(w)) for w in words if w not in NOT_A_KIND_NAME and w != "bed") + r")\b"))
    for kind, words in KIND_WORDS.items()
    if kind not in _WHOM_FOR and words
)  # fmt: skip


_SUBSTANCE_FOCUS = re.compile(
    r"\b(?:opioids?|opiates?|buprenorphine|suboxone|methadone|naltrexone|vivitrol|addictions?|"
    r"substance use|moud|mat|sud|alcohol use|recovery coach\w*)\b"
)
_MENTAL_FOCUS = re.compile(
    r"\b(?:mental|psychiatr\w*|psych|behavioral|counsel\w*|therap\w*|crisis|bridge prescri\w*|"
    r"medication management|med management)\b"
)
# a line for people who want to talk, not in crisis
_WARM_LINE = re.compile(
    r"\bwarm ?lines?\b|\bpeer (?:support |run )?(?:line|phone)|\bnon[\s-]?crisis\b"
)


# an area that is everywhere the bot is used: no place's area limits it
_NATIONWIDE = re.compile(r"\b(?:united states|usa|u\.s|nationwide|national|statewide|country)\b")


def _region_names(region: str | None) -> frozenset[str]:
    """The knowledge base's whole area as places may list it: "Example County (sample
    data)" is also "example county"."""
    if not region:
        return frozenset()
    return frozenset({fold(region), re.sub(r"\s*\([^)]*\)", "", fold(region)).strip()})


def criteria_row(entry: Entry) -> tuple[object, ...]:
    """One entry's criteria as column values, in ``_COLUMNS`` order (inert for non-resources)."""
    if not isinstance(entry, Resource):
        return _NOT_A_RESOURCE
    resource, c = entry, entry.criteria
    return (
        True,
        RESOURCE_KINDS.index(resource.kind),
        # somewhere to take a person: a place (whose address may not be written yet), or
        # another kind with an address; not a line or a team
        resource.kind in PLACE_KINDS
        or (resource.kind not in NOT_A_DESTINATION and bool(resource.address)),
        -1 if c.min_age is None else c.min_age,
        -1 if c.max_age is None else c.max_age,
        _INTOX_CODES[c.intoxication],
        np.nan if c.max_bac is None else c.max_bac,
        _tri(c.involuntary),
        _VIOLENCE_CODES[c.violence],
        _tri(c.idd),
        _tri(c.law_enforcement_dropoff),
        _tri(c.walk_in),
        _tri(c.medical_clearance),
        excluded_conditions(resource),
        bool(_FOR_YOUTH.search(_names(resource))),
        _substance_only(resource),
        resource.kind == "crisis_line" and bool(_WARM_LINE.search(_self_description(resource))),
        _named_kind(resource),
        bool(_FOR_VETERANS.search(_names(resource))),
    )


def _named_kind(resource: Resource) -> int:
    """What a place for some people only does, as its name says: the kind named (-1: none)."""
    if resource.kind not in _WHOM_FOR:
        return -1
    names = _names(resource)
    return next((kind for kind, pattern in _KIND_NAMED if pattern.search(names)), -1)


def _names(resource: Resource) -> str:
    """A place's name and aliases, folded, one after another."""
    return " | ".join(fold(n) for n in (resource.name, *resource.aliases))


def _substance_only(resource: Resource) -> bool:
    """Whether a place treats substance use only (a buprenorphine clinic), by what it says
    of itself: no place for a psychiatric medication refill."""
    said = f"{_self_description(resource)} {fold(' '.join(resource.services))}"
    return bool(_SUBSTANCE_FOCUS.search(said)) and not _MENTAL_FOCUS.search(said)


def _self_description(resource: Resource) -> str:
    return fold(" ".join((resource.name, *resource.aliases, resource.summary or "")))


class CriteriaTable:
    """Admission criteria and hours of every entry as columns (non-resources are inert rows)."""

    is_resource: np.ndarray
    kind: np.ndarray  # position in RESOURCE_KINDS
    destination: np.ndarray
    min_age: np.ndarray  # -1: not listed
    max_age: np.ndarray
    intoxication: np.ndarray
    max_bac: np.ndarray  # NaN: not listed
    involuntary: np.ndarray
    violence: np.ndarray
    idd: np.ndarray
    dropoff: np.ndarray
    walk_in: np.ndarray
    medical_clearance: np.ndarray
    for_youth: np.ndarray  # named for young people ("Youth Mobile Response")
    substance_only: np.ndarray  # treats substance use only (see ``_substance_only``)
    warm_line: np.ndarray  # a line for people who want to talk, not in crisis
    excludes: np.ndarray  # bits of the CONDITIONS a place's exclusions name
    named_kind: np.ndarray  # what a youth place does, by its name; -1 not said
    for_veterans: np.ndarray  # named for veterans ("Veterans Crisis Line")

    def __init__(
        self,
        entries: Sequence[Entry],
        timezone_of: Callable[[Resource], str],
        rows: Sequence[tuple[object, ...]] | None = None,
        region: str | None = None,
    ) -> None:
        """``rows``, when given, are ``criteria_row(entry)`` for each entry, computed before;
        ``region`` is the knowledge base's whole area (a place serving it serves anywhere)."""
        self.row_of = {entry.id: row for row, entry in enumerate(entries)}
        region_names = _region_names(region)
        if rows is None:
            rows = [criteria_row(e) for e in entries]
        columns = zip(*rows, strict=True) if rows else [()] * len(_COLUMNS)
        for (name, dtype), values in zip(_COLUMNS, columns, strict=True):
            setattr(self, name, np.array(values, dtype=dtype))
        # each place's exclusions, by row: any may name a hold ("people on an ECO")
        self._exclusions = {
            row: e.criteria.excludes
            for row, e in enumerate(entries)
            if isinstance(e, Resource) and e.criteria.excludes
        }
        self._excluding_hold: dict[str | None, np.ndarray] = {}
        self.hours: list[tuple[Hours, str]] = []  # distinct (hours, time zone) pairs
        groups: dict[tuple[str, str], int] = {}
        hours_group = []
        for entry in entries:
            if isinstance(entry, Resource) and entry.hours is not None:
                key = (entry.hours.text, timezone_of(entry))
                if key not in groups:
                    groups[key] = len(self.hours)
                    self.hours.append((entry.hours, key[1]))
                hours_group.append(groups[key])
            else:
                hours_group.append(-1)
        self.hours_group = np.array(hours_group, dtype=np.int32)
        self._areas = [
            (frozenset(k for a in e.area for k in place_keys(a)),
             any(_BROAD.search(fold(a)) for a in e.area)
             or bool(region_names & {fold(a) for a in e.area}))
            if isinstance(e, Resource) and e.area
            else None
            for e in entries
        ]  # fmt: skip
        # which county each town is in, from the counties it is listed with: "Hartsfield"
        # beside "Tallow County" elsewhere is not in "Coalridge County"; listed once beside
        # Birch Lake and Heron counties and once beside Birch Lake and Tamarack, it is in
        # Birch Lake (only where every wide area listed with it is a county: a district may
        # lie inside one)
        self._counties: list[frozenset[str]] = []  # an entry's wide areas, if all counties
        self._county_of: dict[str, frozenset[str]] = {}
        unsure: set[str] = set()
        for entry in entries:
            areas = [fold(a) for a in entry.area] if isinstance(entry, Resource) else []
            broad = frozenset(a for a in areas if _BROAD.search(a))
            counties = broad if all(_COUNTY.fullmatch(b) for b in broad) else frozenset()
            self._counties.append(counties)
            for key in (k for a in areas if broad and a not in broad for k in place_keys(a)):
                if not counties:
                    unsure.add(key)
                elif key in self._county_of:
                    self._county_of[key] &= counties  # in every listing's counties
                else:
                    self._county_of[key] = counties
        for key in unsure:
            self._county_of.pop(key, None)
        # the town each place stands in, from its address: a place a question may name, and
        # of two places that suit alike, the one in the town named is the nearer (a tie-break)
        self._rows_in_town: dict[str, list[int]] = {}
        towns: set[str] = set()
        for row, entry in enumerate(entries):
            town = (
                address_town(entry.address)
                if isinstance(entry, Resource) and entry.address
                else None
            )
            if town:
                towns.add(town)
                for key in place_keys(town):
                    self._rows_in_town.setdefault(key, []).append(row)
        self.towns = sorted(towns)
        self._serves: dict[str, np.ndarray] = {}
        self._open_at: dict[datetime, np.ndarray] = {}
        self._open_lock = threading.Lock()
        # centre statuses as columns, per snapshot of them (the service re-reads every 2 s)
        self._reports: list[tuple[Statuses, _Reports]] = []
        # serves only the places its ``area`` lists, towns or counties (not the whole region)
        self.local = np.array(
            [isinstance(e, Resource) and bool(e.area)
             and not region_names & {fold(a) for a in e.area}
             and not any(_NATIONWIDE.search(fold(a)) for a in e.area) for e in entries],
            dtype=bool,
        )  # fmt: skip

    def excludes_hold(self, rows: np.ndarray, hold: str | None) -> np.ndarray:
        """Per row: its exclusions name people on a hold, or on ``hold`` by name (worked
        out once per hold name, for every entry)."""
        mask = self._excluding_hold.get(hold)
        if mask is None:
            mask = np.zeros(len(self.is_resource), dtype=bool)
            for row, texts in self._exclusions.items():
                mask[row] = any(names_hold(text, hold) for text in texts)
            self._excluding_hold[hold] = mask
        return mask[rows]

    def open_states(self, moment: datetime, groups: np.ndarray) -> np.ndarray:
        """Per hours group, YES open / NO closed / UNKNOWN at ``moment``; those in ``groups``
        are computed (once per moment: an answer checks hours two or three times, and
        questions asked in the same minute share them)."""
        with self._open_lock:  # engines are shared between threads
            states = self._open_at.get(moment)
            if states is None:
                if len(self._open_at) >= _MOMENTS_KEPT:
                    self._open_at.pop(next(iter(self._open_at)))
                states = np.full(len(self.hours), _NOT_COMPUTED, dtype=np.int8)
                self._open_at[moment] = states
            for group in groups[states[groups] == _NOT_COMPUTED]:
                hours, zone = self.hours[group]
                state = hours.status_at(moment, zone).state
                states[group] = {"open": YES, "closed": NO}.get(state, UNKNOWN)
            return states.copy()

    def reports(self, statuses: Statuses) -> _Reports:
        """``statuses`` as columns of this table's rows, worked out once per snapshot."""
        with self._open_lock:
            for seen, columns in self._reports:
                if seen is statuses:
                    return columns
            known = [s for s in statuses.values() if s.resource_id in self.row_of]
            columns = _Reports(
                rows=np.array([self.row_of[s.resource_id] for s in known], dtype=np.int64),
                states=np.array([STATES.index(s.state) for s in known], dtype=np.int8),
                start=np.array([s.reported_at.timestamp() for s in known], dtype=np.float64),
                end=np.array([s.expires_at.timestamp() for s in known], dtype=np.float64),
            )
            self._reports = [*self._reports[-(_SNAPSHOTS_KEPT - 1) :], (statuses, columns)]
            return columns

    def stands_in(self, place: str) -> np.ndarray:
        """Per entry: its address is in ``place``."""
        mask = np.zeros(len(self.is_resource), dtype=bool)
        for key in place_keys(place):
            mask[self._rows_in_town.get(key, [])] = True
        return mask

    def serves(self, place: str) -> np.ndarray:
        """Per entry: YES when its ``area`` lists ``place``, NO when it lists other places
        only, UNKNOWN when it lists none (it serves anywhere) or a whole county or region,
        which may hold the place named; NO again when other entries list the place with
        other counties only."""
        key = fold(place)
        if key not in self._serves:
            keys = place_keys(place)  # "Fairview" and "Fairview Borough" are one place
            counties = set().union(*(self._county_of.get(k, set()) for k in keys))
            self._serves[key] = np.array(
                [UNKNOWN if a is None else YES if keys & a[0] else
                 (NO if counties and own and not counties & own else UNKNOWN) if a[1] else NO
                 for a, own in zip(self._areas, self._counties, strict=True)],
                dtype=np.int8,
            )  # fmt: skip
        return self._serves[key]


@dataclass(frozen=True)
class Verdicts:
    """The outcome for a set of rows: which needs each fails or confirms, and opening state."""

    rows: np.ndarray
    fails: dict[str, np.ndarray]
    confirms: dict[str, np.ndarray]
    open_state: np.ndarray  # YES open, NO closed, UNKNOWN unknown, at the moment asked

    @property
    def excluded(self) -> np.ndarray:
        mask = np.zeros(len(self.rows), dtype=bool)
        for failed in self.fails.values():
            mask |= failed
        return mask

    @property
    def fit(self) -> np.ndarray:
        """Share of the person's stated needs (and the place named) each row is known to
        meet; 0 when none is stated. Logistics (drop-off, walk-in, hours) decide who is
        left out, and what is unknown about them is a caveat, but they do not rank."""
        person = [mask for need, mask in self.confirms.items() if need not in LOGISTICS]
        if not person:
            return np.zeros(len(self.rows), dtype=np.float32)
        return sum(c.astype(np.float32) for c in person) / len(person)

    @property
    def sure(self) -> np.ndarray:
        """Share of the logistics (drop-off, hours, walk-in, no medical clearance needed,
        serving anywhere) each row is known to meet: a tie-break between places that suit
        alike, open-now before hours unknown."""
        # (one that no row is known to meet tells them nothing apart)
        known = [mask for need, mask in self.confirms.items() if need in LOGISTICS and mask.any()]
        if not known:
            return np.zeros(len(self.rows), dtype=np.float32)
        return sum(c.astype(np.float32) for c in known) / len(known)

    def failed_needs(self, position: int) -> list[str]:
        return [need for need, mask in self.fails.items() if mask[position]]

    def unknown_needs(self, position: int) -> list[str]:
        return [
            need
            for need, mask in self.confirms.items()
            if not mask[position] and not self.fails[need][position]
        ]


def assess(
    table: CriteriaTable, rows: np.ndarray, situation: Situation, *, placement: bool
) -> Verdicts:
    """Check ``rows`` against every need the situation states (``needs.NEEDS``); in
    placement mode hours count too, and so does police drop-off (or walk-in)."""
    fails: dict[str, np.ndarray] = {}
    confirms: dict[str, np.ndarray] = {}
    for need in NEEDS:
        if need.decide is not None and need.stated(situation, placement):
            fails[need.name], confirms[need.name] = need.decide(table, rows, situation)
    open_state = _open_state(table, rows, situation.at)
    if placement:
        fails["hours"] = open_state == NO
        confirms["hours"] = open_state == YES
        if situation.statuses:  # on diversion or closed tonight, as the place reports
            fails["status"] = turned_away(table, rows, situation)
    return Verdicts(rows, fails, confirms, open_state)


@dataclass(frozen=True)
class _Reports:
    """Centre statuses as columns: the row each is about, its state, when it is live."""

    rows: np.ndarray
    states: np.ndarray  # position in STATES
    start: np.ndarray  # POSIX seconds
    end: np.ndarray


_SNAPSHOTS_KEPT = 4
_TURNING_AWAY = [STATES.index(state) for state in TURNS_AWAY]
_LIMITED = [STATES.index("limited")]


def turned_away(table: CriteriaTable, rows: np.ndarray, situation: Situation) -> np.ndarray:
    """Rows whose place reports it is on diversion or closed at the moment asked."""
    return _reported(table, rows, situation, _TURNING_AWAY)


def limited(table: CriteriaTable, rows: np.ndarray, situation: Situation) -> np.ndarray:
    """Rows whose place reports it is at capacity (call first) at the moment asked."""
    return _reported(table, rows, situation, _LIMITED)


def _reported(
    table: CriteriaTable, rows: np.ndarray, situation: Situation, states: list[int]
) -> np.ndarray:
    reports = table.reports(situation.statuses)
    moment = situation.at.timestamp()
    live = (reports.start <= moment) & (moment < reports.end) & np.isin(reports.states, states)
    if not live.any():
        return np.zeros(len(rows), dtype=bool)
    mask = np.zeros(len(table.is_resource), dtype=bool)
    mask[reports.rows[live]] = True
    return mask[rows]


def _open_state(table: CriteriaTable, rows: np.ndarray, moment: datetime) -> np.ndarray:
    groups = table.hours_group[rows]
    known = groups >= 0
    states = np.full(len(rows), UNKNOWN, dtype=np.int8)
    states[known] = table.open_states(moment, np.unique(groups[known]))[groups[known]]
    return states


def status_of(resource: Resource, moment: datetime, timezone: str) -> HoursStatus | None:
    return resource.hours.status_at(moment, timezone) if resource.hours else None


def failure_reason(need: str, resource: Resource, situation: Situation, status: HoursStatus | None,
                   moment: datetime) -> str:  # fmt: skip
    """Why ``resource`` was left out for ``need``, in words an officer reads at a glance."""
    if need == "hours":
        return closed_reason(status, moment)
    if need == "full":
        return "full, as the question says"
    if need == "status":
        return leaving_out(situation.statuses[resource.id], moment)
    return _NEEDS_BY_NAME[need].reason(resource, situation)


def closed_reason(status: HoursStatus | None, moment: datetime) -> str:
    when = _clock(moment.astimezone(status.next_change.tzinfo) if status and status.next_change
                  else moment)  # fmt: skip
    if status is None or status.next_change is None:
        return f"closed at {when}"
    return f"closed at {when}, opens {describe_change(status.next_change, moment)}"


def describe_change(change: datetime, moment: datetime) -> str:
    """``08:00`` when it is the same day as ``moment``, else ``Mon 08:00``."""
    local = moment.astimezone(change.tzinfo)
    if change.date() == local.date():
        return _clock(change)
    if (change.date() - local.date()).days < 7:
        return f"{change:%a} {_clock(change)}"
    return f"{change:%b} {change.day} {_clock(change)}"


def _clock(moment: datetime) -> str:
    return f"{moment:%H:%M}"


def fit(
    verdicts: Verdicts, position: int, resource: Resource, situation: Situation
) -> tuple[Fit, ...]:
    """How ``resource`` meets each need the question raised, as its card shows it: what it
    is known to meet, what it fails (a look-up shows places a placement would leave out),
    what the knowledge base does not say."""
    out: list[Fit] = []
    for name, confirmed in verdicts.confirms.items():
        need = _NEEDS_BY_NAME.get(name)
        if need is None or need.met is None:
            continue
        if confirmed[position]:
            out.append(Fit(name, "yes", need.met(resource, situation)))
        elif verdicts.fails[name][position]:
            out.append(Fit(name, "no", need.reason(resource, situation)))
        elif (text := need.unknown(resource, situation)) is not None:
            out.append(Fit(name, "unknown", text))
    if situation.language:
        spoken = any(situation.language in language.lower() for language in resource.languages)
        language = situation.language.title()
        out.append(
            Fit("language", "yes", f"{language} spoken")
            if spoken
            else Fit("language", "unknown", f"{language} not listed")
        )
    return tuple(out)


def caveats(unknown: Sequence[str], resource: Resource, situation: Situation) -> tuple[str, ...]:
    """What to watch for beyond the needs raised (``fit`` says those): unknown hours,
    a limited area, a clearance to get first, no police drop-off."""
    notes: list[str] = []
    for name in unknown:
        need = _NEEDS_BY_NAME.get(name)
        if name == "hours":
            notes.append("hours not listed; call ahead")
        elif (
            need is not None
            and need.met is None
            and (text := need.unknown(resource, situation)) is not None
        ):
            notes.append(text)
    if resource.criteria.medical_clearance and not situation.cleared:
        notes.append("needs medical clearance before admission")
    if resource.criteria.law_enforcement_dropoff is False and resource.address:
        notes.append("no police drop-offs: the person goes on their own")
    return tuple(notes)
