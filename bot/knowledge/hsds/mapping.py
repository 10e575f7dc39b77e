"""HSDS services to knowledge-base resources: one resource per active service at each
location where it is offered (or one, for a service offered nowhere in particular).

Only what HSDS says is written: a PMHC program's criteria HSDS cannot express
(intoxication, holds, violence, police drop-off, medical clearance) stay unknown, and each
resource lists what a coordinator should fill in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bot.knowledge.entries import slugify
from bot.knowledge.hsds import extension
from bot.knowledge.hsds.hours import opening_hours
from bot.knowledge.hsds.kinds import kind_from_terms, kind_from_text
from bot.knowledge.hsds.source import Row, Source

LEFT_OUT_STATUSES = ("inactive", "defunct")
# kinds an officer takes someone to: what HSDS leaves unknown matters for them
PLACEMENT_KINDS = frozenset({"crisis_center", "sobering_center", "detox", "emergency_department",
                             "psychiatric_hospital", "peer_respite", "shelter", "youth",
                             "idd_services"})  # fmt: skip
UNSAID = ("intoxication", "involuntary", "violence", "law_enforcement_dropoff",
          "medical_clearance")  # fmt: skip
SOURCE_PREFIX = "hsds:services/"
KIND_GUESSED = "kind guessed:"


@dataclass
class Imported:
    """One resource as the import writes it, the file it goes in, and what to review."""

    fields: dict[str, Any]
    file: str
    review: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return str(self.fields["id"])


@dataclass
class Mapped:
    resources: list[Imported] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # "name (id): why"
    problems: list[str] = field(default_factory=list)


def source_ref(service_id: str, location_id: str | None) -> str:
    """What a resource's ``source`` says of its record, so a re-import finds it again."""
    return SOURCE_PREFIX + service_id + (f"#location={location_id}" if location_id else "")


def map_services(
    source: Source, *, today: date, timezone: str | None = None, area: str | None = None
) -> Mapped:
    mapped = Mapped()
    data = _Index(source)
    for service in source.tables["services"]:
        name = service.get("name")
        status = service.get("status").lower()
        if status in LEFT_OUT_STATUSES:
            mapped.left_out.append(f"{name} ({service.get('id')}): status {status}")
            continue
        places = data.of("service_at_location", "service_id", service.get("id")) or [None]
        for at in places:
            imported = _resource(service, at, len(places) > 1, data, mapped, today=today,
                                 timezone=timezone, area=area)  # fmt: skip
            if imported is not None:
                mapped.resources.append(imported)
    return mapped


