"""course_lib.model against the original notebooks' numbers and against closed forms."""

import numpy as np
import pytest
from support import golden

from course_lib import (
    design_matrix,
    least_squares,
    least_squares_gradient,
    least_squares_in_box,
    mse,
    mse_gradient,
    numeric_gradient,
    predict,
    ridge,
    sse,
    sse_gradient,
)

START_W, START_B = np.ones(5), 0.0


def test_data_shapes_and_standardization(data):
    x, y = data
    assert x.shape == (1503, 5) and y.shape == (1503,)
    assert x.dtype == y.dtype == np.float64
    table = np.column_stack([x, y])
    np.testing.assert_allclose(table.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(table.std(axis=0), 1, rtol=1e-12)


def test_golden_start_values(data):
    x, y = data
    assert predict(START_W, START_B, x[0]) == pytest.approx(golden.PREDICT_X0, rel=1e-13)
    assert mse(START_W, START_B, x, y) == pytest.approx(golden.MSE_START, rel=1e-13)
    assert sse(START_W, START_B, x, y) == pytest.approx(golden.SSE_START, rel=1e-13)
    assert sse(START_W, START_B, x[0], y[0]) == pytest.approx(golden.ROW0_LOSS, rel=1e-13)


def test_scalar_results_are_plain_floats(data):
    """Plain floats print the same under NumPy 1 and 2 (no ``np.float64(...)``)."""
    x, y = data
    for value in (
        predict(START_W, START_B, x[0]),
        mse(START_W, START_B, x, y),
        sse(START_W, START_B, x[0], y[0]),
    ):
        assert type(value) is float


def test_predict_rows_match_row_by_row(data):
    x, _ = data
    w = np.linspace(-1, 2, 5)
    np.testing.assert_allclose(predict(w, 0.3, x[:7]), [w @ row + 0.3 for row in x[:7]], rtol=1e-14)


def test_mse_is_sse_over_n(data):
    x, y = data
    assert mse(START_W, START_B, x, y) == pytest.approx(
        sse(START_W, START_B, x, y) / len(x), rel=1e-14
    )


def test_first_gd_gradient_matches_the_original(data):
    x, y = data
    grad_w, grad_b = numeric_gradient(lambda w, b: mse(w, b, x, y), START_W, START_B)
    np.testing.assert_allclose(grad_w, golden.GD_FIRST_GRADIENT_W, atol=5e-9)
    # forward differences at eps 1e-3 lose digits to cancellation: ~1e-8 is all that is left
    assert grad_b == pytest.approx(golden.GD_FIRST_GRADIENT_B, abs=1e-8)


def test_row_gradient_matches_the_stochastic_originals(data):
    x, y = data
    grad_w, grad_b = numeric_gradient(lambda w, b: sse(w, b, x[0], y[0]), START_W, START_B)
    np.testing.assert_allclose(grad_w, golden.ROW0_GRADIENT_W, atol=5e-9)
    assert grad_b == pytest.approx(golden.ROW0_GRADIENT_B, rel=1e-9)


def test_numeric_gradient_does_not_change_its_arguments(data):
    x, y = data
    w = START_W.copy()
    numeric_gradient(lambda w_, b_: mse(w_, b_, x, y), w, START_B)
    numeric_gradient(lambda w_, b_: mse(w_, b_, x, y), w, START_B, method="central")
    np.testing.assert_array_equal(w, START_W)


def test_numeric_gradient_rejects_unknown_method():
    with pytest.raises(ValueError, match="forward.*central"):
        numeric_gradient(lambda w, b: 0.0, START_W, START_B, method="backward")


def test_500_gd_steps_reproduce_the_original_losses(data):
    x, y = data
    w, b = START_W.copy(), START_B
    printed = {}
    for i in range(500):
        grad_w, grad_b = numeric_gradient(lambda w_, b_: mse(w_, b_, x, y), w, b)
        w, b = w - grad_w * 1e-2, b - grad_b * 1e-2
        if i % 50 == 0:
            printed[i] = mse(w, b, x, y)
    assert printed.keys() == golden.GD_LOSSES.keys()
    for step, loss in golden.GD_LOSSES.items():
        assert printed[step] == pytest.approx(loss, rel=1e-9), step


def test_least_squares_solves_the_normal_equations_and_gives_the_known_optimum(data):
    """AᵀA θ = Aᵀy, solved here independently of least_squares' lstsq."""
    x, y = data
    w, b = least_squares(x, y)
    design = np.column_stack([x, np.ones(len(x))])
    theta = np.linalg.solve(design.T @ design, design.T @ y)
    np.testing.assert_allclose(np.append(w, b), theta, rtol=1e-10, atol=1e-12)
    assert mse(w, b, x, y) == pytest.approx(golden.OPTIMUM_MSE, abs=1e-10)
    assert sse(w, b, x, y) == pytest.approx(golden.OPTIMUM_SSE, abs=1e-9)


def test_least_squares_is_a_stationary_point(data):
    x, y = data
    w, b = least_squares(x, y)
    grad_w, grad_b = mse_gradient(w, b, x, y)
    np.testing.assert_allclose(grad_w, 0, atol=1e-12)
    assert grad_b == pytest.approx(0, abs=1e-12)
    # and no nearby point is lower
    rng = np.random.default_rng(0)
    for _ in range(5):
        dw = rng.normal(scale=1e-3, size=5)
        assert mse(w + dw, b, x, y) > mse(w, b, x, y)


def test_exact_gradient_closed_form_on_a_tiny_problem():
    x = np.array([[1.0, 2.0], [3.0, -1.0]])
    y = np.array([1.0, 0.0])
    w, b = np.array([0.5, -0.5]), 1.0
    # residuals: (0.5 - 1 + 1) - 1 = -0.5 and (1.5 + 0.5 + 1) - 0 = 3
    grad_w, grad_b = sse_gradient(w, b, x, y)
    np.testing.assert_allclose(grad_w, [2 * (-0.5 * 1 + 3 * 3), 2 * (-0.5 * 2 + 3 * -1)])
    assert grad_b == pytest.approx(2 * 2.5)
    grad_w_mean, grad_b_mean = mse_gradient(w, b, x, y)
    np.testing.assert_allclose(grad_w_mean, grad_w / 2)
    assert grad_b_mean == pytest.approx(grad_b / 2)
    # one row: the gradient of that row's loss
    row_w, row_b = sse_gradient(w, b, x[1], y[1])
    np.testing.assert_allclose(row_w, [2 * 3 * 3, 2 * 3 * -1])
    assert row_b == pytest.approx(6.0)


def test_the_design_matrix_and_the_one_exact_gradient_on_the_tiny_problem():
    """A = [x, 1]; least_squares_gradient is 2/B Aᵀ(Aθ - y): the MSE gradient of the rows given,
    for one theta or a stack of them."""
    x = np.array([[1.0, 2.0], [3.0, -1.0]])
    y = np.array([1.0, 0.0])
    design = design_matrix(x)
    np.testing.assert_array_equal(design, [[1.0, 2.0, 1.0], [3.0, -1.0, 1.0]])
    theta = np.array([0.5, -0.5, 1.0])
    # residuals -0.5 and 3, as above: 2/2 * (-0.5 [1, 2, 1] + 3 [3, -1, 1])
    np.testing.assert_allclose(least_squares_gradient(theta, design, y), [8.5, -4.0, 2.5])
    np.testing.assert_allclose(least_squares_gradient(theta, design[1:], y[1:]), [18.0, -6.0, 6.0])
    stack = np.array([theta, np.zeros(3)])
    np.testing.assert_allclose(
        least_squares_gradient(stack, design, y), [[8.5, -4.0, 2.5], [-1.0, -2.0, -1.0]]
    )


def test_the_exact_gradient_is_mse_gradient_on_the_data(data):
    x, y = data
    theta = np.array([0.4, -1.2, 0.7, 2.0, -0.3, 0.25])
    grad_w, grad_b = mse_gradient(theta[:-1], theta[-1], x, y)
    np.testing.assert_allclose(
        least_squares_gradient(theta, design_matrix(x), y), np.append(grad_w, grad_b), rtol=1e-12
    )


@pytest.mark.parametrize("eps", [1e-2, 1e-3])
def test_forward_difference_bias_is_eps_and_central_removes_it(data, eps):
    """For the MSE of standardized data the second derivative is 2 along every parameter.

    So the forward difference exceeds the exact gradient by eps * 2 / 2 = eps, exactly.
    """
    x, y = data
    rng = np.random.default_rng(1)
    w, b = rng.normal(size=5), float(rng.normal())
    loss = lambda w_, b_: mse(w_, b_, x, y)  # noqa: E731
    exact_w, exact_b = mse_gradient(w, b, x, y)
    forward_w, forward_b = numeric_gradient(loss, w, b, eps=eps)
    central_w, central_b = numeric_gradient(loss, w, b, eps=eps, method="central")
    np.testing.assert_allclose(forward_w - exact_w, eps, rtol=1e-6)
    assert forward_b - exact_b == pytest.approx(eps, rel=1e-6)
    np.testing.assert_allclose(central_w, exact_w, atol=1e-9)
    assert central_b == pytest.approx(exact_b, abs=1e-9)


def test_forward_bias_follows_the_second_derivative_of_a_row_loss(data):
    """For one row's squared error the second derivative along w_j is 2 x_j**2."""
    x, y = data
    w, b, eps = np.full(5, 0.3), 0.1, 1e-3
    exact_w, exact_b = sse_gradient(w, b, x[5], y[5])
    forward_w, forward_b = numeric_gradient(lambda w_, b_: sse(w_, b_, x[5], y[5]), w, b, eps)
    np.testing.assert_allclose(forward_w - exact_w, eps * x[5] ** 2, rtol=1e-5, atol=1e-11)
    assert forward_b - exact_b == pytest.approx(eps, rel=1e-5)


def test_mse_hessian_is_the_second_derivative(data):
    """Central differences of the exact gradient give the Hessian; standardized: diagonal 2."""
    from course_lib import mse_hessian

    x, y = data
    hessian = mse_hessian(x)
    np.testing.assert_allclose(np.diag(hessian), 2.0, rtol=1e-12)
    theta, eps = np.append(np.full(5, 0.3), 0.1), 1e-4
    for j in range(6):
        step = eps * np.eye(6)[j]
        plus = np.append(*mse_gradient((theta + step)[:-1], (theta + step)[-1], x, y))
        minus = np.append(*mse_gradient((theta - step)[:-1], (theta - step)[-1], x, y))
        np.testing.assert_allclose((plus - minus) / (2 * eps), hessian[:, j], atol=1e-9)


def test_numeric_gradient_is_the_forward_difference_loop_written_out(data):
    """The seed's get_gradient: shift one parameter by eps, difference of two losses, over eps."""
    x, y = data
    w, b, eps = np.linspace(-1, 1, 5), 0.2, 1e-3
    f0 = mse(w, b, x, y)
    expected = [(mse(w + eps * np.eye(5)[j], b, x, y) - f0) / eps for j in range(5)]
    grad_w, grad_b = numeric_gradient(lambda w_, b_: mse(w_, b_, x, y), w, b)
    np.testing.assert_array_equal(grad_w, expected)
    assert grad_b == (mse(w, b + eps, x, y) - f0) / eps


def test_ridge_zeroes_the_penalised_gradient_and_shrinks_toward_zero(data):
    x, y = data
    for penalty in (0.1, 2.0):
        theta = ridge(x, y, penalty)
        gradient = least_squares_gradient(theta, design_matrix(x), y) + penalty * theta
        assert np.abs(gradient).max() < 1e-12
    assert np.linalg.norm(ridge(x, y, 2.0)) < np.linalg.norm(ridge(x, y, 0.1))
    np.testing.assert_allclose(ridge(x, y, 0.0), np.append(*least_squares(x, y)), atol=1e-12)


@pytest.mark.parametrize("radius", [0.05, 0.3, 0.5, 10.0])
def test_least_squares_in_the_box_meets_the_kkt_conditions(data, radius):
    """Inside the box the gradient is 0; on its edge it points outward (-sign(theta) g >= 0)."""
    x, y = data
    theta = least_squares_in_box(x, y, radius)
    g = least_squares_gradient(theta, design_matrix(x), y)
    assert np.abs(theta).max() <= radius
    edge = np.isclose(np.abs(theta), radius, rtol=0, atol=1e-12)
    assert np.abs(g[~edge]).max() < 1e-10
    assert np.all(-np.sign(theta[edge]) * g[edge] >= -1e-12)
    if radius == 10.0:  # the box holds the unconstrained optimum
        np.testing.assert_allclose(theta, np.append(*least_squares(x, y)), atol=1e-10)
