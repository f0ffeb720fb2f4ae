import pandas as pd


def one_hot(inputs):
    return pd.get_dummies(inputs, columns=list(inputs.columns), dummy_na=True)
