"""start_bot and close: the bot's command is stopped with everything it started."""

import os
import sys
import time

import pytest

from catnap import world as world_module


def _world():
    world = world_module.World.__new__(world_module.World)
    world.api, world.bot, world._since, world._bots = None, world_module.Bot(10001), None, []
    world.wait_for_bot = lambda timeout, process: None  # no Catnap here: "connected" at once
    return world


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is gone for our purpose.
    with open("/proc/%d/stat" % pid) as stat:
        return stat.read().split(")")[-1].split()[0] != "Z"


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
    deadline = time.monotonic() + 5
    while _alive(bot) and time.monotonic() < deadline:
        time.sleep(0.05)
    alive = _alive(bot)
    if alive:
        os.kill(bot, 9)
    assert not alive, "close() left the bot running"
    world.close()  # twice is fine
