"""The boundary codec: plain values round-trip, anything else is refused (no processes needed)."""
import io
import json
import struct

import numpy as np
import pandas as pd
import pytest
import torch

from grader.sandbox import codec


def roundtrip(value):
    data = io.BytesIO(codec.encode(value))
    return codec.read_message(data.read)


@pytest.mark.parametrize("value", [None, True, 3, -2.5, "文字", [1, (2, 3)], {"a": [1.0], 2: None}, (),
                                   float("inf")])
def test_plain_values_round_trip(value):
    got = roundtrip(value)
    assert got == value and type(got) is type(value)


def test_nan_round_trips():
    got = roundtrip(float("nan"))
    assert type(got) is float and got != got


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64, torch.int64, torch.bool, torch.bfloat16,
                                   torch.float16, torch.uint8, torch.complex64])
def test_tensors_round_trip_with_dtype_and_shape(dtype):
    t = (torch.arange(12) % 3).reshape(3, 4).to(dtype)
    got = roundtrip(t.t())  # non-contiguous input is sent contiguously
    assert type(got) is torch.Tensor and got.dtype == dtype and got.shape == (4, 3)
    assert torch.equal(got, t.t())


def test_empty_and_zero_dim_tensors():
    assert roundtrip(torch.empty(0, 3)).shape == (0, 3)
    z = roundtrip(torch.tensor(2.5))
    assert z.shape == () and z.item() == 2.5


def test_requires_grad_tensor_comes_back_as_plain_data():
    got = roundtrip(torch.ones(2, requires_grad=True) * 2)
    assert type(got) is torch.Tensor and not got.requires_grad and torch.equal(got, torch.full((2,), 2.0))


def test_numpy_values():
    a = np.arange(6, dtype=np.int32).reshape(2, 3)
    got = roundtrip(a)
    assert type(got) is np.ndarray and got.dtype == np.int32 and np.array_equal(got, a)
    s = roundtrip(np.float32(1.5))
    assert type(s) is np.float32 and s == 1.5


def test_dataframe_and_series():
    df = pd.DataFrame({"x": [1.0, np.nan], "s": ["a", None], "b": [True, False]})
    got = roundtrip(df)
    assert type(got) is pd.DataFrame and list(got.columns) == ["x", "s", "b"]
    assert got["x"].isna().tolist() == [False, True] and got["s"].tolist()[0] == "a"
    ser = roundtrip(pd.Series([1, 2], name="y"))
    assert type(ser) is pd.Series and ser.name == "y" and ser.tolist() == [1, 2]


class LyingTensor(torch.Tensor):
    def __eq__(self, other):
        return True


class PretendTensor:
    shape = (3,)
    dtype = torch.float32

    def __eq__(self, other):
        return True


class LyingArray(np.ndarray):
    def __eq__(self, other):
        return True


@pytest.mark.parametrize("value, kind", [
    (torch.zeros(3).as_subclass(LyingTensor), "LyingTensor"),
    (PretendTensor(), "PretendTensor"),
    (np.zeros(3).view(LyingArray), "LyingArray"),
    (np.array([object()], dtype=object), "ndarray"),
    (lambda: 1, "function"),
])
def test_foreign_objects_become_unsupported_markers(value, kind):
    got = roundtrip(value)
    assert isinstance(got, codec.Unsupported) and got.type_name == kind


def test_subclass_inside_containers_is_refused_too():
    got = roundtrip((torch.zeros(2), [torch.zeros(1).as_subclass(LyingTensor)]))
    assert type(got[0]) is torch.Tensor and isinstance(got[1][0], codec.Unsupported)


def forged(tree, blobs=()):
    return io.BytesIO(codec.frame(tree, list(blobs))).read


@pytest.mark.parametrize("tree, blobs", [
    ({"pickle": "cos\nsystem\n"}, ()),
    ({"tensor": {"dtype": "float32", "shape": [4], "blob": 0}}, (b"\0" * 8,)),
    ({"ndarray": {"dtype": "|O", "shape": [1], "blob": 0}}, (b"\0" * 8,)),
    ({"ndarray": {"dtype": "<f8", "shape": [1], "blob": 3}}, (b"\0" * 8,)),
    ({"list": "nope"}, ()),
    ({"a": 1, "b": 2}, ()),
])
def test_malformed_or_forbidden_messages_are_rejected(tree, blobs):
    with pytest.raises(codec.DecodeError):
        codec.read_message(forged(tree, blobs))


def test_oversized_header_is_rejected():
    data = io.BytesIO(struct.pack("!QI", 2**40, 0) + b"{}")
    with pytest.raises(codec.DecodeError):
        codec.read_message(data.read)


def test_unknown_torch_dtype_is_a_marker_not_an_error():
    got = codec.read_message(forged({"tensor": {"dtype": "qint8", "shape": [1], "blob": None}}))
    assert isinstance(got, codec.Unsupported)


def test_header_is_json_only():
    head = codec.encode({"x": torch.zeros(1)})
    size = struct.unpack("!QI", head[:12])[0]
    assert "tensor" in json.loads(head[12:12 + size])["tree"]["dict"][0][1]


def test_named_tuples_like_torch_return_types_come_back_as_plain_tuples():
    got = roundtrip(torch.tensor([1.0, 3.0, 2.0]).max(0))
    assert type(got) is tuple and got[0].item() == 3.0 and got[1].item() == 1
