"""The loss-curve helper: labels, reference line, scales, overlays."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course_lib import plot_loss  # noqa: E402
from course_lib.plotting import FONT_SIZES  # noqa: E402


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
