"""The spawn backend, grading side: a small pool of pre-started worker processes, and the handle
on one of them.

Where fork-based workers are not available (Windows, macOS, hosts without os.fork or `resource`),
workers are fresh Python processes started with multiprocessing's spawn machinery. Each imports
torch, numpy and pandas once (seconds), then waits as a warm spare until the pool assigns it one
topic's student file (see spawned.py). Spares are started before they are needed (at the start of
a grading session, while pytest collects), and a replacement is started each time one is taken,
so their import time overlaps useful work.

Same protocol and trust boundary as the fork backend: requests are wire frames, replies codec
messages decoded through the allow-list; a call that overruns its deadline kills the worker
process; a crash, an exit or a kill is described in the same words (handle.describe_exitcode).
Portable waits only (multiprocessing.connection.wait on the pipe and the process sentinel): no
signals, process groups, prctl or /proc on this side.
"""
from __future__ import annotations

import atexit
import contextlib
import pickle
import sys
import time
import types
from multiprocessing.connection import wait

from grader.sandbox import codec, spawned, wire, worker
from grader.sandbox.handle import Reply, _after, _reply_from, _stale, describe_exitcode

MAX_REPLY = codec.MAX_BLOB_BYTES + 80 * 2**20  # bytes one reply may take (header and blobs), then the worker is killed
WARM_TIMEOUT = 180.0   # a spare's own imports (not the student's): generous, a loaded laptop is slow
SPARES = 2


class ReplyTooLarge(Exception):
    pass


_SHARED: list["SpawnPool"] = []


def shared_pool() -> "SpawnPool | None":
    """The pool of the current warm session (grading.session), shared by its runs; None outside one."""
    return _SHARED[-1] if _SHARED else None


def share(pool: "SpawnPool | None") -> None:
    """Make `pool` the warm session's pool (None: the session ended)."""
    _SHARED.clear()
    if pool is not None:
        _SHARED.append(pool)


def pids() -> set[int]:
    """The processes of the shared pool (spares and live workers): a sweep must spare the spares."""
    pool = shared_pool()
    return set() if pool is None else pool.pids()


class SpawnPool:
    """Pre-started warm spares; `worker()` hands one a student file and starts a replacement."""

    name = "spawn"

    def __init__(self, spares: int = SPARES, hidden: tuple[str, ...] = (), floor: int = 0) -> None:
        import multiprocessing
        self.context = multiprocessing.get_context("spawn")
        self.spares_wanted = max(1, spares)
        self.floor = floor  # spares kept warm even when no run expects workers (watch, check)
        self.hidden = hidden  # recorded only: spawned workers cannot hide folders
        self.spares: list[_Spare] = []
        self.live: set = set()   # processes handed out and not yet killed
        self.expected: int | None = None  # workers the current run still needs (None: unknown)
        self.started = 0
        self.closed = False
        self.job_limits = _windows_job_available()
        atexit.register(self.close)

    # ---------------------------------------------------------- the backend interface
    def start(self, spares: int | None = None) -> "SpawnPool":
        """Start spares (without waiting for them) so they warm up while other work goes on."""
        self._refill(self.spares_wanted if spares is None else spares)
        return self

    def expect(self, workers: int | None) -> None:
        """How many workers the coming run will take (one per topic): no more spares start than
        that (a crashed or killed worker adds one: see lost())."""
        self.expected = workers
        self._refill()

    def lost(self) -> None:
        """A worker crashed, exited or was killed mid-topic: its replacement starts now."""
        if self.expected is not None:
            self.expected += 1
        self._refill()

    def worker(self, student_file: str, module_name: str, workdir: str, limits: dict, *, timeout: float,
               start_timeout: float | None = None) -> "SpawnWorker":
        spare = self._take()
        if self.expected is not None:
            self.expected = max(0, self.expected - 1)
        self._refill()
        return SpawnWorker(self, spare, student_file, module_name, workdir, limits, timeout=timeout,
                           start_timeout=start_timeout)

    def facts(self) -> dict:
        """What the grading side itself establishes about spawned workers."""
        return {"backend": self.name, "call_timeouts": "kill", "reply_limit_mb": MAX_REPLY >> 20,
                "job_object": bool(self.job_limits)}

    def pids(self) -> set[int]:
        return {s.proc.pid for s in self.spares if s.proc.pid} | {p.pid for p in self.live if p.pid}

    def close(self) -> None:
        """Kill every spare and every worker still alive."""
        for spare in self.spares:
            spare.kill()
        self.spares = []
        for proc in list(self.live):
            _kill(proc)
        self.live.clear()
        self.closed = True

    # ---------------------------------------------------------- spares
    def _refill(self, target: int | None = None) -> None:
        if self.closed:
            return
        want = self.spares_wanted if target is None else target
        if self.expected is not None:
            want = max(self.floor, min(want, self.expected))
        for spare in [s for s in self.spares if not s.alive()]:
            spare.kill()  # reaped, its pipe closed
            self.spares.remove(spare)
        while len(self.spares) < want:
            self.spares.append(_Spare(self.context))
            self.started += 1

    def _take(self) -> "_Spare":
        """The first spare that is warm (waiting for one if none is yet); dead ones are replaced."""
        if self.closed:
            raise RuntimeError("the worker pool is closed")
        deadline = time.monotonic() + WARM_TIMEOUT
        for _attempt in range(4):
            if not self.spares:  # whatever the run expected: this call needs one
                self.spares.append(_Spare(self.context))
                self.started += 1
            ready = next((s for s in self.spares if s.is_warm()), None)
            while ready is None and time.monotonic() < deadline:
                waiting = [s for s in self.spares if s.alive()]
                if not waiting:
                    break
                wait([w for s in waiting for w in (s.conn, s.proc.sentinel)], max(0.0, deadline - time.monotonic()))
                ready = next((s for s in waiting if s.is_warm()), None)
                dead = [s for s in self.spares if not s.alive()]
                for s in dead:
                    s.kill()
                    self.spares.remove(s)
            if ready is not None:
                self.spares.remove(ready)
                self.live.add(ready.proc)
                return ready
            for spare in self.spares:  # none became warm: start over with fresh ones
                spare.kill()
            self.spares = []
        raise RuntimeError("no sandbox worker could be started (spawned Python processes did not warm up)")


