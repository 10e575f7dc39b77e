"""The knowledge base as immutable values: what the loader builds and everything else reads."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Literal

from bot.knowledge.hours import Hours

RESOURCE_KINDS: tuple[str, ...] = (
    "crisis_center",
    "crisis_line",
    "mobile_crisis",
    "co_responder",
    "sobering_center",
    "detox",
    "emergency_department",
    "psychiatric_hospital",
    "shelter",
    "peer_respite",
    "outpatient",
    "idd_services",
    "veterans",
    "youth",
    "other",
)

EntryType = Literal["resource", "section", "faq", "glossary"]
Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Location:
    """Where something was written: a path relative to the knowledge folder and a 1-based line."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True, slots=True)
class Problem:
    """One error or warning found while loading, always tied to a file and line."""

    where: Location
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        """One line, whatever the file name or message holds (control characters escaped)."""
        prefix = "warning: " if self.severity == "warning" else ""
        return one_line(f"{self.where}: {prefix}{self.message}")


def one_line(text: str) -> str:
    """``text`` with newlines and other control characters written as escapes."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


@dataclass(frozen=True, slots=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Admission:
    """Admission criteria. ``None`` everywhere means the knowledge base does not say."""

    min_age: int | None = None
    max_age: int | None = None
    intoxication: Literal["accepted", "not_accepted", "below_limit"] | None = None
    max_bac: float | None = None
    medical_clearance: bool | None = None
    involuntary: bool | None = None
    walk_in: bool | None = None
    law_enforcement_dropoff: bool | None = None
    dropoff_minutes: int | None = None
    idd: bool | None = None
    violence: Literal["accepted", "not_accepted"] | None = None
    excludes: tuple[str, ...] = ()
    notes: str | None = None


UNKNOWN_ADMISSION = Admission()


@dataclass(frozen=True, slots=True)
class Resource:
    id: str
    name: str
    kind: str
    where: Location
    aliases: tuple[str, ...] = ()
    summary: str | None = None
    details: str | None = None
    phone: str | None = None
    text: str | None = None
    url: str | None = None
    address: str | None = None
    area: tuple[str, ...] = ()
    hours: Hours | None = None
    timezone: str | None = None
    admission: Admission | None = None
    services: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    verified: date | None = None
    source: str | None = None
    example: bool = False

    type: EntryType = field(default="resource", init=False)

    @property
    def title(self) -> str:
        return self.name

    @property
    def criteria(self) -> Admission:
        return self.admission or UNKNOWN_ADMISSION


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    where: Location
    path: tuple[str, ...] = ()
    summary: str | None = None
    body: str | None = None
    keywords: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()

    type: EntryType = field(default="section", init=False)
    example: bool = field(default=False, init=False)


@dataclass(frozen=True, slots=True)
class Faq:
    id: str
    questions: tuple[str, ...]
    answer: str
    where: Location
    links: tuple[Link, ...] = ()
    tags: tuple[str, ...] = ()

    type: EntryType = field(default="faq", init=False)
    example: bool = field(default=False, init=False)

    @property
    def title(self) -> str:
        return self.questions[0]


@dataclass(frozen=True, slots=True)
class GlossaryTerm:
    id: str
    term: str
    definition: str
    where: Location
    aliases: tuple[str, ...] = ()

    type: EntryType = field(default="glossary", init=False)
    example: bool = field(default=False, init=False)

    @property
    def title(self) -> str:
        return self.term


Entry = Resource | Section | Faq | GlossaryTerm


@dataclass(frozen=True, slots=True)
class Defaults:
    timezone: str | None = None
    area: str | None = None
    where: Location | None = None


@dataclass(frozen=True)
class KnowledgeBase:
    """A fully validated knowledge base, never a partial one: see ``load_knowledge``."""

    entries: tuple[Entry, ...]
    defaults: Defaults
    files: tuple[str, ...]
    warnings: tuple[Problem, ...]
    version: str
    by_id: Mapping[str, Entry] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", MappingProxyType({e.id: e for e in self.entries}))

    @property
    def resources(self) -> tuple[Resource, ...]:
        return tuple(e for e in self.entries if isinstance(e, Resource))

    def timezone_of(self, resource: Resource) -> str:
        return resource.timezone or self.defaults.timezone or "UTC"

    def counts(self) -> dict[str, int]:
        counts = {"resource": 0, "section": 0, "faq": 0, "glossary": 0}
        for entry in self.entries:
            counts[entry.type] += 1
        return counts
