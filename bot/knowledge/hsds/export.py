"""``python -m bot hsds export``: the knowledge base's resources as an HSDS 3 tabular data
package (``datapackage.json`` and CSV files, columns only from the specification), so the
211, the crisis line and the PMHC program can keep one set of facts.

Each resource is a service of one organization (the program); a resource with an address
is offered at a location. A resource imported from HSDS keeps its service and location ids,
so the 211 recognises its own records. What HSDS has no column for (admission criteria, the
exact OSM hours, the kind, aliases) travels in attributes (``extension``). Guidance,
FAQs and the glossary are not services and are not exported.
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from bot.knowledge.hsds import extension
from bot.knowledge.hsds.hours import schedule_rows
from bot.knowledge.hsds.mapping import SOURCE_PREFIX
from bot.knowledge.hsds.spec import TABLES, TYPES, VERSION
from bot.knowledge.model import KnowledgeBase, Resource

_NAMESPACE = uuid.UUID(extension.TAXONOMY_ID)
_PHONE = re.compile(r"(?P<number>.*?)\s*(?:ext\.?|x)\s*(?P<extension>\d+)\s*", re.IGNORECASE)
_US_ADDRESS = re.compile(
    r"(?P<street>.+?),\s*(?:(?P<street2>[^,]+),\s*)?(?P<city>[^,]+),\s*"
    r"(?P<state>[A-Z]{2})\s+(?P<postal>\d{5}(?:-\d{4})?)\s*"
)


def export_hsds(knowledge: KnowledgeBase, out: Path, *, name: str = "pmhc-knowledge-base") -> int:
    """Write the package into ``out``; how many services it holds."""
    tables: dict[str, list[dict[str, Any]]] = {table: [] for table in TABLES}
    organization = _id("organization")
    program = knowledge.defaults.area or "the PMHC program"
    tables["organizations"].append({
        "id": organization, "name": f"PMHC knowledge base of {program}",
        "description": "Crisis resources curated by a Police-Mental Health Collaboration "
                       "program for officers and their mental health partners.",
    })  # fmt: skip
    tables["taxonomies"].append(extension.TAXONOMY)
    tables["taxonomy_terms"].extend(extension.terms())
    taken: set[str] = set()
    for resource in knowledge.resources:
        _service(resource, organization, knowledge, tables, taken)
    out.mkdir(parents=True, exist_ok=True)
    written = [table for table, rows in tables.items() if rows]
    for table in written:
        (out / TABLES[table].file).write_text(_csv(table, tables[table]), encoding="utf-8")
    package = _datapackage(name, written)
    (out / "datapackage.json").write_text(json.dumps(package, indent=2) + "\n", encoding="utf-8")
    return len(tables["services"])


def _service(resource: Resource, organization: str, knowledge: KnowledgeBase,
             tables: dict[str, list[dict[str, Any]]], taken: set[str]) -> None:  # fmt: skip
    """``resource``'s rows; ``taken``: the service and location ids written so far."""
    service_ref, _, location_ref = (
        (resource.source or "").removeprefix(SOURCE_PREFIX).partition("#location=")
    )
    imported = (resource.source or "").startswith(SOURCE_PREFIX)
    service = _uuid(service_ref) if imported else None
    if service is None or service in taken:
        service = _id(f"service:{resource.id}")  # one service at two places: two resources
    taken.add(service)
    criteria = resource.criteria
    tables["services"].append({
        "id": service, "organization_id": organization, "name": resource.name,
        "alternate_name": resource.aliases[0] if resource.aliases else "",
        "description": resource.details or resource.summary or "",
        "url": resource.url or "", "status": "active",
        "eligibility_description": criteria.notes or "",
        "minimum_age": criteria.min_age, "maximum_age": criteria.max_age,
        "assured_date": resource.verified.isoformat() if resource.verified else "",
    })  # fmt: skip
    at: str | None = None
    if resource.address:
        location = (_uuid(location_ref) if imported else None) or _id(f"location:{resource.id}")
        if location not in taken:  # a place several services share
            taken.add(location)
            _location(location, resource, organization, tables)
        at = _id(f"service_at_location:{resource.id}")
        tables["service_at_location"].append({"id": at, "service_id": service,
                                              "location_id": location})  # fmt: skip
    for kind, number in (("voice", resource.phone), ("text", resource.text)):
        if number:
            found = _PHONE.fullmatch(number)
            tables["phones"].append({
                "id": _id(f"phone:{kind}:{resource.id}"), "service_id": service, "type": kind,
                "number": found["number"] if found else number,
                "extension": int(found["extension"]) if found else None,
            })  # fmt: skip
    if resource.hours is not None:
        rows = schedule_rows(resource.hours.text)
        if rows is None:  # a form with no HSDS rows: said in words, exact in an attribute
            rows = [{"description": f"Opening hours (OpenStreetMap syntax): "
                                   f"{resource.hours.text}"}]  # fmt: skip
        for n, row in enumerate(rows):
            tables["schedules"].append({"id": _id(f"schedule:{n}:{resource.id}"),
                                        "service_id": service, **row})  # fmt: skip
    for language in resource.languages:
        tables["languages"].append({"id": _id(f"language:{language}:{resource.id}"),
                                    "service_id": service, "name": language})  # fmt: skip
    for area in resource.area:
        tables["service_areas"].append({"id": _id(f"area:{area}:{resource.id}"),
                                        "service_id": service, "name": area})  # fmt: skip
    for field, value in _carried(resource, knowledge):
        tables["attributes"].append({
            "id": _id(f"attribute:{field}:{resource.id}"), "link_id": service,
            "link_entity": "service", "taxonomy_term_id": extension.term_id(field),
            "value": extension.encode(value),
        })  # fmt: skip


