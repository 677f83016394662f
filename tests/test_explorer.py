"""The explorer: its run equals the lesson's optimizer on the exact gradient, its figure shows
that run, the widget's fast redraw paints what a full draw paints, a slider move shows exactly
the run at the new position; the ends of every slider give finite pictures or a clear message;
sliders above a PNG Image, no Output widget."""

import matplotlib

matplotlib.use("Agg")

from io import BytesIO  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402
from support.figures import MIN_TEXT_PX, fits_canvas, panels_overlap, smallest_text_px  # noqa: E402
from support.lessons import panels_disagree  # noqa: E402

from course_lib.curves import optimum_mse  # noqa: E402
from course_lib.gradients import start_theta  # noqa: E402
from course_lib.landscapes import BOWL_EXTENT, BOWL_START, bowl  # noqa: E402
from course_lib.model import mse, mse_gradient, sse_gradient  # noqa: E402
from course_lib.optimizers import trajectory  # noqa: E402
from course_lib.runs import LESSON_RUNS, lesson_run  # noqa: E402
from course_lib.widgets.lesson import (  # noqa: E402
    DECAY_RANGE,
    LOSS_CAP,
    LR_EXPONENTS,
    STEP_RANGE,
    ExplorerPicture,
    explore_run,
    explorer,
    explorer_figure,
    live,
    loss_message,
    optimizer_call,
    slider_lrs,
)
from course_lib.widgets.picture import WIDGET_FIGSIZE, widget_png  # noqa: E402

NAMES = [run.name for run in LESSON_RUNS]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def lesson_curve(name, x, y, steps=None, **overrides):
    """The lesson's optimizer class on the lesson's rows (rng.integers(N) per step, seed 0) with
    model's exact gradient, each MSE from model.mse: written out here, so that it shares no
    gradient or curve code with the explorer."""
    run = lesson_run(name)
    steps = run.steps if steps is None else steps
    optimizer, rng = run.make(**overrides), np.random.default_rng(seed=0)
    theta = start_theta(x.shape[1])
    curve = [mse(theta[:-1], theta[-1], x, y)]
    with np.errstate(all="ignore"):
        for _ in range(steps):
            if run.all_rows:
                grad_w, grad_b = mse_gradient(theta[:-1], theta[-1], x, y)
            else:
                i = rng.integers(len(x))
                grad_w, grad_b = sse_gradient(theta[:-1], theta[-1], x[i], y[i])
            theta = optimizer.step(theta, np.append(grad_w, grad_b))
            curve.append(mse(theta[:-1], theta[-1], x, y))
    return np.array(curve)


def bowl_path(name, **overrides):
    """The lesson's optimizer class on the bowl, computed without the explorer."""
    run = lesson_run(name)
    return trajectory(
        run.make_for_bowl(**overrides),
        run.bowl_gradient(run.bowl_steps),
        np.array(BOWL_START),
        run.bowl_steps,
    )


def pixels(png):
    return np.asarray(Image.open(BytesIO(png)).convert("RGB"))


# --- the run ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_default_run_is_the_lesson_optimizer_on_the_exact_gradient(data, name):
    """With no slider moved the curve is the lesson's class on the lesson's rows, exact gradient;
    the path is that class on the bowl at the bowl's own settings."""
    x, y = data
    run = explore_run(lesson_run(name), x, y)
    assert len(run.curve) == lesson_run(name).steps + 1
    np.testing.assert_allclose(run.curve, lesson_curve(name, x, y), rtol=1e-12, atol=0)
    np.testing.assert_array_equal(run.path, bowl_path(name))
    assert run.diverged_at is None
    assert run.optimum == optimum_mse(x, y)
    assert run.message == f"{name}: final MSE {run.curve[-1]:.4f} (optimum {run.optimum:.4f})"


