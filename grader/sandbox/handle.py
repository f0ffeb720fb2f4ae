"""Sandbox processes: a warm zygote forks one isolated worker per student file.

The grading process never runs student code. It asks the zygote (forked before any torch op ran)
for a worker; the worker isolates itself (own session, resource limits, unprivileged uid and no
network where the host allows, hidden solution/spec folders), imports the student file and serves
calls. A call that hangs, crashes or exits costs that call only: the worker is killed and the
next call gets a fresh one.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import time
from dataclasses import dataclass, field

from grader import files
from grader.sandbox import codec, isolation, processes, wire, worker
from grader.sandbox.zygote import WORKER_BROKE, Zygote, ZygoteLost

__all__ = ["ForkBackend", "Reply", "Worker", "Zygote", "ZygoteLost", "describe_exit", "describe_exitcode",
           "make_workdir"]


@dataclass(frozen=True)
class Reply:
    """What came back from one call (already decoded through the allow-list)."""
    status: str  # ok | raised | not_implemented | forbidden | missing | timeout | crashed | import_error | protocol
    result: object = None
    args_after: tuple = ()
    kwargs_after: dict = field(default_factory=dict)
    identity: dict = field(default_factory=dict)
    error: dict = field(default_factory=dict)
    stdout: str = ""
    elapsed: float = 0.0


class Worker:
    """One live worker serving one student file; calls are synchronous."""

    def __init__(self, zygote: Zygote, student_file: str, module_name: str, workdir: str,
                 limits: dict, timeout: float, start_timeout: float | None = None) -> None:
        self.zygote, self.timeout = zygote, timeout
        self.isolation: dict = {}
        self.swept = False
        self.seq = 0
        start = start_timeout or timeout
        self.pid, self.conn = zygote.spawn(student_file, module_name, workdir, limits, wait=start)  # ZygoteLost
        self.pidfd = _pidfd(self.pid)
        started = self._read(start, expect_seq="isolation", during="while starting")
        if started.status == "ok":  # set up, and waiting: see what it really got before student code runs
            self.isolation = isolation.observe(self.pid, zygote.hidden, zygote.facts())
            try:
                self.conn.sendall(worker.GO)
            except OSError:
                pass  # it died: the hello says how
        self.hello = self._read(start, expect_seq=None, during="while the file was imported") \
            if started.status == "ok" else started

    def call(self, name: str, args: tuple, kwargs: dict, timeout: float | None = None,
             probe=None, forbid: tuple = ()) -> Reply:
        self.seq += 1
        request = {"seq": self.seq, "name": name, "args": args, "kwargs": kwargs,
                   "probe": probe, "forbid": tuple(forbid)}
        try:
            self.conn.sendall(wire.frame(request))
        except OSError:
            return self._death(0.0)
        return self._read(timeout or self.timeout, expect_seq=self.seq)

    def _read(self, timeout: float, expect_seq, during: str = "during the call") -> Reply:
        start = time.monotonic()
        deadline = start + timeout
        try:
            message = codec.read_message(lambda n: wire.recv_exact(self.conn, n, deadline, self.pidfd))
            while _stale(message, expect_seq):  # a late reply to an earlier call (one was forged)
                message = codec.read_message(lambda n: wire.recv_exact(self.conn, n, deadline, self.pidfd))
        except TimeoutError:
            self.kill()
            return Reply("timeout", error={"message": f"timed out after {timeout:g} s{_after(during)}"},
                         elapsed=time.monotonic() - start)
        except EOFError:
            return self._death(time.monotonic() - start, during)
        except (codec.DecodeError, ValueError) as exc:
            self.kill()
            return Reply("protocol", error={"message": f"the worker sent back something unreadable ({exc})"})
        return _reply_from(message, expect_seq)

    def _death(self, elapsed: float, during: str = "during the call") -> Reply:
        self.kill()
        status = self.zygote.exit_status(self.pid)
        return Reply("crashed", error={"message": describe_exit(status, during)}, elapsed=elapsed)

    def kill(self) -> None:
        if self.pid <= 0:
            return
        for target in (lambda: os.killpg(self.pid, signal.SIGKILL), lambda: os.kill(self.pid, signal.SIGKILL)):
            try:
                target()
            except (ProcessLookupError, PermissionError):
                pass
        if os.geteuid() == 0 and not self.swept:  # its uid: see isolation.sandbox_uid
            uid = isolation.sandbox_uid(self.pid)
            if isolation.uid_has_other_processes(uid, besides=self.pid):
                isolation.kill_uid(uid)  # its escaped daemons too (forking a sweeper costs ~15 ms)
            self.swept = True
        for closable in (self.conn, self.pidfd):
            try:
                closable.close() if closable is not None else None
            except OSError:
                pass
        self.pidfd = None
        self.hello = Reply("crashed", error={"message": "worker stopped"})


class ForkBackend(Zygote):
    """The fork backend (see backend.py): the zygote, handing out Worker handles through the one
    method every backend offers."""

    name = "fork"

    def worker(self, student_file: str, module_name: str, workdir: str, limits: dict, *, timeout: float,
               start_timeout: float | None = None) -> Worker:
        return Worker(self, student_file, module_name, workdir, limits, timeout=timeout, start_timeout=start_timeout)

    def facts(self, wait: float | None = None) -> dict:
        """What the zygote set up for all its workers, and the backend's name (grading side)."""
        return {**(super().facts() if wait is None else super().facts(wait)), "backend": self.name}


