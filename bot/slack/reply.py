"""Sending an answer back through ``respond`` (response_url), as blocks with a fallback text."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncRespond

from bot.answer import Answer
from bot.render.blocks import fallback_text, render_blocks


async def respond_with(
    respond: AsyncRespond,
    answer: Answer,
    *,
    share: dict[str, Any] | None = None,
    top: int = 5,
    remind: bool = False,
    response_type: str = "ephemeral",
    **options: Any,
) -> None:
    """``share`` adds the Share in channel button; ``remind`` the reminder not to post
    health details; ``options`` go to ``respond`` as they are (``replace_original``...)."""
    await respond(
        blocks=render_blocks(answer, share=share, top=top, remind=remind),
        text=fallback_text(answer),
        response_type=response_type,
        **options,
    )
