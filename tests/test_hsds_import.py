"""Starting from a 211's data: an HSDS 3 package (CSV) or JSON service records become YAML
resources that load as a knowledge base, open when the 211 says, and keep what
coordinators add when imported again. The package is fictional (tests/fixtures/hsds)."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from bot.knowledge import load_knowledge
from bot.knowledge.hsds.importer import import_hsds
from bot.knowledge.loader import load_report
from bot.knowledge.model import KnowledgeBase, Resource
from tests.conftest import run_bot
from tests.hsds_schema import package_errors, record_errors

FIXTURES = Path(__file__).parent / "fixtures" / "hsds"
PACKAGE, RECORDS = FIXTURES / "county211", FIXTURES / "county211.json"
EXPECTED = json.loads((FIXTURES / "county211.expected.json").read_text(encoding="utf-8"))
ZONE = "America/Chicago"
AS_OF = date(2025, 6, 1)  # before every moment the fixture asks about
CSU = "47f06c9a-dfc2-5d10-81f5-da6db6bb9ed4"  # the adult crisis stabilization unit


def import_into(out: Path, source: Path = PACKAGE, as_of: date = AS_OF) -> str:
    report = import_hsds(source, out, today=as_of, timezone=ZONE, area="Larkspur County")
    assert report.ok, report.text()
    return report.text()


def by_record(knowledge: KnowledgeBase) -> dict[tuple[str, str | None], Resource]:
    """Each resource by the HSDS service (and location) its ``source`` names."""
    found = {}
    for resource in knowledge.resources:
        ref = (resource.source or "").removeprefix("hsds:services/")
        service, _, location = ref.partition("#location=")
        found[service, location or None] = resource
    return found


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("county")
    import_into(out)
    return out


def test_every_active_service_becomes_a_resource_at_each_of_its_locations(county: Path):
    report = load_report(county, today=AS_OF)
    assert report.ok, [str(e) for e in report.errors]
    resources = by_record(report.knowledge)
    active = {s["id"] for s in EXPECTED["services"] if s["status"] not in ("inactive", "defunct")}
    assert {service for service, _ in resources} == active
    assert len(resources) == 27  # three services are at two locations each
    two_places = [s for s in EXPECTED["services"] if s.get("opening_hours_by_location")]
    for service in two_places:
        for location, name in service["location_names"].items():
            assert resources[service["id"], location].name.endswith(f"({name})")
    csu = resources[CSU, "db0de28d-21a9-59ff-a529-5cf5bcb41a1c"]
    assert (csu.kind, csu.phone, csu.address, csu.criteria.min_age, csu.languages) == (
        "crisis_center", "319-555-0101", "410 Juniper Ave, Marrowfield, IA 52990", 18,
        ("English", "Spanish"),
    )  # fmt: skip
    assert csu.verified == date(2025, 9, 2) and csu.area == ("Larkspur County",)
    assert "How to apply: Walk in at any time" in csu.details
    assert "Accessibility: Step-free entrance" in csu.details  # the location's
    # what HSDS cannot say stays unknown
    assert (csu.criteria.intoxication, csu.criteria.involuntary, csu.criteria.violence) == (
        None, None, None,
    )  # fmt: skip


def test_hours_answer_as_the_211_says_at_chosen_moments(county: Path):
    resources = by_record(load_knowledge(county))
    checked = 0
    for service in EXPECTED["services"]:
        if service["status"] in ("inactive", "defunct"):
            continue
        for moment in service["moments"]:
            at = datetime.fromisoformat(moment["at"])
            wanted = moment.get("open_by_location") or {None: moment["open"]}
            for location, is_open in wanted.items():
                for resource in _at(resources, service["id"], location):
                    state = resource.hours.status_at(at, resource.timezone or ZONE).state
                    assert (state == "open") == is_open, (resource.id, moment["label"])
                    checked += 1
    assert checked >= 80


def _at(resources: dict, service_id: str, location: str | None) -> list[Resource]:
    """The resource at ``location``; None: every resource of the service (same hours)."""
    return [r for (s, at), r in resources.items()
            if s == service_id and location in (None, at)]  # fmt: skip


def test_json_service_records_import_as_the_package_does(county: Path, tmp_path: Path):
    import_into(tmp_path, RECORDS)
    from_json, from_csv = load_knowledge(tmp_path), load_knowledge(county)
    assert sorted(from_json.by_id) == sorted(from_csv.by_id)
    for rid, resource in from_csv.by_id.items():
        other = from_json.by_id[rid]
        assert (other.name, other.phone, other.hours, other.address, other.criteria) == (
            resource.name, resource.phone, resource.hours, resource.address, resource.criteria,
        ), rid  # fmt: skip


def test_the_report_lists_what_to_fill_in_and_what_was_left_out(tmp_path: Path):
    said = import_into(tmp_path)
    assert "left out: Youth Mobile Crisis Pilot" in said and "status defunct" in said
    assert "left out: Teen Crisis Text Line" in said and "status inactive" in said
    assert ("adult-crisis-stabilization-unit-47f06c9a: fill in what HSDS cannot say: "
            "intoxication, involuntary, violence, law_enforcement_dropoff, medical_clearance"
            ) in said  # fmt: skip
    assert "open-door-peer-warmline-997b2f19: kind guessed: crisis_line, from the name" in said
    text = (tmp_path / "larkspur-valley-behavioral-health.yaml").read_text(encoding="utf-8")
    assert "  # review: fill in what HSDS cannot say: intoxication" in text


def test_a_reimport_updates_the_211s_facts_and_keeps_coordinators_edits(tmp_path: Path):
    out, package = tmp_path / "kb", tmp_path / "package"
    import_into(out)
    shutil.copytree(PACKAGE, package)
    file = out / "larkspur-valley-behavioral-health.yaml"
    edited = file.read_text(encoding="utf-8").replace(
        "    admission:\n      min_age: 18\n",
        "    admission:\n      # checked with the charge nurse\n      min_age: 16\n"
        "      intoxication: below_limit\n      max_bac: 0.15\n"
        "      law_enforcement_dropoff: true\n", 1,
    ).replace("    aliases: [CSU]\n", "    aliases: [CSU, Juniper crisis unit]\n", 1)  # fmt: skip
    file.write_text(edited, encoding="utf-8")
    _replace_in(package / "phones.csv", "319-555-0101", "319-555-0199")  # the 211 changed it
    _replace_in(package / "services.csv", "Adults 18 and older in Larkspur County",
                "Adults 17 and older in Larkspur County")  # fmt: skip
    said = import_into(out, package, AS_OF)
    csu = load_knowledge(out).by_id["adult-crisis-stabilization-unit-47f06c9a"]
    assert csu.phone == "319-555-0199"  # the 211's new number
    assert csu.criteria.notes.startswith("Adults 17 and older")  # not edited here: updated
    assert (csu.criteria.min_age, csu.criteria.intoxication, csu.criteria.max_bac,
            csu.criteria.law_enforcement_dropoff) == (16, "below_limit", 0.15, True)  # fmt: skip
    assert csu.aliases == ("CSU", "Juniper crisis unit")
    assert "# checked with the charge nurse" in file.read_text(encoding="utf-8")
    assert "0 added, 1 updated" in said
    assert "intoxication" not in _review_line(said, "adult-crisis-stabilization-unit")
    assert "kind guessed" not in said  # reviewed when first imported


def test_an_edit_the_211_disagrees_with_is_kept_and_reported(tmp_path: Path):
    out, package = tmp_path / "kb", tmp_path / "package"
    import_into(out)
    shutil.copytree(PACKAGE, package)
    file = out / "larkspur-valley-behavioral-health.yaml"
    _replace_in(file, "    phone: 319-555-0101\n", "    phone: 319-555-0142\n")  # direct line
    _replace_in(package / "phones.csv", "319-555-0101", "319-555-0199")
    said = import_into(out, package)
    assert load_knowledge(out).by_id["adult-crisis-stabilization-unit-47f06c9a"].phone == (
        "319-555-0142"
    )
    assert "kept your edit: adult-crisis-stabilization-unit-47f06c9a phone (the 211 now says " \
           "319-555-0199)" in said  # fmt: skip


def test_importing_the_same_data_again_changes_no_file(county: Path, tmp_path: Path):
    shutil.copytree(county, tmp_path / "kb")
    before = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "kb").iterdir()}
    said = import_into(tmp_path / "kb")
    after = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "kb").iterdir()}
    assert after == before and said.startswith("0 added, 0 updated, 0 file(s) written.")


def test_bad_input_gets_one_line_per_problem_and_nothing_is_written(tmp_path: Path):
    report = import_hsds(FIXTURES / "bad211", tmp_path / "out", today=AS_OF, timezone=ZONE)
    assert report.problems == [
        "addresses.csv:1: column 'zip_code' is not an HSDS 3 column of addresses.csv "
        "(did you mean postal_code?)",
        "addresses.csv:1: the required column postal_code is missing",
        "services.csv:4: name is empty (required)",
        "phones.csv:5: service_id e81b89c0-1d08-5f8c-a2db-977e57252fdf is not in services.csv",
        "schedules.csv:5: opens_at '8am-ish' is not a time (HH:MM)",
    ]
    assert not (tmp_path / "out").exists()
    missing = import_hsds(FIXTURES / "bad211-missing", tmp_path / "out", today=AS_OF)
    assert [p.split(": ", 1)[1] for p in missing.problems] == [
        "missing; an HSDS package needs its services"
    ]


def test_a_failed_reimport_leaves_the_folder_as_it_was(county: Path, tmp_path: Path):
    shutil.copytree(county, tmp_path / "kb")
    before = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "kb").iterdir()}
    report = import_hsds(FIXTURES / "bad211", tmp_path / "kb", today=AS_OF, timezone=ZONE)
    assert not report.ok
    after = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "kb").iterdir()}
    assert after == before


def test_the_command_imports_and_says_what_it_did(tmp_path: Path):
    done = run_bot("hsds", "import", str(PACKAGE), "--out", str(tmp_path / "kb"),
                   "--timezone", ZONE, "--as-of", "2025-06-01")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("27 added, 0 updated, 8 file(s) written.")
    failed = run_bot("hsds", "import", str(FIXTURES / "bad211"), "--out", str(tmp_path / "x"))
    assert failed.returncode == 1 and "schedules.csv:5: opens_at '8am-ish'" in failed.stderr
    wrong = run_bot("hsds", "import", str(PACKAGE), "--out", str(tmp_path / "y"),
                    "--timezone", "Mars/Olympus")  # fmt: skip
    assert wrong.returncode == 2 and "IANA zone" in wrong.stderr


def _replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def _review_line(said: str, prefix: str) -> str:
    return next((line for line in said.splitlines() if line.startswith(f"• {prefix}")), "")


def test_the_fixture_package_and_records_are_valid_hsds():
    """What the import reads is what the specification allows (its JSON schemas)."""
    assert package_errors(PACKAGE) == []
    assert record_errors(json.loads(RECORDS.read_text(encoding="utf-8"))) == []
    assert any("zip_code" in e for e in package_errors(FIXTURES / "bad211"))


def test_a_reimport_rewrites_only_the_lines_that_change(county: Path, tmp_path: Path):
    out, package = tmp_path / "kb", tmp_path / "package"
    shutil.copytree(county, out)
    shutil.copytree(PACKAGE, package)
    file = out / "safe-harbor-housing-collaborative.yaml"  # its last entry is the day center
    file.write_text(file.read_text(encoding="utf-8") + "# kept at the end\n", encoding="utf-8")
    before = file.read_text(encoding="utf-8").splitlines()
    _replace_in(package / "phones.csv", "319-555-0125", "319-555-0126")
    assert "1 updated, 1 file(s) written" in import_into(out, package)
    after = file.read_text(encoding="utf-8").splitlines()
    changed = [(b, a) for b, a in zip(before, after, strict=True) if b != a]
    assert changed == [("    phone: 319-555-0125", "    phone: 319-555-0126")]
