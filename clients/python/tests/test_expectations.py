"""Expectations send the waits the TypeScript client sends for the same arguments."""

import re

from catnap import world as world_module


class _Recording:
    """An admin API that records each wait's body and answers it matched."""

    def __init__(self):
        self.waits = []

    def post(self, path, body=None):
        return {"mark": "1"}

    def call(self, method, path, body=None, accept=()):
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
