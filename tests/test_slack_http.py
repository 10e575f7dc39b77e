"""The Slack app over real HTTP: requests signed as Slack signs them, a fake Web API that
records what the bot sends, and assertions on the Block Kit actually sent."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from datetime import datetime, timedelta

import pytest

from bot.assistant import Assistant
from bot.knowledge import load_knowledge
from bot.knowledge.model import Resource
from bot.render.blocks import DETAILS, FEEDBACK_DOWN, MORE, SHARE, WHY, escape
from bot.search.engine import Engine
from bot.slack.deps import Deps
from bot.slack.server import EVENTS_PATH
from bot.store.database import Store
from tests.conftest import CHICAGO, SHIPPED, TEST_SALT
from tests.slack_harness import SECRET, Bot, buttons, cards, running_bot, texts

NOW = datetime(2026, 11, 22, 14, 0, tzinfo=CHICAGO)


@pytest.fixture(scope="module")
def engine_for_slack() -> Engine:
    return Engine(load_knowledge(SHIPPED))


@pytest.fixture
async def bot(engine_for_slack: Engine, app_store: Store) -> AsyncIterator[Bot]:
    deps = Deps(Assistant(engine_for_slack, clock=lambda zone: NOW.astimezone(zone)), app_store)
    async with running_bot(deps) as running:
        yield running


async def test_url_verification_echoes_the_challenge(bot: Bot):
    body = json.dumps({"token": "legacy", "challenge": "c-123", "type": "url_verification"})
    response = await bot.post(body, "application/json")
    assert response.status == 200
    assert (await response.json())["challenge"] == "c-123"


@pytest.mark.parametrize(
    ("secret", "age"), [("wrong-secret", 0), (SECRET, 6 * 60)], ids=["bad-signature", "old"]
)
async def test_unsigned_or_stale_requests_are_refused(bot: Bot, secret: str, age: int):
    body = json.dumps({"type": "url_verification", "challenge": "x"})
    response = await bot.post(body, "application/json", secret=secret,
                              timestamp=int(time.time()) - age)  # fmt: skip
    assert response.status == 401
    assert bot.slack.calls == []


async def test_missing_signature_headers_are_refused(bot: Bot):
    response = await bot.session.post(bot.url + EVENTS_PATH, data=b'{"type":"url_verification"}')
    assert response.status == 401


async def test_oversized_and_malformed_bodies_get_4xx_and_the_server_stays_up(bot: Bot):
    huge = await bot.post("x" * (300 * 1024), "application/x-www-form-urlencoded")
    assert huge.status == 413
    broken = await bot.post("payload=%7Bnot-json", "application/x-www-form-urlencoded")
    assert 400 <= broken.status < 500
    garbage = await bot.post("{{{{", "application/json")
    assert 400 <= garbage.status < 500
    health = await bot.session.get(bot.url + "/healthz")
    assert health.status == 200 and (await health.json())["ok"] is True


async def test_crisis_command_acks_at_once_then_answers_ephemerally(bot: Bot):
    started = time.monotonic()
    response = await bot.command("/crisis", "intoxicated 16 year old at 2am", token="c1")
    assert response.status == 200
    assert time.monotonic() - started < 3
    (reply,) = await bot.slack.wait_for("response:c1")
    assert reply.payload["response_type"] == "ephemeral"
    blocks = reply.payload["blocks"]
    shown = texts(blocks)
    assert "Example General Hospital Emergency Department" in shown
    assert "SAMPLE DATA" in shown and "*Left out (" in shown
    assert "ages 18+; person is 16" in shown
    assert "<tel:5555550120|(555)\u00a0555\u20110120>" in shown  # tap-to-call, kept on a line
    assert {SHARE, WHY, "feedback_up", FEEDBACK_DOWN} <= buttons(blocks).keys()
    assert len(blocks) <= 50


async def test_crisis_alone_lists_every_crisis_center_open_or_closed(bot: Bot):
    await bot.command("/crisis", "", token="c2")
    (reply,) = await bot.slack.wait_for("response:c2")
    shown = texts(reply.payload["blocks"])
    crisis_centers = [r.name for r in bot.deps.assistant.engine.knowledge.resources
                      if r.kind == "crisis_center"]  # fmt: skip
    assert crisis_centers and all(name in shown for name in crisis_centers)
    states = [card.split("  ·  ")[1] for card in cards(reply.payload["blocks"])]
    assert len(states) == len(crisis_centers)
    assert all(" open" in state or " closed" in state for state in states), states
    (recorded,) = await bot.deps.store.questions_since(NOW - timedelta(days=1))
    assert (recorded.surface, recorded.text, recorded.answered) == ("command", "/crisis", True)


async def test_crisis_with_a_place_name_gives_its_admission_criteria(bot: Bot):
    await bot.command("/crisis", "harbor crisis receiving", token="c3")
    (reply,) = await bot.slack.wait_for("response:c3")
    first = reply.payload["blocks"][1]["text"]["text"]
    assert first.startswith("*Harbor Crisis Receiving Center*")
    assert "*Takes:* ages 18+" in texts(reply.payload["blocks"])
    assert "100 Harbor St, Example City" in texts(reply.payload["blocks"])


async def test_pmhc_alone_shows_help_and_with_text_answers(bot: Bot):
    await bot.command("/pmhc", "", token="p1")
    (help_reply,) = await bot.slack.wait_for("response:p1")
    assert "/pmhc where can I take" in texts(help_reply.payload["blocks"])
    await bot.command("/pmhc", "what is a 5150", token="p2")
    (reply,) = await bot.slack.wait_for("response:p2")
    assert "*5150 (California)*" in texts(reply.payload["blocks"])


async def test_mention_is_answered_in_its_thread_once_despite_retries_and_doubles(bot: Bot):
    mention = {"type": "app_mention", "user": "U1", "channel": "C1", "ts": "111.222",
               "text": "<@UBOT> where can i take a combative adult on a 5150"}  # fmt: skip
    assert (await bot.event(mention, "Ev10")).status == 200
    (posted,) = await bot.slack.wait_for("chat.postMessage")
    assert posted.payload["channel"] == "C1" and posted.payload["thread_ts"] == "111.222"
    assert "Example General Hospital Emergency Department" in texts(posted.payload["blocks"])
    # Slack retries the same event, and the same message also arrives as a message event
    await bot.event(
        mention, "Ev10", **{"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "timeout"}
    )
    await bot.event({**mention, "type": "message", "channel_type": "channel"}, "Ev11")
    await asyncio.sleep(0.3)
    assert len(bot.slack.routes("chat.postMessage")) == 1


async def test_direct_message_is_answered_in_the_dm_and_own_messages_are_ignored(bot: Bot):
    dm = {"type": "message", "channel_type": "im", "user": "U1", "channel": "D1",
          "ts": "333.444", "text": "how many hours is CIT training"}  # fmt: skip
    await bot.event(dm, "Ev20")
    (posted,) = await bot.slack.wait_for("chat.postMessage")
    assert posted.payload["channel"] == "D1" and "thread_ts" not in posted.payload
    assert "40" in texts(posted.payload["blocks"])
    own = {**dm, "ts": "333.999", "bot_id": "BBOT", "user": "UBOT", "text": "an answer"}
    await bot.event(own, "Ev21")
    await asyncio.sleep(0.3)
    assert len(bot.slack.routes("chat.postMessage")) == 1


async def test_text_is_escaped_so_nobody_can_ping_the_channel(bot: Bot):
    await bot.command("/pmhc", "<!channel> <https://evil.example|harbor> & co", token="e1")
    (reply,) = await bot.slack.wait_for("response:e1")
    shown = [
        {k: v for k, v in element.items() if k != "value"}  # button values are not shown
        for block in reply.payload["blocks"]
        for element in block.get("elements", [block])
    ]
    sent = texts(shown) + reply.payload["text"]
    assert "<!channel>" not in sent and "<https://evil.example" not in sent


async def test_share_button_posts_the_same_answer_in_channel(bot: Bot):
    await bot.command("/crisis", "drunk adult at 11pm", token="s1")
    (reply,) = await bot.slack.wait_for("response:s1")
    share = buttons(reply.payload["blocks"])[SHARE]
    assert (await bot.click(SHARE, share["value"], token="s2")).status == 200
    (shared,) = await bot.slack.wait_for("response:s2")
    assert shared.payload["response_type"] == "in_channel"
    assert cards(shared.payload["blocks"])[0] == cards(reply.payload["blocks"])[0]
    assert SHARE not in buttons(shared.payload["blocks"])


async def test_more_results_and_did_you_mean_buttons_ask_again(bot: Bot):
    await bot.command("/pmhc", "where can I take someone at 3pm", token="m1")
    (reply,) = await bot.slack.wait_for("response:m1")
    more = buttons(reply.payload["blocks"])[MORE]
    await bot.click(MORE, more["value"], token="m2")
    (expanded,) = await bot.slack.wait_for("response:m2")
    assert expanded.payload["replace_original"] is True
    assert len(cards(expanded.payload["blocks"])) > len(cards(reply.payload["blocks"]))

    await bot.command("/pmhc", "harbor visitors", token="m3")
    (unsure,) = await bot.slack.wait_for("response:m3")
    suggestion = next(b for a, b in buttons(unsure.payload["blocks"]).items()
                      if a.startswith("ask_suggestion-"))  # fmt: skip
    await bot.click(suggestion["action_id"], suggestion["value"], token="m4")
    (answered,) = await bot.slack.wait_for("response:m4")
    assert cards(answered.payload["blocks"])


async def test_feedback_is_stored_with_a_hashed_user(bot: Bot):
    await bot.command("/pmhc", "what is an EDP", token="f1")
    (reply,) = await bot.slack.wait_for("response:f1")
    down = buttons(reply.payload["blocks"])[FEEDBACK_DOWN]
    await bot.click(FEEDBACK_DOWN, down["value"], token="f2")
    (thanks,) = await bot.slack.wait_for("response:f2")
    assert "Thanks" in thanks.payload["text"]
    (vote,) = await bot.deps.store.votes_since(NOW - timedelta(days=1))
    assert (vote.vote, vote.entry_id, vote.question) == ("down", "term-edp", "what is an EDP")


async def test_every_question_is_stored_redacted_with_its_outcome(bot: Bot):
    await bot.command("/pmhc", "where can i take him, call me at 555-555-0199", token="q1")
    await bot.slack.wait_for("response:q1")
    mention = {"type": "app_mention", "user": "U1", "channel": "C1", "ts": "777.1",
               "text": "<@UBOT> weather tomorrow"}  # fmt: skip
    await bot.event(mention, "Ev40")
    await bot.slack.wait_for("chat.postMessage")
    rows = await bot.deps.store.questions_since(NOW - timedelta(days=1))
    assert [(r.surface, r.text, r.answered) for r in rows] == [
        ("command", "where can i take him, call me at [phone]", True),
        ("mention", "weather tomorrow", False),
    ]


async def test_a_name_with_a_birth_date_gets_a_private_reminder_and_is_not_kept(bot: Bot):
    mention = {"type": "app_mention", "user": "U7", "channel": "C1", "ts": "888.1",
               "text": "<@UBOT> John Smith DOB 3/14/2008 drunk, where do i take him"}  # fmt: skip
    await bot.event(mention, "Ev50")
    (reminder,) = await bot.slack.wait_for("chat.postEphemeral")
    assert reminder.payload["user"] == "U7" and "minimum necessary" in reminder.payload["text"]
    await bot.command("/crisis", "pt Rosa Diaz mrn 4482913 intoxicated", token="h1")
    (private,) = await bot.slack.wait_for("response:h1")
    assert private.payload["response_type"] == "ephemeral" and "blocks" not in private.payload
    await asyncio.sleep(0.2)
    assert bot.slack.routes("chat.postMessage") == []
    assert await bot.deps.store.questions_since(NOW - timedelta(days=1)) == []


async def test_rate_limited_web_api_calls_are_retried_after_retry_after(bot: Bot):
    bot.slack.rate_limit["chat.postMessage"] = 1
    mention = {"type": "app_mention", "user": "U1", "channel": "C9", "ts": "555.666",
               "text": "<@UBOT> what is a 5150"}  # fmt: skip
    await bot.event(mention, "Ev30")
    (limited,) = await bot.slack.wait_for("429:chat.postMessage")
    (posted,) = await bot.slack.wait_for("chat.postMessage", timeout=8)
    assert posted.at - limited.at >= 0.9  # waited for Retry-After: 1


async def test_rate_limited_response_url_is_retried_after_retry_after(bot: Bot):
    bot.slack.rate_limit["response_url"] = 1
    await bot.command("/pmhc", "what is a 5150", token="r1")
    (limited,) = await bot.slack.wait_for("429:response_url")
    (reply,) = await bot.slack.wait_for("response:r1", timeout=8)
    assert reply.at - limited.at >= 0.9 and "5150" in texts(reply.payload["blocks"])


async def test_healthz_reports_the_knowledge_version(bot: Bot):
    health = await (await bot.session.get(bot.url + "/healthz")).json()
    assert health["knowledge_version"] == bot.deps.assistant.engine.knowledge.version


async def test_nothing_sensitive_reaches_the_logs(bot: Bot, caplog):
    caplog.set_level("DEBUG")
    await bot.command("/pmhc", "guy named Tyrell Jackson, call 555-555-0177, drunk", token="l1")
    await bot.slack.wait_for("response:l1")
    mention = {"type": "app_mention", "user": "U1", "channel": "C1", "ts": "999.1",
               "text": "<@UBOT> Maria Lopez DOB 02/03/2001 on a 5150"}  # fmt: skip
    await bot.event(mention, "Ev90")
    await bot.slack.wait_for("chat.postEphemeral")
    logged = caplog.text
    for secret in ("Tyrell", "Jackson", "555-555-0177", "Maria", "02/03/2001", "xoxb-test", SECRET):
        assert secret not in logged


async def test_a_place_name_with_a_date_is_answered_not_withheld(bot: Bot):
    await bot.command("/pmhc", "Is Harbor Crisis Receiving Center open on 12/25/2026", token="d1")
    (reply,) = await bot.slack.wait_for("response:d1")
    assert "*Harbor Crisis Receiving Center*" in texts(reply.payload["blocks"])


async def test_a_question_past_its_time_budget_is_told_so_not_left_waiting(bot: Bot):
    bot.deps.service.answer_seconds = 1e-6  # no answer is that fast
    await bot.command("/pmhc", "where can i take a drunk 16yo at 2am", token="slow")
    (reply,) = await bot.slack.wait_for("response:slow")
    assert "took too long to answer" in reply.payload["text"]
    (row,) = await bot.deps.store.questions_since(NOW - timedelta(days=1))
    assert row.answered is False


async def test_a_stored_question_keeps_the_knowledge_bases_places_and_loses_names(bot: Bot):
    question = "can we take him to Bayview tonight, Nkechi at the front desk says he is calm"
    await bot.command("/pmhc", question, token="kb-words")
    await bot.slack.wait_for("response:kb-words")
    (row,) = await bot.deps.store.questions_since(NOW - timedelta(days=1))
    assert "Bayview" in row.text and "Nkechi" not in row.text and "[name]" in row.text


async def test_details_button_shows_everything_the_card_left_out(bot: Bot):
    await bot.command("/crisis", "combative drunk guy on a 5150 at 2am", token="x1")
    (reply,) = await bot.slack.wait_for("response:x1")
    details = buttons(reply.payload["blocks"])[f"{DETAILS}-1"]
    await bot.click(details["action_id"], details["value"], token="x2")
    (shown,) = await bot.slack.wait_for("response:x2")
    assert shown.payload["response_type"] == "ephemeral"
    assert shown.payload["replace_original"] is False  # the answer stays where it was
    sent = texts(shown.payload["blocks"])
    ed = bot.deps.assistant.engine.knowledge.by_id[json.loads(details["value"])["id"]]
    assert ed.address in sent and ed.services[0] in sent and "Languages" in sent


async def test_why_button_lists_every_place_left_out_with_every_reason(bot: Bot):
    await bot.command("/crisis", "combative drunk guy on a 5150 at 2am", token="y1")
    (reply,) = await bot.slack.wait_for("response:y1")
    assert "_11 more_" in texts(reply.payload["blocks"])  # two named, the rest counted
    why = buttons(reply.payload["blocks"])[WHY]
    await bot.click(WHY, why["value"], token="y2")
    (listed,) = await bot.slack.wait_for("response:y2")
    sent = texts(listed.payload["blocks"])
    assert sent.count("• *") == 13 and "Example County Behavioral Health Clinic" in sent


async def test_follow_ups_of_crisis_keep_to_places(bot: Bot):
    knowledge = bot.deps.assistant.engine.knowledge
    guidance = [e.title for e in knowledge.entries if not isinstance(e, Resource)]
    await bot.command("/crisis", "where can I take someone at 3pm", token="z1")
    (reply,) = await bot.slack.wait_for("response:z1")
    more = buttons(reply.payload["blocks"])[MORE]
    assert json.loads(more["value"])["resources_only"] is True
    await bot.click(MORE, more["value"], token="z2")
    (expanded,) = await bot.slack.wait_for("response:z2")
    shown = cards(expanded.payload["blocks"])
    assert len(shown) > len(cards(reply.payload["blocks"]))
    assert not any(escape(title) in texts(expanded.payload["blocks"]) for title in guidance)
    assert MORE not in buttons(expanded.payload["blocks"]) or json.loads(
        buttons(expanded.payload["blocks"])[MORE]["value"])["resources_only"]  # fmt: skip


async def test_the_privacy_reminder_comes_first_each_day_and_when_someone_is_named(bot: Bot):
    reminder = "do not post names, dates of birth"
    asked = []
    for token, question in (("r1", "what is an EDP"), ("r2", "what is a 5150"),
                            ("r3", "take kevin o'brien to harbor crisis")):  # fmt: skip
        await bot.command("/pmhc", question, token=token)
        (reply,) = await bot.slack.wait_for(f"response:{token}")
        asked.append(reminder in texts(reply.payload["blocks"]))
    assert asked == [True, False, True]


async def test_buttons_ask_through_the_service_and_are_recorded(bot: Bot):
    await bot.command("/crisis", "where can I take someone at 3pm", token="w1")
    (reply,) = await bot.slack.wait_for("response:w1")
    for action, token in ((SHARE, "w2"), (MORE, "w3")):
        button = buttons(reply.payload["blocks"])[action]
        await bot.click(action, button["value"], token=token)
        await bot.slack.wait_for(f"response:{token}")
    rows = await bot.deps.store.questions_since(NOW - timedelta(days=1))
    assert [(r.surface, r.text) for r in rows] == [
        ("command", "where can I take someone at 3pm"),
        ("share", "where can I take someone at 3pm"),
        ("more", "where can I take someone at 3pm"),
    ]


async def test_an_event_retried_to_another_process_is_answered_once(
    engine_for_slack: Engine, app_store: Store
):
    """Two bot processes share the database: Slack retrying a mention to the second (after
    the first was slow to acknowledge) must not get a second answer."""
    other_store = await Store.open(str(app_store.engine.url.render_as_string(False)), TEST_SALT)
    clock = lambda zone: NOW.astimezone(zone)  # noqa: E731
    first = Deps(Assistant(engine_for_slack, clock=clock), app_store)
    second = Deps(Assistant(engine_for_slack, clock=clock), other_store)
    mention = {"type": "app_mention", "user": "U1", "channel": "C1", "ts": "555.1",
               "text": "<@UBOT> what is an EDP"}  # fmt: skip
    try:
        async with running_bot(first) as one, running_bot(second) as two:
            await one.event(mention, "EvRetry")
            await one.slack.wait_for("chat.postMessage")
            await two.event(mention, "EvRetry", **{"X-Slack-Retry-Num": "1"})
            await asyncio.sleep(0.5)
            assert two.slack.routes("chat.postMessage") == []
            await two.event({**mention, "ts": "555.2"}, "EvNew")  # a new message is answered
            await two.slack.wait_for("chat.postMessage")
    finally:
        await other_store.close()
