"""The explorer's callbacks at the ends of every slider: finite pictures or a clear message."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course_lib.explorer import (DECAY_RANGE, LOSS_CAP, LR_EXPONENTS, STEP_RANGE,  # noqa: E402
                                 explore_run, explorer, explorer_figure, hyperparameter_names)
from course_lib.training import LESSON_SETTINGS  # noqa: E402

NAMES = [s.name for s in LESSON_SETTINGS]


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def extreme_positions(name):
    """Every slider at its minimum and its maximum (one at a time), and a single step."""
    positions = [{"steps": STEP_RANGE[0]}]
    for key in hyperparameter_names(name):
        if key == "lr":
            positions += [{"lr": 10 ** LR_EXPONENTS[0]}, {"lr": 10 ** LR_EXPONENTS[1]}]
        else:
            positions += [{key: DECAY_RANGE[0]}, {key: DECAY_RANGE[1]}]
    return positions


@pytest.mark.parametrize("name", NAMES)
def test_extreme_slider_values_give_finite_pictures_or_a_divergence_message(data, name):
    x, y = data
    for position in extreme_positions(name):
        run = explore_run(name, x, y, **position)
        assert np.all(np.isfinite(run.curve)) and run.curve.max() <= LOSS_CAP, position
        if run.diverged_at is None:
            assert "final MSE" in run.message
        else:
            assert "diverged at step" in run.message and "lower the learning rate" in run.message


def test_a_huge_learning_rate_is_reported_as_divergence(data):
    x, y = data
    run = explore_run("SGD", x, y, lr=1.0)
    assert run.diverged_at is not None and run.diverged_at < 10
    assert run.curve[-1] == LOSS_CAP


def test_lesson_defaults_reproduce_the_lesson_run(data):
    """With no slider moved the explorer shows exactly the lesson's curve."""
    x, y = data
    from course_lib.training import lesson_setting, mse_curve, run_lesson
    run = explore_run("Momentum", x, y)
    np.testing.assert_array_equal(run.curve, mse_curve(run_lesson(lesson_setting("Momentum"),
                                                                  x, y), x, y))


def test_the_lr_slider_also_scales_the_bowl(data):
    x, y = data
    slow = explore_run("GD", x, y, lr=1e-3, steps=5)
    fast = explore_run("GD", x, y, lr=1e-2, steps=5)
    assert not np.allclose(slow.path, fast.path)


def test_zero_steps_is_a_clear_error(data):
    x, y = data
    with pytest.raises(ValueError, match="at least 1"):
        explore_run("Adam", x, y, steps=0)


@pytest.mark.parametrize("name", NAMES)
def test_figure_has_two_panels_with_labels(data, name):
    x, y = data
    fig = explorer_figure(name, x, y, steps=20)
    left, right = fig.axes
    assert left.get_yscale() == "log" and left.get_xlabel() == "step"
    assert name in left.get_title() and name in right.get_title()


@pytest.mark.parametrize("name, sliders", [
    ("GD", ["lr", "steps"]), ("Momentum", ["lr", "beta", "steps"]),
    ("AdaDelta", ["rho", "steps"]), ("Adam", ["lr", "beta1", "beta2", "steps"]),
])
def test_widget_wires_one_slider_per_hyperparameter(data, name, sliders):
    x, y = data
    widget = explorer(name, x, y)
    controls = [child for child in widget.children if hasattr(child, "description")
                and child.description]
    assert [c.description for c in controls] == sliders
    lr = next((c for c in controls if c.description == "lr"), None)
    if lr is not None:
        assert lr.__class__.__name__ == "FloatLogSlider"


@pytest.mark.parametrize("name", ["GD", "Momentum", "AdaDelta", "Adam"])
def test_widget_callback_at_every_slider_end_raises_nothing(data, name, caplog):
    """ipywidgets only logs an exception raised in a callback: make sure none is."""
    x, y = data
    widget = explorer(name, x, y)
    sliders = [c for c in widget.children if hasattr(c, "min") and hasattr(c, "max")]
    for slider in sliders:
        default = slider.value
        for end in (slider.min, slider.max):
            slider.value = 10 ** end if slider.__class__.__name__ == "FloatLogSlider" else end
            if slider.description == "steps" and end == slider.max:
                continue  # the full 5500 steps are covered by the lesson runs
            widget.update()
            plt.close("all")
        slider.value = default
    assert not [r for r in caplog.records if "Exception" in r.getMessage()]
