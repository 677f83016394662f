"""Lesson 13's Newton-Schulz explorer: its matrix, its pairs of singular values (the closed form
p⁵), its margins and its sliders."""

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from support.figures import MIN_TEXT_PX, fits_canvas, panels_overlap, smallest_text_px

from course_lib.optimizers import newton_schulz
from course_lib.widgets.orthogonalize import (
    MAX_STEPS,
    newton_schulz_explorer,
    newton_schulz_figure,
    quintic_power,
    singular_values_after,
    spread_matrix,
)


@pytest.mark.parametrize("spread", [1e-5, 1e-2, 1.0])
def test_the_matrix_has_the_singular_values_it_names(spread):
    s = np.linalg.svd(spread_matrix(spread), compute_uv=False)
    np.testing.assert_allclose(s, np.logspace(0, np.log10(spread), 5), rtol=1e-10)


@pytest.mark.parametrize("steps", [0, 1, 5, MAX_STEPS])
def test_each_pair_is_a_singular_value_and_its_image_under_the_quintic(steps):
    """after = p^steps(before), pair by pair; and as a set, the iteration's singular values."""
    G = spread_matrix(1e-3)
    before, after = singular_values_after(G, steps)
    np.testing.assert_allclose(after, quintic_power(before, steps), atol=1e-12)
    own = np.linalg.svd(newton_schulz(G, steps), compute_uv=False)
    np.testing.assert_allclose(np.sort(after), np.sort(own), atol=1e-12)


@pytest.mark.parametrize(("spread", "steps"), [(1e-5, 0), (1e-2, 5), (1.0, MAX_STEPS), (1e-5, 1)])
def test_the_fixed_margins_fit_every_text(spread, steps):
    fig = newton_schulz_figure(spread, steps)
    FigureCanvasAgg(fig)
    assert fits_canvas(fig)
    assert not panels_overlap(fig)
    assert smallest_text_px(fig, tight=False) >= MIN_TEXT_PX


def test_moving_either_slider_redraws_with_what_it_names():
    widget = newton_schulz_explorer()
    steps, spread = widget.children[0].children
    label, image = widget.children[1], widget.children[2]
    first = image.value
    steps.value = 1
    assert "steps=1" in label.value and image.value != first
    spread.value = 1e-4
    assert "1e-04" in label.value
