"""Main of a spawned sandbox worker (the spawn backend; runs in the untrusted process).

A spare starts with multiprocessing's spawn machinery, imports torch, numpy and pandas once, says
"warm", and waits. The pool then assigns it one student file: it sets the limits the OS offers
(the `resource` module where importable; on Windows the grading side puts it in a job object),
moves into its throw-away folder, scrubs its environment, reports the isolation it achieved (before
any student code ran) and serves calls with the same `worker.serve` as a forked worker.

Nothing here uses fork, prctl, process groups, POSIX-only signals or (but for one guarded Linux
read of the data segment size) /proc: it must run on Windows and macOS.
"""
from __future__ import annotations

import os
import pickle
import sys
import threading

WARM = b"warm"
PRELOAD = ("numpy", "torch", "pandas")
_IMPORT_ALSO = ("grader.sandbox.worker", "grader.probes", "grader.funcs")


class PipeStream:
    """worker.serve's socket-like view (sendall/recv) of a multiprocessing Connection: one message
    per sendall, and recv(n) reading on through a message received whole."""

    def __init__(self, conn) -> None:
        self.conn = conn
        self.buffer = b""
        self.offset = 0

    def sendall(self, data: bytes) -> None:
        self.conn.send_bytes(data)

    def recv(self, n: int) -> bytes:
        if self.offset >= len(self.buffer):
            try:
                self.buffer, self.offset = self.conn.recv_bytes(), 0
            except (EOFError, OSError):
                return b""
        chunk = self.buffer[self.offset:self.offset + n]
        self.offset += len(chunk)
        return chunk

    def fileno(self) -> int:
        return self.conn.fileno()

    def close(self) -> None:
        self.conn.close()


def main(conn) -> None:
    """Target of the spawned process: warm up, wait for one assignment, serve it, exit."""
    code = 0
    try:
        import signal
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the grading process's to handle
        _quiet_stdio()
        _exit_with_parent()
        _warm_up()
        conn.send_bytes(WARM)
        try:
            assignment = pickle.loads(conn.recv_bytes())  # from the trusted grading side
        except (EOFError, OSError):
            return  # the pool closed without using this spare
        student_file, module_name, workdir, limits = assignment
        facts = enter_worker(workdir, limits)
        from grader.sandbox import worker
        worker.serve(PipeStream(conn), student_file, module_name, facts)
    except BaseException:
        code = 70  # zygote.WORKER_BROKE: the worker's own serving code failed
    finally:
        os._exit(code)


def _warm_up() -> None:
    import importlib
    os.environ.setdefault("MPLBACKEND", "Agg")
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    for name in PRELOAD + _IMPORT_ALSO:
        try:
            importlib.import_module(name)
        except ImportError:  # pandas is optional for a topic that does not use it; probes absent in a handout
            pass
    import torch
    torch.set_num_threads(1)
    for day in ("day1", "day2", "day3", "day4"):
        for name in (f"grader.probes.{day}", f"grader.probes.{day}_hidden", f"grader.funcs.{day}"):
            try:
                importlib.import_module(name)
            except ImportError:
                pass


def _quiet_stdio() -> None:
    """stdin from the null device, stdout/stderr to it: nothing a worker writes below Python's
    print (captured by worker.serve) reaches the student's terminal or the grading process."""
    null_in = os.open(os.devnull, os.O_RDONLY)
    null_out = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null_in, 0)
    os.dup2(null_out, 1)
    os.dup2(null_out, 2)
    os.close(null_in)
    os.close(null_out)


def _exit_with_parent() -> None:
    """End this process when the grading process is gone (the portable stand-in for prctl's
    parent-death signal): a thread waits on multiprocessing's parent sentinel."""
    import multiprocessing
    from multiprocessing.connection import wait
    parent = multiprocessing.parent_process()
    sentinel = getattr(parent, "sentinel", None)
    if sentinel is None:
        return

    def watch() -> None:
        try:
            wait([sentinel])
        except Exception:
            pass
        os._exit(71)

    threading.Thread(target=watch, name="grade-parent-watch", daemon=True).start()


def enter_worker(workdir: str, limits: dict) -> dict:
    """Limits, folder, environment; returns the limits that held (sent before any student code runs)."""
    from grader.sandbox.isolation import DEFAULT_LIMITS
    limits = {**DEFAULT_LIMITS, **(limits or {})}
    achieved = set_limits(limits)
    os.chdir(workdir)
    _scrub_environment(workdir)
    sys.path.append(workdir)
    sys.argv = ["student"]
    return {"worker_process": True, "network": "host", "hidden_folders": False, "separate_uid": False,
            **achieved}


def _scrub_environment(workdir: str) -> None:
    keep = {}
    if os.name == "nt":  # Windows needs these to load DLLs and to find its temp folder
        keep = {k: os.environ[k] for k in ("SYSTEMROOT", "SystemRoot", "WINDIR", "PATH") if k in os.environ}
        keep.update(TEMP=workdir, TMP=workdir, USERPROFILE=workdir)
    else:
        keep = {"PATH": "/usr/bin:/bin", "HOME": workdir, "TMPDIR": workdir, "LANG": "C.UTF-8"}
    os.environ.clear()
    os.environ.update({**keep, "MPLBACKEND": "Agg", "OMP_NUM_THREADS": "1", "USER": "student",
                       "LOGNAME": "student", "PYTHONIOENCODING": "utf-8"})


def set_limits(limits: dict) -> dict:
    """rlimits where the `resource` module exists (Linux, macOS): CPU seconds from now, file size,
    open files, no core files, and a data-segment limit where the OS enforces one (Linux). Returns
    facts saying which held; on Windows the grading side applies a job object instead."""
    try:
        import resource
    except ImportError:
        return {"rlimits": False}
    mb = 2**20
    used = resource.getrusage(resource.RUSAGE_SELF)
    cpu_now = int(used.ru_utime + used.ru_stime) + 1
    pairs = {"cpu_limit": [(resource.RLIMIT_CPU, cpu_now + int(limits["cpu_seconds"]))],
             "file_limit": [(resource.RLIMIT_FSIZE, int(limits["file_mb"]) * mb), (resource.RLIMIT_CORE, 0),
                            (resource.RLIMIT_NOFILE, int(limits["nofile"]))]}
    data_now = _data_segment_bytes()
    if data_now is not None:
        pairs["memory_limit"] = [(resource.RLIMIT_DATA, data_now + int(limits["memory_mb"]) * mb)]
    facts = {"rlimits": True, "memory_limit": False}
    for fact, settings in pairs.items():
        held = True
        for which, value in settings:
            try:
                _soft, hard = resource.getrlimit(which)
                value = value if hard == resource.RLIM_INFINITY else min(value, hard)
                resource.setrlimit(which, (value, value))
            except (ValueError, OSError):
                held = False
        facts[fact] = held
    if hasattr(resource, "RLIMIT_FSIZE"):
        try:
            import signal
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # over-size writes fail with an error instead
        except (AttributeError, ValueError, OSError):
            pass
    return facts


def _data_segment_bytes() -> int | None:
    """The data segment already in use (torch maps a lot), on Linux only: macOS does not enforce
    RLIMIT_DATA, so there the memory limit is reported as not held."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("VmData:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        return None
    return None
