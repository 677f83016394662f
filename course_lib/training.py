"""Running the course's optimizers on the airfoil data as the lessons do, and on 2-D pictures.

Parameters travel as one vector ``theta = [w..., b]``. The stochastic runs draw their rows from
``numpy.random.default_rng(seed)`` exactly as the lessons do (one ``integers(N)`` per step), so
with seed 0 a run here retraces its lesson step for step.
"""

import inspect
from dataclasses import dataclass
from functools import partial

import numpy as np

from course_lib.model import (least_squares, mse, mse_gradient, mse_hessian, numeric_gradient,
                              sse, sse_gradient)
from course_lib.optimizers import SGD, AdaDelta, AdaGrad, Adam, Momentum, RMSProp, trajectory


@dataclass(frozen=True)
class LessonSetting:
    """One optimizer as its lesson runs it."""

    name: str
    make: object  # callable(**hyperparameters) -> optimizer with the lesson's defaults
    steps: int
    full_batch: bool = False


LESSON_SETTINGS = (
    LessonSetting("GD", partial(SGD, lr=1e-2), 500, full_batch=True),
    LessonSetting("SGD", SGD, 2500),
    LessonSetting("Momentum", Momentum, 1500),
    LessonSetting("AdaGrad", AdaGrad, 2500),
    LessonSetting("RMSProp", RMSProp, 2500),
    LessonSetting("AdaDelta", AdaDelta, 5500),
    LessonSetting("Adam", Adam, 5499),
)


def lesson_setting(name):
    """The LessonSetting called ``name`` (case-insensitive)."""
    return _find(LESSON_SETTINGS, name)


def optimum_mse(x, y):
    """The least-squares MSE every curve is measured against."""
    return mse(*least_squares(x, y), x, y)


def join(w, b):
    """Stack weights and bias into theta = [w..., b] (works on stacks too)."""
    w = np.asarray(w, dtype=float)
    return np.concatenate([w, np.asarray(b, dtype=float)[..., np.newaxis]], axis=-1)


def start_theta(n_features):
    """The lessons' start: w = 1, b = 0."""
    return join(np.ones(n_features), 0.0)


def sampled_rows(n_rows, steps, seed=0):
    """The row each stochastic step uses: the lessons' ``rng.integers(N)`` sequence."""
    return np.random.default_rng(seed).integers(n_rows, size=steps)


def row_gradient(x, y, rows, exact=False):
    """``gradient(theta, k)`` of row ``rows[k]``'s squared error.

    By default the lessons' forward difference, else (``exact=True``) the analytic gradient;
    both take one theta (M+1,) or a stack of thetas (K, M+1).
    """
    def gradient(theta, k):
        i = rows[k]
        if exact:
            return join(*sse_gradient(theta[..., :-1], theta[..., -1], x[i], y[i]))
        return join(*numeric_gradient(lambda w, b: sse(w, b, x[i], y[i]),
                                      theta[..., :-1], theta[..., -1]))
    return gradient


def full_batch_gradient(x, y, method="forward", eps=1e-3):
    """``gradient(theta, k)`` of the MSE over all rows: the GD lesson's forward difference,
    ``method="central"``, or ``method="exact"`` (analytic)."""
    def gradient(theta, k):
        w, b = theta[..., :-1], theta[..., -1]
        if method == "exact":
            return join(*mse_gradient(w, b, x, y))
        return join(*numeric_gradient(lambda w_, b_: mse(w_, b_, x, y), w, b, eps, method))
    return gradient


def lesson_gradient(setting, x, y, steps, seed=0, exact=False):
    """``gradient(theta, k)`` as ``setting``'s lesson computes it: the full batch for GD, else
    the k-th sampled row; forward differences, or the analytic gradient with ``exact=True``."""
    if setting.full_batch:
        return full_batch_gradient(x, y, method="exact" if exact else "forward")
    return row_gradient(x, y, sampled_rows(len(x), steps, seed), exact=exact)


