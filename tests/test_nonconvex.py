"""Lesson 11's non-convex toys: exact gradients, where the critical points are, the escape law."""

import numpy as np
import pytest
from support.figures import MIN_TEXT_PX, fits_canvas, panels_overlap, smallest_text_px

from course_lib.geometry import convergence_factor
from course_lib.nonconvex import (
    ESCAPE,
    SADDLE_CURVATURE,
    WAVY_DEEP,
    WAVY_EXTENT,
    WAVY_LOCAL,
    escape_step,
    gd_escape_estimate,
    saddle,
    saddle_gradient,
    saddle_start,
    wavy,
    wavy_gradient,
)
from course_lib.optimizers import SGD, Adam, Momentum, RMSProp, trajectory
from course_lib.runs import SADDLE_RUNS
from course_lib.widgets.saddle import saddle_diverged_at, saddle_figure, saddle_run

RUNS = {run.name: run for run in SADDLE_RUNS}


def central_differences(f, point, eps=1e-6):
    point = np.asarray(point, dtype=float)
    return np.array(
        [(f(*(point + h)) - f(*(point - h))) / (2 * eps) for h in eps * np.eye(len(point))]
    )


@pytest.mark.parametrize("point", [(0.3, -0.7), (-1.1, 1.3), (0.0, 0.5), (2.0, -2.0)])
def test_saddle_gradient_is_the_derivative(point):
    numeric = central_differences(saddle, point)
    assert np.allclose(saddle_gradient(np.array(point), 0), numeric, rtol=1e-7, atol=1e-8)


def test_saddle_gradient_takes_a_stack_of_points():
    points = np.array([[0.3, -0.7], [1.0, 2.0]])
    stacked = saddle_gradient(points)
    assert np.array_equal(stacked, [saddle_gradient(p) for p in points])


def test_saddle_and_minima_are_where_the_module_says():
    assert np.array_equal(saddle_gradient(np.zeros(2)), [0.0, 0.0])
    for x2 in (-1.0, 1.0):
        assert np.array_equal(saddle_gradient(np.array([0.0, x2])), [0.0, 0.0])
        assert saddle(0.0, x2) == -0.25
    hessian = np.array(
        [(saddle_gradient(h) - saddle_gradient(-h)) / 2e-6 for h in 1e-6 * np.eye(2)]
    )
    assert np.allclose(np.linalg.eigvalsh(hessian), [-1.0, 2.0])
    # bounded below: the minima are the lowest points of a wide grid
    grid = np.linspace(-3, 3, 601)
    assert saddle(*np.meshgrid(grid, grid)).min() == pytest.approx(-0.25)


@pytest.mark.parametrize("x", [-1.0, -0.27, 0.4, 1.09, 1.9])
def test_wavy_gradient_is_the_derivative(x):
    numeric = (wavy(x + 1e-6) - wavy(x - 1e-6)) / 2e-6
    assert wavy_gradient(np.array([x]))[0] == pytest.approx(numeric, rel=1e-7, abs=1e-8)


def test_wavy_minima_within_d2ls_range():
    x = np.linspace(-1.0, 2.0, 300001)
    f = wavy(x)
    inner = np.flatnonzero((f[1:-1] < f[:-2]) & (f[1:-1] < f[2:])) + 1
    assert np.round(x[inner], 3).tolist() == [WAVY_LOCAL, WAVY_DEEP]
    assert wavy(WAVY_DEEP) == pytest.approx(f.min(), abs=1e-5)
    assert WAVY_EXTENT[0] < -1 and WAVY_EXTENT[1] > 2


def test_from_the_ridge_nobody_leaves():
    for optimizer in (SGD(lr=0.1), Momentum(lr=0.1, beta=0.8), RMSProp(lr=0.01), Adam(lr=0.01)):
        path = trajectory(optimizer, saddle_gradient, saddle_start(0.0), 300)
        assert np.all(path[:, 1] == 0.0)
        assert escape_step(path) is None


@pytest.mark.parametrize("lr", [0.05, 0.1, 0.3])
def test_gd_escape_time_grows_like_log_of_the_start(lr):
    """Each decade closer to the ridge costs ln 10 / ln(1 + lr) more steps, within one step."""
    starts = 10.0 ** -np.arange(2, 11)
    steps = [
        escape_step(trajectory(SGD(lr=lr), saddle_gradient, saddle_start(s), 2000)) for s in starts
    ]
    per_decade = np.log(10) / np.log(1 + lr)
    assert np.all(np.abs(np.diff(steps) - per_decade) <= 1)
    # the estimate counts the linear growth only; the last approach to ESCAPE is slower
    estimates = [gd_escape_estimate(s, lr) for s in starts]
    assert np.all((np.array(steps) - estimates >= 0) & (np.array(steps) - estimates <= 5))


