"""Windows job objects for spawned workers: the limits Windows offers instead of rlimits.

A worker process is assigned to its own job with a per-process memory limit (committed memory
above what it already uses after its imports), a CPU (user) time limit counted from now, no child
processes, no crash dialog, and kill-on-close: closing the job's handle (or the grading process
ending) ends the worker. Only imported on Windows (ctypes.windll); written against the Win32 API
documentation, it cannot be exercised on the Linux machines the test suite runs on.
"""
from __future__ import annotations

import ctypes
from ctypes import wintypes

JobObjectExtendedLimitInformation = 9
JOB_OBJECT_LIMIT_PROCESS_TIME = 0x00000002
JOB_OBJECT_LIMIT_ACTIVE_PROCESS = 0x00000008
JOB_OBJECT_LIMIT_PROCESS_MEMORY = 0x00000100
JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION = 0x00000400
JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE = 0x00002000


class _Basic(ctypes.Structure):
    _fields_ = [("PerProcessUserTimeLimit", ctypes.c_int64), ("PerJobUserTimeLimit", ctypes.c_int64),
                ("LimitFlags", ctypes.c_uint32), ("MinimumWorkingSetSize", ctypes.c_size_t),
                ("MaximumWorkingSetSize", ctypes.c_size_t), ("ActiveProcessLimit", ctypes.c_uint32),
                ("Affinity", ctypes.c_size_t), ("PriorityClass", ctypes.c_uint32),
                ("SchedulingClass", ctypes.c_uint32)]


class _IoCounters(ctypes.Structure):
    _fields_ = [(name, ctypes.c_uint64) for name in ("ReadOperationCount", "WriteOperationCount",
                                                     "OtherOperationCount", "ReadTransferCount",
                                                     "WriteTransferCount", "OtherTransferCount")]


class _Extended(ctypes.Structure):
    _fields_ = [("BasicLimitInformation", _Basic), ("IoInfo", _IoCounters),
                ("ProcessMemoryLimit", ctypes.c_size_t), ("JobMemoryLimit", ctypes.c_size_t),
                ("PeakProcessMemoryUsed", ctypes.c_size_t), ("PeakJobMemoryUsed", ctypes.c_size_t)]


class _MemoryCounters(ctypes.Structure):
    _fields_ = [("cb", ctypes.c_uint32), ("PageFaultCount", ctypes.c_uint32)] + \
               [(name, ctypes.c_size_t) for name in ("PeakWorkingSetSize", "WorkingSetSize",
                                                     "QuotaPeakPagedPoolUsage", "QuotaPagedPoolUsage",
                                                     "QuotaPeakNonPagedPoolUsage", "QuotaNonPagedPoolUsage",
                                                     "PagefileUsage", "PeakPagefileUsage", "PrivateUsage")]


class Job:
    """A job object handle; close() ends every process in it (kill-on-close)."""

    def __init__(self, handle) -> None:
        self.handle = handle

    def close(self) -> None:
        handle, self.handle = self.handle, None
        if handle:
            ctypes.windll.kernel32.CloseHandle(handle)


def limit(process_handle: int, limits: dict) -> Job | None:
    """Create a job with the limits and assign the process to it; None if Windows refuses."""
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.CreateJobObjectW.restype = wintypes.HANDLE
    job = kernel32.CreateJobObjectW(None, None)
    if not job:
        return None
    info = _Extended()
    basic = info.BasicLimitInformation
    basic.LimitFlags = (JOB_OBJECT_LIMIT_PROCESS_TIME | JOB_OBJECT_LIMIT_ACTIVE_PROCESS
                        | JOB_OBJECT_LIMIT_PROCESS_MEMORY | JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION
                        | JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE)
    basic.ActiveProcessLimit = 1
    basic.PerProcessUserTimeLimit = (_user_time(kernel32, process_handle) + int(limits["cpu_seconds"])) * 10_000_000
    info.ProcessMemoryLimit = _private_bytes(kernel32, process_handle) + int(limits["memory_mb"]) * 2**20
    ok = kernel32.SetInformationJobObject(wintypes.HANDLE(job), JobObjectExtendedLimitInformation,
                                          ctypes.byref(info), ctypes.sizeof(info))
    if ok and kernel32.AssignProcessToJobObject(wintypes.HANDLE(job), wintypes.HANDLE(process_handle)):
        return Job(job)
    kernel32.CloseHandle(wintypes.HANDLE(job))
    return None


def _user_time(kernel32, process_handle: int) -> int:
    """Seconds of user time the process used so far (its imports)."""
    times = [wintypes.FILETIME() for _ in range(4)]
    if not kernel32.GetProcessTimes(wintypes.HANDLE(process_handle), *[ctypes.byref(t) for t in times]):
        return 0
    user = times[3]
    return ((user.dwHighDateTime << 32) | user.dwLowDateTime) // 10_000_000 + 1


def _private_bytes(kernel32, process_handle: int) -> int:
    """Committed private memory of the process now (torch & co. already imported)."""
    counters = _MemoryCounters()
    counters.cb = ctypes.sizeof(counters)
    if kernel32.K32GetProcessMemoryInfo(wintypes.HANDLE(process_handle), ctypes.byref(counters), counters.cb):
        return int(counters.PrivateUsage)
    return 0
