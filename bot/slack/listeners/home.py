"""The App Home tab: knowledge-base status for admins, a short guide for everyone else."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.render.blocks import escape, truncate
from bot.render.describe import PHI_REMINDER
from bot.slack.deps import Deps
from bot.slack.listeners.admin import HELP as ADMIN_HELP
from bot.slack.listeners.admin import status_text
from bot.slack.listeners.commands import PMHC_HELP


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": truncate(text, 3000)}}


def register(app: AsyncApp, deps: Deps) -> None:
    @app.event("app_home_opened")
    async def home(event: dict[str, Any], client: AsyncWebClient) -> None:
        if event.get("tab") not in (None, "home"):
            return
        user = event.get("user", "")
        blocks = [{"type": "header", "text": {"type": "plain_text", "text": "PMHC Assistant"}},
                  _section(PMHC_HELP)]  # fmt: skip
        if user in deps.admins:
            blocks += [
                {"type": "divider"},
                _section("*Knowledge base*\n```" + escape(await status_text(deps)) + "```"),
                _section(ADMIN_HELP),
            ]
        blocks.append({"type": "context",
                       "elements": [{"type": "mrkdwn", "text": escape(PHI_REMINDER)}]})  # fmt: skip
        await client.views_publish(user_id=user, view={"type": "home", "blocks": blocks})
