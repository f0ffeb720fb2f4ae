"""OS-level isolation for sandbox workers: limits, session, uid, namespaces, hidden folders.

Three settings (see docs/security.md): as root ("root": a uid per worker, network and mount
namespaces), as a normal user where the kernel allows unprivileged user namespaces ("userns": a
user namespace per zygote with network and mount namespaces, a read-only view of the file system,
and a PID namespace per worker whose init is the worker), or neither ("none": limits only,
advisory). Every step is best effort; what a worker really got is established from outside it by
`observe()` (its namespaces, uid, capabilities and mounts, read from /proc by the grading process),
never taken from a process that ran student code.
"""
from __future__ import annotations

import ctypes
import os
import re
import signal
import sys

from grader import paths
from grader.sandbox.processes import _libc, close_fds_except, die_with_parent

SANDBOX_UID = 65534  # "nobody": the unprivileged uid for student code when no per-worker uid is mapped
SANDBOX_UID_BASE = 1_000_000  # per-worker uid = base + pid, so kill(-1) and RLIMIT_NPROC stay per worker
SCRATCH_DIRS = ("/tmp", "/var/tmp", "/dev/shm", "/run/lock")  # world-writable: replaced by private tmpfs
CLONE_NEWNS = 0x00020000
CLONE_NEWNET = 0x40000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWIPC = 0x08000000
SYS_KEYCTL, KEYCTL_JOIN_SESSION_KEYRING = 250, 1
CLONE_NEWPID = 0x20000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 0x1, 0x2, 0x4, 0x8
SYS_MOUNT_SETATTR, AT_FDCWD, AT_RECURSIVE, MOUNT_ATTR_RDONLY = 442, -100, 0x8000, 0x1
SYS_CAPSET, CAPABILITY_V3, PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS = 126, 0x20080522, 24, 38
USERNS_SWITCH = "GRADER_USERNS"  # "0": never try user namespaces (tests of the unisolated setting)
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


def enter_zygote(hidden: tuple[str, ...]) -> dict:
    """Once per zygote: what every worker inherits. As root: no network, hidden folders, passable
    private ancestors; each worker adds only its own mount namespace (private /tmp and workdir):
    one network namespace and a handful of tmpfs per zygote instead of per worker (their setup and
    the kernel's teardown cost ~8 ms a worker). As a normal user: the same from a user namespace
    (see _unshare_user) when the kernel allows one. Returns the setting and what was set up."""
    if os.geteuid() == 0:
        return {"setting": "root", **_unshare_root(hidden)}
    if userns_allowed():
        facts = _unshare_user(hidden)
        if facts is not None:
            return facts
    return {"setting": "none", "network": "host", "hidden_folders": False, "separate_uid": False}


def userns_allowed() -> bool:
    """Whether this process may try user namespaces (the switch is for tests and debugging)."""
    return os.environ.get(USERNS_SWITCH, "1") != "0"


def available_setting() -> str:
    """The best setting this host gives a grader started by this user: "root", "userns" (unprivileged
    user, PID, mount and network namespaces all work, tried in a short-lived child) or "none"."""
    if os.geteuid() == 0:
        return "root"
    if not userns_allowed():
        return "none"
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            facts = _unshare_user(())
            if facts is not None and facts["network"] == "none" and facts["read_only"] \
                    and enter_worker_namespaces():  # what each worker needs on top (see zygote.py)
                child = os.fork()
                if child == 0:
                    ok = _libc.unshare(CLONE_NEWNS) == 0 and _mount_proc()
                    os._exit(0 if ok else 1)
                code = 0 if os.waitpid(child, 0)[1] == 0 else 1
        finally:
            os._exit(code)
    return "userns" if os.waitpid(pid, 0)[1] == 0 else "none"


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
    _libc.syscall(SYS_KEYCTL, KEYCTL_JOIN_SESSION_KEYRING, None)  # a new, empty session keyring: no inherited keys
    facts = {"network": "host", "hidden_folders": False, "separate_uid": False}
    limits = {**DEFAULT_LIMITS, **(limits or {})}
    userns = (shared or {}).get("setting") == "userns"
    if not userns:
        _redirect_stdio(workdir)
    if os.geteuid() == 0:
        facts = _unshare_root(hidden) if shared is None else _own_mount_namespace(shared)
        if facts["separate_uid"]:
            facts["private_tmp"] = _private_scratch(workdir, limits["scratch_mb"])
    elif userns:  # pid 1 of a fresh PID namespace inside the zygote's user namespace (see zygote.py)
        facts = _own_mount_namespace({**shared, "separate_uid": True})
        own, facts["separate_uid"] = facts["separate_uid"], False  # the same uid, in a namespace
        if own:
            facts["proc"] = _mount_proc()
            facts["private_tmp"] = _private_scratch(workdir, limits["scratch_mb"])
        _redirect_stdio(os.path.realpath(workdir))  # the file system is read-only but for the scratch tmpfs
    drop = facts["separate_uid"]
    uid = sandbox_uid()
    if drop:
        os.chown(workdir, uid, uid)
    _set_limits(limits, drop_uid=drop or userns)
    if drop:
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
    if userns:
        drop_capabilities()
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


