import pandas as pd
import torch


def preprocess(path):
    data = pd.read_csv(path)
    inputs, target = data.iloc[:, :-1], data.iloc[:, -1]
    inputs = pd.get_dummies(inputs.fillna(inputs.mean(numeric_only=True)), dummy_na=True)
    return (torch.tensor(inputs.to_numpy(dtype=float), dtype=torch.float32),
            torch.tensor(target.to_numpy(dtype=float), dtype=torch.float32).reshape(-1, 1))
