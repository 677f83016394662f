"""Lesson 9's schedules and its explorer's minibatch runs: against the formulas, plain gradient
descent, and minibatch SGD written out."""

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from support.figures import MIN_TEXT_PX, fits_canvas, panels_overlap, smallest_text_px

from course_lib.curves import LOSS_CAP, mse_curve, optimum_mse
from course_lib.gradients import full_batch_gradient, shuffled_batches, start_theta
from course_lib.model import design_matrix
from course_lib.optimizers import SGD, trajectory
from course_lib.schedules import SCHEDULES, schedule_rates
from course_lib.widgets.schedule import schedule_figure, schedule_gaps


@pytest.mark.parametrize("schedule", SCHEDULES)
def test_every_schedule_stays_within_lr0_and_ends_at_or_below_it(schedule):
    rates = schedule_rates(schedule, 0.01, 5000)
    assert rates.shape == (5000,) and np.all(rates > 0) and np.all(rates <= 0.01 + 1e-15)
    if schedule != "constant":
        assert rates[-1] < 0.002


def test_schedules_are_the_formulas_lesson_9_writes():
    k = np.arange(5000)
    assert np.allclose(schedule_rates("1/t", 0.01, 5000), 0.01 / (1 + k / 250))
    steps = schedule_rates("step decay", 0.01, 5000)
    assert (steps[2499], steps[2500], steps[3750]) == pytest.approx((0.01, 0.001, 0.0001))
    warm = schedule_rates("warm-up + cosine", 0.01, 5000)
    assert warm[0] == pytest.approx(0.01 / 500) and warm[499] == pytest.approx(0.01)


def test_an_unknown_schedule_names_the_choices():
    with pytest.raises(ValueError, match="choose one of constant, step decay"):
        schedule_rates("exponential", 0.01, 10)


def test_full_batch_run_is_gradient_descent(data):
    x, y = data
    gaps = schedule_gaps(x, y, len(x), np.full(50, 0.3))
    expected = trajectory(SGD(lr=0.3), full_batch_gradient(x, y, "exact"), start_theta(5), 50)
    assert np.allclose(gaps, mse_curve(expected, x, y) - optimum_mse(x, y), rtol=0, atol=1e-12)


def test_a_scheduled_minibatch_run_is_sgd_written_out(data):
    """Batch k of shuffled_batches, the rate of step k: theta -= lr_k 2/B A_kᵀ(A_k theta - y_k)."""
    x, y = data
    rates = schedule_rates("step decay", 0.05, 120)
    design, theta, thetas = design_matrix(x), start_theta(5), [start_theta(5)]
    for rows, lr in zip(shuffled_batches(len(x), 16, 120), rates, strict=True):
        a = design[rows]
        theta = theta - lr * 2 * a.T @ (a @ theta - y[rows]) / 16
        thetas.append(theta)
    expected = mse_curve(np.array(thetas), x, y) - optimum_mse(x, y)
    assert np.allclose(schedule_gaps(x, y, 16, rates), expected, rtol=1e-10, atol=1e-14)


@pytest.mark.parametrize(("batch_size", "lr0", "diverges"), [(1, 0.01, False), (16, 1.0, True)])
def test_the_figure_says_diverged_exactly_when_the_run_does(data, batch_size, lr0, diverges):
    x, y = data
    fig = schedule_figure(x, y, batch_size, lr0, "constant")
    texts = [t.get_text() for t in fig.axes[1].texts]
    assert any("diverged" in t for t in texts) == diverges
    steps = 5 * len(x) // batch_size
    gaps = schedule_gaps(x, y, batch_size, np.full(steps, lr0))
    with np.errstate(invalid="ignore"):
        assert (not np.all(gaps <= LOSS_CAP)) == diverges


@pytest.mark.parametrize(
    ("batch_size", "lr0", "schedule"),
    [
        (16, 0.01, "1/t"),
        (1, 1.0, "constant"),
        (1503, 1e-4, "cosine"),
        (2, 1e-4, "warm-up + cosine"),
        (1024, 0.3, "step decay"),
    ],
)
def test_the_fixed_margins_fit_every_text(data, batch_size, lr0, schedule):
    """The widget sends the whole canvas (no layout, no cropping): nothing may stick out."""
    x, y = data
    fig = schedule_figure(x, y, batch_size, lr0, schedule)
    FigureCanvasAgg(fig)
    assert fits_canvas(fig)
    assert not panels_overlap(fig)
    assert smallest_text_px(fig, tight=False) >= MIN_TEXT_PX
