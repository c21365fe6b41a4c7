"""Expectations send the waits the TypeScript client sends for the same arguments."""

import re

from catnap import world as world_module


class _Recording:
    """An admin API that records each wait's body and answers it matched."""

    def __init__(self):
        self.waits = []

    def post(self, path, body=None):
        return {"mark": "1"}

    def call(self, method, path, body=None, accept=(), timeout=600.0):
        self.waits.append(body)
        return 200, {"matched": [{"kind": "message", "text": "pong 42"}], "next": "2"}


def _world():
    world = world_module.World.__new__(world_module.World)
    world.api, world.bot, world._since, world._bots = _Recording(), world_module.Bot(10001), None, []
    return world


def test_a_compiled_regex_is_sent_as_its_pattern_as_a_regexp_is_in_typescript():
    world = _world()
    world.expect_message(regex=re.compile(r"pong \d+", re.IGNORECASE), group=30001)
    world.expect_none(regex=re.compile("ping"))
    assert [wait["match"].get("regex") for wait in world.api.waits] == [r"pong \d+", "ping"]


class _RanOut:
    """An admin API whose waits run out (HTTP 408), recording the request limit each was given."""

    def __init__(self):
        self.limits = []

    def call(self, method, path, body=None, accept=(), timeout=600.0):
        self.limits.append((body["timeout_ms"], timeout))
        return 408, {"closest": []}


def test_a_wait_may_take_longer_than_its_within_so_a_600_s_expectation_fails_with_its_report():
    # Catnap answers a wait that ran out once the whole timeout passed: a request limit equal to
    # it (the 600 s default, the longest within) cut that answer off with "did not answer".
    world = _world()
    world.api = _RanOut()
    try:
        world.expect_message("pong", within=600)
        raise AssertionError("the expectation passed")
    except world_module.ExpectationError as failure:
        assert str(failure).startswith('expected a message from 10001 containing "pong" within 600000 ms')
    (timeout_ms, limit), = world.api.limits
    assert limit > 600 and limit >= timeout_ms / 1000 + 10
