"""Lesson 11's sliders: one optimizer leaving the saddle of ``course_lib.nonconvex.saddle``.

``saddle_figure(name, lr, x2_0)`` is the plain function behind one slider move;
``saddle_explorer()`` wraps it in a menu, two sliders and an Image widget (no Output widget:
see ``course_lib.explorer`` on jupyter/nbclient#312).
"""

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import NullLocator

from course_lib.explorer import WIDGET_DPI, WIDGET_MARGINS, figure_png
from course_lib.nonconvex import (
    ESCAPE,
    SADDLE_EXTENT,
    escape_step,
    saddle,
    saddle_gradient,
    saddle_start,
)
from course_lib.optimizers import SGD, Adam, Momentum, Optimizer, RMSProp, trajectory
from course_lib.plotting import FONT_SIZES, clip_path, mark_diverged, style_axes

NAMES = ("GD", "Momentum", "RMSProp", "Adam")
STEPS = 300
LR_EXPONENTS = (-3.0, 0.0)  # the lr slider: 10**-3 to 1 (GD is stable below 1: curvature 2)
X2_EXPONENTS = (-12.0, -1.0)  # the start's distance from the ridge: 1e-12 to 0.1
FLOOR = 1e-16  # |x2| below this is drawn at this height (x2_0 = 0 would vanish from a log axis)
CAP = 1e2  # a run with a coordinate beyond this (or not finite) has diverged


def make_optimizer(name: str, lr: float) -> Optimizer:
    """The explorer's optimizer ``name`` with learning rate ``lr``: Momentum with beta = 0.8,
    RMSProp with rho = 0.9, Adam with the lessons' defaults."""
    if name == "GD":
        return SGD(lr=lr)
    if name == "Momentum":
        return Momentum(lr=lr, beta=0.8)
    if name == "RMSProp":
        return RMSProp(lr=lr, rho=0.9)
    if name == "Adam":
        return Adam(lr=lr)
    raise ValueError(f"unknown optimizer {name!r}: choose one of {', '.join(NAMES)}")


def saddle_run(name: str, lr: float, x2_0: float, steps: int = STEPS) -> np.ndarray:
    """Iterates (steps + 1, 2) of optimizer ``name`` from (SADDLE_X1, x2_0), exact gradients."""
    with np.errstate(over="ignore", invalid="ignore"):
        return trajectory(make_optimizer(name, lr), saddle_gradient, saddle_start(x2_0), steps)


def diverged_step(path: np.ndarray) -> int | None:
    """The first step with a coordinate beyond CAP or not finite (None: the run stays bounded)."""
    with np.errstate(invalid="ignore"):
        bad = np.flatnonzero(~np.all(np.abs(path) < CAP, axis=1))
    return int(bad[0]) if len(bad) else None


def saddle_figure(name: str, lr: float, x2_0: float) -> Figure:
    """Left: the path on the contours; right: |x2| against step on a log axis."""
    path = saddle_run(name, lr, x2_0)
    escaped = escape_step(path)
    # a fixed layout: constrained layout would measure every tick label again at each move
    fig = Figure(figsize=(14, 5))
    left, right = fig.subplots(1, 2, gridspec_kw=WIDGET_MARGINS)
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
    style_axes(left, "x1", "x2", f"{name}, lr = {lr:.3g}, x2_0 = {x2_0:.0e}")
    diverged_at = diverged_step(path)
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
    """An optimizer menu, a learning-rate slider and a start-distance slider (both log)."""
    import ipywidgets as widgets

    name = widgets.Dropdown(options=NAMES, value="GD", description="optimizer")
    lr = widgets.FloatLogSlider(
        value=0.1, base=10, min=LR_EXPONENTS[0], max=LR_EXPONENTS[1], step=0.1, description="lr"
    )
    x2_0 = widgets.FloatLogSlider(
        value=1e-6, base=10, min=X2_EXPONENTS[0], max=X2_EXPONENTS[1], step=1, description="x2_0"
    )
    label = widgets.Label()
    image = widgets.Image(format="png")

    def redraw(_change=None):
        label.value = (
            f"{name.value},学习率 {lr.value:.3g},起点 ({saddle_start(x2_0.value)[0]:g}, "
            f"{x2_0.value:.0e}),{STEPS} 步,精确梯度"
        )
        fig = saddle_figure(name.value, lr.value, x2_0.value)
        fig.set_dpi(WIDGET_DPI)
        image.value = figure_png(fig)

    for widget in (name, lr, x2_0):
        widget.observe(redraw, names="value")
    redraw()
    return widgets.VBox([widgets.HBox([name, lr, x2_0]), label, image])
