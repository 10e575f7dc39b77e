"""Every need a question can state, defined once: when it is stated, how a place's criteria
decide it, how a left-out place's reason and an unknown are worded, and which kinds of place
suit a person with it.

Eligibility (``eligibility.assess``), ranking (``kind_fit``) and the reasons shown all read
``NEEDS``, so a new criterion is one entry here (plus its column in the criteria table and,
if the question states it in new words, its reader in ``situation``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from bot.knowledge.model import RESOURCE_KINDS, Resource
from bot.search.lexicon import CONDITIONS, KIND_LABELS
from bot.search.situation import ADULT_AGE, OLDER_THAN, Situation
from bot.search.text import fold
from bot.search.wants import denied

if TYPE_CHECKING:
    from bot.search.eligibility import CriteriaTable

UNKNOWN, NO, YES = -1, 0, 1
MAX_REASON_ITEMS = 2  # exclusions quoted in one reason
LOW_BAC = 0.08  # a reading below the legal limit is a drink or two, not drunk
NARROW_ADULT_AGES = 20  # an adult age range this narrow ("18-25") is a place for that age
Masks = tuple[np.ndarray, np.ndarray]  # (fails, confirms) over the rows asked about


@dataclass(frozen=True)
class Need:
    name: str
    stated: Callable[[Situation, bool], bool]  # (situation, placement) -> does it apply
    # None: a need that only ranks (a veteran suits a vet centre; nothing rules a place out)
    decide: Callable[[CriteriaTable, np.ndarray, Situation], Masks] | None
    reason: Callable[[Resource, Situation], str] = lambda r, s: ""  # why a place was left out
    unknown: Callable[[Resource, Situation], str | None] = lambda r, s: None
    suits: Mapping[str, float] = field(default_factory=dict)  # kind -> bonus when stated
    # how a place meeting it is described on its card ("takes 5150 holds"); None: not shown
    met: Callable[[Resource, Situation], str] | None = None


def _column(name: str) -> Callable[[CriteriaTable, np.ndarray, Situation], Masks]:
    """A yes/no criterion: fails on a known no, confirms on a known yes."""

    def decide(table: CriteriaTable, rows: np.ndarray, situation: Situation) -> Masks:
        values = getattr(table, name)[rows]
        resource = table.is_resource[rows]
        return resource & (values == NO), resource & (values == YES)

    return decide


def _age(table: CriteriaTable, rows: np.ndarray, situation: Situation) -> Masks:
    low, high = table.min_age[rows], table.max_age[rows]
    resource = table.is_resource[rows]
    none = np.zeros(len(rows), dtype=bool)
    if situation.age is not None:
        too_young, too_old = (
            (low >= 0) & (situation.age < low),
            (high >= 0) & (situation.age > high),
        )
    elif situation.is_minor:  # age not given: a minor is under 18
        too_young, too_old = low >= ADULT_AGE, none
    else:  # an adult of unknown age; "elderly", "older guy": past any youth service's ages
        ceiling = OLDER_THAN if situation.age_group == "older adult" else ADULT_AGE
        too_young, too_old = none, (high >= 0) & (high < ceiling)
    if not situation.is_minor:  # a youth service with no age range listed is not for adults
        youth_kind = table.kind[rows] == RESOURCE_KINDS.index("youth")
        named_for_youth = table.for_youth[rows] & (low < 0)
        too_old = too_old | ((youth_kind | named_for_youth) & (high < 0))
    fails = resource & (too_young | too_old)
    if not situation.is_minor:
        # nearly every place takes adults: "18+" or "18-64" confirms nothing for one; "18-25"
        # (a place for their age) does
        narrow = (high >= 0) & (high - np.maximum(low, ADULT_AGE) <= NARROW_ADULT_AGES)
        known = narrow if situation.age is not None else np.zeros(len(rows), dtype=bool)
        return fails, resource & known & ~fails
    return fails, resource & ((low >= 0) | (high >= 0)) & ~fails


def _intoxication(table: CriteriaTable, rows: np.ndarray, situation: Situation) -> Masks:
    code, limit = table.intoxication[rows], table.max_bac[rows]
    resource = table.is_resource[rows]
    below = code == 2
    if situation.bac is None:  # "below the limit" cannot be decided: a caveat, not a no
        over = under = np.zeros(len(rows), dtype=bool)
    else:
        over, under = below & (situation.bac > limit), below & (situation.bac <= limit)
    return resource & ((code == NO) | over), resource & ((code == YES) | under)


def _sober_kind(table: CriteriaTable, rows: np.ndarray, situation: Situation) -> Masks:
    """A sober person is not for a sobering centre, nor for detox unless they ask for it."""
    kinds = table.kind[rows]
    unsuited = kinds == RESOURCE_KINDS.index("sobering_center")
    if "detox" not in situation.needed:  # unless a need asks for it ("wants to get clean"),
        unsuited |= kinds == RESOURCE_KINDS.index("detox")  # not only named ("detox??")
    return unsuited, np.zeros(len(rows), dtype=bool)


def _conditions(table: CriteriaTable, rows: np.ndarray, situation: Situation) -> Masks:
    named = condition_bits(situation_conditions(situation))
    return (table.excludes[rows] & named) != 0, np.zeros(len(rows), dtype=bool)


def _medical(table: CriteriaTable, rows: np.ndarray, situation: Situation) -> Masks:
    """A medical emergency goes to an emergency department: every other place is left out
    (it would send the person on, or need a clearance first)."""
    emergency = table.kind[rows] == RESOURCE_KINDS.index("emergency_department")
    resource = table.is_resource[rows]
    return resource & (~emergency | (table.medical_clearance[rows] == YES)), emergency


def _medical_reason(resource: Resource, situation: Situation) -> str:
    if resource.criteria.medical_clearance:
        return "needs medical clearance first: a medical emergency goes to an emergency department"
    return "a medical emergency goes to an emergency department first"


def _for_voluntary(table: CriteriaTable, rows: np.ndarray, situation: Situation) -> Masks:
    """A voluntary person suits a place made for people who come willingly: voluntary-only
    or walk-in (a locked unit that takes holds takes them too, but is not made for them)."""
    made_for = (table.involuntary[rows] == NO) | (table.walk_in[rows] == YES)
    return np.zeros(len(rows), dtype=bool), table.is_resource[rows] & made_for


def _no_clearance_needed(table: CriteriaTable, rows: np.ndarray, situation: Situation) -> Masks:
    needs_it = table.medical_clearance[rows] == YES
    return np.zeros(len(rows), dtype=bool), table.is_resource[rows] & ~needs_it


def _takes_uncleared(table: CriteriaTable, rows: np.ndarray, situation: Situation) -> Masks:
    needs_it = table.medical_clearance[rows]
    resource = table.is_resource[rows]
    return resource & (needs_it == YES), resource & (needs_it == NO)


def _serves_anywhere(table: CriteriaTable, rows: np.ndarray, situation: Situation) -> Masks:
    return np.zeros(len(rows), dtype=bool), table.is_resource[rows] & ~table.local[rows]


def _area(table: CriteriaTable, rows: np.ndarray, situation: Situation) -> Masks:
    serves = table.serves(situation.place or "")[rows]
    return table.is_resource[rows] & (serves == NO), serves == YES


def _agency_area(table: CriteriaTable, rows: np.ndarray, situation: Situation) -> Masks:
    serves = np.stack([table.serves(place)[rows] for place in situation.areas])
    return table.is_resource[rows] & (serves == NO).all(axis=0), (serves == YES).any(axis=0)


def _agency_area_reason(resource: Resource, situation: Situation) -> str:
    return f"serves {_some(resource.area)}; not {', '.join(situation.areas)}"


def _in_town(table: CriteriaTable, rows: np.ndarray, situation: Situation) -> Masks:
    return np.zeros(len(rows), dtype=bool), table.stands_in(situation.place or "")[rows]


def _hold(table: CriteriaTable, rows: np.ndarray, situation: Situation) -> Masks:
    fails, confirms = _column("involuntary")(table, rows, situation)
    named = table.excludes_hold(rows, situation.hold)  # "people on an ECO not yet evaluated"
    return fails | named, confirms & ~named


def _hold_reason(resource: Resource, situation: Situation) -> str:
    named = [t for t in resource.criteria.excludes if names_hold(t, situation.hold)]
    if named and resource.criteria.involuntary is not False:
        return "excludes " + "; ".join(named[:MAX_REASON_ITEMS])
    hold = situation.hold if situation.hold and situation.hold != "involuntary hold" else None
    return "does not accept people on an involuntary hold" + (f" ({hold})" if hold else "")


_HOLD_IN_EXCLUSION = re.compile(
    r"\b(?:involuntar\w*|holds?|commitments?|detentions?|detained|custody|"
    r"petitioned|court[\s-]ordered)\b"
)


def names_hold(text: str, hold: str | None) -> bool:
    """Whether an exclusion refuses people on a hold: in general words, or ``hold`` by name
    ("anyone under an OPC or PEC" names the PEC)."""
    folded = fold(text)
    named = [m.start() for m in _HOLD_IN_EXCLUSION.finditer(folded)]
    if hold:
        named += [m.start() for m in re.finditer(rf"(?<!\w){re.escape(fold(hold))}(?!\w)", folded)]
    # "no completed IEA certificate" turns away people without one, not people on one
    return any(not denied(folded, start) for start in named)


def _intoxication_reason(resource: Resource, situation: Situation) -> str:
    criteria = resource.criteria
    if criteria.intoxication == "below_limit" and situation.bac is not None:
        return (
            f"accepts only a blood alcohol level below {criteria.max_bac:.2f}; "
            f"person's is {situation.bac:.2f}"
        )
    return "does not accept intoxicated people"


def _intoxication_unknown(resource: Resource, situation: Situation) -> str:
    criteria = resource.criteria
    if criteria.intoxication == "below_limit":
        if criteria.max_bac is not None:
            return f"intoxicated only below BAC {criteria.max_bac:.2f}; BAC not given"
        return "intoxicated only below a BAC limit; BAC not given"
    return "intoxication not listed"


def _age_reason(resource: Resource, situation: Situation) -> str:
    ages = age_range(resource) or f"{KIND_LABELS[resource.kind]} for young people"
    return f"{ages}; {describe_person_age(situation)}"


def _conditions_reason(resource: Resource, situation: Situation) -> str:
    """The exclusions that name what the person has, as the knowledge base words them: those
    naming the condition stated first ("unresponsive or not rousable"), else the acute
    medical ones a medical emergency falls under."""
    texts = (*resource.criteria.excludes, *_refusing_sentences(resource.criteria.notes))
    for named in (situation.conditions, situation_conditions(situation)):
        items = [t for t in texts if any(_CONDITION_RX[c].search(fold(t)) for c in named)]
        if items:
            return "excludes " + "; ".join(items[:MAX_REASON_ITEMS])
    return "excludes " + "; ".join(resource.criteria.excludes[:MAX_REASON_ITEMS])


def _area_reason(resource: Resource, situation: Situation) -> str:
    return f"serves {', '.join(resource.area)}; not {situation.place}"


def _fixed(text: str) -> Callable[[Resource, Situation], str]:
    return lambda resource, situation: text


def _age_unknown(resource: Resource, situation: Situation) -> str | None:
    """Unknown ages matter for a minor or an age given; nearly every place takes adults."""
    return "age limits not listed" if situation.is_minor or situation.age is not None else None


def _some(names: Sequence[str], shown: int = 2) -> str:
    """``A, B +3 more``: a list cut short for a card."""
    more = f" +{len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


def _intoxication_met(resource: Resource, situation: Situation) -> str:
    limit = resource.criteria.max_bac
    if resource.criteria.intoxication == "below_limit" and limit is not None:
        return f"intoxicated below BAC {limit:.2f}"
    return "intoxicated"


def _hold_met(resource: Resource, situation: Situation) -> str:
    if situation.hold and situation.hold != "involuntary hold":
        return f"{situation.hold} holds"
    return "involuntary holds"


def _dropoff_met(resource: Resource, situation: Situation) -> str:
    minutes = resource.criteria.dropoff_minutes
    return "police drop-off" + (f" ~{minutes} min" if minutes is not None else "")


NEEDS: tuple[Need, ...] = (
    Need("age", lambda s, p: s.is_minor is not None, _age, _age_reason,
         _age_unknown, met=lambda r, s: age_range(r) or "ages fit"),
    Need("minor", lambda s, p: bool(s.is_minor), None, suits={"youth": 0.8}),
    Need("intoxication", lambda s, p: bool(s.intoxicated), _intoxication, _intoxication_reason,
         _intoxication_unknown, met=_intoxication_met),
    # drunk enough to need sobering up: a reading under the legal limit ("pbt .06, crying,
    # gf dumped him") is someone in crisis who has had a drink, not a sobering-centre case
    Need("drunk", lambda s, p: bool(s.intoxicated) and (s.bac is None or s.bac >= LOW_BAC),
         None, suits={"sobering_center": 0.9, "detox": 0.6}),
    # a minor who has been drinking or using is checked by a doctor first: the emergency
    # department (blind authors in 30 of 38 such questions)
    Need("intoxicated_minor", lambda s, p: bool(s.is_minor and s.intoxicated), None,
         suits={"emergency_department": 0.8}),
    Need("sober", lambda s, p: p and s.intoxicated is False, _sober_kind,
         lambda r, s: f"a {KIND_LABELS[r.kind]}; person is not intoxicated"),
    Need("involuntary", lambda s, p: bool(s.involuntary), _hold,
         _hold_reason, _fixed("involuntary holds not listed"),
         {"psychiatric_hospital": 0.15, "crisis_center": 0.2, "emergency_department": 0.2},
         met=_hold_met),
    Need("voluntary", lambda s, p: s.involuntary is False, _for_voluntary,
         suits={"psychiatric_hospital": -0.3, "emergency_department": -0.1, "peer_respite": 0.1}),
    Need("violence", lambda s, p: bool(s.violent), _column("violence"),
         _fixed("does not accept violent or combative people"),
         _fixed("violent/combative not listed"),
         {"emergency_department": 0.5, "psychiatric_hospital": 0.2},
         met=_fixed("violent/combative")),
    Need("idd", lambda s, p: bool(s.idd), _column("idd"),
         _fixed("does not serve people with intellectual or developmental disabilities"),
         _fixed("I/DD not listed"), {"idd_services": 0.8},
         met=_fixed("I/DD")),
    Need("veteran", lambda s, p: bool(s.veteran), None, suits={"veterans": 0.8}),
    Need("conditions", lambda s, p: bool(situation_conditions(s)), _conditions,
         _conditions_reason),
    # a sobering centre or a shelter is for the drink or the night, not for someone suicidal
    Need("suicidal", lambda s, p: "suicidal" in s.conditions, None,
         suits={"sobering_center": -0.8, "shelter": -0.5, "detox": -0.3}),
    Need("medical", lambda s, p: p and s.medical_emergency, _medical, _medical_reason,
         suits={"emergency_department": 1.5}),
    Need("area", lambda s, p: bool(s.place), _area, _area_reason,
         met=lambda r, s: f"serves {s.place}"),
    # ...and a place in the town named is the nearer one (a tie-break)
    Need("in_town", lambda s, p: p and bool(s.place), _in_town),
    # no place said, the agency's own area is: a place serving none of it is left out
    Need("agency_area", lambda s, p: p and not s.place and bool(s.areas), _agency_area,
         _agency_area_reason),
    # no place said at all: what serves anywhere before what serves some towns (a tie-break)
    Need("anywhere", lambda s, p: p and not s.place and not s.areas, _serves_anywhere,
         unknown=lambda r, s: f"serves {_some(r.area)} only"),
    # straight from the field, a place that needs a medical clearance first is a second stop
    Need("clearance", lambda s, p: p and not s.cleared and not s.medical_emergency,
         _no_clearance_needed),
    Need("cleared", lambda s, p: s.cleared, None,
         suits={"psychiatric_hospital": 0.3, "emergency_department": -0.4}),
    # said outright not to be cleared yet ("pc for eval, not cleared yet"): a place that
    # takes only people medically cleared cannot take them now
    Need("uncleared", lambda s, p: p and s.uncleared, _takes_uncleared,
         _fixed("needs a medical clearance first; the person is not cleared yet"),
         suits={"emergency_department": 0.3}, met=_fixed("no medical clearance needed")),
    # police drop-off matters when the officer takes the person, as with anyone on a hold;
    # a person who can call or go alone may use a place that takes no drop-offs
    Need("dropoff", lambda s, p: p and not (s.walk_in or s.on_own)
         and (s.transport or (bool(s.involuntary) and not s.cleared)),
         _column("dropoff"), _fixed("does not take law-enforcement drop-offs"),
         _fixed("police drop-off not listed; call ahead"), met=_dropoff_met),
    Need("walk_in", lambda s, p: p and s.walk_in, _column("walk_in"),
         _fixed("does not take walk-ins"), _fixed("walk-ins not listed; call ahead"),
         met=_fixed("walk-ins")),
)  # fmt: skip


def situation_conditions(situation: Situation) -> frozenset[str]:
    """The conditions whose exclusions apply: those stated, and in a medical emergency
    (BAC ≥ .30 included) whatever a place excludes as acute medical need."""
    if situation.medical_emergency:
        return situation.conditions | {"medical"}
    return situation.conditions


_CONDITION_RX = {name: re.compile(r"\b(?:" + rx + r")") for name, rx in CONDITIONS.items()}
_CONDITION_BIT = {name: 1 << i for i, name in enumerate(CONDITIONS)}
# a sentence of the notes that refuses someone: "cannot take anyone who is unresponsive"
_REFUSAL = re.compile(
    r"\b(?:no|not|exclud\w*|refus\w*|must (?:be|not)|except|only if|turn(?:ed)? away|"
    r"go(?:es)? to (?:the )?(?:ed|er|emergency)|(?:cannot|can'?t|won'?t|will not|unable to) "
    r"(?:\w+ ){0,2}(?:take|accept|admit|serve|hold|manage|handle|treat|keep|see))\b"
)  # "cannot take anyone unresponsive" refuses; "anyone who can't be woken" need not


def condition_bits(names: frozenset[str]) -> int:
    bits = 0
    for name in names:
        bits |= _CONDITION_BIT[name]
    return bits


def _refusing_sentences(notes: str | None) -> list[str]:
    if not notes:
        return []
    return [s for s in re.split(r"(?<=[.;!?])\s+", notes) if _REFUSAL.search(fold(s))]


def excluded_conditions(resource: Resource) -> int:
    """The conditions a place's ``excludes`` (or a refusing sentence of its notes) names."""
    texts = [
        fold(t)
        for t in (*resource.criteria.excludes, *_refusing_sentences(resource.criteria.notes))
    ]
    names: set[str] = set()
    for text in texts:
        found = {name for name, rx in _CONDITION_RX.items() if rx.search(text)}
        # "pregnant with severe withdrawal" excludes pregnant people, not everyone in
        # withdrawal (erring to leave out a pregnant person without it)
        names |= {"pregnancy"} if "pregnancy" in found else found
    return condition_bits(frozenset(names))


def kind_fit(kinds: np.ndarray, situation: Situation) -> np.ndarray:
    """Bonus per row for how well its kind suits what the question states about the person."""
    fit = np.zeros(len(kinds), dtype=np.float32)
    for need in NEEDS:
        if need.suits and need.stated(situation, True):
            for kind, bonus in need.suits.items():
                fit[kinds == RESOURCE_KINDS.index(kind)] += bonus
    return fit


def age_range(resource: Resource) -> str | None:
    low, high = resource.criteria.min_age, resource.criteria.max_age
    if low is None and high is None:
        return None
    if high is None:
        return "all ages" if not low else f"ages {low}+"
    if low is None or low == 0:
        return f"ages up to {high}"
    return f"ages {low}–{high}"


def describe_person_age(situation: Situation) -> str:
    if situation.age is not None:
        return f"person is {situation.age}"
    if situation.is_minor:
        return "person is a minor"
    return f"person is an {situation.age_group or 'adult'}"
