"""Public checks for day1.preprocessing (数据预处理): small fixed tables you can read and rerun.

Each check says what it looks at (中文, then English). At grading, hidden checks use random
tables with more columns, so code written for exactly these tables will not pass.
"""

import numpy as np
import pandas as pd
import torch

from grader.probes import day1 as probes
from grader.spec import expect, function

nan = np.nan

# the notes' house_tiny.csv: missing values spelled NA
HOUSE_TINY = "NumRooms,Alley,Price\nNA,Pave,127500\n2,NA,106000\n4,NA,178100\nNA,NA,140000\n"

# another file: four columns, missing values as empty cells, two Alley levels
HOUSE_WIDE = "Area,Alley,Rooms,Price\n50,Pave,2,100\n,Grvl,,200\n70,,4,300\n"


def _on_csv(student, name, filename, text):
    """Call student.<name>(path) on a file holding `text` (the file is written next to your code)."""
    return student.probe(probes.call_with_csv, name, filename, text, desc=f"{name}('.../{filename}')")


def _sorted_columns(t):
    """t with its columns in a fixed order (sorted by their values): one-hot column order is free."""
    order = sorted(range(t.shape[1]), key=lambda j: [float(v) for v in t[:, j]])
    return t[:, order]


# -------------------------------------------------------------------------------- load_csv
@function("load_csv")
def test_load_csv_example(student):
    """笔记的 house_tiny.csv：第一行是列名，NA 变成 NaN，行数不变。
    The notes' house_tiny.csv: the first line holds the names, NA becomes NaN, no row is dropped."""
    got = _on_csv(student, "load_csv", "house_tiny.csv", HOUSE_TINY)
    expected = pd.DataFrame({"NumRooms": [nan, 2.0, 4.0, nan], "Alley": ["Pave", nan, nan, nan],
                             "Price": [127500, 106000, 178100, 140000]})
    expect.frame(got, expected, what="load_csv('.../house_tiny.csv')")


@function("load_csv")
def test_load_csv_empty_cells(student):
    """空单元格同样变成 NaN（数值列仍是数值），第一列不是索引。
    Empty cells become NaN as well (numeric columns stay numeric); the first column is not an index."""
    got = _on_csv(student, "load_csv", "house_wide.csv", HOUSE_WIDE)
    expected = pd.DataFrame({"Area": [50.0, nan, 70.0], "Alley": ["Pave", "Grvl", nan],
                             "Rooms": [2.0, nan, 4.0], "Price": [100, 200, 300]})
    expect.frame(got, expected, what="load_csv('.../house_wide.csv')")


# ------------------------------------------------------------------- split_features_target
def _check_split(student, df, inputs, target):
    got = student.split_features_target(df)
    expect.true(isinstance(got, tuple) and len(got) == 2,
                "split_features_target must return a tuple (inputs, target)")
    expect.frame(got[0], inputs, what="split_features_target(df)[0] (inputs)")
    expect.series(got[1], target, what="split_features_target(df)[1] (target)")


@function("split_features_target")
def test_split_features_target_example(student):
    """文档示例：列为 NumRooms, Alley, Price 时，输入是前两列，输出是 Price 列。
    Docstring example: with columns NumRooms, Alley, Price the inputs are the first two, the target is Price."""
    df = pd.DataFrame({"NumRooms": [nan, 2.0, 4.0], "Alley": ["Pave", nan, nan],
                       "Price": [127500, 106000, 178100]})
    _check_split(student, df, df[["NumRooms", "Alley"]], df["Price"])


@function("split_features_target")
def test_split_features_target_four_columns(student):
    """任意列数：4 列时输入是前 3 列（笔记的 iloc[:, 0:2] 只适用于 3 列）。
    Any number of columns: with 4 columns the inputs are the first 3 (the notes' iloc[:, 0:2] fits 3 only)."""
    df = pd.DataFrame({"Area": [50.0, nan], "Alley": ["Pave", "Grvl"], "Rooms": [2.0, 3.0],
                       "Price": [100.0, 200.0]})
    _check_split(student, df, df[["Area", "Alley", "Rooms"]], df["Price"])


