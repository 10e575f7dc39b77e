"""The Bolt AsyncApp: a Web API client pointed at ``SLACK_API_URL``, and the listeners."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt import BoltResponse
from slack_bolt.async_app import AsyncApp, AsyncBoltContext
from slack_bolt.oauth.async_callback_options import AsyncCallbackOptions, AsyncSuccessArgs
from slack_bolt.oauth.async_oauth_flow import AsyncOAuthFlow
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.oauth.installation_store.sqlalchemy import AsyncSQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import AsyncSQLAlchemyOAuthStateStore
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook import WebhookResponse
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.config import Settings
from bot.slack import listeners
from bot.slack.deps import Deps
from bot.slack.installations import FreshForAWhile, OneLookupAtATime
from bot.slack.workspaces import Workspaces


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


# what the bot asks a workspace for when it is installed (docs/slack_manifest.yaml's scopes)
BOT_SCOPES = ("app_mentions:read", "chat:write", "commands", "files:write", "im:history",
              "im:read", "im:write", "usergroups:read")  # fmt: skip
INSTALL_PATH, REDIRECT_PATH = "/slack/install", "/slack/oauth_redirect"


def create_app(settings: Settings, deps: Deps) -> AsyncApp:
    """An app for HTTP mode (requests signed with the signing secret) or Socket Mode; with a
    client id and secret, one that workspaces install by OAuth, each answered with its own
    token (kept, like the OAuth states, in the bot's database for every process)."""
    oauth = settings.mode == "oauth"
    client = AsyncWebClient(
        token=None if oauth else settings.bot_token,
        base_url=settings.slack_api_url,
        retry_handlers=_retry_handlers(),
    )
    socket_mode = settings.mode == "socket"
    app = AsyncApp(
        client=client,
        signing_secret=None if socket_mode else settings.signing_secret,
        request_verification_enabled=not socket_mode,
        oauth_flow=_oauth_flow(settings, deps, client) if oauth else None,
        logger=logging.getLogger("bot.slack"),
    )
    if oauth:  # an uninstalled workspace's tokens are deleted
        app.enable_token_revocation_listeners()
    authorize = app.oauth_flow.settings.authorize if app.oauth_flow else None
    deps.workspaces = Workspaces(client, deps.store, authorize)

    @app.middleware
    async def retrying_respond(context: AsyncBoltContext, next: Callable[[], Awaitable[None]]):
        if context.response_url:
            context["respond"] = RetryingRespond(context.response_url)
        await next()

    listeners.register(app, deps)
    return app


def _oauth_flow(settings: Settings, deps: Deps, client: AsyncWebClient) -> AsyncOAuthFlow:
    assert settings.client_id and settings.client_secret
    engine = deps.store.lookups

    async def installed(args: AsyncSuccessArgs) -> BoltResponse:
        """The person who installed the bot is the workspace's first admin."""
        installation = args.installation
        workspace = installation.team_id or installation.enterprise_id
        if workspace and installation.user_id:
            installer = installation.user_id
            await deps.store.add_admin(workspace, installer, added_by=installer,
                                       at=deps.assistant.now())  # fmt: skip
        return await args.default.success(args)

    settings_ = AsyncOAuthSettings(
        client_id=settings.client_id,
        client_secret=settings.client_secret,
        scopes=list(BOT_SCOPES),
        installation_store=FreshForAWhile(
            AsyncSQLAlchemyInstallationStore(settings.client_id, engine)
        ),
        state_store=AsyncSQLAlchemyOAuthStateStore(expiration_seconds=600, engine=engine),
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        token_rotation_expiration_minutes=120,
        installation_store_bot_only=True,  # the bot acts with its own token only
        callback_options=AsyncCallbackOptions(
            success=installed, failure=lambda args: args.default.failure(args)
        ),
    )
    # Each request looks its workspace's token up in the shared store (so an uninstall is
    # seen by every process at once); what Slack says of a token (auth.test) does not change
    # while the token lives, so it is asked once per token, not on every request.
    settings_.authorize.cache_enabled = True
    settings_.authorize = OneLookupAtATime(settings_.authorize)
    return AsyncOAuthFlow(client=client, settings=settings_)