def test_moved_sliders_run_the_lesson_class_with_those_values(data):
    x, y = data
    run = explore_run(lesson_run("Adam"), x, y, steps=700, lr=3e-3, beta1=0.5)
    np.testing.assert_allclose(
        run.curve, lesson_curve("Adam", x, y, 700, lr=3e-3, beta1=0.5), rtol=1e-12, atol=0
    )
    # the bowl keeps its own base rate, times the factor lr applies to the lesson's: 0.3 * 0.3
    np.testing.assert_array_equal(run.path, bowl_path("Adam", lr=0.3 * 0.3, beta1=0.5))


def test_the_lr_slider_scales_the_bowl_rate_by_the_same_factor(data):
    x, y = data
    run = explore_run(lesson_run("GD"), x, y, lr=1e-3, steps=5)  # a tenth of the lesson's 1e-2
    np.testing.assert_allclose(run.path, bowl_path("GD", lr=0.04), rtol=1e-15)


def extreme_positions(name):
    """Every slider at its minimum and its maximum (one at a time), and a single step."""
    positions = [{"steps": STEP_RANGE[0]}]
    for key in list(lesson_run(name).hyperparameters):
        if key == "lr":
            positions += [{"lr": 10 ** LR_EXPONENTS[0]}, {"lr": 10 ** LR_EXPONENTS[1]}]
        else:
            positions += [{key: DECAY_RANGE[0]}, {key: DECAY_RANGE[1]}]
    return positions


@pytest.mark.parametrize("name", NAMES)
def test_extreme_slider_values_give_finite_pictures_or_a_divergence_message(data, name):
    x, y = data
    for position in extreme_positions(name):
        run = explore_run(lesson_run(name), x, y, **position)
        assert np.all(np.isfinite(run.curve)) and run.curve.max() <= LOSS_CAP, position
        if run.diverged_at is None:
            assert "final MSE" in run.message
        else:
            assert run.message == (
                f"{name} diverged at step {run.diverged_at}: lower the learning rate"
            ), position


def test_a_huge_learning_rate_is_reported_at_the_first_bad_step(data):
    x, y = data
    run = explore_run(lesson_run("SGD"), x, y, lr=1.0)
    raw = lesson_curve("SGD", x, y, lr=1.0)
    with np.errstate(invalid="ignore"):
        first_bad = int(np.flatnonzero(~(raw <= LOSS_CAP))[0])
    assert run.diverged_at == first_bad and first_bad < 10
    assert run.message == f"SGD diverged at step {first_bad}: lower the learning rate"
    assert run.curve[-1] == LOSS_CAP and np.all(run.curve[first_bad:] <= LOSS_CAP)


@pytest.mark.parametrize("overrides", [{"beta1": 1.5}, {"beta2": 1.5}, {"beta1": -1.5}])
def test_adam_decays_beyond_the_slider_end_are_reported_as_divergence(data, overrides):
    """beta**t of a Python float raised OverflowError (after ~1750 steps for 1.5)."""
    x, y = data
    run = explore_run(lesson_run("Adam"), x, y, steps=STEP_RANGE[1], **overrides)
    assert run.diverged_at is not None and "diverged at step" in run.message
    assert np.all(np.isfinite(run.curve))


def test_zero_steps_is_a_clear_error(data):
    x, y = data
    with pytest.raises(ValueError, match="at least 1"):
        explore_run(lesson_run("Adam"), x, y, steps=0)


# --- the figure ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_figure_shows_the_run_in_two_labelled_panels(data, name):
    x, y = data
    fig = explorer_figure(lesson_run(name), x, y, steps=20)
    run = explore_run(lesson_run(name), x, y, steps=20)
    left, right = fig.axes
    assert left.get_yscale() == "log" and left.get_xlabel() == "step"
    assert left.get_title() == run.message and right.get_title() == run.bowl_message
    curve, reference = left.get_lines()
    np.testing.assert_array_equal(curve.get_ydata(), run.curve)
    assert reference.get_ydata()[0] == run.optimum
    assert left.get_legend() is None  # the title states the optimum; nothing covers the curve
    path, _, mark = right.get_lines()
    np.testing.assert_array_equal(path.get_xydata(), run.path)
    assert run.bowl_diverged_at is None and len(mark.get_xdata()) == 0


