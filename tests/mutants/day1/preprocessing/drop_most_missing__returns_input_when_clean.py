def drop_most_missing(df):
    counts = df.isna().sum()
    if counts.max() == 0:
        return df
    return df.drop(columns=counts.idxmax())
