"""Knowledge written carelessly or to do harm: the real CLI reports it, never crashes or hangs.

Each case runs ``python -m bot`` as a separate process, as an admin would, so a parser fault
or a runaway computation shows as what it is (a signal, a timeout), not as a caught exception.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import signal
import threading
import time
from pathlib import Path

import pytest

from bot.knowledge.isolation import read_isolated
from tests.conftest import run_bot

CENTER = """\
defaults:
  timezone: America/Chicago
resources:
  - id: harbor-crc
    name: Harbor Crisis Receiving Center
    kind: crisis_center
    summary: Walk-in and police drop-off for adults in a mental health crisis.
    phone: "555-0100"
    hours: "{hours}"
    admission:
      min_age: 18
      law_enforcement_dropoff: true
  - id: valley-ed
    name: Valley Hospital Emergency Department
    kind: emergency_department
    summary: Emergency care for medical and psychiatric emergencies, all ages.
    phone: "555-0101"
    hours: "24/7"
"""


def validate(folder: Path) -> tuple[int, list[str]]:
    """Exit code and the ``file:line`` lines of ``python -m bot validate``."""
    done = run_bot("validate", str(folder))
    assert "Traceback" not in done.stderr + done.stdout, done.stderr
    lines = [line for line in done.stdout.splitlines() if ".yaml:" in line]
    return done.returncode, lines


def folder_with(tmp_path: Path, text: str | bytes, name: str = "a.yaml") -> Path:
    folder = tmp_path / "kb"
    folder.mkdir(exist_ok=True)
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("!!timestamp not-a-date", 'a.yaml:3: "not-a-date" is not a valid timestamp value'),
        ("!!bool maybe", 'a.yaml:3: "maybe" is not a valid bool value'),
        ("!!int 0xZZ", 'a.yaml:3: "0xZZ" is not a valid int value'),
        ("!!float one", 'a.yaml:3: "one" is not a valid float value'),
    ],
)
def test_a_tagged_value_the_loader_cannot_read_is_one_error_line(tmp_path, value, message):
    folder = folder_with(tmp_path, f"glossary:\n  - term: foo\n    definition: {value}\n")
    assert validate(folder) == (1, [message])


@pytest.mark.parametrize("opener", ["[", "{a: ", "- "])
def test_thirty_thousand_nested_collections_are_an_error_not_a_crash(tmp_path, opener):
    if opener == "- ":
        text = "resources:\n" + "".join(" " * i + "- \n" for i in range(3000))
    else:
        closer = "]" if opener == "[" else "}"
        text = "resources: " + opener * 30_000 + "1" + closer * 30_000 + "\n"
    code, lines = validate(folder_with(tmp_path, text))
    assert code == 1 and len(lines) == 1 and "nested too deeply" in lines[0], lines


def test_control_characters_in_names_and_values_stay_on_one_line(tmp_path):
    text = 'glossary:\n  - term: "bad\\nterm\\u001b[31m"\n    definition: !!bool "x\\ny"\n'
    code, lines = validate(folder_with(tmp_path, text, name="we\nird.yaml"))
    assert code == 1 and lines == ['we\\nird.yaml:3: "x\\ny" is not a valid bool value'], lines


@pytest.mark.parametrize("hours", ["Mo-Su 00:00-24:00", "Mo 00:00-24:00; Tu-Su 00:00-24:00"])
def test_hours_that_mean_always_open_answer_at_once(tmp_path, hours):
    folder = folder_with(tmp_path, CENTER.format(hours=hours))
    questions = tmp_path / "questions.txt"
    questions.write_text("where can i take a suicidal adult at 2am\n" * 20)
    done = run_bot("ask", "--batch", str(questions), "--knowledge", str(folder), "--json",
               "--at", "2026-12-03T01:00", timeout=30)  # fmt: skip
    assert done.returncode == 0, done.stderr
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(answers) == 20
    first = answers[0]["results"][0]
    assert first["id"] == "harbor-crc" and first["open"] is True
    assert "next_change" not in first  # no change within the look-ahead


def test_one_enormous_word_costs_no_more_memory_than_a_short_one(tmp_path):
    letters = random.Random(1)
    word = "".join(letters.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(40_000))
    text = CENTER.format(hours="24/7") + f"glossary:\n  - term: zz\n    definition: {word}\n"
    folder = folder_with(tmp_path, text)
    question = f"harbor crisis receiving center {word[:30_000]}"
    done = run_bot("ask", question, "--knowledge", str(folder), "--json", memory_mb=1024)
    assert done.returncode == 0, done.stderr[-500:]
    assert json.loads(done.stdout)["query"].startswith("harbor crisis")


def test_ten_thousand_aliases_are_refused_with_the_line(tmp_path):
    aliases = "".join(f"      - alias {i}\n" for i in range(10_000))
    text = f"glossary:\n  - term: zz\n    definition: x\n    aliases:\n{aliases}"
    assert validate(folder_with(tmp_path, text)) == (
        1, ["a.yaml:4: aliases has 10,000 items; at most 200"]
    )  # fmt: skip


def test_a_value_longer_than_a_book_chapter_is_refused(tmp_path):
    text = "glossary:\n  - term: zz\n    definition: " + "word " * 20_000 + "\n"
    assert validate(folder_with(tmp_path, text)) == (
        1, ["a.yaml:3: a value of 99,999 characters; the limit is 50,000"]
    )  # fmt: skip


def test_a_file_of_one_and_a_half_gigabytes_is_refused_without_reading_it(tmp_path):
    folder = folder_with(tmp_path, CENTER.format(hours="24/7"))
    with (folder / "huge.yaml").open("wb") as huge:  # sparse: costs no disk
        huge.truncate(1536 * 2**20)
    done = run_bot("validate", str(folder), memory_mb=512)
    assert done.returncode == 1, done.stderr[-500:]
    assert "huge.yaml:1: file is larger than 64 MiB; split it" in done.stdout


def big_glossary(terms: int) -> str:
    return "glossary:\n" + "".join(
        f"  - term: term number {i}\n    definition: what term {i} means, in a few words\n"
        for i in range(terms)
    )


def test_a_file_that_takes_too_long_is_reported_and_the_others_are_read(tmp_path):
    folder = folder_with(tmp_path, big_glossary(40_000), name="slow.yaml")
    (folder / "quick.yaml").write_text(big_glossary(2))
    paths = [folder / "slow.yaml", folder / "quick.yaml"]
    slow, quick = read_isolated(folder, paths, seconds_per_file=0.2)
    assert [str(p) for p in slow.problems] == ["slow.yaml:1: reading took more than 0 s"]
    assert len(quick.entries) == 2 and not quick.problems


def test_a_file_that_needs_too_much_memory_is_reported(tmp_path):
    folder = folder_with(tmp_path, big_glossary(100_000), name="heavy.yaml")
    (heavy,) = read_isolated(folder, [folder / "heavy.yaml"], memory_bytes=200 * 2**20)
    assert [str(p) for p in heavy.problems] == ["heavy.yaml:1: reading it needs more than 200 MiB"]


def test_a_reader_that_crashes_is_a_report_on_the_file_it_was_reading(tmp_path):
    # no file crashes this machine's libyaml, so the crash is made from outside: the
    # worker is killed with SIGSEGV while it reads the big file
    folder = folder_with(tmp_path, big_glossary(60_000), name="crash.yaml")
    (folder / "after.yaml").write_text(big_glossary(3))
    paths = [folder / "crash.yaml", folder / "after.yaml"]
    done: list = []
    reading = threading.Thread(target=lambda: done.extend(read_isolated(folder, paths)))
    reading.start()
    deadline = time.monotonic() + 20
    while not multiprocessing.active_children():
        assert time.monotonic() < deadline
        time.sleep(0.01)
    time.sleep(0.1)
    (worker,) = multiprocessing.active_children()
    os.kill(worker.pid, signal.SIGSEGV)
    reading.join(60)
    crashed, after = done
    assert [str(p) for p in crashed.problems] == [
        "crash.yaml:1: the YAML reader crashed on this file (signal 11)"
    ]
    assert len(after.entries) == 3


def test_when_the_system_refuses_a_worker_the_files_are_read_here(tmp_path, monkeypatch):
    class Refused(multiprocessing.get_context("forkserver").Process):  # type: ignore[misc]
        def start(self) -> None:
            raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr("bot.knowledge.isolation._CONTEXT.Process", Refused)
    folder = folder_with(tmp_path, big_glossary(3))
    (parsed,) = read_isolated(folder, [folder / "a.yaml"])
    assert len(parsed.entries) == 3 and not parsed.problems