class _Index:
    """The rows of each kind that belong to a service, location or organization."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.organizations = source.by_id("organizations")
        self.locations = source.by_id("locations")
        self.terms = source.by_id("taxonomy_terms")
        self._groups: dict[tuple[str, str], dict[str, list[Row]]] = {}

    def of(self, table: str, column: str, value: str | None) -> list[Row]:
        if not value:
            return []
        if (table, column) not in self._groups:  # grouped once: 10,000 services stay linear
            self._groups[table, column] = _group(self.source.tables[table], column)
        return self._groups[table, column].get(value, [])


def _group(rows: list[Row], column: str) -> dict[str, list[Row]]:
    grouped: dict[str, list[Row]] = {}
    for row in rows:
        grouped.setdefault(row.get(column), []).append(row)
    return grouped


def _resource(
    service: Row, at: Row | None, several: bool, data: _Index, mapped: Mapped, *,
    today: date, timezone: str | None, area: str | None,
) -> Imported | None:  # fmt: skip
    service_id = service.get("id")
    location = data.locations.get(at.get("location_id")) if at else None
    location_id = location.get("id") if location else None
    organization = data.organizations.get(service.get("organization_id"))
    name = service.get("name")
    if several and location is not None and location.get("name"):
        name = f"{name} ({location.get('name')})"
    review: list[str] = []

    phones = [*data.of("phones", "service_at_location_id", at.get("id") if at else None),
              *data.of("phones", "service_id", service_id),
              *data.of("phones", "location_id", location_id),
              *data.of("phones", "organization_id", service.get("organization_id"))]  # fmt: skip
    voice = next((_phone(p) for p in phones if p.get("type").lower() not in ("text", "fax")),
                 None)  # fmt: skip
    text = next((_phone(p) for p in phones if p.get("type").lower() == "text"), None)
    virtual = location is not None and location.get("location_type") == "virtual"
    url = (service.get("url") or (location.get("url") if virtual and location else "")
           or (organization.get("website") if organization else ""))  # fmt: skip
    if not (voice or text or url):
        mapped.left_out.append(f"{name} ({service_id}): no phone, text or url")
        return None

    schedules = data.of("schedules", "service_at_location_id", at.get("id") if at else None)
    hours = opening_hours(schedules or data.of("schedules", "service_id", service_id), today)
    mapped.problems.extend(hours.problems)
    review.extend(hours.notes)
    temporarily_closed = service.get("status").lower() == "temporarily closed"

    codes, term_names, carried = _terms(service_id, data)
    kind = carried.get("kind") or kind_from_terms(codes, term_names)
    if kind is None:
        kind = kind_from_text(service.get("name"), service.get("description"))
        review.append(f"{KIND_GUESSED} {kind}, from the name; check it")

    fields: dict[str, Any] = {
        "id": _id(service.get("name"), service_id, location_id if several else None),
        "name": name,
        "kind": kind,
    }
    if service.get("alternate_name"):
        fields["aliases"] = [service.get("alternate_name")]
    summary = _first_sentence(service.get("description"))
    if summary:
        fields["summary"] = summary
    access = [r.get("description") for r in data.of("accessibility", "location_id", location_id)
              if r.get("description")]  # fmt: skip
    details = _details(service, at, temporarily_closed, access)
    if details:
        fields["details"] = details
    for key, value in (("phone", voice), ("text", text), ("url", url)):
        if value:
            fields[key] = value
    address, postal_only = _address(data.of("addresses", "location_id", location_id))
    if address:
        fields["address"] = address
    elif postal_only:
        review.append("the 211 gives a mailing address only; no address is shown")
    areas = [r.get("name") for r in data.of("service_areas", "service_id", service_id)
             if r.get("name")] or ([area] if area else [])  # fmt: skip
    if areas:
        fields["area"] = areas
    if temporarily_closed:
        fields["hours"] = "off"
        review.append("the 211 lists it as temporarily closed: hours are set to off")
    elif hours.text:
        fields["hours"] = hours.text
    else:
        review.append("no hours in the 211 data: hours unknown")
    if timezone and "hours" in fields:
        fields["timezone"] = timezone
    admission = _admission(service, review)
    if admission:
        fields["admission"] = admission
    languages = [r.get("name") for r in (*data.of("languages", "service_id", service_id),
                                         *data.of("languages", "location_id", location_id))
                 if r.get("name")]  # fmt: skip
    if languages:
        fields["languages"] = list(dict.fromkeys(languages))
    verified = _date(service.get("assured_date"))
    if verified:
        fields["verified"] = verified
    fields["source"] = source_ref(service_id, location_id)
    _carry(fields, carried)
    organization_name = organization.get("name") if organization else "211"
    return Imported(fields, f"{slugify(organization_name) or 'services'}.yaml", review)


def still_unsaid(entry: dict[str, Any]) -> list[str]:
    """The criteria HSDS cannot give that a place officers take people to still lacks."""
    if entry.get("kind") not in PLACEMENT_KINDS:
        return []
    admission = entry.get("admission") or {}
    return [key for key in UNSAID if key not in admission]


def _terms(service_id: str, data: _Index) -> tuple[list[str], list[str], dict[str, Any]]:
    """The codes and names of the taxonomy terms a service is tagged with, and the
    knowledge-base fields an export carried in attributes (``extension``)."""
    codes, names, carried = [], [], {}
    for attribute in data.of("attributes", "link_id", service_id):
        if attribute.get("link_entity") not in ("service", ""):
            continue
        term = data.terms.get(attribute.get("taxonomy_term_id"))
        if term is None:
            continue
        field_value = extension.decode(term.get("code"), attribute.get("value"))
        if field_value is not None:
            carried[field_value[0]] = field_value[1]
        else:
            codes.append(term.get("code"))
            names.append(term.get("name"))
    return [c for c in codes if c], names, carried


def _carry(fields: dict[str, Any], carried: dict[str, Any]) -> None:
    """Put back what an export of this knowledge base carried in attributes."""
    for key, value in carried.items():
        if key.startswith("admission."):
            fields.setdefault("admission", {})[key.removeprefix("admission.")] = value
        else:
            fields[key] = value


def _phone(row: Row) -> str:
    extension = row.get("extension")
    return row.get("number") + (f" ext. {extension}" if extension else "")


def _address(rows: list[Row]) -> tuple[str | None, bool]:
    """The walk-in address, and whether there is only a mailing one."""
    physical = [r for r in rows if r.get("address_type").lower() != "postal"]
    if not physical:
        return None, bool(rows)
    row = physical[0]
    town = " ".join(p for p in (row.get("state_province"), row.get("postal_code")) if p)
    parts = (row.get("address_1"), row.get("address_2"), row.get("city"), town)
    return ", ".join(p for p in parts if p), False


def _admission(service: Row, review: list[str]) -> dict[str, Any]:
    admission: dict[str, Any] = {}
    for column, key in (("minimum_age", "min_age"), ("maximum_age", "max_age")):
        value = service.get(column)
        if not value:
            continue
        try:
            admission[key] = int(float(value))
        except ValueError:
            review.append(f"{column} {value!r} is not a number; left out")
    if service.get("eligibility_description"):
        admission["notes"] = service.get("eligibility_description")
    return admission


def _details(service: Row, at: Row | None, temporarily_closed: bool,
             access: list[str]) -> str | None:  # fmt: skip
    parts = []
    if temporarily_closed:
        parts.append("The 211 lists this service as temporarily closed.")
    if service.get("alert"):
        parts.append(f"Alert: {service.get('alert')}")
    if service.get("description"):
        parts.append(service.get("description"))
    if at is not None and at.get("description"):
        parts.append(at.get("description"))
    if service.get("application_process"):
        parts.append(f"How to apply: {service.get('application_process')}")
    if access:
        parts.append("Accessibility: " + " ".join(access))
    return "\n\n".join(parts) or None


def _first_sentence(text: str) -> str | None:
    if not text:
        return None
    sentence = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    return sentence if len(sentence) <= 200 else sentence[:197].rstrip() + "…"


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _id(name: str, service_id: str, location_id: str | None) -> str:
    """A readable, stable slug: the name, then the start of the HSDS id(s)."""
    ids = [slugify(service_id).replace("-", "")[:8]]
    if location_id:
        ids.append(slugify(location_id).replace("-", "")[:6])
    return "-".join(p for p in (slugify(name)[:48].strip("-"), *ids) if p)
