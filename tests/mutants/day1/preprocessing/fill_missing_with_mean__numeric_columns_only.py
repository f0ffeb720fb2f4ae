def fill_missing_with_mean(inputs):
    numeric = inputs.select_dtypes("number")
    return numeric.fillna(numeric.mean())
