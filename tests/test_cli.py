"""The command-line contract other tools rely on, run as a real subprocess."""

from __future__ import annotations

import asyncio
import json
import os
from datetime import UTC, datetime, timedelta

from bot.status import CenterStatus
from bot.store.database import Store
from tests.conftest import CHICAGO, SHIPPED, run_bot


def test_ask_json_follows_the_contract():
    done = run_bot("ask", "where can i take an intoxicated 16yo at 2am", "--json",
               "--at", "2026-11-22T14:00", "--top", "3")  # fmt: skip
    assert done.returncode == 0, done.stderr
    (line,) = done.stdout.splitlines()
    answer = json.loads(line)
    assert answer["query"] == "where can i take an intoxicated 16yo at 2am"
    assert answer["at"] == "2026-11-23T02:00-06:00"  # the question's time of day wins
    assert answer["situation"]["age"] == 16 and answer["situation"]["intoxicated"] is True
    assert 1 <= len(answer["results"]) <= 3
    for result in answer["results"]:
        assert {"id", "type", "title", "score"} <= result.keys()
        assert result["type"] in {"resource", "section", "faq", "glossary"}
    scores = [r["score"] for r in answer["results"]]
    assert scores == sorted(scores, reverse=True)
    assert answer["excluded"] and all(x["reasons"] for x in answer["excluded"])
    excluded = {x["id"] for x in answer["excluded"]}
    assert not excluded & {r["id"] for r in answer["results"]}
    assert answer["example_data"] is True


def test_at_with_an_offset_is_kept_and_without_one_is_local_time():
    utc = json.loads(
        run_bot("ask", "is the CSU open", "--json", "--at", "2026-11-22T20:00+00:00").stdout
    )
    local = json.loads(
        run_bot("ask", "is the CSU open", "--json", "--at", "2026-11-22T14:00").stdout
    )
    assert utc["at"] == local["at"] == "2026-11-22T14:00-06:00"


def test_batch_answers_one_json_line_per_question_in_order(tmp_path):
    questions = tmp_path / "q.txt"
    questions.write_text("what is a 5150\n\nweather tomorrow\nhow many hours is CIT training\n")
    done = run_bot("ask", "--batch", str(questions), "--json", "--at", "2026-11-22T14:00")
    assert done.returncode == 0, done.stderr
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert [a["query"] for a in answers] == [
        "what is a 5150", "weather tomorrow", "how many hours is CIT training"
    ]  # fmt: skip
    assert answers[0]["results"][0]["id"] == "term-5150"
    assert answers[1]["results"] == []


def test_an_empty_batch_answers_nothing_and_succeeds(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    done = run_bot("ask", "--batch", str(empty), "--json")
    assert (done.returncode, done.stdout) == (0, "")


def test_readable_answer_labels_sample_data_and_reminds_about_phi_only_when_named():
    done = run_bot("ask", "harbor crisis receiving center", "--at", "2026-11-22T14:00")
    assert done.returncode == 0
    assert done.stdout.startswith("SAMPLE DATA")
    assert "Takes:" in done.stdout and "call (555) 555-0100" in done.stdout
    assert "do not post names" not in done.stdout
    named = run_bot("ask", "take kevin o'brien to harbor crisis", "--at", "2026-11-22T14:00")
    assert "do not post names, dates of birth" in named.stdout


def test_knowledge_folder_from_option_and_environment(tmp_path):
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "g.yaml").write_text("glossary:\n  - term: Zebra code\n    definition: A test.\n")
    by_option = run_bot("ask", "zebra code", "--json", "--knowledge", str(folder))
    assert json.loads(by_option.stdout)["results"][0]["id"] == "zebra-code"
    env = {"KNOWLEDGE_DIR": str(folder), "PATH": "/usr/bin:/bin"}
    by_env = run_bot("ask", "zebra code", "--json", cwd=tmp_path, env=env)
    assert json.loads(by_env.stdout)["results"][0]["id"] == "zebra-code"


def test_validate_prints_file_line_messages_and_fails_on_errors(tmp_path):
    (tmp_path / "bad.yaml").write_text("resources:\n  - id: x\n    name: X\n    kind: nope\n")
    done = run_bot("validate", str(tmp_path))
    assert done.returncode == 1
    assert "bad.yaml:4: kind must be one of" in done.stdout
    assert "bad.yaml:2: a resource needs at least one of phone, text or url" in done.stdout


def test_validate_passes_on_the_shipped_knowledge_with_warnings_only():
    done = run_bot("validate", str(SHIPPED))
    assert done.returncode == 0, done.stdout
    assert ": warning: " in done.stdout and "OK" in done.stdout.splitlines()[-1]


def test_ask_refuses_a_broken_knowledge_folder_with_its_errors(tmp_path):
    (tmp_path / "bad.yaml").write_text("resources: [\n")
    done = run_bot("ask", "anything", "--knowledge", str(tmp_path))
    assert done.returncode == 1 and "bad.yaml:2: not valid YAML" in done.stderr


def test_bad_arguments_are_explained():
    assert "--at must be an ISO date-time" in run_bot("ask", "x", "--at", "tuesday").stderr
    assert run_bot("ask").returncode == 2  # neither a question nor --batch


def test_console_chat_answers_until_quit():
    done = run_bot("chat", stdin="what is an EDP\nquit\n")
    assert done.returncode == 0
    assert "PMHC Assistant" in done.stdout and "EDP" in done.stdout


