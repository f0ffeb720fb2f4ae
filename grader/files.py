"""Writing files so that a reader never sees half of one: temp file in the same folder, then rename."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: str | bytes, *, sync: bool = False) -> None:
    """Replace `path` with `data` (text is written as UTF-8, newlines untouched) in one rename;
    `sync` flushes it to disk first (reports: they must survive a crash right after)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            if sync:
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # as open() would create it
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


TEMP_PREFIX = "grade-"


def owned_tempdir(kind: str) -> str:
    """A new private temp folder `grade-<kind>-<pid>-…`: the pid lets a later sweep tell the
    folders of processes that were killed before they could clean up (see remove_tempdirs)."""
    return tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{kind}-{os.getpid()}-")


def remove_tempdirs(pid: int | None = None, kinds: tuple[str, ...] = ("w", "run", "pool", "batch")) -> None:
    """Remove the temp folders of process `pid`; without `pid`, those of every process that is gone."""
    import shutil
    for kind in kinds:
        for folder in Path(tempfile.gettempdir()).glob(f"{TEMP_PREFIX}{kind}-{'*' if pid is None else int(pid)}-*"):
            owner = folder.name[len(TEMP_PREFIX) + len(kind) + 1:].split("-")[0]
            if pid is not None or (owner.isdigit() and not _alive(int(owner))):
                shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    if os.name == "nt":  # os.kill(pid, 0) would terminate the process there: assume alive, keep its folders
        return pid != 0
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


class OwnedTempdir:
    """An owned_tempdir() removed by cleanup() or at the end of a with block (like TemporaryDirectory)."""

    def __init__(self, kind: str) -> None:
        self.name = owned_tempdir(kind)

    def cleanup(self) -> None:
        import shutil
        shutil.rmtree(self.name, ignore_errors=True)

    def __enter__(self) -> str:
        return self.name

    def __exit__(self, *exc) -> None:
        self.cleanup()
