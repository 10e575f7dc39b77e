"""The places a knowledge base's resources serve, as questions name them: "in los cerritos"
is "Los Cerritos Valley", and an area listing "Fairview" serves "Fairview Borough"."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.search.text import spaced

Span = tuple[int, int]


@dataclass(frozen=True)
class Places:
    """The places a knowledge base's resources serve, found in a question by one pattern."""

    pattern: re.Pattern[str] | None
    by_spelling: Mapping[str, str]  # folded, single-spaced spelling -> the name as written

    def spans(self, text: str) -> list[Span]:
        """Where ``text`` names a place."""
        return [m.span() for m in self.pattern.finditer(text)] if self.pattern else []

    def full_names(self, text: str) -> list[Span]:
        """Where ``text`` names a place in full ("harbor point", not "harbor")."""
        return [
            (start, end)
            for start, end in self.spans(text)
            if spaced(self.by_spelling.get(spaced(text[start:end]), "")) == spaced(text[start:end])
        ]

    def find(self, text: str, soft: list[Span]) -> str | None:
        match = self.pattern.search(text) if self.pattern else None
        if match is None:
            return None
        soft.append(match.span())
        return self.by_spelling.get(spaced(match.group(0)))


_STATE_OR_ZIP = re.compile(r"^(?:[A-Z]{2}|\d{5}(?:-\d{4})?|[A-Z]{2}\s+\d{5}(?:-\d{4})?)$")
_PARENTHESES = re.compile(r"\([^)]*\)")


def address_town(address: str) -> str | None:
    """The town an address is in: its last part that is not a state or ZIP code
    ("600 Pine Ridge Rd, Pinebrook (Building C)" -> "Pinebrook"), if it reads as a name."""
    parts = [p.strip() for p in _PARENTHESES.sub(" ", address).split(",")]
    while parts and (not parts[-1] or _STATE_OR_ZIP.match(parts[-1])):
        parts.pop()
    if len(parts) < 2:
        return None  # a street alone, or a town alone we cannot tell from a building
    town = parts[-1]
    return town if not any(c.isdigit() for c in town) and len(town.split()) <= 4 else None


def place_names(areas: Iterable[str], towns: Iterable[str] = ()) -> Places:
    """The places named in ``areas`` ("Cedar Valley") and the ``towns`` resources stand in,
    longest first."""
    by_spelling: dict[str, str] = {}
    areas = [a.strip() for a in areas]
    for area in (*areas, *(t.strip() for t in towns)):
        if len(area) >= 3:
            by_spelling[spaced(area)] = area
            short = _without_suffix(spaced(area))  # "Los Cerritos Valley" -> "los cerritos"
            if short:
                by_spelling.setdefault(short, area)
            for spelling in _abbreviated(spaced(area)):  # "keene twp", "mt vernon"
                by_spelling.setdefault(spelling, area)
    # "unincorporated county", "out in the county": the one area outside the towns, if one is
    rural = {by_spelling[spaced(a)] for a in areas if len(a) >= 3 and _RURAL.match(spaced(a))}
    if len(rural) == 1:
        for spelling in _RURAL_SPELLINGS:
            by_spelling.setdefault(spelling, next(iter(rural)))
    if not by_spelling:
        return Places(None, {})
    spellings = sorted(by_spelling, key=len, reverse=True)
    alternatives = (re.escape(s).replace(r"\ ", r"[\s-]+") for s in spellings)
    return Places(re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)"), by_spelling)


NO_PLACES = Places(None, {})


_RURAL = re.compile(r"(?:unincorporated|rural) ")
_RURAL_SPELLINGS = (
    "unincorporated", "unincorporated county", "unincorporated area", "out in the county",
    "rural county", "county area",
)  # fmt: skip
_PLACE_SUFFIX = re.compile(
    r" (?:valley|heights|hills|county|city|township|twp|borough|park|village|springs|beach|"
    r"point|station|junction|crossing|flats|ridge|creek)$"
)


# How officers shorten the generic words of place names.
_ABBREVIATIONS = {
    "township": ("twp", "twsp"), "county": ("co", "cnty"), "heights": ("hts",),
    "mount": ("mt",), "saint": ("st",), "fort": ("ft",), "point": ("pt",),
    "north": ("n",), "south": ("s",), "east": ("e",), "west": ("w",),
}  # fmt: skip


def _abbreviated(spelling: str) -> set[str]:
    """``spelling`` with each generic word shortened as officers type it."""
    variants = {spelling}
    for word in spelling.split(" "):
        for short in _ABBREVIATIONS.get(word, ()):
            variants |= {re.sub(rf"\b{word}\b", short, v) for v in variants}
    variants.discard(spelling)
    return {v for v in variants if len(v.replace(" ", "")) >= 4}


def _without_suffix(spelling: str) -> str | None:
    """A place's name without a generic last word, when what is left still names it."""
    short = _PLACE_SUFFIX.sub("", spelling)
    return short if short != spelling and (" " in short or len(short) >= 6) else None


def place_keys(name: str) -> frozenset[str]:
    """The spellings under which two mentions of a place are the same place."""
    spelling = spaced(name)
    short = _without_suffix(spelling)
    return frozenset((spelling, short) if short else (spelling,))