def test_console_chat_follows_up_with_more_why_details_and_help():
    lines = ["combative drunk guy on a 5150 at 2am", "why", "details 1", "details 9", "more",
             "help", "what is an EDP"]  # fmt: skip
    done = run_bot("chat", stdin="\n".join(lines) + "\nquit\n")
    replies = done.stdout.split("\n> ")[1:]
    answer, why, details, nine, more, helped, edp = replies[:7]
    assert "Left out (" in answer and "(why)" in answer and "--top" not in done.stdout
    assert "do not post names" in answer  # the first answer of the conversation
    assert why.count("✗ ") > 3 and "does not accept violent or combative people" in why
    assert "Address: 1500 Hospital Dr" in details and "Services:" in details
    assert "There is no 9 in the last answer" in nine
    assert answer.splitlines()[2] in more and more.count("\n2. ") == 1  # the next place too
    assert "details N" in helped and "do not post names" in helped
    assert "do not post names" not in edp


def test_no_arguments_and_no_slack_credentials_starts_the_console_chat(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/bot.db",
           "USER_HASH_SALT_FILE": str(tmp_path / "salt")}  # fmt: skip
    done = run_bot(stdin="what is a 5150\n", env=env)
    assert done.returncode == 0
    assert "starting the console chat" in done.stderr
    assert "5150" in done.stdout


def test_console_chat_goes_through_the_service_guard_answer_record(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/bot.db",
           "USER_HASH_SALT": "a-salt-for-this-test-only"}  # fmt: skip
    lines = ["where can I take someone at 3pm", "more", "John Smith DOB 3/14/2008 drunk, where",
             "take kevin o'brien to harbor crisis"]  # fmt: skip
    done = run_bot("chat", stdin="\n".join(lines) + "\nquit\n", env=env)
    assert done.returncode == 0, done.stderr
    withheld = done.stdout.split("\n> ")[3]
    assert "looks like it carries someone's health information" in withheld

    async def stored():
        store = await Store.open(env["DATABASE_URL"], env["USER_HASH_SALT"].encode())
        try:
            return await store.questions_since(datetime(2000, 1, 1, tzinfo=UTC))
        finally:
            await store.close()

    rows = asyncio.run(stored())
    assert [(r.surface, r.text) for r in rows] == [
        ("console", "where can I take someone at 3pm"),
        ("more", "where can I take someone at 3pm"),
        ("console", "take [name] to harbor crisis"),
    ]  # the message with a birth date and a name is not kept at all


def test_ask_withholds_a_health_record_and_applies_statuses_without_recording(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/bot.db",
           "USER_HASH_SALT": "a-salt-for-this-test-only"}  # fmt: skip
    done = run_bot("ask", "John Smith DOB 3/14/2008 drunk, where", "--json", env=env)
    assert json.loads(done.stdout) == {"query": None, "withheld": True}
    moment = datetime(2026, 11, 28, 2, 0, tzinfo=CHICAGO)

    async def report_then_read(status):
        store = await Store.open(env["DATABASE_URL"], env["USER_HASH_SALT"].encode())
        try:
            if status is not None:
                await store.record_status(status)
            return await store.questions_since(datetime(2000, 1, 1, tzinfo=UTC))
        finally:
            await store.close()

    ed = "example-general-ed"
    asyncio.run(
        report_then_read(
            CenterStatus(
                ed,
                "diversion",
                moment - timedelta(hours=1),
                moment + timedelta(hours=3),
                reporter="U1",
            )
        )
    )
    asked = run_bot("ask", "drunk adult on a 5150, where", "--json", "--at",
                    "2026-11-28T02:00", env=env)  # fmt: skip
    answer = json.loads(asked.stdout)
    assert ed not in [r["id"] for r in answer["results"]]
    (left_out,) = [x for x in answer["excluded"] if x["id"] == ed]
    assert left_out["reasons"] == ["on diversion since 01:00 (until 05:00)"]
    assert asyncio.run(report_then_read(None)) == []  # the tool's questions are not usage


def test_report_shows_one_workspace_or_all_and_centre_statuses(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/bot.db",
           "USER_HASH_SALT": "a-salt-for-this-test-only"}  # fmt: skip
    now = datetime.now(UTC)

    async def seed():
        store = await Store.open(env["DATABASE_URL"], env["USER_HASH_SALT"].encode())
        try:
            for team, text in (("T1", "weather"), ("T2", "traffic"), ("T2", "parking")):
                await store.record_question(
                    asked_at=now, surface="command", user_id="U1", text=text, top_id=None,
                    score=None, answered=False, latency_ms=1.0, team_id=team)  # fmt: skip
            await store.record_status(CenterStatus(
                "example-general-ed", "diversion", now - timedelta(hours=2),
                now - timedelta(hours=1), reporter="U9", team_id="T1"))  # fmt: skip
        finally:
            await store.close()

    asyncio.run(seed())
    assert "3 questions" in run_bot("report", "stats", "--days", "2", env=env).stdout
    assert "2 questions" in run_bot("report", "stats", "--team", "T2", env=env).stdout
    status = run_bot("report", "status", "--days", "2", env=env).stdout
    assert "Example General Hospital Emergency Department: 1 reports, 1.0 h on diversion" in status
