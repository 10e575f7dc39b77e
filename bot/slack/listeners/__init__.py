"""Listeners grouped by kind; each module has ``register(app, deps)``."""

from slack_bolt.async_app import AsyncApp

from bot.slack import reminders
from bot.slack.deps import Deps
from bot.slack.listeners import actions, admin, commands, events, home, status


def register(app: AsyncApp, deps: Deps) -> None:
    events.register(app, deps)
    commands.register(app, deps)
    actions.register(app, deps)
    admin.register(app, deps)
    home.register(app, deps)
    status.register(app, deps)
    reminders.register(app, deps)
