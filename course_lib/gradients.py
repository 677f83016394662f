"""Gradients as functions ``gradient(theta, k)`` for ``course_lib.optimizers.trajectory``.

A parameter vector ``theta = [w..., b]`` holds the weights and the bias together; ``k`` is the
step number, so a stochastic gradient can use the k-th sampled row or batch. The rows are drawn
from ``numpy.random.default_rng(seed)`` exactly as the lessons draw them (one ``integers(N)``
per step), so with seed 0 a run here retraces its lesson step for step. Every gradient here
also takes a stack of parameter vectors (K, M+1), one run per row, and returns one gradient per
row: a sweep runs all its settings side by side.
"""

from collections.abc import Callable

import numpy as np

from course_lib.curves import sse_function
from course_lib.model import design_matrix, least_squares_gradient

Gradient = Callable[[np.ndarray, int], np.ndarray]


def to_theta(w: np.ndarray, b: float) -> np.ndarray:
    """One parameter vector [w..., b] from the weights and the bias."""
    return np.append(np.asarray(w, dtype=float), float(b))


def start_theta(n_features: int) -> np.ndarray:
    """The lessons' start: w = 1, b = 0."""
    return to_theta(np.ones(n_features), 0.0)


def sampled_rows(n_rows: int, steps: int, seed: int = 0) -> np.ndarray:
    """The row each stochastic step uses: the lessons' ``rng.integers(N)`` sequence."""
    return np.random.default_rng(seed).integers(n_rows, size=steps)


def shuffled_batches(n_rows: int, batch_size: int, steps: int, seed: int = 0) -> np.ndarray:
    """The rows of each minibatch step, shape (steps, batch_size): every epoch a new permutation
    from ``default_rng(seed)``, cut into consecutive batches (a last partial batch is dropped).
    ``batch_size = n_rows`` is gradient descent: every step sees all the rows."""
    if not 1 <= batch_size <= n_rows:
        raise ValueError(f"batch_size must be 1 to {n_rows} (the number of rows), not {batch_size}")
    rng = np.random.default_rng(seed)
    per_epoch = n_rows // batch_size
    epochs = -(-steps // per_epoch)
    batches = [
        rng.permutation(n_rows)[: per_epoch * batch_size].reshape(per_epoch, batch_size)
        for _ in range(epochs)
    ]
    return np.concatenate(batches)[:steps] if batches else np.empty((0, batch_size), dtype=int)


def row_gradient(x: np.ndarray, y: np.ndarray, rows: np.ndarray, exact: bool = False) -> Gradient:
    """Gradient of row ``rows[k]``'s squared error (a·theta - y_i)², a = [x_i, 1], at step k:
    the lessons' forward difference, or (``exact=True``) ``model.least_squares_gradient``.
    ``rows`` of shape (steps, K) (exact only) gives each of K stacked runs its own rows, e.g.
    one ``sampled_rows`` sequence per seed as the columns."""
    design = design_matrix(x)
    offsets = difference_offsets(design.shape[1])
    if np.ndim(rows) == 2 and not exact:
        raise ValueError("rows of shape (steps, K), one row per stacked run, need exact=True")

    def gradient(theta, k):
        i = rows[k]
        if np.ndim(i):  # run j's own row i[j], as its batch of one
            return least_squares_gradient(theta, design[i][:, np.newaxis], y[i][:, np.newaxis])
        if exact:  # the row as a batch of one (a slice, not a copy)
            return least_squares_gradient(theta, design[i : i + 1], y[i : i + 1])
        return differences(((theta[..., np.newaxis, :] + offsets) @ design[i] - y[i]) ** 2)

    return gradient


def batch_gradient(x: np.ndarray, y: np.ndarray, batches: np.ndarray) -> Gradient:
    """Exact gradient of the MSE over the rows ``batches[k]`` at step k (``shuffled_batches``):
    minibatch SGD's gradient, ``model.least_squares_gradient`` on those rows."""
    design = design_matrix(x)

    def gradient(theta, k):
        return least_squares_gradient(theta, design[batches[k]], y[batches[k]])

    return gradient


def full_batch_gradient(
    x: np.ndarray, y: np.ndarray, method: str = "forward", eps: float = 1e-3
) -> Gradient:
    """Gradient of the MSE over all rows, the same at every step: the GD lesson's forward
    difference, ``method="central"``, or ``method="exact"``: ``model.least_squares_gradient``."""
    if method not in ("forward", "central", "exact"):
        raise ValueError(f"method must be 'forward', 'central' or 'exact', not {method!r}")
    design = design_matrix(x)
    if method == "exact":
        return lambda theta, k: least_squares_gradient(theta, design, y)
    sse_of = sse_function(x, y)
    offsets = difference_offsets(design.shape[1], eps, method)

    def gradient(theta, k):
        return differences(sse_of(theta[..., np.newaxis, :] + offsets) / len(x), eps, method)

    return gradient


def difference_offsets(size: int, eps: float = 1e-3, method: str = "forward") -> np.ndarray:
    """Where a finite difference evaluates the loss, relative to theta, one offset per row:
    forward: 0, then eps along each parameter; central: +eps along each, then -eps along each."""
    steps = eps * np.eye(size)
    return np.vstack([np.zeros(size), steps] if method == "forward" else [steps, -steps])


def differences(values: np.ndarray, eps: float = 1e-3, method: str = "forward") -> np.ndarray:
    """The gradient from the losses at ``difference_offsets`` (last axis): the same differences
    as ``model.numeric_gradient``, (f(theta + eps) - f(theta)) / eps or central."""
    if method == "forward":
        return (values[..., 1:] - values[..., :1]) / eps
    half = values.shape[-1] // 2
    return (values[..., :half] - values[..., half:]) / (2 * eps)
