"""The napcat-ts example bot tested from pytest with the `catnap` fixture (the world is reset before each test)."""

import pytest

from catnap import ExpectationError

# How long (seconds) an expectation waits for the bot's answer: a busy test machine may take
# seconds to run the bot, and a bot that answers sooner passes sooner (the default is 2).
ANSWER = 15


def test_ping_in_a_group(catnap):
    catnap.user(20001).say("/ping", group=30001)
    catnap.expect_message("pong", group=30001, within=ANSWER)


def test_whoami_quotes_the_asker(catnap):
    catnap.user(20002).say("/whoami", group=30001)
    catnap.expect_message(regex="^You are Bob the admin$", segments=["reply"], within=ANSWER)


def test_mutes_on_command(catnap):
    catnap.user(20001).say("/mute 20003 600", group=30002)
    catnap.expect_call("set_group_ban", {"group_id": 30002, "user_id": 20003, "duration": 600}, within=ANSWER)


def test_a_wrong_expectation_fails_with_the_nearest_message(catnap):
    catnap.user(20001).say("/echo pong?", group=30001)
    catnap.expect_message("pong?", group=30001, within=ANSWER)  # the answer to show, before failing on it
    with pytest.raises(ExpectationError, match=r"pong\?"):
        catnap.expect_message("pong!", group=30001, within=0.5)


def test_reconnects_after_its_connection_drops(catnap):
    # node-napcat-ts retries every second; the adapter refuses it for the first half second.
    assert catnap.faults.disconnect(refuse_ms=500) >= 1
    catnap.wait_for_bot(timeout=20)
    catnap.user(20001).say("/ping", group=30001)
    catnap.expect_message("pong", group=30001, within=ANSWER)
