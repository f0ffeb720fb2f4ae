"""Values crossing the sandbox boundary: encoded in the worker, decoded here through an allow-list.

The wire form is a JSON tree plus raw byte blobs. Decoding rebuilds only plain torch tensors,
numpy arrays, pandas frames/series and Python scalars/containers, with exact types and an
allow-list of dtypes, so no student-defined class or method ever reaches the grading process.
"""
from __future__ import annotations

import json
import math
import struct
import types
from dataclasses import dataclass

TORCH_DTYPES = ("bool", "uint8", "int8", "int16", "int32", "int64", "float16", "bfloat16",
                "float32", "float64", "complex64", "complex128")
NUMPY_KINDS = "biufc"
MAX_BLOB_BYTES = 512 * 2**20
MAX_NODES = 200_000
MAX_DEPTH = 32
MAX_STR = 1_000_000
_HEADER = struct.Struct("!QI")  # json length, blob count


_CALLABLE_TYPES = (types.FunctionType, types.BuiltinFunctionType, types.MethodType, types.BuiltinMethodType,
                   types.MethodWrapperType, types.WrapperDescriptorType, types.MethodDescriptorType)


class DecodeError(Exception):
    """The worker sent something outside the allow-list or a malformed message."""


@dataclass(frozen=True)
class Unsupported:
    """Stands in for a value the student returned that may not cross the boundary."""
    type_name: str
    reason: str

    def __repr__(self) -> str:
        return f"<{self.type_name}: {self.reason}>"


# ---------------------------------------------------------------- worker side (untrusted process)
class _Encoder:
    def __init__(self) -> None:
        self.blobs: list[bytes] = []
        self.nodes = 0

    def encode(self, value, depth: int = 0):
        self.nodes += 1
        if self.nodes > MAX_NODES or depth > MAX_DEPTH:
            return {"unsupported": ["value", "too large or too deeply nested to send back"]}
        t = type(value)
        if value is None or t in (bool, int, str):
            if t is str and len(value) > MAX_STR:
                return value[:MAX_STR]
            if t is int and abs(value) > 2**1023:
                return {"unsupported": ["int", "integer too large"]}
            return value
        if t is float:
            return value if math.isfinite(value) else {"float": repr(value)}
        if t in (list, tuple):
            return {t.__name__: [self.encode(v, depth + 1) for v in value]}
        if isinstance(value, tuple) and not hasattr(value, "__torch_function__"):
            # namedtuples and torch.return_types (e.g. what t.max(dim) returns) travel as plain tuples
            return {"tuple": [self.encode(v, depth + 1) for v in tuple.__iter__(value)]}
        if t is dict:
            return {"dict": [[self.encode(k, depth + 1), self.encode(v, depth + 1)] for k, v in value.items()]}
        return self._encode_library(value, t, depth)

    def _encode_library(self, value, t, depth):
        import numpy as np
        import torch
        if t is torch.Tensor:
            return {"tensor": self._tensor(value)}
        if t is torch.Size:
            return {"tuple": [int(v) for v in value]}
        if t is torch.dtype:
            return {"torch_dtype": str(value).replace("torch.", "")}
        if t is np.ndarray:
            return self._ndarray(value)
        if isinstance(value, np.generic) and t.__module__ == "numpy":
            return {"np_scalar": [value.dtype.str, self.encode(value.item(), depth + 1)]}
        pandas = _pandas_if_loaded()
        if pandas is not None and t is pandas.DataFrame:
            return {"frame": self._frame(value, depth)}
        if pandas is not None and t is pandas.Series:
            return {"series": self._series(value, depth)}
        if isinstance(value, torch.Tensor):
            return {"unsupported": [t.__name__, "a torch.Tensor subclass; return a plain torch.Tensor"]}
        if t in _CALLABLE_TYPES or type(t) is type and issubclass(t, _CALLABLE_TYPES):
            name = getattr(value, "__name__", "it")
            return {"unsupported": ["method" if "method" in t.__name__ else "function",
                                    f"not its result: did you forget to call it? write {name}(), not {name}"]}
        return {"unsupported": [t.__name__, "not a value the grader accepts"]}

    def _blob(self, data: bytes) -> int:
        self.blobs.append(data)
        return len(self.blobs) - 1

    def _tensor(self, t) -> dict:
        import torch
        name = str(t.dtype).replace("torch.", "")
        if name not in TORCH_DTYPES or t.layout != torch.strided:
            return {"dtype": name, "shape": list(t.shape), "blob": None}
        flat = t.detach().cpu().contiguous().reshape(-1)
        raw = flat.view(torch.int16) if t.dtype == torch.bfloat16 else flat
        return {"dtype": name, "shape": list(t.shape), "blob": self._blob(raw.numpy().tobytes()),
                "requires_grad": bool(t.requires_grad), "grad_fn": t.grad_fn is not None}

    def _ndarray(self, a) -> dict:
        if a.dtype.kind not in NUMPY_KINDS:
            return {"unsupported": ["ndarray", f"dtype {a.dtype} (object arrays cannot be sent back)"]}
        import numpy as np
        data = np.ascontiguousarray(a).tobytes()
        return {"ndarray": {"dtype": a.dtype.str, "shape": list(a.shape), "blob": self._blob(data)}}

    def _column(self, values, depth):
        import numpy as np
        arr = np.asarray(values)
        if arr.dtype.kind in NUMPY_KINDS:
            return self._ndarray(arr)
        return {"list": [self.encode(_plain_cell(v), depth + 1) for v in values.tolist()]}

    def _frame(self, df, depth) -> dict:
        return {"columns": [self.encode(_plain_cell(c), depth + 1) for c in df.columns],
                "index": self._column(df.index.to_numpy(), depth),
                "data": [self._column(df.iloc[:, i].to_numpy(), depth) for i in range(df.shape[1])],
                "dtypes": [str(d) for d in df.dtypes]}

    def _series(self, s, depth) -> dict:
        return {"name": self.encode(_plain_cell(s.name), depth + 1),
                "index": self._column(s.index.to_numpy(), depth),
                "data": self._column(s.to_numpy(), depth), "dtype": str(s.dtype)}