class _Spare:
    """One spawned process on its way to warm (or warm and waiting)."""

    def __init__(self, context) -> None:
        self.conn, child = context.Pipe(duplex=True)
        self.proc = context.Process(target=spawned.main, args=(child,), name="grade-worker", daemon=True)
        with _without_main(), _without_resource_tracker(), _ctrl_c_ignored():
            self.proc.start()
        child.close()
        self.warm = False

    def is_warm(self) -> bool:
        if not self.warm:
            try:
                if self.conn.poll(0):
                    self.warm = self.conn.recv_bytes(64) == spawned.WARM
            except (EOFError, OSError):
                self.warm = False
        return self.warm

    def alive(self) -> bool:
        return self.proc.is_alive()

    def kill(self) -> None:
        _kill(self.proc)
        try:
            self.conn.close()
        except OSError:
            pass


@contextlib.contextmanager
def _without_main():
    """Start a spawned process without multiprocessing re-running our __main__ in it: the
    `grade` script would only cost time, but a student's notebook or script calling
    grader.check() without an `if __name__ == "__main__"` guard would run again in every worker."""
    saved = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if saved is not None:
            sys.modules["__main__"] = saved


@contextlib.contextmanager
def _ctrl_c_ignored():
    """Start the worker with SIGINT ignored (inherited through exec): Ctrl-C in the terminal reaches
    the whole process group, and stopping is the grading process's job, not a traceback from a
    spare half-way through its start-up. Windows: the worker ignores it from its first line."""
    import signal
    try:
        saved = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except (ValueError, OSError):  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, saved)


@contextlib.contextmanager
def _without_resource_tracker():
    """On POSIX, multiprocessing's spawn starts a resource-tracker process (for semaphores and
    shared memory, which workers do not use) that would outlive grading runs and be swept as a
    leftover: hand the worker the null device as its tracker instead."""
    if sys.platform == "win32":
        yield
        return
    import os
    from multiprocessing import resource_tracker
    saved = resource_tracker.getfd
    null = os.open(os.devnull, os.O_WRONLY)
    resource_tracker.getfd = lambda: null
    try:
        yield
    finally:
        resource_tracker.getfd = saved
        os.close(null)


def _kill(proc) -> None:
    try:
        if proc.is_alive():
            proc.kill()
        proc.join(5.0)
    except (OSError, ValueError, AssertionError):
        pass


