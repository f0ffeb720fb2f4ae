def fill_missing_with_mean(inputs):
    inputs.fillna(inputs.mean(numeric_only=True), inplace=True)
    return inputs
