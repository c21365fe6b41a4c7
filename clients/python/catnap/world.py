"""A Catnap world under test: people's verbs, expectations on the bot, the clock, snapshots."""

from __future__ import annotations

import base64
import os
import subprocess
import time
import urllib.parse
from typing import Any, Dict, Iterable, List, Optional, Set, Union

from ._bot_process import BotProcess, describe_exit, describe_returncode
from ._describe import _str, describe_match, entry_segments, report, silence_report, within_ms
from ._http import WAIT_MARGIN, AdminApi, CatnapError
from .faults import Faults

Message = Union[str, List[dict]]

#: How long an expectation waits by default, in seconds (expect_none: how long the silence must last).
DEFAULT_WITHIN = 2.0
DEFAULT_SILENCE = 0.5


class ExpectationError(AssertionError):
    """An expectation failed; the message says what was expected and what came closest."""

    def __init__(self, message: str, closest: Optional[List[dict]] = None):
        super().__init__(message)
        self.closest = closest or []


class Bot:
    """Where the bot under test connects."""

    def __init__(self, self_id: int, ws_url: str = "", http_url: str = "", token: str = ""):
        self.self_id = self_id
        self.ws_url = ws_url
        self.http_url = http_url
        self.token = token

    def env(self) -> Dict[str, str]:
        """``CATNAP_WS_URL``, ``CATNAP_HTTP_URL``, ``CATNAP_TOKEN``, ``CATNAP_SELF_ID``."""
        return {
            "CATNAP_WS_URL": self.ws_url,
            "CATNAP_HTTP_URL": self.http_url,
            "CATNAP_TOKEN": self.token,
            "CATNAP_SELF_ID": str(self.self_id),
        }

    def __repr__(self) -> str:
        return "Bot(%d, ws=%s, http=%s)" % (self.self_id, self.ws_url, self.http_url)


def _as_message(message: Message) -> List[dict]:
    return [{"type": "text", "data": {"text": message}}] if isinstance(message, str) else list(message)


class User:
    """A person of the world; each verb is a OneBot action as that account, with QQ's rules."""

    def __init__(self, world: "World", user_id: int):
        self.world = world
        self.id = user_id

    def say(self, message: Message, group: Optional[int] = None, to: Optional[int] = None) -> int:
        """Says ``message`` in ``group``, to ``to``, or by default privately to the bot; returns the message_id."""
        self.world.mark()
        if group is not None:
            data = self.world.api.act_ok(self.id, "send_group_msg", {"group_id": group, "message": _as_message(message)})
        else:
            target = to if to is not None else self.world.bot_id
            data = self.world.api.act_ok(self.id, "send_private_msg", {"user_id": target, "message": _as_message(message)})
        return data["message_id"]

    def poke(self, target: Optional[int] = None, group: Optional[int] = None) -> None:
        self.world.mark()
        params: Dict[str, Any] = {"user_id": target if target is not None else self.world.bot_id}
        if group is not None:
            params["group_id"] = group
        self.world.api.act_ok(self.id, "send_poke", params)

    def leave(self, group: int) -> None:
        self.world.mark()
        self.world.api.act_ok(self.id, "set_group_leave", {"group_id": group})

    def kick(self, group: int, user: int) -> None:
        self.world.mark()
        self.world.api.act_ok(self.id, "set_group_kick", {"group_id": group, "user_id": user})

    def mute(self, group: int, user: int, seconds: int) -> None:
        self.world.mark()
        self.world.api.act_ok(self.id, "set_group_ban", {"group_id": group, "user_id": user, "duration": seconds})

    def upload(self, group: int, name: str, content: Union[str, bytes]) -> str:
        """Uploads a file to a group's files; answers its file_id."""
        self.world.mark()
        raw = content.encode("utf-8") if isinstance(content, str) else content
        source = "base64://" + base64.b64encode(raw).decode("ascii")
        return self.world.api.act_ok(self.id, "upload_group_file", {"group_id": group, "file": source, "name": name})["file_id"]

    def request_friend(self, target: Optional[int] = None, comment: str = "") -> dict:
        self.world.mark()
        target_id = target if target is not None else self.world.bot_id
        return self.world.api.post("/api/world/requests/friend", {"user_id": self.id, "target_id": target_id, "comment": comment})

    def request_join(self, group: int, comment: str = "") -> dict:
        self.world.mark()
        return self.world.api.post("/api/world/requests/group", {"user_id": self.id, "group_id": group, "comment": comment})

    def act(self, action: str, params: Optional[dict] = None) -> dict:
        """Any OneBot action as this account; answers the whole envelope."""
        self.world.mark()
        return self.world.api.act(self.id, action, params)