def test_a_diverging_path_is_drawn_clipped_to_the_bowl_up_to_its_divergence(data):
    """lr 1.0 is 100 times GD's lesson rate: the bowl runs at 40 and leaves at once; the path
    stops at the step it diverged at, clipped to the plot, with a cross where it left."""
    x, y = data
    fig = explorer_figure(lesson_run("GD"), x, y, lr=1.0)
    run = explore_run(lesson_run("GD"), x, y, lr=1.0)
    raw = bowl_path("GD", lr=40.0)
    k = int(np.flatnonzero(bowl(raw[:, 0], raw[:, 1]) > LOSS_CAP)[0])
    assert run.bowl_diverged_at == k
    assert fig.axes[1].get_title() == f"bowl, lr = 40: diverged at step {k}"
    path, _, mark = fig.axes[1].get_lines()
    drawn = path.get_xydata()
    assert len(drawn) == k + 1 and np.all(np.isfinite(drawn))
    assert drawn[:, 0].min() >= BOWL_EXTENT[0] and drawn[:, 1].max() <= BOWL_EXTENT[3]
    np.testing.assert_array_equal(mark.get_xydata(), drawn[-1:])


# --- the bowl panel agrees with itself -------------------------------------------------------

LR_NAMES = [n for n in NAMES if "lr" in list(lesson_run(n).hyperparameters)]
SLIDER_LRS = 10 ** np.arange(LR_EXPONENTS[0], LR_EXPONENTS[1] + 0.05, 0.5)


@pytest.mark.parametrize("name", LR_NAMES)
def test_the_bowl_panel_states_the_learning_rate_its_run_used(data, name):
    """The stated rate is the bowl's base rate times the slider's factor, and the drawn path is
    the run at exactly that rate."""
    x, y = data
    run = lesson_run(name)
    for lr in SLIDER_LRS[::2]:
        explored = explore_run(lesson_run(name), x, y, steps=5, lr=lr)
        used = run.bowl_hyperparameters["lr"] * lr / run.hyperparameters["lr"]
        assert explored.bowl_lr == pytest.approx(used, rel=1e-15)
        assert explored.bowl_message.startswith(f"bowl, lr = {used:.3g}: ")
        np.testing.assert_array_equal(explored.path, bowl_path(name, lr=explored.bowl_lr))


@pytest.mark.parametrize("name", NAMES)
def test_divergence_is_marked_exactly_when_the_bowl_value_exceeds_the_cap(data, name):
    """Over the lr slider's range (AdaDelta: the rho slider's ends), the bowl panel says
    "diverged at step k" and draws a cross iff the bowl run's value passes LOSS_CAP, k the first
    such step; otherwise it states the final value."""
    x, y = data
    if "lr" in list(lesson_run(name).hyperparameters):
        positions = [{"lr": lr} for lr in SLIDER_LRS]
        run = lesson_run(name)
        scale = run.bowl_hyperparameters["lr"] / run.hyperparameters["lr"]
        on_bowl = [{"lr": lr * scale} for lr in SLIDER_LRS]
    else:
        positions = on_bowl = [{"rho": DECAY_RANGE[0]}, {"rho": DECAY_RANGE[1]}]
    seen = set()
    picture = ExplorerPicture(explore_run(lesson_run(name), x, y, steps=5))
    for position, bowl_settings in zip(positions, on_bowl, strict=True):
        explored = explore_run(lesson_run(name), x, y, steps=5, **position)
        raw = bowl_path(name, **bowl_settings)
        with np.errstate(invalid="ignore", over="ignore"):
            bad = np.flatnonzero(~(bowl(raw[:, 0], raw[:, 1]) <= LOSS_CAP))
        expected = int(bad[0]) if bad.size else None
        assert explored.bowl_diverged_at == expected, position
        picture.update(explored)
        assert picture.bowl_axes.get_title() == explored.bowl_message
        if expected is None:
            assert explored.bowl_message.endswith(f"after {lesson_run(name).bowl_steps} steps")
            assert len(picture.mark.get_xdata()) == 0
        else:
            assert explored.bowl_message.endswith(f": diverged at step {expected}")
            assert len(picture.mark.get_xdata()) == 1
        seen.add(expected is None)
    if name == "GD":
        assert seen == {True, False}  # the range holds both cases


