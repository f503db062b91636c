"""Central differences and relative error: the independent numerical check (CS231n style)."""
import numpy as np


def rel_error(got, want, floor=1e-8):
    """max |got − want| / max(|got| + |want|, floor), elementwise."""
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    return float(np.max(np.abs(got - want) / np.maximum(np.abs(got) + np.abs(want), floor), initial=0.0))


def central_difference(f, x, h=1e-6):
    """∂f/∂x by (f(x + h e_j) − f(x − h e_j)) / 2h for every entry j of the float array ``x``.

    ``f`` takes no argument and reads ``x``, which is changed in place and restored.
    """
    grad = np.zeros_like(x)
    for j in np.ndindex(x.shape):
        old = x[j]
        x[j] = old + h
        up = f()
        x[j] = old - h
        down = f()
        x[j] = old
        grad[j] = (up - down) / (2 * h)
    return grad


def gradient_error(got, want, floor=1e-8):
    """max_i |got_i − want_i| / max(max |got|, max |want|, floor): the error relative to the
    gradient's own scale (what a central difference can promise for its tiny components)."""
    got, want = np.ravel(np.asarray(got, dtype=float)), np.ravel(np.asarray(want, dtype=float))
    scale = max(np.max(np.abs(got), initial=0.0), np.max(np.abs(want), initial=0.0), floor)
    return float(np.max(np.abs(got - want), initial=0.0) / scale)
