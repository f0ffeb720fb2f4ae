def fill_missing_with_mean(inputs):
    return inputs.fillna(inputs.median(numeric_only=True))
