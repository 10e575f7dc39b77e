"""Turning one YAML mapping into one entry (resource, section, faq, glossary term, defaults)."""

from __future__ import annotations

import re

from bot.knowledge.fields import Fields, describe
from bot.knowledge.hours import HoursSyntaxError, parse_hours
from bot.knowledge.model import (
    RESOURCE_KINDS,
    Admission,
    Defaults,
    Faq,
    GlossaryTerm,
    Hours,
    Link,
    Location,
    Problem,
    Resource,
    Section,
)
from bot.knowledge.yamlsource import LineMap

RESOURCE_KEYS = (
    "id", "name", "kind", "aliases", "summary", "details", "phone", "text", "url", "address",
    "area", "hours", "timezone", "admission", "services", "languages", "verified", "source",
    "example",
)  # fmt: skip
ADMISSION_KEYS = (
    "min_age", "max_age", "intoxication", "max_bac", "medical_clearance", "involuntary",
    "walk_in", "law_enforcement_dropoff", "dropoff_minutes", "idd", "violence", "excludes",
    "notes",
)  # fmt: skip
SECTION_KEYS = ("id", "title", "path", "summary", "body", "keywords", "questions", "links")
FAQ_KEYS = ("id", "questions", "answer", "links", "tags")
GLOSSARY_KEYS = ("id", "term", "aliases", "definition")
DEFAULTS_KEYS = ("timezone", "area")
LINK_KEYS = ("title", "url")

MAX_AGE = 120
MAX_BAC = 0.5  # above this a blood alcohol value is a typo (0.15 written as 15, say)


def read_resource(mapping: LineMap, file: str, problems: list[Problem]) -> Resource | None:
    fields = Fields(mapping, file, problems)
    fields.check_keys(RESOURCE_KEYS)
    before = len(problems)
    entry_id = fields.slug()
    name = fields.text("name", required=True)
    kind = fields.choice("kind", RESOURCE_KINDS)
    if "kind" not in mapping:
        fields.error(None, "kind is required")
    phone, text, url = fields.text("phone"), fields.text("text"), fields.url("url")
    if not any(key in mapping for key in ("phone", "text", "url")):
        fields.error(None, "a resource needs at least one of phone, text or url")
    resource = Resource(
        id=entry_id or "",
        name=name or "",
        kind=kind or "other",
        where=fields.where(),
        aliases=fields.texts("aliases"),
        summary=fields.text("summary"),
        details=fields.text("details"),
        phone=phone,
        text=text,
        url=url,
        address=fields.text("address"),
        area=fields.texts("area"),
        hours=_hours(fields),
        timezone=fields.timezone("timezone"),
        admission=_admission(fields),
        services=fields.texts("services"),
        languages=fields.texts("languages"),
        verified=fields.date("verified"),
        source=fields.text("source"),
        example=bool(fields.boolean("example")),
    )
    return resource if _clean(problems, before) else None


def read_section(mapping: LineMap, file: str, problems: list[Problem]) -> Section | None:
    fields = Fields(mapping, file, problems)
    fields.check_keys(SECTION_KEYS)
    before = len(problems)
    section = Section(
        id=fields.slug() or "",
        title=fields.text("title", required=True) or "",
        where=fields.where(),
        path=fields.texts("path"),
        summary=fields.text("summary"),
        body=fields.text("body"),
        keywords=fields.texts("keywords"),
        questions=fields.texts("questions"),
        links=_links(fields),
    )
    if not (section.summary or section.body) and _clean(problems, before):
        fields.error(None, "a section needs a summary or a body")
    return section if _clean(problems, before) else None


def read_faq(mapping: LineMap, file: str, problems: list[Problem]) -> Faq | None:
    fields = Fields(mapping, file, problems)
    fields.check_keys(FAQ_KEYS)
    before = len(problems)
    questions = fields.texts("questions")
    if not questions and "questions" not in mapping:
        fields.error(None, "questions is required (one or more ways to ask it)")
    faq = Faq(
        id=fields.slug() or "",
        questions=questions,
        answer=fields.text("answer", required=True) or "",
        where=fields.where(),
        links=_links(fields),
        tags=fields.texts("tags"),
    )
    return faq if _clean(problems, before) and questions else None


