def slice_range(x, start, stop):
    return x[start:stop + 1]
