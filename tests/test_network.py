"""Lesson 11's network: backpropagation against finite differences, stacks against single
vectors, and the symmetries that make its loss non-convex."""

import numpy as np
import pytest
from support.lessons import swap_units

from course_lib.gradients import shuffled_batches
from course_lib.model import numeric_gradient
from course_lib.network import (
    HIDDEN,
    join_hidden,
    network_loss_and_gradient,
    network_mse,
    network_predict,
    network_size,
    network_start,
    split_hidden,
    unpack,
)


@pytest.fixture(scope="module")
def start(data):
    x, _ = data
    return network_start(x.shape[1])


def central_gradient(params, x, y, eps=1e-6):
    """Every parameter nudged both ways: (L(p + eps e_j) - L(p - eps e_j)) / 2eps."""
    w, b = numeric_gradient(
        lambda w, b: float(network_mse(np.append(w, b), x, y)),
        params[:-1],
        params[-1],
        eps,
        "central",
    )
    return np.append(w, b)


def test_the_network_has_57_parameters_for_8_units_on_5_features(start):
    assert network_size(5) == 57 == len(start)
    W, c, v, d = unpack(start, 5)
    assert W.shape == (HIDDEN, 5) and c.shape == v.shape == (HIDDEN,) and np.ndim(d) == 0


def test_the_start_is_seeded_and_biases_start_at_zero(start):
    assert np.array_equal(start, network_start(5))
    assert not np.array_equal(start, network_start(5, seed=1))
    _, c, _, d = unpack(start, 5)
    assert not c.any() and d == 0


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_backpropagation_equals_central_differences(data, seed):
    x, y = data
    params = network_start(x.shape[1], seed=seed)
    params[-9:] += 0.3  # biases away from 0, so every term of the gradient is exercised
    loss, grad = network_loss_and_gradient(params, x, y)
    assert loss == pytest.approx(float(network_mse(params, x, y)), abs=1e-15)
    assert np.abs(grad - central_gradient(params, x, y)).max() < 1e-8 * np.abs(grad).max() + 1e-9


def test_a_minibatch_gradient_is_the_gradient_of_that_batch_alone(data, start):
    x, y = data
    rows = np.arange(10, 42)
    _, grad = network_loss_and_gradient(start, x[rows], y[rows])
    assert np.abs(grad - central_gradient(start, x[rows], y[rows])).max() < 1e-8


def test_a_stack_gives_each_vector_its_own_result(data):
    x, y = data
    stack = np.array([network_start(5, seed=s) for s in range(4)])
    losses, grads = network_loss_and_gradient(stack, x, y)
    assert losses.shape == (4,) and grads.shape == stack.shape
    assert network_predict(stack, x).shape == (4, len(x))
    for params, loss, grad in zip(stack, losses, grads, strict=True):
        one_loss, one_grad = network_loss_and_gradient(params, x, y)
        assert loss == pytest.approx(one_loss, abs=1e-14)
        assert np.abs(grad - one_grad).max() < 1e-14


def test_the_output_is_v_dot_tanh_plus_d(data, start):
    x, _ = data
    W, c, v, d = unpack(start, 5)
    assert np.allclose(
        network_predict(start, x[:3]), np.tanh(x[:3] @ W.T + c) @ v + d, rtol=0, atol=1e-15
    )


def test_swapping_or_flipping_units_gives_the_same_network(data):
    """Why the loss has many equally good points (lesson 11: 8! * 2**8 of each)."""
    x, y = data
    params = network_start(5, seed=3)
    params[40:48] = np.linspace(-1, 1, 8)  # distinct unit biases
    twin = swap_units(params, 0, 1, 5)
    flipped = params.copy()
    W, c, v, _ = unpack(flipped, 5)
    W[2] *= -1
    c[2] *= -1
    v[2] *= -1
    base = float(network_mse(params, x, y))
    assert not np.array_equal(twin, params) and not np.array_equal(flipped, params)
    assert float(network_mse(twin, x, y)) == pytest.approx(base, abs=1e-14)
    assert float(network_mse(flipped, x, y)) == pytest.approx(base, abs=1e-14)


def test_wrong_parameter_counts_are_named_with_the_fix(data):
    x, y = data
    with pytest.raises(ValueError, match=r"has 57 parameters, not 56.*network_start"):
        network_loss_and_gradient(np.zeros(56), x, y)


def test_the_start_draws_w_with_variance_one_fifth_and_v_one_eighth():
    """Lesson 11: W from N(0, 1/5), v from N(0, 1/8) (1000 seeds pooled)."""
    starts = np.array([network_start(5, seed=seed) for seed in range(1000)])
    W, _, v, _ = unpack(starts, 5)
    assert np.var(W) == pytest.approx(1 / 5, rel=0.03)
    assert np.var(v) == pytest.approx(1 / 8, rel=0.05)
    assert abs(np.mean(W)) < 0.01 and abs(np.mean(v)) < 0.02


def test_split_hidden_takes_the_hidden_weights_and_join_hidden_puts_them_back():
    params = network_start(5, seed=3)
    W, rest = split_hidden(params, 5)
    assert W.shape == (8, 5) and rest.shape == (17,)
    np.testing.assert_array_equal(W, unpack(params, 5)[0])
    np.testing.assert_array_equal(join_hidden(W, rest), params)
    stack = np.stack([params, 2 * params])
    W2, rest2 = split_hidden(stack, 5)
    assert W2.shape == (2, 8, 5)
    np.testing.assert_array_equal(join_hidden(W2, rest2), stack)


def test_stacked_networks_may_each_have_rows_of_their_own(data):
    """x (K, B, M), y (K, B): network k's loss and gradient on its own rows, as alone."""
    x, y = data
    stack = np.stack([network_start(5, seed=s) for s in range(3)])
    rows = np.stack([shuffled_batches(len(x), 32, 1, seed=s)[0] for s in range(3)])
    losses, grads = network_loss_and_gradient(stack, x[rows], y[rows])
    for k in range(3):
        loss, grad = network_loss_and_gradient(stack[k], x[rows[k]], y[rows[k]])
        assert losses[k] == pytest.approx(loss, rel=1e-13)
        np.testing.assert_allclose(grads[k], grad, rtol=1e-12, atol=1e-15)
