"""Slack calls made outside a request (status announcements, reminders, notices to admins)
with the right workspace's token: the one token in single-token mode, else each workspace's
own from the installation store, rotated as Bolt rotates it for requests."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from slack_bolt.authorization.async_authorize import AsyncAuthorize
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.store.database import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Installed:
    """A workspace the bot is in; ``key`` names it in settings and records (an org-wide
    install on Enterprise Grid: the enterprise id, otherwise the team id)."""

    key: str
    enterprise_id: str | None
    team_id: str | None
    org_wide: bool
    client: AsyncWebClient


class Workspaces:
    def __init__(self, client: AsyncWebClient, store: Store,
                 authorize: AsyncAuthorize | None = None) -> None:  # fmt: skip
        """``client``: the app's own; with ``authorize`` (OAuth installs) each workspace's
        token is looked up, else ``client``'s one token serves its one workspace."""
        self._client, self._store, self._authorize = client, store, authorize
        self._single: Installed | None = None

    @property
    def many(self) -> bool:
        return self._authorize is not None

    async def all(self) -> list[Installed]:
        """Every workspace the bot can post to now; one that cannot be reached is logged."""
        if self._authorize is None:
            single = await self._the_one()
            return [single] if single else []
        found = []
        for enterprise_id, team_id, org_wide in await self._store.installed_bots():
            installed = await self._installed(enterprise_id, team_id, org_wide)
            if installed is not None:
                found.append(installed)
        return found

    async def get(self, key: str | None) -> Installed | None:
        """Workspace ``key``, if the bot is (still) in it; single-token mode: the one."""
        if self._authorize is None:
            return await self._the_one()
        if not key:  # a record from before workspaces were kept: no workspace to ask
            return None
        for enterprise_id, team_id, org_wide in await self._store.installed_bots():
            if key in ((enterprise_id if org_wide else team_id), team_id):
                return await self._installed(enterprise_id, team_id, org_wide)
        return None

    async def _installed(
        self, enterprise_id: str | None, team_id: str | None, org_wide: bool
    ) -> Installed | None:
        assert self._authorize is not None
        context = AsyncBoltContext(client=self._client, is_enterprise_install=org_wide)
        try:
            result = await self._authorize(context=context, enterprise_id=enterprise_id,
                                           team_id=team_id, user_id=None)  # fmt: skip
        except Exception:  # a store or rotation failure: this workspace is skipped
            log.exception("could not find a token for a workspace")
            return None
        if result is None or not result.bot_token:
            return None
        key = enterprise_id if org_wide else team_id
        if not key:
            return None
        client = AsyncWebClient(token=result.bot_token, base_url=self._client.base_url,
                                retry_handlers=self._client.retry_handlers)  # fmt: skip
        return Installed(key, enterprise_id, team_id, org_wide, client)

    async def _the_one(self) -> Installed | None:
        """The single token's workspace, asked of Slack once."""
        if self._single is None:
            try:
                said = await self._client.auth_test()
            except SlackApiError as error:
                log.warning("could not ask Slack which workspace the token is for: %s",
                            error.response.get("error"))  # fmt: skip
                return None
            enterprise_id, team_id = said.get("enterprise_id"), said.get("team_id")
            org_wide = bool(said.get("is_enterprise_install"))
            key = (enterprise_id if org_wide else team_id) or ""
            self._single = Installed(key, enterprise_id, team_id, org_wide, self._client)
        return self._single
