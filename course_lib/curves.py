"""Loss curves: the loss of every iterate of a run, measured against the least-squares optimum.

This is the one place that evaluates the loss of many parameter vectors at once: ``thetas``
has shape (T, M+1), one ``[w..., b]`` per row, as ``trajectory`` returns them. It also holds the
course's two questions about any curve: at which step does something first happen
(``first_step``), and has the run diverged (``diverged``, one rule for every lesson and widget).
"""

from collections.abc import Callable

import numpy as np

from course_lib.model import design_matrix, least_squares, mse

LOSS_CAP = 100.0  # a loss above this (200 times the linear optimum) counts as diverged


def sse_function(x: np.ndarray, y: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    """The SSE as a function of parameter vectors (..., M+1), one loss each.

    With A = [x, 1], ||A theta - y||² = thetaᵀ(AᵀA)theta - 2 thetaᵀAᵀy + yᵀy: AᵀA, Aᵀy and yᵀy
    are computed once here, so each parameter vector then costs a 6x6 product, not N rows.
    """
    design = design_matrix(x)
    gram, moment, total = design.T @ design, design.T @ y, float(y @ y)

    def sse_of(thetas):
        return np.sum((thetas @ gram) * thetas, axis=-1) - 2 * (thetas @ moment) + total

    return sse_of


def sse_curve(thetas: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """SSE (the stochastic lessons' total loss) of each parameter vector in ``thetas``."""
    return sse_function(x, y)(np.asarray(thetas, dtype=float))


def mse_curve(thetas: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """MSE (the GD lesson's loss) of each parameter vector in ``thetas``."""
    return sse_curve(thetas, x, y) / len(x)


def optimum_mse(x: np.ndarray, y: np.ndarray) -> float:
    """The least-squares MSE every curve is measured against."""
    return mse(*least_squares(x, y), x, y)


def first_step(happened: np.ndarray) -> int | None:
    """The index of the first True in ``happened`` (one bool per step), or None if none is."""
    hits = np.flatnonzero(happened)
    return int(hits[0]) if hits.size else None


def diverged(losses: np.ndarray, cap: float = LOSS_CAP) -> np.ndarray:
    """Per step, whether the run has diverged there: its loss is not finite or above ``cap``."""
    with np.errstate(invalid="ignore"):
        return ~(np.asarray(losses) <= cap)


def steps_to_within(losses: np.ndarray, optimum: float, tolerance: float = 0.01) -> int | None:
    """Index of the first loss within ``tolerance`` (relative) of ``optimum``, or None."""
    return first_step(np.asarray(losses) <= optimum * (1 + tolerance))
