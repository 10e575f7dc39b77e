"""The Bolt AsyncApp: a Web API client pointed at ``SLACK_API_URL``, and the listeners."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp, AsyncBoltContext
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook import WebhookResponse
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.config import Settings
from bot.slack import listeners
from bot.slack.deps import Deps


def _retry_handlers() -> list[AsyncRetryHandler]:
    return [
        AsyncRateLimitErrorRetryHandler(max_retry_count=3),  # honours Retry-After on 429
        AsyncConnectionErrorRetryHandler(max_retry_count=2),
    ]


class RetryingRespond:
    """``respond`` (response_url) with the same retries as Web API calls; Bolt's own has none."""

    def __init__(self, response_url: str) -> None:
        self.response_url = response_url
        self._client = AsyncWebhookClient(response_url, retry_handlers=_retry_handlers())

    async def __call__(self, text: str = "", **fields: Any) -> WebhookResponse:
        message = {"text": text, **{k: v for k, v in fields.items() if v is not None}}
        return await self._client.send_dict(message)


def create_app(settings: Settings, deps: Deps) -> AsyncApp:
    """An app for HTTP mode (requests signed with the signing secret) or Socket Mode."""
    client = AsyncWebClient(
        token=settings.bot_token,
        base_url=settings.slack_api_url,
        retry_handlers=_retry_handlers(),
    )
    socket_mode = settings.mode == "socket"
    app = AsyncApp(
        client=client,
        signing_secret=None if socket_mode else settings.signing_secret,
        request_verification_enabled=not socket_mode,
        logger=logging.getLogger("bot.slack"),
    )

    @app.middleware
    async def retrying_respond(context: AsyncBoltContext, next: Callable[[], Awaitable[None]]):
        if context.response_url:
            context["respond"] = RetryingRespond(context.response_url)
        await next()

    listeners.register(app, deps)
    return app
