"""The explorer's callbacks at the ends of every slider: finite pictures or a clear message;
its widget: sliders above a PNG Image, no Output widget."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course_lib.explorer import (  # noqa: E402
    DECAY_RANGE,
    LOSS_CAP,
    LR_EXPONENTS,
    STEP_RANGE,
    explore_run,
    explorer,
    explorer_figure,
    figure_png,
    hyperparameter_names,
)
from course_lib.lesson_runs import LESSON_RUNS  # noqa: E402

NAMES = [run.name for run in LESSON_RUNS]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


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


@pytest.mark.parametrize("name", [n for n in NAMES if "lr" in hyperparameter_names(n)])
@pytest.mark.parametrize("exponent", [LR_EXPONENTS[0] - 1, LR_EXPONENTS[1] + 1])
def test_learning_rates_beyond_the_slider_ends_still_give_a_figure(data, name, exponent):
    x, y = data
    fig = explorer_figure(name, x, y, steps=50, lr=10**exponent)
    title = fig.axes[0].get_title()
    assert "final MSE" in title or "diverged at step" in title
    assert figure_png(fig).startswith(PNG_SIGNATURE)


@pytest.mark.parametrize("overrides", [{"beta1": 1.5}, {"beta2": 1.5}, {"beta1": -1.5}])
def test_adam_decays_beyond_the_slider_end_are_reported_as_divergence(data, overrides):
    """beta**t of a Python float raised OverflowError (after ~1750 steps for 1.5)."""
    x, y = data
    run = explore_run("Adam", x, y, steps=STEP_RANGE[1], **overrides)
    assert run.diverged_at is not None and "diverged at step" in run.message
    assert np.all(np.isfinite(run.curve))


def test_a_huge_learning_rate_is_reported_as_divergence(data):
    x, y = data
    run = explore_run("SGD", x, y, lr=1.0)
    assert run.diverged_at is not None and run.diverged_at < 10
    assert run.curve[-1] == LOSS_CAP


def test_lesson_defaults_reproduce_the_lesson_run(data):
    """With no slider moved the explorer shows exactly the lesson's curve."""
    x, y = data
    from course_lib import mse_curve, row_gradient, sampled_rows, start_theta, trajectory
    from course_lib.lesson_runs import lesson_run
    run = explore_run("Momentum", x, y)
    thetas = trajectory(lesson_run("Momentum").make(), row_gradient(x, y, sampled_rows(1503, 1500)),
                        start_theta(5), 1500)
    np.testing.assert_array_equal(run.curve, mse_curve(thetas, x, y))


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
def test_widget_wires_one_slider_per_hyperparameter_above_the_figure(data, name, sliders):
    x, y = data
    widget = explorer(name, x, y)
    *controls, image = widget.children
    assert [c.description for c in controls] == sliders
    assert all(not c.continuous_update for c in controls), "redraw on release only"
    lr = next((c for c in controls if c.description == "lr"), None)
    if lr is not None:
        assert lr.__class__.__name__ == "FloatLogSlider"
    assert image.__class__.__name__ == "Image" and bytes(image.value).startswith(PNG_SIGNATURE)


def widget_tree(widget):
    """``widget`` and every widget inside it."""
    yield widget
    for child in getattr(widget, "children", ()):
        yield from widget_tree(child)


def test_widget_has_no_output_widget_and_leaves_no_figure_open(data):
    """No Output widget: nbclient answers those on the shell socket and can hang (nbclient#312).
    The figure goes out as PNG bytes only, so the inline backend does not show it a second time."""
    x, y = data
    widget = explorer("Momentum", x, y)
    assert not [w for w in widget_tree(widget) if w.__class__.__name__ == "Output"]
    assert plt.get_fignums() == []


def test_figure_png_renders_and_closes_the_figure(data):
    x, y = data
    fig = explorer_figure("GD", x, y, steps=5)
    assert figure_png(fig).startswith(PNG_SIGNATURE)
    assert not plt.fignum_exists(fig.number)


@pytest.mark.parametrize("name", ["GD", "Momentum", "AdaDelta", "Adam"])
def test_moving_any_slider_to_either_end_redraws_and_raises_nothing(data, name):
    """A released slider redraws the figure through its observer; an exception there would only
    reach the kernel's log, so setting the value here must simply not raise."""
    x, y = data
    widget = explorer(name, x, y)
    *sliders, image = widget.children
    for slider in sliders:
        default = slider.value
        for end in (slider.min, slider.max):
            if slider.description == "steps" and end == slider.max:
                continue  # the full 5500 steps are covered by the lesson runs
            before = bytes(image.value)
            slider.value = 10 ** end if slider.__class__.__name__ == "FloatLogSlider" else end
            assert bytes(image.value).startswith(PNG_SIGNATURE)
            redrawn = bytes(image.value) != before
            assert redrawn or slider.value == default, (slider.description, end)
            assert plt.get_fignums() == []
        slider.value = default
