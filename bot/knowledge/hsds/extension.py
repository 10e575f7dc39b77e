"""What the knowledge base says that HSDS has no column for (admission criteria, the exact
opening hours, the kind, aliases), carried the specification's own way: attributes tagging
a service with terms of a taxonomy, here "PMHC knowledge base fields", each attribute's
``value`` the field's value as JSON. An export carries them; an import reads them back, so
a round trip keeps every field."""

from __future__ import annotations

import json
import uuid
from typing import Any

TAXONOMY_ID = str(uuid.uuid5(uuid.NAMESPACE_URL, "https://pmhc-bot.invalid/hsds/fields"))
TAXONOMY = {
    "id": TAXONOMY_ID,
    "name": "PMHC knowledge base fields",
    "description": "Fields of a Police-Mental Health Collaboration knowledge base that HSDS "
    "has no column for; each attribute's value is the field's value as JSON.",
}
PREFIX = "pmhc:"
# knowledge-base field -> what its term says
FIELDS = {
    "id": "The resource's id in the knowledge base.",
    "kind": "What kind of place or service it is (crisis_center, detox, ...).",
    "hours": "Opening hours in OpenStreetMap opening_hours syntax, exactly as curated.",
    "timezone": "IANA time zone of the opening hours.",
    "aliases": "Other names officers use for it.",
    "summary": "One line shown in lists.",
    "address": "The address exactly as curated (the address columns may not hold it).",
    "services": "What it offers, as listed.",
    "example": "True for sample data that must never be acted on.",
    "admission.intoxication": "accepted, not_accepted or below_limit.",
    "admission.max_bac": "Highest blood alcohol accepted (with below_limit).",
    "admission.medical_clearance": "True if medical clearance is needed before admission.",
    "admission.involuntary": "Accepts people on an involuntary hold.",
    "admission.walk_in": "Accepts walk-ins.",
    "admission.law_enforcement_dropoff": "Accepts drop-offs by police.",
    "admission.dropoff_minutes": "Typical officer hand-off time, in minutes.",
    "admission.idd": "Serves people with intellectual or developmental disabilities.",
    "admission.violence": "accepted or not_accepted (actively violent people).",
    "admission.excludes": "Who or what it does not take, as written.",
}


def term_id(field: str) -> str:
    return str(uuid.uuid5(uuid.UUID(TAXONOMY_ID), field))


def terms() -> list[dict[str, str]]:
    """The taxonomy's terms, as taxonomy_terms rows."""
    return [{"id": term_id(field), "code": PREFIX + field, "name": field, "description": text,
             "taxonomy_id": TAXONOMY_ID, "taxonomy": TAXONOMY["name"]}
            for field, text in FIELDS.items()]  # fmt: skip


def encode(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def decode(code: str, value: str) -> tuple[str, Any] | None:
    """(field, value) an attribute carries, or None if it is not one of these or is spoiled."""
    if not code.startswith(PREFIX) or code.removeprefix(PREFIX) not in FIELDS:
        return None
    try:
        return code.removeprefix(PREFIX), json.loads(value)
    except ValueError:
        return None
