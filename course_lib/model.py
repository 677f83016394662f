"""The linear model every lesson trains: prediction, losses, gradients, the exact optimum.

Each lesson formula is written for one parameter set, as the lessons write it: ``w`` a weight
vector (M,), ``b`` a number, ``x`` one row (M,) or many rows (N, M). Runs keep w and b in one
vector ``theta = [w..., b]``; for them the design matrix A = [x, 1] makes the prediction
``A @ theta``, and ``least_squares_gradient`` is the one exact gradient every run takes (one
theta or a stack of them). Losses of many parameter sets at once (whole loss curves) are
computed in ``course_lib.curves``.
"""

from collections.abc import Callable

import numpy as np

Loss = Callable[[np.ndarray, float], float]


def predict(w: np.ndarray, b: float, x: np.ndarray) -> float | np.ndarray:
    """Predictions ``x @ w + b``: a number for one row (M,), an array for rows (N, M)."""
    prediction = x @ w + b
    return float(prediction) if np.ndim(prediction) == 0 else prediction


def residuals(w: np.ndarray, b: float, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Prediction minus target, one per row."""
    return x @ w + b - y


def sse(w: np.ndarray, b: float, x: np.ndarray, y: np.ndarray) -> float:
    """Sum of squared errors over the rows of ``x`` (one row: that row's squared error)."""
    squared = residuals(w, b, x, y) ** 2
    return float(squared.sum()) if np.ndim(squared) else float(squared)


def mse(w: np.ndarray, b: float, x: np.ndarray, y: np.ndarray) -> float:
    """Mean of squared errors: ``sse`` divided by the number of rows."""
    return sse(w, b, x, y) / (len(x) if np.ndim(x) == 2 else 1)


def sse_gradient(w: np.ndarray, b: float, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Exact gradient of ``sse`` with respect to (w, b): (2 r·x, 2 sum r), r the residuals."""
    r = residuals(w, b, x, y)
    return 2 * np.dot(r, x), float(2 * np.sum(r))


def mse_gradient(w: np.ndarray, b: float, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Exact gradient of ``mse`` with respect to (w, b)."""
    n = len(x) if np.ndim(x) == 2 else 1
    grad_w, grad_b = sse_gradient(w, b, x, y)
    return grad_w / n, grad_b / n


def numeric_gradient(
    f: Loss, w: np.ndarray, b: float, eps: float = 1e-3, method: str = "forward"
) -> tuple[np.ndarray, float]:
    """Finite-difference gradient of ``f(w, b) -> float`` at (w, b); never changes w or b.

    ``method="forward"`` is the original lessons' (f(w + eps) - f(w)) / eps, biased by eps/2
    times the second derivative; ``method="central"`` is (f(w + eps) - f(w - eps)) / 2eps,
    exact for quadratic losses up to rounding.
    """
    if method not in ("forward", "central"):
        raise ValueError(f"method must be 'forward' or 'central', not {method!r}")
    w = np.asarray(w, dtype=float)
    grad_w = np.empty(len(w))
    f0 = f(w, b) if method == "forward" else None
    for j in range(len(w)):
        w_plus = w.copy()
        w_plus[j] += eps
        if method == "forward":
            grad_w[j] = (f(w_plus, b) - f0) / eps
        else:
            w_minus = w.copy()
            w_minus[j] -= eps
            grad_w[j] = (f(w_plus, b) - f(w_minus, b)) / (2 * eps)
    if method == "forward":
        return grad_w, (f(w, b + eps) - f0) / eps
    return grad_w, (f(w, b + eps) - f(w, b - eps)) / (2 * eps)


def design_matrix(x: np.ndarray) -> np.ndarray:
    """A = [x, 1]: row i is [x_i..., 1], so the predictions of theta = [w..., b] are A @ theta."""
    return np.column_stack([x, np.ones(len(x))])


def least_squares_gradient(theta: np.ndarray, a: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Exact gradient 2/B Aᵀ(A theta - y) of the mean squared error of the B rows ``a`` (B, M+1)
    of the design matrix, targets ``y`` (B,), at ``theta`` (M+1,) or a stack of them (K, M+1).
    With ``a`` (K, B, M+1) and ``y`` (K, B), each of the K stacked runs has rows of its own.

    One row (B = 1) is that row's squared error; all rows, ``mse_gradient`` as one vector.
    """
    if np.ndim(a) == 3:  # run k's own rows a[k]
        residual = np.einsum("kbm,km->kb", a, theta) - y
        return 2 * np.einsum("kb,kbm->km", residual, a) / y.shape[-1]
    residual = theta @ a.T - y  # (B,) or (K, B)
    return 2 * residual @ a / len(y)


def mse_hessian(x: np.ndarray) -> np.ndarray:
    """Second derivatives of ``mse`` with respect to (w, b): 2/N AᵀA with A = [x, 1].

    Constant, because the MSE is quadratic in the parameters.
    """
    design = design_matrix(x)
    return 2 * design.T @ design / len(x)


def least_squares(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """The closed-form minimiser of ``mse`` and ``sse``: returns (w, b)."""
    theta, *_ = np.linalg.lstsq(design_matrix(x), y, rcond=None)
    return theta[:-1], float(theta[-1])


def ridge(x: np.ndarray, y: np.ndarray, penalty: float) -> np.ndarray:
    """The minimiser [w..., b] of mse + penalty/2 · |theta|² (every parameter penalised, as
    weight decay decays all of them): (H + penalty·I) theta = 2/N Aᵀy (lesson 12)."""
    design = design_matrix(x)
    hessian = 2 * design.T @ design / len(x)
    return np.linalg.solve(hessian + penalty * np.eye(len(hessian)), 2 * design.T @ y / len(x))


def least_squares_in_box(
    x: np.ndarray, y: np.ndarray, radius: float, steps: int = 2000
) -> np.ndarray:
    """The minimiser [w..., b] of ``mse`` with every |theta_i| <= ``radius`` (lesson 12: where
    Lion and AdamW with weight decay lambda end, radius = 1/lambda), by projected gradient
    descent with step 1/λmax: on this strongly convex problem each step shrinks the error by at
    least 1 - λmin/λmax (0.917 on the course data), so 2000 steps reach rounding."""
    design = design_matrix(x)
    hessian = 2 * design.T @ design / len(x)
    step = 1 / np.linalg.eigvalsh(hessian)[-1]
    theta = np.zeros(design.shape[1])
    for _ in range(steps):
        theta = np.clip(theta - step * least_squares_gradient(theta, design, y), -radius, radius)
    return theta
