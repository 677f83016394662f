"""The plotting helpers: labels, reference line, gap panel, scales, overlays; every figure
readable at 968 px wide (text >= 10 px), legends off the data, at most 500 px tall."""

import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from support.figures import (  # noqa: E402
    MIN_TEXT_PX,
    fits_canvas,
    legend_covers_data,
    panels_overlap,
    smallest_text_px,
)

from course_lib import plot_loss, plot_paths  # noqa: E402
from course_lib.landscapes import BOWL_EXTENT, bowl  # noqa: E402
from course_lib.plotting import (  # noqa: E402
    FONT_SIZES,
    fixed_margins,
    new_axes,
    plain_number,
    style_axes,
)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_labels_and_optimum_reference_line():
    ax = plot_loss([5.0, 3.0, 2.0], optimum=1.5, ylabel="MSE")
    assert ax.get_xlabel() == "step" and ax.get_ylabel() == "MSE"
    lines = ax.get_lines()
    np.testing.assert_array_equal(lines[0].get_ydata(), [5.0, 3.0, 2.0])
    assert lines[1].get_gid() == "optimum"
    np.testing.assert_array_equal(lines[1].get_ydata(), [1.5, 1.5])
    assert any("1.5" in text.get_text() for text in ax.get_legend().get_texts())
    assert ax.xaxis.label.get_fontsize() == FONT_SIZES["label"]


def test_log_scale_and_gap_to_optimum():
    ax = plot_loss([5.0, 3.0, 2.0], optimum=1.5, gap=True, log=True)
    assert ax.get_yscale() == "log"
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), [3.5, 1.5, 0.5])
    assert "optimum" in ax.get_ylabel()


def test_gap_without_optimum_is_an_error():
    with pytest.raises(ValueError, match="optimum"):
        plot_loss([1.0, 2.0], gap=True)


def test_overlay_draws_the_reference_line_once_and_uses_given_steps():
    ax = plot_loss([4.0, 2.0], optimum=1.0, label="a", steps=[1, 2])
    plot_loss([3.0, 1.5], optimum=1.0, label="b", ax=ax, steps=[1, 2])
    assert sum(line.get_gid() == "optimum" for line in ax.get_lines()) == 1
    np.testing.assert_array_equal(ax.get_lines()[0].get_xdata(), [1, 2])
    assert [t.get_text() for t in ax.get_legend().get_texts()][:1] == ["a"]


# --- readable from the back row: text size, legends, slide height -----------------------------


def lesson_curve(steps=2500, optimum=727.9, seed=0):
    """An SSE-like curve as the lessons draw: a fast drop, then noise just above the optimum."""
    noise = np.abs(np.random.default_rng(seed).normal(scale=5.0, size=steps + 1))
    return optimum + 1e4 * np.exp(-np.arange(steps + 1) / 300) + noise


def test_loss_with_an_optimum_gets_a_gap_panel_on_a_log_axis():
    curve = lesson_curve()
    ax = plot_loss(curve, optimum=727.9, steps=np.arange(len(curve)), ylabel="SSE", title="t")
    left, right = ax.figure.axes
    assert left is ax and ax.get_title() == "t" and right.get_yscale() == "log"
    np.testing.assert_allclose(right.get_lines()[0].get_ydata(), curve - 727.9)
    assert right.get_ylabel() == "SSE - optimum"


def test_the_gap_panel_drops_what_a_log_axis_cannot_show():
    ax = plot_loss([3.0, 2.0, 2.0], optimum=2.0)
    gap = ax.figure.axes[1].get_lines()[0].get_ydata()
    assert gap[0] == 1.0 and np.isnan(gap[1:]).all()


def test_an_overlay_or_a_gap_plot_stays_one_panel():
    assert len(plot_loss([3.0, 2.0], optimum=1.0, gap=True, log=True).figure.axes) == 1
    assert len(plot_loss([3.0, 2.0]).figure.axes) == 1


@pytest.mark.parametrize("optimum", [0.4843, 727.9])
def test_lesson_loss_figure_is_readable_and_fits_a_slide(optimum):
    curve = lesson_curve(optimum=optimum) * (optimum / 727.9)
    ax = plot_loss(curve, optimum=optimum, ylabel="total loss (SSE)", title="SGD, lr = 1e-3")
    fig = ax.figure
    assert fits_canvas(fig)  # the lessons save it whole, uncropped
    assert smallest_text_px(fig) >= MIN_TEXT_PX
    assert not any(legend_covers_data(a) for a in fig.axes)
    assert fig.get_figheight() * fig.dpi <= 500


def test_paths_figure_is_readable_and_its_legend_is_outside():
    path = np.array([[-5.0, -2.0], [-3.0, 1.0], [0.0, 0.0]])
    ax = plot_paths(bowl, {"GD, lr = 0.4": path}, extent=BOWL_EXTENT, title="GD on the bowl")
    assert smallest_text_px(ax.figure) >= MIN_TEXT_PX and not legend_covers_data(ax)
    assert ax.get_legend().get_window_extent().x0 > ax.get_window_extent().x1
    assert fits_canvas(ax.figure)  # the legend outside the axes is still inside the canvas


