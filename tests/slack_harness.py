"""Talking to the Slack app as Slack does: signed requests, recorded replies."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import aiohttp

from bot.config import load_settings
from bot.slack.app import create_app
from bot.slack.deps import Deps
from bot.slack.server import EVENTS_PATH, start_http
from tests.conftest import SHIPPED
from tests.fake_slack import FakeSlack

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"


@dataclass
class Bot:
    url: str
    slack: FakeSlack
    deps: Deps
    session: aiohttp.ClientSession

    async def post(
        self,
        body: str,
        content_type: str,
        *,
        headers: dict | None = None,
        timestamp: int | None = None,
        secret: str = SECRET,
    ) -> aiohttp.ClientResponse:
        """Sign ``v0:{timestamp}:{body}`` with HMAC-SHA256, as Slack does, and send it."""
        stamp = str(timestamp if timestamp is not None else int(time.time()))
        signature = hmac.new(secret.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256)
        signed = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": f"v0={signature.hexdigest()}",
            **(headers or {}),
        }
        return await self.session.post(self.url + EVENTS_PATH, data=body.encode(), headers=signed)

    async def command(
        self, command: str, text: str, token: str = "cmd", extra: dict[str, str] | None = None
    ) -> aiohttp.ClientResponse:
        body = urlencode({
            "token": "legacy", "team_id": "T1", "team_domain": "test", "channel_id": "C1",
            "channel_name": "patrol", "user_id": "U1", "user_name": "officer", "command": command,
            "text": text, "api_app_id": "A1", "response_url": self.slack.response_url(token),
            "trigger_id": "1.2.3", **(extra or {}),
        })  # fmt: skip
        return await self.post(body, "application/x-www-form-urlencoded")

    async def event(self, event: dict[str, Any], event_id: str = "Ev1", team: str = "T1",
                    org: str | None = None, **headers: str):  # fmt: skip
        """An Events API delivery from workspace ``team``; ``org``: a workspace of an
        Enterprise Grid org that installed the bot org-wide."""
        authorization = ({"enterprise_id": org, "team_id": None, "is_enterprise_install": True}
                         if org else {"team_id": team})  # fmt: skip
        body = json.dumps({
            "token": "legacy", "team_id": team, "api_app_id": "A1", "type": "event_callback",
            "event_id": event_id, "event_time": int(time.time()), "event": event,
            **({"enterprise_id": org} if org else {}),
            "authorizations": [{**authorization, "user_id": "UBOT", "is_bot": True}],
        })  # fmt: skip
        return await self.post(body, "application/json", headers=headers)

    async def click(
        self, action_id: str, value: str, token: str = "click", user: str = "U1"
    ) -> aiohttp.ClientResponse:
        payload = {
            "type": "block_actions", "user": {"id": user}, "team": {"id": "T1"},
            "api_app_id": "A1", "container": {"type": "message", "is_ephemeral": True},
            "channel": {"id": "C1"}, "trigger_id": "1.2.3",
            "response_url": self.slack.response_url(token),
            "actions": [{"action_id": action_id, "block_id": "b1", "value": value,
                         "type": "button", "action_ts": "1.2"}],
        }  # fmt: skip
        body = urlencode({"payload": json.dumps(payload)})
        return await self.post(body, "application/x-www-form-urlencoded")

    async def submit(self, callback_id: str, values: dict[str, Any], user: str = "U1"):
        """A modal submitted: ``values`` as Slack sends them (block -> action -> value)."""
        payload = {
            "type": "view_submission", "user": {"id": user}, "team": {"id": "T1"},
            "api_app_id": "A1", "trigger_id": "1.2.4",
            "view": {"id": "V1", "type": "modal", "callback_id": callback_id,
                     "state": {"values": values}, "private_metadata": ""},
        }  # fmt: skip
        body = urlencode({"payload": json.dumps(payload)})
        return await self.post(body, "application/x-www-form-urlencoded")


@asynccontextmanager
async def running_bot(deps: Deps, *, oauth: bool = False) -> AsyncIterator[Bot]:
    """The app on a free port, talking to a fresh fake Slack; ``oauth``: installed by
    workspaces through the OAuth flow instead of holding one bot token."""
    slack = await FakeSlack().start()
    credentials = ({"SLACK_CLIENT_ID": "111.222", "SLACK_CLIENT_SECRET": "client-secret"}
                   if oauth else {"SLACK_BOT_TOKEN": "xoxb-test"})  # fmt: skip
    settings = load_settings({
        **credentials, "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": slack.api_url, "KNOWLEDGE_DIR": str(SHIPPED),
    })  # fmt: skip
    app = create_app(settings, deps)
    runner = await start_http(app, deps, port=0, signing_secret=SECRET, host="127.0.0.1")
    port = runner.addresses[0][1]
    try:
        async with aiohttp.ClientSession() as session:
            yield Bot(f"http://127.0.0.1:{port}", slack, deps, session)
    finally:
        await runner.cleanup()
        await slack.stop()


def texts(blocks: list[dict[str, Any]]) -> str:
    """All the text a person would read in these blocks, one string."""
    return json.dumps(blocks, ensure_ascii=False)


def buttons(blocks: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every button in ``blocks`` by action id: in actions blocks and beside sections."""
    found = {
        element["action_id"]: element
        for block in blocks
        if block["type"] == "actions"
        for element in block["elements"]
    }
    found.update((b["accessory"]["action_id"], b["accessory"]) for b in blocks if "accessory" in b)
    return found


def cards(blocks: list[dict[str, Any]]) -> list[str]:
    """The text of each place's card (the sections with a Details button)."""
    return [b["text"]["text"] for b in blocks if "accessory" in b]
