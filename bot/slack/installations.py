"""Where each workspace's bot token is kept: the shared database, read through a short-lived
cache, so 200 requests at once do not queue 200 queries before Slack's 3-second ack.

A token changes on install, rotation or uninstall; this process forgets its copy at once
when it makes such a change, and another process's change is seen within ``FRESH_SECONDS``.
"""

from __future__ import annotations

import time
from typing import Any

from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.installation_store.models.installation import Installation

FRESH_SECONDS = 5.0


class FreshForAWhile(AsyncInstallationStore):
    """``store`` with each workspace's bot remembered for ``FRESH_SECONDS``."""

    def __init__(self, store: AsyncInstallationStore) -> None:
        self._store = store
        self._bots: dict[tuple[Any, ...], tuple[float, Bot | None]] = {}

    @property
    def logger(self):  # type: ignore[no-untyped-def]
        return self._store.logger

    async def async_save(self, installation: Installation) -> None:
        self._bots.clear()
        await self._store.async_save(installation)

    async def async_save_bot(self, bot: Bot) -> None:
        self._bots.clear()
        await self._store.async_save_bot(bot)

    async def async_find_bot(
        self, *, enterprise_id: str | None, team_id: str | None,
        is_enterprise_install: bool | None = False,
    ) -> Bot | None:  # fmt: skip
        key = (enterprise_id, team_id, is_enterprise_install)
        seen = self._bots.get(key)
        if seen is not None and time.monotonic() - seen[0] < FRESH_SECONDS:
            return seen[1]
        bot = await self._store.async_find_bot(
            enterprise_id=enterprise_id, team_id=team_id,
            is_enterprise_install=is_enterprise_install,
        )  # fmt: skip
        self._bots[key] = (time.monotonic(), bot)
        return bot

    async def async_find_installation(self, **where: Any) -> Installation | None:
        return await self._store.async_find_installation(**where)

    async def async_delete_bot(self, **where: Any) -> None:
        self._bots.clear()
        await self._store.async_delete_bot(**where)

    async def async_delete_installation(self, **where: Any) -> None:
        self._bots.clear()
        await self._store.async_delete_installation(**where)

    async def async_delete_all(self, **where: Any) -> None:
        self._bots.clear()
        await self._store.async_delete_all(**where)
