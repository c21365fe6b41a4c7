"""Starting a Catnap for tests: ``catnap test --serve`` on free ports with a fresh data folder."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import List, Optional, Union

from ._http import CatnapError
from ._stop_on_signal import stop_on_signal, stopped
from .world import Bot, World


def catnap_command() -> List[str]:
    """How to run Catnap: ``CATNAP_COMMAND``, else a checkout's ``bin/catnap.js``, else ``catnap`` on the PATH, else ``npx catnap``."""
    if os.environ.get("CATNAP_COMMAND"):
        return shlex.split(os.environ["CATNAP_COMMAND"])
    here = Path(__file__).resolve()
    for folder in [Path.cwd(), *Path.cwd().parents, *here.parents]:
        for script in (folder / "bin" / "catnap.js", folder / "node_modules" / "catnap" / "bin" / "catnap.js"):
            if script.is_file() and (script.parent.parent / "package.json").is_file():
                return ["node", str(script)]
    if shutil.which("catnap"):
        return ["catnap"]
    return ["npx", "--yes", "catnap"]


class CatnapServer:
    """A Catnap process started for tests; ``world()`` drives it, ``stop()`` ends it."""

    def __init__(
        self,
        world: Union[str, dict, None] = None,
        bot: Optional[int] = None,
        timeout: float = 60.0,
        seed: Optional[int] = None,
        clock: Union[str, int, None] = None,
    ):
        args = ["test", "--serve"]
        if seed is not None:
            args += ["--seed", str(seed)]
        if clock is not None:
            args += ["--clock", str(clock)]
        self._temp = None
        if isinstance(world, dict):
            self._temp = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
            json.dump(world, self._temp)
            self._temp.close()
            world = self._temp.name
        if world is not None:
            args += ["--world", str(world)]
        if bot is not None:
            args += ["--bot-account", str(bot)]
        env = dict(os.environ, CATNAP_LOG_LEVEL=os.environ.get("CATNAP_LOG_LEVEL", "warn"))
        self.process = subprocess.Popen(
            catnap_command() + args,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=env,
            text=True,
        )
        # A runner killed by SIGTERM or SIGINT stops it first, and so removes the world file too.
        stop_on_signal(self)
        self.output: List[str] = []
        try:
            ready = self._read_ready(timeout)
        except BaseException:
            # Nobody gets this server to stop: a Catnap that failed (or was interrupted) takes its
            # process and the world file written for it along, rather than leaving them behind.
            self._abandon()
            raise
        self.url = ready["url"]
        self.token = ready["token"]
        b = ready.get("bot") or {}
        self.bot = Bot(b["self_id"], b.get("ws_url", ""), b.get("http_url", ""), b.get("token", "")) if b else None
        # Keep draining its output so a chatty Catnap never blocks on a full pipe.
        threading.Thread(target=self._drain, daemon=True).start()

    def _read_ready(self, timeout: float) -> dict:
        timer = threading.Timer(timeout, self.process.kill)
        timer.start()
        try:
            for line in self.process.stdout:
                self.output.append(line)
                if line.startswith("{") and '"url"' in line:
                    return json.loads(line)
        finally:
            timer.cancel()
        raise CatnapError("catnap did not start:\n" + "".join(self.output))

    def _drain(self) -> None:
        for line in self.process.stdout:
            self.output.append(line)
            del self.output[:-1000]

    def _abandon(self) -> None:
        stopped(self)
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            try:
                stream.close()
            except OSError:
                pass
        self._remove_world_file()

    def _remove_world_file(self) -> None:
        if self._temp is not None:
            os.unlink(self._temp.name)
            self._temp = None

    def world(self) -> World:
        return World(self.url, self.token, self.bot)

    def stop(self) -> None:
        stopped(self)
        if self.process.poll() is None:
            # Closing its stdin is how `catnap test --serve` is told to stop (works on every OS).
            try:
                self.process.stdin.close()
            except OSError:
                pass
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._remove_world_file()

    def __enter__(self) -> "CatnapServer":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def start(
    world: Union[str, dict, None] = None, bot: Optional[int] = None, seed: Optional[int] = None, clock: Union[str, int, None] = None
) -> CatnapServer:
    """Starts a Catnap on free ports with a fresh data folder and ``world`` (a file path or a dict).

    ``seed`` makes every value the world makes up reproducible; ``clock="frozen"`` (or an ISO 8601
    time, or unix seconds) starts the world's clock frozen there.
    """
    return CatnapServer(world, bot, seed=seed, clock=clock)


def attach(url: Optional[str] = None, token: Optional[str] = None) -> World:
    """Drives a running Catnap: ``url`` and ``token`` (default ``CATNAP_URL`` and ``CATNAP_TOKEN``)."""
    url = url or os.environ.get("CATNAP_URL")
    token = token or os.environ.get("CATNAP_TOKEN")
    if not url or not token:
        raise CatnapError("attach needs the admin URL and web UI token (or CATNAP_URL and CATNAP_TOKEN)")
    return World(url, token)
