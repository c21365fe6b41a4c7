"""What a test runner started and must not leave behind when SIGTERM or SIGINT kills it.

Bots lead process groups of their own, so CI cancelling a job (SIGTERM) or Ctrl-C (SIGINT, sent
to the foreground group only) would not reach them; a Catnap started with a world given as a dict
has a temporary world file beside it that only ``stop()`` removes. The TypeScript client does the
same (src/app/testing/stop-on-signal.ts).
"""

from __future__ import annotations

import os
import signal
import threading

#: Started and not yet stopped: anything with a ``stop()`` that is safe to call twice.
_pending: list = []
_STOP_SIGNALS = ("SIGTERM", "SIGINT")
_previous: dict = {}


def _on_stop_signal(signum, frame) -> None:
    """Stops everything pending (newest first: bots before the Catnap they talk to), then lets the
    signal do what it did before: the default (the process ends by it), or the handler that was
    there (SIGINT's KeyboardInterrupt, which pytest turns into its own teardown). SIGKILL cannot
    be caught."""
    previous = _previous.get(signum, signal.SIG_DFL)
    # Back first: a second signal while they stop acts at once, as it would without us.
    signal.signal(signum, previous)
    for started in reversed(list(_pending)):
        try:
            started.stop()
        except Exception:  # One that fails to stop must not keep the others running.
            pass
    if callable(previous):
        previous(signum, frame)
    elif previous == signal.SIG_DFL:
        os.kill(os.getpid(), signum)


def _watch_signals() -> None:
    # Only the main thread may set handlers; an ignored signal stays ignored; a handler stays ours
    # once set (the runner's own, set later, replaces it and then decides).
    if threading.current_thread() is not threading.main_thread():
        return
    for name in _STOP_SIGNALS:
        number = getattr(signal, name)
        current = signal.getsignal(number)
        if current in (_on_stop_signal, signal.SIG_IGN, None):
            continue
        _previous[number] = current
        signal.signal(number, _on_stop_signal)


def stop_on_signal(started) -> None:
    """Has ``started.stop()`` run if the runner gets SIGTERM or SIGINT before ``stopped(started)``."""
    if started not in _pending:
        _pending.append(started)
    _watch_signals()


def stopped(started) -> None:
    """``started`` stopped by itself: a later signal leaves it alone."""
    if started in _pending:
        _pending.remove(started)
