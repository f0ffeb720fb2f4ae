"""Requests from the grading process to a worker, and the framing of both directions.

A request is a length-prefixed pickle (`frame` / `read_request`); a reply is a codec message,
whose reader takes its bytes through `recv_exact`.

This direction is trusted (the worker runs our code to unpickle it), so pickle is fine; the way
back goes through codec's allow-list instead. torch pickles a tensor through torch.save's machinery
(~55 us each way per tensor); a dense CPU tensor without autograd history or extra state goes as
its storage bytes plus view geometry instead (~5 us). Tensors sharing a storage still share one
after the trip, so aliasing checks see what the spec built. Anything unusual takes torch's path.
"""
from __future__ import annotations

import io
import pickle
import select
import struct
import sys
import time

LENGTH = struct.Struct("!Q")


class _StorageBytes:
    """One storage's bytes; pickle's memo sends it once however many tensors view it."""
    __slots__ = ("data",)

    def __init__(self, data: bytes) -> None:
        self.data = data

    def __reduce__(self):
        return (storage_from_bytes, (self.data,))


def storage_from_bytes(data: bytes):
    import torch
    return torch.UntypedStorage.from_buffer(data, dtype=torch.uint8) if data else torch.UntypedStorage(0)


def rebuild_tensor(storage, offset: int, size: tuple, stride: tuple, dtype, requires_grad: bool):
    import torch
    tensor = torch.empty(0, dtype=dtype).set_(storage, offset, size, stride)
    return tensor.requires_grad_() if requires_grad else tensor


class _RequestPickler(pickle.Pickler):
    def __init__(self, file) -> None:
        super().__init__(file, protocol=5)
        self.storages: dict[tuple[int, int], _StorageBytes] = {}
        self.torch = sys.modules.get("torch")

    def reducer_override(self, obj):
        torch = self.torch
        if torch is None or type(obj) is not torch.Tensor or not _plain(obj, torch):
            return NotImplemented
        storage = obj.untyped_storage()
        key = (storage.data_ptr(), storage.nbytes())
        ref = self.storages.get(key)
        if ref is None:
            raw = torch.empty(0, dtype=torch.uint8).set_(storage).numpy().tobytes() if storage.nbytes() else b""
            ref = self.storages[key] = _StorageBytes(raw)
        return (rebuild_tensor, (ref, obj.storage_offset(), tuple(obj.shape), tuple(obj.stride()), obj.dtype,
                                 obj.requires_grad))


def _plain(t, torch) -> bool:
    """A dense CPU tensor whose bytes and geometry are all there is to it."""
    return (t.layout == torch.strided and t.device.type == "cpu" and not t.is_nested and not t.is_quantized
            and not t.is_conj() and not t.is_neg() and not any(getattr(t, "names", None) or ())
            and t.is_leaf and t.grad is None and not t.__dict__)  # is_leaf first: .grad of a non-leaf warns


def dumps(request) -> bytes:
    """Pickle a request for a worker (plain tensors by their bytes)."""
    buffer = io.BytesIO()
    _RequestPickler(buffer).dump(request)
    return buffer.getvalue()


def frame(request) -> bytes:
    """A request as it goes on the socket: its length, then its pickle."""
    data = dumps(request)
    return LENGTH.pack(len(data)) + data


def read_request(conn):
    """In the worker: the next request, or None at EOF (from the trusted grading process)."""
    head = _read_all(conn, LENGTH.size)
    body = None if head is None else _read_all(conn, LENGTH.unpack(head)[0])
    return None if body is None else pickle.loads(body)


def _read_all(conn, n: int) -> bytes | None:
    chunks, got = [], 0
    while got < n:
        chunk = conn.recv(min(n - got, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def recv_exact(conn, n: int, deadline: float, dead=None) -> bytes:
    """On the grading side: exactly `n` bytes of a reply before `deadline` (TimeoutError), or
    EOFError when the worker is gone (`dead`: a pidfd-like object readable once it has exited)."""
    chunks, got = [], 0
    while got < n:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        watched = [conn] if dead is None or dead.fileno() < 0 else [conn, dead]
        ready, _, _ = select.select(watched, [], [], left)
        if not ready:
            raise TimeoutError
        if conn not in ready:  # the worker died; what it sent before dying was already read
            raise EOFError
        try:
            chunk = conn.recv(min(n - got, 1 << 20))
        except OSError:
            chunk = b""
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)
