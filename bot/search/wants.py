"""What a question asks for, said as a situation rather than a kind of place ("somewhere to
sleep it off", "someone to go out to the house", "NOT a hospital"): the resource kinds that
meet it, each with how well, and which are ruled out. Also whether a phrase is denied."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from bot.search.intent import DOUBTS
from bot.search.lexicon import (
    CALL_SIGN,
    KIND_WORDS,
    NEED_SIGNS,
    NEGATION,
    NOT_A_KIND_NAME,
    STATE_SIGNS,
    STATE_WHEN_NEEDED,
)
from bot.search.text import folded_pattern, spaced

Span = tuple[int, int]
NEGATION_REACH = 30  # characters before a phrase where a "not" or "no" denies it
AVOIDED = -1.0  # how much a kind the question rules out ("not a hospital") is wanted
NAMED_KIND = 1.2  # a kind named outright ("need a co-responder") over one inferred


_NEGATED = folded_pattern(NEGATION)
# a kind of place the person will not have: "flat out refuses any hospital", "hates the ER"
_REFUSED = folded_pattern(r"\b(?:refus\w*|hates?)\s+(?:\w+\s+){0,2}$")


def _kind_of_name() -> dict[str, tuple[str, ...]]:
    """Each name of a kind ("co responder", "er"), spaced and cased one way, to its kinds."""
    kinds: dict[str, tuple[str, ...]] = {}
    for kind, phrases in KIND_WORDS.items():
        for phrase in phrases:
            if phrase not in NOT_A_KIND_NAME:
                key = spaced(phrase)
                kinds[key] = (*kinds.get(key, ()), kind)
    return kinds


# Kinds named outright, in one pattern (longest name first) with a table back to kinds: one
# pass instead of one per kind, and "psych hospital" is one name, not also "hospital".
_KIND_OF_NAME = _kind_of_name()
_SPACES = re.compile(r" *")
_KIND_NAME = folded_pattern(
    r"(?<![\w-])(?:"
    + "|".join(re.escape(k).replace(r"\ ", r"[\s-]*")
               for k in sorted(_KIND_OF_NAME, key=len, reverse=True))
    + r")s?(?![\w-])"
)  # fmt: skip


# a kind named as where the person was or who acted, not where they should go
_ACTS = re.compile(
    r"\s*(?:(?:already|just|has|had|have) )?(?:doc\b|doctor|docs|nurse|staff|physician|"
    r"social worker|psychiatrist|cleared|discharged|released|sent (?:him|her|them)|says|said)"
)
# a kind named for its beds: "the ER has no psych beds" wants a psych bed elsewhere
_BEDS = re.compile(r"\s*(?:beds?|openings?|space|room)\b")
_LEFT = re.compile(
    r"\b(?:from|left|out of|discharged from|released from|cleared (?:at|by)|walked off from|"
    r"eloped from|ran from)\s+(?:the\s+)?$"
)


def also_wanting(wants: Mapping[str, float], kinds: Mapping[str, float]) -> dict[str, float]:
    """``wants`` with ``kinds`` added, each kind as wanted as the more of the two says."""
    merged = dict(wants)
    for kind, weight in kinds.items():
        merged[kind] = max(merged.get(kind, 0.0), weight)
    return merged


def names_a_kind(name: str) -> bool:
    """Whether ``name`` is a name of a resource kind ("MCT", "mobile crisis", "the ER")."""
    return spaced(name) in _KIND_OF_NAME


def kind_named_at(text: str, start: int) -> tuple[tuple[str, ...], int]:
    """The kinds a kind's name said at ``start`` (after spaces) names, and where it ends:
    "sobering" after "depot st" -> (("sobering_center",), end); nothing -> ((), start)."""
    match = _KIND_NAME.match(text, _SPACES.match(text, start).end())
    return (_kinds_named(match), match.end()) if match else ((), start)


def kind_name_spans(text: str) -> list[Span]:
    """Where ``text`` names a kind of place ("psych unit", "the ER")."""
    return [match.span() for match in _KIND_NAME.finditer(text)]


def _kinds_named(match: re.Match[str]) -> tuple[str, ...]:
    key = spaced(match.group(0))
    return _KIND_OF_NAME.get(key) or _KIND_OF_NAME.get(key[:-1], ())  # "shelters"


_NEEDS = tuple(
    (folded_pattern(r"(?<![\w-])(?:" + pattern + r")"), kinds) for pattern, kinds in NEED_SIGNS
)
# every need sign in one pattern: most questions state none, and one scan (a third of the
# time of trying each) says so
_ANY_NEED = folded_pattern(
    r"(?<![\w-])(?:" + "|".join(f"(?:{pattern})" for pattern, _ in NEED_SIGNS) + ")"
)
_CALL = (folded_pattern(r"(?<![\w-])(?:" + CALL_SIGN[0] + r")"), CALL_SIGN[1])
_STATES = tuple(
    (folded_pattern(r"(?<![\w-])(?:" + pattern + r")"), kinds) for pattern, kinds in STATE_SIGNS
)


@dataclass(frozen=True)
class Wants:
    weights: dict[str, float]  # resource kind -> how well it meets what is wanted
    needed: frozenset[str]  # kinds a need stated calls for in full, not only named


def read_wants(
    text: str,
    soft: list[Span],
    person: Mapping[str, float] | None = None,
    *,
    calling: bool = False,
) -> Wants:
    """The kinds of resource the needs stated call for, each with how well it meets them;
    a need said in the negative ("NOT a hospital", "no ER") counts against its kinds.
    ``person``: kinds that suit who the person is (a veteran: veterans' services);
    ``calling``: the question also asks whom to call about the person (``CALL_SIGN``)."""
    wants: dict[str, float] = {}
    avoid: set[str] = set()
    doubted = bool(DOUBTS.search(text))
    unsuited: set[str] = set()  # "in person" rules the phone out, whatever else is said
    signs = _NEEDS if _ANY_NEED.search(text) else ()
    for pattern, kinds in (*signs, *([_CALL] if calling else [])):
        for match in pattern.finditer(text):
            if affirmed(match, text, soft):
                for kind, weight in kinds.items():
                    if weight < 0:
                        unsuited.add(kind)
                    wants[kind] = max(wants.get(kind, 0.0), weight)
    needed = frozenset(kind for kind, weight in wants.items() if weight >= 1.0)
    named: set[str] = set()
    for match in _KIND_NAME.finditer(text):
        if _ACTS.match(text, match.end()) or _LEFT.search(text, 0, match.start()):
            continue  # "the ER doc PEC'd him", "walked off from the hospital": not wanted
        kinds = _kinds_named(match)
        refused = _REFUSED.search(text, max(0, match.start() - NEGATION_REACH), match.start())
        # "no psych beds" here: one elsewhere
        lacking_beds = match.group(0).endswith(("bed", "beds")) or bool(
            _BEDS.match(text, match.end())
        )
        if (not affirmed(match, text, soft) and not lacking_beds) or doubted or refused:
            avoid.update(kinds)  # "NOT a hospital", "is detox the spot?": ruled out
        else:
            named.update(kinds)
    # "isn't a hospital ... says the hospital makes it worse": the denial stands
    for kind in named - avoid:
        wants[kind] = max(wants.get(kind, 0.0), NAMED_KIND)
    scale = STATE_WHEN_NEEDED if wants else 1.0
    for pattern, kinds in _STATES:
        if any(affirmed(match, text, soft) for match in pattern.finditer(text)):
            for kind, weight in kinds.items():
                wants[kind] = max(wants.get(kind, 0.0), weight * scale)
    for kind, weight in (person or {}).items():
        wants[kind] = max(wants.get(kind, 0.0), weight)
    for kind in avoid:  # unless a need calls for it: "is detox right for his withdrawal"
        if wants.get(kind, 0.0) < 1.0:
            wants[kind] = AVOIDED
    for kind in unsuited:
        wants[kind] = AVOIDED
    return Wants(wants, frozenset(k for k in needed if wants[k] > 0))


def calls_for_help(text: str) -> bool:
    """Whether the question asks whom to call ("who do I call", "who's on duty")."""
    return bool(_CALL[0].search(text))


def denied(text: str, start: int) -> bool:
    """Whether what starts at ``start`` is denied by a "not" or "no" just before it."""
    return bool(_NEGATED.search(text[max(0, start - NEGATION_REACH) : start]))


def affirmed(match: re.Match[str], text: str, soft: list[Span]) -> bool:
    """Whether what ``match`` found is said, not denied ("no weapons", "NOT a hospital")."""
    soft.append(match.span())
    return not denied(text, match.start())