def _unshare_user(hidden: tuple[str, ...]) -> dict | None:
    """As a normal user, once per zygote: a user namespace mapping our uid to itself (so an exec
    inside never regains capabilities), no network, the hidden folders, the home folder (but what
    Python and the grader need), /run (user sockets: a session bus could start processes outside)
    and /dev/pts (the terminal) emptied, then the whole file system read-only: a worker runs with
    our uid, and must write nothing but its own scratch tmpfs. None when no user namespace."""
    uid, gid = os.getuid(), os.getgid()
    if _libc.unshare(CLONE_NEWUSER) != 0:
        return None
    try:
        for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"), ("gid_map", f"{gid} {gid} 1")):
            with open(f"/proc/self/{name}", "w", encoding="ascii") as fh:
                fh.write(text)
    except OSError:
        return None
    facts = {"setting": "userns", "network": "host", "hidden_folders": False, "separate_uid": False,
             "read_only": False}
    if _libc.unshare(CLONE_NEWNET) == 0:
        facts["network"] = "none"
    _libc.unshare(CLONE_NEWIPC)  # the user's System V shared memory, semaphores and queues stay out of reach
    if _libc.unshare(CLONE_NEWNS) != 0 or _libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None) != 0:
        return facts
    needed = [p for p in [*sys.path, sys.prefix, sys.base_prefix, str(paths.PACKAGE.parent), _tempdir()] if p]
    home = os.path.realpath(os.path.expanduser("~"))
    kept = True
    if home != "/" and os.path.isdir(home):
        kept = _replace_keeping(home, _children_needed(home, needed))
    for extra in ("/run", "/dev/pts"):
        if os.path.isdir(extra) and not _children_needed(extra, needed):
            kept = _mount_empty(extra, "0755") and kept
    hide = dict.fromkeys(os.path.realpath(p) for p in [*hidden, *also_hidden(hidden)])
    facts["hidden_folders"] = kept and all(_mount_empty(p) for p in hide if os.path.isdir(p))
    facts["read_only"] = _read_only_everywhere()
    return facts


def _tempdir() -> str:
    import tempfile
    return tempfile.gettempdir()


def _children_needed(folder: str, needed: list[str]) -> set[str]:
    """The children of `folder` on the way to any of the `needed` paths."""
    found = set()
    for path in needed:
        real = os.path.realpath(path)
        if real == folder:
            return {"*"}
        if real.startswith(folder.rstrip("/") + "/"):
            found.add(real[len(folder.rstrip("/")) + 1:].split("/")[0])
    return found


def _read_only_everywhere() -> bool:
    """Every mount of this (our own) mount namespace read-only, in one call (Linux 5.12+)."""
    attr = (ctypes.c_uint64 * 4)(MOUNT_ATTR_RDONLY, 0, 0, 0)
    if _libc.syscall(SYS_MOUNT_SETATTR, AT_FDCWD, b"/", AT_RECURSIVE, ctypes.byref(attr), ctypes.sizeof(attr)) != 0:
        return False
    # but /proc, where the helper of each worker writes its user namespace's uid map (the worker
    # itself mounts a read-only /proc of its own PID namespace over it)
    attr = (ctypes.c_uint64 * 4)(0, MOUNT_ATTR_RDONLY, 0, 0)
    _libc.syscall(SYS_MOUNT_SETATTR, AT_FDCWD, b"/proc", 0, ctypes.byref(attr), ctypes.sizeof(attr))
    return True


