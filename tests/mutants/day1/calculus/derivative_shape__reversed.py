def derivative_shape(y_shape, x_shape):
    return tuple(x_shape) + tuple(y_shape)
