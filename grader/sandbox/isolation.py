"""OS-level isolation for sandbox workers: limits, session, uid, namespaces, hidden folders.

Every step is best effort where the host may forbid it (containers, non-root users), and what was
achieved is recorded by `probe()` so a report can say what a score is worth.
"""
from __future__ import annotations

import os
import signal
import sys

from grader import paths
from grader.sandbox.processes import _libc, close_fds_except, die_with_parent

SANDBOX_UID = 65534  # "nobody": the unprivileged uid for student code when no per-worker uid is mapped
SANDBOX_UID_BASE = 1_000_000  # per-worker uid = base + pid, so kill(-1) and RLIMIT_NPROC stay per worker
SCRATCH_DIRS = ("/tmp", "/var/tmp", "/dev/shm", "/run/lock")  # world-writable: replaced by private tmpfs
CLONE_NEWNS = 0x00020000
CLONE_NEWNET = 0x40000000
MS_BIND, MS_MOVE, MS_REC, MS_PRIVATE = 0x1000, 0x2000, 0x4000, 0x40000
DEFAULT_LIMITS = {"memory_mb": 3072, "cpu_seconds": 120, "file_mb": 64, "nproc": 256, "nofile": 256,
                  "scratch_mb": 256}

# libc is processes' lazily loaded one (loaded once in the warm parent, inherited by every fork);
# `resource` too is imported where used: this module must import on any OS


def kill_uid(uid: int) -> None:
    """SIGKILL every process of a per-worker uid in one go: kill(-1) from a child running as that
    uid, which a fork chain cannot outrun (the kernel holds forks off while it signals)."""
    if uid == SANDBOX_UID or uid < SANDBOX_UID_BASE or os.geteuid() != 0:
        return
    pid = os.fork()
    if pid == 0:
        try:
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
            os.kill(-1, signal.SIGKILL)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)


def uid_has_other_processes(uid: int, besides: int) -> bool:
    """Whether a process of `uid` other than `besides` exists (a cheap /proc scan before a sweep)."""
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) != besides:
            try:
                if os.stat(f"/proc/{entry}").st_uid == uid:
                    return True
            except OSError:
                continue
    return False


def enter_zygote(hidden: tuple[str, ...]) -> dict | None:
    """As root, once per zygote: no network, hidden folders, passable private ancestors. Every
    worker inherits them and adds only its own mount namespace (private /tmp and workdir): one
    network namespace and a handful of tmpfs per zygote instead of per worker (their setup and the
    kernel's teardown cost ~8 ms a worker). None when not root: workers do what they can alone."""
    return _unshare_root(hidden) if os.geteuid() == 0 else None


def enter_worker(workdir: str, hidden: tuple[str, ...], limits: dict, keep_fds: tuple[int, ...],
                 shared: dict | None = None) -> dict:
    """Turn a freshly forked zygote child into an isolated worker; return the isolation achieved.
    `shared`: what the zygote already set up for all its workers (see enter_zygote)."""
    os.setsid()
    die_with_parent()
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGCHLD, signal.SIGPIPE):
        signal.signal(sig, signal.SIG_DFL)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # over-size writes fail with an error instead
    close_fds_except(*keep_fds)
    _redirect_stdio(workdir)
    facts = {"network": "host", "hidden_folders": False, "separate_uid": False}
    limits = {**DEFAULT_LIMITS, **(limits or {})}
    if os.geteuid() == 0:
        facts = _unshare_root(hidden) if shared is None else _own_mount_namespace(shared)
        if facts["separate_uid"]:
            facts["private_tmp"] = _private_scratch(workdir, limits["scratch_mb"])
    drop = facts["separate_uid"]
    uid = sandbox_uid()
    if drop:
        os.chown(workdir, uid, uid)
    _set_limits(limits, drop_uid=drop)
    if drop:
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
    os.chdir(workdir)
    os.environ.clear()
    os.environ.update({"PATH": "/usr/bin:/bin", "HOME": workdir, "TMPDIR": workdir, "LANG": "C.UTF-8",
                       "MPLBACKEND": "Agg", "OMP_NUM_THREADS": "1", "USER": "student", "LOGNAME": "student"})
    sys.path.append(workdir)
    sys.argv = ["student"]
    die_with_parent()  # cleared by the uid change above, so set again
    import torch
    torch.set_num_threads(1)
    return {"worker_process": True, **facts}


