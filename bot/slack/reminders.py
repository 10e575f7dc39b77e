"""Reminding reporters before their status expires, so a board does not go stale.

Thirty minutes before a report made in Slack expires, its reporter gets a direct message
with two buttons: keep the same status for another period, or report accepting again.
Each report is reminded of once, by whichever bot process sharing the database gets there
first (the duplicate-delivery memory keeps the reminder's key).
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from datetime import datetime, timedelta
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext, AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.render.blocks import escape
from bot.slack.deps import Deps, workspace
from bot.slack.listeners.status import report_as
from bot.slack.notify import announce_status
from bot.status import CenterStatus

log = logging.getLogger(__name__)

BEFORE = timedelta(minutes=30)
EVERY_SECONDS = 60
STILL = "status_still"
AGAIN = "status_accepting_again"
_SAID = {"diversion": "on diversion", "closed": "closed", "limited": "at capacity",
         "accepting": "accepting"}  # fmt: skip


async def remind_expiring(deps: Deps) -> int:
    """One pass: DM the reporter of every report expiring within ``BEFORE``, in the
    workspace they reported from; how many."""
    now = deps.assistant.now()
    sent = 0
    for status in (await deps.service.statuses()).values():
        due = status.live(now) and status.expires_at - now <= BEFORE
        if not due or not status.reporter.startswith(("U", "W")):
            continue
        if not await deps.seen.first_time(f"remind:{status.resource_id}:{status.reported_at}"):
            continue
        where = await deps.workspaces.get(status.team_id) if deps.workspaces else None
        if where is None:  # uninstalled since
            continue
        resource = deps.assistant.engine.knowledge.by_id.get(status.resource_id)
        name = resource.title if resource else status.resource_id
        try:
            await where.client.chat_postMessage(
                channel=status.reporter, text=_text(status, name, now),
                blocks=_blocks(status, name, now),
                unfurl_links=False,
            )  # fmt: skip
            sent += 1
        except SlackApiError as error:
            log.warning("could not remind %s: %s", status.reporter, error.response.get("error"))
    return sent


async def keep_reminding(deps: Deps) -> None:
    while True:
        try:
            await remind_expiring(deps)
        except Exception:
            log.exception("status reminders failed; will try again")
        await asyncio.sleep(EVERY_SECONDS)


def _text(status: CenterStatus, name: str, now: datetime) -> str:
    until = status.expires_at.astimezone(now.tzinfo).strftime("%H:%M")  # the bot's local time
    return (
        f"{name} is reported {_SAID[status.state]} until {until}. Still so, or accepting "
        "again? After that time the report no longer applies."
    )


def _blocks(status: CenterStatus, name: str, now: datetime) -> list[dict[str, Any]]:
    value = json.dumps({"place": status.resource_id, "state": status.state,
                        "beds": status.beds, "note": status.note})[:2000]  # fmt: skip

    def button(text: str, action: str, style: str | None = None) -> dict[str, Any]:
        element = {"type": "button", "action_id": action, "value": value,
                   "text": {"type": "plain_text", "text": text}}  # fmt: skip
        return {**element, "style": style} if style else element

    still = f"Still {_SAID[status.state]}"
    return [
        {"type": "section", "text": {"type": "mrkdwn", "text": escape(_text(status, name, now))}},
        {"type": "actions", "elements": [button(still, STILL, "danger"),
                                         button("Accepting again", AGAIN, "primary")]},
    ]  # fmt: skip


def register(app: AsyncApp, deps: Deps) -> None:
    async def renew(action: dict[str, Any], body: dict[str, Any], respond: AsyncRespond,
                    client: AsyncWebClient, context: AsyncBoltContext, *,
                    again: bool) -> None:  # fmt: skip
        try:
            value = json.loads(action.get("value") or "{}")
        except ValueError:
            value = {}
        if not isinstance(value, dict) or not value.get("place"):
            return
        user, team = str((body.get("user") or {}).get("id", "")), workspace(context)
        words = [str(value["place"]), "accepting" if again else str(value.get("state"))]
        if not again and value.get("beds") is not None:
            words += ["beds", str(value["beds"])]
        if not again and value.get("note"):
            words.append(str(value["note"]))

        reported = await report_as(deps, client, " ".join(words), user, team)
        await respond(text=escape(reported.message), replace_original=True)
        await announce_status(deps, reported, by=user, from_workspace=team)

    @app.action(re.compile(rf"^({STILL}|{AGAIN})$"))
    async def still_or_again(ack: AsyncAck, action: dict[str, Any], body: dict[str, Any],
                             respond: AsyncRespond, client: AsyncWebClient,
                             context: AsyncBoltContext) -> None:  # fmt: skip
        await ack()
        again = action.get("action_id") == AGAIN
        await renew(action, body, respond, client, context, again=again)
