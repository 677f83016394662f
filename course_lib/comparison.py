"""The comparison lesson's computations and figures (and `python -m course_lib compare`'s)."""

from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from course_lib.curves import LOSS_CAP, diverged, mse_curve, optimum_mse, steps_to_within
from course_lib.gradients import sampled_rows, start_theta
from course_lib.landscapes import (
    BOWL_EXTENT,
    BOWL_START,
    SLICE_EXTENT,
    SLICE_START,
    AirfoilSlice,
    airfoil_slice,
    bowl,
)
from course_lib.optimizers import trajectory
from course_lib.plotting import FONT_SIZES, plot_loss, plot_paths, style_axes
from course_lib.runs import LESSON_RUNS, LessonRun

SWEEP_LRS = tuple(np.logspace(-4, 0, 9))
# A sweep also runs every rate from a start moved by CHAOS_NUDGE: where the two results differ by
# more than CHAOS_TOLERANCE (relative), the run is chaotic, its number is rounding noise that
# another CPU or BLAS would print differently, and the sweep reports NaN ("chaotic") instead.
# Measured: stable runs differ by at most ~1e-12, chaotic ones (RMSProp, lr >= 0.3) by 3-11%.
CHAOS_NUDGE = 1e-12
CHAOS_TOLERANCE = 1e-6
Rates = Sequence[float] | np.ndarray


@dataclass(frozen=True)
class ComparisonRow:
    """One optimizer's run in the comparison."""

    name: str
    curve: np.ndarray  # MSE at the start and after each step
    steps_to_1pct: int | None  # None: never within 1% of the optimum

    @property
    def final(self) -> float:
        return float(self.curve[-1])


def compare(x: np.ndarray, y: np.ndarray, steps: int = 5500, seed: int = 0) -> list:
    """Run every lesson's optimizer for ``steps`` steps from the same start on the same rows."""
    optimum = optimum_mse(x, y)
    rows = []
    for run in LESSON_RUNS:
        thetas = trajectory(
            run.make(), run.gradient(x, y, steps, seed), start_theta(x.shape[1]), steps
        )
        curve = mse_curve(thetas, x, y)
        rows.append(ComparisonRow(run.name, curve, steps_to_within(curve, optimum)))
    return rows


def format_table(rows: list, optimum: float) -> str:
    """The comparison as a fixed-width text table."""
    lines = [f"{'optimizer':<10} {'final MSE':>10} {'gap':>10} {'steps to 1%':>12}"]
    for row in rows:
        reached = "never" if row.steps_to_1pct is None else str(row.steps_to_1pct)
        lines.append(
            f"{row.name:<10} {row.final:>10.6f} {row.final - optimum:>10.6f} {reached:>12}"
        )
    lines.append(f"{'optimum':<10} {optimum:>10.6f}")
    return "\n".join(lines)


def sweep_pair(
    run: LessonRun,
    x: np.ndarray,
    y: np.ndarray,
    lrs: Rates = SWEEP_LRS,
    steps: int = 1500,
    seed: int = 0,
    window: int = 100,
) -> tuple[np.ndarray, np.ndarray]:
    """Mean MSE over the last ``window`` steps for each learning rate, from the start and from
    the start moved by CHAOS_NUDGE: all 2 x len(lrs) runs at once, with the exact gradient on a
    stack of parameter vectors and the same sampled rows for every run (NaN/inf if diverged)."""
    if not run.has_lr:
        raise ValueError(f"{run.name} has no learning rate to sweep")
    lrs = np.asarray(lrs, dtype=float)
    starts = np.tile(start_theta(x.shape[1]), (2 * len(lrs), 1))
    starts[len(lrs) :, 0] += CHAOS_NUDGE  # the same rates again, from a start moved a little
    gradient = run.gradient(x, y, steps, seed, exact=True)  # one gradient per row of the stack
    with np.errstate(all="ignore"):
        rates = np.concatenate([lrs, lrs])[:, np.newaxis]
        thetas = trajectory(run.make(lr=rates), gradient, starts, steps)
        tail = thetas[-window:].reshape(-1, thetas.shape[-1])
        final, moved = mse_curve(tail, x, y).reshape(-1, 2, len(lrs)).mean(axis=0)
    return final, moved


def lr_sweep(
    run: LessonRun,
    x: np.ndarray,
    y: np.ndarray,
    lrs: Rates = SWEEP_LRS,
    steps: int = 1500,
    seed: int = 0,
    window: int = 100,
) -> np.ndarray:
    """``sweep_pair``'s results from the start: ``inf`` where a run diverged, NaN where it is
    chaotic (the moved start changes it by more than CHAOS_TOLERANCE), never a warning."""
    final, moved = sweep_pair(run, x, y, lrs, steps, seed, window)
    with np.errstate(invalid="ignore"):
        chaotic = np.abs(final - moved) > CHAOS_TOLERANCE * np.abs(final)
    return np.where(~np.isfinite(final), np.inf, np.where(chaotic, np.nan, final))


def sweep_all(
    x: np.ndarray, y: np.ndarray, lrs: Rates = SWEEP_LRS, steps: int = 1500, window: int = 100
) -> dict:
    """{optimizer name: mean MSE of the last ``window`` steps per learning rate}.

    AdaDelta, which has no learning rate, gets one number: its lesson run over ``steps``.
    """
    results = {}
    for run in LESSON_RUNS:
        if run.has_lr:
            results[run.name] = lr_sweep(run, x, y, lrs, steps, window=window)
        else:
            thetas = trajectory(
                run.make(), run.gradient(x, y, steps), start_theta(x.shape[1]), steps
            )
            results[run.name] = float(mse_curve(thetas[-window:], x, y).mean())
    return results