def test_momentum_escape_time_follows_its_growth_factor():
    starts = 10.0 ** -np.arange(2, 11)
    steps = [
        escape_step(trajectory(Momentum(lr=0.1, beta=0.8), saddle_gradient, saddle_start(s), 500))
        for s in starts
    ]
    growth = convergence_factor(0.1, 0.8, SADDLE_CURVATURE)
    per_decade = np.log(10) / np.log(growth)
    assert np.mean(np.diff(steps)) == pytest.approx(per_decade, abs=0.3)
    # the larger root of z^2 - (1 + beta - lr c) z + beta, c = -1: lesson 11's 1.270
    b = 1 + 0.8 + 0.1
    assert growth == pytest.approx((b + np.sqrt(b * b - 4 * 0.8)) / 2, rel=1e-12)
    assert convergence_factor(0.1, 0.0, SADDLE_CURVATURE) == pytest.approx(1.1)  # GD


@pytest.mark.parametrize("make", [lambda: Adam(lr=0.01), lambda: RMSProp(lr=0.01, rho=0.9)])
def test_adaptive_escape_time_barely_depends_on_the_start(make):
    starts = 10.0 ** -np.arange(2, 13)
    steps = [escape_step(trajectory(make(), saddle_gradient, saddle_start(s), 300)) for s in starts]
    assert None not in steps
    assert (steps[-1] - steps[0]) / 10 <= 1.5  # GD at lr 0.1: 24 steps per decade


def test_escape_step_uses_the_threshold():
    path = np.array([[1.0, 0.1], [0.5, 0.4], [0.2, -0.6], [0.0, 1.0]])
    assert escape_step(path) == 2
    assert escape_step(path, threshold=0.9) == 3
    assert escape_step(path[:2]) is None
    assert ESCAPE == 0.5


@pytest.mark.parametrize("run", SADDLE_RUNS, ids=lambda run: run.name)
def test_explorer_figure_has_its_titles(run):
    fig = saddle_figure(run, 0.1, 1e-6)
    left, right = fig.axes
    assert left.get_title() == f"{run.name}, lr = 0.1, x2_0 = 1e-06"
    escaped = escape_step(saddle_run(run, 0.1, 1e-6))
    assert escaped is not None and right.get_title() == f"left the saddle at step {escaped}"
    assert right.get_yscale() == "log"


def test_the_explorer_runs_the_lessons_runs_at_the_sliders_rate():
    """The menu is lesson 11's SADDLE_RUNS: each run's class and settings, lr from the slider."""
    for run in SADDLE_RUNS:
        expected = trajectory(run.make(lr=0.03), saddle_gradient, saddle_start(1e-4), 300)
        assert np.array_equal(saddle_run(run, 0.03, 1e-4), expected)
    assert [run.name for run in SADDLE_RUNS] == ["GD", "momentum", "AdaGrad", "RMSProp", "Adam"]


def test_explorer_figure_on_the_ridge_and_when_diverging():
    assert saddle_figure(RUNS["GD"], 0.1, 0.0).axes[1].get_title() == "still at the saddle"
    path = saddle_run(RUNS["momentum"], 1.0, 1e-3)
    k = saddle_diverged_at(path)
    with np.errstate(over="ignore", invalid="ignore"):
        values = saddle(path[:, 0], path[:, 1])
    assert k is not None and values[k - 1] <= 100 and not values[k] <= 100
    with np.errstate(all="raise"):  # no overflow inside matplotlib either
        fig = saddle_figure(RUNS["momentum"], 1.0, 1e-3)
    assert fig.axes[1].get_title() == "diverged"
    assert any(f"diverged at step {k}" in t.get_text() for t in fig.axes[1].texts)


def test_explorer_run_is_small():
    """One slider move runs 300 steps of one optimizer: a few milliseconds, not a sweep."""
    assert saddle_run(RUNS["Adam"], 0.01, 1e-6).shape == (301, 2)


def test_explorer_figure_is_readable_in_the_widget():
    """Sent at WIDGET_DPI and shown 968 px wide, every text is at least MIN_TEXT_PX tall."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = saddle_figure(RUNS["Adam"], 0.01, 1e-9)
    FigureCanvasAgg(fig)
    assert smallest_text_px(fig) >= MIN_TEXT_PX


@pytest.mark.parametrize(("name", "lr"), [("GD", 0.1), ("Adam", 0.01), ("GD", 3.0)])
def test_explorer_figure_fits_its_fixed_margins(name, lr):
    """Saved whole (no crop), nothing of the saddle figure runs off the canvas, the last step
    label "300" at the right edge and a diverged run's mark included."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = saddle_figure(RUNS[name], lr, 1e-8)
    FigureCanvasAgg(fig)
    assert fits_canvas(fig) and not panels_overlap(fig)


def test_explorer_widget_redraws_when_a_slider_moves():
    pytest.importorskip("ipywidgets")
    from course_lib.widgets.saddle import saddle_explorer

    box = saddle_explorer()
    (run, _lr, x2_0), label, image = box.children[0].children, *box.children[1:]
    first = bytes(image.value)
    assert first.startswith(b"\x89PNG") and "GD" in label.value
    x2_0.value = 1e-9
    assert bytes(image.value) != first and "1e-09" in label.value
    run.value = RUNS["Adam"]
    assert label.value.startswith("Adam")
