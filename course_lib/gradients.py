"""Gradients as functions ``gradient(theta, k)`` for ``course_lib.optimizers.trajectory``.

A parameter vector ``theta = [w..., b]`` holds the weights and the bias together; ``k`` is the
step number, so a stochastic gradient can use the k-th sampled row. The rows are drawn from
``numpy.random.default_rng(seed)`` exactly as the lessons draw them (one ``integers(N)`` per
step), so with seed 0 a run here retraces its lesson step for step.
"""

from collections.abc import Callable

import numpy as np

from course_lib.curves import sse_function
from course_lib.model import mse_gradient, sse_gradient

Gradient = Callable[[np.ndarray, int], np.ndarray]
Losses = Callable[[np.ndarray], np.ndarray]  # the loss of each parameter vector in a stack


def to_theta(w: np.ndarray, b: float) -> np.ndarray:
    """One parameter vector [w..., b] from the weights and the bias."""
    return np.append(np.asarray(w, dtype=float), float(b))


def start_theta(n_features: int) -> np.ndarray:
    """The lessons' start: w = 1, b = 0."""
    return to_theta(np.ones(n_features), 0.0)


def sampled_rows(n_rows: int, steps: int, seed: int = 0) -> np.ndarray:
    """The row each stochastic step uses: the lessons' ``rng.integers(N)`` sequence."""
    return np.random.default_rng(seed).integers(n_rows, size=steps)


def row_gradient(x: np.ndarray, y: np.ndarray, rows: np.ndarray, exact: bool = False) -> Gradient:
    """Gradient of row ``rows[k]``'s squared error at step k: the lessons' forward difference,
    or (``exact=True``) the analytic gradient."""

    def gradient(theta, k):
        i = rows[k]
        if exact:
            return to_theta(*sse_gradient(theta[:-1], theta[-1], x[i], y[i]))
        return finite_difference(
            lambda thetas: (thetas[:, :-1] @ x[i] + thetas[:, -1] - y[i]) ** 2, theta
        )

    return gradient


def full_batch_gradient(
    x: np.ndarray, y: np.ndarray, method: str = "forward", eps: float = 1e-3
) -> Gradient:
    """Gradient of the MSE over all rows, the same at every step: the GD lesson's forward
    difference, ``method="central"``, or ``method="exact"`` (analytic)."""
    if method not in ("forward", "central", "exact"):
        raise ValueError(f"method must be 'forward', 'central' or 'exact', not {method!r}")

    sse_of = sse_function(x, y)

    def gradient(theta, k):
        if method == "exact":
            return to_theta(*mse_gradient(theta[:-1], theta[-1], x, y))
        return finite_difference(lambda thetas: sse_of(thetas) / len(x), theta, eps, method)

    return gradient


def finite_difference(
    losses: Losses, theta: np.ndarray, eps: float = 1e-3, method: str = "forward"
) -> np.ndarray:
    """``model.numeric_gradient``'s differences with respect to theta, all the shifted losses
    computed in one call of ``losses`` (so a run takes one matrix product per step)."""
    shifts = eps * np.eye(len(theta))
    if method == "forward":
        values = losses(np.vstack([theta, theta + shifts]))
        return (values[1:] - values[0]) / eps
    values = losses(np.vstack([theta + shifts, theta - shifts]))
    return (values[: len(theta)] - values[len(theta) :]) / (2 * eps)
