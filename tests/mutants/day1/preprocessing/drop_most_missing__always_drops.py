def drop_most_missing(df):
    return df.drop(columns=df.isna().sum().idxmax())
