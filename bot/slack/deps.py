"""What every listener needs, passed in at registration instead of read from globals."""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from slack_bolt.context.async_context import AsyncBoltContext

from bot.assistant import Assistant
from bot.live import LiveKnowledge
from bot.service import Service
from bot.slack.workspaces import Workspaces
from bot.status import DEFAULT_TTL
from bot.store.database import Store

log = logging.getLogger(__name__)


def workspace(context: AsyncBoltContext) -> str | None:
    """The workspace a request belongs to, as settings and records are keyed: an org-wide
    install on Enterprise Grid is one workspace (its enterprise id), others their team id."""
    if context.is_enterprise_install and context.enterprise_id:
        return context.enterprise_id
    return context.team_id or context.enterprise_id


class RecentlySeen:
    """A bounded memory of delivery keys, so a retried or doubled event is answered once."""

    def __init__(self, size: int = 10_000) -> None:
        self._keys: OrderedDict[str, None] = OrderedDict()
        self._size = size

    def remember(self, *keys: str) -> bool:
        """True if none of ``keys`` was seen before; remembers them all either way."""
        fresh = not any(key in self._keys for key in keys if key)
        for key in keys:
            if key:
                self._keys[key] = None
                self._keys.move_to_end(key)
        while len(self._keys) > self._size:
            self._keys.popitem(last=False)
        return fresh


class SharedSeen:
    """The delivery memory in the database every bot process shares, so an event retried
    to another process is still answered once; this process's own memory answers first."""

    def __init__(self, store: Store, clock: Callable[[], datetime]) -> None:
        self._store, self._clock = store, clock
        self._here = RecentlySeen()

    async def first_time(self, *keys: str) -> bool:
        if not self._here.remember(*keys):
            return False
        try:
            return await self._store.first_delivery(keys, self._clock())
        except Exception:  # the database is down: answer rather than drop the question
            log.exception("could not check a delivery against the shared memory")
            return True


@dataclass
class Deps:
    """The service every listener asks through, and what only the Slack layer keeps: the
    admins, the live knowledge (for admin commands) and the duplicate-delivery memory."""

    assistant: Assistant
    store: Store
    admins: frozenset[str] = frozenset()
    live: LiveKnowledge | None = None  # reloading, when the knowledge folder is watched
    status_channel: str | None = None  # single-token mode: where status changes go
    status_ttl: timedelta = DEFAULT_TTL
    service: Service = field(init=False)
    workspaces: Workspaces | None = None  # set by create_app: who the bot may post to
    seen: SharedSeen = field(init=False)  # deliveries answered, shared through the store

    async def is_admin(self, user_id: str, team_id: str | None) -> bool:
        """An operator (``ADMIN_USER_IDS``, every workspace's) or this workspace's admin."""
        return user_id in self.admins or await self.store.is_admin(team_id, user_id)

    def __post_init__(self) -> None:
        self.service = Service(self.assistant, self.store, status_ttl=self.status_ttl)
        self.seen = SharedSeen(self.store, lambda: datetime.now(UTC))