@pytest.mark.parametrize("rho", [DECAY_RANGE[0], 0.2, DECAY_RANGE[1]])
def test_adadelta_labels_never_mention_a_learning_rate(data, rho):
    x, y = data
    explored = explore_run(lesson_run("AdaDelta"), x, y, steps=50, rho=rho)
    labels = [
        explored.message,
        explored.bowl_message,
        optimizer_call(lesson_run("AdaDelta"), {"rho": rho, "steps": 50}),
        loss_message(lesson_run("AdaDelta"), explored.curve, 3, explored.optimum),
    ]
    assert explored.bowl_lr is None
    assert explored.bowl_message.startswith(f"bowl, rho = {rho:.3f}: ")
    assert labels[-1] == "AdaDelta diverged at step 3"
    assert loss_message(lesson_run("Adam"), explored.curve, 3, 0.5) == (
        "Adam diverged at step 3: lower the learning rate"
    )
    for label in labels:
        assert "lr" not in label and "learning rate" not in label, label


@pytest.mark.parametrize("name", [n for n in NAMES if "lr" in list(lesson_run(n).hyperparameters)])
@pytest.mark.parametrize("exponent", [LR_EXPONENTS[0] - 1, LR_EXPONENTS[1] + 1])
def test_learning_rates_beyond_the_slider_ends_still_give_a_figure(data, name, exponent):
    x, y = data
    fig = explorer_figure(lesson_run(name), x, y, steps=50, lr=10**exponent)
    title = fig.axes[0].get_title()
    assert "final MSE" in title or "diverged at step" in title
    assert widget_png(fig).startswith(PNG_SIGNATURE)


def test_the_figure_is_outside_pyplot_and_its_png_is_the_whole_canvas(data):
    """Nothing for the notebook to show a second time, nothing cropped: 1008 x 360 px."""
    x, y = data
    fig = explorer_figure(lesson_run("GD"), x, y, steps=5)
    assert plt.get_fignums() == []
    png = widget_png(fig)
    assert png.startswith(PNG_SIGNATURE)
    assert pixels(png).shape[:2] == (360, 1008) == tuple(72 * v for v in WIDGET_FIGSIZE[::-1])


MOVES = [
    ("Momentum", {"lr": 3e-3, "beta": 0.5, "steps": 300}),
    ("Adam", {"lr": 1.0, "beta1": 0.9, "beta2": 0.999, "steps": 5499}),  # diverges
    ("AdaDelta", {"rho": 0.9, "steps": 5500}),
    ("GD", {"lr": 1e-1, "steps": 40}),
]


@pytest.mark.parametrize("name, position", MOVES)
def test_updated_picture_shows_what_explorer_figure_shows(data, name, position):
    """The widget's picture, built at the defaults and updated to ``position``, holds the same
    curve, path, titles and axis limits as ``explorer_figure`` drawn afresh at ``position``."""
    x, y = data
    picture = ExplorerPicture(explore_run(lesson_run(name), x, y))
    picture.update(explore_run(lesson_run(name), x, y, **position))
    fresh = explorer_figure(lesson_run(name), x, y, **position)
    fresh.canvas.draw()
    for kept, new in zip(picture.figure.axes, fresh.axes, strict=True):
        assert kept.get_title() == new.get_title()
        np.testing.assert_allclose(kept.get_xlim(), new.get_xlim(), rtol=1e-12)
        np.testing.assert_allclose(kept.get_ylim(), new.get_ylim(), rtol=1e-12)
        for kept_line, new_line in zip(kept.get_lines(), new.get_lines(), strict=True):
            np.testing.assert_array_equal(kept_line.get_xydata(), new_line.get_xydata())
    assert plt.get_fignums() == []  # neither picture is pyplot's


