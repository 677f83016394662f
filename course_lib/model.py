"""The linear model every lesson trains: prediction, losses, gradients, the exact optimum.

``w`` is a weight vector of shape (M,) and ``b`` a number. For whole loss curves at once, ``w``
may also be a stack of weight vectors (T, M) with ``b`` of shape (T,): the losses then come back
as an array of T values, one per parameter set.
"""

import numpy as np


def predict(w, b, x):
    """Predictions ``x @ w + b`` for one row (M,) or many rows (N, M)."""
    w = np.asarray(w, dtype=float)
    return _scalar_or_array(np.asarray(x, dtype=float) @ w.T + b)


def residuals(w, b, x, y):
    """Prediction minus target: (N,) for rows x (N, M), or (N, T) for a stack of T weights."""
    w = np.asarray(w, dtype=float)
    y = np.asarray(y, dtype=float)
    return np.asarray(x, dtype=float) @ w.T + b - (y[..., np.newaxis] if w.ndim == 2 else y)


def sse(w, b, x, y):
    """Sum of squared errors over the rows of ``x`` (one row: that row's squared error)."""
    squared = residuals(w, b, x, y) ** 2
    return _scalar_or_array(squared.sum(axis=0) if np.ndim(x) == 2 else squared)


def mse(w, b, x, y):
    """Mean of squared errors over the rows of ``x``: ``sse`` divided by the number of rows."""
    return sse(w, b, x, y) / (len(x) if np.ndim(x) == 2 else 1)


def sse_gradient(w, b, x, y):
    """Exact gradient of ``sse``: (2 r^T x, 2 sum r), per parameter set when ``w`` is a stack."""
    x = np.atleast_2d(np.asarray(x, dtype=float))
    r = residuals(w, b, x, y)
    return 2 * (r.T @ x), _scalar_or_array(2 * r.sum(axis=0))


def mse_gradient(w, b, x, y):
    """Exact gradient of ``mse`` with respect to ``w`` and ``b``."""
    grad_w, grad_b = sse_gradient(w, b, x, y)
    n = np.atleast_2d(x).shape[0]
    return grad_w / n, _scalar_or_array(grad_b / n)


def numeric_gradient(f, w, b, eps=1e-3, method="forward"):
    """Finite-difference gradient of ``f(w, b) -> float`` at (w, b); never changes w or b.

    ``method="forward"`` is the original lessons' (f(w + eps) - f(w)) / eps, biased by
    eps/2 times the second derivative; ``method="central"`` is (f(w + eps) - f(w - eps)) / 2eps,
    exact for quadratic losses up to rounding. With a stack of weights (K, M), biases (K,) and
    an ``f`` that returns K losses (``mse`` and ``sse`` do), it returns K gradients at once.
    """
    w = np.array(w, dtype=float)
    shifts = eps * np.eye(w.shape[-1])
    if method == "forward":
        f0 = f(w, b)
        grad_w = np.stack([(f(w + shift, b) - f0) / eps for shift in shifts], axis=-1)
        return grad_w, _scalar_or_array((f(w, b + eps) - f0) / eps)
    if method == "central":
        grad_w = np.stack([(f(w + shift, b) - f(w - shift, b)) / (2 * eps) for shift in shifts],
                          axis=-1)
        return grad_w, _scalar_or_array((f(w, b + eps) - f(w, b - eps)) / (2 * eps))
    raise ValueError(f"method must be 'forward' or 'central', not {method!r}")


def mse_hessian(x):
    """Second derivatives of ``mse`` with respect to (w, b): 2/N A^T A with A = [x, 1].

    Constant, because the MSE is quadratic in the parameters.
    """
    design = np.column_stack([np.asarray(x, dtype=float), np.ones(len(x))])
    return 2 * design.T @ design / len(x)


def least_squares(x, y):
    """The closed-form minimiser of ``mse``/``sse``: returns (w, b)."""
    x = np.asarray(x, dtype=float)
    design = np.column_stack([x, np.ones(len(x))])
    theta, *_ = np.linalg.lstsq(design, np.asarray(y, dtype=float), rcond=None)
    return theta[:-1], float(theta[-1])


def _scalar_or_array(values):
    """Plain Python float for a 0-d result (prints the same under NumPy 1 and 2), else the array."""
    return float(values) if np.ndim(values) == 0 else values
