def drop_most_missing(df):
    return df.dropna()
