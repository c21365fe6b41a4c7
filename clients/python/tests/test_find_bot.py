"""Which account an attached world takes for the bot under test."""

from catnap.world import _find_bot


class FakeApi:
    """Answers GET /api/bots and each account's /onebot, and records what was asked."""

    def __init__(self, bots):
        self.bots = bots
        self.asked = []

    def get(self, path):
        self.asked.append(path)
        if path == "/api/bots":
            return self.bots
        return {"config": {"network": {"httpServers": [{"enable": True, "token": "t"}]}}}


def test_an_account_a_restore_removed_is_not_the_bot_though_its_adapters_are_listed():
    adapter = {"kind": "httpServers", "state": "listening", "endpoint": "http://127.0.0.1:1"}
    api = FakeApi(
        [
            {"user_id": 10001, "has_config": False, "removed": False, "adapters": []},
            {"user_id": 20009, "has_config": True, "removed": True, "adapters": [adapter]},
        ]
    )
    assert _find_bot(api) is None
    assert api.asked == ["/api/bots"]
    api.bots.append({"user_id": 10002, "has_config": True, "removed": False, "adapters": [adapter]})
    assert _find_bot(api).self_id == 10002
