def saturated_fraction(x, threshold=6.0):
    return (x > threshold).float().mean().item()