def read_glossary_term(mapping: LineMap, file: str, problems: list[Problem]) -> GlossaryTerm | None:
    fields = Fields(mapping, file, problems)
    fields.check_keys(GLOSSARY_KEYS)
    before = len(problems)
    term = fields.text("term", required=True)
    entry_id = fields.slug() if "id" in mapping else slugify(term or "")
    if term and not entry_id:
        fields.error("term", f"cannot derive an id from term {describe(term)}; give an id")
    glossary = GlossaryTerm(
        id=entry_id or "",
        term=term or "",
        definition=fields.text("definition", required=True) or "",
        where=fields.where(),
        aliases=fields.texts("aliases"),
    )
    return glossary if _clean(problems, before) else None


def read_defaults(mapping: LineMap, file: str, problems: list[Problem]) -> Defaults:
    fields = Fields(mapping, file, problems, prefix="defaults.")
    fields.check_keys(DEFAULTS_KEYS)
    return Defaults(
        timezone=fields.timezone("timezone"),
        area=fields.text("area"),
        where=fields.where(),
    )


def slugify(text: str) -> str:
    """``"I/DD"`` -> ``"i-dd"``; the id a glossary term gets when it has none."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _clean(problems: list[Problem], since: int) -> bool:
    return not any(p.severity == "error" for p in problems[since:])


def _hours(fields: Fields) -> Hours | None:
    text = fields.text("hours")
    if text is None:
        return None
    try:
        return parse_hours(text)
    except HoursSyntaxError as error:
        fields.error(
            "hours",
            f"hours is not valid opening_hours syntax ({error}; got {describe(text)}) "
            '— e.g. "24/7" or "Mo-Fr 08:00-17:00; Sa 09:00-12:00"',
        )
        return None


def _admission(parent: Fields) -> Admission | None:
    mapping = parent.mapping_at("admission")
    if mapping is None:
        return None
    fields = Fields(mapping, parent.file, parent.problems, prefix="admission.")
    fields.check_keys(ADMISSION_KEYS)
    min_age = fields.integer("min_age", 0, MAX_AGE)
    max_age = fields.integer("max_age", 0, MAX_AGE)
    if min_age is not None and max_age is not None and min_age > max_age:
        fields.error("max_age", f"admission.max_age ({max_age}) is below min_age ({min_age})")
    intoxication = fields.choice("intoxication", ("accepted", "not_accepted", "below_limit"))
    max_bac = fields.number("max_bac", 0.0, MAX_BAC)
    intoxication_given = mapping.get("intoxication")
    if max_bac is not None and intoxication_given in (None, "accepted", "not_accepted"):
        fields.error(
            "max_bac",
            f"admission.max_bac only applies with intoxication: below_limit "
            f"(intoxication is {describe(intoxication_given or 'not given')})",
        )
    return Admission(
        min_age=min_age,
        max_age=max_age,
        intoxication=intoxication,  # type: ignore[arg-type]
        max_bac=max_bac,
        medical_clearance=fields.boolean("medical_clearance"),
        involuntary=fields.boolean("involuntary"),
        walk_in=fields.boolean("walk_in"),
        law_enforcement_dropoff=fields.boolean("law_enforcement_dropoff"),
        dropoff_minutes=fields.integer("dropoff_minutes", 0, 24 * 60),
        idd=fields.boolean("idd"),
        violence=fields.choice("violence", ("accepted", "not_accepted")),  # type: ignore[arg-type]
        excludes=fields.texts("excludes"),
        notes=fields.text("notes"),
    )


def _links(parent: Fields) -> tuple[Link, ...]:
    items = parent.list_at("links")
    if items is None:
        return ()
    links: list[Link] = []
    for item, line in zip(items, items.item_lines, strict=True):
        if not isinstance(item, LineMap):
            parent.problems.append(
                Problem(
                    Location(parent.file, line), "links items must be mappings with title and url"
                )
            )
            continue
        fields = Fields(item, parent.file, parent.problems, prefix="links.")
        fields.check_keys(LINK_KEYS)
        title, url = fields.text("title", required=True), fields.url("url", required=True)
        if title and url:
            links.append(Link(title, url))
    return tuple(links)
