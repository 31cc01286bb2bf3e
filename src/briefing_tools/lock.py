"""One run at a time on a project: a lock that the kernel drops when its holder dies.

`generate` and `build` write the pages, the site, the PDF and the cache; two of them at once on
one project would interleave their files. `fcntl.flock` is released when the last descriptor of
the lock closes, so a run killed with `kill -9` can never leave a stale lock behind. Sphinx and
LaTeX inherit the descriptor: if our process is killed while they run, the project stays locked
until they end too, and the next run cannot race them over the same folders.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from briefing_tools.errors import ProjectBusy

LOCK_FILE = ".briefing-cache/lock"
# How long a second run waits for the first before giving up: a cold PDF build of a thousand
# articles takes a few minutes, so ten is generous without hanging a forgotten terminal forever.
LOCK_WAIT_SECONDS = 600.0
POLL_SECONDS = 0.1
# Set for our Sphinx and LaTeX children: a process started under the lock already holds it.
HELD_ENV = "BRIEFING_LOCK_HELD"

_held: dict[str, int] = {}  # lock path -> descriptor, for runs that nest (build → generate)


@contextmanager
def project_lock(project: Path, wait: float = LOCK_WAIT_SECONDS,
                 on_wait: Callable[[str], None] | None = None) -> Iterator[int | None]:
    """Hold the project's lock; yields the descriptor to pass to child processes (None when a
    parent process holds the lock for us). Waits up to ``wait`` seconds, calling ``on_wait``
    once with a one-line notice, then raises ProjectBusy."""
    path = str((project / LOCK_FILE).resolve())
    if path in _held:
        yield _held[path]
        return
    if os.environ.get(HELD_ENV) == path:
        yield None
        return
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
    try:
        _acquire(fd, path, wait, on_wait)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        _held[path] = fd
        try:
            yield fd
        finally:
            del _held[path]
    finally:
        os.close(fd)  # drops the lock


def _acquire(fd: int, path: str, wait: float, on_wait: Callable[[str], None] | None) -> None:
    deadline = time.monotonic() + wait
    notified = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        holder = _holder(fd)
        if time.monotonic() >= deadline:
            raise ProjectBusy(
                f"another briefing run{holder} is still working on this project after "
                f"{wait:.0f} s", path=LOCK_FILE,
                hint="wait for it to finish, or stop it; a killed run never leaves this lock "
                "behind")
        if on_wait and not notified:
            on_wait(f"waiting for another briefing run{holder} on this project to finish")
            notified = True
        time.sleep(POLL_SECONDS)


def _holder(fd: int) -> str:
    """' (pid N)' from the lock file, when the holder wrote it."""
    pid = os.pread(fd, 32, 0).decode(errors="replace").strip()
    return f" (pid {pid})" if pid.isdigit() else ""


def child_env(env: dict[str, str], project: Path) -> dict[str, str]:
    """The environment for a child started under the lock: it must not wait for its parent."""
    return {**env, HELD_ENV: str((project / LOCK_FILE).resolve())}
