def tangent_line(f, x0, h=1e-4):
    slope = (f(x0 + h) - f(x0 - h)) / (2 * h)
    return slope, f(x0)