class Group:
    """A group, changed by the world itself (no QQ permission rules, as a world file)."""

    def __init__(self, world: "World", group_id: int):
        self.world = world
        self.id = group_id

    def join(self, user: int) -> None:
        self.world.mark()
        self.world.api.post("/api/world/groups/%d/members" % self.id, {"user_id": user})

    def remove(self, user: int) -> None:
        self.world.mark()
        self.world.api.call("DELETE", "/api/world/groups/%d/members/%d" % (self.id, user))

    def mute(self, user: int, seconds: int) -> None:
        self.world.mark()
        self.world.api.call("PATCH", "/api/world/groups/%d/members/%d" % (self.id, user), {"mute_seconds": seconds})


class Clock:
    def __init__(self, world: "World"):
        self.world = world

    def now(self) -> dict:
        return self.world.api.get("/api/clock")

    def advance(self, by: Union[int, str]) -> dict:
        """Moves the clock on: ms, or "90s", "10m", "1d"."""
        self.world.mark()
        return self.world.api.post("/api/clock", {"advance": by})

    def set(self, to: Union[int, str]) -> dict:
        """Sets the time (unix seconds or ISO 8601): a jump like advance, so it marks too."""
        self.world.mark()
        return self.world.api.post("/api/clock", {"set": to})

    def freeze(self, frozen: bool = True) -> dict:
        """Stops (or restarts) the clock; not a verb, so the mark stays where it was."""
        return self.world.api.post("/api/clock", {"freeze": frozen})

    def change(self, advance: Union[int, str, None] = None, set: Union[int, str, None] = None, freeze: Optional[bool] = None) -> dict:
        """Any clock change at once (the body of ``POST /api/clock``); one that moves the time
        (``advance``, ``set``) marks the transcript, as the TypeScript client's ``clock.change``."""
        change = {key: value for key, value in (("set", set), ("advance", advance), ("freeze", freeze)) if value is not None}
        if "advance" in change or "set" in change:
            self.world.mark()
        return self.world.api.post("/api/clock", change)


