"""Lesson 10's closed forms against runs of the course's optimizer classes."""

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from support.figures import MIN_TEXT_PX, fits_canvas, panels_overlap, smallest_text_px

from course_lib.curves import LOSS_CAP
from course_lib.geometry import (
    convergence_factor,
    eigen_coordinates,
    heavy_ball_matrix,
    nesterov_matrix,
    optimal_gd,
    optimal_heavy_ball,
    optimal_nesterov,
)
from course_lib.gradients import full_batch_gradient, start_theta, to_theta
from course_lib.model import least_squares, mse_hessian
from course_lib.optimizers import SGD, Momentum, trajectory
from course_lib.widgets.geometry import geometry_figure, momentum_gaps


@pytest.fixture(scope="module")
def problem(data):
    x, y = data
    H = mse_hessian(x)
    lam, Q = np.linalg.eigh(H)
    return x, y, H, lam, Q, to_theta(*least_squares(x, y))


def test_without_momentum_the_factor_is_one_minus_lr_lambda():
    for lr in [0.1, 0.438, 0.6]:
        for lam in [0.35, 2.0, 4.2]:
            assert convergence_factor(lr, 0.0, lam) == pytest.approx(abs(1 - lr * lam), abs=1e-12)


@pytest.mark.parametrize(
    ("lr", "beta", "lam"), [(0.572, 0.306, 0.349), (0.5, 0.8, 4.2), (0.3, 0.1, 1.0)]
)
def test_the_factor_is_the_measured_long_run_shrinking_of_a_momentum_run(lr, beta, lam):
    """Run Momentum on f(c) = lam c^2 / 2 (gradient lam c): the error shrinks by the factor."""
    optimizer, theta = Momentum(lr=lr, beta=beta), np.array([1.0])
    sizes = []
    for _ in range(400):
        theta = optimizer.step(theta, lam * theta)
        sizes.append(np.hypot(theta[0], optimizer.m[0]))
    measured = (sizes[-1] / sizes[199]) ** (1 / 200)
    assert measured == pytest.approx(convergence_factor(lr, beta, lam), rel=2e-2)


def test_the_matrix_is_one_momentum_step_along_an_eigen_direction():
    lr, beta, lam = 0.4, 0.5, 1.7
    optimizer, theta = Momentum(lr=lr, beta=beta), np.array([0.8])
    optimizer.m = np.array([0.3])
    expected = heavy_ball_matrix(lr, beta, lam) @ np.array([0.3, 0.8])
    theta = optimizer.step(theta, lam * theta)
    assert np.allclose([optimizer.m[0], theta[0]], expected, rtol=0, atol=1e-15)


def test_stable_exactly_below_two_one_plus_beta(problem):
    lam_max = problem[3][-1]
    for beta in [0.0, 0.3, 0.9]:
        limit = 2 * (1 + beta) / lam_max
        assert convergence_factor(limit * 0.999, beta, lam_max) < 1
        assert convergence_factor(limit * 1.001, beta, lam_max) > 1


def test_optimal_settings_equalise_the_extreme_directions(problem):
    lam = problem[3]
    lr, rate = optimal_gd(lam[0], lam[-1])
    assert abs(1 - lr * lam[0]) == pytest.approx(rate) == pytest.approx(abs(1 - lr * lam[-1]))
    lr, beta, factor = optimal_heavy_ball(lam[0], lam[-1])
    assert (lr, beta) == pytest.approx((0.572, 0.306), abs=5e-4)
    assert factor == pytest.approx(np.sqrt(beta))
    for value in lam:
        assert convergence_factor(lr, beta, value) == pytest.approx(factor, rel=1e-6)
    # nearby settings are worse in the worst direction
    for d_lr, d_beta in [(0.02, 0), (-0.02, 0), (0, 0.02), (0, -0.02)]:
        worst = max(convergence_factor(lr + d_lr, beta + d_beta, v) for v in lam)
        assert worst > factor


