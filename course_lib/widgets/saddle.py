"""Lesson 11's explorer: one optimizer of ``runs.SADDLE_RUNS`` leaving the saddle.

``saddle_figure(run, lr, x2_0)`` is the plain function behind one slider move;
``saddle_explorer()`` puts it under an optimizer menu and two sliders.
"""

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import NullLocator

from course_lib.curves import diverged, first_step
from course_lib.nonconvex import (
    ESCAPE,
    SADDLE_EXTENT,
    escape_step,
    saddle,
    saddle_gradient,
    saddle_start,
)
from course_lib.optimizers import trajectory
from course_lib.plotting import FONT_SIZES, clip_path, mark_diverged, style_axes
from course_lib.runs import SADDLE_RUNS, Run
from course_lib.widgets.picture import figure_explorer, log_slider, two_panels

STEPS = 300
LR_EXPONENTS = (-3.0, 0.0)  # the lr slider: 10**-3 to 1 (GD is stable below 1: curvature 2)
X2_EXPONENTS = (-12.0, -1.0)  # the start's distance from the ridge: 1e-12 to 0.1
FLOOR = 1e-16  # |x2| below this is drawn at this height (x2_0 = 0 would vanish from a log axis)


def saddle_run(run: Run, lr: float, x2_0: float, steps: int = STEPS) -> np.ndarray:
    """Iterates (steps + 1, 2) of ``run``'s optimizer at learning rate ``lr`` from
    (SADDLE_X1, x2_0), exact gradients."""
    with np.errstate(over="ignore", invalid="ignore"):
        return trajectory(run.make(lr=lr), saddle_gradient, saddle_start(x2_0), steps)


def saddle_diverged_at(path: np.ndarray) -> int | None:
    """The first step whose value of the saddle function has diverged (None: never)."""
    with np.errstate(over="ignore", invalid="ignore"):
        return first_step(diverged(saddle(path[:, 0], path[:, 1])))


def saddle_figure(run: Run, lr: float, x2_0: float) -> Figure:
    """Left: the path on the contours; right: |x2| against step on a log axis."""
    path = saddle_run(run, lr, x2_0)
    escaped = escape_step(path)
    fig, left, right = two_panels()
    grid_1, grid_2 = np.meshgrid(
        np.linspace(*SADDLE_EXTENT[:2], 100), np.linspace(*SADDLE_EXTENT[2:], 100)
    )
    left.contour(
        grid_1,
        grid_2,
        saddle(grid_1, grid_2),
        levels=np.linspace(-0.24, 1.5, 15),
        colors="0.6",
        linestyles="solid",
    )
    shown = clip_path(path, SADDLE_EXTENT)
    left.plot(shown[:, 0], shown[:, 1], "o-", color="C1", markersize=3, linewidth=1.5)
    left.plot(*shown[0], "ks", markersize=6)
    left.plot([0, 0, 0], [-1, 0, 1], "kx", markersize=9)  # the minima and the saddle
    style_axes(left, "x1", "x2", f"{run.name}, lr = {lr:.3g}, x2_0 = {x2_0:.0e}")
    diverged_at = saddle_diverged_at(path)
    size = np.abs(path[: diverged_at or len(path), 1])
    right.semilogy(np.maximum(size, FLOOR), color="C1")
    right.axhline(ESCAPE, color="gray", linestyle="--")
    right.text(5, ESCAPE * 2, f"|x2| = {ESCAPE}", fontsize=FONT_SIZES["legend"])
    right.set_ylim(FLOOR / 2, 1e2)
    right.set_yticks(10.0 ** np.arange(-16, 1, 4))  # a tick every 4 decades, few labels to draw
    right.yaxis.set_minor_locator(NullLocator())
    right.set_xlim(0, STEPS)
    title = f"left the saddle at step {escaped}" if escaped is not None else "still at the saddle"
    if diverged_at is not None:
        mark_diverged(right, diverged_at)
        title = "diverged"
    style_axes(right, "step", "|x2|", title)
    return fig


def saddle_explorer() -> "ipywidgets.VBox":  # noqa: F821
    """An optimizer menu (SADDLE_RUNS), a learning-rate slider and a start-distance slider (both
    log) above the figure."""
    import ipywidgets as widgets

    run = widgets.Dropdown(
        options=[(run.name, run) for run in SADDLE_RUNS],
        value=SADDLE_RUNS[0],
        description="optimizer",
    )
    lr = log_slider("lr", 0.1, LR_EXPONENTS)
    x2_0 = log_slider("x2_0", 1e-6, X2_EXPONENTS, step=1)

    def draw():
        call = (
            f"{run.value.name},学习率 {lr.value:.3g},起点 ({saddle_start(x2_0.value)[0]:g}, "
            f"{x2_0.value:.0e}),{STEPS} 步,精确梯度"
        )
        return call, saddle_figure(run.value, lr.value, x2_0.value)

    return figure_explorer([run, lr, x2_0], draw)
