"""Lesson 12's explorer: Lion's learning rate and weight decay on the airfoil data.

``lion_run(x, y, lr, decay)`` and ``lion_figure(...)`` are the plain functions behind one slider
move; ``lion_explorer(x, y)`` puts them under two sliders.
"""

import numpy as np
from matplotlib.figure import Figure

from course_lib.gradients import full_batch_gradient, start_theta
from course_lib.model import least_squares_in_box
from course_lib.optimizers import Lion, trajectory
from course_lib.plotting import FONT_SIZES, style_axes
from course_lib.widgets.picture import figure_explorer, log_slider, two_panels

STEPS = 3000
LR_EXPONENTS = (-4.0, -1.0)  # the lr slider: 1e-4 to 0.1
DECAYS = (0.0, 4.0, 0.25)  # the weight-decay slider: min, max, step (1/lambda = 0.25 at most)
NO_BOX = 10.0  # lambda = 0: no box; the box solution is then the unconstrained optimum


def lion_run(x: np.ndarray, y: np.ndarray, lr: float, decay: float, steps: int = STEPS):
    """Lion's iterates (steps + 1, M+1) from the lessons' start with exact full-batch gradients,
    and the least-squares solution in its box |theta_i| <= 1/decay (no box when decay = 0)."""
    optimizer = Lion(lr=lr, weight_decay=decay)
    path = trajectory(optimizer, full_batch_gradient(x, y, "exact"), start_theta(x.shape[1]), steps)
    radius = 1 / decay if decay > 0 else NO_BOX
    return path, least_squares_in_box(x, y, radius)


def lion_figure(path: np.ndarray, target: np.ndarray, lr: float, decay: float) -> Figure:
    """Left: every parameter against the step, the box's edges dashed; right: the largest
    distance to the box's solution (log), one learning rate dashed."""
    fig, left, right = two_panels()
    for i in range(path.shape[1]):
        left.plot(path[:, i], linewidth=1.5, color=f"C{i}")
        left.axhline(target[i], color=f"C{i}", linestyle=":", linewidth=1)
    if decay > 0:
        for edge in (-1 / decay, 1 / decay):
            left.axhline(edge, color="black", linestyle="--", linewidth=1.5)
    left.set_ylim(-1.1, 1.1)
    left.set_xlim(0, len(path) - 1)
    box = f"box |theta_i| <= {1 / decay:.3g}" if decay > 0 else "no weight decay"
    style_axes(left, "step", "theta_i", f"Lion, lr = {lr:.2g}: {box}")
    error = np.abs(path - target).max(axis=-1)
    right.semilogy(np.maximum(error, 1e-12), color="C1", linewidth=1.5)
    right.axhline(lr, color="gray", linestyle="--")
    right.text(len(path) * 0.6, lr * 1.5, "one lr", fontsize=FONT_SIZES["legend"])
    right.set_ylim(1e-5, 3)
    right.set_xlim(0, len(path) - 1)
    style_axes(right, "step", "max |theta_i - target_i|", "distance to the box's optimum")
    return fig


def lion_explorer(x: np.ndarray, y: np.ndarray) -> "ipywidgets.VBox":  # noqa: F821
    """A learning-rate slider (log) and a weight-decay slider above the figure."""
    import ipywidgets as widgets

    # a redraw runs 3000 Lion steps: redraw when a slider is released, not while it is dragged
    lr = log_slider("lr", 1e-3, LR_EXPONENTS, step=0.25)
    lr.continuous_update = False
    decay = widgets.FloatSlider(
        value=2.0,
        min=DECAYS[0],
        max=DECAYS[1],
        step=DECAYS[2],
        description="decay",
        continuous_update=False,
    )

    def draw():
        path, target = lion_run(x, y, lr.value, decay.value)
        call = f"Lion(lr={lr.value:.2g}, weight_decay={decay.value:g}),{STEPS} 步,精确的全量梯度"
        return call, lion_figure(path, target, lr.value, decay.value)

    return figure_explorer([lr, decay], draw)