@pytest.mark.parametrize("name, position", MOVES)
def test_fast_redraw_paints_exactly_what_a_full_draw_paints(data, name, position):
    """``png`` pastes a kept bitmap and draws the changing artists over it: pixel for pixel the
    image a full draw of the same figure gives, also when the kept bitmap is reused."""
    x, y = data
    picture = ExplorerPicture(explore_run(lesson_run(name), x, y))
    for run in [
        explore_run(lesson_run(name), x, y, **position),
        explore_run(lesson_run(name), x, y),
    ] * 2:
        picture.update(run)
        fast = pixels(picture.png())
        picture.canvas.draw()
        full = np.asarray(picture.canvas.buffer_rgba())[..., :3]
        np.testing.assert_array_equal(fast, full)
    assert len(picture.backgrounds) <= 2


def test_widget_png_is_small_enough_for_a_1280_wide_screen(data):
    x, y = data
    picture = ExplorerPicture(explore_run(lesson_run("GD"), x, y, steps=5))
    height, width, _ = pixels(picture.png()).shape
    assert (width, height) == (1008, 360)


# --- the widget ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, sliders",
    [
        ("GD", ["lr", "steps"]),
        ("Momentum", ["lr", "beta", "steps"]),
        ("AdaDelta", ["rho", "steps"]),
        ("Adam", ["lr", "beta1", "beta2", "steps"]),
    ],
)
def test_widget_wires_one_slider_per_hyperparameter_above_the_figure(data, name, sliders):
    x, y = data
    widget = explorer(name, x, y)
    *controls, call, image = widget.children
    assert [c.description for c in controls] == sliders
    assert call.value == optimizer_call(
        lesson_run(name), {c.description: c.value for c in controls}
    )
    lr = next((c for c in controls if c.description == "lr"), None)
    if lr is not None:
        assert lr.__class__.__name__ == "FloatLogSlider"
    assert image.__class__.__name__ == "Image" and bytes(image.value).startswith(PNG_SIGNATURE)


@pytest.mark.parametrize("name", NAMES)
def test_hyperparameters_redraw_while_dragged_when_the_lesson_is_short(data, name):
    """Live dragging for the lessons of at most 2500 steps; the steps slider on release only."""
    x, y = data
    *controls, steps, _, _ = explorer(name, x, y).children
    assert live(lesson_run(name)) == (lesson_run(name).steps <= 2500)
    assert [c.continuous_update for c in controls] == [live(lesson_run(name))] * len(controls)
    assert not steps.continuous_update
    assert (
        live(lesson_run("GD"))
        and live(lesson_run("RMSProp"))
        and not live(lesson_run("Adam"))
        and not live(lesson_run("AdaDelta"))
    )


@pytest.mark.parametrize("name, position", MOVES)
def test_a_slider_move_shows_exactly_the_run_at_the_new_position(data, name, position):
    """The image after moving the sliders is the picture of the run at all sliders' values; moving
    them back brings back the first image byte for byte."""
    x, y = data
    widget = explorer(name, x, y)
    *sliders, call, image = widget.children
    first = bytes(image.value)
    expected = ExplorerPicture(explore_run(lesson_run(name), x, y))
    assert first == expected.png()
    defaults = {s.description: s.value for s in sliders}
    for slider in sliders:
        slider.value = position[slider.description]
    expected.update(explore_run(lesson_run(name), x, y, **position))
    assert bytes(image.value) == expected.png()
    assert call.value == optimizer_call(lesson_run(name), position)
    assert bytes(image.value) != first
    for slider in sliders:
        slider.value = defaults[slider.description]
    assert bytes(image.value) == first


def test_a_redraw_happens_once_per_new_position(data):
    """Setting a slider to its own value sends nothing; each new value sends one new image."""
    x, y = data
    widget = explorer("Momentum", x, y)
    lr, beta, steps, _, image = widget.children
    sent = []
    image.observe(lambda change: sent.append(change["new"]), names="value")
    beta.value = beta.value
    assert sent == []
    beta.value = 0.5
    steps.value = 100
    assert len(sent) == 2 and sent[0] != sent[1]


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
    widget.children[0].value = 1e-2
    assert plt.get_fignums() == []


