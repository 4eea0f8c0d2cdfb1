"""Helper processes (parsing an import's files, extracting story features) that end
with the process that started them and stay silent.

A worker forked by `reader import` outlived a `kill -9` of its parent, asleep for good
with parent PID 1, and printed BrokenPipeError tracebacks when its results had nowhere
to go; Ctrl-C reached every worker of the terminal's process group and each printed its
own KeyboardInterrupt traceback. Each worker now runs `start_worker` first: Linux kills
it when its parent dies (PR_SET_PDEATHSIG), elsewhere a thread watches the parent's PID;
Ctrl-C is left to the parent, which prints one line; and a worker's own stderr is closed
so that dying mid-write cannot print a traceback either. A Ctrl-C that lands while the
workers are still being forked, before `start_worker` runs in them, is held back by
`interrupts_deferred` (seen in CI: a traceback from multiprocessing's own start-up).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator

_PR_SET_PDEATHSIG = 1
_WATCH_SECONDS = 0.5


@contextlib.contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Fork helper processes inside this: a Ctrl-C meanwhile is only noted (in the
    parent, and in a child not yet past `start_worker`), and raised in the parent as
    KeyboardInterrupt once the block is done. Main thread only; elsewhere a no-op."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


def start_worker(parent_pid: int) -> None:
    """Initializer of every helper process; `parent_pid` is `os.getpid()` of the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not _die_with_parent_on_linux():
        threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True).start()
    if os.getppid() != parent_pid:  # the parent died before the above took effect
        os._exit(1)
    with contextlib.suppress(OSError):
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 (open for the process's life)


def _die_with_parent_on_linux() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(_WATCH_SECONDS)
    os._exit(1)
