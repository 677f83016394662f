"""course_lib.comparison: lesson 8's runs, table and learning-rate sweep."""

import numpy as np
import pytest

from course_lib.comparison import compare, format_table, lr_sweep, stacked_gradient
from course_lib.curves import mse_curve, optimum_mse
from course_lib.gradients import full_batch_gradient, row_gradient, sampled_rows, start_theta
from course_lib.lesson_runs import lesson_run
from course_lib.optimizers import trajectory


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


def test_stacked_gradient_is_one_exact_gradient_per_parameter_vector(data):
    x, y = data
    thetas = np.random.default_rng(5).normal(size=(3, 6))
    rows = np.array([11, 900])
    for gradient, single in (
        (stacked_gradient(x, y, rows), row_gradient(x, y, rows, True)),
        (stacked_gradient(x, y, None), full_batch_gradient(x, y, "exact")),
    ):
        for k in range(2):
            np.testing.assert_allclose(
                gradient(thetas, k), [single(theta, k) for theta in thetas], rtol=1e-12
            )


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
