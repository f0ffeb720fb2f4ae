"""Public checks for day1.preprocessing (数据预处理). The hidden checks test more cases."""

import numpy as np
import pandas as pd
import torch

from grader.spec import expect, function


def _house_frame(rng):
    """NumRooms (numeric, NaN) and Alley (strings, NaN), like the notes' house_tiny.csv, random."""
    n = int(rng.np.integers(5, 9))
    rooms = rng.np.integers(1, 7, n).astype(float)
    rooms[rng.np.choice(n, 2, replace=False)] = np.nan
    alley = [str(v) for v in rng.np.choice(["Pave", "Grvl"], n)]
    alley = [np.nan if m else v for v, m in zip(alley, rng.np.random(n) < 0.4)]
    alley[0], alley[1] = "Pave", np.nan
    return pd.DataFrame({"NumRooms": rooms, "Alley": alley})


@function("fill_missing_with_mean")
def test_fill_missing_with_mean_public(student, rng):
    # the frame has a string column: pandas >= 2 raises on inputs.fillna(inputs.mean())
    df = _house_frame(rng)
    expect.frame(student.fill_missing_with_mean(df), df.fillna(df.mean(numeric_only=True)))


@function("to_tensor")
def test_to_tensor_public(student, rng):
    df = _house_frame(rng)
    df = pd.get_dummies(df.fillna(df.mean(numeric_only=True)), dummy_na=True)  # float + bool columns
    expected = torch.tensor(df.to_numpy(dtype=float), dtype=torch.float32)
    expect.tensor(student.to_tensor(df), expected, dtype=torch.float32)
