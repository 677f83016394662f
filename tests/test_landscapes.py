"""course_lib.landscapes: the bowl and the airfoil slice are what they claim to be."""

import numpy as np

from course_lib.landscapes import (
    BOWL_START,
    airfoil_slice,
    bowl,
    bowl_gradient,
    noisy_bowl_gradient,
)
from course_lib.model import mse, mse_gradient, sse_gradient


def test_bowl_gradient_is_the_derivative_of_the_bowl():
    point, eps = np.array([1.3, -0.7]), 1e-6
    central = [(bowl(*(point + eps * e)) - bowl(*(point - eps * e))) / (2 * eps) for e in np.eye(2)]
    np.testing.assert_allclose(bowl_gradient(point), central, rtol=1e-8)
    np.testing.assert_allclose(bowl_gradient(np.array([1.0, 1.0])), [0.2, 4.0])


def test_noisy_bowl_gradient_is_exact_plus_seeded_noise():
    noise = np.random.default_rng(0).normal(size=(5, 2))
    gradient = noisy_bowl_gradient(5)
    for k in range(5):
        np.testing.assert_array_equal(
            gradient(np.array(BOWL_START), k), bowl_gradient(np.array(BOWL_START)) + noise[k]
        )


def whole(slice_, point):
    """The whole parameter vector at a point of the slice: the optimum, w2 and w5 replaced."""
    theta = slice_.best.copy()
    theta[[1, 4]] = point
    return theta


def test_slice_surface_is_the_mse_of_the_whole_parameter_vector(data):
    x, y = data
    slice_ = airfoil_slice(x, y)
    assert slice_.pair == (1, 4)
    for point in ([1.0, -0.3], [0.2, 0.5], [-0.9, 1.4]):
        theta = whole(slice_, point)
        np.testing.assert_allclose(
            slice_.surface(*point), mse(theta[:-1], theta[-1], x, y), rtol=1e-12
        )


def test_slice_gradient_is_the_mse_or_row_gradient_along_the_two_weights(data):
    x, y = data
    slice_ = airfoil_slice(x, y)
    point = np.array([0.3, -0.8])
    theta = whole(slice_, point)
    full = mse_gradient(theta[:-1], theta[-1], x, y)[0]
    np.testing.assert_allclose(slice_.gradient()(point, 0), full[[1, 4]], rtol=1e-12)
    rows = np.array([7, 42])
    row = sse_gradient(theta[:-1], theta[-1], x[42], y[42])[0]
    np.testing.assert_allclose(slice_.gradient(rows)(point, 1), row[[1, 4]], rtol=1e-12)
