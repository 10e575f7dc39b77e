"""Running the Slack app: an aiohttp server (HTTP mode) or a Socket Mode connection."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import time
from collections.abc import Mapping
from urllib.parse import parse_qs

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest

from bot.api import status_routes
from bot.service import Reported
from bot.slack.deps import Deps
from bot.slack.notify import announce_status

log = logging.getLogger(__name__)

# Slack's payloads are a few kilobytes; anything this large is not from Slack.
MAX_BODY_BYTES = 256 * 1024
EVENTS_PATH = "/slack/events"
MAX_REQUEST_AGE_SECONDS = 5 * 60  # Slack's rule against replayed requests


def build_web_app(app: AsyncApp, deps: Deps, signing_secret: str) -> web.Application:
    """``POST /slack/events`` for events, commands and interactivity; ``GET /healthz``.

    Requests are checked here before Bolt sees them (signature, then shape), because Bolt
    parses a body before verifying it and fails with a traceback on shapes Slack never
    sends. Every refusal is a 4xx and one line in the log, never the body.
    """
    secret = signing_secret.encode()

    async def slack_events(request: web.Request) -> web.Response:
        try:
            raw = await request.read()
        except web.HTTPRequestEntityTooLarge:
            return _refuse(413, "request body too large")
        if not _signed(secret, raw, request.headers, time.time()):
            return _refuse(401, "missing, malformed, stale or wrong signature")
        try:  # Slack sends UTF-8 whatever the header says; an unknown charset is not Slack
            body = raw.decode("utf-8")
        except UnicodeDecodeError:
            return _refuse(400, "body is not UTF-8")
        if (problem := _body_problem(body, request.content_type)) is not None:
            return _refuse(400, problem)
        try:
            bolt_request = AsyncBoltRequest(
                body=body,
                query=request.query_string,
                headers=dict(request.headers),
            )
            bolt_response = await app.async_dispatch(bolt_request)
        except Exception as error:  # a shape Bolt cannot read: the request's fault, not ours
            log.debug("Bolt could not read a request", exc_info=True)  # for debugging only
            return _refuse(400, f"Bolt could not read it ({type(error).__name__})")
        return await to_aiohttp_response(bolt_response)

    async def health(_: web.Request) -> web.Response:
        knowledge = deps.assistant.engine.knowledge
        return web.json_response(
            {"ok": True, "knowledge_version": knowledge.version, "entries": len(knowledge.entries)}
        )

    announcing: set[asyncio.Task[int]] = set()

    async def status_changed(reported: Reported) -> None:
        """Announce a report the status API kept, after answering the centre's system."""
        task = asyncio.create_task(announce_status(deps, reported))
        announcing.add(task)  # kept until done: the loop holds tasks weakly
        task.add_done_callback(announcing.discard)

    async def oauth(request: web.Request) -> web.Response:
        """The install link and Slack's redirect back, handled by Bolt's OAuth flow."""
        flow = app.oauth_flow
        assert flow is not None
        bolt_request = AsyncBoltRequest(body="", query=request.query_string,
                                        headers=dict(request.headers))  # fmt: skip
        if request.path == flow.install_path:
            return await to_aiohttp_response(await flow.handle_installation(bolt_request))
        return await to_aiohttp_response(await flow.handle_callback(bolt_request))

    web_app = web.Application(client_max_size=MAX_BODY_BYTES)
    web_app.router.add_post(EVENTS_PATH, slack_events)
    web_app.router.add_get("/healthz", health)
    if app.oauth_flow is not None:
        web_app.router.add_get(app.oauth_flow.install_path, oauth)
        web_app.router.add_get(app.oauth_flow.redirect_uri_path, oauth)
    web_app.add_routes(status_routes(deps.service, status_changed))
    return web_app


def _refuse(status: int, reason: str) -> web.Response:
    log.warning("refused a request to %s: %s (%d)", EVENTS_PATH, reason, status)
    return web.json_response({"error": reason}, status=status)


def _signed(secret: bytes, raw: bytes, headers: Mapping[str, str], now: float) -> bool:
    """Slack's v0 signature over the raw bytes, made within five minutes.

    Done here, not by slack_sdk's verifier, because that one raises on a timestamp that is
    not a number and on a body that is not UTF-8.
    """
    timestamp = headers.get("X-Slack-Request-Timestamp", "")
    signature = headers.get("X-Slack-Signature", "")
    if not (timestamp.isascii() and timestamp.isdigit() and len(timestamp) <= 12):
        return False  # "abc", "", "1e30"
    if abs(now - int(timestamp)) > MAX_REQUEST_AGE_SECONDS:
        return False
    mac = hmac.new(secret, b"v0:" + timestamp.encode() + b":" + raw, hashlib.sha256)
    return hmac.compare_digest(f"v0={mac.hexdigest()}", signature)


def _body_problem(body: str, content_type: str) -> str | None:
    """Why ``body`` cannot be a Slack request, or None: a JSON body is an object, a form's
    ``payload`` (interactivity) is a JSON object."""
    if content_type == "application/json" or body.startswith("{"):
        return None if isinstance(_json(body), dict) else "JSON body is not an object"
    payload = parse_qs(body).get("payload")
    if payload is not None and not isinstance(_json(payload[0]), dict):
        return "form payload is not a JSON object"
    return None


def _json(text: str) -> object:
    try:
        return json.loads(text)
    except ValueError:
        return None


async def start_http(
    app: AsyncApp, deps: Deps, port: int, signing_secret: str, host: str = "0.0.0.0"
) -> web.AppRunner:
    """Start serving; the caller keeps the runner and calls ``cleanup()`` to stop."""
    runner = web.AppRunner(build_web_app(app, deps, signing_secret), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    log.info("listening on port %d (%s, /healthz)", port, EVENTS_PATH)
    return runner


async def serve_http(app: AsyncApp, deps: Deps, port: int, signing_secret: str) -> None:
    runner = await start_http(app, deps, port, signing_secret)
    try:
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()


async def start_socket_mode(app: AsyncApp, app_token: str) -> AsyncSocketModeHandler:
    """Connect to Slack over a WebSocket; the caller keeps the handler and closes it."""
    log.info("connecting to Slack in Socket Mode")
    handler = AsyncSocketModeHandler(app, app_token)
    await handler.connect_async()
    return handler


async def serve_socket_mode(app: AsyncApp, app_token: str) -> None:
    handler = await start_socket_mode(app, app_token)
    try:
        await asyncio.Event().wait()
    finally:
        await handler.close_async()