def _pandas_if_loaded():
    import sys
    return sys.modules.get("pandas")


def _plain_cell(v):
    """pandas cells come back as numpy scalars, NaN or NA; map them to Python values."""
    import numpy as np
    if isinstance(v, np.generic):
        return v.item()
    if v is None or type(v) in (str, int, float, bool):
        return v
    try:
        import pandas
        if v is pandas.NA or v is pandas.NaT:
            return None
    except ImportError:  # pragma: no cover
        pass
    return str(v)


def encode(value) -> bytes:
    """Encode `value` into one framed message (worker side)."""
    enc = _Encoder()
    tree = enc.encode(value)
    return frame(tree, enc.blobs)


def frame(tree, blobs: list[bytes]) -> bytes:
    head = json.dumps({"tree": tree, "sizes": [len(b) for b in blobs]}).encode()
    return _HEADER.pack(len(head), len(blobs)) + head + b"".join(blobs)


# ---------------------------------------------------------------- grading side (trusted process)
def read_message(read_exact) -> object:
    """Read one framed message with `read_exact(n) -> bytes` and decode it."""
    head_len, count = _HEADER.unpack(read_exact(_HEADER.size))
    if head_len > 64 * 2**20 or count > MAX_NODES:
        raise DecodeError("message header too large")
    try:  # a crafted frame must not crash the grading process (deep JSON, unhashable keys, overflow)
        head = json.loads(read_exact(head_len))
    except (ValueError, RecursionError) as exc:
        raise DecodeError(f"malformed message header ({type(exc).__name__})") from None
    sizes = head.get("sizes") if isinstance(head, dict) else None
    if not isinstance(sizes, list) or len(sizes) != count or any(type(s) is not int or s < 0 for s in sizes):
        raise DecodeError("malformed message header")
    if sum(sizes) > MAX_BLOB_BYTES:
        raise DecodeError(f"the returned data is larger than {MAX_BLOB_BYTES >> 20} MiB")
    blobs = [read_exact(s) for s in sizes]
    try:
        return decode(head.get("tree"), blobs)
    except DecodeError:
        raise
    except Exception as exc:  # TypeError, OverflowError, RecursionError, pandas' ValueError ...
        raise DecodeError(f"malformed value ({type(exc).__name__})") from None


def decode(tree, blobs: list[bytes], depth: int = 0):
    """Rebuild a value from its JSON tree, accepting only allow-listed shapes."""
    if depth > MAX_DEPTH + 2:
        raise DecodeError("value nested too deeply")
    if tree is None or type(tree) in (bool, int, float, str):
        return tree
    if type(tree) is not dict or len(tree) != 1:
        raise DecodeError(f"unexpected node {type(tree).__name__}")
    (tag, body), = tree.items()
    handler = _DECODERS.get(tag)
    if handler is None:
        raise DecodeError(f"unknown node kind {tag!r}")
    return handler(body, blobs, depth + 1)


def _seq(body, blobs, depth):
    if type(body) is not list:
        raise DecodeError("malformed sequence")
    return [decode(v, blobs, depth) for v in body]


def _dict(body, blobs, depth):
    if type(body) is not list or any(type(p) is not list or len(p) != 2 for p in body):
        raise DecodeError("malformed dict")
    out = {}
    for k, v in body:
        key = decode(k, blobs, depth)
        if type(key) not in (str, int, float, bool, tuple) and key is not None:
            raise DecodeError("unhashable dict key")
        out[key] = decode(v, blobs, depth)
    return out


