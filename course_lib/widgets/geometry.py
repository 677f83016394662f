"""Lesson 10's explorer: heavy-ball momentum's convergence factor per eigen-direction, and the run.

``geometry_figure(x, y, lr, beta)`` is the plain function behind one slider move;
``geometry_explorer(x, y)`` puts it under two sliders.
"""

import numpy as np
from matplotlib.figure import Figure

from course_lib.curves import LOSS_CAP, diverged, first_step
from course_lib.geometry import convergence_factor, optimal_gd, optimal_heavy_ball, quadratic_gap
from course_lib.gradients import full_batch_gradient, start_theta, to_theta
from course_lib.model import least_squares, mse_hessian
from course_lib.optimizers import Momentum, trajectory
from course_lib.plotting import FONT_SIZES, mark_diverged, style_axes
from course_lib.widgets.picture import figure_explorer, two_panels

STEPS = 100
LR_RANGE = (0.01, 1.4, 0.01)
BETA_RANGE = (0.0, 0.95, 0.01)
GAP_FLOOR = 1e-16  # below this a gap is round-off: drawn at this height


def momentum_gaps(x: np.ndarray, y: np.ndarray, lr: float, beta: float) -> np.ndarray:
    """MSE minus its optimum at the start and after each of STEPS steps of ``Momentum(lr, beta)``
    (exact gradients, the lessons' start); ends at the first step that diverged."""
    theta_best = to_theta(*least_squares(x, y))
    with np.errstate(all="ignore"):
        thetas = trajectory(
            Momentum(lr=lr, beta=beta),
            full_batch_gradient(x, y, "exact"),
            start_theta(x.shape[1]),
            STEPS,
        )
        gaps = quadratic_gap(thetas, theta_best, mse_hessian(x))
    end = first_step(diverged(gaps))
    return gaps if end is None else gaps[: end + 1]


def geometry_figure(x: np.ndarray, y: np.ndarray, lr: float, beta: float) -> Figure:
    """Left: each eigen-direction's factor for (lr, beta) and for GD at lr; right: the run."""
    lam = np.linalg.eigvalsh(mse_hessian(x))
    fig, left, right = two_panels()
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
    gaps = momentum_gaps(x, y, lr, beta)
    lr_gd, _ = optimal_gd(lam[0], lam[-1])
    right.semilogy(np.maximum(gaps, GAP_FLOOR), color="C1", label="this run")
    best_gd = momentum_gaps(x, y, lr_gd, 0.0)
    right.semilogy(np.maximum(best_gd, GAP_FLOOR), "k--", label=f"best GD, lr = {lr_gd:.3f}")
    if diverged(gaps[-1]):
        mark_diverged(right, len(gaps) - 1)
    right.set_ylim(GAP_FLOOR, LOSS_CAP)
    style_axes(right, "step", "MSE - optimum", "distance to the optimum")
    right.legend(fontsize=FONT_SIZES["legend"], loc="upper right")
    return fig


def geometry_explorer(x: np.ndarray, y: np.ndarray) -> "ipywidgets.VBox":  # noqa: F821
    """Sliders for lr and beta (Polyak's optimum to start with) above the figure."""
    import ipywidgets as widgets

    lam = np.linalg.eigvalsh(mse_hessian(x))
    lr0, beta0, _ = optimal_heavy_ball(lam[0], lam[-1])
    lr = widgets.FloatSlider(
        value=round(lr0, 2), min=LR_RANGE[0], max=LR_RANGE[1], step=LR_RANGE[2], description="lr"
    )
    beta = widgets.FloatSlider(
        value=round(beta0, 2),
        min=BETA_RANGE[0],
        max=BETA_RANGE[1],
        step=BETA_RANGE[2],
        description="beta",
    )

    def draw():
        call = f"Momentum(lr={lr.value:.2f}, beta={beta.value:.2f}),{STEPS} 步,精确梯度"
        return call, geometry_figure(x, y, lr.value, beta.value)

    return figure_explorer([lr, beta], draw)
