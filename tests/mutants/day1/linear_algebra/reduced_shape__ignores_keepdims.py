def reduced_shape(shape, axis, keepdims=False):
    ax = axis % len(shape)
    return tuple(shape[:ax]) + tuple(shape[ax + 1:])
