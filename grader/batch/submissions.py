"""A class's submissions on disk: one folder or .zip per student, read as untrusted input.

A zip made by `grade submit` carries a manifest (grader/handin/manifest.py): its student id names
the submission, and files that do not match their recorded sha256 are flagged (graded all the same).
Only what grading reads is staged into a private folder — the topic files and quiz answers,
regular files only (a symlink to the solutions scores nothing), each cut at 2 MiB — and no path
from an archive is ever used as a destination, so a zip cannot write outside the staging folder.
"""
from __future__ import annotations

import os
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from grader.handin import manifest as handin

MAX_FILE = 2 * 2**20 + 1  # the plugin rejects exercise files over 2 MiB; one byte more shows it
MAX_MEMBERS = 10_000  # zip members or walked files per submission
MAX_DEPTH = 4  # how deep to look for the dayN folders inside a submission


@dataclass(frozen=True)
class Submission:
    student: str
    path: Path
    manifest: dict | None = field(default=None, compare=False)  # as read from a `grade submit` zip


def student_id(name: str) -> str | None:
    """The student id of a submission entry (folder name or zip stem), None when unusable."""
    stem = name[:-4] if name.lower().endswith(".zip") else name
    if not stem or stem.startswith(".") or any(c in stem for c in "/\\\0") or not stem.isprintable():
        return None
    return stem


def locate_root(paths: list[str], day_ids: list[str]) -> tuple[str, ...] | None:
    """The folder (as path parts) holding the dayN folders, from a submission's file list.

    Accepts `exercises/day1/x.py`, `day1/x.py`, `<anything>/exercises/day1/x.py`; prefers a folder
    named `exercises`, then the shallowest. None when no dayN folder is there.
    """
    found = set()
    for path in paths:
        parts = tuple(p for p in path.replace("\\", "/").split("/") if p not in ("", "."))
        if not parts or parts[0] == "__MACOSX":
            continue
        for i, part in enumerate(parts[:-1]):
            if part in day_ids and i <= MAX_DEPTH:
                found.add(parts[:i])
    if not found:
        return None
    return min(found, key=lambda p: (not (p and p[-1] == "exercises"), len(p), p))


def wanted_files(root: tuple[str, ...], topics, quiz_days) -> dict[str, str]:
    """Submission path -> staged path of every file grading reads (topic files and quiz answers)."""
    base = "/".join(root)
    up = "/".join(root[:-1] if root and root[-1] == "exercises" else root)
    files = {_join(base, t.file): f"exercises/{t.file}" for t in topics}
    for day in quiz_days:
        files[_join(up, f"answers/{day}.yaml")] = f"answers/{day}.yaml"
    return files


def _join(*parts: str) -> str:
    return "/".join(p for p in parts if p)


def find_submissions(folder: Path) -> tuple[list[Submission], list[str], list[str]]:
    """Folders and .zip files of `folder` sorted by student id, the problems (unusable names,
    two submissions of one student: not graded) and notes (other files, ignored)."""
    problems, notes, seen, manifests = [], [], {}, {}
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue
        is_zip = entry.suffix.lower() == ".zip" and entry.is_file() and not entry.is_symlink()
        if not (is_zip or (entry.is_dir() and not entry.is_symlink())):
            notes.append(f"{entry.name}: ignored (a submission is a folder or a .zip file)")
            continue
        student = student_id(entry.name)
        found = read_manifest(entry)
        if isinstance(found, dict):
            named = student_id(found["student"])
            if named is None:
                notes.append(f"{entry.name}: the manifest's student id {found['student']!r} is not usable; "
                             f"graded as {student!r}")
            else:
                student = named
        if student is None:
            problems.append(f"{entry.name}: not graded (not usable as a student id; rename it)")
        elif student in seen:
            problems.append(f"{student}: not graded, two submissions ({seen[student].name}, {entry.name}); "
                            "keep one and run again")
        else:
            seen[student] = entry
            manifests[student] = found if isinstance(found, dict) else None
    twice = {p.split(":", 1)[0] for p in problems if "two submissions" in p}
    return [Submission(s, p, manifests[s]) for s, p in sorted(seen.items()) if s not in twice], problems, notes


# ---------------------------------------------------------------- the hand-in manifest

def _contents(path: Path) -> dict[str, bytes] | None:
    """Every usable file of a submission (relative path -> at most MAX_FILE bytes), None when the
    zip cannot be read; bounded like staging (member count, depth, file size)."""
    if path.is_dir():
        found = {}
        for rel in _walk(path):
            data = _read_file(path / rel)
            if data is not None:
                found[rel] = data
        return found
    try:
        with zipfile.ZipFile(path) as archive:
            return {name: _read_member(archive, info) for name, info in _safe_members(archive).items()}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError, OSError):
        return None


