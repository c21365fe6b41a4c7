"""A test runner killed by SIGTERM or SIGINT (CI cancelling a job, Ctrl-C) stops the bots it started, then ends by the signal."""

import os
import signal
import subprocess
import sys
import time

import pytest

from processes import alive as _alive

CLIENT = os.path.join(os.path.dirname(__file__), "..")

RUNNER = """
import sys, time
sys.path.insert(0, %(client)r)
from catnap import world as world_module

world = world_module.World.__new__(world_module.World)
world.api, world.bot, world._since, world._bots = None, world_module.Bot(10001), None, []
world.wait_for_bot = lambda timeout, process: None  # no Catnap here: "connected" at once
world.start_bot(%(bot)r)
while True:
    time.sleep(1)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_runner_killed_by_a_signal_stops_the_bot_it_started_and_ends_by_the_signal(tmp_path, sig):
    pid_file = tmp_path / "bot.pid"
    bot_script = "import os, time; open(%r, 'w').write(str(os.getpid())); time.sleep(120)" % str(pid_file)
    # Behind a shell, as a bot's command usually is: the bot is the shell's child, in the bot's own group.
    bot_command = 'echo starting; %s -c "%s"' % (sys.executable, bot_script)
    runner = subprocess.Popen([sys.executable, "-c", RUNNER % {"client": CLIENT, "bot": bot_command}], stderr=subprocess.PIPE)
    bot = None
    try:
        deadline = time.monotonic() + 60
        while not (pid_file.exists() and pid_file.read_text()):
            assert runner.poll() is None, runner.stderr.read().decode()
            assert time.monotonic() < deadline, "the bot did not start"
            time.sleep(0.05)
        bot = int(pid_file.read_text())
        runner.send_signal(sig)
        assert runner.wait(60) == -sig, runner.stderr.read().decode()
        deadline = time.monotonic() + 30
        while _alive(bot) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(bot), "the runner's %s left the bot running" % signal.Signals(sig).name
    finally:
        if runner.poll() is None:
            runner.kill()
            runner.wait()
        if bot is not None and _alive(bot):
            os.kill(bot, signal.SIGKILL)


SERVER_RUNNER = """
import sys, time
sys.path.insert(0, %(client)r)
import catnap

# A world given as a dict: the client writes it to a temporary file for Catnap to read.
server = catnap.start(world={"accounts": [{"user_id": 10001, "nickname": "Bot", "bot": True}]})
open(%(pid_file)r, "w").write(str(server.process.pid))
while True:
    time.sleep(1)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_runner_killed_by_a_signal_stops_the_catnap_it_started_and_leaves_no_temporary_files(tmp_path, sig):
    pid_file = tmp_path / "catnap.pid"
    # The runner's own temporary folder (its TMPDIR, and so its Catnap's): what they leave there shows.
    temp = tmp_path / "tmp"
    temp.mkdir()
    runner = subprocess.Popen(
        [sys.executable, "-c", SERVER_RUNNER % {"client": CLIENT, "pid_file": str(pid_file)}],
        stderr=subprocess.PIPE,
        env=dict(os.environ, TMPDIR=str(temp)),
    )
    catnap_pid = None
    try:
        deadline = time.monotonic() + 60
        while not (pid_file.exists() and pid_file.read_text()):
            assert runner.poll() is None, runner.stderr.read().decode()
            assert time.monotonic() < deadline, "Catnap did not start"
            time.sleep(0.05)
        catnap_pid = int(pid_file.read_text())
        assert any(name.startswith("catnap-test-") for name in os.listdir(temp)), os.listdir(temp)
        runner.send_signal(sig)
        assert runner.wait(60) == -sig, runner.stderr.read().decode()
        deadline = time.monotonic() + 30
        while (_alive(catnap_pid) or os.listdir(temp)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(catnap_pid), "the runner's %s left its Catnap running" % signal.Signals(sig).name
        assert os.listdir(temp) == [], "the runner's %s left these behind" % signal.Signals(sig).name
    finally:
        if runner.poll() is None:
            runner.kill()
            runner.wait()
        if catnap_pid is not None and _alive(catnap_pid):
            os.kill(catnap_pid, signal.SIGKILL)