@pytest.mark.parametrize("name", ["GD", "Momentum", "AdaDelta", "Adam"])
def test_moving_any_slider_to_either_end_redraws_and_raises_nothing(data, name):
    """A released slider redraws the figure through its observer; an exception there would only
    reach the kernel's log, so setting the value here must simply not raise."""
    x, y = data
    widget = explorer(name, x, y)
    *sliders, _, image = widget.children
    for slider in sliders:
        default = slider.value
        for end in (slider.min, slider.max):
            if slider.description == "steps" and end == slider.max:
                continue  # the full 5500 steps are covered by the lesson runs
            before = bytes(image.value)
            slider.value = 10**end if slider.__class__.__name__ == "FloatLogSlider" else end
            assert bytes(image.value).startswith(PNG_SIGNATURE)
            redrawn = bytes(image.value) != before
            assert redrawn or slider.value == default, (slider.description, end)
            assert plt.get_fignums() == []
        slider.value = default


def test_the_label_shows_the_optimizer_the_sliders_make():
    assert optimizer_call(lesson_run("Momentum"), {"lr": 1e-3, "beta": 0.8, "steps": 1500}) == (
        "Momentum(lr=1.0e-03, beta=0.800),1500 步,精确梯度"
    )
    assert optimizer_call(lesson_run("AdaDelta"), {"rho": 0.95, "steps": 10}).startswith(
        "AdaDelta(rho=0.950)"
    )


@pytest.mark.parametrize("name, position", MOVES)
def test_widget_picture_is_readable_at_968_px(data, name, position):
    """Shown 968 px wide (the widget's 1008 px scaled down), every text is at least 10 px; the
    panels keep their width (an empty divergence mark must not squeeze the layout)."""
    x, y = data
    picture = ExplorerPicture(explore_run(lesson_run(name), x, y))
    picture.update(explore_run(lesson_run(name), x, y, **position))
    assert smallest_text_px(picture.figure, tight=False) >= MIN_TEXT_PX
    fresh = explorer_figure(lesson_run(name), x, y, **position)
    assert smallest_text_px(fresh) >= MIN_TEXT_PX
    for fig in (picture.figure, fresh):
        for axes in fig.axes:
            assert axes.get_position().width > 0.35, axes.get_position()


DIVERGING = [("GD", {"lr": 1.0}), ("SGD", {"lr": 1.0}), ("Adam", {"beta1": 1.5, "steps": 3000})]


@pytest.mark.parametrize("name, position", MOVES + DIVERGING)
def test_the_widget_picture_fits_its_canvas_at_every_kind_of_position(data, name, position):
    """Fixed margins, no crop: the texts of a diverged run (ticks up to 100, a long title) stay
    inside the picture, and the panels do not overlap."""
    x, y = data
    picture = ExplorerPicture(explore_run(lesson_run(name), x, y))
    picture.update(explore_run(lesson_run(name), x, y, **position))
    assert fits_canvas(picture.figure) and not panels_overlap(picture.figure)


def test_the_slider_values_and_where_the_panels_disagree(data):
    """The slider's 41 values; for GD the bowl (40 times the rate) diverges from 0.016 on, the
    data only past 2 / lambda_max = 0.474, so the panels disagree in between."""
    x, y = data
    lrs = slider_lrs()
    assert len(lrs) == 41 and lrs[0] == 1e-4 and lrs[-1] == 1.0
    disagree = panels_disagree("GD", x, y)
    assert disagree == [lr for lr in lrs if 0.015 < lr < 0.474]
    for lr in disagree[:: len(disagree) - 1]:
        run = explore_run(lesson_run("GD"), x, y, lr=lr)
        assert run.diverged_at is None and run.bowl_diverged_at is not None