def _manifest_base(names) -> str | None:
    """The folder (with a trailing '/', or '') of the shallowest manifest.json, None when there is none."""
    found = [n for n in names if n.rsplit("/", 1)[-1] == handin.NAME and n.count("/") <= MAX_DEPTH]
    if not found:
        return None
    best = min(found, key=lambda n: (n.count("/"), n))
    return best[: -len(handin.NAME)]


def read_manifest(path: Path) -> dict | str | None:
    """The hand-in manifest of a submission, a string saying why it is unusable, or None without
    one (only the manifest is read here, never the rest of the archive)."""
    try:
        if path.is_dir():
            base = _manifest_base(_walk(path))
            return None if base is None else handin.parse(_read_file(path / (base + handin.NAME)))
        with zipfile.ZipFile(path) as archive:
            members = _safe_members(archive)
            base = _manifest_base(members)
            return None if base is None else handin.parse(_read_member(archive, members[base + handin.NAME]))
    except ValueError as exc:  # too many files, or an unusable manifest
        return str(exc) if "manifest" in str(exc) else None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError):
        return None


def check_manifest(sub: Submission) -> dict | None:
    """The report's `submission` block: whether a manifest came with it and how the files differ
    from it (`problems`, empty when they match); None for a plain folder or zip without one."""
    found = sub.manifest if sub.manifest is not None else read_manifest(sub.path)
    if found is None:
        return None
    if not isinstance(found, dict):
        return handin.summary(None, sub.student, [found])
    try:
        contents = _contents(sub.path)
    except ValueError as exc:
        return handin.summary(found, sub.student, [str(exc)])
    base = _manifest_base(contents or {})
    if contents is None or base is None:
        return handin.summary(found, sub.student, ["the submission could not be read again to check it"])
    present = {name[len(base):]: data for name, data in contents.items()
               if name.startswith(base) and name != base + handin.NAME}
    issues = handin.problems(found, present)
    if found["student"] != sub.student:
        issues.append(f"manifest student {found['student']!r} differs from the id it was graded as")
    return handin.summary(found, sub.student, issues)


def stage(sub: Submission, day_ids: list[str], topics, quiz_days, dest: Path) -> Path:
    """Copy what grading reads from `sub` into `dest`; returns the staged exercises folder.

    Raises ValueError (with a reason for the report) when the submission cannot be read.
    """
    if sub.path.is_dir():
        listing = _walk(sub.path)
        _copy_wanted(listing, locate_root(listing, day_ids), topics, quiz_days, dest,
                     lambda rel: _read_file(sub.path / rel))
    else:
        try:
            with zipfile.ZipFile(sub.path) as archive:
                members = _safe_members(archive)
                _copy_wanted(list(members), locate_root(list(members), day_ids), topics, quiz_days, dest,
                             lambda rel: _read_member(archive, members[rel]))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as exc:
            raise ValueError(f"{sub.path.name} is not a readable zip file ({exc}); ask the student to "
                             "zip the exercises folder again") from None
    (dest / "exercises").mkdir(parents=True, exist_ok=True)
    return dest / "exercises"


def _copy_wanted(listing: list[str], root, topics, quiz_days, dest: Path, read) -> None:
    if root is None:
        return  # nothing to copy: every topic file will be reported missing
    present = set(listing)
    for source, target in wanted_files(root, topics, quiz_days).items():
        data = read(source) if source in present else None
        if data is not None:
            path = dest / target
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


def _walk(folder: Path) -> list[str]:
    """Relative paths of the regular files under `folder` (symlinks ignored), bounded in depth and count."""
    found = []
    for here, dirs, files in os.walk(folder):
        rel = Path(here).relative_to(folder)
        if len(rel.parts) > MAX_DEPTH + 1:
            dirs.clear()
            continue
        dirs[:] = sorted(d for d in dirs if not (Path(here) / d).is_symlink())
        found += [(rel / f).as_posix() for f in sorted(files)]
        if len(found) > MAX_MEMBERS:
            raise ValueError(f"more than {MAX_MEMBERS} files in the submission; submit the exercises folder only")
    return found


def _read_file(path: Path) -> bytes | None:
    """At most MAX_FILE bytes of a regular file that is not a symlink (a link to the solutions scores nothing)."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        return fh.read(MAX_FILE) if stat.S_ISREG(os.fstat(fd).st_mode) else None


def _safe_members(archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """Regular, unencrypted members with relative names and no '..' (others are ignored)."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise ValueError(f"the zip holds more than {MAX_MEMBERS} files; submit the exercises folder only")
    members = {}
    for info in infos:
        raw = info.filename.replace("\\", "/")
        parts = [p for p in raw.split("/") if p not in ("", ".")]
        name = "/".join(parts)
        mode = info.external_attr >> 16
        if info.is_dir() or not parts or raw.startswith("/") or ".." in parts or parts[0].endswith(":") or \
                info.flag_bits & 0x1 or stat.S_IFMT(mode) not in (0, stat.S_IFREG):
            continue
        members[name] = info
    return members


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    with archive.open(info) as fh:  # bounded read: the header's size is not trusted
        return fh.read(MAX_FILE)
