"""``/center-status``: crisis centres report tonight's state; everyone else sees the board.

``/center-status [PLACE] accepting|limited|diversion|closed [beds N] [for 4h | until 18:00]
[note]`` from a place's reporters (or an admin) sets its status through the service, which
refuses anyone else politely; each change is posted to ``STATUS_CHANNEL``. Alone (or
``board``), the command shows every place's latest report. A Slack user group named as a
reporter counts its members.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.render.blocks import escape, fallback_text, render_blocks
from bot.service import Reported
from bot.slack.deps import Deps

log = logging.getLogger(__name__)

COMMAND = "/center-status"
BOARD_WORDS = frozenset({"", "board", "status"})


def register(app: AsyncApp, deps: Deps) -> None:
    @app.command(COMMAND)
    async def center_status(ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond,
                            client: AsyncWebClient) -> None:  # fmt: skip
        await ack()
        text = (command.get("text") or "").strip()
        user = command.get("user_id", "")
        if text.lower() in BOARD_WORDS:
            await show_board(respond, deps)
            return

        reported = await deps.service.report(
            text, user_id=user, admin=user in deps.admins, member_of=group_member(client, user)
        )
        await respond(text=escape(reported.message), response_type="ephemeral")
        await announce(client, deps, reported, f"<@{user}>")


def group_member(client: AsyncWebClient, user: str) -> Callable[[str], Awaitable[bool]]:
    """Whether ``user`` is in a Slack user group (a group named as a place's reporter)."""

    async def member_of(group: str) -> bool:
        try:
            found = await client.usergroups_users_list(usergroup=group)
        except SlackApiError:
            return False
        return user in (found.get("users") or [])

    return member_of


async def announce(client: AsyncWebClient, deps: Deps, reported: Reported, by: str) -> None:
    """One message per change in ``STATUS_CHANNEL``, if one is set."""
    if reported.status is not None and deps.status_channel:
        await client.chat_postMessage(
            channel=deps.status_channel,
            unfurl_links=False,
            text=f"{escape(reported.message)} (reported by {by})",
        )


async def show_board(respond: AsyncRespond, deps: Deps) -> None:
    """Every place whose status matters, with its latest report and whether it is open."""
    answer = await deps.service.board()
    await respond(blocks=render_blocks(answer), text=fallback_text(answer),
                  response_type="ephemeral")  # fmt: skip
