"""The zygote: a process forked from the warm grading process before any torch op ran, whose only
job is to fork sandbox workers on request (and to reap and sweep them).

Workers start in milliseconds because torch, numpy and pandas are already imported here; forking
from a process that ran torch ops could deadlock on its thread pools, so the zygote never runs any.
"""
from __future__ import annotations

import os
import pickle
import select
import signal
import socket
import time

from grader.sandbox import isolation, processes, worker

WORKER_BROKE = 70  # exit code of a worker whose own serving code failed (see _fork_worker)


class Zygote:
    """Runner-side handle of the zygote process (handle.ForkBackend adds the backend interface)."""

    def __init__(self, hidden: tuple[str, ...] = ()) -> None:
        self.hidden = hidden
        self.pid = 0
        self.control: socket.socket | None = None

    def start(self) -> "Zygote":
        parent, child = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        pid = os.fork()
        if pid == 0:  # zygote
            parent.close()
            code = 0
            try:
                _zygote_loop(child, self.hidden)
            except BaseException:
                code = 1
            os._exit(code)
        child.close()
        self.pid, self.control = pid, parent
        return self

    def spawn(self, student_file: str, module_name: str, workdir: str, limits: dict) -> tuple[int, socket.socket]:
        mine, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        payload = pickle.dumps(("spawn", student_file, module_name, workdir, limits))
        socket.send_fds(self.control, [payload], [theirs.fileno()])
        theirs.close()
        pid = pickle.loads(self.control.recv(65536))
        return pid, mine

    def exit_status(self, pid: int) -> int | None:
        """The wait status of a dead worker (None if the zygote could not tell)."""
        self.control.sendall(pickle.dumps(("status", pid)))
        return pickle.loads(self.control.recv(65536))

    def hand_over(self) -> None:
        """In the parent, once a child process has inherited the control socket: let go of it, so
        the zygote sees EOF (and stops its workers) when that child dies; `pid` stays to reap."""
        if self.control is not None:
            self.control.close()
            self.control = None

    def close(self) -> None:
        """Stop the zygote; it kills every process it still has, escaped grandchildren included."""
        if self.control is None:
            return
        try:
            self.control.sendall(pickle.dumps(("shutdown",)))
            self.control.recv(65536)
        except OSError:
            pass
        self.control.close()
        self.control = None
        processes.wait_or_kill(self.pid, 5.0)


def _zygote_loop(control: socket.socket, hidden: tuple[str, ...]) -> None:
    processes.close_fds_except(control.fileno())  # nothing of the grading process's stays reachable here
    processes.become_subreaper()
    processes.die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    shared = isolation.enter_zygote(hidden)
    statuses: dict[int, int] = {}
    workers: set[int] = set()
    while True:
        _reap(statuses)
        ready, _, _ = select.select([control], [], [], 0.2)
        if not ready:
            continue
        try:
            msg, fds, _, _ = socket.recv_fds(control, 65536, 1)
        except OSError:
            msg = b""
        if not msg:
            break
        request = pickle.loads(msg)
        if request[0] == "spawn":
            pid = _fork_worker(fds[0], hidden, shared, *request[1:])
            os.close(fds[0])
            workers.add(pid)
            control.sendall(pickle.dumps(pid))
        elif request[0] == "status":
            control.sendall(pickle.dumps(_status_of(request[1], statuses)))
        else:
            break
    processes.kill_descendants(os.getpid())
    control.sendall(pickle.dumps("bye")) if control.fileno() >= 0 else None


def _reap(statuses: dict[int, int]) -> None:
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        statuses[pid] = status


def _status_of(pid: int, statuses: dict[int, int]) -> int | None:
    deadline = time.monotonic() + 2.0
    while pid not in statuses and time.monotonic() < deadline:
        _reap(statuses)
        time.sleep(0.01)
    return statuses.get(pid)


def _fork_worker(fd: int, hidden, shared, student_file, module_name, workdir, limits) -> int:
    pid = os.fork()
    if pid:
        return pid
    code = WORKER_BROKE
    try:
        conn = socket.socket(fileno=os.dup(fd))
        facts = isolation.enter_worker(workdir, hidden, limits, keep_fds=(conn.fileno(),), shared=shared)
        worker.serve(conn, student_file, module_name, facts)
        code = 0
    except BaseException:
        code = WORKER_BROKE
    finally:
        os._exit(code)
