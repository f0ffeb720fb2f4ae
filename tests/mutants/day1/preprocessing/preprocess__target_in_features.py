import pandas as pd
import torch


def preprocess(path):
    data = pd.read_csv(path)
    data = pd.get_dummies(data.fillna(data.mean(numeric_only=True)), dummy_na=True)
    X = torch.tensor(data.to_numpy(dtype=float), dtype=torch.float32)
    return X, X[:, -1]
