"""Reading an HSDS 3 source into one shape, whichever form it came in: a tabular data
package (a folder of CSV files) or a JSON file of service records as the HSDS API returns
them. Both become rows per table, each row knowing where it was written (``file:line`` or
``file: services[3].phones[0]``), so every problem names its place."""

from __future__ import annotations

import csv
import difflib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.knowledge.hsds.spec import REFERENCES, TABLES


@dataclass(frozen=True)
class Row:
    where: str
    values: dict[str, str]

    def get(self, column: str) -> str:
        return self.values.get(column, "")


@dataclass
class Source:
    """Rows per table (a table the source does not have is empty) and what is wrong."""

    tables: dict[str, list[Row]] = field(default_factory=lambda: {t: [] for t in TABLES})
    problems: list[str] = field(default_factory=list)
    present: set[str] = field(default_factory=set)  # tables the source has, empty or not

    def by_id(self, table: str) -> dict[str, Row]:
        return {row.get("id"): row for row in self.tables[table]}


def read_source(path: Path) -> Source:
    """Read ``path``: a folder holding an HSDS package, or a JSON file of services."""
    if path.is_dir():
        source = _read_package(path)
    elif path.is_file():
        source = _read_json(path)
    else:
        source = Source(problems=[f"{path}: no such file or folder"])
    _check_rows(source)
    return source


def _read_package(folder: Path) -> Source:
    source = Source()
    if not (folder / TABLES["services"].file).is_file():
        source.problems.append(
            f"{folder / TABLES['services'].file}: missing; an HSDS package needs its services"
        )
        return source
    for table in TABLES.values():
        path = folder / table.file
        if path.is_file():
            source.present.add(table.name)
            source.tables[table.name] = list(_read_csv(path, table.name, source.problems))
    return source


def _read_csv(path: Path, table: str, problems: list[str]) -> Iterator[Row]:
    spec = TABLES[table]
    try:
        with path.open(newline="", encoding="utf-8-sig") as opened:
            reader = csv.reader(opened)
            header = [name.strip() for name in next(reader, [])]
            for name in header:
                if name not in spec.columns:
                    near = difflib.get_close_matches(name, spec.columns, n=1)
                    hint = f" (did you mean {near[0]}?)" if near else ""
                    problems.append(f"{spec.file}:1: column {name!r} is not an HSDS 3 "
                                    f"column of {spec.file}{hint}")  # fmt: skip
            for name in spec.required:
                if name not in header:
                    problems.append(f"{spec.file}:1: the required column {name} is missing")
            for cells in reader:
                line = reader.line_num
                if not any(cell.strip() for cell in cells):
                    continue
                if len(cells) != len(header):
                    problems.append(f"{spec.file}:{line}: {len(cells)} cells where the header "
                                    f"has {len(header)}")  # fmt: skip
                    continue
                yield Row(f"{spec.file}:{line}", {
                    name: cell.strip() for name, cell in zip(header, cells, strict=True)
                    if name in spec.columns
                })  # fmt: skip
    except UnicodeDecodeError:
        problems.append(f"{spec.file}: not UTF-8 text")
    except csv.Error as error:
        problems.append(f"{spec.file}: not readable as CSV ({error})")


def _read_json(path: Path) -> Source:
    source = Source()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        source.problems.append(f"{path.name}: not JSON ({error})")
        return source
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        data = data["contents"]  # a page of the API's /services
    elif isinstance(data, dict):
        data = [data]  # one service record
    if not isinstance(data, list):
        source.problems.append(f"{path.name}: expected a list of HSDS service records")
        return source
    source.present.update(TABLES)
    flat = _Flattener(source, path.name)
    for number, record in enumerate(data):
        where = f"services[{number}]"
        if isinstance(record, dict):
            flat.service(record, where)
        else:
            source.problems.append(f"{path.name}: {where} is not an object")
    return source