class World:
    """Drives a Catnap through its admin API (``url`` and the web UI ``token``)."""

    def __init__(self, url: str, token: str, bot: Optional[Bot] = None):
        self.api = AdminApi(url, token)
        self.bot = bot if bot is not None else _find_bot(self.api)
        self.clock = Clock(self)
        self.faults = Faults(self)
        self._since: Any = None
        self._bots: List[BotProcess] = []

    @property
    def bot_id(self) -> Optional[int]:
        return self.bot.self_id if self.bot else None

    def user(self, user_id: int) -> User:
        return User(self, user_id)

    def group(self, group_id: int) -> Group:
        return Group(self, group_id)

    def mark(self):
        """Marks the transcript here; expectations count from the latest mark (every verb makes one)."""
        self._since = self.api.post("/api/world/marks")["mark"]
        return self._since

    # Expectations --------------------------------------------------------------------------

    def _wait(self, match: dict, within: float, since: Any, **extra) -> dict:
        body = dict(match=match, timeout_ms=int(within_ms(within)), **extra)
        since = self._since if since is None else since
        if since is not None:
            body["since"] = since
        # 200: matched (or, with none, nothing did); 408: time ran out; 409: a `none` wait saw a match.
        status, answer = self.api.call("POST", "/api/world/wait", body, accept=(408, 409), timeout=within + WAIT_MARGIN)
        entries = _entries(answer)
        closest = answer.get("closest", []) if isinstance(answer, dict) else []
        ok = status < 300
        return {"matched": ok, "entries": entries, "closest": closest if closest or ok else entries}

    def message_match(self, text=None, regex=None, group=None, user=None, sender=None) -> dict:
        match: Dict[str, Any] = {"kind": "message"}
        sender = self.bot_id if sender is None else sender
        # A compiled pattern is sent as its source (its flags are not), as a RegExp in TypeScript.
        regex = getattr(regex, "pattern", regex)
        for key, value in (("from", sender), ("group_id", group), ("user_id", user), ("text", text), ("regex", regex)):
            if value is not None:
                match[key] = value
        return match

    def expect_message(
        self,
        text: Optional[str] = None,
        regex: Optional[str] = None,
        group: Optional[int] = None,
        user: Optional[int] = None,
        sender: Optional[int] = None,
        segments: Optional[Iterable[str]] = None,
        within: float = DEFAULT_WITHIN,
        since: Any = None,
    ) -> dict:
        """Waits for the bot's message (since just before the last verb); raises with the nearest one."""
        match = self.message_match(text, regex, group, user, sender)
        wanted_types = list(segments or [])
        deadline = time.monotonic() + within
        rejected: List[dict] = []
        count = 1
        while True:
            outcome = self._wait(match, max(0.0, deadline - time.monotonic()), since, count=count)
            if not outcome["matched"]:
                closest = rejected + outcome["closest"]
                raise self._failed(report(describe_match(match, wanted_types), within_ms(within), closest, text), closest)
            entry = outcome["entries"][min(count, len(outcome["entries"])) - 1]
            present = {s.get("type") for s in entry_segments(entry)}
            if all(t in present for t in wanted_types):
                return entry
            rejected.append(entry)
            count += 1

    def expect_call(
        self, action: str, params: Optional[dict] = None, self_id: Optional[int] = None, within: float = DEFAULT_WITHIN, since: Any = None
    ) -> dict:
        """Waits for the bot to call ``action`` with at least ``params``."""
        match: Dict[str, Any] = {"kind": "call", "action": action}
        caller = self.bot_id if self_id is None else self_id
        if caller is not None:
            match["self_id"] = caller
        if params:
            match["params"] = params
        outcome = self._wait(match, within, since)
        if not outcome["matched"]:
            raise self._failed(report(describe_match(match), within_ms(within), outcome["closest"]), outcome["closest"])
        return outcome["entries"][0]

    def expect_none(
        self,
        text: Union[str, dict, None] = None,
        regex=None,
        group=None,
        user=None,
        sender=None,
        within: float = DEFAULT_SILENCE,
        since: Any = None,
    ) -> None:
        """Passes when the bot sends no matching message for ``within`` seconds.

        ``text`` may instead be a whole wait match with its ``kind``, as the TypeScript client's
        ``expectNone`` takes: ``expect_none({"kind": "notice", "notice_type": "notify", "group_id": 30001})``.
        """
        match = dict(text) if isinstance(text, dict) else self.message_match(text, regex, group, user, sender)
        outcome = self._wait(match, within, since, none=True)
        if not outcome["matched"]:
            offending = outcome["entries"] or outcome["closest"]
            raise self._failed(silence_report(describe_match(match), within_ms(within), offending), offending)

    def _failed(self, words: str, closest: List[dict]) -> ExpectationError:
        """An expectation's failure, told with what the bots this world started printed since the test began."""
        return ExpectationError(words + self._bots_story(), closest)

    def _bots_story(self) -> str:
        """Whether each bot this world started is still running, and the end of its output since the last reset."""
        story = ""
        for bot in self._bots:
            code = bot.exit_code()
            if code is not None:
                story += "\nthe bot %s" % describe_exit(code, bot.exit_signal())
            if bot.kept:
                name = "bot output" if len(self._bots) == 1 else "output of %s" % _str(bot.process.args)
                story += "\n%s:\n%s" % (name, bot.tail(bot.since))
        return story

    # Snapshots, transcript ------------------------------------------------------------------

    def snapshot(self, name: str):
        return self.api.post("/api/world/snapshots", {"name": name})

    def snapshots(self) -> dict:
        """The saved snapshots, oldest first, under ``snapshots``; under ``damaged``, each
        (``name``, ``problem``) whose sidecar cannot be read: a restore of one fails, delete it or save again."""
        answer = self.api.get("/api/world/snapshots")
        return {"snapshots": answer.get("snapshots", []), "damaged": answer.get("damaged", [])}

    def restore(self, name: str) -> None:
        self.api.post("/api/world/snapshots/%s/restore" % urllib.parse.quote(name, safe=""))
        self._test_starts()

    def reset(self) -> None:
        """Back to the state right after start (the ``start`` snapshot)."""
        self.api.post("/api/world/reset")
        self._test_starts()

    def _test_starts(self) -> None:
        # A reset or restore begins a test (the pytest fixture resets before each): a failure shows
        # the bot output from here, not the whole session's.
        for bot in self._bots:
            bot.since = bot.position()
        self.mark()

    def transcript(self, since: Any = None, text: bool = False):
        """Entries since ``since`` (a mark; default: all), or with ``text=True`` the stable text form."""
        query = {k: v for k, v in (("since", since), ("format", "text" if text else None)) if v is not None}
        answer = self.api.get("/api/world/transcript" + ("?" + urllib.parse.urlencode(query) if query else ""))
        return answer if text else _entries(answer)

    # The bot ----------------------------------------------------------------------------------

    def bot_connections(self) -> Set[str]:
        """The bot account's client connections now, for ``wait_for_bot(excluding=...)`` to tell a
        reconnect from them: each a key a new connection never shares (its address, role and start),
        as the TypeScript client's ``botConnections``."""
        adapters = self._bot_adapters()
        return {_connection_key(c) for a in adapters for c in a.get("connections") or []}

    def bot_connected(self, excluding: Optional[Set[str]] = None) -> bool:
        """Whether the bot account has a connected client on any adapter; with ``excluding`` (from
        ``bot_connections``), one of a connection not among those (a reconnect, not the dropped
        connection still closing)."""
        adapters = self._bot_adapters()
        if excluding is not None:
            return any(_connection_key(c) not in excluding for a in adapters for c in a.get("connections") or [])
        return any(a.get("clients", 0) > 0 or a.get("state") == "connected" for a in adapters)

    def _bot_adapters(self) -> List[dict]:
        if self.bot is None:
            raise CatnapError("this world has no bot account")
        return self.api.get("/api/bots/%d/adapters" % self.bot_id)

    def wait_for_bot(self, timeout: float = 20.0, process: Optional[subprocess.Popen] = None, excluding: Optional[Set[str]] = None) -> None:
        """Waits until a bot is connected to the bot account; with ``excluding`` (from
        ``bot_connections``), through a connection made since."""
        deadline = time.monotonic() + timeout
        while not self.bot_connected(excluding):
            if process is not None and process.poll() is not None:
                raise CatnapError("the bot %s before it connected" % describe_returncode(process.returncode))
            if time.monotonic() > deadline:
                raise CatnapError("the bot did not connect to account %s within %s ms" % (self.bot_id, _str(within_ms(timeout))))
            time.sleep(0.05)

    def start_bot(self, command: Union[str, List[str]], cwd: Optional[str] = None, timeout: float = 20.0, **popen) -> subprocess.Popen:
        """Starts the bot under test with the bot variables and waits until it connects. Stopped by ``close()``.

        What it prints (stdout and stderr) is kept, unless ``stdout=`` sends it elsewhere: a bot that
        does not connect, and every failed expectation, shows the end of it (``bot_output()`` has it all).
        """
        if self.bot is None:
            raise CatnapError("this world has no bot account")
        env = dict(os.environ, **popen.pop("env", {}), **self.bot.env())
        # Its own process group, so close() stops whatever the command started (the bot under a
        # shell, `npm run`, `nb run`, a venv launcher), not only the shell.
        if os.name == "posix":
            popen.setdefault("start_new_session", True)
        if "stdout" not in popen:
            popen.update(stdout=subprocess.PIPE, stderr=popen.get("stderr", subprocess.STDOUT))
        bot = BotProcess(subprocess.Popen(command, shell=isinstance(command, str), cwd=cwd, env=env, **popen))
        self._bots.append(bot)
        try:
            self.wait_for_bot(timeout, bot.process)
        except CatnapError as error:
            # As the TypeScript client: a bot that did not connect is stopped, and says why in its output.
            bot.stop()
            self._bots.remove(bot)
            if not bot.kept:
                raise
            raise CatnapError("%s; its output:\n%s" % (error, bot.tail())) from None
        return bot.process

    def bot_output(self) -> str:
        """What the bots this world started printed (the latest million characters of each)."""
        return "".join(bot.output() for bot in self._bots)

    def close(self) -> None:
        """Stops the bots this world started (with everything their commands started)."""
        for bot in self._bots:
            bot.stop()
        self._bots.clear()


