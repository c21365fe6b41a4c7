"""Starting a Catnap for tests: a start that fails leaves nothing behind."""

import os
import sys

import pytest

from catnap import server as server_module
from catnap._http import CatnapError


@pytest.fixture
def failing_catnap(monkeypatch, tmp_path):
    """A catnap command that says why and exits 1 at once, and a temporary folder of our own to watch."""
    monkeypatch.setenv("CATNAP_COMMAND", "%s -c \"print('world.json: accounts: must be a list'); raise SystemExit(1)\"" % sys.executable)
    monkeypatch.setattr(server_module.tempfile, "tempdir", str(tmp_path))
    return tmp_path


def test_a_catnap_that_does_not_start_says_why_and_leaves_no_world_file_behind(failing_catnap):
    with pytest.raises(CatnapError) as failure:
        server_module.CatnapServer({"accounts": "not a list"})
    assert str(failure.value) == "catnap did not start:\nworld.json: accounts: must be a list\n"
    assert os.listdir(str(failing_catnap)) == []


def test_a_catnap_that_does_not_start_in_time_is_stopped(monkeypatch, tmp_path):
    monkeypatch.setenv("CATNAP_COMMAND", "%s -c \"import time; print('starting', flush=True); time.sleep(60)\"" % sys.executable)
    monkeypatch.setattr(server_module.tempfile, "tempdir", str(tmp_path))
    started = []
    real_popen = server_module.subprocess.Popen
    monkeypatch.setattr(server_module.subprocess, "Popen", lambda *a, **k: started.append(real_popen(*a, **k)) or started[-1])
    with pytest.raises(CatnapError) as failure:
        server_module.CatnapServer({"accounts": []}, timeout=0.5)
    assert str(failure.value).startswith("catnap did not start")
    assert started[0].poll() is not None, "the catnap that did not start is still running"
    assert os.listdir(str(tmp_path)) == []
