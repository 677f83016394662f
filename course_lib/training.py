"""Running the course's optimizers on the airfoil data, as the lessons do, and comparing them.

Parameters travel as one vector ``theta = [w..., b]``. The stochastic runs draw their rows from
``numpy.random.default_rng(seed)`` exactly as the lessons do (one ``integers(N)`` per step), so
with seed 0 a run here retraces its lesson step for step.
"""

import inspect
import time
from dataclasses import dataclass
from functools import partial

import numpy as np

from course_lib.model import (least_squares, mse, mse_gradient, numeric_gradient, sse,
                              sse_gradient)
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
    for setting in LESSON_SETTINGS:
        if setting.name.lower() == name.lower():
            return setting
    names = ", ".join(s.name for s in LESSON_SETTINGS)
    raise ValueError(f"unknown optimizer {name!r}; choose one of {names}")


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

    By default the lessons' forward difference (one theta at a time); ``exact=True`` uses the
    analytic gradient, which also takes a stack of thetas (K, M+1).
    """
    def gradient(theta, k):
        i = rows[k]
        if exact:
            return join(*sse_gradient(theta[..., :-1], theta[..., -1], x[i], y[i]))
        return join(*numeric_gradient(lambda w, b: sse(w, b, x[i], y[i]), theta[:-1], theta[-1]))
    return gradient


def full_batch_gradient(x, y):
    """``gradient(theta, k)``: the GD lesson's forward-difference gradient of the MSE."""
    def gradient(theta, k):
        return join(*numeric_gradient(lambda w, b: mse(w, b, x, y), theta[:-1], theta[-1]))
    return gradient


def run_lesson(setting, x, y, steps=None, seed=0, **hyperparameters):
    """All iterates (steps + 1, M+1) of ``setting``'s optimizer from the lessons' start."""
    steps = setting.steps if steps is None else steps
    if setting.full_batch:
        gradient = full_batch_gradient(x, y)
    else:
        gradient = row_gradient(x, y, sampled_rows(len(x), steps, seed))
    return trajectory(setting.make(**hyperparameters), gradient, start_theta(x.shape[1]), steps)


def mse_curve(thetas, x, y):
    """MSE of every iterate in ``thetas`` (T, M+1)."""
    return mse(thetas[:, :-1], thetas[:, -1], x, y)


def steps_to_within(losses, optimum, tolerance=0.01):
    """First step whose loss is within ``tolerance`` (relative) of ``optimum``, or None."""
    hits = np.flatnonzero(np.asarray(losses) <= optimum * (1 + tolerance))
    return int(hits[0]) if hits.size else None


@dataclass(frozen=True)
class ComparisonRow:
    name: str
    curve: np.ndarray  # MSE after each step, curve[0] at the start
    steps_to_1pct: object  # int or None
    seconds: float

    @property
    def final(self):
        return float(self.curve[-1])


def compare(x, y, steps=5500, seed=0):
    """Run every lesson's optimizer for ``steps`` steps from the same start, same samples."""
    rows = []
    optimum = optimum_mse(x, y)
    for setting in LESSON_SETTINGS:
        began = time.perf_counter()
        curve = mse_curve(run_lesson(setting, x, y, steps=steps, seed=seed), x, y)
        rows.append(ComparisonRow(setting.name, curve, steps_to_within(curve, optimum),
                                  time.perf_counter() - began))
    return rows


def optimum_mse(x, y):
    """The least-squares MSE every curve is measured against."""
    return mse(*least_squares(x, y), x, y)


def format_table(rows, optimum):
    """The comparison as a fixed-width text table."""
    lines = [f"{'optimizer':<10} {'final MSE':>10} {'gap to optimum':>15} {'steps to 1%':>12} "
             f"{'wall time':>10}"]
    for row in rows:
        reached = "never" if row.steps_to_1pct is None else str(row.steps_to_1pct)
        lines.append(f"{row.name:<10} {row.final:>10.6f} {row.final - optimum:>15.6f} "
                     f"{reached:>12} {row.seconds * 1000:>7.0f} ms")
    lines.append(f"{'optimum':<10} {optimum:>10.6f}")
    return "\n".join(lines)


def has_learning_rate(setting):
    """False for AdaDelta, whose step size comes from its own history."""
    return "lr" in inspect.signature(setting.make).parameters


def exact_gradient(setting, x, y, steps, seed=0):
    """``gradient(theta, k)`` with the analytic gradient; takes a stack of thetas (K, M+1)."""
    if setting.full_batch:
        return lambda theta, k: join(*mse_gradient(theta[..., :-1], theta[..., -1], x, y))
    return row_gradient(x, y, sampled_rows(len(x), steps, seed), exact=True)


def lr_sweep(setting, x, y, lrs, steps=1500, seed=0, window=100):
    """Mean MSE over the last ``window`` steps for each learning rate, all rates run at once.

    Uses the exact gradient on a stack of parameter vectors (one per rate), with the same
    sampled rows for every rate. A diverging run gives ``inf``, never a warning.
    """
    if not has_learning_rate(setting):
        raise ValueError(f"{setting.name} has no learning rate to sweep")
    lrs = np.asarray(lrs, dtype=float)
    starts = np.tile(start_theta(x.shape[1]), (len(lrs), 1))
    gradient = exact_gradient(setting, x, y, steps, seed)
    with np.errstate(all="ignore"):
        thetas = trajectory(setting.make(lr=lrs[:, np.newaxis]), gradient, starts, steps)
        tail = thetas[-window:].reshape(-1, thetas.shape[-1])
        final = mse(tail[:, :-1], tail[:, -1], x, y).reshape(-1, len(lrs)).mean(axis=0)
    return np.where(np.isfinite(final), final, np.inf)