class SpawnWorker:
    """One spawned worker serving one student file; the same interface as handle.Worker."""

    def __init__(self, pool: SpawnPool, spare: _Spare, student_file: str, module_name: str, workdir: str,
                 limits: dict, timeout: float, start_timeout: float | None = None) -> None:
        self.pool, self.timeout = pool, timeout
        self.proc, self.conn = spare.proc, spare.conn
        self.pid = self.proc.pid
        self.isolation: dict = {}
        self.seq = 0
        self.buffer, self.offset = b"", 0
        self.job = None
        start = start_timeout or timeout
        if pool.job_limits:
            self.job = _windows_job(self.proc, limits)
        try:
            self.conn.send_bytes(pickle.dumps((student_file, module_name, workdir, limits)))
        except OSError:
            pass
        facts = self._read(start, expect_seq="isolation", during="while starting")
        if facts.status == "ok":
            self.isolation = {**facts.result, **pool.facts(), "job_object": self.job is not None}
            try:
                self.conn.send_bytes(worker.GO)  # nothing to look at from outside here: go on
            except (OSError, ValueError):
                pass  # it died: the hello says how
            self.hello = self._read(start, expect_seq=None, during="while the file was imported")
        else:
            self.hello = facts

    def call(self, name: str, args: tuple, kwargs: dict, timeout: float | None = None,
             probe=None, forbid: tuple = ()) -> Reply:
        self.seq += 1
        request = {"seq": self.seq, "name": name, "args": args, "kwargs": kwargs,
                   "probe": probe, "forbid": tuple(forbid)}
        try:
            data = wire.dumps(request)
            self.conn.send_bytes(wire.LENGTH.pack(len(data)) + data)
        except (OSError, ValueError):
            return self._death(0.0)
        return self._read(timeout or self.timeout, expect_seq=self.seq)

    def _read(self, timeout: float, expect_seq, during: str = "during the call") -> Reply:
        start = time.monotonic()
        deadline = start + timeout
        total = [0]
        try:
            message = codec.read_message(lambda n: self._exact(n, deadline, total))
            while _stale(message, expect_seq):
                message = codec.read_message(lambda n: self._exact(n, deadline, total))
        except TimeoutError:
            self.kill(lost=True)
            return Reply("timeout", error={"message": f"timed out after {timeout:g} s{_after(during)}"},
                         elapsed=time.monotonic() - start)
        except EOFError:
            return self._death(time.monotonic() - start, during)
        except ReplyTooLarge:
            self.kill(lost=True)
            return Reply("protocol", error={"message": "the worker sent back something unreadable (the returned "
                                                       f"data is larger than {MAX_REPLY >> 20} MiB)"})
        except (codec.DecodeError, ValueError) as exc:
            self.kill(lost=True)
            return Reply("protocol", error={"message": f"the worker sent back something unreadable ({exc})"})
        return _reply_from(message, expect_seq)

    def _exact(self, n: int, deadline: float, total: list) -> bytes:
        """Exactly `n` bytes of the reply stream before `deadline` (TimeoutError), EOFError once
        the worker is gone, ReplyTooLarge past MAX_REPLY bytes for one reply."""
        while len(self.buffer) - self.offset < n:
            if self.conn is None:
                raise EOFError
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            if not self.conn.poll(0):
                ready = wait([self.conn, self.proc.sentinel], left)
                if not ready:
                    raise TimeoutError
                if self.conn not in ready and not self.conn.poll(0):
                    raise EOFError  # the process ended; what it sent before was already read
            try:
                chunk = self.conn.recv_bytes(max(1, MAX_REPLY - total[0]))
            except (EOFError, ConnectionError):
                raise EOFError from None
            except OSError:  # longer than the room left: multiprocessing refuses to read it
                raise ReplyTooLarge from None
            total[0] += len(chunk)
            if total[0] > MAX_REPLY:
                raise ReplyTooLarge
            self.buffer, self.offset = self.buffer[self.offset:] + chunk, 0
        data = self.buffer[self.offset:self.offset + n]
        self.offset += n
        return data

    def _death(self, elapsed: float, during: str = "during the call") -> Reply:
        self.proc.join(2.0)
        code = self.proc.exitcode
        self.kill(lost=True)
        return Reply("crashed", error={"message": describe_exitcode(code, during)}, elapsed=elapsed)

    def kill(self, lost: bool = False) -> None:
        if self.proc in self.pool.live and lost:
            self.pool.lost()
        _kill(self.proc)
        self.pool.live.discard(self.proc)
        if self.conn is not None:
            try:
                self.conn.close()
            except OSError:
                pass
            self.conn = None
        if self.job is not None:
            self.job.close()
            self.job = None
        self.hello = Reply("crashed", error={"message": "worker stopped"})


# ---------------------------------------------------------------- Windows: job objects
def _windows_job_available() -> bool:
    return sys.platform == "win32"


def _windows_job(proc, limits: dict):
    """Put a spawned worker in a job object with a memory and CPU-time limit and no child
    processes (Windows has no rlimits); None when Windows refuses (the isolation facts say so)."""
    try:
        from grader.sandbox import winjob
        return winjob.limit(proc.sentinel, limits)
    except Exception:
        return None
