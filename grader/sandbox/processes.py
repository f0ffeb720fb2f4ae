"""Process control for the grading side: subreaper, parent-death signal, kill, reap and sweep.

Plain Linux process handling, no isolation: the runner, the zygote, the worker handles and batch
graders all stop and reap their children through these few functions.
"""
from __future__ import annotations

import os
import signal
import sys
import time

PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36



class LazyLibc:
    """The C library, loaded on first use: importing this module must work where there is no libc
    to load (Windows) and costs nothing on the spawn backend, which never calls into it."""

    def __init__(self) -> None:
        self._lib = None

    def __getattr__(self, name: str):
        if self._lib is None:
            import ctypes
            import ctypes.util
            self._lib = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return getattr(self._lib, name)


_libc = LazyLibc()
HAS_PRCTL = sys.platform.startswith("linux")


def become_subreaper(on: bool = True) -> None:
    """Orphaned descendants are re-parented to us, so we can sweep them (`on=False`: no longer).
    Linux only; elsewhere a no-op."""
    if HAS_PRCTL:
        _libc.prctl(PR_SET_CHILD_SUBREAPER, int(on), 0, 0, 0)


def die_with_parent() -> None:
    """SIGKILL us when our parent dies (cleared by a uid change: set again after one). Linux only."""
    if HAS_PRCTL:
        _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def children_of(pid: int) -> list[int]:
    """Direct children of `pid`, read from /proc (none where there is no /proc)."""
    found = []
    if not os.path.isdir("/proc"):
        return found
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2:].split()
        if len(fields) > 1 and int(fields[1]) == pid:
            found.append(int(entry))
    return found


def kill_descendants(pid: int, rounds: int = 50, keep: set[int] = frozenset()) -> None:
    """SIGKILL every descendant of `pid` (we are its subreaper, so escapees come back to us) but
    the direct children in `keep`."""
    for _ in range(rounds):
        kids = [k for k in children_of(pid) if k not in keep]
        if not kids:
            return
        for kid in kids:
            for kill in (os.killpg, os.kill):
                try:
                    kill(kid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
        deadline = time.monotonic() + 0.5
        while time.monotonic() < deadline:
            try:
                if os.waitpid(-1, os.WNOHANG)[0] == 0:
                    time.sleep(0.01)
            except ChildProcessError:
                break


def kill_and_reap(pid: int) -> None:
    """SIGKILL our child `pid` and wait for it (gone already: nothing to do)."""
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


def exit_status(pid: int, wait: float) -> tuple[int, int]:
    """waitpid(WNOHANG) on our child, retried for up to `wait` seconds: (pid, status) once it has
    exited (status 0 when someone else reaped it), else (0, 0). A child found stopped (SIGSTOP
    from a worker of an unisolated run) is continued: nothing but a deadline may hold a run up."""
    deadline = time.monotonic() + wait
    while True:
        try:
            done = os.waitpid(pid, os.WNOHANG | os.WUNTRACED)
        except ChildProcessError:
            return pid, 0
        if done[0] and os.WIFSTOPPED(done[1]):  # stopped by code it should not trust: carry on
            resume(pid)
            done = (0, 0)
        if done[0] or time.monotonic() >= deadline:
            return done
        time.sleep(0.01)


def wait_or_kill(pid: int, timeout: float) -> None:
    """Give our child `pid` `timeout` seconds to exit by itself, then kill it."""
    if not exit_status(pid, timeout)[0]:
        kill_and_reap(pid)


def close_fds_except(*keep: int) -> None:
    """Close every file descriptor above stderr but `keep`."""
    low = 3
    for fd in sorted(set(keep)):
        if fd >= low:
            os.closerange(low, fd)
            low = fd + 1
    os.closerange(low, 65536)


def is_stopped(pid: int) -> bool:
    """Whether `pid` is stopped (SIGSTOP, SIGTSTP) right now, read from /proc."""
    try:
        with open(f"/proc/{int(pid)}/stat", "rb") as fh:
            stat = fh.read()
    except OSError:
        return False
    return stat[stat.rfind(b")") + 2:][:1] in (b"T", b"t")


def resume(pid: int) -> None:
    """SIGCONT a child that code it should not trust has stopped."""
    if pid > 0:
        try:
            os.kill(pid, signal.SIGCONT)
        except (ProcessLookupError, PermissionError):
            pass
