"""Requests Slack never sends, against the real server process: a 4xx and one log line each,
no traceback, and the server keeps answering."""

from __future__ import annotations

import hashlib
import hmac
import http.client
import json
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import SHIPPED, bot_server

SECRET = "hostile-requests-secret"


@dataclass
class Server:
    port: int
    process: subprocess.Popen[str]
    log: Path

    def post(self, body: bytes, headers: dict[str, str]) -> int:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request("POST", "/slack/events", body=body, headers=headers)
            return connection.getresponse().status
        finally:
            connection.close()


def signed(body: bytes, content_type: str, stamp: str | None = None) -> dict[str, str]:
    stamp = str(int(time.time())) if stamp is None else stamp
    mac = hmac.new(SECRET.encode(), f"v0:{stamp}:".encode() + body, hashlib.sha256)
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": f"v0={mac.hexdigest()}",
    }


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    settings = {
        "KNOWLEDGE_DIR": str(SHIPPED),
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": "http://127.0.0.1:9/api/",
    }  # nothing here needs the Web API
    with bot_server(tmp_path_factory.mktemp("server"), settings) as served:
        deadline = time.monotonic() + 10  # the first purge logs on its own schedule: after
        while "retention:" not in served.log.read_text():  # it, the log is the requests'
            assert time.monotonic() < deadline, "the server never ran its first purge"
            time.sleep(0.05)
        yield Server(served.port, served.process, served.log)


FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
BODIES = {
    "json-list": (b"[1]", JSON),
    "json-string": (b'"x"', JSON),
    "json-number": (b"42", JSON),
    "json-null": (b"null", JSON),
    "json-authorizations-not-a-list": (b'{"authorizations": 5}', JSON),
    "json-broken": (b"{{{{", JSON),
    "unknown-charset": (b"[1]", "application/json; charset=x-nope"),
    "not-utf8": (b'{"type": "\xff\xfe"}', JSON),
    "form-payload-list": (b"payload=%5B1%5D", FORM),
    "form-payload-broken": (b"payload=%7Bnot-json", FORM),
}


def log_since(server: Server, size: int) -> str:
    time.sleep(0.1)  # the line is written after the response
    return server.log.read_text()[size:]


@pytest.mark.parametrize("stamp", ["abc", "", "1e30", "-5", "99999999999999999999"])
def test_a_malformed_timestamp_is_refused_in_one_line(server: Server, stamp: str):
    size = len(server.log.read_text())
    body = b'{"type": "url_verification", "challenge": "x"}'
    assert server.post(body, signed(body, JSON, stamp=stamp)) == 401
    logged = log_since(server, size)
    assert "Traceback" not in logged and logged.count("\n") == 1, logged


@pytest.mark.parametrize("sign", [False, True], ids=["unsigned", "signed"])
@pytest.mark.parametrize("shape", list(BODIES))
def test_a_body_slack_never_sends_is_refused_in_one_line(server: Server, shape: str, sign: bool):
    body, content_type = BODIES[shape]
    headers = signed(body, content_type) if sign else {"Content-Type": content_type}
    size = len(server.log.read_text())
    status = server.post(body, headers)
    assert status == (400 if sign else 401)
    logged = log_since(server, size)
    assert "Traceback" not in logged and logged.count("\n") == 1, logged
    message = logged.partition(" WARNING ")[2]  # after the time stamp, which has digits
    assert body.decode("utf-8", "replace") not in message  # what was sent is never logged


def test_too_large_a_body_is_413_and_the_server_still_answers(server: Server):
    body = b"x" * (300 * 1024)
    assert server.post(body, signed(body, FORM)) == 413
    challenge = json.dumps({"type": "url_verification", "challenge": "c-1"}).encode()
    assert server.post(challenge, signed(challenge, JSON)) == 200
    assert server.process.poll() is None
    assert "Traceback" not in server.log.read_text()