def _float(body, blobs, depth):
    if body not in ("nan", "inf", "-inf"):
        raise DecodeError("malformed float")
    return float(body)


def _blob(blobs, index) -> bytes:
    if type(index) is not int or not 0 <= index < len(blobs):
        raise DecodeError("bad blob reference")
    return blobs[index]


def _shape(shape) -> tuple[int, ...]:
    if type(shape) is not list or any(type(s) is not int or s < 0 for s in shape) or len(shape) > 64:
        raise DecodeError("bad shape")
    return tuple(shape)


def _tensor(body, blobs, depth):
    import torch
    if type(body) is not dict or body.get("dtype") not in TORCH_DTYPES:
        name = body.get("dtype") if type(body) is dict else "?"
        return Unsupported("Tensor", f"dtype or layout {name} cannot be sent back")
    if body.get("blob") is None:
        return Unsupported("Tensor", "a sparse or special-layout tensor; return a dense tensor")
    dtype, shape = getattr(torch, body["dtype"]), _shape(body.get("shape"))
    data = _blob(blobs, body["blob"])
    numel = math.prod(shape)
    if len(data) != numel * torch.empty((), dtype=dtype).element_size():
        raise DecodeError("tensor byte size does not match its shape")
    if numel == 0:
        return torch.empty(shape, dtype=dtype)
    raw_dtype = torch.int16 if dtype == torch.bfloat16 else dtype
    t = torch.frombuffer(bytearray(data), dtype=raw_dtype).reshape(shape)
    return t.view(torch.bfloat16) if dtype == torch.bfloat16 else t


def _ndarray(body, blobs, depth):
    import numpy as np
    if type(body) is not dict or type(body.get("dtype")) is not str:
        raise DecodeError("malformed ndarray")
    try:
        dtype = np.dtype(body["dtype"])
    except TypeError:
        raise DecodeError("bad ndarray dtype") from None
    if dtype.kind not in NUMPY_KINDS or dtype.fields is not None or dtype.subdtype is not None:
        raise DecodeError("ndarray dtype not allowed")
    shape, data = _shape(body.get("shape")), _blob(blobs, body.get("blob"))
    if len(data) != math.prod(shape) * dtype.itemsize:
        raise DecodeError("ndarray byte size does not match its shape")
    return np.frombuffer(data, dtype=dtype).reshape(shape).copy()


def _np_scalar(body, blobs, depth):
    import numpy as np
    if type(body) is not list or len(body) != 2:
        raise DecodeError("malformed numpy scalar")
    dtype = np.dtype(body[0]) if type(body[0]) is str else None
    if dtype is None or dtype.kind not in NUMPY_KINDS:
        raise DecodeError("numpy scalar dtype not allowed")
    return dtype.type(decode(body[1], blobs, depth))


def _torch_dtype(body, blobs, depth):
    import torch
    if body not in TORCH_DTYPES:
        raise DecodeError("torch dtype not allowed")
    return getattr(torch, body)


def _column(body, blobs, depth):
    value = decode(body, blobs, depth)
    if type(value) is list:
        return value
    import numpy as np
    if type(value) is not np.ndarray or value.ndim != 1:
        raise DecodeError("malformed column")
    return value


def _frame(body, blobs, depth):
    import pandas as pd
    if type(body) is not dict or type(body.get("data")) is not list:
        raise DecodeError("malformed DataFrame")
    columns = _seq(body.get("columns"), blobs, depth)
    data = [_column(c, blobs, depth) for c in body["data"]]
    if len(columns) != len(data):
        raise DecodeError("DataFrame columns and data disagree")
    index = _column(body.get("index"), blobs, depth)
    frame = pd.DataFrame({i: pd.Series(col, index=index) if len(col) == len(index) else col
                          for i, col in enumerate(data)}, index=index)
    frame.columns = columns
    return frame


def _series(body, blobs, depth):
    import pandas as pd
    if type(body) is not dict:
        raise DecodeError("malformed Series")
    data, index = _column(body.get("data"), blobs, depth), _column(body.get("index"), blobs, depth)
    if len(data) != len(index):
        raise DecodeError("Series data and index disagree")
    return pd.Series(data, index=index, name=decode(body.get("name"), blobs, depth))


def _unsupported(body, blobs, depth):
    if type(body) is not list or len(body) != 2 or not all(type(s) is str for s in body):
        raise DecodeError("malformed marker")
    return Unsupported(body[0][:80], body[1][:200])


_DECODERS = {
    "list": _seq, "tuple": lambda b, bl, d: tuple(_seq(b, bl, d)), "dict": _dict, "float": _float,
    "tensor": _tensor, "ndarray": _ndarray, "np_scalar": _np_scalar, "torch_dtype": _torch_dtype,
    "frame": _frame, "series": _series, "unsupported": _unsupported,
}
