"""course_lib.gradients: the gradient functions a run calls, against model's own formulas."""

import numpy as np
import pytest

from course_lib.gradients import (
    batch_gradient,
    difference_offsets,
    differences,
    full_batch_gradient,
    row_gradient,
    sampled_rows,
    shuffled_batches,
    start_theta,
    to_theta,
)
from course_lib.landscapes import airfoil_slice
from course_lib.model import mse, mse_gradient, numeric_gradient, sse, sse_gradient

THETA = np.array([0.4, -1.2, 0.7, 2.0, -0.3, 0.25])


def test_parameter_vectors_put_the_bias_last():
    np.testing.assert_array_equal(to_theta(np.array([1.0, 2.0]), 3.0), [1.0, 2.0, 3.0])
    np.testing.assert_array_equal(start_theta(5), [1, 1, 1, 1, 1, 0])


def test_sampled_rows_are_the_lessons_draws():
    """The lessons call rng.integers(N) once per step on default_rng(seed=0)."""
    rng = np.random.default_rng(seed=0)
    np.testing.assert_array_equal(sampled_rows(1503, 300), [rng.integers(1503) for _ in range(300)])
    assert not np.array_equal(sampled_rows(1503, 300, seed=1), sampled_rows(1503, 300))


def test_row_gradient_is_the_lessons_forward_difference_and_the_exact_one(data):
    x, y = data
    rows = sampled_rows(len(x), 10)
    for k in range(10):
        i = rows[k]
        lesson = to_theta(
            *numeric_gradient(lambda w, b, i=i: sse(w, b, x[i], y[i]), THETA[:-1], THETA[-1])
        )
        np.testing.assert_allclose(
            row_gradient(x, y, rows)(THETA, k), lesson, rtol=1e-9, atol=1e-10
        )
        np.testing.assert_allclose(
            row_gradient(x, y, rows, exact=True)(THETA, k),
            to_theta(*sse_gradient(THETA[:-1], THETA[-1], x[i], y[i])),
            rtol=1e-13,
            atol=1e-14,
        )


@pytest.mark.parametrize("method", ["forward", "central"])
def test_full_batch_gradient_is_numeric_gradient_of_the_mse(data, method):
    x, y = data
    lesson = to_theta(
        *numeric_gradient(lambda w, b: mse(w, b, x, y), THETA[:-1], THETA[-1], method=method)
    )
    np.testing.assert_allclose(
        full_batch_gradient(x, y, method)(THETA, 0), lesson, rtol=1e-9, atol=1e-11
    )


def test_full_batch_exact_gradient_and_the_forward_bias(data):
    """Standardized data: every second derivative of the MSE is 2, so forward = exact + eps."""
    x, y = data
    exact = full_batch_gradient(x, y, "exact")(THETA, 0)
    np.testing.assert_allclose(
        exact, to_theta(*mse_gradient(THETA[:-1], THETA[-1], x, y)), rtol=1e-12, atol=1e-14
    )
    np.testing.assert_allclose(full_batch_gradient(x, y)(THETA, 0) - exact, 1e-3, rtol=1e-6)


def test_differences_of_a_quadratic_by_hand():
    """f(θ) = θ0² + 3θ1 at (2, -1), eps 0.5: forward gives (2θ0 + eps, 3), central (2θ0, 3)."""
    theta = np.array([2.0, -1.0])
    for method, expected in (("forward", [4.5, 3.0]), ("central", [4.0, 3.0])):
        points = theta + difference_offsets(2, 0.5, method)
        values = points[:, 0] ** 2 + 3 * points[:, 1]
        np.testing.assert_allclose(differences(values, 0.5, method), expected)


def test_unknown_method_is_a_clear_error(data):
    with pytest.raises(ValueError, match="'forward', 'central' or 'exact'"):
        full_batch_gradient(*data, method="backward")


def test_shuffled_batches_cover_each_epoch_once_and_repeat_with_the_seed():
    batches = shuffled_batches(10, 3, 7)
    assert batches.shape == (7, 3)
    for epoch in (batches[:3], batches[3:6]):
        assert len(set(epoch.ravel())) == 9  # 3 batches of distinct rows, the 10th row dropped
    assert np.array_equal(batches, shuffled_batches(10, 3, 7))
    assert not np.array_equal(batches, shuffled_batches(10, 3, 7, seed=1))
    full = shuffled_batches(10, 10, 2)
    assert all(sorted(b) == list(range(10)) for b in full)  # B = N: every step sees every row


@pytest.mark.parametrize("size", [0, 11, -1])
def test_shuffled_batches_refuse_an_impossible_batch_size(size):
    with pytest.raises(ValueError, match="batch_size must be 1 to 10"):
        shuffled_batches(10, size, 3)


def test_batch_gradient_is_the_mse_gradient_of_the_batchs_rows(data):
    x, y = data
    batches = shuffled_batches(len(x), 16, 3)
    gradient = batch_gradient(x, y, batches)
    for k, rows in enumerate(batches):
        expected = to_theta(*mse_gradient(THETA[:-1], THETA[-1], x[rows], y[rows]))
        np.testing.assert_allclose(gradient(THETA, k), expected, rtol=1e-12)


def test_every_gradient_takes_a_stack_one_gradient_per_parameter_vector(data):
    """A sweep runs K settings side by side: row k of the result is the gradient at row k."""
    x, y = data
    thetas = np.random.default_rng(5).normal(size=(3, 6))
    rows = np.array([11, 900])
    slice_ = airfoil_slice(x, y)
    points = thetas[:, :2]
    for gradient, stack in [
        (row_gradient(x, y, rows), thetas),
        (row_gradient(x, y, rows, exact=True), thetas),
        (batch_gradient(x, y, shuffled_batches(len(x), 8, 2)), thetas),
        (full_batch_gradient(x, y), thetas),
        (full_batch_gradient(x, y, "central"), thetas),
        (full_batch_gradient(x, y, "exact"), thetas),
        (slice_.gradient(rows), points),
        (slice_.gradient(), points),
    ]:
        for k in range(2):
            together = gradient(stack, k)
            assert together.shape == stack.shape
            np.testing.assert_allclose(
                together, [gradient(one, k) for one in stack], rtol=1e-12, atol=1e-12
            )


def test_each_stacked_run_may_have_rows_of_its_own(data):
    """rows (steps, K): run j at step k uses row rows[k, j], as its own row_gradient would."""
    x, y = data
    rows = np.stack([sampled_rows(len(x), 20, seed) for seed in range(3)], axis=1)  # (20, 3)
    thetas = np.random.default_rng(0).normal(size=(3, x.shape[1] + 1))
    stacked = row_gradient(x, y, rows, exact=True)
    for j in range(3):
        alone = row_gradient(x, y, rows[:, j], exact=True)
        for k in (0, 7, 19):
            np.testing.assert_allclose(stacked(thetas, k)[j], alone(thetas[j], k), rtol=1e-13)
    with pytest.raises(ValueError, match="exact=True"):
        row_gradient(x, y, rows)
