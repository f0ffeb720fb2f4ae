def saturated_fraction(x, threshold=6.0):
    return (x.abs() > threshold).sum().item() / len(x)
