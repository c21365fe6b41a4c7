"""The Python example bot tested from pytest: the sync `catnap` fixture and the asyncio one."""

import asyncio

import pytest

from catnap import ExpectationError

# How long (seconds) an expectation waits for the bot's answer: a busy test machine may take
# seconds to run the bot, and a bot that answers sooner passes sooner (the default is 2).
ANSWER = 15


def test_ping_in_a_group(catnap):
    catnap.user(20001).say("/ping", group=30001)
    catnap.expect_message("pong", group=30001, within=ANSWER)


def test_echo_in_private(catnap):
    catnap.user(20002).say("/echo hello")
    catnap.expect_message("hello", user=20002, within=ANSWER)


def test_stays_silent_on_small_talk(catnap):
    # Silence alone proves only its own length; the pong to a later /ping shows the small talk
    # was read, and nothing since the mark but that pong shows it went unanswered.
    small_talk = catnap.mark()
    catnap.user(20001).say("nice weather", group=30001)
    catnap.user(20001).say("/ping", group=30001)
    catnap.expect_message("pong", group=30001, within=ANSWER)
    catnap.expect_none(regex="^(?!pong$)", since=small_talk, within=0)


def test_welcomes_new_members(catnap):
    catnap.group(30002).join(20004)
    catnap.expect_message("Welcome", group=30002, segments=["at", "text"], within=ANSWER)


def test_accepts_friend_requests(catnap):
    catnap.user(20004).request_friend(comment="hi bot")
    catnap.expect_call("set_friend_add_request", {"approve": True}, within=ANSWER)


def test_check_in_once_a_day(catnap):
    catnap.user(20004).say("/checkin", group=30001)
    catnap.expect_message("Checked in!", within=ANSWER)
    catnap.user(20004).say("/checkin", group=30001)
    catnap.expect_message("already checked in", within=ANSWER)
    catnap.clock.advance("1d")
    catnap.user(20004).say("/checkin", group=30001)
    catnap.expect_message("Checked in!", within=ANSWER)


def test_a_wrong_expectation_says_what_came_instead(catnap):
    catnap.user(20001).say("/ping", group=30001)
    catnap.expect_message("pong", group=30001, within=ANSWER)  # the answer to show, before failing on it
    with pytest.raises(ExpectationError) as failure:
        catnap.expect_message("pang", group=30001, within=0.5)
    assert '"pong"' in str(failure.value)


def test_asyncio(catnap_async):
    async def scenario():
        await catnap_async.user(20003).say("/ping", group=30001)
        await catnap_async.expect_message("pong", group=30001, within=ANSWER)

    asyncio.run(scenario())


def test_a_risk_controlled_send_is_lost_and_the_next_one_goes_out(catnap):
    catnap.faults.add({"self_id": catnap.bot_id, "action": "send_*", "times": 1, "effect": {"type": "fail", "preset": "risk_control"}})
    catnap.user(20001).say("/ping", group=30001)
    catnap.expect_call("send_group_msg", within=ANSWER)  # the bot tried: its send failed
    catnap.expect_none(within=0.5)
    assert [rule["fired"] for rule in catnap.faults.list()] == [1]
    catnap.faults.clear()
    assert catnap.faults.list() == []
    catnap.user(20001).say("/ping", group=30001)
    catnap.expect_message("pong", group=30001, within=ANSWER)


def test_an_offline_bot_cannot_answer_until_it_is_back(catnap):
    assert catnap.faults.health("offline")["state"] == "offline"
    catnap.user(20001).say("/ping", group=30001)
    catnap.expect_none(within=0.5)
    catnap.faults.health("online")
    catnap.user(20001).say("/ping", group=30001)
    catnap.expect_message("pong", group=30001, within=ANSWER)
