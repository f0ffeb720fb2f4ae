def split_features_target(df):
    return df.iloc[:, 1:], df.iloc[:, 0]
