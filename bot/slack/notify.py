"""Telling the admins in Slack that a knowledge edit was rejected."""

from __future__ import annotations

import logging

from slack_sdk.web.async_client import AsyncWebClient

from bot.live import Notify, ReloadResult, rejected_message
from bot.render.blocks import escape

log = logging.getLogger(__name__)


def admin_notifier(client: AsyncWebClient, channel: str | None, admins: frozenset[str]) -> Notify:
    """Post to ADMIN_CHANNEL when set, else a direct message to each admin."""

    async def notify(result: ReloadResult) -> None:
        text = escape(rejected_message(result))
        targets: list[str] = [channel] if channel else []
        if not channel:
            for admin in sorted(admins):
                opened = await client.conversations_open(users=admin)
                targets.append(opened["channel"]["id"])
        for target in targets:
            try:
                await client.chat_postMessage(channel=target, text=text, unfurl_links=False)
            except Exception:
                log.exception("could not tell the admins about a rejected edit")

    return notify