def _location(location: str, resource: Resource, organization: str,
              tables: dict[str, list[dict[str, Any]]]) -> None:  # fmt: skip
    assert resource.address is not None
    tables["locations"].append({"id": location, "location_type": "physical",
                                "organization_id": organization, "name": resource.name,
                                "description": resource.address})  # fmt: skip
    address = _US_ADDRESS.fullmatch(resource.address)
    if address:  # a free-text address HSDS's columns cannot hold stays in the description
        tables["addresses"].append({
            "id": _id(f"address:{location}"), "location_id": location,
            "address_1": address["street"], "address_2": address["street2"] or "",
            "city": address["city"], "state_province": address["state"],
            "postal_code": address["postal"], "country": "US", "address_type": "physical",
        })  # fmt: skip


def _carried(resource: Resource, knowledge: KnowledgeBase) -> Iterator[tuple[str, Any]]:
    """The fields HSDS has no column for, as (field, value), only those the entry sets."""
    yield "id", resource.id
    yield "kind", resource.kind
    if resource.hours is not None:
        yield "hours", resource.hours.text
        yield "timezone", knowledge.timezone_of(resource)
    for field, value in (("aliases", list(resource.aliases)), ("summary", resource.summary),
                         ("address", resource.address),
                         ("services", list(resource.services)),
                         ("example", resource.example or None)):  # fmt: skip
        if value:
            yield field, value
    if resource.admission is not None:
        for key, value in asdict(resource.admission).items():
            if f"admission.{key}" in extension.FIELDS and value not in (None, ()):
                yield f"admission.{key}", list(value) if isinstance(value, tuple) else value


def _csv(table: str, rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=TABLES[table].columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buffer.getvalue()


def _datapackage(name: str, tables: list[str]) -> dict[str, Any]:
    def field(table: str, column: str) -> dict[str, Any]:
        kind = TYPES.get(f"{table}.{column}", "string")
        described: dict[str, Any] = {"name": column, "type": kind}
        if column == "id" or column.endswith("_id"):
            described["format"] = "uuid"
        if column in TABLES[table].required:
            described["constraints"] = {"required": True}
        return described

    return {
        "name": name, "profile": "tabular-data-package",
        "title": "PMHC knowledge base (Open Referral HSDS)",
        "description": f"Open Referral Human Services Data Specification {VERSION}",
        "resources": [{
            "name": table, "path": TABLES[table].file, "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "schema": {"fields": [field(table, c) for c in TABLES[table].columns],
                       "primaryKey": "id"},
        } for table in tables],
    }  # fmt: skip


def _id(key: str) -> str:
    """A stable UUID for a row of this knowledge base."""
    return str(uuid.uuid5(_NAMESPACE, key))


def _uuid(text: str) -> str | None:
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return None
