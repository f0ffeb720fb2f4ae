def broadcast_add(a, b):
    return a.expand_as(b) + b
