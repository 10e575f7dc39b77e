"""Settings from the environment: the mode chosen, and one clear sentence per problem."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request

import pytest

from bot.config import ConfigError, load_settings
from tests.conftest import ROOT, SHIPPED, bot_server

BASE = {"KNOWLEDGE_DIR": str(SHIPPED)}


def test_mode_follows_the_credentials():
    assert load_settings(BASE).mode == "console"
    http = {**BASE, "SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "abc"}
    assert load_settings(http).mode == "http"
    assert load_settings({**http, "SLACK_APP_TOKEN": "xapp-1"}).mode == "socket"


def test_defaults():
    settings = load_settings(BASE)
    assert settings.port == 3000 and settings.slack_api_url == "https://slack.com/api/"


def test_every_problem_is_one_sentence_naming_the_variable_and_no_secret_is_echoed():
    env = {
        "SLACK_BOT_TOKEN": "xoxp-user-token-secret",
        "SLACK_APP_TOKEN": "bad-app-token-secret",
        "SLACK_API_URL": "slack.com/api",
        "PORT": "eighty",
        "KNOWLEDGE_DIR": "/nowhere",
    }
    with pytest.raises(ConfigError) as raised:
        load_settings(env)
    problems = raised.value.problems
    assert len(problems) == 5
    for variable, problem in zip(
        ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_API_URL", "PORT", "KNOWLEDGE_DIR"),
        problems, strict=True,
    ):  # fmt: skip
        assert problem.startswith(variable) and problem.endswith(".")
    assert "secret" not in " ".join(problems)


def test_serve_needs_http_credentials():
    with pytest.raises(ConfigError) as raised:
        load_settings(BASE, need="http")
    assert raised.value.problems == [
        "SLACK_BOT_TOKEN is not set; HTTP mode needs the bot token (xoxb-...) or "
        "SLACK_CLIENT_ID and SLACK_CLIENT_SECRET to install by OAuth.",
        "SLACK_SIGNING_SECRET is not set; HTTP mode needs it to verify Slack.",
    ]


def test_python_m_bot_serves_http_when_credentials_are_set(tmp_path):
    settings = {**BASE, "SLACK_BOT_TOKEN": "xoxb-test-token",
                "SLACK_SIGNING_SECRET": "super-secret-value"}  # fmt: skip
    with bot_server(tmp_path, settings, command=()) as served:  # python -m bot, no command
        with urllib.request.urlopen(f"{served.url}/healthz", timeout=5) as response:
            health = json.load(response)
        assert health["ok"] is True and health["entries"] > 100
    output = served.log.read_text()
    assert "xoxb-test-token" not in output and "super-secret-value" not in output


def test_serve_without_credentials_fails_with_clear_sentences():
    done = subprocess.run(
        [sys.executable, "-m", "bot", "serve"],
        cwd=ROOT, capture_output=True, text=True, timeout=30,
        env={"PATH": os.environ["PATH"], **BASE},
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "SLACK_BOT_TOKEN is not set; HTTP mode needs the bot token (xoxb-...) or "
        "SLACK_CLIENT_ID and SLACK_CLIENT_SECRET to install by OAuth.",
        "SLACK_SIGNING_SECRET is not set; HTTP mode needs it to verify Slack.",
    ]
