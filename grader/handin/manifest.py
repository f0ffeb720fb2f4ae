"""The manifest inside a hand-in zip (`manifest.json`): who, when, with which grader, and the
sha256 of every file packed, so the instructor's side can tell a file changed after packing.

Pure functions on bytes and dicts: used by `grade submit` to write it and by `grade batch` to read
it from an untrusted zip (size-capped, strictly typed; anything odd becomes a problem, never an
exception that stops the batch).
"""
from __future__ import annotations

import hashlib
import json
import re

NAME = "manifest.json"
FORMAT = 1
MAX_BYTES = 256 * 1024  # a manifest of a few hundred files is a few kB
_UNSAFE = re.compile(r"[^A-Za-z0-9._@+-]+")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def safe_student_id(name: str) -> str:
    """A student id usable as a file name on every system: 'Ann Lee' -> 'Ann-Lee' ('student' if empty)."""
    text = _UNSAFE.sub("-", str(name).strip()).strip("-.")
    return text[:80] or "student"


def make(student: str, files: dict[str, bytes], *, created: str, grader_version: str, specs_digest: str,
         course: str) -> dict:
    """The manifest of `files` (path in the zip -> content), in path order."""
    return {"format": FORMAT, "student": student, "created": created, "grader_version": grader_version,
            "specs_digest": specs_digest, "course": course,
            "files": {path: sha256(data) for path, data in sorted(files.items())}}


def dumps(manifest: dict) -> bytes:
    return (json.dumps(manifest, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def parse(data: bytes | None) -> dict:
    """A manifest read from a submission; ValueError says what is wrong with it."""
    if data is None or len(data) >= MAX_BYTES:
        raise ValueError(f"{NAME} is missing or larger than {MAX_BYTES // 1024} kB")
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ValueError(f"{NAME} is not valid JSON") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ValueError(f"{NAME} is not a format-{FORMAT} hand-in manifest")
    if not isinstance(doc.get("student"), str) or not doc["student"].strip():
        raise ValueError(f"{NAME} names no student")
    files = doc.get("files")
    if not isinstance(files, dict) or not all(isinstance(k, str) and isinstance(v, str) and re.fullmatch(r"[0-9a-f]{64}", v)
                                              for k, v in files.items()):
        raise ValueError(f"{NAME}: 'files' must map paths to sha256 digests")
    for key in ("created", "grader_version", "specs_digest"):
        if not isinstance(doc.get(key, ""), str):
            raise ValueError(f"{NAME}: '{key}' must be a string")
    return doc


def problems(manifest: dict, present: dict[str, bytes]) -> list[str]:
    """How the files of a submission (path -> content, the manifest itself left out) differ from
    its manifest: changed, missing or added files; empty when they match."""
    listed = manifest["files"]
    present = {p: d for p, d in present.items() if p in listed or not _incidental(p)}
    found = []
    for path in sorted(set(listed) | set(present)):
        if path not in present:
            found.append(f"{path} is listed in the manifest but missing")
        elif path not in listed:
            found.append(f"{path} was added after packing")
        elif sha256(present[path]) != listed[path]:
            found.append(f"{path} was changed after packing")
    return found


def _incidental(path: str) -> bool:
    """Files an unzip/re-zip or a Python run adds by itself (hidden files, caches, macOS forks)."""
    parts = path.split("/")
    return any(p.startswith(".") or p in ("__pycache__", "__MACOSX") for p in parts) or path.endswith(".pyc")


def summary(manifest: dict | None, student: str, issues: list[str]) -> dict:
    """The report's `submission` block."""
    if manifest is None:
        return {"manifest": False, "student": student, "problems": list(issues)}
    return {"manifest": True, "student": student, "packed": manifest.get("created", ""),
            "grader_version": manifest.get("grader_version", ""), "specs_digest": manifest.get("specs_digest", ""),
            "files": len(manifest["files"]), "problems": list(issues)}
