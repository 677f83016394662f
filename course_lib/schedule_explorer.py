"""Lesson 9's sliders: minibatch SGD with a learning-rate schedule, at a fixed budget of rows.

``schedule_figure(x, y, batch_size, lr0, schedule)`` is the plain function behind one slider
move; ``schedule_explorer(x, y)`` wraps it in widgets (an Image widget, no Output widget: see
``course_lib.explorer`` on jupyter/nbclient#312).
"""

import numpy as np
from matplotlib import rc_context
from matplotlib.figure import Figure

from course_lib.curves import LOSS_CAP, mse_curve, optimum_mse
from course_lib.explorer import WIDGET_DPI, WIDGET_MARGINS, figure_png
from course_lib.gradients import shuffled_batches, start_theta
from course_lib.plotting import FONT_SIZES, mark_diverged, style_axes

SCHEDULES = ("constant", "step decay", "1/t", "cosine", "warm-up + cosine")
EPOCHS = 5  # every batch size gets the same budget: 5 passes over the data
BATCH_SIZES = (1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 1503)
GAP_FLOOR = 1e-8


def schedule_rates(schedule: str, lr0: float, steps: int) -> np.ndarray:
    """The learning rate of each step, as lesson 9 writes them (1/t with time scale 250 steps
    at 5000 steps, scaled to ``steps``; warm-up for the first tenth)."""
    k = np.arange(steps)
    warm = max(1, steps // 10)
    if schedule == "constant":
        return np.full(steps, float(lr0))
    if schedule == "step decay":
        return lr0 * 0.1 ** ((k >= steps // 2).astype(int) + (k >= 3 * steps // 4))
    if schedule == "1/t":
        return lr0 / (1 + k / (steps / 20))
    if schedule == "cosine":
        return lr0 * 0.5 * (1 + np.cos(np.pi * k / steps))
    if schedule == "warm-up + cosine":
        cosine = lr0 * 0.5 * (1 + np.cos(np.pi * (k - warm) / (steps - warm)))
        return np.where(k < warm, lr0 * (k + 1) / warm, cosine)
    raise ValueError(f"unknown schedule {schedule!r}: choose one of {', '.join(SCHEDULES)}")


def minibatch_run(
    x: np.ndarray, y: np.ndarray, batches: np.ndarray, rates: np.ndarray
) -> np.ndarray:
    """The parameters after each step of minibatch SGD (exact gradients) from the lessons' start;
    stops early once the loss passes LOSS_CAP (diverged)."""
    design = np.column_stack([x, np.ones(len(x))])
    theta = start_theta(x.shape[1])
    thetas = [theta]
    for rows, lr in zip(batches, rates, strict=True):
        residual = design[rows] @ theta - y[rows]
        theta = theta - lr * (2 * residual @ design[rows] / len(rows))
        thetas.append(theta)
        if not np.all(np.abs(theta) < 1e6):
            break
    return np.array(thetas)


def schedule_figure(
    x: np.ndarray, y: np.ndarray, batch_size: int, lr0: float, schedule: str
) -> Figure:
    """Left: the schedule; right: MSE minus the optimum against rows processed."""
    steps = EPOCHS * len(x) // batch_size
    rates = schedule_rates(schedule, lr0, steps)
    with np.errstate(over="ignore", invalid="ignore"):
        thetas = minibatch_run(x, y, shuffled_batches(len(x), batch_size, steps), rates)
        gaps = mse_curve(thetas, x, y) - optimum_mse(x, y)
    rows_seen = np.arange(len(gaps)) * batch_size
    fig = Figure(figsize=(14, 5))
    # titles at a fixed height (no ticks on top to clear), so a draw measures no tick labels
    # to place them; the same pixels
    with rc_context({"axes.titley": 1.0}):
        left, right = fig.subplots(1, 2, gridspec_kw=WIDGET_MARGINS)
    left.plot(np.arange(steps) * batch_size, rates, color="C0")
    left.set_ylim(0, lr0 * 1.05)
    style_axes(left, "rows processed", "learning rate", f"{schedule}, lr0 = {lr0:.1e}")
    diverged = not (np.all(np.isfinite(gaps)) and gaps[-1] < LOSS_CAP)
    shown = np.clip(np.nan_to_num(gaps, nan=LOSS_CAP, posinf=LOSS_CAP), GAP_FLOOR, LOSS_CAP)
    right.semilogy(rows_seen, shown, color="C1", label=f"B = {batch_size}, {steps} steps")
    if diverged:
        mark_diverged(right, len(gaps) - 1)
    else:
        right.set_title(f"last 10%: {gaps[-max(1, steps // 10) :].mean():.2e}")
    right.set_xlim(0, EPOCHS * len(x))
    style_axes(right, "rows processed", "MSE - optimum", right.get_title() or "diverged")
    right.legend(fontsize=FONT_SIZES["legend"], loc="upper right")
    return fig


def schedule_explorer(x: np.ndarray, y: np.ndarray) -> "ipywidgets.VBox":  # noqa: F821
    """A batch-size slider, a learning-rate slider (log) and a schedule menu above the figure."""
    import ipywidgets as widgets

    # starts at B = 16: its 469 steps draw about 6x faster than B = 1's 7515 (Run All waits less)
    batch = widgets.SelectionSlider(options=BATCH_SIZES, value=16, description="B")
    lr0 = widgets.FloatLogSlider(value=0.01, base=10, min=-4, max=0, step=0.1, description="lr0")
    schedule = widgets.Dropdown(options=SCHEDULES, value="1/t", description="schedule")
    label = widgets.Label()
    image = widgets.Image(format="png")

    def redraw(_change=None):
        label.value = (
            f"B = {batch.value},学习率 {lr0.value:.1e},{schedule.value},"
            f"{EPOCHS} 轮数据({EPOCHS * len(x)} 条梯度),精确梯度"
        )
        fig = schedule_figure(x, y, batch.value, lr0.value, schedule.value)
        fig.set_dpi(WIDGET_DPI)
        image.value = figure_png(fig, tight=False)

    for widget in (batch, lr0, schedule):
        widget.observe(redraw, names="value")
    redraw()
    return widgets.VBox([widgets.HBox([batch, lr0, schedule]), label, image])