def sandbox_uid(pid: int | None = None) -> int:
    """This worker's own uid (no passwd entry needed) where the user namespace maps it, else nobody."""
    uid = SANDBOX_UID_BASE + (os.getpid() if pid is None else pid)
    try:
        with open("/proc/self/uid_map", encoding="ascii") as fh:
            ranges = [tuple(map(int, line.split())) for line in fh if line.strip()]
    except (OSError, ValueError):
        return SANDBOX_UID
    return uid if any(inside <= uid < inside + count for inside, _, count in ranges) else SANDBOX_UID


def _private_scratch(workdir: str, size_mb: int) -> bool:
    """As root in our own mount namespace: SCRATCH_DIRS and the workdir become small private
    tmpfs, so code can neither fill the host's disk (many files under RLIMIT_FSIZE each) nor see
    other submissions' files. A folder holding an import path is left alone."""
    saved = {}
    for name in os.listdir(workdir):
        path = os.path.join(workdir, name)
        if os.path.isfile(path) and not os.path.islink(path) and name != ".output":
            with open(path, "rb") as fh:
                saved[name] = fh.read()
    needed = [os.path.realpath(p) for p in [*sys.path, sys.prefix, str(paths.PACKAGE)] if p]
    opts = f"size={int(size_mb)}m,mode=1777"
    folders = list(dict.fromkeys(os.path.realpath(d) for d in SCRATCH_DIRS if os.path.isdir(d)))
    replaced = []
    for folder in folders:
        if not any(n == folder or n.startswith(folder + "/") for n in needed):
            if _libc.mount(b"tmpfs", folder.encode(), b"tmpfs", 0, opts.encode()) == 0:
                replaced.append(folder)
    real = os.path.realpath(workdir)
    os.makedirs(real, exist_ok=True)
    if not any(real.startswith(folder + "/") for folder in replaced):
        if _libc.mount(b"tmpfs", real.encode(), b"tmpfs", 0, f"size={int(size_mb)}m,mode=0755".encode()) != 0:
            return False
    for name, data in saved.items():
        with open(os.path.join(real, name), "wb") as fh:
            fh.write(data)
        os.chmod(os.path.join(real, name), 0o644)
    return len(replaced) == len(folders)




def _redirect_stdio(workdir: str) -> None:
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    out = os.open(os.path.join(workdir, ".output"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(out, 1)
    os.dup2(out, 2)
    os.close(out)


def _unshare_root(hidden: tuple[str, ...]) -> dict:
    """As root: no network, solution/spec folders emptied, private dirs on sys.path made passable."""
    facts = {"network": "host", "hidden_folders": False, "separate_uid": False}
    if _libc.unshare(CLONE_NEWNET) == 0:
        facts["network"] = "none"
    if _libc.unshare(CLONE_NEWNS) != 0 or _libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None) != 0:
        return facts
    hide = dict.fromkeys(os.path.realpath(p) for p in [*hidden, *also_hidden(hidden)])
    facts["hidden_folders"] = all(_mount_empty(p) for p in hide if os.path.isdir(p))
    facts["separate_uid"] = _open_private_ancestors(sys.path + [str(paths.PACKAGE.parent)])
    return facts


def _own_mount_namespace(shared: dict) -> dict:
    """A copy of the zygote's mount namespace, so this worker's own mounts stay its own. Without
    one, no private /tmp (mounting there would reach the zygote and every later worker) and hence
    no separate uid either."""
    facts = dict(shared)
    if _libc.unshare(CLONE_NEWNS) != 0 or _libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None) != 0:
        facts["separate_uid"] = False
    return facts


