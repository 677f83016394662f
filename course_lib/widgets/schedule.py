"""Lesson 9's explorer: minibatch SGD with a learning-rate schedule, at a fixed budget of rows.

``schedule_figure(x, y, batch_size, lr0, schedule)`` is the plain function behind one slider
move; ``schedule_explorer(x, y)`` puts it under a batch-size slider, a learning-rate slider and a
schedule menu.
"""

import numpy as np
from matplotlib.figure import Figure

from course_lib.curves import LOSS_CAP, diverged, first_step, mse_curve, optimum_mse
from course_lib.gradients import batch_gradient, shuffled_batches, start_theta
from course_lib.optimizers import SGD, trajectory
from course_lib.plotting import FONT_SIZES, mark_diverged, style_axes
from course_lib.schedules import SCHEDULES, schedule_rates
from course_lib.widgets.picture import figure_explorer, log_slider, two_panels

EPOCHS = 5  # every batch size gets the same budget: 5 passes over the data
BATCH_SIZES = (1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 1503)
GAP_FLOOR = 1e-8


def schedule_gaps(x: np.ndarray, y: np.ndarray, batch_size: int, rates: np.ndarray) -> np.ndarray:
    """MSE minus the optimum at the start and after each step of minibatch SGD (exact
    gradients, the lessons' start, batches of ``shuffled_batches``) at the rates of ``rates``."""
    batches = shuffled_batches(len(x), batch_size, len(rates))
    sgd = SGD(lr=lambda k: rates[k])  # a schedule: the rate of step k
    with np.errstate(all="ignore"):
        thetas = trajectory(sgd, batch_gradient(x, y, batches), start_theta(x.shape[1]), len(rates))
        return mse_curve(thetas, x, y) - optimum_mse(x, y)


def schedule_figure(
    x: np.ndarray, y: np.ndarray, batch_size: int, lr0: float, schedule: str
) -> Figure:
    """Left: the schedule; right: MSE minus the optimum against rows processed."""
    steps = EPOCHS * len(x) // batch_size
    rates = schedule_rates(schedule, lr0, steps)
    gaps = schedule_gaps(x, y, batch_size, rates)
    diverged_at = first_step(diverged(gaps))
    fig, left, right = two_panels()
    left.plot(np.arange(steps) * batch_size, rates, color="C0")
    left.set_ylim(0, lr0 * 1.05)
    style_axes(left, "rows processed", "learning rate", f"{schedule}, lr0 = {lr0:.1e}")
    shown = gaps[: len(gaps) if diverged_at is None else diverged_at + 1]
    rows_seen = np.arange(len(shown)) * batch_size
    right.semilogy(
        rows_seen,
        np.clip(np.nan_to_num(shown, nan=LOSS_CAP), GAP_FLOOR, LOSS_CAP),
        color="C1",
        label=f"B = {batch_size}, {steps} steps",
    )
    if diverged_at is None:
        title = f"last 10%: {gaps[-max(1, steps // 10) :].mean():.2e}"
    else:
        mark_diverged(right, diverged_at)
        title = "diverged"
    right.set_xlim(0, EPOCHS * len(x))
    style_axes(right, "rows processed", "MSE - optimum", title)
    right.legend(fontsize=FONT_SIZES["legend"], loc="upper right")
    return fig


def schedule_explorer(x: np.ndarray, y: np.ndarray) -> "ipywidgets.VBox":  # noqa: F821
    """A batch-size slider, a learning-rate slider (log) and a schedule menu above the figure."""
    import ipywidgets as widgets

    # starts at B = 16: its 469 steps draw about 6x faster than B = 1's 7515 (Run All waits less)
    batch = widgets.SelectionSlider(options=BATCH_SIZES, value=16, description="B")
    lr0 = log_slider("lr0", 0.01, (-4, 0))
    schedule = widgets.Dropdown(options=SCHEDULES, value="1/t", description="schedule")

    def draw():
        call = (
            f"B = {batch.value},学习率 {lr0.value:.1e},{schedule.value},"
            f"{EPOCHS} 轮数据({EPOCHS * len(x)} 条梯度),精确梯度"
        )
        return call, schedule_figure(x, y, batch.value, lr0.value, schedule.value)

    return figure_explorer([batch, lr0, schedule], draw)
