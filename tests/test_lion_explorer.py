"""Lesson 12's Lion explorer: its run is Lion on the exact gradient, its target the box's optimum,
its picture fits its canvas, and every slider position redraws."""

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from support.figures import MIN_TEXT_PX, fits_canvas, panels_overlap, smallest_text_px

from course_lib.gradients import full_batch_gradient, start_theta
from course_lib.model import least_squares, least_squares_in_box
from course_lib.optimizers import Lion, trajectory
from course_lib.widgets.lion import DECAYS, LR_EXPONENTS, lion_explorer, lion_figure, lion_run


def test_the_run_is_lion_on_the_exact_gradient_and_the_target_its_box(data):
    x, y = data
    path, target = lion_run(x, y, 1e-3, 2.0, steps=300)
    expected = trajectory(
        Lion(lr=1e-3, weight_decay=2.0), full_batch_gradient(x, y, "exact"), start_theta(5), 300
    )
    np.testing.assert_array_equal(path, expected)
    np.testing.assert_allclose(target, least_squares_in_box(x, y, 0.5))


def test_without_decay_the_target_is_the_unconstrained_optimum(data):
    x, y = data
    _, target = lion_run(x, y, 1e-3, 0.0, steps=10)
    np.testing.assert_allclose(target, np.append(*least_squares(x, y)), atol=1e-10)


def test_every_slider_position_keeps_lr_times_decay_at_most_one():
    """The box argument needs lr * lambda <= 1: true at the sliders' far corner."""
    assert 10 ** LR_EXPONENTS[1] * DECAYS[1] <= 1


@pytest.mark.parametrize(("lr", "decay"), [(1e-4, 0.0), (1e-3, 2.0), (0.1, 4.0), (0.1, 0.0)])
def test_the_fixed_margins_fit_every_text(data, lr, decay):
    """The widget sends the whole canvas (no layout, no cropping): nothing may stick out."""
    x, y = data
    fig = lion_figure(*lion_run(x, y, lr, decay), lr, decay)
    FigureCanvasAgg(fig)
    assert fits_canvas(fig)
    assert not panels_overlap(fig)
    assert smallest_text_px(fig, tight=False) >= MIN_TEXT_PX


def test_moving_either_slider_redraws_with_the_run_it_names(data):
    x, y = data
    widget = lion_explorer(x, y)
    lr, decay = widget.children[0].children
    label, image = widget.children[1], widget.children[2]
    first = image.value
    decay.value = 0.0
    assert "weight_decay=0" in label.value and image.value != first
    lr.value = 10 ** LR_EXPONENTS[1]
    assert "Lion(lr=0.1" in label.value
