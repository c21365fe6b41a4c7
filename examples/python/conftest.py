# The Catnap pytest plugin from this repository's clients/python (installed with pip, it registers itself).
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "clients", "python"))

import pytest  # noqa: E402
from catnap.pytest_plugin import *  # noqa: E402,F401,F403


@pytest.fixture(scope="session")
def catnap_bot():
    """The bot under test, run by the same Python as the tests."""
    return [sys.executable, os.path.join(os.path.dirname(__file__), "bot.py")]
