def reduced_shape(shape, axis, keepdims=False):
    if keepdims:
        return tuple(shape[:axis]) + (1,) + tuple(shape[axis + 1:])
    return tuple(shape[:axis]) + tuple(shape[axis + 1:])