def _sweep_cell(value: float) -> str:
    if np.isnan(value):
        return "chaotic"
    return "diverged" if diverged(value) else f"{value:.4f}"


def format_sweep(results: dict, lrs: Rates = SWEEP_LRS) -> str:
    """The sweep as a text table: one row per optimizer, one column per learning rate."""
    lines = [f"{'lr':<10}" + "".join(f"{lr:>9.0e}" for lr in lrs)]
    for name, finals in results.items():
        if np.ndim(finals) == 0:
            lines.append(f"{name:<10} (no learning rate) {finals:.4f}")
            continue
        lines.append(f"{name:<10}" + "".join(f"{_sweep_cell(v):>9}" for v in finals))
    return "\n".join(lines)


# --- figures -------------------------------------------------------------------------------

WIDE = (12, 4.8)  # inches: one wide panel with its legend outside on the right
ROW = (12, 4.2)  # inches: a row of 3 or 4 path panels
# Lesson 8 shows the paths in two groups, one figure each: steps proportional to the gradient
# (GD, SGD, Momentum), and steps normalized per parameter (AdaGrad, RMSProp, AdaDelta, Adam).
PATH_GROUPS = {"gd_sgd_momentum": LESSON_RUNS[:3], "adaptive": LESSON_RUNS[3:]}
SURFACES = ("bowl", "slice")


def _legend_outside(ax) -> None:
    """The axes' legend beside it on the right, off the data."""
    ax.legend(fontsize=FONT_SIZES["legend"], loc="upper left", bbox_to_anchor=(1.02, 1))


def curves_figure(rows: list, optimum: float) -> Figure:
    """All loss curves overlaid as the gap to the optimum, log scale, the legend outside."""
    _, ax = plt.subplots(figsize=WIDE, layout="constrained")
    for row in rows:
        plot_loss(row.curve, optimum, gap=True, log=True, label=row.name, ax=ax, ylabel="MSE")
    style_axes(ax, "step", "MSE - optimum", "Gap to the least-squares optimum", log=True)
    _legend_outside(ax)
    return ax.figure


def slice_path(
    slice_: AirfoilSlice, run: LessonRun, seed: int = 0, start: Sequence[float] = SLICE_START
) -> np.ndarray:
    """Iterates of ``run``'s optimizer on the airfoil slice from ``start``, with the exact
    gradient of the rows its lesson samples (all rows for GD)."""
    rows = None if run.all_rows else sampled_rows(len(slice_.x), run.steps, seed)
    return trajectory(run.make(), slice_.gradient(rows), np.array(start, dtype=float), run.steps)


def bowl_path(run: LessonRun) -> np.ndarray:
    """Iterates of ``run``'s optimizer on the bowl from BOWL_START at the bowl's own settings."""
    return trajectory(
        run.make_for_bowl(), run.bowl_gradient(run.bowl_steps), np.array(BOWL_START), run.bowl_steps
    )


def paths_figure(x: np.ndarray, y: np.ndarray, surface: str, runs: Sequence[LessonRun]) -> Figure:
    """One row of panels, the path of each lesson run of ``runs`` on ``surface``: "bowl" (the
    bowl's own rates, from BOWL_START) or "slice" (the airfoil slice, the lesson's settings,
    from SLICE_START)."""
    if surface not in SURFACES:
        raise ValueError(f"surface must be one of {SURFACES}, not {surface!r}")
    fig, axes = plt.subplots(1, len(runs), figsize=ROW, layout="constrained", squeeze=False)
    slice_ = airfoil_slice(x, y) if surface == "slice" else None
    for ax, run in zip(axes[0], runs, strict=True):
        if slice_ is None:
            path = bowl_path(run)
            plot_paths(bowl, {"": path}, extent=BOWL_EXTENT, ax=ax)
        else:
            path = slice_path(slice_, run)
            plot_paths(
                slice_.surface,
                {"": path},
                extent=SLICE_EXTENT,
                ax=ax,
                xlabel="w2 (angle)",
                ylabel="w5 (thickness)",
            )
        ax.set_title(f"{run.name}, {len(path) - 1} steps", fontsize=FONT_SIZES["title"])
    for ax in axes[0, 1:]:
        ax.set_ylabel("")
    fig.suptitle(
        "On the bowl 0.1 x1² + 2 x2²" if slice_ is None else "On the airfoil loss (w2, w5 slice)",
        fontsize=FONT_SIZES["title"],
    )
    return fig


def trajectory_figures(x: np.ndarray, y: np.ndarray) -> dict[str, Figure]:
    """Every group's paths on each surface: {"bowl_adaptive": figure, ...}."""
    return {
        f"{surface}_{group}": paths_figure(x, y, surface, runs)
        for surface in SURFACES
        for group, runs in PATH_GROUPS.items()
    }


def sweep_figure(
    results: dict, optimum: float, lrs: Rates = SWEEP_LRS, steps: int = 1500
) -> Figure:
    """Final loss against learning rate for each optimizer (AdaDelta: a line, it has no rate)."""
    fig, ax = plt.subplots(figsize=WIDE, layout="constrained")
    for name, finals in results.items():
        if np.ndim(finals):
            ax.plot(lrs, np.minimum(finals, LOSS_CAP), "-o", linewidth=2, label=name)
        else:
            ax.axhline(finals, color="0.4", linestyle=":", label=f"{name} (no lr)")
    ax.axhline(optimum, color="black", linestyle="--", linewidth=1.5, label="optimum")
    ax.set_xscale("log")
    style_axes(
        ax,
        "learning rate",
        f"MSE, mean of last 100\nof {steps} steps",
        log=True,
        title=f"Sensitivity (diverged runs drawn at {LOSS_CAP:g}; chaotic ones left out)",
    )
    _legend_outside(ax)
    return fig
