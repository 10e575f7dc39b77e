"""Running the Slack app: an aiohttp server (HTTP mode) or a Socket Mode connection."""

from __future__ import annotations

import asyncio
import logging

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp

from bot.slack.deps import Deps

log = logging.getLogger(__name__)

# Slack's payloads are a few kilobytes; anything this large is not from Slack.
MAX_BODY_BYTES = 256 * 1024
EVENTS_PATH = "/slack/events"


def build_web_app(app: AsyncApp, deps: Deps) -> web.Application:
    """``POST /slack/events`` for events, commands and interactivity; ``GET /healthz``."""

    async def slack_events(request: web.Request) -> web.Response:
        try:
            bolt_request = await to_bolt_request(request)
        except web.HTTPRequestEntityTooLarge:
            return web.json_response({"error": "request body too large"}, status=413)
        except ValueError:  # not UTF-8, or a payload that is not JSON: not from Slack
            return web.json_response({"error": "malformed request body"}, status=400)
        try:
            bolt_response = await app.async_dispatch(bolt_request)
        except Exception:  # a payload Bolt cannot parse must not take the server down
            log.exception("could not handle a Slack request")
            return web.json_response({"error": "malformed request"}, status=400)
        return await to_aiohttp_response(bolt_response)

    async def health(_: web.Request) -> web.Response:
        knowledge = deps.assistant.engine.knowledge
        return web.json_response(
            {"ok": True, "knowledge_version": knowledge.version, "entries": len(knowledge.entries)}
        )

    web_app = web.Application(client_max_size=MAX_BODY_BYTES)
    web_app.router.add_post(EVENTS_PATH, slack_events)
    web_app.router.add_get("/healthz", health)
    return web_app


async def start_http(app: AsyncApp, deps: Deps, port: int, host: str = "0.0.0.0") -> web.AppRunner:
    """Start serving; the caller keeps the runner and calls ``cleanup()`` to stop."""
    runner = web.AppRunner(build_web_app(app, deps), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    log.info("listening on port %d (%s, /healthz)", port, EVENTS_PATH)
    return runner


async def serve_http(app: AsyncApp, deps: Deps, port: int) -> None:
    runner = await start_http(app, deps, port)
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
