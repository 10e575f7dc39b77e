"""Socket Mode: the app connects to a local fake Slack over a real WebSocket and answers."""

from __future__ import annotations

from datetime import datetime

from bot.assistant import Assistant
from bot.config import load_settings
from bot.knowledge import load_knowledge
from bot.search.engine import Engine
from bot.slack.app import create_app
from bot.slack.deps import Deps
from bot.slack.server import start_socket_mode
from bot.store.database import Store
from tests.conftest import CHICAGO, SHIPPED
from tests.fake_slack import FakeSlack


async def test_slash_command_over_socket_mode_is_acked_and_answered(app_store: Store):
    slack = await FakeSlack().start()
    store = app_store
    settings = load_settings({
        "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_APP_TOKEN": "xapp-test",
        "SLACK_API_URL": slack.api_url, "KNOWLEDGE_DIR": str(SHIPPED),
    })  # fmt: skip
    assert settings.mode == "socket"
    now = datetime(2026, 11, 22, 14, 0, tzinfo=CHICAGO)
    assistant = Assistant(Engine(load_knowledge(SHIPPED)), clock=lambda z: now.astimezone(z))
    deps = Deps(assistant, store)
    handler = await start_socket_mode(create_app(settings, deps), "xapp-test")
    try:
        await slack.send_envelope({
            "envelope_id": "env-1", "type": "slash_commands", "accepts_response_payload": True,
            "payload": {
                "command": "/crisis", "text": "intoxicated 16 year old at 2am", "team_id": "T1",
                "user_id": "U1", "channel_id": "C1", "api_app_id": "A1", "trigger_id": "t",
                "response_url": slack.response_url("sock"),
            },
        })  # fmt: skip
        (ack,) = await slack.wait_for("socket:ack")
        assert ack.payload["envelope_id"] == "env-1"
        (reply,) = await slack.wait_for("response:sock")
        assert "ages 18+; person is 16" in str(reply.payload["blocks"])
    finally:
        await handler.close_async()
        await slack.stop()
