"""The Slack app manifest asks for exactly what the listeners handle."""

from __future__ import annotations

import yaml

from bot.slack.app import BOT_SCOPES
from tests.conftest import ROOT

MANIFEST = yaml.safe_load((ROOT / "docs" / "slack_manifest.yaml").read_text(encoding="utf-8"))


def test_commands_events_scopes_and_interactivity():
    features, settings = MANIFEST["features"], MANIFEST["settings"]
    commands = {c["command"]: c for c in features["slash_commands"]}
    assert commands.keys() == {"/crisis", "/pmhc", "/pmhc-admin", "/center-status"}
    # mentions arrive as <@U…|name> / <!subteam^S…> ids, which reporter commands read
    assert commands["/pmhc-admin"]["should_escape"] and commands["/center-status"]["should_escape"]
    assert set(settings["event_subscriptions"]["bot_events"]) == {
        "app_mention",
        "app_home_opened",
        "message.im",
    }
    scopes = set(MANIFEST["oauth_config"]["scopes"]["bot"])
    assert {"app_mentions:read", "chat:write", "commands", "im:history", "files:write",
            "usergroups:read"} <= scopes  # fmt: skip
    assert features["app_home"]["messages_tab_enabled"] is True  # DMs need the Messages tab
    assert settings["interactivity"]["is_enabled"] is True  # the answer buttons


def test_every_url_points_at_the_one_events_endpoint():
    urls = [c["url"] for c in MANIFEST["features"]["slash_commands"]]
    urls += [MANIFEST["settings"]["event_subscriptions"]["request_url"],
             MANIFEST["settings"]["interactivity"]["request_url"]]  # fmt: skip
    assert all(url.endswith("/slack/events") for url in urls)


def test_the_product_name_is_used_consistently():
    name = MANIFEST["display_information"]["name"]
    assert MANIFEST["features"]["bot_user"]["display_name"] == name
    assert name in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_scopes_asked_at_install_are_the_manifests():
    assert set(BOT_SCOPES) == set(MANIFEST["oauth_config"]["scopes"]["bot"])
    assert MANIFEST["oauth_config"]["redirect_urls"] == ["https://YOUR-HOST/slack/oauth_redirect"]
    assert MANIFEST["settings"]["org_deploy_enabled"] is True  # org-wide installs are handled
