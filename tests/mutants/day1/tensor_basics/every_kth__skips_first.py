def every_kth(x, k):
    return x[k::k]
