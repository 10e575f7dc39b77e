"""Loading and validating knowledge folders: every problem named at its file and line."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from bot.knowledge import KnowledgeError, load_knowledge, load_report
from tests.conftest import ROOT, SHIPPED

TODAY = date(2026, 11, 22)

GOOD = """
defaults:
  timezone: America/Chicago
  area: Test County
resources:
  - id: harbor
    name: Harbor Crisis Center
    kind: crisis_center
    phone: "(555) 555-0100"
    hours: "24/7"
    admission:
      min_age: 18
      intoxication: below_limit
      max_bac: 0.15
    verified: 2026-10-01
"""


def errors_of(folder) -> list[str]:
    return [str(p) for p in load_report(folder, today=TODAY).errors]


def test_the_shipped_knowledge_base_loads_without_errors():
    report = load_report(SHIPPED, today=TODAY)
    assert report.errors == ()
    counts = report.knowledge.counts()
    assert counts["resource"] >= 22 and counts["glossary"] >= 30 and counts["section"] >= 20


def test_a_good_folder_loads_into_an_immutable_knowledge_base(write_knowledge):
    knowledge = load_knowledge(write_knowledge({"a.yaml": GOOD}), today=TODAY)
    harbor = knowledge.by_id["harbor"]
    assert harbor.criteria.max_bac == 0.15 and harbor.criteria.involuntary is None
    assert knowledge.timezone_of(harbor) == "America/Chicago"
    with pytest.raises(TypeError):
        knowledge.by_id["x"] = harbor  # type: ignore[index]
    with pytest.raises(AttributeError):
        harbor.name = "changed"  # type: ignore[misc]


def test_files_are_found_recursively_with_both_suffixes(write_knowledge):
    folder = write_knowledge(
        {
            "a.yaml": GOOD,
            "deep/down/terms.yml": "glossary:\n  - term: EDP\n    definition: x\n",
            ".hidden/skip.yaml": "nonsense: [",
            "notes.txt": "not yaml at all: [",
        }
    )
    knowledge = load_knowledge(folder, today=TODAY)
    assert knowledge.files == ("a.yaml", "deep/down/terms.yml")
    assert "edp" in knowledge.by_id  # id derived from the term


def test_unknown_keys_name_the_line_and_suggest_the_right_one(write_knowledge):
    folder = write_knowledge(
        {
            "r.yaml": "resources:\n  - id: a\n    name: A\n    kind: other\n    url: https://x.org\n"
            "    adress: 1 Main St\n"
        }
    )
    assert errors_of(folder) == ['r.yaml:6: unknown key "adress" (did you mean address?)']


def test_bad_enum_values_list_the_allowed_ones(write_knowledge):
    folder = write_knowledge(
        {
            "r.yaml": """
            resources:
              - id: a
                name: A
                kind: crisis_centre
                phone: "1"
                admission:
                  intoxication: "yes"
                  violence: sometimes
            """
        }
    )
    errors = errors_of(folder)
    assert errors[0].startswith("r.yaml:4: kind must be one of crisis_center, crisis_line")
    assert errors[0].endswith("did you mean crisis_center?")
    assert errors[1] == (
        "r.yaml:7: admission.intoxication must be one of accepted, not_accepted, below_limit "
        '(got "yes")'
    )
    assert errors[2].startswith(
        "r.yaml:8: admission.violence must be one of accepted, not_accepted"
    )


def test_unquoted_yes_is_explained_as_yaml_reading_it_as_true(write_knowledge):
    folder = write_knowledge(
        {
            "r.yaml": "resources:\n  - id: a\n    name: A\n    kind: other\n    url: https://x.org\n"
            "    admission:\n      intoxication: yes\n"
        }
    )
    (error,) = errors_of(folder)
    assert error.startswith("r.yaml:7: admission.intoxication must be one of")
    assert "YAML reads yes/no" in error


@pytest.mark.parametrize(
    ("admission", "message"),
    [
        ("min_age: -1", "admission.min_age must be a whole number from 0 to 120"),
        ("min_age: 17.5", "admission.min_age must be a whole number from 0 to 120"),
        ("min_age: 21\n      max_age: 18", "admission.max_age (18) is below min_age (21)"),
        (
            "intoxication: below_limit\n      max_bac: 15",
            "admission.max_bac must be a number above",
        ),
        ("intoxication: accepted\n      max_bac: 0.1", "max_bac only applies with intoxication"),
        ("involuntary: maybe", "admission.involuntary must be true or false"),
        ("dropoff_minutes: lots", "admission.dropoff_minutes must be a whole number"),
    ],
)
def test_admission_values_are_checked(write_knowledge, admission, message):
    folder = write_knowledge(
        {
            "r.yaml": "resources:\n  - id: a\n    name: A\n    kind: other\n    url: https://x.org\n"
            f"    admission:\n      {admission}\n"
        }
    )
    errors = errors_of(folder)
    assert len(errors) == 1 and message in errors[0], errors
    assert errors[0].startswith("r.yaml:")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("hours", "Mo-Fx 08:00-17:00", "hours is not valid opening_hours syntax"),
        ("timezone", "America/Gotham", "timezone must be an IANA time zone"),
        ("verified", "last tuesday", "verified must be a date like 2026-10-01"),
        ("url", "www.example.org", "url must start with https://"),
        ("id", "Harbor Center", "id must be a slug"),
        ("example", "sometimes", "example must be true or false"),
        ("aliases", "{a: 1}", "aliases must be a list of text"),
    ],
)
def test_resource_fields_are_checked(write_knowledge, field, value, message):
    base = {"id": "a", "name": "A", "kind": "other", "phone": '"1"'}
    base[field] = value
    body = "".join(f"    {k}: {v}\n" for k, v in base.items()).replace("    ", "  - ", 1)
    folder = write_knowledge({"r.yaml": "resources:\n" + body})
    errors = errors_of(folder)
    line = 2 + list(base).index(field)
    assert len(errors) == 1 and errors[0].startswith(f"r.yaml:{line}: {message}"), errors


def test_required_fields_and_contact(write_knowledge):
    folder = write_knowledge({"r.yaml": "resources:\n  - id: a\n    kind: other\n"})
    assert errors_of(folder) == [
        "r.yaml:2: name is required",
        "r.yaml:2: a resource needs at least one of phone, text or url",
    ]


def test_duplicate_ids_across_files_name_both_places(write_knowledge):
    entry = "  - id: same\n    name: X\n    kind: other\n    url: https://x.org\n"
    folder = write_knowledge(
        {
            "a.yaml": "resources:\n" + entry,
            "b.yaml": "sections:\n  - id: same\n    title: T\n    summary: S\n",
        }
    )
    assert errors_of(folder) == ['b.yaml:2: duplicate id "same" (first used at a.yaml:2)']


def test_only_one_file_may_set_defaults(write_knowledge):
    folder = write_knowledge(
        {"a.yaml": "defaults:\n  timezone: UTC\n", "b.yaml": "defaults:\n  timezone: UTC\n"}
    )
    assert errors_of(folder) == [
        "b.yaml:2: defaults is already set in a.yaml:2; only one file may set defaults"
    ]


def test_unknown_top_level_key_is_an_error(write_knowledge):
    folder = write_knowledge({"a.yaml": "resource:\n  - id: x\n"})
    assert errors_of(folder) == [
        'a.yaml:1: unknown top-level key "resource" — did you mean resources?'
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("resources: [\n", "a.yaml:2: not valid YAML"),
        ("x: !!python/object:os.system {}\n", "a.yaml:1: tag tag:yaml.org,2002:python/object"),
        ("a: &a [*a]\n", "a.yaml:1: recursive YAML alias"),
        ("- just\n- a list\n", "a.yaml:1: the file must be a mapping"),
        ("resources:\n  - id: a\n    id: b\n", 'a.yaml:3: duplicate key "id" (first at line 2)'),
        ("glossary:\n  - <<: {term: x}\n", "a.yaml:2: merge keys (<<) are not supported"),
    ],
)
def test_unsafe_or_broken_yaml_is_reported_not_raised(write_knowledge, text, message):
    errors = errors_of(write_knowledge({"a.yaml": text}))
    assert len(errors) == 1 and errors[0].startswith(message), errors


def test_billion_laughs_is_refused_quickly(write_knowledge):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    folder = write_knowledge({"bomb.yaml": "\n".join(lines) + "\n"})
    (error,) = errors_of(folder)
    assert "aliases expand to too much data" in error


def test_not_utf8_names_the_line(write_knowledge, tmp_path):
    folder = write_knowledge({"a.yaml": GOOD})
    (folder / "latin1.yaml").write_bytes(b"glossary:\n  - term: Ni\xf1o\n")
    assert errors_of(folder) == ["latin1.yaml:2: not UTF-8 text; save the file as UTF-8"]


def test_all_errors_are_reported_and_nothing_is_half_loaded(write_knowledge):
    folder = write_knowledge(
        {
            "a.yaml": GOOD,
            "b.yaml": "resources:\n  - id: b\n    name: B\n    kind: nope\n"
            "    phone: '1'\n  - id: c\n    name: C\n    kind: other\n",
        }
    )
    report = load_report(folder, today=TODAY)
    assert report.knowledge is None and len(report.errors) == 2
    with pytest.raises(KnowledgeError) as raised:
        load_knowledge(folder, today=TODAY)
    assert len(raised.value.errors) == 2
    assert "b.yaml:4" in str(raised.value) and "(and 1 more)" in str(raised.value)


def test_missing_or_empty_folders_are_errors(tmp_path):
    assert "knowledge folder not found" in errors_of(tmp_path / "nowhere")[0]
    assert "no .yaml or .yml files found" in errors_of(tmp_path)[0]


def test_warnings_for_stale_unverified_and_criteria_less_crisis_centers(write_knowledge):
    folder = write_knowledge(
        {
            "a.yaml": """
            resources:
              - id: old
                name: Old
                kind: other
                url: https://x.org
                verified: 2024-01-02
              - id: never
                name: Never
                kind: crisis_center
                url: https://x.org
            """
        }
    )
    report = load_report(folder, today=TODAY)
    assert report.ok
    assert [str(w) for w in report.warnings] == [
        "a.yaml:2: warning: old: verified 2024-01-02 is 1055 days old; check it again",
        "a.yaml:7: warning: never: no verified date",
        "a.yaml:7: warning: never: crisis_center without admission criteria",
    ]


PARALLEL_CHECK = """
import sys
from pathlib import Path
from bot.knowledge.loader import assemble, find_files, read_files
root = Path(sys.argv[1])
paths = find_files(root)
one, many = (assemble(read_files(root, paths, workers=w)) for w in (1, 3))
assert one.knowledge.entries == many.knowledge.entries, "entries differ"
assert [str(w) for w in one.warnings] == [str(w) for w in many.warnings]
assert one.knowledge.version == many.knowledge.version
hours = [e.hours for e in many.knowledge.resources if e.hours]
assert hours and all(h.status_at(__import__("datetime").datetime.now().astimezone(), "UTC")
                     for h in hours)
print(len(one.knowledge.entries))
"""


def test_parallel_loading_gives_the_same_knowledge_base():
    import subprocess
    import sys

    from tests.conftest import ROOT

    done = subprocess.run([sys.executable, "-c", PARALLEL_CHECK, str(SHIPPED)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) > 100


@pytest.mark.parametrize("how", ["script", "stdin"])
def test_a_script_without_a_main_guard_loads_once(tmp_path, how):
    """Reading files in worker processes must not re-run the caller's script in each worker."""
    script = (f"from bot.knowledge import load_knowledge\n"
              f"print('entries', len(load_knowledge({str(SHIPPED)!r}).entries))\n")  # fmt: skip
    if how == "script":
        path = tmp_path / "count.py"
        path.write_text(script)
        command, stdin = [sys.executable, str(path)], None
    else:
        command, stdin = [sys.executable, "-"], script
    done = subprocess.run(command, input=stdin, capture_output=True, text=True, timeout=120,
                          cwd=ROOT)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.count("entries") == 1 and "Traceback" not in done.stderr