# ------------------------------------------------------------------ fill_missing_with_mean
@function("fill_missing_with_mean")
def test_fill_missing_with_mean_example(student):
    """文档示例：NumRooms [3, NaN, 4, 3] → [3, 3.333…, 4, 3]；字符串列 Alley 的 NaN 不动；输入不被修改。
    Docstring example: NumRooms [3, NaN, 4, 3] → [3, 3.333…, 4, 3]; Alley's NaN stay; input unchanged."""
    df = pd.DataFrame({"NumRooms": [3.0, nan, 4.0, 3.0], "Alley": ["Pave", nan, nan, "Grvl"]})
    expected = pd.DataFrame({"NumRooms": [3.0, 10 / 3, 4.0, 3.0], "Alley": ["Pave", nan, nan, "Grvl"]})
    expect.frame(student.fill_missing_with_mean(df), expected)


@function("fill_missing_with_mean")
def test_fill_missing_with_mean_two_numeric_columns(student):
    """每个数值列用自己的均值（不是中位数、不是 0）；字符串列在最前面也保留。
    Each numeric column gets its own mean (not the median, not 0); a string column in front is kept."""
    df = pd.DataFrame({"Alley": [nan, "Pave", "Grvl", nan, "Pave"],
                       "Rooms": [1.0, nan, 2.0, nan, 6.0],
                       "Area": [50.0, 80.0, nan, 70.0, 60.0]})
    expected = pd.DataFrame({"Alley": [nan, "Pave", "Grvl", nan, "Pave"],
                             "Rooms": [1.0, 3.0, 2.0, 3.0, 6.0],
                             "Area": [50.0, 80.0, 65.0, 70.0, 60.0]})
    expect.frame(student.fill_missing_with_mean(df), expected)


# -------------------------------------------------------------------------------- one_hot
@function("one_hot")
def test_one_hot_example(student):
    """笔记示例：Alley 变成 Alley_Pave 和 Alley_nan 两列（dummy_na=True），数值列 NumRooms 保留。
    The notes' example: Alley becomes Alley_Pave and Alley_nan (dummy_na=True); NumRooms is kept."""
    df = pd.DataFrame({"NumRooms": [3.0, 2.0, 4.0, 3.0], "Alley": ["Pave", nan, nan, nan]})
    expected = pd.DataFrame({"NumRooms": [3.0, 2.0, 4.0, 3.0],
                             "Alley_Pave": [True, False, False, False],
                             "Alley_nan": [False, True, True, True]})
    expect.frame(student.one_hot(df), expected, check_column_order=False)


@function("one_hot")
def test_one_hot_two_levels(student):
    """两个类别 Pave、Grvl 加上 NaN：每个类别一列（一个也不丢），再加 Alley_nan。
    Two levels Pave and Grvl plus NaN: one column per level (none dropped) and Alley_nan."""
    df = pd.DataFrame({"Rooms": [2.0, 3.0, 4.0, 5.0], "Alley": ["Pave", "Grvl", nan, "Pave"]})
    expected = pd.DataFrame({"Rooms": [2.0, 3.0, 4.0, 5.0],
                             "Alley_Grvl": [False, True, False, False],
                             "Alley_Pave": [True, False, False, True],
                             "Alley_nan": [False, False, True, False]})
    expect.frame(student.one_hot(df), expected, check_column_order=False)


# ------------------------------------------------------------------------------ to_tensor
@function("to_tensor")
def test_to_tensor_example(student):
    """浮点列加 bool 列（get_dummies 的结果）：得到 float32 张量，True/False 变成 1/0。
    A float column plus bool columns (what get_dummies gives): a float32 tensor, True/False as 1/0."""
    df = pd.DataFrame({"NumRooms": [3.0, 2.0, 4.0, 3.0],
                       "Alley_Pave": [True, False, False, False],
                       "Alley_nan": [False, True, True, True]})
    expected = torch.tensor([[3.0, 1, 0], [2.0, 0, 1], [4.0, 0, 1], [3.0, 0, 1]])
    expect.tensor(student.to_tensor(df), expected, dtype=torch.float32)


