"""Fault rules, the bot account's health and dropped connections (Catnap's docs/faults.md)."""

from __future__ import annotations

import urllib.parse
from typing import Optional


class Faults:
    """``world.faults``. Rules and health are world state: ``reset()`` and ``restore()`` bring them
    back as the snapshot had them; a refusal of connections is not, it runs out."""

    def __init__(self, world):
        self.world = world

    def _bot(self) -> int:
        if self.world.bot_id is None:
            raise ValueError("this world has no bot account")
        return self.world.bot_id

    def add(self, rule: dict) -> int:
        """Adds a fault rule (the body of ``POST /api/faults``), e.g.
        ``{"action": "send_group_msg", "effect": {"type": "fail", "preset": "risk_control"}}``; answers its id."""
        return self.world.api.post("/api/faults", rule)["id"]

    def list(self) -> list:
        """Every rule with ``remaining`` and ``fired``."""
        return self.world.api.get("/api/faults")

    def clear(self) -> None:
        """Removes every fault rule and brings the bot back online."""
        self.world.api.call("DELETE", "/api/faults")
        self.health("online")

    def health(self, state: str, message: Optional[str] = None) -> dict:
        """Sets the bot account's health: ``online``, ``offline``, ``kicked`` or ``zombie``."""
        body = {"state": state}
        if message is not None:
            body["message"] = message
        return self.world.api.post("/api/bots/%d/health" % self._bot(), body)

    def disconnect(self, adapter: Optional[str] = None, refuse_ms: Optional[int] = None, stall: Optional[bool] = None) -> int:
        """Drops the bot's connections on ``adapter`` (default: every adapter with a client) and
        answers how many were dropped; ``refuse_ms`` refuses reconnects that long, ``stall`` stalls them instead."""
        body = {key: value for key, value in (("refuse_ms", refuse_ms), ("stall", stall)) if value is not None}
        if adapter is None:
            adapters = self.world.api.get("/api/bots/%d/adapters" % self._bot())
            names = [status["name"] for status in adapters if status.get("clients", 0) > 0]
        else:
            names = [adapter]
        dropped = 0
        for name in names:
            path = "/api/bots/%d/adapters/%s/disconnect" % (self._bot(), urllib.parse.quote(name, safe=""))
            dropped += self.world.api.post(path, body)["dropped"]
        return dropped
