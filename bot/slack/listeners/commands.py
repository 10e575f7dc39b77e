"""``/crisis`` and ``/pmhc``: acknowledged at once, answered ephemerally through response_url."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext, AsyncRespond

from bot.render.blocks import escape
from bot.render.describe import PHI_REMINDER, PHI_WARNING
from bot.service import Reply
from bot.slack.deps import Deps, workspace
from bot.slack.listeners.status import show_board
from bot.slack.reply import respond_with

log = logging.getLogger(__name__)

PMHC_HELP = (
    "*Ask me about crisis resources and the PMHC Toolkit.* For example:\n"
    "• `/pmhc where can I take an intoxicated 16 year old at 2am`\n"
    "• `/pmhc what goes in an MOU with the mental health provider`\n"
    "• `/pmhc how many hours is CIT training`\n"
    "• `/pmhc what is a 5150`\n"
    "• `/crisis combative adult on a hold` — places for a situation\n"
    "• `/crisis harbor` — one place's admission criteria\n"
    "• `/crisis` — every crisis receiving center, open or closed now\n"
    "• `/crisis status` — what crisis centers, EDs and others report tonight\n"
    "You can also mention me in a channel or send me a direct message."
)


def help_blocks() -> list[dict[str, Any]]:
    return [
        {"type": "section", "text": {"type": "mrkdwn", "text": PMHC_HELP}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": escape(PHI_REMINDER)}]},
    ]


def register(app: AsyncApp, deps: Deps) -> None:
    @app.command("/crisis")
    async def crisis(ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond,
                     context: AsyncBoltContext) -> None:  # fmt: skip
        await ack()
        text = (command.get("text") or "").strip()
        user, team = command.get("user_id", ""), workspace(context)
        if text.lower() == "status":  # the board: every place's report tonight
            await show_board(respond, deps)
            return
        if text:
            reply = await deps.service.ask(text, user_id=user, surface="command",
                                           resources_only=True, team_id=team)  # fmt: skip
            share: dict[str, Any] = {"resources_only": True}
        else:
            reply = await deps.service.listing(user_id=user, surface="command", team_id=team)
            share = {"listing": True, "resources_only": True}
        await _respond(respond, reply, share)

    @app.command("/pmhc")
    async def pmhc(ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond,
                   context: AsyncBoltContext) -> None:  # fmt: skip
        await ack()
        text = (command.get("text") or "").strip()
        if not text:
            await respond(blocks=help_blocks(), text=PMHC_HELP, response_type="ephemeral")
            return
        reply = await deps.service.ask(
            text, user_id=command.get("user_id", ""), surface="command",
            team_id=workspace(context),
        )  # fmt: skip
        await _respond(respond, reply, {})


async def _respond(respond: AsyncRespond, reply: Reply, share: dict[str, Any]) -> None:
    """The answer, privately with a Share button; a withheld question gets the warning only."""
    if reply.answer is None:
        await respond(text=PHI_WARNING, response_type="ephemeral")
        return
    await respond_with(respond, reply.answer, share=share, remind=reply.remind)
    log.info("answered a command with %d results", len(reply.answer.results))
