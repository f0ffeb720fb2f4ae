def reduced_shape(shape, axis, keepdims=False):
    ax = axis % len(shape)
    out = tuple(shape[:ax]) + tuple(shape[ax + 1:])
    return out + (1,) if keepdims else out
