"""Make forking the warm process cheap: back its anonymous memory with transparent huge pages.

After `import torch` a process holds ~270 MB of anonymous memory (malloc heap, Python arenas).
fork() copies one page-table entry per 4 KiB page of it and exit() tears them down again: ~12 ms
per sandbox worker here, 16 workers a submission. Collapsing those regions into 2 MiB pages
(madvise MADV_COLLAPSE, Linux >= 6.1, independent of the sysfs THP mode) leaves one entry per
2 MiB: fork+exit drops to ~4 ms. Children share the huge pages copy-on-write as before. A batch
pays the collapse once (~0.5 s); on kernels without it nothing changes.
"""
from __future__ import annotations

import ctypes
import ctypes.util

MADV_COLLAPSE = 25
HUGE = 2 << 20


def collapse_anonymous_memory() -> int:
    """Collapse this process's private anonymous regions into huge pages; returns MiB collapsed."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
        with open("/proc/self/maps", encoding="ascii", errors="replace") as fh:
            regions = [r for r in map(_anonymous_region, fh) if r]
    except (OSError, AttributeError):
        return 0
    done = 0
    for start, end in regions:
        if libc.madvise(start, end - start, MADV_COLLAPSE) == 0:
            done += end - start
    return done >> 20


def _anonymous_region(line: str) -> tuple[int, int] | None:
    """The 2 MiB-aligned part of a private, writable, anonymous mapping of /proc/self/maps."""
    parts = line.split()
    if len(parts) < 5 or parts[1] != "rw-p" or (len(parts) > 5 and parts[5] != "[heap]"):
        return None
    low, high = (int(x, 16) for x in parts[0].split("-"))
    start, end = -(-low // HUGE) * HUGE, high // HUGE * HUGE
    return (start, end) if end - start >= HUGE else None
