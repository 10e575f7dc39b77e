"""Giving back what the program curates: the knowledge base's resources as an HSDS 3
tabular data package that the official schemas accept and that imports back whole."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path

import pytest

from bot.knowledge import load_knowledge
from bot.knowledge.hsds.export import export_hsds
from bot.knowledge.hsds.importer import import_hsds
from bot.knowledge.model import KnowledgeBase, Resource
from tests.conftest import SHIPPED, run_bot
from tests.hsds_schema import package_errors

FIXTURES = Path(__file__).parent / "fixtures" / "hsds"
AS_OF = date(2025, 6, 1)


def round_trip(knowledge: KnowledgeBase, tmp_path: Path) -> KnowledgeBase:
    export_hsds(knowledge, tmp_path / "package")
    assert package_errors(tmp_path / "package") == []
    report = import_hsds(tmp_path / "package", tmp_path / "back", today=AS_OF)
    assert report.ok, report.text()
    return load_knowledge(tmp_path / "back")


def facts(resource: Resource, knowledge: KnowledgeBase) -> dict:
    """What an officer is told of a place (its entry's file and line aside)."""
    return {
        "name": resource.name, "kind": resource.kind, "aliases": resource.aliases,
        "summary": resource.summary, "phone": resource.phone, "text": resource.text,
        "url": resource.url, "address": resource.address, "area": resource.area,
        "hours": resource.hours.text if resource.hours else None,
        "timezone": knowledge.timezone_of(resource) if resource.hours else None,
        "admission": asdict(resource.admission) if resource.admission else None,
        "services": resource.services, "languages": resource.languages,
        "verified": resource.verified, "example": resource.example,
    }  # fmt: skip


@pytest.fixture(scope="module")
def shipped() -> KnowledgeBase:
    return load_knowledge(SHIPPED)


def test_the_shipped_knowledge_exports_as_valid_hsds_and_comes_back_whole(shipped, tmp_path):
    back = round_trip(shipped, tmp_path)
    assert sorted(r.id for r in back.resources) == sorted(r.id for r in shipped.resources)
    for resource in shipped.resources:
        again = back.by_id[resource.id]
        assert facts(again, back) == facts(resource, shipped), resource.id
        if resource.details:
            assert again.details == resource.details


def test_a_211_import_exported_keeps_the_211s_ids_and_comes_back_whole(tmp_path):
    assert import_hsds(FIXTURES / "county211", tmp_path / "kb", today=AS_OF,
                       timezone="America/Chicago").ok  # fmt: skip
    county = load_knowledge(tmp_path / "kb")
    export_hsds(county, tmp_path / "package")
    services = (tmp_path / "package" / "services.csv").read_text(encoding="utf-8")
    assert "47f06c9a-dfc2-5d10-81f5-da6db6bb9ed4" in services  # the 211's own service id
    back = round_trip(county, tmp_path / "again")
    assert sorted(back.by_id) == sorted(county.by_id)
    for resource in county.resources:
        assert facts(back.by_id[resource.id], back) == facts(resource, county), resource.id


def test_admission_criteria_travel_in_the_specifications_attributes(shipped, tmp_path):
    export_hsds(shipped, tmp_path)
    terms = (tmp_path / "taxonomy_terms.csv").read_text(encoding="utf-8")
    attributes = (tmp_path / "attributes.csv").read_text(encoding="utf-8")
    assert "pmhc:admission.intoxication" in terms and "pmhc:hours" in terms
    assert '"""below_limit"""' in attributes or '"below_limit"' in attributes
    header = (tmp_path / "services.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",")[:4] == ["id", "organization_id", "program_id", "name"]


def test_the_command_exports_the_knowledge_folder(tmp_path):
    done = run_bot("hsds", "export", "--knowledge", str(SHIPPED), "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("28 services written to")
    assert package_errors(tmp_path) == []
