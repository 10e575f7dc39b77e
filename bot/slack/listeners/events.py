"""Mentions in channels (answered in the thread) and direct messages (answered in the DM)."""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt.async_app import AsyncApp, AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.render.blocks import fallback_text, render_blocks
from bot.render.describe import PHI_WARNING
from bot.slack.deps import Deps, workspace

log = logging.getLogger(__name__)
_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")


def question_from(text: str) -> str:
    """The question without the ``<@U123>`` mention(s) Slack puts in the text."""
    return " ".join(_MENTION.sub(" ", text or "").split())


async def remind_about_phi(client: AsyncWebClient, channel: str, user: str, *, in_dm: bool) -> None:
    """Only the person who posted sees it; the message is neither answered nor stored."""
    if in_dm:
        await client.chat_postMessage(channel=channel, text=PHI_WARNING)
    else:
        await client.chat_postEphemeral(channel=channel, user=user, text=PHI_WARNING)


def register(app: AsyncApp, deps: Deps) -> None:
    async def answer(event: dict[str, Any], body: dict[str, Any], client: AsyncWebClient,
                     context: AsyncBoltContext, *, thread: bool) -> None:  # fmt: skip
        channel, ts = event.get("channel", ""), event.get("ts", "")
        # the same message may come as app_mention and message, and Slack retries deliveries
        keys = f"msg:{channel}:{ts}", f"event:{body.get('event_id', '')}"
        if not await deps.seen.first_time(*keys):
            log.info("skipping a message already answered (%s)", body.get("event_id", "?"))
            return
        question = question_from(event.get("text", ""))
        user = event.get("user", "")
        reply = await deps.service.ask(question, user_id=user,
                                       surface="mention" if thread else "dm",
                                       team_id=workspace(context))  # fmt: skip
        if reply.answer is None:
            await remind_about_phi(client, channel, user, in_dm=not thread)
            return
        answer = reply.answer
        await client.chat_postMessage(
            channel=channel,
            thread_ts=(event.get("thread_ts") or ts) if thread else None,
            blocks=render_blocks(answer, remind=reply.remind),
            text=fallback_text(answer),
            unfurl_links=False,
        )
        log.info("answered a %s; top result %s", "mention" if thread else "direct message",
                 answer.results[0].entry.id if answer.results else "none")  # fmt: skip

    @app.event("app_mention")
    async def on_mention(event: dict[str, Any], body: dict[str, Any], client: AsyncWebClient,
                         context: AsyncBoltContext):  # fmt: skip
        await answer(event, body, client, context, thread=True)

    @app.event("message")
    async def on_message(event: dict[str, Any], body: dict[str, Any], client: AsyncWebClient,
                         context: AsyncBoltContext):  # fmt: skip
        if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
            return  # only people's own messages in a DM with the bot
        await answer(event, body, client, context, thread=False)
