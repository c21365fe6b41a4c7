"""Test a bot against Catnap, a simulated QQ world that speaks the NapCat / OneBot 11 API.

Standard library only. ``start()`` runs a Catnap for the tests, ``attach()`` drives a running one;
``catnap.aio.Async(world)`` gives the same verbs as coroutines; the pytest plugin
(``catnap.pytest_plugin``) provides a ``catnap`` fixture.
"""

from ._http import AdminApi, CatnapError
from .faults import Faults
from .server import CatnapServer, attach, catnap_command, start
from .world import Bot, Clock, ExpectationError, Group, User, World

__all__ = [
    "AdminApi",
    "Bot",
    "CatnapError",
    "CatnapServer",
    "Clock",
    "ExpectationError",
    "Faults",
    "Group",
    "User",
    "World",
    "attach",
    "catnap_command",
    "start",
]
