"""Reading typed fields out of a YAML mapping, reporting each problem at its file and line."""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from rapidfuzz import fuzz, process

from bot.knowledge.model import Location, Problem
from bot.knowledge.yamlsource import LineList, LineMap, describe

SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")


def suggest(word: str, choices: Collection[str]) -> str | None:
    """The closest of ``choices`` to a mistyped ``word``, if any is close enough."""
    found = process.extractOne(word.lower(), list(choices), scorer=fuzz.ratio, score_cutoff=65)
    return found[0] if found else None


# Aliases, services, languages: more than this in one entry is a mistake or an attack (ten
# thousand aliases took 18 s to index).
MAX_LIST_ITEMS = 200


class Fields:
    """Typed access to one mapping; every problem is appended to ``problems`` with its line."""

    def __init__(self, mapping: LineMap, file: str, problems: list[Problem], prefix: str = ""):
        self.mapping = mapping
        self.file = file
        self.problems = problems
        self.prefix = prefix

    def where(self, key: str | None = None) -> Location:
        line = self.mapping.key_lines.get(key, self.mapping.line) if key else self.mapping.line
        return Location(self.file, line)

    def error(self, key: str | None, message: str) -> None:
        self.problems.append(Problem(self.where(key), message))

    def warn(self, key: str | None, message: str) -> None:
        self.problems.append(Problem(self.where(key), message, "warning"))

    def name(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def check_keys(self, allowed: Collection[str]) -> None:
        for key in self.mapping:
            if key in allowed:
                continue
            hint = suggest(str(key), allowed)
            advice = f" (did you mean {hint}?)" if hint else f"; allowed: {', '.join(allowed)}"
            self.error(str(key), f'unknown key "{self.name(str(key))}"{advice}')

    def present(self, key: str) -> bool:
        return self.mapping.get(key) is not None

    def text(self, key: str, *, required: bool = False) -> str | None:
        value = self.mapping.get(key)
        if value is None:
            if required:
                self.error(None, f"{self.name(key)} is required")
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)  # e.g. an unquoted SMS short code
        if not isinstance(value, str):
            self.error(key, f"{self.name(key)} must be text (got {describe(value)})")
            return None
        value = value.strip()
        if not value:
            if required:
                self.error(key, f"{self.name(key)} must not be empty")
            return None
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.mapping.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.error(key, f"{self.name(key)} must be a list of text (got {describe(value)})")
            return ()
        if len(value) > MAX_LIST_ITEMS:
            self.error(key, f"{self.name(key)} has {len(value):,} items; at most {MAX_LIST_ITEMS}")
            return ()
        items: list[str] = []
        for item in value:
            if isinstance(item, int | float) and not isinstance(item, bool):
                item = str(item)
            if not isinstance(item, str) or not item.strip():
                self.error(key, f"{self.name(key)} items must be text (got {describe(item)})")
                continue
            items.append(item.strip())
        return tuple(items)

    def boolean(self, key: str) -> bool | None:
        value = self.mapping.get(key)
        if value is None or isinstance(value, bool):
            return value
        self.error(key, f"{self.name(key)} must be true or false (got {describe(value)})")
        return None

    def integer(self, key: str, low: int, high: int) -> int | None:
        value = self.mapping.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.error(
                key,
                f"{self.name(key)} must be a whole number from {low} to {high} "
                f"(got {describe(value)})",
            )
            return None
        return value

    def number(self, key: str, low: float, high: float) -> float | None:
        value = self.mapping.get(key)
        if value is None:
            return None
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not (low < value <= high)
        ):
            self.error(
                key,
                f"{self.name(key)} must be a number above {low} and at most {high} "
                f"(got {describe(value)})",
            )
            return None
        return float(value)

    def choice(self, key: str, options: Collection[str]) -> str | None:
        value = self.mapping.get(key)
        if value is None:
            return None
        if isinstance(value, str) and value in options:
            return value
        shown = describe(value)
        hint = suggest(value, options) if isinstance(value, str) else None
        advice = f"; did you mean {hint}?" if hint else ""
        if isinstance(value, bool):
            advice = "; YAML reads yes/no/on/off as true/false, so write one of the words above"
        self.error(
            key, f"{self.name(key)} must be one of {', '.join(options)} (got {shown}){advice}"
        )
        return None

    def date(self, key: str) -> date | None:
        value = self.mapping.get(key)
        if value is None:
            return None
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.error(key, f"{self.name(key)} must be a date like 2026-10-01 (got {describe(value)})")
        return None

    def timezone(self, key: str) -> str | None:
        value = self.text(key)
        if value is None:
            return None
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            self.error(
                key,
                f"{self.name(key)} must be an IANA time zone like America/Chicago "
                f"(got {describe(value)})",
            )
            return None
        return value

    def url(self, key: str, *, required: bool = False) -> str | None:
        value = self.text(key, required=required)
        if value is not None and not value.startswith(("https://", "http://")):
            self.error(key, f"{self.name(key)} must start with https:// (got {describe(value)})")
            return None
        return value

    def slug(self, key: str = "id") -> str | None:
        value = self.text(key, required=True)
        if value is not None and not SLUG.fullmatch(value):
            self.error(
                key,
                f"{self.name(key)} must be a slug: lower-case letters, digits and dashes, "
                f"starting with a letter or digit (got {describe(value)})",
            )
            return None
        return value

    def mapping_at(self, key: str) -> LineMap | None:
        value = self.mapping.get(key)
        if value is None:
            return None
        if not isinstance(value, LineMap):
            self.error(key, f"{self.name(key)} must be a mapping of fields (got {describe(value)})")
            return None
        return value

    def list_at(self, key: str) -> LineList | None:
        value = self.mapping.get(key)
        if value is None:
            return None
        if not isinstance(value, LineList):
            self.error(key, f"{self.name(key)} must be a list (got {describe(value)})")
            return None
        return value
