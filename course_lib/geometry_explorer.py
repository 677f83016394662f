"""Lesson 10's sliders: heavy-ball momentum's convergence factor per eigen-direction, and the run.

``geometry_figure(x, y, lr, beta)`` is the plain function behind one slider move;
``geometry_explorer(x, y)`` wraps it in two sliders and an Image widget (no Output widget: see
``course_lib.explorer`` on jupyter/nbclient#312).
"""

import numpy as np
from matplotlib import rc_context
from matplotlib.figure import Figure

from course_lib.explorer import WIDGET_DPI, WIDGET_MARGINS, figure_png
from course_lib.geometry import convergence_factor, optimal_gd, optimal_heavy_ball
from course_lib.gradients import start_theta, to_theta
from course_lib.model import least_squares, mse_hessian
from course_lib.plotting import FONT_SIZES, mark_diverged, style_axes

STEPS = 100
LR_RANGE = (0.01, 1.4, 0.01)
BETA_RANGE = (0.0, 0.95, 0.01)
GAP_FLOOR = 1e-16  # below this a gap is round-off: the curve stops there
GAP_CAP = 1e6  # above this the run has diverged: the curve stops there


def heavy_ball_gaps(
    H: np.ndarray, theta_best: np.ndarray, start: np.ndarray, lr: float, beta: float, steps: int
) -> np.ndarray:
    """MSE minus its optimum at each of ``steps + 1`` iterates of m <- beta m + g,
    theta <- theta - lr m, with the exact gradient H (theta - theta*)."""
    error, m = start - theta_best, np.zeros_like(start)
    gaps = [0.5 * error @ H @ error]
    for _ in range(steps):
        m = beta * m + H @ error
        error = error - lr * m
        gaps.append(0.5 * error @ H @ error)
        if not gaps[-1] < GAP_CAP:
            break
    return np.array(gaps)


def geometry_figure(x: np.ndarray, y: np.ndarray, lr: float, beta: float) -> Figure:
    """Left: each eigen-direction's factor for (lr, beta) and for GD at lr; right: the run."""
    H = mse_hessian(x)
    lam = np.linalg.eigvalsh(H)
    theta_best = to_theta(*least_squares(x, y))
    start = start_theta(x.shape[1])
    fig = Figure(figsize=(14, 5))
    # titles at a fixed height (no ticks on top to clear), so a draw measures no tick labels
    # to place them; the same pixels
    with rc_context({"axes.titley": 1.0}):
        left, right = fig.subplots(1, 2, gridspec_kw=WIDGET_MARGINS)
    factors = [convergence_factor(lr, beta, lam_i) for lam_i in lam]
    left.bar(range(len(lam)), factors, color="C1", label=f"momentum, beta = {beta:.2f}")
    left.plot(range(len(lam)), np.abs(1 - lr * lam), "o", color="gray", label="GD (beta = 0)")
    left.axhline(1, color="red", linestyle="--", label="1: diverges above")
    left.set_xticks(range(len(lam)), [f"{v:.2f}" for v in lam])
    left.set_ylim(0, max(1.6, min(3.0, max(factors) * 1.05)))
    style_axes(
        left, "eigenvalue lambda_i", "factor per step", f"lr = {lr:.2f}: factor per direction"
    )
    left.legend(fontsize=FONT_SIZES["legend"], loc="upper left")
    gaps = heavy_ball_gaps(H, theta_best, start, lr, beta, STEPS)
    lr_gd, _ = optimal_gd(lam[0], lam[-1])
    best_gd = heavy_ball_gaps(H, theta_best, start, lr_gd, 0.0, STEPS)
    right.semilogy(np.maximum(gaps, GAP_FLOOR), color="C1", label="this run")
    right.semilogy(np.maximum(best_gd, GAP_FLOOR), "k--", label=f"best GD, lr = {lr_gd:.3f}")
    if not gaps[-1] < GAP_CAP:
        mark_diverged(right, len(gaps) - 1)
    right.set_ylim(GAP_FLOOR, GAP_CAP)
    style_axes(right, "step", "MSE - optimum", "distance to the optimum")
    right.legend(fontsize=FONT_SIZES["legend"], loc="upper right")
    return fig


def geometry_explorer(x: np.ndarray, y: np.ndarray) -> "ipywidgets.VBox":  # noqa: F821
    """Sliders for lr and beta (Polyak's optimum to start with) above the figure."""
    import ipywidgets as widgets

    lam = np.linalg.eigvalsh(mse_hessian(x))
    lr0, beta0, _ = optimal_heavy_ball(lam[0], lam[-1])
    lr_slider = widgets.FloatSlider(
        value=round(lr0, 2), min=LR_RANGE[0], max=LR_RANGE[1], step=LR_RANGE[2], description="lr"
    )
    beta_slider = widgets.FloatSlider(
        value=round(beta0, 2),
        min=BETA_RANGE[0],
        max=BETA_RANGE[1],
        step=BETA_RANGE[2],
        description="beta",
    )
    label = widgets.Label()
    image = widgets.Image(format="png")

    def redraw(_change=None):
        lr, beta = lr_slider.value, beta_slider.value
        label.value = f"Momentum(lr={lr:.2f}, beta={beta:.2f}),{STEPS} 步,精确梯度"
        fig = geometry_figure(x, y, lr, beta)
        fig.set_dpi(WIDGET_DPI)
        image.value = figure_png(fig, tight=False)

    lr_slider.observe(redraw, names="value")
    beta_slider.observe(redraw, names="value")
    redraw()
    return widgets.VBox([widgets.HBox([lr_slider, beta_slider]), label, image])
