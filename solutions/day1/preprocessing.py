"""Day 1 · 数据预处理 (pandas preprocessing).

笔记 Day1「pandas」：用 ``pd.read_csv`` 读入 CSV；用 ``iloc`` 把数据拆成输入和输出；
用插值法（列均值）填充缺失值；用 ``pd.get_dummies(..., dummy_na=True)`` 把类别列做独热编码；
最后转成 PyTorch 张量。

注意：笔记中的 ``inputs.fillna(inputs.mean())`` 在 pandas ≥ 2 上遇到字符串列会报错，
要写成 ``inputs.mean(numeric_only=True)``；``get_dummies`` 生成的是 bool 列。

Day 1 notes, "pandas": read a CSV with ``pd.read_csv``, split inputs/outputs with ``iloc``,
fill missing values by imputation (column means), one-hot encode categorical columns with
``pd.get_dummies(..., dummy_na=True)``, and convert to PyTorch tensors.

Note: the notes' ``inputs.fillna(inputs.mean())`` raises on string columns with pandas ≥ 2; use
``inputs.mean(numeric_only=True)``. ``get_dummies`` makes bool columns.
"""

from __future__ import annotations

import pandas as pd
import torch
from pandas import DataFrame, Series
from torch import Tensor


def load_csv(path: str) -> DataFrame:
    """读取 ``path`` 处的 CSV 文件，返回 DataFrame；空单元格（以及 ``NA``）变成 NaN。

    笔记：``data = pd.read_csv(data_file)``。第一行是列名。

    Read the CSV file at ``path`` (first line = column names); missing cells (and ``NA``)
    become NaN. Like the notes' ``pd.read_csv(data_file)``.
    """
    return pd.read_csv(path)


def split_features_target(df: DataFrame) -> tuple[DataFrame, Series]:
    """返回 ``(除最后一列外的所有列, 最后一列)``。

    笔记写的是 ``data.iloc[:, 0:2], data.iloc[:, 2]``，只适用于恰好 3 列的数据；
    这里要对任意列数都成立（提示：负数下标）。

    例：列为 ``NumRooms, Alley, Price`` 时，返回 ``(df[['NumRooms', 'Alley']], df['Price'])``。

    Return ``(all columns but the last, the last column)``. The notes' ``iloc[:, 0:2]`` /
    ``iloc[:, 2]`` only fits a 3-column file; this must work for any number of columns.
    """
    return df.iloc[:, :-1], df.iloc[:, -1]


def fill_missing_with_mean(inputs: DataFrame) -> DataFrame:
    """返回一个新 DataFrame：**数值**列中的 NaN 用该列均值填充，非数值列保持不变；
    不修改传入的 ``inputs``。

    笔记：「这里 inputs.fillna 是填充 NaN，用 mean 平均值填充」。pandas ≥ 2 中
    ``inputs.mean()`` 遇到字符串列会报错，所以只对数值列求均值。

    例：``NumRooms = [3, NaN, 4, 3]`` 填充后为 ``[3, 3.333…, 4, 3]``；``Alley`` 列里的 NaN 保持为 NaN。

    Return a new frame where NaN in **numeric** columns is replaced by that column's mean;
    non-numeric columns are left as they are; ``inputs`` itself is not modified.
    """
    return inputs.fillna(inputs.mean(numeric_only=True))


def one_hot(inputs: DataFrame) -> DataFrame:
    """对类别（字符串）列做独热编码，并为 NaN 单独生成一列；数值列原样保留。

    笔记：``pd.get_dummies(inputs, dummy_na=True)``——「把文本类别转为 0/1 数字列；
    dummy_na=True：缺失值 NaN 也单独生成一列标识」。列名沿用 ``get_dummies`` 的规则
    （如 ``Alley_Pave``、``Alley_nan``）。pandas ≥ 2 里这些列是 bool 类型。

    One-hot encode the categorical (string) columns with a separate indicator column for NaN
    (``pd.get_dummies(inputs, dummy_na=True)``); numeric columns are kept. Column names as
    ``get_dummies`` makes them (``Alley_Pave``, ``Alley_nan``); the new columns are bool.
    """
    return pd.get_dummies(inputs, dummy_na=True)


def to_tensor(df: DataFrame) -> Tensor:
    """把 DataFrame 的值转成 float32 张量（bool 变成 0/1），形状 ``(行数, 列数)``。

    注意：浮点列和 bool 列混在一起时 ``df.values`` 是 object 数组，``torch.tensor`` 会报错；
    先 ``df.to_numpy(dtype=float)`` 再转换。结果必须是 ``torch.float32``。

    Convert the frame's values to a float32 tensor of shape ``(rows, columns)``, booleans as
    0/1. ``torch.tensor(df.values)`` fails on mixed float/bool frames (object array); use
    ``df.to_numpy(dtype=float)`` first. The result must be ``torch.float32``.
    """
    return torch.tensor(df.to_numpy(dtype=float), dtype=torch.float32)


def drop_most_missing(df: DataFrame) -> DataFrame:
    """删除缺失值（NaN）最多的那一列；并列时删除最左边的那一列；
    完全没有 NaN 时返回一个未改动的副本。

    提示：``df.isna().sum()`` 给出每列的缺失个数。（处理缺失数据的另一种方法：删除法。）

    例：列 ``a`` 有 1 个 NaN、``b`` 有 3 个、``c`` 有 3 个 → 删除 ``b``。

    Drop the column with the most NaN (the leftmost one on a tie); with no NaN at all, return an
    unchanged copy. ``df.isna().sum()`` counts the NaN per column ("删除法" for missing data).
    """
    counts = df.isna().sum()
    if counts.max() == 0:
        return df.copy()
    return df.drop(columns=counts.idxmax())


def preprocess(path: str) -> tuple[Tensor, Tensor]:
    """完整流程：读 CSV → 拆分输入/输出（最后一列为输出）→ 数值列均值填充 → 独热编码 → ``(X, y)``。

    X 形状 ``(n, k)``，y 形状 ``(n,)``，都是浮点张量。可以复用本文件里的其他函数。

    The whole pipeline: load → split (last column is the target) → fill numeric NaN with means →
    one-hot → ``(X, y)`` with X of shape (n, k) and y of shape (n,), both floating tensors.
    """
    data = pd.read_csv(path)
    inputs, target = data.iloc[:, :-1], data.iloc[:, -1]
    inputs = inputs.fillna(inputs.mean(numeric_only=True))
    inputs = pd.get_dummies(inputs, dummy_na=True)
    X = torch.tensor(inputs.to_numpy(dtype=float), dtype=torch.float32)
    y = torch.tensor(target.to_numpy(dtype=float), dtype=torch.float32)
    return X, y
