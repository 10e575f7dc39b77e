"""Checking data against the official HSDS 3.0 JSON schemas (tests/fixtures/hsds/schema,
copied from openreferral/specification with its CC BY-SA 4.0 licence): service records as
the API returns them, and the rows of a tabular package, typed as its datapackage says."""

from __future__ import annotations

import csv
import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMAS = Path(__file__).parent / "fixtures" / "hsds" / "schema"
BASE = "https://hsds.invalid/schema/"


@cache
def _registry() -> Registry:
    resources = []
    for path in sorted((SCHEMAS / "schema").glob("*.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((BASE + path.name, Resource.from_contents(
            contents, default_specification=DRAFT202012)))  # fmt: skip
    return Registry().with_resources(resources)


def validator(table_schema: str) -> Draft202012Validator:
    """A validator for one schema file (``service.json``), its ``$ref`` s resolved."""
    return Draft202012Validator({"$ref": BASE + table_schema}, registry=_registry(),
                                format_checker=FormatChecker())  # fmt: skip


def record_errors(records: list[dict[str, Any]]) -> list[str]:
    """Every way the service records break ``service.json``."""
    check = validator("service.json")
    return [f"services[{n}] {'/'.join(map(str, e.absolute_path))}: {e.message}"
            for n, record in enumerate(records) for e in check.iter_errors(record)]  # fmt: skip


@cache
def _package_fields() -> dict[str, tuple[str, list[dict[str, Any]]]]:
    package = json.loads((SCHEMAS / "datapackage.json").read_text(encoding="utf-8"))
    return {r["path"]: (r["name"], r["schema"]["fields"]) for r in package["resources"]}


def package_errors(folder: Path) -> list[str]:
    """Every way a package's CSV files break the specification: a file or column it does not
    define, a missing required column, a row that fails its table's JSON schema."""
    errors = []
    known = _package_fields()
    for path in sorted(folder.glob("*.csv")):
        if path.name not in known:
            errors.append(f"{path.name}: not a file of the specification")
            continue
        name, fields = known[path.name]
        types = {f["name"]: f.get("type", "string") for f in fields}
        check = validator(f"{name}.json")
        with path.open(newline="", encoding="utf-8") as opened:
            reader = csv.DictReader(opened)
            header = reader.fieldnames or []
            errors += [f"{path.name}: column {c} is not in the specification"
                       for c in header if c not in types]  # fmt: skip
            required = [f["name"] for f in fields if f.get("constraints", {}).get("required")]
            errors += [f"{path.name}: required column {c} is missing"
                       for c in required if c not in header]  # fmt: skip
            for line, row in enumerate(reader, start=2):
                typed = {k: _typed(v, types.get(k, "string")) for k, v in row.items() if v}
                errors += [f"{path.name}:{line} {'/'.join(map(str, e.absolute_path))}: "
                           f"{e.message}" for e in check.iter_errors(typed)]  # fmt: skip
    if not (folder / "datapackage.json").is_file():
        errors.append("datapackage.json: missing")
    return errors


def _typed(value: str, kind: str) -> Any:
    if kind == "integer":
        return int(value)
    if kind == "number":
        return float(value)
    if kind == "boolean":
        return value.lower() == "true"
    return value
