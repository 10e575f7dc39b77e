"""The App Home tab: knowledge-base status for admins, a short guide for everyone else."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp, AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.answer import Answer
from bot.render.blocks import escape
from bot.render.card import place_card
from bot.render.describe import PHI_REMINDER, truncate
from bot.slack.deps import Deps, workspace
from bot.slack.listeners.admin import HELP as ADMIN_HELP
from bot.slack.listeners.admin import status_text
from bot.slack.listeners.commands import PMHC_HELP


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": truncate(text, 3000)}}


def board_text(answer: Answer) -> str:
    """Tonight's board as one list: each place, whether it is open, what it reports."""
    lines = ["*Tonight* (`/center-status` to report yours):"]
    for match in answer.results:
        card = place_card(match, answer.at, answer.at.date(), answer.situation.statuses)
        said = card.report or "no report"
        lines.append(f"• *{escape(card.name)}* · {escape(card.state)} · {escape(said)}")
    return "\n".join(lines)


def register(app: AsyncApp, deps: Deps) -> None:
    @app.event("app_home_opened")
    async def home(event: dict[str, Any], client: AsyncWebClient,
                   context: AsyncBoltContext) -> None:  # fmt: skip
        if event.get("tab") not in (None, "home"):
            return
        user = event.get("user", "")
        board = board_text(await deps.service.board())
        blocks = [{"type": "header", "text": {"type": "plain_text", "text": "PMHC Assistant"}},
                  _section(PMHC_HELP), _section(board)]  # fmt: skip
        if await deps.is_admin(user, workspace(context)):
            blocks += [
                {"type": "divider"},
                _section("*Knowledge base*\n```" + escape(await status_text(deps)) + "```"),
                _section(ADMIN_HELP),
            ]
        blocks.append({"type": "context",
                       "elements": [{"type": "mrkdwn", "text": escape(PHI_REMINDER)}]})  # fmt: skip
        await client.views_publish(user_id=user, view={"type": "home", "blocks": blocks})