def test_gd_moves_each_eigen_coordinate_by_its_own_factor(problem):
    x, y, _, lam, Q, best = problem
    lr = optimal_gd(lam[0], lam[-1])[0]
    thetas = trajectory(SGD(lr=lr), full_batch_gradient(x, y, "exact"), start_theta(x.shape[1]), 30)
    coords = eigen_coordinates(thetas, best, Q)
    assert np.allclose(coords, coords[0] * (1 - lr * lam) ** np.arange(31)[:, None], atol=1e-13)


def test_explorer_gaps_equal_a_momentum_run_written_out(problem):
    """The explorer's 100 steps, against m <- beta m + H e, e <- e - lr m on the error itself."""
    x, y, H, _, _, best = problem
    error, m, expected = start_theta(x.shape[1]) - best, 0.0, []
    for _ in range(101):
        expected.append(0.5 * error @ H @ error)
        m = 0.4 * m + H @ error
        error = error - 0.5 * m
    assert np.allclose(momentum_gaps(x, y, 0.5, 0.4), expected[:101], rtol=1e-9, atol=1e-15)


def test_explorer_marks_divergence_exactly_when_the_run_diverges(problem):
    x, y, H, lam, _, best = problem
    for lr, beta, diverges in [(0.57, 0.31, False), (1.0, 0.0, True), (1.2, 0.3, True)]:
        assert (max(convergence_factor(lr, beta, v) for v in lam) > 1) == diverges
        gaps = momentum_gaps(x, y, lr, beta)
        assert (len(gaps) < 101) == diverges and np.all(gaps[:-1] <= LOSS_CAP)
        fig = geometry_figure(x, y, lr, beta)
        texts = [t.get_text() for t in fig.axes[1].texts]
        assert any("diverged" in t for t in texts) == diverges


@pytest.mark.parametrize(("lr", "beta"), [(0.57, 0.31), (1.4, 0.0), (0.01, 0.95), (1.4, 0.95)])
def test_the_fixed_margins_fit_every_text(problem, lr, beta):
    """The widget sends the whole canvas (no layout, no cropping): nothing may stick out."""
    x, y, *_ = problem
    fig = geometry_figure(x, y, lr, beta)
    FigureCanvasAgg(fig)
    assert fits_canvas(fig)
    assert not panels_overlap(fig)
    assert smallest_text_px(fig, tight=False) >= MIN_TEXT_PX


# --- Nesterov (lesson 12) --------------------------------------------------------------------


def test_the_nesterov_matrix_is_one_nesterov_step_along_an_eigen_direction():
    lr, beta, lam = 0.4, 0.5, 1.7
    optimizer, theta = Momentum(lr=lr, beta=beta, nesterov=True), np.array([0.8])
    optimizer.m = np.array([0.3])
    expected = nesterov_matrix(lr, beta, lam) @ np.array([0.3, 0.8])
    theta = optimizer.step(theta, lam * theta)
    assert np.allclose([optimizer.m[0], theta[0]], expected, rtol=0, atol=1e-15)


@pytest.mark.parametrize("beta", [0.0, 0.3, 0.6, 0.9])
def test_nesterov_is_stable_exactly_below_two_one_plus_beta_over_one_plus_two_beta(beta):
    limit = 2 * (1 + beta) / (1 + 2 * beta)
    for lr_lam in np.linspace(0.01, 2.5, 250):
        stable = convergence_factor(lr_lam, beta, 1.0, nesterov=True) < 1
        if abs(lr_lam - limit) > 1e-9:
            assert stable == (lr_lam < limit), (beta, lr_lam)


def test_nesterovs_optimal_setting_equalises_the_extremes_and_beats_a_grid(problem):
    lam = problem[3]
    lr, beta, factor = optimal_nesterov(lam[0], lam[-1])
    extremes = [convergence_factor(lr, beta, lam_i, nesterov=True) for lam_i in lam[[0, -1]]]
    np.testing.assert_allclose(extremes, factor, rtol=1e-6)
    worst = [
        max(convergence_factor(a, b, lam_i, nesterov=True) for lam_i in lam)
        for a in np.linspace(0.2, 0.4, 41)
        for b in np.linspace(0.3, 0.7, 41)
    ]
    assert min(worst) >= factor - 1e-9
    # and heavy ball's optimum is faster still on this quadratic
    assert optimal_heavy_ball(lam[0], lam[-1])[2] < factor