def make_workdir(source: str) -> tuple[str, str]:
    """A fresh worker folder holding a copy of the student file: (folder, copied file). Its name
    carries our pid, so the folders of a grading process that was killed can be found later."""
    workdir = files.owned_tempdir("w")
    os.chmod(workdir, 0o755)
    copy = os.path.join(workdir, os.path.basename(source))
    shutil.copyfile(source, copy)
    os.chmod(copy, 0o644)
    return workdir, copy




class _PidFd:
    """Becomes readable when the process ends, even while a leftover child of it keeps our socket open."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def fileno(self) -> int:
        return self.fd

    def close(self) -> None:
        fd, self.fd = self.fd, -1
        if fd >= 0:
            os.close(fd)


def _pidfd(pid: int) -> _PidFd | None:
    try:
        return _PidFd(os.pidfd_open(pid))
    except (AttributeError, OSError):  # old kernel or Python: fall back to socket EOF alone
        return None


def _after(during: str) -> str:
    return "" if during == "during the call" else f" {during}"




def _stale(message, expect_seq) -> bool:
    seq = message.get("seq") if type(message) is dict else None
    return type(expect_seq) is int and type(seq) is int and seq < expect_seq


def _reply_from(message, expect_seq) -> Reply:
    if type(message) is not dict:
        return Reply("protocol", error={"message": "the worker sent back a malformed reply"})
    status = message.get("status")
    if expect_seq == "isolation":
        facts = message.get("facts") if status == "isolated" else None
        return Reply("ok", result={k: v for k, v in facts.items() if type(v) in (str, bool)}) \
            if type(facts) is dict else Reply("protocol", error={"message": "the worker did not start"})
    if expect_seq is None:  # the hello after import
        ok = status == "ready"
        return Reply("ok" if ok else "import_error", error=_plain_dict(message.get("error")),
                     stdout=str(message.get("stdout", ""))[:4000])
    if message.get("seq") != expect_seq or status not in ("ok", "raised", "not_implemented", "forbidden",
                                                           "missing", "unsendable"):
        return Reply("protocol", error={"message": "the worker's reply does not match the call"})
    args_after = message.get("args_after")
    return Reply(status, result=message.get("result"),
                 args_after=tuple(args_after) if type(args_after) is list else (),
                 kwargs_after=message.get("kwargs_after") if type(message.get("kwargs_after")) is dict else {},
                 identity=message.get("identity") if type(message.get("identity")) is dict else {},
                 error=_plain_dict(message.get("error")), stdout=str(message.get("stdout", ""))[:4000],
                 elapsed=float(message["elapsed"]) if type(message.get("elapsed")) is float else 0.0)


def _plain_dict(value) -> dict:
    if type(value) is not dict:
        return {}
    return {str(k): v for k, v in value.items() if type(v) in (str, int, type(None))}


def describe_exit(status: int | None, during: str = "during the call") -> str:
    """A student-readable sentence for a worker's wait status (os.waitpid's)."""
    if status is None:
        return f"the process stopped responding {during}"
    if os.WIFEXITED(status):
        return describe_exitcode(os.WEXITSTATUS(status), during)
    if os.WIFSIGNALED(status):
        return describe_exitcode(-os.WTERMSIG(status), during)
    return f"the process ended unexpectedly {during}"


# Windows reports a crash as the NTSTATUS that ended the process: said the way POSIX signals are
_WINDOWS_CRASHES = {0xC0000005: "SIGSEGV", 0xC00000FD: "SIGSEGV", 0xC0000409: "SIGABRT", 0x40000015: "SIGABRT",
                    0xC000001D: "SIGILL", 0xC0000094: "SIGFPE"}


def describe_exitcode(code: int | None, during: str = "during the call") -> str:
    """The same sentences for an exit code as multiprocessing gives it: >= 0 the process exited
    with it, < 0 it was killed by signal -code (None: still running or unknown)."""
    if code is None:
        return f"the process stopped responding {during}"
    if code == WORKER_BROKE:
        return (f"the sandbox worker broke down {during} (did the code replace builtins, "
                "sys.stdout or the grader's own functions?)")
    if code >= 0 and (code & 0xFFFFFFFF) in _WINDOWS_CRASHES:
        return _killed_by(_WINDOWS_CRASHES[code & 0xFFFFFFFF], during)
    if code >= 0:
        return f"the process exited with code {code} {during}"
    sig = -code
    name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
    return _killed_by(name, during)


def _killed_by(name: str, during: str) -> str:
    extra = {"SIGSEGV": " (a crash, e.g. invalid memory access)", "SIGXCPU": " (CPU time limit)",
             "SIGKILL": " (killed: time or memory limit)", "SIGABRT": " (aborted)"}.get(name, "")
    return f"the process was killed by {name}{extra} {during}"
