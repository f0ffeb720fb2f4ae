def derivative_shape(y_shape, x_shape):
    # scalar/scalar -> scalar, scalar/vector -> vector, vector/vector -> matrix
    if len(y_shape) == 0:
        return tuple(x_shape)
    if len(x_shape) == 0:
        return tuple(y_shape)
    return (y_shape[0], x_shape[0])
