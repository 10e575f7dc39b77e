"""Deleting stored questions and votes once they are older than the retention period."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta

from bot.store.database import Store

log = logging.getLogger(__name__)
EVERY = timedelta(hours=6)


async def purge_expired(store: Store, days: int, now: datetime | None = None) -> int:
    cutoff = (now or datetime.now(UTC)) - timedelta(days=days)
    gone = await store.purge(cutoff)
    log.info("retention: removed %d rows older than %d days", gone, days)
    return gone


async def keep_purging(store: Store, days: int) -> None:
    """At start and every six hours, for as long as the bot runs."""
    while True:
        try:
            await purge_expired(store, days)
        except Exception:
            log.exception("retention purge failed; will try again")
        await asyncio.sleep(EVERY.total_seconds())
