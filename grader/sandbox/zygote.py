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
ZYGOTE_WAIT = 10.0  # seconds the zygote may take to answer (it forks in milliseconds)


class ZygoteLost(Exception):
    """The zygote did not answer in time or is gone (student code of an unisolated run may stop
    or kill it); the message says which, for the student's report."""


class Zygote:
    """Runner-side handle of the zygote process (handle.ForkBackend adds the backend interface)."""

    def __init__(self, hidden: tuple[str, ...] = ()) -> None:
        self.hidden = hidden
        self.pid = 0
        self.control: socket.socket | None = None
        self._facts: dict | None = None
        self.continued = 0  # times it was found stopped and continued

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

    def facts(self, wait: float = ZYGOTE_WAIT) -> dict:
        """What the zygote set up for all its workers (its first message; it runs no student code)."""
        if self._facts is None:
            message = self._receive(wait, "while setting up", "facts")
            self._facts = message[1] if type(message[1]) is dict else {}
        return self._facts

    def spawn(self, student_file: str, module_name: str, workdir: str, limits: dict,
              wait: float = ZYGOTE_WAIT) -> tuple[int, socket.socket]:
        self.facts(wait)
        mine, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        payload = pickle.dumps(("spawn", student_file, module_name, workdir, limits))
        try:
            socket.send_fds(self.control, [payload], [theirs.fileno()])
        except OSError:
            mine.close()
            raise ZygoteLost(self._why_lost("while starting a worker")) from None
        finally:
            theirs.close()
        pid = self._receive(wait, "while starting a worker", "spawned")[1]
        if type(pid) is not int or pid <= 0:
            mine.close()
            raise ZygoteLost("the sandbox's zygote could not start a worker")
        return pid, mine

    def exit_status(self, pid: int) -> int | None:
        """The wait status of a dead worker (None if the zygote could not tell)."""
        try:
            self.control.sendall(pickle.dumps(("status", pid)))
            while (answer := self._receive(ZYGOTE_WAIT, "", "status"))[1] != pid:
                pass  # a late answer to an earlier question
        except (OSError, ZygoteLost, AttributeError):
            return None
        return answer[2] if type(answer[2]) is int else None

    def _receive(self, wait: float, during: str, kind: str) -> tuple:
        """The zygote's next message of `kind` within `wait` seconds (late answers of other kinds,
        from a question that timed out, are skipped). A zygote found stopped (SIGSTOP from an
        unisolated worker) is continued; one that stays silent or is gone raises ZygoteLost."""
        deadline = time.monotonic() + wait
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ZygoteLost(f"the sandbox's zygote did not answer within {wait:g} s {during}".rstrip())
            if self.control is None:
                raise ZygoteLost(self._why_lost(during))
            if select.select([self.control], [], [], min(left, 0.2))[0]:
                try:
                    data = self.control.recv(65536)
                except OSError:
                    data = b""
                if not data:
                    raise ZygoteLost(self._why_lost(during))
                message = pickle.loads(data)  # from the zygote, which never runs student code
                if type(message) is tuple and message and message[0] == kind:
                    return message
                continue
            if processes.is_stopped(self.pid):
                self.continued += 1
                processes.resume(self.pid)

    def _why_lost(self, during: str) -> str:
        return f"the sandbox's zygote is gone (killed by student code?) {during}".rstrip()

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
            if select.select([self.control], [], [], 5.0)[0]:
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
    control.sendall(pickle.dumps(("facts", shared)))
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
            control.sendall(pickle.dumps(("spawned", pid)))
        elif request[0] == "status":
            control.sendall(pickle.dumps(("status", request[1], _status_of(request[1], statuses))))
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
    if pid in _INITS:  # a namespaced worker: its init tells
        init, pipe = _INITS.pop(pid)
        status = None
        if select.select([pipe], [], [], 2.0)[0]:
            data = os.read(pipe, 4)
            status = int.from_bytes(data, "little") if len(data) == 4 else None
        os.close(pipe)
        return status
    deadline = time.monotonic() + 2.0
    while pid not in statuses and time.monotonic() < deadline:
        _reap(statuses)
        time.sleep(0.01)
    return statuses.get(pid)


