"""The same verbs for asyncio code: every call runs the blocking one in a worker thread."""

from __future__ import annotations

import asyncio
import functools
from typing import Any, Optional, Union

from .server import CatnapServer
from .faults import Faults
from .world import Clock, Group, User, World

_wrapped = (World, User, Group, Clock, Faults)


class Async:
    """Wraps a World (or a User, Group, Clock): methods become coroutines, attributes stay as they are."""

    def __init__(self, target: Any):
        self._target = target

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        if isinstance(value, _wrapped):
            return Async(value)
        if not callable(value):
            return value

        @functools.wraps(value)
        async def call(*args, **kwargs):
            result = await asyncio.to_thread(value, *args, **kwargs)
            return Async(result) if isinstance(result, _wrapped) else result

        # user() and group() only build handles: no thread needed, and `world.user(1).say(...)` reads naturally.
        if name in ("user", "group"):
            return lambda *args, **kwargs: Async(value(*args, **kwargs))
        return call


AsyncWorld = Async


async def start(
    world: Union[str, dict, None] = None, bot: Optional[int] = None, seed: Optional[int] = None, clock: Union[str, int, None] = None
) -> CatnapServer:
    """``catnap.start`` for asyncio code: the same ``seed`` and ``clock`` as the blocking one."""
    return await asyncio.to_thread(CatnapServer, world, bot, seed=seed, clock=clock)


def attach_async(world: World) -> Async:
    return Async(world)
