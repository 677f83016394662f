"""The comparison lesson's computations and figures (and `python -m course_lib compare`'s)."""

from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np

from course_lib.model import mse
from course_lib.optimizers import trajectory
from course_lib.plotting import FONT_SIZES, plot_loss, plot_paths, style_axes
from course_lib.training import (LESSON_SETTINGS, QUADRATIC_EXTENT, QUADRATIC_SETTINGS,
                                 SLICE_EXTENT,
                                 airfoil_slice, hyperparameters, lesson_gradient, mse_curve,
                                 optimum_mse, quadratic, quadratic_path, run_lesson, slice_path,
                                 start_theta)

SWEEP_LRS = tuple(np.logspace(-4, 0, 9))
DIVERGED_CAP = 100.0  # losses above this (x200 the optimum) are drawn at the cap


def steps_to_within(losses, optimum, tolerance=0.01):
    """First step whose loss is within ``tolerance`` (relative) of ``optimum``, or None."""
    hits = np.flatnonzero(np.asarray(losses) <= optimum * (1 + tolerance))
    return int(hits[0]) if hits.size else None


@dataclass(frozen=True)
class ComparisonRow:
    """One optimizer's run in the comparison."""

    name: str
    curve: np.ndarray  # MSE at the start and after each step
    steps_to_1pct: object  # int, or None if never

    @property
    def final(self):
        return float(self.curve[-1])


def compare(x, y, steps=5500, seed=0):
    """Run every lesson's optimizer for ``steps`` steps from the same start on the same rows."""
    optimum = optimum_mse(x, y)
    rows = []
    for setting in LESSON_SETTINGS:
        curve = mse_curve(run_lesson(setting, x, y, steps=steps, seed=seed), x, y)
        rows.append(ComparisonRow(setting.name, curve, steps_to_within(curve, optimum)))
    return rows


def format_table(rows, optimum):
    """The comparison as a fixed-width text table."""
    lines = [f"{'optimizer':<10} {'final MSE':>10} {'gap':>10} {'steps to 1%':>12}"]
    for row in rows:
        reached = "never" if row.steps_to_1pct is None else str(row.steps_to_1pct)
        lines.append(f"{row.name:<10} {row.final:>10.6f} {row.final - optimum:>10.6f} "
                     f"{reached:>12}")
    lines.append(f"{'optimum':<10} {optimum:>10.6f}")
    return "\n".join(lines)


def has_learning_rate(setting):
    """False for AdaDelta, whose step size comes from its own history."""
    return "lr" in hyperparameters(setting)


def lr_sweep(setting, x, y, lrs=SWEEP_LRS, steps=1500, seed=0, window=100):
    """Mean MSE over the last ``window`` steps for each learning rate, all rates run at once.

    Uses the exact gradient on a stack of parameter vectors (one per rate), with the same
    sampled rows for every rate. A diverging run gives ``inf``, never a warning.
    """
    if not has_learning_rate(setting):
        raise ValueError(f"{setting.name} has no learning rate to sweep")
    lrs = np.asarray(lrs, dtype=float)
    starts = np.tile(start_theta(x.shape[1]), (len(lrs), 1))
    gradient = lesson_gradient(setting, x, y, steps, seed, exact=True)
    with np.errstate(all="ignore"):
        thetas = trajectory(setting.make(lr=lrs[:, np.newaxis]), gradient, starts, steps)
        tail = thetas[-window:].reshape(-1, thetas.shape[-1])
        final = mse(tail[:, :-1], tail[:, -1], x, y).reshape(-1, len(lrs)).mean(axis=0)
    return np.where(np.isfinite(final), final, np.inf)


# --- figures -------------------------------------------------------------------------------

def curves_figure(rows, optimum):
    """All loss curves overlaid as the gap to the optimum, log scale."""
    ax = None
    for row in rows:
        ax = plot_loss(row.curve, optimum, gap=True, log=True, label=row.name, ax=ax,
                       ylabel="MSE", title="Gap to the least-squares optimum")
    return ax.figure


def trajectories_figure(x, y):
    """Every optimizer's path on the ill-conditioned bowl (top) and on an airfoil slice (bottom),
    the slice paths from SLICE_START."""
    fig, axes = plt.subplots(2, len(QUADRATIC_SETTINGS), figsize=(24, 7), layout="constrained")
    slice_ = airfoil_slice(x, y)
    for column, setting in enumerate(QUADRATIC_SETTINGS):
        path = quadratic_path(setting.name)
        plot_paths(quadratic, {"": path}, extent=QUADRATIC_EXTENT, ax=axes[0, column],
                   title=f"{setting.name}: {len(path) - 1} steps")
        path = slice_path(slice_, setting.name)
        plot_paths(slice_.surface, {"": path}, extent=SLICE_EXTENT, ax=axes[1, column],
                   xlabel="w2 (angle)", ylabel="w5 (thickness)",
                   title=f"airfoil, {len(path) - 1} steps")
    return fig


def sweep_all(x, y, lrs=SWEEP_LRS, steps=1500, window=100):
    """{optimizer name: mean MSE of the last ``window`` steps per learning rate}.

    AdaDelta, which has no learning rate, gets one number: its lesson run over ``steps``.
    """
    results = {}
    for setting in LESSON_SETTINGS:
        if has_learning_rate(setting):
            results[setting.name] = lr_sweep(setting, x, y, lrs, steps, window=window)
        else:
            results[setting.name] = float(
                mse_curve(run_lesson(setting, x, y, steps=steps), x, y)[-window:].mean())
    return results


def format_sweep(results, lrs=SWEEP_LRS):
    """The sweep as a text table: one row per optimizer, one column per learning rate."""
    lines = [f"{'lr':<10}" + "".join(f"{lr:>9.0e}" for lr in lrs)]
    for name, finals in results.items():
        if np.ndim(finals) == 0:
            lines.append(f"{name:<10} (no learning rate) {finals:.4f}")
            continue
        lines.append(f"{name:<10}" + "".join(
            f"{'diverged' if v > DIVERGED_CAP else f'{v:.4f}':>9}" for v in finals))
    return "\n".join(lines)


def sweep_figure(results, optimum, lrs=SWEEP_LRS, steps=1500):
    """Final loss against learning rate for each optimizer (AdaDelta: a line, it has no rate)."""
    fig, ax = plt.subplots(figsize=(9, 5), layout="constrained")
    for name, finals in results.items():
        if np.ndim(finals):
            ax.plot(lrs, np.minimum(finals, DIVERGED_CAP), "-o", linewidth=2, label=name)
        else:
            ax.axhline(finals, color="0.4", linestyle=":", label=f"{name} (no lr)")
    ax.axhline(optimum, color="black", linestyle="--", linewidth=1.5, label="optimum")
    ax.set_xscale("log")
    style_axes(ax, "learning rate", f"MSE, mean of last 100 of {steps} steps", log=True,
               title=f"Sensitivity (diverged runs drawn at {DIVERGED_CAP:g})")
    ax.legend(fontsize=FONT_SIZES["legend"], ncol=2)
    return fig
