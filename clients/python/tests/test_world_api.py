"""World calls mirrored from the TypeScript client: the clock's change, the bot's connections, the snapshot listing."""

import pytest

from catnap.world import Bot, World


class FakeApi:
    """Records every call and answers what the test set for its path."""

    def __init__(self, answers=None):
        self.answers = answers or {}
        self.calls = []

    def get(self, path):
        self.calls.append(("GET", path, None))
        return self.answers[path]

    def post(self, path, body=None):
        self.calls.append(("POST", path, body))
        return self.answers.get(path, {"mark": len(self.calls)})


def world_with(answers=None) -> World:
    world = World("http://127.0.0.1:1", "t", Bot(10001))
    world.api = FakeApi(answers)
    return world


@pytest.mark.parametrize(
    "change, body, marks",
    [
        ({"advance": "10m", "freeze": True}, {"advance": "10m", "freeze": True}, True),
        ({"set": 1700000000}, {"set": 1700000000}, True),
        ({"freeze": False}, {"freeze": False}, False),
    ],
)
def test_clock_change_sends_the_change_at_once_and_marks_only_when_it_moves_the_time(change, body, marks):
    world = world_with({"/api/clock": {"now_ms": 1}})
    assert world.clock.change(**change) == {"now_ms": 1}
    clock_calls = [call for call in world.api.calls if call[1] == "/api/clock"]
    assert clock_calls == [("POST", "/api/clock", body)]
    assert (("POST", "/api/world/marks", None) in world.api.calls) is marks
    if marks:
        assert world.api.calls.index(("POST", "/api/world/marks", None)) < world.api.calls.index(clock_calls[0])


DROPPED = {"remote": "127.0.0.1:50001", "role": "universal", "since": 1000}
BACK = {"remote": "127.0.0.1:50002", "role": "universal", "since": 1500}


def test_bot_connections_tell_a_reconnect_from_the_dropped_connection_still_closing():
    adapters = "/api/bots/10001/adapters"
    world = world_with({adapters: [{"clients": 1, "state": "listening", "connections": [DROPPED]}]})
    before = world.bot_connections()
    assert before == {"127.0.0.1:50001 universal 1000"}
    assert world.bot_connected()
    assert not world.bot_connected(excluding=before)
    world.api.answers[adapters] = [{"clients": 2, "state": "listening", "connections": [DROPPED, BACK]}]
    assert world.bot_connected(excluding=before)
    # A reverse WebSocket reconnects from the same address: its start tells it apart.
    world.api.answers[adapters] = [{"clients": 1, "state": "connected", "connections": [dict(DROPPED, since=2000)]}]
    assert world.bot_connected(excluding=before)
    world.api.answers[adapters] = [{"clients": 1, "state": "listening", "connections": [DROPPED]}]
    with pytest.raises(Exception, match="did not connect"):
        world.wait_for_bot(timeout=0.2, excluding=before)


def test_snapshots_lists_the_damaged_ones_beside_the_good_ones():
    good = {"name": "start", "world_time": 1, "taken_at": 2, "size_bytes": 3, "clock": {"now_ms": 1000, "frozen": False}, "seed": 4}
    damaged = {"name": "cut", "problem": "cut.db cannot be read: file is not a database"}
    world = world_with({"/api/world/snapshots": {"snapshots": [good], "damaged": [damaged]}})
    assert world.snapshots() == {"snapshots": [good], "damaged": [damaged]}