def _fork_worker(fd: int, hidden, shared, student_file, module_name, workdir, limits) -> int:
    if shared.get("setting") == "userns":
        return _fork_namespaced_worker(fd, hidden, shared, student_file, module_name, workdir, limits)
    pid = os.fork()
    if pid:
        return pid
    _worker_main(fd, hidden, shared, student_file, module_name, workdir, limits)


def _worker_main(fd: int, hidden, shared, student_file, module_name, workdir, limits) -> None:
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


_INITS: dict[int, tuple[int, int]] = {}  # namespaced worker pid -> (its init's pid, pipe with its wait status)


def _fork_namespaced_worker(fd: int, hidden, shared, *request) -> int:
    """Without root: each worker gets a PID namespace of its own, so it can neither see nor signal
    the grader, the zygote, other workers or the user's processes (kill(-1) reaches its own
    namespace only), and whatever it leaves behind dies with the namespace's init. A PID namespace
    applies to the children of the process that makes it: a short-lived helper makes it and forks
    the init (pid 1, trusted, runs no student code), which forks the worker (pid 2: unlike an init,
    it dies of its own signals and of abort()), waits for it and hands its wait status to us. The
    helper reads the worker's pid as we see it from /proc, tells us, and exits; once we have reaped
    it, the init (now our child: we are a subreaper) is told to start dying with us (earlier, it
    would die with the helper)."""
    released, release = os.pipe()
    told, tell = os.pipe()
    status_r, status_w = os.pipe()
    helper = os.fork()
    if helper == 0:
        code = 1
        try:
            for end in (told, status_r, release):
                os.close(end)
            isolation.enter_worker_namespaces()
            ready_r, ready_w = os.pipe()
            init = os.fork()
            if init == 0:
                os.close(tell)
                os.close(ready_r)
                _namespace_init(fd, released, ready_w, status_w, hidden, shared, request)
            os.close(ready_w)
            os.read(ready_r, 1)  # the init has forked the worker
            with open(f"/proc/{init}/task/{init}/children", encoding="ascii") as fh:
                kids = fh.read().split()
            os.write(tell, f"{kids[0] if kids else -1} {init}".encode())
            code = 0
        finally:
            os._exit(code)
    for end in (tell, released, status_w):
        os.close(end)
    with os.fdopen(told, "rb") as fh:
        text = fh.read().decode()
    os.waitpid(helper, 0)  # returns once the init is ours: only now may it start dying with us
    os.write(release, b"1")
    os.close(release)
    try:
        worker_pid, init = map(int, text.split())
    except ValueError:
        worker_pid, init = -1, 0
    if worker_pid <= 0:
        os.close(status_r)
        if init > 0:
            os.kill(init, signal.SIGKILL)
        return -1
    _INITS[worker_pid] = (init, status_r)
    return worker_pid


def _namespace_init(fd: int, released: int, ready: int, status_w: int, hidden, shared, request) -> None:
    """pid 1 of a worker's PID namespace: fork the worker, outlive it, pass on how it ended."""
    code = 0
    try:
        worker_pid = os.fork()
        if worker_pid == 0:
            for end in (released, ready, status_w):
                os.close(end)
            _worker_main(fd, hidden, shared, *request)
        os.write(ready, b"1")
        processes.close_fds_except(released, status_w)  # the worker's socket above all
        if os.read(released, 1) != b"1":  # the zygote has reaped the helper: we are its child now
            return
        processes.die_with_parent()
        while True:
            pid, status = os.waitpid(-1, 0)
            if pid == worker_pid:
                break
        os.write(status_w, status.to_bytes(4, "little"))
    except BaseException:
        code = 1
    finally:
        os._exit(code)  # the kernel kills everything else in the namespace
