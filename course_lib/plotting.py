"""Loss curves and optimizer paths, sized to be read on a projector.

Figure text stays in English so that it renders on any machine without a CJK font.

Readable means: shown as JupyterLab shows it (saved whole at 100 dpi, scaled down to the
968 px of a notebook cell at 1280 x 720 if wider), every text is at least 10 pixels tall, and no
legend covers a drawn point (tests/support/figures.py measures both). Figures are at most about
5 inches (500 px) tall, so a figure and a title fit on a 1280 x 720 slide.

Every figure here is laid out to fit its canvas: by constrained layout (any texts, at the cost
of a layout pass at every draw) or by fixed margins (``new_axes(figsize, legend_space)``). The
lessons therefore set the inline backend's ``bbox_inches`` to None: cropping to the content would
cost a second draw of every figure. Log axes are labelled in plain text (1e-6, 0.01, 100: as Python
prints numbers), not in mathtext (10^-6), which costs a parse of every label at every draw.
"""

from collections.abc import Callable, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.ticker import LogFormatter, LogFormatterMathtext

Surface = Callable[[np.ndarray, np.ndarray], np.ndarray]

FIGSIZE = (9, 5)
LOSS_FIGSIZE = (12, 4.6)  # the loss beside its gap to the optimum
FONT_SIZES = {"title": 18, "label": 16, "ticks": 13, "legend": 13}
LINE_WIDTH = 2.0


def new_axes(figsize: tuple[float, float] = FIGSIZE, legend_space: float | None = None) -> Axes:
    """A fresh figure with one axes, in the course's projector-friendly font sizes.

    ``legend_space=None``: constrained layout, which fits any texts (and costs a layout pass at
    every draw). A number: fixed margins (``fixed_margins``) instead, with that many inches free
    on the right for a legend outside the axes (0: none; ``plt.colorbar(..., ax=ax)`` takes its
    room from the axes and needs none).
    """
    if legend_space is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    else:
        _, ax = plt.subplots(figsize=figsize, gridspec_kw=fixed_margins(figsize, legend_space))
    return ax


def fixed_margins(
    figsize: tuple[float, float],
    legend_space: float = 0.0,
    legend_below: float = 0.0,
    ncols: int = 1,
) -> dict[str, float]:
    """Subplot margins (figure fractions, for ``gridspec_kw``) that leave room, in the course's
    font sizes, for tick labels up to 6 characters and a label on the left and at the bottom of
    each of ``ncols`` panels side by side, a title on top, ``legend_space`` inches on the right
    and ``legend_below`` inches under the x labels (a figure legend at the lower center)."""
    width, height = figsize
    left, right, gap = 1.15, 0.25 + legend_space, 1.0  # inches
    panel = (width - left - right - (ncols - 1) * gap) / ncols
    return {
        "left": left / width,
        "right": 1 - right / width,
        "bottom": (0.75 + legend_below) / height,
        "top": 1 - 0.5 / height,
        "wspace": gap / panel,
    }


def style_axes(
    ax: Axes, xlabel: str, ylabel: str, title: str | None = None, log: bool = False
) -> Axes:
    """Label ``ax`` in the course's font sizes; ``log`` puts the y axis on a log scale."""
    ax.set_xlabel(xlabel, fontsize=FONT_SIZES["label"])
    ax.set_ylabel(ylabel, fontsize=FONT_SIZES["label"])
    if title:
        ax.set_title(title, fontsize=FONT_SIZES["title"])
    if log:
        ax.set_yscale("log")
    plain_log_labels(ax)
    ax.tick_params(which="both", labelsize=FONT_SIZES["ticks"])  # log axes label minor ticks
    ax.grid(True, alpha=0.3)
    return ax


class PlainLogFormatter(LogFormatter):
    """Log-axis tick labels as Python prints numbers: 1e-06 is "1e-6", 0.01 "0.01", 2e+05 "2e5".

    Which ticks get a label (decades; minor ticks when the axis spans few decades) is
    ``LogFormatter``'s rule, as on matplotlib's default log axes.
    """

    def _num_to_string(self, x: float, vmin: float, vmax: float) -> str:
        return plain_number(x)


def plain_number(x: float) -> str:
    """``x`` positional from 0.001 to 9999 ("0.02", "3000"), else as "2e-5" (3 digits at most)."""
    if x == 0 or 1e-3 <= abs(x) < 1e4:
        return f"{x:.4g}"
    mantissa, exponent = f"{x:.2e}".split("e")
    return f"{float(mantissa):g}e{int(exponent)}"


def plain_log_labels(ax: Axes) -> Axes:
    """Give ``ax``'s log axes (x, y or both) ``PlainLogFormatter`` labels instead of matplotlib's
    mathtext ones; labels the caller set itself (``set_yticks(ticks, labels)``) stay."""
    for axis in (ax.xaxis, ax.yaxis):
        if axis.get_scale() != "log":
            continue
        if isinstance(axis.get_major_formatter(), LogFormatterMathtext):
            axis.set_major_formatter(PlainLogFormatter())
        if isinstance(axis.get_minor_formatter(), LogFormatterMathtext):
            minor = PlainLogFormatter(labelOnlyBase=False, minor_thresholds=(1, 0.4))
            axis.set_minor_formatter(minor)
    return ax