def also_hidden(hidden: tuple[str, ...]) -> list[str]:
    """Secrets besides the run's hidden folders: the quiz answer key inside the grader package, and
    the .git of every repository holding a hidden folder (its history holds solutions and specs)."""
    extra = [str(paths.QUIZ_KEY)]
    for path in hidden:
        parent = os.path.dirname(os.path.realpath(path))
        while parent != os.path.dirname(parent):
            extra += git_dirs(os.path.join(parent, ".git"))
            parent = os.path.dirname(parent)
    return extra


def git_dirs(dot_git: str) -> list[str]:
    """The folders holding a repository's history: `.git` itself, or for a worktree or submodule
    (where `.git` is a file saying `gitdir: …`) that folder and the main repository's."""
    if os.path.isdir(dot_git):
        return [dot_git]
    try:
        with open(dot_git, encoding="utf-8") as fh:
            line = fh.readline().strip()
    except (OSError, UnicodeDecodeError):
        return []
    if not line.startswith("gitdir:"):
        return []
    gitdir = os.path.normpath(os.path.join(os.path.dirname(dot_git), line[len("gitdir:"):].strip()))
    found = [gitdir]
    try:
        with open(os.path.join(gitdir, "commondir"), encoding="utf-8") as fh:
            found.append(os.path.normpath(os.path.join(gitdir, fh.readline().strip())))
    except (OSError, UnicodeDecodeError):
        pass
    return found


def _mount_empty(path: str, mode: str = "0") -> bool:
    return _libc.mount(b"tmpfs", path.encode(), b"tmpfs", 0, f"size=64k,mode={mode}".encode()) == 0


def _open_private_ancestors(paths: list[str]) -> bool:
    """Replace each non-traversable ancestor (e.g. /root, 0700) of the import paths by a 0755 tmpfs
    holding only the needed children, bind-mounted back; everything else there stays invisible."""
    needed: dict[str, set[str]] = {}
    for path in filter(os.path.isdir, paths):
        parts = os.path.realpath(path).strip("/").split("/")
        for depth in range(1, len(parts)):
            ancestor = "/" + "/".join(parts[:depth])
            if not os.stat(ancestor).st_mode & 0o001:
                needed.setdefault(ancestor, set()).add(parts[depth])
                break
    for ancestor, children in needed.items():
        staged = []
        for child in children:
            stage = f"/tmp/.grade-stage-{os.getpid()}-{len(staged)}"
            os.makedirs(stage, exist_ok=True)
            if _libc.mount(f"{ancestor}/{child}".encode(), stage.encode(), None, MS_BIND | MS_REC, None) != 0:
                return False
            staged.append((child, stage))
        if not _mount_empty(ancestor, "0755"):
            return False
        for child, stage in staged:
            os.makedirs(f"{ancestor}/{child}", exist_ok=True)
            if _libc.mount(stage.encode(), f"{ancestor}/{child}".encode(), None, MS_MOVE, None) != 0:
                return False
            os.rmdir(stage)
    return True


def _set_limits(limits: dict, drop_uid: bool) -> None:
    import resource
    mb = 2**20
    data_now = _vm_data_bytes()
    pairs = [(resource.RLIMIT_DATA, data_now + limits["memory_mb"] * mb),
             (resource.RLIMIT_CPU, int(limits["cpu_seconds"])),
             (resource.RLIMIT_FSIZE, limits["file_mb"] * mb),
             (resource.RLIMIT_CORE, 0),
             (resource.RLIMIT_NOFILE, limits["nofile"])]
    if drop_uid:
        pairs.append((resource.RLIMIT_NPROC, limits["nproc"]))
    for which, value in pairs:
        try:
            soft, hard = resource.getrlimit(which)
            value = value if hard == resource.RLIM_INFINITY else min(value, hard)
            resource.setrlimit(which, (value, value))
        except (ValueError, OSError):
            pass


def _vm_data_bytes() -> int:
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("VmData:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0