@function("to_tensor")
def test_to_tensor_int_and_float(student):
    """整数列和浮点列：结果仍是 float32，形状为 (行数, 列数)。
    Integer and float columns: still float32, shape (rows, columns)."""
    df = pd.DataFrame({"a": [1, 2], "b": [0.5, -1.5], "c": [10, 20]})
    expected = torch.tensor([[1.0, 0.5, 10.0], [2.0, -1.5, 20.0]])
    expect.tensor(student.to_tensor(df), expected, dtype=torch.float32)


# ---------------------------------------------------------------------- drop_most_missing
@function("drop_most_missing")
def test_drop_most_missing_example(student):
    """文档示例：a 有 1 个 NaN，b 和 c 各有 3 个 → 删除 b（并列时删最左边的一列）；行不删。
    Docstring example: a has 1 NaN, b and c 3 each → drop b (the leftmost on a tie); no row is dropped."""
    df = pd.DataFrame({"a": [1.0, nan, 3.0, 4.0],
                       "b": [nan, nan, nan, 4.0],
                       "c": [1.0, nan, nan, nan]})
    expect.frame(student.drop_most_missing(df), df[["a", "c"]])


@function("drop_most_missing")
def test_drop_most_missing_no_nan(student):
    """完全没有 NaN：返回内容不变的副本（不是传入的 df 本身，也不删列）。
    No NaN at all: an unchanged copy (not the df passed in, and no column dropped)."""
    df = pd.DataFrame({"a": [1.0, 2.0], "b": [3, 4], "c": [0.5, 0.25]})
    got = student.drop_most_missing(df)
    expect.frame(got, df)
    expect.true(not student.last.returned_arg(0),
                "drop_most_missing(df) without NaN must return a copy, not df itself")


# ------------------------------------------------------------------------------ preprocess
def _check_preprocess(student, filename, text, X_expected, y_expected):
    got = _on_csv(student, "preprocess", filename, text)
    expect.true(isinstance(got, tuple) and len(got) == 2, "preprocess must return a tuple (X, y)")
    X, y = got
    if type(X) is torch.Tensor and X.ndim == 2 and X.shape == X_expected.shape:
        X = _sorted_columns(X)
    expect.tensor(X, _sorted_columns(X_expected), dtype="floating", atol=1e-4,
                  what=f"preprocess('.../{filename}')[0] (X, columns in any order)")
    expect.tensor(y, y_expected, dtype="floating", what=f"preprocess('.../{filename}')[1] (y)")


@function("preprocess")
def test_preprocess_example(student):
    """笔记的 house_tiny.csv：X 为 NumRooms（NaN 填均值 3）、Alley_Pave、Alley_nan；y 为 Price，形状 (4,)。
    The notes' house_tiny.csv: X is NumRooms (NaN → mean 3), Alley_Pave, Alley_nan; y is Price, shape (4,)."""
    X = torch.tensor([[3.0, 1, 0], [2.0, 0, 1], [4.0, 0, 1], [3.0, 0, 1]])
    y = torch.tensor([127500.0, 106000.0, 178100.0, 140000.0])
    _check_preprocess(student, "house_tiny.csv", HOUSE_TINY, X, y)


@function("preprocess")
def test_preprocess_wider_table(student):
    """另一个文件：两个数值列各自用均值填充，Alley 有两个类别和 NaN，最后一列 Price 是 y。
    Another file: two numeric columns filled with their means, Alley with two levels and NaN; y is Price."""
    # columns: Area, Rooms, Alley_Grvl, Alley_Pave, Alley_nan (any order is accepted)
    X = torch.tensor([[50.0, 2.0, 0, 1, 0], [60.0, 3.0, 1, 0, 0], [70.0, 4.0, 0, 0, 1]])
    y = torch.tensor([100.0, 200.0, 300.0])
    _check_preprocess(student, "house_wide.csv", HOUSE_WIDE, X, y)
