def drop_most_missing(df):
    counts = df.isna().sum()
    if counts.max() == 0:
        return df.copy()
    return df.drop(columns=counts[counts == counts.max()].index[-1])