def plot_loss(
    losses: Sequence[float] | np.ndarray,
    optimum: float | None = None,
    *,
    steps: Sequence[float] | np.ndarray | None = None,
    label: str | None = None,
    log: bool = False,
    gap: bool = False,
    ylabel: str = "loss",
    xlabel: str = "step",
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Plot a loss curve and return its axes.

    ``optimum``: the least-squares loss, drawn as a dashed reference line (or, with
    ``gap=True``, subtracted so the curve shows the distance to it, best on ``log=True``).
    Given an optimum and no ``ax``, a second panel on the right shows that distance on a log
    axis, where the approach to the optimum stays visible after the curves have met the line.
    ``ax``: draw into existing axes (one panel), e.g. to overlay several optimizers.
    """
    losses = np.asarray(losses, dtype=float)
    steps = np.arange(len(losses)) if steps is None else np.asarray(steps)
    with_gap_panel = ax is None and optimum is not None and not gap
    if ax is None:
        figsize = LOSS_FIGSIZE if with_gap_panel else FIGSIZE
        _, axes = plt.subplots(1, 1 + with_gap_panel, figsize=figsize, layout="constrained")
        ax = axes[0] if with_gap_panel else axes
        if with_gap_panel:
            plot_gap(axes[1], losses, optimum, steps, ylabel, xlabel)
    if gap:
        if optimum is None:
            raise ValueError("gap=True needs the optimum to subtract")
        ax.plot(steps, positive(losses - optimum), label=label, linewidth=LINE_WIDTH)
        ylabel = f"{ylabel} - optimum"
    else:
        ax.plot(steps, losses, label=label, linewidth=LINE_WIDTH)
        if optimum is not None and not _has_reference_line(ax):
            ax.axhline(
                optimum,
                color="black",
                linestyle="--",
                linewidth=1.5,
                label=f"least-squares optimum {optimum:.4g}",
                gid="optimum",
            )
    style_axes(ax, xlabel, ylabel, title, log)
    if label is not None or (optimum is not None and not gap):
        ax.legend(fontsize=FONT_SIZES["legend"], loc="upper right")
    return ax


def plot_gap(
    ax: Axes,
    losses: np.ndarray,
    optimum: float,
    steps: np.ndarray,
    ylabel: str = "loss",
    xlabel: str = "step",
) -> Axes:
    """``losses - optimum`` on a log axis, titled as the distance to the optimum."""
    ax.plot(steps, positive(losses - optimum), color="C0", linewidth=LINE_WIDTH, gid="gap")
    return style_axes(ax, xlabel, f"{ylabel} - optimum", "Distance to the optimum", log=True)


def positive(values: np.ndarray) -> np.ndarray:
    """``values`` with the ones a log axis cannot show (zero, negative: rounding) as NaN."""
    values = np.asarray(values, dtype=float)
    return np.where(values > 0, values, np.nan)


def _has_reference_line(ax: Axes) -> bool:
    return any(line.get_gid() == "optimum" for line in ax.get_lines())


def plot_paths(
    surface: Surface,
    paths: dict[str, np.ndarray],
    *,
    extent: Sequence[float],
    ax: Axes | None = None,
    title: str | None = None,
    xlabel: str = "x1",
    ylabel: str = "x2",
    levels: int = 15,
    resolution: int = 120,
) -> Axes:
    """Contours of ``surface(x1, x2)`` (vectorized) with optimizer paths drawn on top.

    ``paths``: {label: iterates of shape (T, 2)}; ``extent``: (x1_min, x1_max, x2_min, x2_max).
    Points outside the extent (a diverging run) are clipped to its border. The legend, if any
    path has a label, sits outside the axes on the right.
    """
    ax = new_axes(figsize=(7, 5)) if ax is None else ax
    grid_1, grid_2 = np.meshgrid(
        np.linspace(*extent[:2], resolution), np.linspace(*extent[2:], resolution)
    )
    values = surface(grid_1, grid_2)
    ax.contour(
        grid_1,
        grid_2,
        values,
        levels=np.quantile(values, np.linspace(0, 1, levels) ** 2),
        colors="0.6",
        linewidths=0.8,
    )
    for label, path in paths.items():
        path = clip_path(path, extent)
        marker = "o" if len(path) <= 100 else None
        ax.plot(path[:, 0], path[:, 1], marker=marker, markersize=3, linewidth=1.5, label=label)
        ax.plot(*path[0], "ks", markersize=6)
    style_axes(ax, xlabel, ylabel, title)
    if any(label for label in paths):
        ax.legend(fontsize=FONT_SIZES["legend"], loc="upper left", bbox_to_anchor=(1.02, 1))
    return ax


def clip_path(path: np.ndarray, extent: Sequence[float]) -> np.ndarray:
    """Iterates (T, 2) clipped to ``extent``, not-a-number as 0: how ``plot_paths`` draws them."""
    path = np.nan_to_num(np.asarray(path, dtype=float))
    return np.column_stack([np.clip(path[:, 0], *extent[:2]), np.clip(path[:, 1], *extent[2:])])


def mark_diverged(ax: Axes, step: int) -> None:
    """Write "diverged at step ``step``" in red across the middle of ``ax``."""
    ax.text(
        0.5,
        0.5,
        f"diverged at step {step}",
        transform=ax.transAxes,
        ha="center",
        fontsize=FONT_SIZES["title"],
        color="red",
    )
