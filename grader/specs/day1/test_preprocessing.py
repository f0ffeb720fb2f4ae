"""Hidden checks for day1.preprocessing (数据预处理, pandas).

Every frame has numeric columns with NaN *and* a string column with NaN (pandas >= 2 raises on
``df.fillna(df.mean())`` there), random values, and a random number of columns, so the notes'
``iloc[:, 0:2]`` and hard-coded outputs fail.
"""

import io

import numpy as np
import pandas as pd
import torch

from grader.probes import day1 as probes
from grader.spec import expect, function

_NUMERIC = ["NumRooms", "Area", "Age", "Floors", "LotSize", "Garage", "Rating"]
_CATEGORICAL = ["Alley", "Roof", "Heating", "Street"]
_LEVELS = ["Pave", "Grvl", "Dirt", "Brick", "Stone"]


def _numeric_column(rng, n, integer):
    """Random numeric values with 1..n//3 NaN (at least two values are present)."""
    if integer:
        values = rng.np.integers(1, 10, n).astype(float)
    else:
        values = np.round(rng.np.uniform(1.0, 100.0, n), 2)
    k = int(rng.np.integers(1, max(2, n // 3) + 1))
    values[rng.np.choice(n, k, replace=False)] = np.nan
    return values


def _string_column(rng, n):
    levels = list(rng.np.choice(_LEVELS, int(rng.np.integers(2, 4)), replace=False))
    values = [levels[i % len(levels)] for i in range(n)]  # every level appears
    values = [str(v) for v in rng.np.permutation(np.array(values, dtype=object))]
    k = int(rng.np.integers(1, max(2, n // 3) + 1))
    out = pd.Series(values, dtype=object)
    out[rng.np.choice(n, k, replace=False)] = np.nan
    return out.tolist()


def _frame(rng, n_numeric=None, n_string=None, target=True):
    """A raw data frame: numeric + string feature columns with NaN (random order), then a
    numeric target column without NaN when `target`."""
    n = int(rng.np.integers(6, 11))
    n_numeric = n_numeric if n_numeric is not None else int(rng.np.integers(2, 4))
    n_string = n_string if n_string is not None else int(rng.np.integers(1, 3))
    names = list(rng.np.choice(_NUMERIC, n_numeric, replace=False))
    cats = list(rng.np.choice(_CATEGORICAL, n_string, replace=False))
    cols = {}
    for i, name in enumerate(names):
        cols[str(name)] = _numeric_column(rng, n, integer=(i % 2 == 1))
    for name in cats:
        cols[str(name)] = _string_column(rng, n)
    order = [list(cols)[i] for i in rng.np.permutation(len(cols))]
    df = pd.DataFrame({name: cols[name] for name in order})
    if target:
        df["Price"] = np.round(rng.np.uniform(50_000, 300_000, n), 2)
    return df


def _csv_text(rng, df, na_rep=None):
    """The frame as CSV text; like the book, missing values are either empty or spelled "NA"."""
    return df.to_csv(index=False, na_rep=rng.choice(["", "NA"]) if na_rep is None else na_rep)


def _read(text):
    return pd.read_csv(io.StringIO(text))


def _student_on_csv(student, name, filename, text):
    """Call student.<name>(path) on a file holding `text` (the file is written in the worker)."""
    return student.probe(probes.call_with_csv, name, filename, text)


def _features(rng):
    """Feature frame as split_features_target would give it (no target column)."""
    return _frame(rng, target=False)


def _filled(df):
    return df.fillna(df.mean(numeric_only=True))


# --------------------------------------------------------------------------------- load_csv
@function("load_csv")
def test_load_csv_missing_cells(student, rng):
    text = _csv_text(rng, _frame(rng))
    got = _student_on_csv(student, "load_csv", "house_tiny.csv", text)
    expect.frame(got, _read(text), what="load_csv('.../house_tiny.csv')")


@function("load_csv")
def test_load_csv_na_spelled_out(student, rng):
    text = _csv_text(rng, _frame(rng, n_string=2), na_rep="NA")
    got = _student_on_csv(student, "load_csv", "data.csv", text)
    expect.frame(got, _read(text), what="load_csv('.../data.csv')")


# -------------------------------------------------------------------- split_features_target
def _check_split(student, df):
    got = student.split_features_target(df)
    expect.true(isinstance(got, tuple) and len(got) == 2,
                "split_features_target must return a tuple (inputs, target)")
    inputs, target = got
    expect.frame(inputs, df.iloc[:, :-1], what="split_features_target(df)[0] (inputs)")
    expect.series(target, df.iloc[:, -1], what="split_features_target(df)[1] (target)")


@function("split_features_target")
def test_split_features_target_many_columns(student, rng):
    _check_split(student, _frame(rng, n_numeric=3, n_string=2))


@function("split_features_target")
def test_split_features_target_random_width(student, rng):
    _check_split(student, _frame(rng, n_numeric=int(rng.np.integers(1, 3)), n_string=1))
    _check_split(student, _frame(rng, n_numeric=0, n_string=1))


# ------------------------------------------------------------------- fill_missing_with_mean
@function("fill_missing_with_mean")
def test_fill_missing_with_mean_string_column_present(student, rng):
    df = _features(rng)
    expect.frame(student.fill_missing_with_mean(df), _filled(df))


@function("fill_missing_with_mean")
def test_fill_missing_with_mean_several_columns(student, rng):
    df = _frame(rng, n_numeric=3, n_string=2, target=False)
    expect.frame(student.fill_missing_with_mean(df), _filled(df))


# ------------------------------------------------------------------------------- one_hot
@function("one_hot")
def test_one_hot_with_nan_indicator(student, rng):
    df = _filled(_features(rng))
    expected = pd.get_dummies(df, dummy_na=True)
    expect.frame(student.one_hot(df), expected, check_column_order=False)


@function("one_hot")
def test_one_hot_two_categorical_columns(student, rng):
    df = _filled(_frame(rng, n_numeric=1, n_string=2, target=False))
    expected = pd.get_dummies(df, dummy_na=True)
    expect.frame(student.one_hot(df), expected, check_column_order=False)


# ----------------------------------------------------------------------------- to_tensor
def _expected_tensor(df):
    return torch.tensor(df.to_numpy(dtype=float), dtype=torch.float32)


@function("to_tensor")
def test_to_tensor_mixed_float_and_bool(student, rng):
    df = pd.get_dummies(_filled(_features(rng)), dummy_na=True)
    expect.tensor(student.to_tensor(df), _expected_tensor(df), dtype=torch.float32)


@function("to_tensor")
def test_to_tensor_numeric_only(student, rng):
    n = int(rng.np.integers(3, 7))
    df = pd.DataFrame({"a": rng.np.normal(size=n), "b": rng.np.integers(-5, 5, n),
                       "c": rng.np.uniform(0, 10, n)})
    expect.tensor(student.to_tensor(df), _expected_tensor(df), dtype=torch.float32)


# ----------------------------------------------------------------------- drop_most_missing
def _frame_with_nan_counts(rng, counts):
    """Numeric frame whose column i has exactly counts[i] NaN."""
    n = max(counts) + int(rng.np.integers(2, 5))
    cols = {}
    for i, k in enumerate(counts):
        values = np.round(rng.np.uniform(-10, 10, n), 3)
        values[rng.np.choice(n, k, replace=False)] = np.nan
        cols[f"c{i}"] = values
    return pd.DataFrame(cols)


@function("drop_most_missing")
def test_drop_most_missing_unique_maximum(student, rng):
    df = _features(rng)
    counts = df.isna().sum()
    worst = counts.max()
    if (counts == worst).sum() > 1:  # make the maximum unique: one more NaN in a random column
        col = rng.choice(list(counts[counts == worst].index))
        present = np.flatnonzero(df[col].notna().to_numpy())
        df.loc[df.index[int(rng.np.choice(present))], col] = np.nan
    expected = df.drop(columns=df.isna().sum().idxmax())
    expect.frame(student.drop_most_missing(df), expected)


@function("drop_most_missing")
def test_drop_most_missing_tie_drops_leftmost(student, rng):
    m = int(rng.np.integers(4, 7))
    counts = [int(c) for c in rng.np.integers(0, 3, m)]
    top = max(counts) + int(rng.np.integers(1, 3))
    first, second = sorted(int(i) for i in rng.np.choice(m, 2, replace=False))
    counts[first] = counts[second] = top
    df = _frame_with_nan_counts(rng, counts)
    expect.frame(student.drop_most_missing(df), df.drop(columns=df.columns[first]))


@function("drop_most_missing")
def test_drop_most_missing_no_nan_returns_copy(student, rng):
    n = int(rng.np.integers(3, 7))
    df = pd.DataFrame({"a": rng.np.normal(size=n), "b": rng.np.integers(0, 9, n),
                       "c": rng.np.uniform(size=n)})
    got = student.drop_most_missing(df)
    expect.frame(got, df)
    expect.true(not student.last.returned_arg(0),
                "drop_most_missing(df) without NaN must return a copy, not df itself")


# ------------------------------------------------------------------------------- preprocess
def _align_columns(got, expected):
    """Reorder got's columns to match expected's where each matches exactly one unused column
    (the column order of one-hot output is not part of the contract)."""
    if type(got) is not torch.Tensor or got.shape != expected.shape or got.ndim != 2:
        return got
    if got.is_complex():
        return got
    g = got.to(torch.float64)
    e = expected.to(torch.float64)
    used, perm = set(), []
    for j in range(e.shape[1]):
        for k in range(g.shape[1]):
            if k not in used and torch.allclose(g[:, k], e[:, j], atol=1e-6, rtol=1e-5):
                used.add(k)
                perm.append(k)
                break
        else:
            return got
    return got[:, perm]


def _expected_pipeline(text):
    data = _read(text)
    inputs, target = data.iloc[:, :-1], data.iloc[:, -1]
    inputs = pd.get_dummies(inputs.fillna(inputs.mean(numeric_only=True)), dummy_na=True)
    return (torch.tensor(inputs.to_numpy(dtype=float)),
            torch.tensor(target.to_numpy(dtype=float)))


def _check_preprocess(student, filename, text):
    got = _student_on_csv(student, "preprocess", filename, text)
    expect.true(isinstance(got, tuple) and len(got) == 2, "preprocess must return a tuple (X, y)")
    X, y = got
    eX, ey = _expected_pipeline(text)
    expect.tensor(_align_columns(X, eX), eX, dtype="floating", what=f"preprocess('.../{filename}')[0] (X)")
    expect.tensor(y, ey, dtype="floating", what=f"preprocess('.../{filename}')[1] (y)")


@function("preprocess")
def test_preprocess_house_like_file(student, rng):
    _check_preprocess(student, "house_tiny.csv", _csv_text(rng, _frame(rng)))


@function("preprocess")
def test_preprocess_wider_file(student, rng):
    _check_preprocess(student, "wide.csv", _csv_text(rng, _frame(rng, n_numeric=3, n_string=2)))
