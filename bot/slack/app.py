"""The Bolt AsyncApp: a Web API client pointed at ``SLACK_API_URL``, and the listeners."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncApp
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings
from bot.slack import listeners
from bot.slack.deps import Deps


def create_app(settings: Settings, deps: Deps) -> AsyncApp:
    """An app for HTTP mode (requests signed with the signing secret) or Socket Mode."""
    client = AsyncWebClient(
        token=settings.bot_token,
        base_url=settings.slack_api_url,
        retry_handlers=[
            AsyncRateLimitErrorRetryHandler(max_retry_count=3),  # honours Retry-After on 429
            AsyncConnectionErrorRetryHandler(max_retry_count=2),
        ],
    )
    socket_mode = settings.mode == "socket"
    app = AsyncApp(
        client=client,
        signing_secret=None if socket_mode else settings.signing_secret,
        request_verification_enabled=not socket_mode,
        logger=logging.getLogger("bot.slack"),
    )
    listeners.register(app, deps)
    return app
