"""Benchmark: many concurrent signed requests against the real server, on loopback.

    .venv/bin/python bench/bench_slack.py [--concurrency 200] [--knowledge DIR]
                                          [--workspaces 50 [--warm]] [--events]
                                          [--processes 2]

Starts ``python -m bot serve`` as its own process, pointed at a local fake Slack Web API,
fires N signed slash commands (``--events``: Events API mentions) at once, and prints
p50/p99 of the time to the HTTP ack and of the time until the answer reaches Slack
(response_url, or chat.postMessage for a mention). Slack wants the ack within 3 s. With
``--workspaces W`` the server installs by OAuth: W workspaces install through the redirect
flow first, and the requests are spread over them (each answered with its own token).
With ``--processes N`` that many bot processes share the database (PostgreSQL: set
``DATABASE_URL``) and the requests are spread over them, as a load balancer would.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import html
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlparse

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fake_slack import FakeSlack  # noqa: E402

SECRET = "bench-signing-secret"
QUESTIONS = [
    ("/crisis", "intoxicated 16 year old at 2am"),
    ("/crisis", "combative adult on a 5150"),
    ("/crisis", ""),
    ("/pmhc", "what goes in an MOU with the mental health provider"),
    ("/pmhc", "how many hours is CIT training"),
    ("/pmhc", "harbor crisis receiving center phone"),
    ("/pmhc", "weather tomorrow"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def signed(body: str, content_type: str = "application/x-www-form-urlencoded") -> dict[str, str]:
    stamp = str(int(time.time()))
    digest = hmac.new(SECRET.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256)
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": f"v0={digest.hexdigest()}",
    }


async def wait_healthy(session: aiohttp.ClientSession, url: str, process) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited: {process.stdout.read()}")
        try:
            async with session.get(url + "/healthz") as response:
                if response.status == 200:
                    return
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.2)
    raise SystemExit("server did not start")


async def install(session: aiohttp.ClientSession, url: str, team: str) -> None:
    """One workspace installs through the OAuth redirect flow, as a browser would."""
    async with session.get(url + "/slack/install") as start:
        page, cookie = await start.text(), start.headers["Set-Cookie"].split(";")[0]
    link = html.unescape(re.search(r'href="(https://slack.com/oauth/v2/authorize[^"]+)"',
                                   page).group(1))  # fmt: skip
    state = parse_qs(urlparse(link).query)["state"][0]
    callback = f"{url}/slack/oauth_redirect?code=code-{team}&state={state}"
    async with session.get(callback, headers={"Cookie": cookie}) as done:
        assert done.status == 200, await done.text()


def command(number: int, team: str, response_url: str) -> tuple[str, dict[str, str]]:
    name, text = QUESTIONS[number % len(QUESTIONS)]
    body = urlencode({
        "command": name, "text": text, "user_id": "U1", "team_id": team, "channel_id": "C1",
        "response_url": response_url, "trigger_id": "t", "api_app_id": "A1",
    })  # fmt: skip
    return body, signed(body)


def mention(number: int, team: str) -> tuple[str, dict[str, str]]:
    """An app_mention in channel ``C<number>`` (where its answer is posted)."""
    text = QUESTIONS[number % len(QUESTIONS)][1] or "crisis centers"
    body = json.dumps({
        "token": "legacy", "team_id": team, "api_app_id": "A1", "type": "event_callback",
        "event_id": f"Ev{number}", "event_time": int(time.time()),
        "event": {"type": "app_mention", "user": "U1", "channel": f"C{number}",
                  "ts": f"{number}.000100", "text": f"<@UBOT> {text}"},
        "authorizations": [{"team_id": team, "user_id": "UBOT", "is_bot": True}],
    })  # fmt: skip
    return body, signed(body, "application/json")


class Posted:
    """When each channel's answer reached the fake Slack, read once per new call (so 200
    waiting requests do not rescan every call and slow the fake Slack down)."""

    def __init__(self, slack: FakeSlack) -> None:
        self.slack, self.read, self.at = slack, 0, {}

    async def to(self, channel: str, timeout: float = 60) -> float:
        deadline = time.monotonic() + timeout
        while channel not in self.at:
            calls = self.slack.calls
            for call in calls[self.read :]:
                if call.route == "chat.postMessage":
                    self.at.setdefault(call.payload.get("channel"), call.at)
            self.read = len(calls)
            if time.monotonic() > deadline:
                raise AssertionError(f"no answer posted to {channel}")
            await asyncio.sleep(0.02)
        return self.at[channel]


async def run(concurrency: int, knowledge: Path, workspaces: int, warm: bool,
              events: bool, processes: int) -> None:  # fmt: skip
    slack = await FakeSlack().start()
    ports = [free_port() for _ in range(processes)]
    scratch = tempfile.mkdtemp(prefix="pmhc-bench-")
    credentials = ({"SLACK_CLIENT_ID": "111.222", "SLACK_CLIENT_SECRET": "bench-secret"}
                   if workspaces else {"SLACK_BOT_TOKEN": "xoxb-bench"})  # fmt: skip
    env = {
        **os.environ, **credentials, "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": slack.api_url, "KNOWLEDGE_DIR": str(knowledge),
        "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite+aiosqlite:///{scratch}/b.db"),
        "USER_HASH_SALT_FILE": f"{scratch}/salt",
    }  # fmt: skip
    servers = [subprocess.Popen(
        [sys.executable, "-m", "bot", "serve"], cwd=ROOT, env={**env, "PORT": str(port)},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    ) for port in ports]  # fmt: skip
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    posted = Posted(slack)
    try:
        connector = aiohttp.TCPConnector(limit=0)
        async with aiohttp.ClientSession(connector=connector) as session:
            for url, process in zip(urls, servers, strict=True):
                await wait_healthy(session, url, process)
            teams = [f"T{n}" for n in range(workspaces)] or ["T1"]
            if workspaces:  # installed through one process, kept in the shared database
                for team in teams:
                    await install(session, urls[0], team)

            async def one(number: int, url: str | None = None) -> tuple[float, float, int]:
                team, token = teams[number % len(teams)], f"r{number}"
                body, headers = (mention(number, team) if events else
                                 command(number, team, slack.response_url(token)))  # fmt: skip
                started = time.monotonic()
                # spread as a load balancer does, so a workspace reaches every process
                url = url or urls[random.Random(number).randrange(len(urls))]
                async with session.post(url + "/slack/events", data=body, headers=headers) as r:
                    await r.read()
                    acked = time.monotonic() - started
                    status = r.status
                if events:
                    return acked, await posted.to(f"C{number}") - started, status
                (reply,) = await slack.wait_for(f"response:{token}", timeout=60)
                return acked, reply.at - started, status

            for number, url in enumerate(urls):  # warm-up: a process's first request is slow
                await one(10_000 + number, url)
            if warm:  # each workspace asked once in each process: its token is known there
                await asyncio.gather(*(one(20_000 + n + 1000 * p, url) for n in range(len(teams))
                                       for p, url in enumerate(urls)))  # fmt: skip
            results = await asyncio.gather(*(one(n) for n in range(concurrency)))
    finally:
        for process in servers:
            process.terminate()
            process.wait(timeout=10)
        await slack.stop()

    checks = len(slack.routes("auth.test"))  # each install asks once, then once per token
    acks = [a * 1000 for a, _, _ in results]
    answers = [b * 1000 for _, b, _ in results]
    statuses = {s for _, _, s in results}
    late = sum(1 for a in acks if a > 3000)
    spread = f" over {workspaces} installed workspaces" if workspaces else ""
    spread += " (each asked once before)" if workspaces and warm else ""
    spread += f", {processes} processes sharing the database" if processes > 1 else ""
    kind = "Events API mentions" if events else "slash commands"
    print(f"{concurrency} concurrent signed {kind}{spread}, knowledge: {knowledge}")
    print(f"HTTP statuses: {sorted(statuses)}; acked later than 3 s: {late}; "
          f"auth.test calls: {checks}")  # fmt: skip
    print("                  p50 ms    p99 ms    max ms")
    for name, values in (("ack", acks), ("answer", answers)):
        print(f"  {name:<12} {statistics.median(values):9.1f} {percentile(values, 0.99):9.1f} "
              f"{max(values):9.1f}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument("--knowledge", type=Path, default=ROOT / "knowledge")
    parser.add_argument(
        "--workspaces",
        type=int,
        default=0,
        help="install by OAuth in this many workspaces (0: one bot token)",
    )
    parser.add_argument(
        "--warm", action="store_true", help="ask each workspace once before the burst"
    )
    parser.add_argument("--events", action="store_true", help="mentions, not slash commands")
    parser.add_argument("--processes", type=int, default=1,
                        help="bot processes on one database, requests spread")  # fmt: skip
    args = parser.parse_args()
    asyncio.run(run(args.concurrency, args.knowledge, args.workspaces, args.warm, args.events,
                    args.processes))  # fmt: skip


if __name__ == "__main__":
    main()
