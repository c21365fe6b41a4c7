"""pytest plugin: a ``catnap`` fixture, the world reset before every test.

Enable it with ``-p catnap.pytest_plugin`` or ``pytest_plugins = ["catnap.pytest_plugin"]`` in a
conftest.py (installed with pip, it registers itself). One Catnap serves the whole session: it is
started on free ports (``--catnap-world``, or a ``catnap_world`` fixture of your own), or attached
to (``--catnap-url`` and ``--catnap-token``, or ``CATNAP_URL`` and ``CATNAP_TOKEN``). With
``--catnap-bot "<command>"`` (or a ``catnap_bot`` fixture) the bot is started once, connected, and
kept across tests: a reset puts the world back while the bot stays connected.
"""

from __future__ import annotations

import os
from typing import Iterator, Optional

import pytest

from .aio import Async
from .server import CatnapServer
from .world import World


def pytest_addoption(parser) -> None:
    group = parser.getgroup("catnap", "Catnap (a simulated QQ for bot tests)")
    group.addoption("--catnap-world", default=None, help="world file for the Catnap the tests start")
    group.addoption("--catnap-bot", default=None, help="command that starts the bot under test (gets CATNAP_WS_URL, ...)")
    group.addoption("--catnap-seed", default=None, type=int, help="seed of the world's made-up values (reproducible runs)")
    group.addoption("--catnap-clock", default=None, help='start the world\'s clock frozen: "frozen", or an ISO 8601 time')
    group.addoption("--catnap-url", default=None, help="drive a running Catnap at this admin URL instead (env CATNAP_URL)")
    group.addoption("--catnap-token", default=None, help="its web UI token (env CATNAP_TOKEN)")


@pytest.fixture(scope="session")
def catnap_world(request) -> Optional[str]:
    """The world file (path or dict) of the Catnap the session starts; override it in a conftest.py."""
    return request.config.getoption("--catnap-world")


@pytest.fixture(scope="session")
def catnap_bot(request) -> Optional[str]:
    """The command that starts the bot under test, or None; override it in a conftest.py."""
    return request.config.getoption("--catnap-bot")


@pytest.fixture(scope="session")
def catnap_session(request, catnap_world, catnap_bot) -> Iterator[World]:
    """One Catnap (and bot) for the whole session."""
    url = request.config.getoption("--catnap-url") or os.environ.get("CATNAP_URL")
    token = request.config.getoption("--catnap-token") or os.environ.get("CATNAP_TOKEN")
    server = None
    if url:
        if not token:
            raise pytest.UsageError("--catnap-url needs --catnap-token (or CATNAP_TOKEN)")
        world = World(url, token)
    else:
        server = CatnapServer(
            catnap_world, seed=request.config.getoption("--catnap-seed"), clock=request.config.getoption("--catnap-clock")
        )
        world = server.world()
    try:
        if catnap_bot:
            world.start_bot(catnap_bot, cwd=str(request.config.rootpath))
        yield world
    finally:
        world.close()
        if server is not None:
            server.stop()


@pytest.fixture
def catnap(catnap_session: World) -> World:
    """The world, reset to its start state (bot still connected), marked: expectations count from here."""
    catnap_session.reset()
    return catnap_session


@pytest.fixture
def catnap_async(catnap: World) -> Async:
    """The same world with coroutine verbs, for async tests."""
    return Async(catnap)
