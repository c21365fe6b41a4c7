"""Process helpers the runner and bot-process tests share."""

import os


def alive(pid):
    """Whether the process runs (a zombie is gone, for this purpose)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open("/proc/%d/stat" % pid) as stat:
        return stat.read().split(")")[-1].split()[0] != "Z"
