"""start_bot and close: the bot's command is stopped with everything it started."""

import os
import subprocess
import sys
import time

import pytest

from processes import alive as _alive

from catnap import world as world_module


def _world():
    world = world_module.World.__new__(world_module.World)
    world.api, world.bot, world._since, world._bots = None, world_module.Bot(10001), None, []
    world.wait_for_bot = lambda timeout, process: None  # no Catnap here: "connected" at once
    return world


def _assert_ends(pid, why):
    """Waits up to 5 s for the process to end; kills it (so no test leaves it behind) and fails if it did not."""
    deadline = time.monotonic() + 5
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    alive = _alive(pid)
    if alive:
        os.kill(pid, 9)
    assert not alive, why


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_close_stops_the_bot_a_shell_command_started(tmp_path):
    pid_file = tmp_path / "pid"
    world = _world()
    # Two commands: the shell stays, the bot is its child (as in "cd bot && nb run").
    script = "import os, time; open(%r, 'w').write(str(os.getpid())); time.sleep(60)" % str(pid_file)
    world.start_bot('echo starting; %s -c "%s"' % (sys.executable, script))
    deadline = time.monotonic() + 10
    while not pid_file.exists() or not pid_file.read_text():
        assert time.monotonic() < deadline, "the bot did not start"
        time.sleep(0.05)
    bot = int(pid_file.read_text())
    world.close()
    _assert_ends(bot, "close() left the bot running")
    world.close()  # twice is fine


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_bot_that_exits_before_it_connects_leaves_nothing_it_started_running(tmp_path):
    pid_file = tmp_path / "pid"
    world = _world_without_bot()
    # The command starts a helper and exits at once, as a bot that spawned a worker and crashed.
    with pytest.raises(world_module.CatnapError) as failure:
        world.start_bot("sleep 60 & echo $! > %s; exit 3" % pid_file, timeout=10)
    assert str(failure.value).startswith("the bot exited (code 3) before it connected")
    helper = int(pid_file.read_text())
    _assert_ends(helper, "start_bot left the helper of a bot that exited running")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_close_stops_what_a_bot_that_already_exited_left_running(tmp_path):
    pid_file = tmp_path / "pid"
    world = _world()
    world.start_bot("sleep 60 & echo $! > %s; exit 0" % pid_file)
    world._bots[0].process.wait(10)
    helper = int(pid_file.read_text())
    assert _alive(helper)
    world.close()
    _assert_ends(helper, "close() left the helper of a bot that exited running")


class _NoBotConnects:
    """An admin API where no bot ever connects and every wait runs out (HTTP 408), as a world's would."""

    def get(self, path):
        return [{"kind": "websocketServers", "state": "listening", "clients": 0}]

    def post(self, path, body=None):
        return {"mark": "1"}

    def call(self, method, path, body=None, accept=(), timeout=600.0):
        return 408, {"matched": [], "closest": []}


def _world_without_bot():
    world = world_module.World.__new__(world_module.World)
    world.api, world.bot, world._since, world._bots = _NoBotConnects(), world_module.Bot(10001), None, []
    return world


def test_a_bot_that_exits_before_it_connects_says_what_it_printed():
    world = _world_without_bot()
    with pytest.raises(world_module.CatnapError) as failure:
        world.start_bot("echo 'reading config.yml'; echo 'no token in config.yml' >&2; exit 3", timeout=10)
    assert str(failure.value) == (
        "the bot exited (code 3) before it connected; its output:\n  reading config.yml\n  no token in config.yml"
    )
    assert world._bots == []


def test_a_bot_that_does_not_connect_in_time_is_stopped_and_says_what_it_printed():
    world = _world_without_bot()
    with pytest.raises(world_module.CatnapError) as failure:
        world.start_bot("echo connecting to nowhere; sleep 30", timeout=0.3)
    assert str(failure.value) == "the bot did not connect to account 10001 within 300 ms; its output:\n  connecting to nowhere"
    assert world._bots == []


def test_a_failed_expectation_shows_the_bot_output_of_this_test_and_that_it_exited():
    world = _world_without_bot()
    world.wait_for_bot = lambda timeout, process: None  # "connected" at once
    world.start_bot("echo started; read line; echo \"handling $line\"; echo 'Traceback: KeyError' >&2; exit 1", stdin=subprocess.PIPE)
    process = world._bots[0].process
    deadline = time.monotonic() + 10
    while world.bot_output() != "started\n":
        assert time.monotonic() < deadline, "the bot printed nothing"
        time.sleep(0.02)
    world.reset()  # a test begins: "started" belongs to the one before
    process.stdin.write(b"/ping\n")
    process.stdin.close()
    process.wait(10)
    with pytest.raises(world_module.ExpectationError) as failure:
        world.expect_message("pong", group=30001, within=0.1)
    message = str(failure.value)
    assert message.startswith("expected a message from 10001 in group 30001")
    assert message.endswith("\nthe bot exited (code 1)\nbot output:\n  handling /ping\n  Traceback: KeyError")
    assert "started" not in message
    assert world.bot_output() == "started\nhandling /ping\nTraceback: KeyError\n"
    world.close()


def test_a_bot_whose_output_goes_elsewhere_is_not_kept():
    world = _world_without_bot()
    world.wait_for_bot = lambda timeout, process: None
    world.start_bot("echo to the terminal", stdout=subprocess.DEVNULL)
    world.close()
    assert world.bot_output() == ""


@pytest.mark.parametrize("name", ["KILL", "TERM"])
def test_a_bot_killed_by_a_signal_is_said_to_be_killed_by_it_as_the_typescript_client_says(name):
    world = _world_without_bot()
    with pytest.raises(world_module.CatnapError) as failure:
        world.start_bot("echo dying; kill -%s $$" % name, timeout=10)
    assert str(failure.value) == "the bot was killed by SIG%s before it connected; its output:\n  dying" % name
