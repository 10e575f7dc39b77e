"""Where each workspace's bot token is kept: the shared database, read through a short-lived
cache, so 200 requests at once do not queue 200 queries before Slack's 3-second ack: the
first request for a workspace reads it, those arriving meanwhile wait for that read.

A token changes on install, rotation or uninstall; this process forgets its copy at once
when it makes such a change, and another process's change is seen within ``FRESH_SECONDS``.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from slack_bolt.authorization import AuthorizeResult
from slack_bolt.authorization.async_authorize import AsyncAuthorize
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.installation_store.models.installation import Installation

FRESH_SECONDS = 5.0


class FreshForAWhile(AsyncInstallationStore):
    """``store`` with each workspace's bot remembered for ``FRESH_SECONDS``."""

    def __init__(self, store: AsyncInstallationStore) -> None:
        self._store = store
        self._bots: dict[tuple[Any, ...], tuple[float, Bot | None]] = {}
        self._reading: dict[tuple[Any, ...], asyncio.Task[Bot | None]] = {}
        self._generation = 0  # a read begun before a change must not cache what it read

    def _forget(self) -> None:
        self._bots.clear()
        self._reading.clear()
        self._generation += 1

    @property
    def logger(self):  # type: ignore[no-untyped-def]
        return self._store.logger

    async def async_save(self, installation: Installation) -> None:
        self._forget()
        await self._store.async_save(installation)

    async def async_save_bot(self, bot: Bot) -> None:
        self._forget()
        await self._store.async_save_bot(bot)

    async def async_find_bot(
        self, *, enterprise_id: str | None, team_id: str | None,
        is_enterprise_install: bool | None = False,
    ) -> Bot | None:  # fmt: skip
        key = (enterprise_id, team_id, is_enterprise_install)
        seen = self._bots.get(key)
        if seen is not None and time.monotonic() - seen[0] < FRESH_SECONDS:
            return seen[1]
        reading = self._reading.get(key)
        if reading is None:  # the first to ask reads it; those asking meanwhile wait for it
            reading = asyncio.create_task(self._read(key))
            self._reading[key] = reading
            reading.add_done_callback(lambda done: self._reading.get(key) is done
                                      and self._reading.pop(key))  # fmt: skip
        return await asyncio.shield(reading)  # a caller given up on does not stop the read

    async def _read(self, key: tuple[Any, ...]) -> Bot | None:
        enterprise_id, team_id, is_enterprise_install = key
        generation = self._generation
        bot = await self._store.async_find_bot(
            enterprise_id=enterprise_id, team_id=team_id,
            is_enterprise_install=is_enterprise_install,
        )  # fmt: skip
        if generation == self._generation:
            self._bots[key] = (time.monotonic(), bot)
        return bot

    async def async_find_installation(self, **where: Any) -> Installation | None:
        return await self._store.async_find_installation(**where)

    async def async_delete_bot(self, **where: Any) -> None:
        self._forget()
        await self._store.async_delete_bot(**where)

    async def async_delete_installation(self, **where: Any) -> None:
        self._forget()
        await self._store.async_delete_installation(**where)

    async def async_delete_all(self, **where: Any) -> None:
        self._forget()
        await self._store.async_delete_all(**where)


class OneLookupAtATime(AsyncAuthorize):
    """Bolt's authorize, with requests of a workspace whose token is being looked up (and
    checked with auth.test, which Bolt caches only once answered) waiting for that one
    lookup instead of each making their own."""

    def __init__(self, authorize: AsyncAuthorize) -> None:
        self.inner = authorize
        self._running: dict[tuple[Any, ...], asyncio.Task[AuthorizeResult | None]] = {}

    async def __call__(
        self, *, context: AsyncBoltContext, enterprise_id: str | None, team_id: str | None,
        user_id: str | None, **actor: Any,
    ) -> AuthorizeResult | None:  # fmt: skip
        key = (enterprise_id, team_id, context.is_enterprise_install)
        running = self._running.get(key)
        if running is None:
            running = asyncio.create_task(self.inner(
                context=context, enterprise_id=enterprise_id, team_id=team_id,
                user_id=user_id, **actor,
            ))  # fmt: skip
            self._running[key] = running
            running.add_done_callback(lambda _: self._running.pop(key, None))
        return await asyncio.shield(running)
