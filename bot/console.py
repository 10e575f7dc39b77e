"""The console chat: a conversation in a terminal, through the same service as Slack.

It remembers the last answer for ``more``, ``why`` and ``details N``, records questions to
the store ``DATABASE_URL`` names (as Slack does, redacted), and withholds a message that
carries someone's health details exactly as Slack does.
"""

from __future__ import annotations

import asyncio
import re
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TextIO

from bot.answer import Answer
from bot.assistant import Assistant
from bot.config import ConfigError, load_settings
from bot.knowledge import KnowledgeBase
from bot.render.describe import PHI_REMINDER, PHI_WARNING
from bot.render.text import CHAT_HINTS, render_details, render_left_out, render_text
from bot.search.engine import Engine
from bot.service import Service
from bot.store.database import Store

USER = "console"  # the console's asker, hashed like a Slack id before it is stored
HELP = """Ask about a situation ("where can I take a drunk 16yo at 2am"), a place ("harbor crc
phone"), a term ("what is a 5150") or the PMHC toolkit ("what goes in an MOU"). Then:
  more       more results for the last question
  why        every place left out of the last answer, and why
  details N  everything about place N of the last answer
  help       this text;  quit  to leave
"""
_DETAILS = re.compile(r"details?\s+(\d{1,3})", re.IGNORECASE)
_QUIT = {"quit", "exit", "q"}


@asynccontextmanager
async def local_service(engine: Engine) -> AsyncIterator[Service]:
    """The service for a terminal: on the store ``DATABASE_URL`` names (its statuses, its
    record), or on none when the settings cannot be read; the store is closed after."""
    store: Store | None = None
    try:
        settings = load_settings()
        store = await Store.open(settings.database_url, settings.salt())
    except (ConfigError, OSError, ValueError) as error:
        print(f"Not recording questions: {error}", file=sys.stderr)
    try:
        yield Service(Assistant(engine), store)
    finally:
        if store is not None:
            await store.close()


async def run_chat(knowledge: KnowledgeBase, folder: Path, stdin: TextIO, stdout: TextIO) -> int:
    """Talk until ``quit`` or the end of input."""
    async with local_service(Engine(knowledge)) as service:
        return await _talk(Conversation(service), knowledge, folder, stdin, stdout)


async def _talk(
    conversation: Conversation, knowledge: KnowledgeBase, folder: Path, stdin: TextIO,
    stdout: TextIO,
) -> int:  # fmt: skip
    counts = knowledge.counts()
    stdout.write(
        f"PMHC Assistant — {counts['resource']} resources, {counts['section']} guidance "
        f"sections, {counts['faq']} FAQs, {counts['glossary']} terms from {folder}.\n"
        "Ask a question (e.g. 'where can I take a drunk 16yo at 2am'); 'help' for more, "
        "'quit' to leave.\n"
    )
    while True:
        stdout.write("> ")
        stdout.flush()
        line = await asyncio.to_thread(stdin.readline)
        if not line or line.strip().lower() in _QUIT:
            stdout.write("\n")
            return 0
        if line.strip():
            stdout.write(await conversation.reply(line.strip()) + "\n")


class Conversation:
    """What the chat remembers between lines: the last answer and how many results it shows."""

    def __init__(self, service: Service) -> None:
        self.service = service
        self.last: Answer | None = None
        self.top = 5

    async def reply(self, line: str) -> str:
        command = line.lower()
        if command in {"help", "?"}:
            return HELP + PHI_REMINDER + "\n"
        if command in {"more", "why"} or _DETAILS.fullmatch(command):
            if self.last is None:
                return "Ask a question first; 'help' shows what I can do.\n"
            return await self._follow_up(command, self.last)
        self.top = 5
        return await self._ask(line, surface="console")

    async def _follow_up(self, command: str, last: Answer) -> str:
        if command == "why":
            return render_left_out(last)
        if command == "more":
            if not last.more:
                return "That was everything I have for it.\n"
            self.top += 5
            return await self._ask(last.query, surface="more", at=last)
        number = int(_DETAILS.fullmatch(command).group(1))  # type: ignore[union-attr]
        if not 1 <= number <= len(last.results):
            return f"There is no {number} in the last answer (1 to {len(last.results)}).\n"
        return render_details(last.results[number - 1], last)

    async def _ask(self, question: str, *, surface: str, at: Answer | None = None) -> str:
        reply = await self.service.ask(question, user_id=USER, surface=surface, top=self.top,
                                       at=at.at if at else None)  # fmt: skip
        if reply.answer is None:
            return PHI_WARNING + "\n"
        self.last = reply.answer
        return render_text(reply.answer, hints=CHAT_HINTS, remind=reply.remind, top=self.top)