class _Flattener:
    """Nested service records to the rows a package would hold (each nested object once)."""

    def __init__(self, source: Source, file: str) -> None:
        self.source, self.file = source, file
        self.seen: set[tuple[str, str]] = set()

    def add(self, table: str, record: dict[str, Any], where: str, **links: str) -> str:
        values = {column: _text(record.get(column)) for column in TABLES[table].columns}
        values.update({k: v for k, v in links.items() if v})
        key = (table, values["id"])
        if values["id"] and key in self.seen:  # an organization nested in every service
            return values["id"]
        self.seen.add(key)
        self.source.tables[table].append(Row(f"{self.file}: {where}", values))
        return values["id"]

    def service(self, record: dict[str, Any], where: str) -> None:
        organization = _object(record.get("organization"))
        org_id = _text(record.get("organization_id")) or _text(organization.get("id"))
        if organization:
            self.organization(organization, f"{where}.organization")
        service_id = self.add("services", record, where, organization_id=org_id)
        self.children(record, where, service_id=service_id)
        for n, area in enumerate(_objects(record.get("service_areas"))):
            self.add("service_areas", area, f"{where}.service_areas[{n}]", service_id=service_id)
        for n, at in enumerate(_objects(record.get("service_at_locations"))):
            at_where = f"{where}.service_at_locations[{n}]"
            location = _object(at.get("location"))
            location_id = _text(at.get("location_id")) or _text(location.get("id"))
            if location:
                self.location(location, f"{at_where}.location")
            at_id = self.add("service_at_location", at, at_where, service_id=service_id,
                             location_id=location_id)  # fmt: skip
            self.children(at, at_where, service_at_location_id=at_id)

    def organization(self, record: dict[str, Any], where: str) -> None:
        org_id = self.add("organizations", record, where)
        self.children(record, where, organization_id=org_id)

    def location(self, record: dict[str, Any], where: str) -> None:
        location_id = self.add("locations", record, where)
        self.children(record, where, location_id=location_id)
        for table, key in (("addresses", "addresses"), ("accessibility", "accessibility")):
            for n, item in enumerate(_objects(record.get(key))):
                self.add(table, item, f"{where}.{key}[{n}]", location_id=location_id)

    def children(self, record: dict[str, Any], where: str, **owner: str) -> None:
        """Phones, schedules, languages and attributes nested in any record."""
        for n, phone in enumerate(_objects(record.get("phones"))):
            phone_id = self.add("phones", phone, f"{where}.phones[{n}]", **owner)
            for m, language in enumerate(_objects(phone.get("languages"))):
                self.add("languages", language, f"{where}.phones[{n}].languages[{m}]",
                         phone_id=phone_id)  # fmt: skip
        for n, schedule in enumerate(_objects(record.get("schedules"))):
            self.add("schedules", schedule, f"{where}.schedules[{n}]", **owner)
        if "organization_id" not in owner and "service_at_location_id" not in owner:
            for n, language in enumerate(_objects(record.get("languages"))):
                self.add("languages", language, f"{where}.languages[{n}]", **owner)
        entity, owner_id = next(iter(owner.items()))
        for n, attribute in enumerate(_objects(record.get("attributes"))):
            term = _object(attribute.get("taxonomy_term"))
            term_id = _text(attribute.get("taxonomy_term_id")) or _text(term.get("id"))
            if term:
                taxonomy = _object(term.get("taxonomy_detail"))
                taxonomy_id = _text(term.get("taxonomy_id")) or _text(taxonomy.get("id"))
                if taxonomy:
                    self.add("taxonomies", taxonomy, f"{where}.attributes[{n}].taxonomy_term"
                             ".taxonomy_detail")  # fmt: skip
                self.add("taxonomy_terms", term, f"{where}.attributes[{n}].taxonomy_term",
                         taxonomy_id=taxonomy_id)  # fmt: skip
            self.add("attributes", attribute, f"{where}.attributes[{n}]", link_id=owner_id,
                     link_entity=entity.removesuffix("_id"), taxonomy_term_id=term_id)  # fmt: skip


def _check_rows(source: Source) -> None:
    """Required values present, ids unique, references pointing at rows that exist."""
    ids = {table: {row.get("id") for row in rows} for table, rows in source.tables.items()}
    for table, rows in source.tables.items():
        seen: set[str] = set()
        for row in rows:
            for column in TABLES[table].required:  # a column missing is said once, above
                if column in row.values and not row.get(column):
                    source.problems.append(f"{row.where}: {column} is empty (required)")
            if row.get("id") and row.get("id") in seen:
                source.problems.append(f"{row.where}: id {row.get('id')} appears twice")
            seen.add(row.get("id"))
            for column, target in REFERENCES.get(table, {}).items():
                value = row.get(column)
                if value and target in source.present and value not in ids[target]:
                    source.problems.append(f"{row.where}: {column} {value} is not in "
                                           f"{TABLES[target].file}")  # fmt: skip
            if table == "attributes":
                target = {"service": "services", "location": "locations",
                          "organization": "organizations"}.get(row.get("link_entity"))  # fmt: skip
                if target and target in source.present and row.get("link_id") not in ids[target]:
                    source.problems.append(f"{row.where}: link_id {row.get('link_id')} is not "
                                           f"in {TABLES[target].file}")  # fmt: skip


def _text(value: Any) -> str:
    if value is None or isinstance(value, dict | list):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip()


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _objects(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []
