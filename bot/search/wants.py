"""What a question asks for, said as a situation rather than a kind of place ("somewhere to
sleep it off", "someone to go out to the house", "NOT a hospital"): the resource kinds that
meet it, each with how well, and which are ruled out. Also whether a phrase is denied."""

from __future__ import annotations

import re

from bot.search.lexicon import (
    DOUBT,
    KIND_WORDS,
    NEED_SIGNS,
    NEGATION,
    NOT_A_KIND_NAME,
    STATE_SIGNS,
    STATE_WHEN_NEEDED,
)

Span = tuple[int, int]
NEGATION_REACH = 30  # characters before a phrase where a "not" or "no" denies it
AVOIDED = -1.0  # how much a kind the question rules out ("not a hospital") is wanted
NAMED_KIND = 1.2  # a kind named outright ("need a co-responder") over one inferred


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_NEGATED = _rx(NEGATION)
_DOUBT = _rx(DOUBT)
_KIND_NAMES = tuple(
    (kind, _rx(r"(?<![\w-])(?:" + "|".join(
        re.escape(p.lower()).replace(r"\ ", r"[\s-]*").replace(r"\-", r"[\s-]*")
        for p in sorted(phrases, key=len, reverse=True) if p not in NOT_A_KIND_NAME
    ) + r")s?(?![\w-])"))
    for kind, phrases in KIND_WORDS.items()
    if any(p not in NOT_A_KIND_NAME for p in phrases)
)  # fmt: skip
_NEEDS = tuple((_rx(r"(?<![\w-])(?:" + pattern + r")"), kinds) for pattern, kinds in NEED_SIGNS)
_STATES = tuple((_rx(r"(?<![\w-])(?:" + pattern + r")"), kinds) for pattern, kinds in STATE_SIGNS)


def read_wants(text: str, soft: list[Span]) -> dict[str, float]:
    """The kinds of resource the needs stated call for, each with how well it meets them;
    a need said in the negative ("NOT a hospital", "no ER") counts against its kinds."""
    wants: dict[str, float] = {}
    avoid: set[str] = set()
    doubted = bool(_DOUBT.search(text))
    signs = [*((rx, kinds, False) for rx, kinds in _NEEDS),
             *((rx, {kind: NAMED_KIND}, True) for kind, rx in _KIND_NAMES)]  # fmt: skip
    for pattern, kinds, names_kind in signs:
        for match in pattern.finditer(text):
            if not affirmed(match, text, soft) or (names_kind and doubted):
                if names_kind:  # "NOT a hospital" rules hospitals out; "not suicidal" no kind
                    avoid.update(kinds)
                continue
            for kind, weight in kinds.items():
                wants[kind] = max(wants.get(kind, 0.0), weight)
    scale = STATE_WHEN_NEEDED if wants else 1.0
    for pattern, kinds in _STATES:
        if any(affirmed(match, text, soft) for match in pattern.finditer(text)):
            for kind, weight in kinds.items():
                wants[kind] = max(wants.get(kind, 0.0), weight * scale)
    for kind in avoid:  # unless a need calls for it: "is detox right for his withdrawal"
        if wants.get(kind, 0.0) < 1.0:
            wants[kind] = AVOIDED
    return wants


def affirmed(match: re.Match[str], text: str, soft: list[Span]) -> bool:
    """Whether what ``match`` found is said, not denied ("no weapons", "NOT a hospital")."""
    soft.append(match.span())
    return not _NEGATED.search(text[max(0, match.start() - NEGATION_REACH) : match.start()])
