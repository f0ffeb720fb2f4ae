def every_kth(x, k):
    return x[k - 1::k]