def enter_worker_namespaces() -> bool:
    """Our next child becomes pid 1 of a new PID namespace, in a user namespace of its own nested in
    the zygote's (same uid): RLIMIT_NPROC then counts one worker's processes only, so a fork bomb
    cannot starve the other workers, and the zygote's mounts are locked for good in the worker."""
    uid, gid = os.getuid(), os.getgid()
    if _libc.unshare(CLONE_NEWUSER | CLONE_NEWPID) != 0:
        return _libc.unshare(CLONE_NEWPID) == 0
    try:
        for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"), ("gid_map", f"{gid} {gid} 1")):
            with open(f"/proc/self/{name}", "w", encoding="ascii") as fh:
                fh.write(text)
    except OSError:
        return False
    return True


def _mount_proc() -> bool:
    """A /proc of our own PID namespace: the worker and its children; not its init (hidepid: the
    init keeps capabilities the worker gave up, so the worker may not look into it)."""
    flags = MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RDONLY  # read-only like the /proc it covers
    return _libc.mount(b"proc", b"/proc", b"proc", flags, b"hidepid=2") == 0


def drop_capabilities() -> None:
    """Give up every capability the user namespace granted (they would let code unmount what hides
    the solutions, or remount the file system writable), for good: no exec can bring them back."""
    _libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    for cap in range(64):
        _libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)
    header = (ctypes.c_uint32 * 2)(CAPABILITY_V3, 0)
    data = (ctypes.c_uint32 * 6)()
    if _libc.syscall(SYS_CAPSET, ctypes.byref(header), ctypes.byref(data)) != 0:
        os._exit(71)  # never run student code with capabilities


def _private_scratch(workdir: str, size_mb: int) -> bool:
    """As root in our own mount namespace: SCRATCH_DIRS and the workdir become small private
    tmpfs, so code can neither fill the host's disk (many files under RLIMIT_FSIZE each) nor see
    other submissions' files. What an import path needs there (a venv or a course in /tmp) is
    bound back in; a scratch folder that is itself an import path is left alone."""
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
        keep = {n[len(folder) + 1:].split("/")[0] for n in needed if n.startswith(folder + "/")}
        if not any(n == folder for n in needed) and _scratch_keeping(folder, opts, keep):
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




def _scratch_keeping(folder: str, opts: str, keep: set[str]) -> bool:
    """Mount a fresh tmpfs on `folder`, then bind its entries named in `keep` back in (reached
    through descriptors opened before the mount: no staging folder needed)."""
    fds = {}
    try:
        for child in keep:
            fds[child] = os.open(os.path.join(folder, child), os.O_PATH)
        if _libc.mount(b"tmpfs", folder.encode(), b"tmpfs", 0, opts.encode()) != 0:
            return False
        for child, fd in fds.items():
            target = os.path.join(folder, child)
            if os.path.isdir(f"/proc/self/fd/{fd}"):
                os.makedirs(target, exist_ok=True)
            else:
                open(target, "ab").close()
            if _libc.mount(f"/proc/self/fd/{fd}".encode(), target.encode(), None, MS_BIND | MS_REC, None) != 0:
                return False
        return True
    except OSError:
        return False
    finally:
        for fd in fds.values():
            os.close(fd)


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
    return all(_replace_keeping(ancestor, children) for ancestor, children in needed.items())


def _replace_keeping(folder: str, children: set[str]) -> bool:
    """Replace `folder` by an empty 0755 tmpfs holding only `children` (bind-mounted back)."""
    if "*" in children:
        return True
    staged = []
    for child in children:
        if not os.path.exists(f"{folder}/{child}"):
            continue
        stage = f"/tmp/.grade-stage-{os.getpid()}-{len(staged)}"
        if os.path.isdir(f"{folder}/{child}"):
            os.makedirs(stage, exist_ok=True)
        else:
            open(stage, "ab").close()
        if _libc.mount(f"{folder}/{child}".encode(), stage.encode(), None, MS_BIND | MS_REC, None) != 0:
            return False
        staged.append((child, stage))
    if not _mount_empty(folder, "0755"):
        return False
    for child, stage in staged:
        if os.path.isdir(stage):
            os.makedirs(f"{folder}/{child}", exist_ok=True)
        else:
            open(f"{folder}/{child}", "ab").close()
        if _libc.mount(stage.encode(), f"{folder}/{child}".encode(), None, MS_MOVE, None) != 0:
            return False
        os.rmdir(stage) if os.path.isdir(stage) else os.unlink(stage)
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


# ---------------------------------------------------------------- established from outside

