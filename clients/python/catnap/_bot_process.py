"""The bot under test as a child process whose output is kept, to show beside a failure."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from typing import Optional

from ._stop_on_signal import stop_on_signal, stopped

#: Largest amount of bot output kept (the end of it), as the TypeScript client keeps.
KEEP_CHARS = 1_000_000
#: How many of the last lines a failure shows.
SHOWN_LINES = 100


class BotProcess:
    """A started bot: its ``process`` (a ``subprocess.Popen``) and what it printed (stdout and stderr, interleaved)."""

    def __init__(self, process: subprocess.Popen):
        self.process = process
        #: Where the output of the test under way begins (a ``position()``; a reset moves it).
        self.since = 0
        self._text = ""
        self._dropped = 0
        self._lock = threading.Lock()
        # Asked now, while the process cannot have been reaped: its pid is still its own.
        self._leads_group = _leads_group(process)
        self._reader: Optional[threading.Thread] = None
        if process.stdout is not None:
            self._reader = threading.Thread(target=self._read, daemon=True)
            self._reader.start()
        # Its own process group: a signal that kills the runner would not reach it.
        stop_on_signal(self)

    def _read(self) -> None:
        # os.read on the descriptor works whether the caller asked for text or bytes, and returns
        # what is there at once, so a line the bot printed just before it crashed is not held back.
        fd = self.process.stdout.fileno()
        while True:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            with self._lock:
                self._text += chunk.decode("utf-8", "replace")
                if len(self._text) > KEEP_CHARS:
                    self._dropped += len(self._text) - KEEP_CHARS
                    self._text = self._text[-KEEP_CHARS:]

    @property
    def kept(self) -> bool:
        """Whether its output is kept (not when the caller sent it elsewhere with ``stdout=``)."""
        return self._reader is not None

    def exit_code(self) -> Optional[int]:
        """Its exit code once it exited, else None; a signal that killed it counts as 128 + its number,
        as a shell reports it and the TypeScript client does (SIGKILL: 137; subprocess has -9)."""
        code = self.process.poll()
        return None if code is None else _shell_code(code)

    def exit_signal(self) -> Optional[str]:
        """The name of the signal that killed it (``SIGKILL``, ``SIGTERM``, ...), or None."""
        code = self.process.poll()
        return None if code is None else _signal_name(code)

    def position(self) -> int:
        """Where its output stands now, to show only what came after."""
        with self._lock:
            return self._dropped + len(self._text)

    def output(self, since: int = 0) -> str:
        """Everything it printed (the latest ``KEEP_CHARS``), or since a ``position()``."""
        self.settle()
        with self._lock:
            return self._text[max(0, since - self._dropped) :]

    def settle(self) -> None:
        """Once it exited, waits briefly for the reader to take the last of its output."""
        if self._reader is not None and self.process.poll() is not None:
            self._reader.join(1.0)

    def tail(self, since: int = 0) -> str:
        """The last ``SHOWN_LINES`` lines it printed since ``since``, indented, for a failure's message."""
        lines = self.output(since).rstrip("\n").splitlines()
        if not lines:
            return "  (nothing)"
        shown = ["  " + line for line in lines[-SHOWN_LINES:]]
        if len(lines) > SHOWN_LINES:
            shown.insert(0, "  ... (%d lines before)" % (len(lines) - SHOWN_LINES))
        return "\n".join(shown)

    def stop(self) -> None:
        """Stops it with everything its command started (SIGTERM, SIGKILL after 5 s), even once the command itself exited."""
        stopped(self)
        if self.process.poll() is None:
            self._signal(signal.SIGTERM)
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self._signal(signal.SIGKILL)
                self.process.wait()
        # The command may have ended (crashed, or a shell that backgrounded its bot) and left what it
        # started in its process group: a bot's worker still holding its port for the next test. The
        # group's id stays taken while any of them lives, so signalling it reaches them only.
        if self._leads_group and _killpg(self.process.pid, 0):
            _killpg(self.process.pid, signal.SIGTERM)
            deadline = time.monotonic() + 5
            while _killpg(self.process.pid, 0):
                if time.monotonic() > deadline:
                    _killpg(self.process.pid, signal.SIGKILL)
                    break
                time.sleep(0.05)
        self.settle()
        # Closed only once the reader is done: a process the bot left behind may still hold the pipe.
        if self.process.stdout is not None and not (self._reader and self._reader.is_alive()):
            self.process.stdout.close()

    def _signal(self, sig: int) -> None:
        """Signals the bot's process group when it leads one (as start_bot makes it), else the process."""
        if self._leads_group:
            _killpg(self.process.pid, sig)
            return
        try:
            self.process.send_signal(sig)
        except (ProcessLookupError, PermissionError):
            pass  # already gone


def _leads_group(process: subprocess.Popen) -> bool:
    try:
        return os.name == "posix" and os.getpgid(process.pid) == process.pid
    except (ProcessLookupError, PermissionError):
        return False


def _killpg(group: int, sig: int) -> bool:
    """Signals a process group; False when none of it is left (signal 0 only asks)."""
    try:
        os.killpg(group, sig)
        return True
    except (ProcessLookupError, PermissionError):
        return False


def describe_exit(code: Optional[int], signal_name: Optional[str]) -> str:
    """How a bot's process ended, after "the bot": "exited (code 3)", or "was killed by SIGKILL"
    (its code, 137, would hide which signal). Worded as the TypeScript client's describeExit."""
    return "was killed by %s" % signal_name if signal_name else "exited (code %s)" % code


def describe_returncode(returncode: int) -> str:
    """``describe_exit`` of a ``subprocess`` return code (a signal's number negative)."""
    return describe_exit(_shell_code(returncode), _signal_name(returncode))


def _shell_code(returncode: int) -> int:
    return 128 - returncode if returncode < 0 else returncode


def _signal_name(returncode: int) -> Optional[str]:
    if returncode >= 0:
        return None
    try:
        return signal.Signals(-returncode).name
    except ValueError:
        return "signal %d" % -returncode
