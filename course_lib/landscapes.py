"""Two-parameter landscapes, small enough to draw an optimizer's path on.

- The bowl f = 0.1 x1² + 2 x2², whose curvatures (0.2 and 4) span about the same range as the
  airfoil MSE's Hessian eigenvalues (0.35 … 4.22).
- A slice of the airfoil MSE through two weights, the other parameters held at the optimum.
"""

from dataclasses import dataclass

import numpy as np

from course_lib.gradients import Gradient, to_theta
from course_lib.model import design_matrix, least_squares, least_squares_gradient, mse, mse_hessian

BOWL_START = (-5.0, -2.0)
BOWL_EXTENT = (-5.5, 2.0, -2.5, 2.5)  # x1 from, x1 to, x2 from, x2 to


def bowl(x1: np.ndarray, x2: np.ndarray) -> np.ndarray:
    """The ill-conditioned bowl f = 0.1 x1² + 2 x2² (curvatures 0.2 and 4), minimum at 0."""
    return 0.1 * x1**2 + 2 * x2**2


def bowl_gradient(theta: np.ndarray, k: int = 0) -> np.ndarray:
    """Exact gradient of ``bowl`` at theta = (x1, x2); ``k`` is ignored."""
    return np.array([0.2 * theta[0], 4 * theta[1]])


def noisy_bowl_gradient(steps: int, scale: float = 1.0, seed: int = 0) -> Gradient:
    """The exact gradient plus seeded Gaussian noise at each step, as one row's gradient has."""
    noise = np.random.default_rng(seed).normal(scale=scale, size=(steps, 2))
    return lambda theta, k: bowl_gradient(theta) + noise[k]


@dataclass(frozen=True)
class AirfoilSlice:
    """The airfoil MSE as a function of two weights, the other parameters at the optimum."""

    x: np.ndarray
    y: np.ndarray
    pair: tuple[int, int]  # which two weights vary
    best: np.ndarray  # the optimal parameter vector [w..., b]
    best_loss: float  # the MSE there
    hessian: np.ndarray  # the MSE's 2x2 second derivatives along the two weights
    # The slice is a least-squares problem of its own in the two weights p: row i predicts
    # design[i] @ p, its target is y_i minus what the other parameters (held at the optimum) give.
    design: np.ndarray  # (N, 2): the two weights' columns of the design matrix
    targets: np.ndarray  # (N,)

    def surface(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """MSE on a grid of the two weights (exact: the MSE is quadratic around its optimum)."""
        d = np.stack([a, b], axis=-1) - self.best[list(self.pair)]
        return self.best_loss + 0.5 * np.einsum("...i,ij,...j->...", d, self.hessian, d)

    def gradient(self, rows: np.ndarray | None = None) -> Gradient:
        """Exact gradient along the slice, at a point (2,) or a stack of points (K, 2):
        ``model.least_squares_gradient`` of the slice's own problem, of row ``rows[k]``'s squared
        error at step k, or of the MSE over all rows if ``rows`` is None."""

        def gradient(point, k):
            chosen = slice(None) if rows is None else slice(rows[k], rows[k] + 1)
            return least_squares_gradient(point, self.design[chosen], self.targets[chosen])

        return gradient


def airfoil_slice(x: np.ndarray, y: np.ndarray, pair: tuple[int, int] = (1, 4)) -> AirfoilSlice:
    """The slice through angle of attack (w2) and displacement thickness (w5), 0.75 correlated."""
    w, b = least_squares(x, y)
    best, pair = to_theta(w, b), list(pair)
    design = design_matrix(x)
    others = [j for j in range(len(best)) if j not in pair]
    targets = y - design[:, others] @ best[others]
    return AirfoilSlice(
        x,
        y,
        tuple(pair),
        best,
        mse(w, b, x, y),
        mse_hessian(x)[np.ix_(pair, pair)],
        design[:, pair],
        targets,
    )


# Lesson 8's start on the airfoil slice: its offset to the optimum lies about 45 degrees from
# both axes of the ellipses, so the optimizers' paths differ. (From (1, 1) the offset lies 1.8
# degrees from the steep eigenvector and every path is nearly straight.)
SLICE_START = (-0.4, 1.5)
SLICE_EXTENT = (-1.6, 1.6, -1.6, 1.6)
