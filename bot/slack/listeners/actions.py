"""Buttons on answers: share in channel, more results, did-you-mean, and feedback."""

from __future__ import annotations

import json
import logging
import re
from datetime import datetime
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond

from bot.render import blocks as ui
from bot.slack.deps import Deps
from bot.slack.reply import respond_with

log = logging.getLogger(__name__)
MAX_TOP = 25


def _value(action: dict[str, Any]) -> dict[str, Any]:
    """The JSON a button carries; a tampered or truncated value is just empty."""
    try:
        value = json.loads(action.get("value") or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _moment(value: dict[str, Any]) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(value.get("at")))
    except ValueError:
        return None
    return moment if moment.tzinfo else None


def register(app: AsyncApp, deps: Deps) -> None:
    @app.action(ui.SHARE)
    async def share(ack: AsyncAck, action: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        value = _value(action)
        if value.get("listing"):
            answer = await deps.assistant.crisis_centers_async(at=_moment(value))
        else:
            answer = await deps.assistant.ask_async(
                str(value.get("q", "")),
                at=_moment(value),
                resources_only=bool(value.get("resources_only")),
            )
        await respond_with(respond, answer, response_type="in_channel", replace_original=False)

    @app.action(ui.MORE)
    async def more(ack: AsyncAck, action: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        value = _value(action)
        top = min(int(value.get("top") or 10), MAX_TOP)
        answer = await deps.ask(str(value.get("q", "")), at=_moment(value), top=top)
        await respond_with(respond, answer, share={}, top=top, replace_original=True)

    @app.action(re.compile(rf"^{ui.SUGGEST}-\d+$"))
    async def suggestion(ack: AsyncAck, action: dict[str, Any], body: dict[str, Any],
                         respond: AsyncRespond) -> None:  # fmt: skip
        await ack()
        user = (body.get("user") or {}).get("id", "")
        answer = await deps.answer(str(_value(action).get("q", "")), surface="suggestion",
                                   user_id=user)  # fmt: skip
        await respond_with(respond, answer, share={}, replace_original=False)

    @app.action(re.compile(rf"^({ui.FEEDBACK_UP}|{ui.FEEDBACK_DOWN})$"))
    async def feedback(ack: AsyncAck, action: dict[str, Any], body: dict[str, Any],
                       respond: AsyncRespond) -> None:  # fmt: skip
        await ack()
        vote = "up" if action.get("action_id") == ui.FEEDBACK_UP else "down"
        value = _value(action)
        try:
            await deps.store.record_vote(
                voted_at=deps.assistant.now(), user_id=(body.get("user") or {}).get("id", ""),
                vote=vote, entry_id=str(value.get("top") or ""), question=str(value.get("q") or ""),
            )  # fmt: skip
        except Exception:
            log.exception("could not record a vote")
        log.info("feedback %s on %s", vote, value.get("top") or "no answer")
        await respond(
            text="Thanks — your feedback helps the coordinators improve the knowledge base.",
            response_type="ephemeral",
            replace_original=False,
        )
