"""course_lib.curves: losses of whole runs, against the one-parameter-set formulas."""

import numpy as np
import pytest
from support import golden

from course_lib.curves import mse_curve, optimum_mse, sse_curve, steps_to_within
from course_lib.model import least_squares, mse, sse


def test_curves_give_each_parameter_vector_its_loss(data):
    x, y = data
    thetas = np.random.default_rng(3).normal(scale=2.0, size=(2500, 6))
    expected = [sse(theta[:-1], theta[-1], x, y) for theta in thetas]
    np.testing.assert_allclose(sse_curve(thetas, x, y), expected, rtol=1e-12)
    np.testing.assert_allclose(mse_curve(thetas, x, y), np.array(expected) / len(x), rtol=1e-12)


def test_the_optimum_on_a_curve_is_the_known_number(data):
    x, y = data
    theta = np.append(*least_squares(x, y))
    assert sse_curve(theta[np.newaxis], x, y)[0] == pytest.approx(golden.OPTIMUM_SSE, abs=1e-9)
    assert optimum_mse(x, y) == pytest.approx(golden.OPTIMUM_MSE, abs=1e-10)
    assert optimum_mse(x, y) == mse(*least_squares(x, y), x, y)


def test_a_diverged_run_gives_inf_or_nan_not_an_error(data):
    x, y = data
    with np.errstate(all="ignore"):
        values = mse_curve(np.array([[1e200] * 6, [np.inf] * 6, [1.0] * 5 + [0.0]]), x, y)
    assert not np.isfinite(values[0]) and not np.isfinite(values[1])
    assert values[2] == pytest.approx(golden.MSE_START, rel=1e-12)


def test_steps_to_within():
    assert steps_to_within([5.0, 2.0, 1.02, 1.005, 1.2], 1.0) == 3
    assert steps_to_within([5.0, 2.0, 1.02], 1.0, tolerance=0.05) == 2
    assert steps_to_within([5.0, 2.0], 1.0) is None
