"""Lesson 11's non-convex toys: a saddle that is bounded below, and a curve with several minima.

- The saddle f = x1² + x2⁴/4 − x2²/2: a saddle at the origin (curvatures 2 and −1), minima at
  (0, ±1) with f = −1/4. The line x2 = 0 is the ridge: from a start on it, exact gradients
  never leave it.
- d2l's f(x) = x·cos(πx) (Dive into Deep Learning, section 12.1), one-dimensional: the
  valleys are all along one axis, so a second coordinate would add only a bowl. Its valleys get
  deeper as |x| grows; within d2l's range −1 ≤ x ≤ 2 the valley at x ≈ 1.09 is the deepest and
  the one at x ≈ −0.27 is a shallow local minimum.
"""

import numpy as np

from course_lib.curves import first_step

SADDLE_EXTENT = (-1.2, 1.2, -1.4, 1.4)  # x1 from, x1 to, x2 from, x2 to
SADDLE_X1 = 1.0  # the starts are (SADDLE_X1, x2_0) with a small x2_0: near the ridge x2 = 0
ESCAPE = 0.5  # a run has left the saddle once |x2| exceeds this (the minima are at |x2| = 1)
# f's second derivative along x2 at the saddle: momentum's long-run growth factor per step there is
# geometry.convergence_factor(lr, beta, SADDLE_CURVATURE), above 1 at a negative curvature
SADDLE_CURVATURE = -1.0

WAVY_EXTENT = (-1.2, 2.2)  # x from, x to
WAVY_STARTS = (-1.0, 1.9)  # one start above the shallow valley, one above the deep one
WAVY_LOCAL = -0.274  # the shallow valley's minimum (f ≈ −0.179), to 3 decimals
WAVY_DEEP = 1.090  # the deepest minimum within −1 ≤ x ≤ 2 (f ≈ −1.047), to 3 decimals


def saddle(x1: np.ndarray, x2: np.ndarray) -> np.ndarray:
    """f = x1² + x2⁴/4 − x2²/2: saddle at the origin, minima at (0, ±1)."""
    return x1**2 + x2**4 / 4 - x2**2 / 2


def saddle_gradient(theta: np.ndarray, k: int = 0) -> np.ndarray:
    """Exact gradient (2 x1, x2³ − x2) of ``saddle`` at theta = (x1, x2); ``k`` is ignored.

    ``theta`` may also be a stack of points (..., 2).
    """
    theta = np.asarray(theta, dtype=float)
    x1, x2 = theta[..., 0], theta[..., 1]
    return np.stack([2 * x1, x2**3 - x2], axis=-1)


def saddle_start(x2_0: float) -> np.ndarray:
    """The start (SADDLE_X1, x2_0): at distance x2_0 from the ridge."""
    return np.array([SADDLE_X1, x2_0])


def escape_step(path: np.ndarray, threshold: float = ESCAPE) -> int | None:
    """The first step at which |x2| exceeds ``threshold`` (None: never within the run)."""
    return first_step(np.abs(np.asarray(path)[:, 1]) > threshold)


def gd_escape_estimate(x2_0: float, lr: float, threshold: float = ESCAPE) -> float:
    """Steps gradient descent needs from x2_0 to ``threshold`` if |x2| grew by the saddle's
    factor 1 + lr·1 at every step: log(threshold / x2_0) / log(1 + lr)."""
    return float(np.log(threshold / abs(x2_0)) / np.log(1 - lr * SADDLE_CURVATURE))


def wavy(x: np.ndarray) -> np.ndarray:
    """d2l's f(x) = x·cos(πx)."""
    return x * np.cos(np.pi * x)


def wavy_gradient(theta: np.ndarray, k: int = 0) -> np.ndarray:
    """Exact derivative cos(πx) − πx·sin(πx) of ``wavy``; ``k`` is ignored."""
    theta = np.asarray(theta, dtype=float)
    return np.cos(np.pi * theta) - np.pi * theta * np.sin(np.pi * theta)