def hyperparameters(setting):
    """The optimizer's keyword defaults (the lesson's values), e.g. {"lr": 1e-3, "beta": 0.8}."""
    return {k: p.default for k, p in inspect.signature(setting.make).parameters.items()}


def run_lesson(setting, x, y, steps=None, seed=0, **overrides):
    """All iterates (steps + 1, M+1) of ``setting``'s optimizer from the lessons' start."""
    steps = setting.steps if steps is None else steps
    return trajectory(setting.make(**overrides), lesson_gradient(setting, x, y, steps, seed),
                      start_theta(x.shape[1]), steps)


def run_variants(setting, x, y, name, values, steps=None, seed=0):
    """Iterates (steps + 1, K, M+1) of ``setting`` with hyperparameter ``name`` set to each of
    the K ``values``: all runs at once, on the same sampled rows as the lesson."""
    steps = setting.steps if steps is None else steps
    gradient = lesson_gradient(setting, x, y, steps, seed)
    values = np.asarray(values, dtype=float)[:, np.newaxis]
    starts = np.tile(start_theta(x.shape[1]), (len(values), 1))
    return trajectory(setting.make(**{name: values}), gradient, starts, steps)


def _losses(loss, thetas, x, y, chunk=512):
    """``loss`` of every parameter vector in ``thetas`` (..., M+1), a chunk at a time."""
    flat = thetas.reshape(-1, thetas.shape[-1])
    parts = [loss(part[:, :-1], part[:, -1], x, y) for part in
             np.array_split(flat, max(1, len(flat) // chunk))]
    return np.concatenate(parts).reshape(thetas.shape[:-1])


def mse_curve(thetas, x, y):
    """MSE of every iterate in ``thetas`` (T, M+1), or (T, K, M+1) for K runs."""
    return _losses(mse, thetas, x, y)


def sse_curve(thetas, x, y):
    """SSE (the stochastic lessons' total loss) of every iterate in ``thetas``."""
    return _losses(sse, thetas, x, y)


def lesson_losses(setting, thetas, x, y):
    """The loss after each step as the lesson records it in ``plt_y``: MSE for GD, else SSE.

    Shape (steps,) for one run, (steps, K) for K variants; the start is not included.
    """
    curve = mse_curve if setting.full_batch else sse_curve
    return curve(thetas[1:], x, y)


# --- two-dimensional pictures --------------------------------------------------------------

QUADRATIC_START = (-5.0, -2.0)
QUADRATIC_EXTENT = (-5.5, 2.0, -2.5, 2.5)


def quadratic(x1, x2):
    """The ill-conditioned bowl f = 0.1*x1**2 + 2*x2**2 (curvatures 0.2 and 4)."""
    return 0.1 * x1**2 + 2 * x2**2


def quadratic_gradient(theta, k=0):
    """Gradient of ``quadratic`` at theta (..., 2); ``k`` is ignored (it is deterministic)."""
    theta = np.asarray(theta, dtype=float)
    return np.stack([0.2 * theta[..., 0], 4 * theta[..., 1]], axis=-1)


def noisy_quadratic_gradient(steps, scale=1.0, seed=0):
    """``gradient(theta, k)``: the exact gradient plus seeded Gaussian noise (like one row's)."""
    noise = np.random.default_rng(seed).normal(scale=scale, size=(steps, 2))
    return lambda theta, k: quadratic_gradient(theta) + noise[k]


# Learning rates for the bowl: each optimizer gets a rate that shows its character in a few dozen
# steps (decay constants stay the lessons'). Exact gradients, except SGD's, which carry noise
# (full_batch=False) to show what a one-row gradient does.
QUADRATIC_SETTINGS = (
    LessonSetting("GD", partial(SGD, lr=0.4), 40, full_batch=True),
    LessonSetting("SGD", partial(SGD, lr=0.1), 40),
    LessonSetting("Momentum", partial(Momentum, lr=0.1), 40, full_batch=True),
    LessonSetting("AdaGrad", partial(AdaGrad, lr=1.0), 40, full_batch=True),
    LessonSetting("RMSProp", partial(RMSProp, lr=0.3), 40, full_batch=True),
    LessonSetting("AdaDelta", AdaDelta, 400, full_batch=True),
    LessonSetting("Adam", partial(Adam, lr=0.3), 40, full_batch=True),
)


def quadratic_setting(name):
    """The QUADRATIC_SETTINGS entry called ``name`` (case-insensitive)."""
    return _find(QUADRATIC_SETTINGS, name)


def quadratic_path(name, steps=None, seed=0, **hyperparameters):
    """Iterates (steps + 1, 2) of optimizer ``name`` on ``quadratic`` from QUADRATIC_START.

    ``hyperparameters`` override the QUADRATIC_SETTINGS ones (e.g. ``lr=0.5``).
    """
    setting = quadratic_setting(name)
    steps = setting.steps if steps is None else steps
    gradient = (quadratic_gradient if setting.full_batch
                else noisy_quadratic_gradient(steps, seed=seed))
    return trajectory(setting.make(**hyperparameters), gradient, np.array(QUADRATIC_START), steps)


@dataclass(frozen=True)
class Slice:
    """The airfoil MSE as a function of two weights, the others held at the optimum."""

    x: np.ndarray
    y: np.ndarray
    pair: tuple
    best: np.ndarray       # optimal theta [w..., b]
    best_loss: float       # the MSE there
    hessian: np.ndarray    # 2x2 second derivatives of the MSE along the two weights

    def full(self, theta2):
        """Full parameter vectors (..., M+1) for slice points (..., 2)."""
        theta2 = np.asarray(theta2, dtype=float)
        full = np.broadcast_to(self.best, (*theta2.shape[:-1], len(self.best))).copy()
        full[..., list(self.pair)] = theta2
        return full

    def surface(self, a, b):
        """MSE on a grid of the two weights (exact: the MSE is quadratic around its optimum)."""
        d = np.stack([a, b], axis=-1) - self.best[list(self.pair)]
        return self.best_loss + 0.5 * np.einsum("...i,ij,...j->...", d, self.hessian, d)

    def gradient(self, rows=None):
        """``gradient(theta2, k)``: exact gradient of row ``rows[k]`` (or of the MSE if None)."""
        def gradient(theta2, k):
            full = self.full(theta2)
            if rows is None:
                grad = join(*mse_gradient(full[..., :-1], full[..., -1], self.x, self.y))
            else:
                i = rows[k]
                grad = join(*sse_gradient(full[..., :-1], full[..., -1], self.x[i], self.y[i]))
            return grad[..., list(self.pair)]
        return gradient


def airfoil_slice(x, y, pair=(1, 4)):
    """The slice through angle of attack (w2) and displacement thickness (w5), 0.75 correlated."""
    w, b = least_squares(x, y)
    return Slice(x, y, tuple(pair), join(w, b), mse(w, b, x, y),
                 mse_hessian(x)[np.ix_(pair, pair)])


# Lesson 8's start on the airfoil slice: its offset to the optimum lies about 45 degrees from
# both axes of the ellipses, so the optimizers' paths differ. (From (1, 1) the offset lies 1.8
# degrees from the steep eigenvector and every path is nearly straight.)
SLICE_START = (-0.4, 1.5)
SLICE_EXTENT = (-1.6, 1.6, -1.6, 1.6)


def slice_path(slice_, name, seed=0, start=SLICE_START):
    """Iterates of lesson optimizer ``name`` on the slice from ``start``, as its lesson runs it."""
    setting = lesson_setting(name)
    rows = None if setting.full_batch else sampled_rows(len(slice_.x), setting.steps, seed)
    return trajectory(setting.make(), slice_.gradient(rows), np.array(start, dtype=float),
                      setting.steps)


def _find(settings, name):
    for setting in settings:
        if setting.name.lower() == name.lower():
            return setting
    raise ValueError(f"unknown optimizer {name!r}; choose one of "
                     f"{', '.join(s.name for s in settings)}")
