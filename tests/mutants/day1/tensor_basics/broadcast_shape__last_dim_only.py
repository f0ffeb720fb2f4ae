def broadcast_shape(shape_a, shape_b):
    # "compare the trailing dimensions": only the last one is checked for compatibility
    n = max(len(shape_a), len(shape_b))
    a = (1,) * (n - len(shape_a)) + tuple(shape_a)
    b = (1,) * (n - len(shape_b)) + tuple(shape_b)
    if n and a[-1] != b[-1] and a[-1] != 1 and b[-1] != 1:
        return None
    return tuple(db if da == 1 else da for da, db in zip(a, b))
