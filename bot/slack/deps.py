"""What every listener needs, passed in at registration instead of read from globals."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import timedelta

from bot.assistant import Assistant
from bot.live import LiveKnowledge
from bot.service import Service
from bot.status import DEFAULT_TTL
from bot.store.database import Store


class RecentlySeen:
    """A bounded memory of delivery keys, so a retried or doubled event is answered once."""

    def __init__(self, size: int = 10_000) -> None:
        self._keys: OrderedDict[str, None] = OrderedDict()
        self._size = size

    def first_time(self, *keys: str) -> bool:
        """True if none of ``keys`` was seen before; remembers them all either way."""
        fresh = not any(key in self._keys for key in keys if key)
        for key in keys:
            if key:
                self._keys[key] = None
                self._keys.move_to_end(key)
        while len(self._keys) > self._size:
            self._keys.popitem(last=False)
        return fresh


@dataclass
class Deps:
    """The service every listener asks through, and what only the Slack layer keeps: the
    admins, the live knowledge (for admin commands) and the duplicate-delivery memory."""

    assistant: Assistant
    store: Store
    admins: frozenset[str] = frozenset()
    live: LiveKnowledge | None = None  # reloading, when the knowledge folder is watched
    seen: RecentlySeen = field(default_factory=RecentlySeen)
    status_channel: str | None = None  # where each centre status change is posted
    status_ttl: timedelta = DEFAULT_TTL
    # reports whose reporter was reminded before they expire: (place, reported at)
    reminded: set[tuple[str, str]] = field(default_factory=set)
    service: Service = field(init=False)

    def __post_init__(self) -> None:
        self.service = Service(self.assistant, self.store, status_ttl=self.status_ttl)