def test_smallest_text_px_scales_a_wide_figure_down_to_the_display():
    """A 24-inch figure at 100 dpi is shown 968 px wide: 13 pt becomes about 7 px."""
    fig, ax = plt.subplots(figsize=(24, 4), layout="constrained")
    ax.set_xlabel("x", fontsize=13)
    ax.tick_params(labelsize=13)
    assert 6.5 < smallest_text_px(fig) < 7.5
    assert smallest_text_px(fig, display_width=10_000) == pytest.approx(13 * 100 / 72)


def test_legend_covers_data_sees_a_legend_on_a_line():
    ax = plot_loss(np.full(50, 5.0), label="flat", steps=np.arange(50))
    ax.legend(loc="center left")
    assert legend_covers_data(ax)
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1))
    assert not legend_covers_data(ax)


@pytest.mark.parametrize(
    ("value", "text"),
    [(1e-16, "1e-16"), (2e-5, "2e-5"), (1e-3, "0.001"), (0.3, "0.3"), (1, "1"), (20, "20"),
     (1000, "1000"), (9999, "9999"), (1e4, "1e4"), (2.5e6, "2.5e6"), (3.00000004e-7, "3e-7")],
)  # fmt: skip
def test_plain_numbers_read_as_python_prints_them(value, text):
    assert plain_number(value) == text


def test_log_axes_are_labelled_without_mathtext():
    """Each mathtext label (10^-6) costs a parse at every draw; style_axes labels log axes in
    plain text, decades and (on a short axis) minor ticks as matplotlib's own formatter picks."""
    fig, (wide, short) = plt.subplots(1, 2)
    wide.loglog([1, 1500], [1e-17, 10])
    short.semilogy([0.3, 2])  # less than a decade: minor ticks get labels
    for ax in (wide, short):
        style_axes(ax, "x", "y")
    fig.canvas.draw()
    labels = [t.get_text() for ax in (wide, short) for t in ax.get_yticklabels(which="both")]
    labels += [t.get_text() for t in wide.get_xticklabels()]
    assert labels and not any("$" in label for label in labels)
    # which decades get a label depends on matplotlib's version; each is written plainly
    decades = {t.get_text() for t in wide.get_yticklabels()} - {""}
    plain_decade = r"1e\u2212\d+|0\.0*1|1|10|100|1000|1e\d+"  # with matplotlib's minus sign
    assert decades and all(re.fullmatch(plain_decade, d) for d in decades)
    assert any(d.startswith("1e\u2212") for d in decades)
    minor = {t.get_text() for t in short.get_yticklabels(minor=True)} - {""}
    assert minor and all(re.fullmatch(r"[0-9.]+", m) for m in minor)  # 0.3, 2, 20: no 1e
    assert {"1", "10", "100", "1000"} <= {t.get_text() for t in wide.get_xticklabels()}


def test_labels_a_caller_set_on_a_log_axis_stay():
    fig, ax = plt.subplots()
    ax.semilogy([1e-6, 1])
    ax.set_yticks([1e-6, 1e-3, 1], ["tiny", "small", "one"])
    style_axes(ax, "x", "y")
    fig.canvas.draw()
    assert [t.get_text() for t in ax.get_yticklabels()] == ["tiny", "small", "one"]


@pytest.mark.parametrize("legend_space", [0.0, 2.0])
def test_fixed_margins_fit_a_log_axis_and_a_legend_outside(legend_space):
    """new_axes(figsize, legend_space) lays a figure out without constrained layout: its labels,
    ticks, title and an outside legend of that width still fit the canvas."""
    ax = new_axes((10, 4.5), legend_space=legend_space)
    assert ax.figure.get_layout_engine() is None
    assert ax.get_position().x1 == pytest.approx(fixed_margins((10, 4.5), legend_space)["right"])
    for i in range(6):
        ax.semilogy(np.geomspace(10, 1e-16, 50) ** (1 / (i + 1)), label=f"lambda = {i + 0.35:.2f}")
    style_axes(ax, "step", "MSE - optimum", "A title as long as the lessons' titles are")
    if legend_space:
        ax.legend(fontsize=FONT_SIZES["legend"], loc="upper left", bbox_to_anchor=(1.01, 1))
    assert fits_canvas(ax.figure)


def test_fixed_margins_fit_two_panels_and_a_legend_below():
    """Lesson 11's two-panel figures: fixed_margins(figsize, legend_below, ncols=2) leaves room
    for each panel's tick labels and labels, and two rows of a figure legend underneath."""
    margins = fixed_margins((10, 4.2), legend_below=0.65, ncols=2)
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4.2), gridspec_kw=margins)
    names = ["GD, lr = 0.1", "momentum, lr = 0.1, beta = 0.8", "AdaGrad, lr = 0.1",
             "RMSProp, lr = 0.01, rho = 0.9", "Adam, lr = 0.01"]  # fmt: skip
    for i, name in enumerate(names):
        left.plot([-1.2, 1.2], [i - 1.2, 1.2 - i], label=name)
        right.semilogy(np.geomspace(1e-6, 1, 200) ** (1 / (i + 1)))
    style_axes(left, "x1", "x2", "Paths from (1, 1e-6)")
    style_axes(right, "step", "|x2|", "Distance from the ridge")
    fig.legend(fontsize=FONT_SIZES["legend"], loc="lower center", ncols=3)
    assert fits_canvas(fig) and not panels_overlap(fig)
    legend = fig.legends[0].get_window_extent()
    assert legend.y1 < min(ax.get_tightbbox().y0 for ax in (left, right))  # under the x labels