def observe(pid: int, hidden: tuple[str, ...], zygote: dict) -> dict:
    """What worker `pid` really runs under, read from /proc by the grading process (never what a
    process that runs student code says): its namespaces against ours, uid, capabilities, mounts,
    and what its own view of the hidden folders shows. `zygote`: what its zygote set up."""
    facts = {"setting": zygote.get("setting", "none"), "worker_process": True}
    try:
        ns = {n: os.readlink(f"/proc/{pid}/ns/{n}") != os.readlink(f"/proc/self/ns/{n}")
              for n in ("user", "pid", "net", "mnt")}
        with open(f"/proc/{pid}/status", encoding="utf-8", errors="replace") as fh:
            status = fh.read()
        mounts = _mounts(pid)
        uid = int(re.search(r"^Uid:\s+\d+\s+(\d+)", status, re.M).group(1))
        capabilities = int(re.search(r"^CapEff:\s+([0-9a-f]+)", status, re.M).group(1), 16)
    except (OSError, ValueError, AttributeError):  # gone, or a /proc we cannot read: nothing is vouched for
        return {**facts, "observed": False, "full": False}
    hide = [p for p in dict.fromkeys(os.path.realpath(h) for h in [*hidden, *also_hidden(hidden)]) if os.path.isdir(p)]
    tmp = os.path.realpath("/tmp")
    facts.update(separate_uid=uid != os.geteuid(), user_namespace=ns["user"], pid_namespace=ns["pid"],
                 mount_namespace=ns["mnt"],
                 network="none" if ns["net"] and zygote.get("network") == "none" else "host",
                 hidden_folders=ns["mnt"] and all(_hidden_from(pid, p) for p in hide),
                 private_tmp=mounts.get(tmp, ("", ""))[0] == "tmpfs",
                 read_only="ro" in mounts.get("/", ("", ""))[1].split(","),
                 no_capabilities=capabilities == 0)
    facts["full"] = is_full(facts)
    return facts


def is_full(facts: dict) -> bool:
    """Whether `facts` (one worker's, or a run's) amount to the isolation official grades need."""
    common = facts.get("network") == "none" and facts.get("hidden_folders") is True \
        and facts.get("private_tmp") is True and facts.get("no_capabilities") is True
    if facts.get("setting") == "root":
        return bool(common and facts.get("separate_uid"))
    if facts.get("setting") == "userns":
        return bool(common and facts.get("user_namespace") and facts.get("pid_namespace") and facts.get("read_only"))
    return False


def combine(observed: list[dict], zygote: dict) -> dict:
    """A run's isolation: what every one of its workers had (a fact holds only if it held for all)."""
    setting = zygote.get("setting", "none")
    if not observed:
        return {"setting": setting, "workers": 0, "full": setting in ("root", "userns")
                and zygote.get("network") == "none" and zygote.get("hidden_folders") is True,
                **_backend_facts(zygote)}
    facts = {"setting": setting, "workers": len(observed)}
    for key in dict.fromkeys(k for f in observed for k in f):
        values = [f.get(key) for f in observed]
        if key in ("setting", "full"):
            continue
        if all(type(v) is bool for v in values):
            facts[key] = all(values)
        elif key == "network":
            facts[key] = "none" if all(v == "none" for v in values) else "host"
    facts["full"] = all(f.get("full") is True for f in observed) and is_full(facts)
    return {**facts, **_backend_facts(zygote)}


_BACKEND_KEYS = ("backend", "call_timeouts", "reply_limit_mb", "job_object")


def _backend_facts(zygote: dict) -> dict:
    """What the backend itself establishes on the grading side (spawn: how calls are bounded)."""
    return {k: zygote[k] for k in _BACKEND_KEYS if k in zygote}


def _hidden_from(pid: int, folder: str) -> bool:
    """Whether `folder`, seen from inside worker `pid`'s mount namespace, shows nothing."""
    try:
        return not os.listdir(f"/proc/{pid}/root{folder}")
    except OSError:  # absent, or not readable (an empty tmpfs of mode 0)
        return True


def _mounts(pid: int) -> dict[str, tuple[str, str]]:
    """Mount point → (file system type, mount options) in `pid`'s mount namespace (the last one wins)."""
    found = {}
    with open(f"/proc/{pid}/mountinfo", encoding="utf-8", errors="replace") as fh:
        for line in fh:
            left, _, right = line.partition(" - ")
            fields = left.split()
            if len(fields) >= 6 and right:
                point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), fields[4])
                found[point] = (right.split()[0], fields[5])
    return found
