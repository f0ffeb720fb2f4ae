def fill_missing_with_mean(inputs):
    return inputs.fillna(0)
