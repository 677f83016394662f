"""course_lib.comparison: lesson 8's runs, table, learning-rate sweep and readable figures."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from support.figures import (  # noqa: E402
    MIN_TEXT_PX,
    fits_canvas,
    legend_covers_data,
    smallest_text_px,
)

from course_lib.comparison import (  # noqa: E402
    PATH_GROUPS,
    SWEEP_LRS,
    bowl_path,
    compare,
    curves_figure,
    format_sweep,
    format_table,
    lr_sweep,
    paths_figure,
    slice_path,
    sweep_figure,
    sweep_pair,
    trajectory_figures,
)
from course_lib.curves import mse_curve, optimum_mse  # noqa: E402
from course_lib.gradients import (  # noqa: E402
    row_gradient,
    sampled_rows,
    start_theta,
)
from course_lib.landscapes import SLICE_EXTENT, airfoil_slice  # noqa: E402
from course_lib.optimizers import trajectory  # noqa: E402
from course_lib.plotting import clip_path  # noqa: E402
from course_lib.runs import LESSON_RUNS, lesson_run  # noqa: E402


def test_compare_runs_each_lesson_optimizer_on_the_lesson_rows(data):
    x, y = data
    rows = compare(x, y, steps=200)
    assert [row.name for row in rows][:3] == ["GD", "SGD", "Momentum"]
    momentum = lesson_run("Momentum")
    thetas = trajectory(
        momentum.make(), row_gradient(x, y, sampled_rows(len(x), 200)), start_theta(5), 200
    )
    np.testing.assert_allclose(rows[2].curve, mse_curve(thetas, x, y), rtol=1e-12)
    assert len(rows[0].curve) == 201 and rows[0].final == rows[0].curve[-1]
    table = format_table(rows, optimum_mse(x, y))
    assert table.splitlines()[1].startswith("GD") and "optimum" in table.splitlines()[-1]


def test_the_sweep_runs_all_rates_at_once_as_separate_runs_would(data):
    x, y = data
    lrs = np.array([1e-3, 3e-2])
    together = lr_sweep(lesson_run("Momentum"), x, y, lrs, steps=300, window=10)
    rows = sampled_rows(len(x), 300)
    for k, lr in enumerate(lrs):
        thetas = trajectory(
            lesson_run("Momentum").make(lr=lr), row_gradient(x, y, rows, True), start_theta(5), 300
        )
        assert together[k] == pytest.approx(mse_curve(thetas[-10:], x, y).mean(), rel=1e-10)


def test_lr_sweep_marks_divergence_and_needs_a_learning_rate(data):
    x, y = data
    final = lr_sweep(lesson_run("SGD"), x, y, np.array([1e-3, 10.0]), steps=300, window=10)
    assert np.isfinite(final[0]) and final[1] == np.inf
    with pytest.raises(ValueError, match="no learning rate"):
        lr_sweep(lesson_run("AdaDelta"), x, y, [1e-3])


def test_lr_sweep_marks_chaotic_runs_and_the_table_says_so(data):
    """RMSProp at lr 1 changes by percents when the start moves by 1e-12: NaN, "chaotic"."""
    x, y = data
    final, moved = sweep_pair(lesson_run("RMSProp"), x, y, np.array([1e-2, 1.0]))
    assert abs(final[0] / moved[0] - 1) < 1e-9 and abs(final[1] / moved[1] - 1) > 1e-3
    marked = lr_sweep(lesson_run("RMSProp"), x, y, np.array([1e-2, 1.0]))
    assert marked[0] == final[0] and np.isnan(marked[1])
    table = format_sweep({"RMSProp": marked}, [1e-2, 1.0])
    assert table.splitlines()[1].split() == ["RMSProp", f"{final[0]:.4f}", "chaotic"]


# --- figures: readable at 968 px, legends off the data, one slide tall ------------------------


def readable(fig):
    """Inside its canvas (the lessons save it uncropped), every text >= MIN_TEXT_PX at 968 px
    wide, no legend over a line, at most 500 px tall."""
    assert fits_canvas(fig)
    assert smallest_text_px(fig) >= MIN_TEXT_PX
    assert not any(legend_covers_data(ax) for ax in fig.axes)
    assert fig.get_figheight() * fig.dpi <= 500
    plt.close(fig)


def test_curves_and_sweep_figures_are_readable(data):
    x, y = data
    optimum = optimum_mse(x, y)
    readable(curves_figure(compare(x, y, steps=300), optimum))
    results = {"GD": np.linspace(5.0, 0.5, len(SWEEP_LRS)), "AdaDelta": 2.4}
    results["SGD"] = np.where(np.array(SWEEP_LRS) > 0.05, np.inf, 0.6)
    readable(sweep_figure(results, optimum))


def test_the_paths_come_in_two_groups_per_surface_each_figure_readable(data):
    x, y = data
    figures = trajectory_figures(x, y)
    assert list(figures) == [
        "bowl_gd_sgd_momentum",
        "bowl_adaptive",
        "slice_gd_sgd_momentum",
        "slice_adaptive",
    ]
    assert [run for runs in PATH_GROUPS.values() for run in runs] == list(LESSON_RUNS)
    bowl_adaptive = figures["bowl_adaptive"].axes
    assert [ax.get_title() for ax in bowl_adaptive] == [
        "AdaGrad, 40 steps",
        "RMSProp, 40 steps",
        "AdaDelta, 400 steps",
        "Adam, 40 steps",
    ]
    np.testing.assert_array_equal(
        bowl_adaptive[2].get_lines()[0].get_xydata(), bowl_path(lesson_run("AdaDelta"))
    )
    slice_ = airfoil_slice(x, y)
    momentum = figures["slice_gd_sgd_momentum"].axes[2]
    np.testing.assert_array_equal(
        momentum.get_lines()[0].get_xydata(),
        clip_path(slice_path(slice_, lesson_run("Momentum")), SLICE_EXTENT),
    )
    for fig in figures.values():
        readable(fig)


def test_paths_figure_names_a_known_surface(data):
    x, y = data
    with pytest.raises(ValueError, match="surface"):
        paths_figure(x, y, "saddle", LESSON_RUNS[:1])
