"""Calls into student code as specs see them: records, failures, and short descriptions."""
from __future__ import annotations

from dataclasses import dataclass, field

from grader.report import NOT_IMPLEMENTED
from grader.sandbox.codec import Unsupported


class Mismatch(AssertionError):
    """A student value differs from what the spec expects; the message is shown to the student."""


class CallFailed(Exception):
    """The student's call did not return (raised, not implemented, timed out, crashed)."""

    def __init__(self, message: str, status: str = "failed") -> None:
        super().__init__(message)
        self.status = status  # failed | timeout | error | not_implemented


@dataclass
class CallRecord:
    """One call: its description, decoded result, the arguments after it, and identity facts."""
    name: str
    desc: str
    result: object = None
    args_after: tuple = ()
    kwargs_after: dict = field(default_factory=dict)
    identity: dict = field(default_factory=dict)
    stdout: str = ""

    def returned_arg(self, index: int, path: tuple = ()) -> bool:
        """True when the result (or result[path]) is argument `index` itself."""
        return index in self._facts(path).get("is", [])

    def shares_memory(self, index: int, path: tuple = ()) -> bool:
        """True when the result (or result[path]) shares memory with argument `index`."""
        return index in self._facts(path).get("shares", [])

    def _facts(self, path: tuple) -> dict:
        key = "" if not path else str(path[0])
        facts = self.identity.get(key)
        return facts if type(facts) is dict else {}


def failure_for(relpath: str, name: str, desc: str, reply) -> CallFailed | None:
    """Turn a worker reply (sandbox.handle.Reply) that is not a normal return into a student-readable failure."""
    err = reply.error or {}
    where = f" (line {err['line']} of {relpath})" if err.get("line") else ""
    text = f"{err.get('type', 'Error')}: {err.get('message', '')}".rstrip(": ")
    if reply.status == "ok":
        return None
    if reply.status == "not_implemented":
        return CallFailed(f"{relpath}: {name}() is not implemented yet (it raises NotImplementedError)",
                          NOT_IMPLEMENTED)
    if reply.status == "missing":
        return CallFailed(f"{relpath} does not define {name}(); add it with the signature from the exercise")
    if reply.status == "import_error":
        msg = err.get("message") if not err.get("type") else f"could not be imported: {text}{where}"
        if err.get("type") == "SystemExit":
            msg = f"called sys.exit ({err.get('message')}) while being imported"
        return CallFailed(f"{relpath} {msg}" if not msg.startswith(relpath) else msg, "error")
    if reply.status == "timeout":
        return CallFailed(f"{desc} {err.get('message', 'timed out')}", "timeout")
    if reply.status == "raised":
        return CallFailed(f"{desc} raised {text}{where}")
    if reply.status == "forbidden":
        return CallFailed(f"{desc}: {err.get('message')}")
    if reply.status == "crashed":
        return CallFailed(f"{desc}: {err.get('message')}")
    return CallFailed(f"{desc}: {err.get('message') or 'the result could not be sent back'}")


OUTPUT_LINES, OUTPUT_CHARS = 12, 1500  # what a report keeps of the output of one check's calls
_outputs: list[tuple[str, str]] = []


def record_output(desc: str, text: str) -> None:
    """Remember what the student's code printed during one call of the current check."""
    if text and text.strip():
        _outputs.append((desc, text))


def printed() -> str:
    """The current check's printed output, labelled by call, at most OUTPUT_LINES lines and
    OUTPUT_CHARS characters in all (a flood can never grow the report)."""
    lines: list[str] = []
    for desc, text in _outputs:
        body = text.splitlines()
        lines.append(f"{desc} printed:")
        lines += [f"  {_printable(line[:200])}" for line in body[:OUTPUT_LINES]]
        if len(body) > OUTPUT_LINES:
            lines.append(f"  … ({len(body) - OUTPUT_LINES} more lines)")
        if len(lines) >= OUTPUT_LINES + 2:
            break
    text = "\n".join(lines)
    return text if len(text) <= OUTPUT_CHARS else text[: OUTPUT_CHARS - 1] + "…"


def _printable(line: str) -> str:
    """Control characters (escape sequences, carriage returns) shown as '?': printed text must not
    redraw the grader's own lines in a terminal."""
    return "".join(c if c.isprintable() or c == "\t" else "?" for c in line)


_registry: dict[int, tuple[object, str]] = {}


def register(value, desc: str) -> None:
    """Remember which call produced `value` (and its elements) for messages."""
    _registry[id(value)] = (value, desc)
    if type(value) in (tuple, list):
        for i, item in enumerate(value[:64]):
            _registry.setdefault(id(item), (item, f"{desc}[{i}]"))


def lookup_desc(value) -> str | None:
    entry = _registry.get(id(value))
    return entry[1] if entry and entry[0] is value else None


def forget_all() -> None:
    """A new check starts: forget the values and the output of the last one."""
    _registry.clear()
    _outputs.clear()


def describe_value(v) -> str:
    """A short summary of a value: shapes and dtypes, not numbers."""
    import sys
    torch, np, pd = (sys.modules.get(m) for m in ("torch", "numpy", "pandas"))
    if isinstance(v, Unsupported):
        return f"a {v.type_name} ({v.reason})"
    if torch is not None and type(v) is torch.Tensor:
        extra = ", requires_grad" if v.requires_grad else ""
        return f"a tensor of shape {tuple(v.shape)}, dtype {str(v.dtype).replace('torch.', '')}{extra}"
    if np is not None and type(v) is np.ndarray:
        return f"an ndarray of shape {v.shape}, dtype {v.dtype}"
    if pd is not None and type(v) is pd.DataFrame:
        return f"a DataFrame of shape {v.shape}"
    if pd is not None and type(v) is pd.Series:
        return f"a Series of length {len(v)}"
    if type(v) in (list, tuple):
        return f"a {type(v).__name__} of {len(v)} items"
    if v is None:
        return "None"
    text = repr(v)
    return f"{type(v).__name__} {text if len(text) < 40 else text[:40] + '…'}"


def summarize_arg(v) -> str:
    """An argument as it appears in a call description."""
    import sys
    torch, np = sys.modules.get("torch"), sys.modules.get("numpy")
    if torch is not None and isinstance(v, torch.Tensor):
        return f"tensor{list(v.shape)}:{str(v.dtype).replace('torch.', '')}"
    if np is not None and isinstance(v, np.ndarray):
        return f"ndarray{list(v.shape)}:{v.dtype}"
    if type(v) in (list, tuple) and len(v) > 6:
        return f"<{type(v).__name__} of {len(v)}>"
    if type(v) in (list, tuple):
        inner = ", ".join(summarize_arg(x) for x in v)
        return f"[{inner}]" if type(v) is list else f"({inner}{',' if len(v) == 1 else ''})"
    if callable(v) and hasattr(v, "func"):  # functools.partial
        return getattr(v.func, "__name__", "f")
    if callable(v):
        return getattr(v, "__name__", type(v).__name__)
    if type(v).__name__ in ("DataFrame", "Series"):
        return f"<{type(v).__name__} {getattr(v, 'shape', '')}>"
    text = repr(v)
    if type(v) is str and "/" in v:
        text = repr(".../" + v.rsplit("/", 1)[-1])
    return text if len(text) <= 30 else text[:30] + "…"


def describe_call(name: str, args: tuple, kwargs: dict) -> str:
    parts = [summarize_arg(a) for a in args] + [f"{k}={summarize_arg(v)}" for k, v in kwargs.items()]
    return f"{name}({', '.join(parts)})"