def _entries(answer) -> List[dict]:
    if isinstance(answer, list):
        return answer
    if isinstance(answer, dict):
        for key in ("entries", "matches", "matched", "entry"):
            value = answer.get(key)
            if isinstance(value, list):
                return value
            if isinstance(value, dict):
                return [value]
    return []


def _connection_key(connection: dict) -> str:
    # The same key as the TypeScript client's, so the two tell connections apart alike.
    return "%s %s %s" % (connection.get("remote"), connection.get("role"), connection.get("since"))


def _find_bot(api: AdminApi) -> Optional[Bot]:
    """The first account with a OneBot config, and the addresses of its adapters."""
    for account in api.get("/api/bots"):
        # An account a restore removed is listed while its adapters run, but it is nobody to test.
        if not account.get("has_config") or account.get("removed"):
            continue
        config = api.get("/api/bots/%d/onebot" % account["user_id"])
        network = (config.get("config") or {}).get("network") or {}
        servers = [e for e in network.get("websocketServers", []) + network.get("httpServers", []) if e.get("enable", True)]
        adapters = account.get("adapters", [])
        first = lambda kind: next((a["endpoint"] for a in adapters if a["kind"] == kind and a["state"] != "error"), "")
        return Bot(account["user_id"], first("websocketServers"), first("httpServers"), servers[0].get("token", "") if servers else "")
    return None
