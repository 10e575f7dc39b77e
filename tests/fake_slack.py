"""A local stand-in for Slack's Web API and for response_url, recording every call.

Modelled on opsdroid's external-API test server: real HTTP on a free port, canned replies
per method, and a list of (route, payload) that tests wait on and assert against.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web

BOT_USER = "UBOT"


@dataclass
class Call:
    route: str  # "chat.postMessage" or "response:<token>"
    payload: dict[str, Any]
    at: float = field(default_factory=time.monotonic)
    token: str = ""  # the bearer token the call was made with


class FakeSlack:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.rate_limit: dict[str, int] = defaultdict(int)  # method -> 429s still to send
        self._runner: web.AppRunner | None = None
        self.base_url = ""
        self.sockets: list[web.WebSocketResponse] = []  # Socket Mode connections
        self.user_groups: dict[str, list[str]] = {}  # usergroup id -> member ids

    async def start(self) -> FakeSlack:
        app = web.Application()
        app.router.add_post("/api/{method}", self._api)
        app.router.add_get("/api/{method}", self._api)  # slack_sdk GETs a few, with a query
        app.router.add_post("/response/{token}", self._response_url)
        app.router.add_get("/socket", self._socket)
        app.router.add_post("/upload/{file_id}", self._upload)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.base_url = f"http://127.0.0.1:{port}"
        return self

    async def stop(self) -> None:
        for socket in self.sockets:
            await socket.close()
        if self._runner:
            await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        return f"{self.base_url}/api/"

    def response_url(self, token: str) -> str:
        return f"{self.base_url}/response/{token}"

    def routes(self, route: str) -> list[Call]:
        return [c for c in self.calls if c.route == route]

    async def wait_for(self, route: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """The first ``count`` calls to ``route``, waiting for them to arrive."""
        deadline = time.monotonic() + timeout
        while len(self.routes(route)) < count:
            if time.monotonic() > deadline:
                seen = [c.route for c in self.calls]
                raise AssertionError(f"no {count} call(s) to {route} within {timeout}s; saw {seen}")
            await asyncio.sleep(0.01)
        return self.routes(route)[:count]

    async def _payload(self, request: web.Request) -> dict[str, Any]:
        """Arguments as Slack reads them: query string, form or JSON body."""
        raw = await request.text()
        if request.content_type == "application/json":
            return {**request.query, **json.loads(raw or "{}")}
        payload: dict[str, Any] = {**request.query, **dict(parse_qsl(raw))}
        for key in ("blocks", "attachments"):
            if isinstance(payload.get(key), str):
                payload[key] = json.loads(payload[key])
        return payload

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        payload = await self._payload(request)
        if self.rate_limit[method] > 0:
            self.rate_limit[method] -= 1
            self.calls.append(Call(f"429:{method}", payload))
            return web.json_response(
                {"ok": False, "error": "ratelimited"}, status=429, headers={"Retry-After": "1"}
            )
        bearer = request.headers.get("Authorization", "").removeprefix("Bearer ")
        self.calls.append(Call(method, payload, token=bearer or str(payload.get("token", ""))))
        if not self.calls[-1].token and method != "oauth.v2.access":  # as Slack answers
            return web.json_response({"ok": False, "error": "not_authed"})
        if method == "oauth.v2.access":  # the code names the workspace: "code-T1", or an
            # Enterprise Grid org installing org-wide: "code-E1"
            team = str(payload.get("code", "")).removeprefix("code-")
            org = team.startswith("E")
            return web.json_response({
                "ok": True, "app_id": "A1", "token_type": "bot", "scope": "chat:write,commands",
                "access_token": f"xoxb-{team}", "bot_user_id": f"UBOT{team}",
                "team": None if org else {"id": team, "name": f"Agency {team}"},
                "enterprise": {"id": team, "name": f"Org {team}"} if org else None,
                "is_enterprise_install": org, "authed_user": {"id": f"UINSTALL{team}"},
            })  # fmt: skip
        if method == "auth.test":  # an installed workspace's token names its workspace
            team = bearer.removeprefix("xoxb-") if bearer.startswith(("xoxb-T", "xoxb-E")) else "T1"
            org = team.startswith("E")
            return web.json_response(
                {"ok": True, "user_id": BOT_USER, "bot_id": f"B{team}",
                 "team_id": None if org else team, "enterprise_id": team if org else None,
                 "is_enterprise_install": org,
                 "user": "pmhc", "team": "Test", "url": "https://test.slack.com/"}
            )  # fmt: skip
        if method == "files.getUploadURLExternal":
            file_id = f"F{len(self.calls)}"
            return web.json_response(
                {"ok": True, "file_id": file_id, "upload_url": f"{self.base_url}/upload/{file_id}"}
            )
        if method == "files.completeUploadExternal":
            files = json.loads(payload["files"]) if isinstance(payload.get("files"), str) else []
            return web.json_response({"ok": True, "files": [{"id": f["id"]} for f in files]})
        if method == "conversations.open":
            return web.json_response({"ok": True, "channel": {"id": f"D{payload.get('users')}"}})
        if method == "apps.connections.open":
            return web.json_response(
                {"ok": True, "url": self.base_url.replace("http", "ws") + "/socket"}
            )
        if method == "usergroups.users.list":  # members as the test set them
            return web.json_response(
                {"ok": True, "users": self.user_groups.get(payload.get("usergroup"), [])}
            )
        if method == "chat.postMessage":
            return web.json_response(
                {"ok": True, "channel": payload.get("channel"), "ts": f"{time.time():.6f}"}
            )
        return web.json_response({"ok": True})

    async def send_envelope(self, envelope: dict[str, Any]) -> None:
        """Push a Socket Mode envelope to the connected app."""
        deadline = time.monotonic() + 5
        while not self.sockets:
            if time.monotonic() > deadline:
                raise AssertionError("the app never opened a Socket Mode connection")
            await asyncio.sleep(0.01)
        await self.sockets[-1].send_json(envelope)

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self.sockets.append(socket)
        await socket.send_json({"type": "hello", "num_connections": 1})
        async for message in socket:
            if message.type == web.WSMsgType.TEXT:
                self.calls.append(Call("socket:ack", json.loads(message.data)))
        return socket

    async def _upload(self, request: web.Request) -> web.Response:
        content = (await request.read()).decode("utf-8", errors="replace")
        self.calls.append(
            Call("upload", {"file_id": request.match_info["file_id"], "content": content})
        )
        return web.Response(text="OK")

    async def _response_url(self, request: web.Request) -> web.Response:
        payload = await self._payload(request)
        if self.rate_limit["response_url"] > 0:
            self.rate_limit["response_url"] -= 1
            self.calls.append(Call("429:response_url", payload))
            return web.json_response({"ok": False}, status=429, headers={"Retry-After": "1"})
        self.calls.append(Call(f"response:{request.match_info['token']}", payload))
        return web.json_response({"ok": True})
