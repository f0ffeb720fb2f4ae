"""The sandbox worker: imports one student file and serves calls on it (runs in the untrusted process).

Everything here happens after isolation was applied (see sandbox.py). What this module sends back
is data the student process *claims*; the grading process decodes it through codec's allow-list.
"""
from __future__ import annotations

import importlib.util
import io
import sys
import time
import traceback

from grader.sandbox import codec, wire

OUTPUT_CAP = 64 * 1024
GO = b"\x01"  # sent by the grading side once it has seen the isolation this process runs under


class CappedWriter(io.TextIOBase):
    """Keeps the first OUTPUT_CAP characters of what student code prints and counts the rest."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.kept = 0
        self.total = 0

    def write(self, s) -> int:
        s = str(s)
        self.total += len(s)
        room = OUTPUT_CAP - self.kept
        if room > 0:
            self.parts.append(s[:room])
            self.kept += min(room, len(s))
        return len(s)

    def writable(self) -> bool:
        return True

    def take(self) -> str:
        text = "".join(self.parts)
        if self.total > self.kept:
            text += f"\n… ({self.total - self.kept} more characters not shown)"
        self.parts, self.kept, self.total = [], 0, 0
        return text


class ForbiddenCall(Exception):
    """Raised when student code calls a library function the exercise asks to write by hand."""


def serve(conn, student_file: str, module_name: str, facts: dict) -> None:
    """Say it is set up, wait until the grading side has looked at its isolation, import the
    student file, say hello, then answer requests until EOF."""
    _send(conn, {"status": "isolated", "facts": facts})
    if conn.recv(1) != GO:  # the grading side looks at this process from outside first
        return
    out = CappedWriter()
    sys.stdout = sys.stderr = out
    sys.stdin = io.StringIO()  # input() raises EOFError (not the stdin object the grading process had)
    module, hello = _import(student_file, module_name, out)
    _send(conn, hello)
    if module is None:
        return
    while True:
        request = wire.read_request(conn)
        if request is None:
            return
        _send(conn, _handle(module, request, out))


def _import(path: str, name: str, out: CappedWriter):
    try:
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        return module, {"status": "ready", "stdout": out.take()}
    except BaseException as exc:  # student code may raise anything, SystemExit included
        return None, {"status": "import_error", "error": _describe(exc, path), "stdout": out.take()}


def _handle(module, request: dict, out: CappedWriter) -> dict:
    name, args, kwargs = request["name"], request["args"], request["kwargs"]
    fn = getattr(module, name, None)
    reply = {"seq": request["seq"], "stdout": ""}
    if fn is None or not callable(fn):
        reply.update(status="missing", error={"type": "AttributeError", "message": f"{name} is not defined"})
        return reply
    target, call_args = (fn, args) if request.get("probe") is None else (request["probe"], (fn, *args))
    restore = _forbid(request.get("forbid") or ())
    start = time.perf_counter()
    try:
        result = target(*call_args, **kwargs)
        reply.update(status="ok", result=result, args_after=list(args), kwargs_after=kwargs,
                     identity=_identity(result, args))
    except NotImplementedError as exc:
        reply.update(status="not_implemented", error=_describe(exc, module.__file__))
    except ForbiddenCall as exc:
        reply.update(status="forbidden", error={"type": "ForbiddenCall", "message": str(exc)})
    except BaseException as exc:
        reply.update(status="raised", error=_describe(exc, module.__file__))
    finally:
        restore()
    reply["elapsed"] = time.perf_counter() - start
    reply["stdout"] = out.take()[:4000]
    return reply


def _describe(exc: BaseException, path: str) -> dict:
    """Exception type, message and the student's own line where it happened."""
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == path:
            line = frame.lineno
    if isinstance(exc, SyntaxError) and exc.filename == path:
        line = exc.lineno
    message = str(exc) if not isinstance(exc, SystemExit) else f"exit code {exc.code!r}"
    return {"type": type(exc).__name__, "message": message[:500], "line": line}


def _identity(result, args) -> dict:
    """Per result path ('' or an element index): which arguments it is, and shares memory with."""
    paths = {"": result}
    if type(result) in (tuple, list):
        paths.update({str(i): v for i, v in enumerate(result[:64])})
    facts = {}
    for path, value in paths.items():
        span = _span(value)
        facts[path] = {"is": [i for i, a in enumerate(args) if a is value],
                       "shares": [i for i, a in enumerate(args) if span and _overlap(span, _span(a))]}
    return facts


def _span(value):
    import numpy as np
    import torch
    if isinstance(value, torch.Tensor) and value.layout == torch.strided:
        storage = value.untyped_storage()
        return (storage.data_ptr(), storage.data_ptr() + storage.nbytes()) if storage.nbytes() else None
    if isinstance(value, np.ndarray) and value.size:
        low, high = np.lib.array_utils.byte_bounds(value)
        return (low, high)
    return None


def _overlap(a, b) -> bool:
    return bool(b) and a[0] < b[1] and b[0] < a[1]


def _forbid(names):
    """Make each dotted name raise ForbiddenCall until the returned restore() runs."""
    saved = []
    for dotted in names:
        owner, attr = _resolve(dotted)
        if owner is None:
            continue
        target = getattr(owner, attr)
        if type(target).__name__ == "module":
            saved += [(target, n, getattr(target, n)) for n in dir(target)
                      if not n.startswith("_") and callable(getattr(target, n))]
        else:
            saved.append((owner, attr, target))
    for owner, attr, _ in saved:
        setattr(owner, attr, _refuser(f"{getattr(owner, '__name__', owner)}.{attr}"))

    def restore():
        for owner, attr, original in reversed(saved):
            setattr(owner, attr, original)
    return restore


def _resolve(dotted: str):
    import importlib
    parts = dotted.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for part in parts[cut:-1]:
            obj = getattr(obj, part, None)
        if obj is not None and hasattr(obj, parts[-1]):
            return obj, parts[-1]
        return None, None
    return None, None


def _refuser(name: str):
    def refuse(*args, **kwargs):
        raise ForbiddenCall(f"{name} is not allowed in this exercise: write it from basic operations")
    return refuse


# ---------------------------------------------------------------- framing
def _send(conn, reply: dict) -> None:
    try:
        data = codec.encode(reply)
    except BaseException as exc:  # a value that cannot be encoded must not kill the worker silently
        data = codec.encode({"seq": reply.get("seq"), "status": "unsendable",
                             "error": {"type": type(exc).__name__, "message": str(exc)[:300]}})
    conn.sendall(data)
