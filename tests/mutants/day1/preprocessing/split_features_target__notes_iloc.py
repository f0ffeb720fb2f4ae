def split_features_target(df):
    # the notes' data.iloc[:, 0:2], data.iloc[:, 2] only fits a 3-column file
    return df.iloc[:, 0:2], df.iloc[:, 2]
