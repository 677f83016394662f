"""Loss curves and optimizer paths, sized to be read on a projector.

Figure text stays in English so that it renders on any machine without a CJK font.
"""

from collections.abc import Callable, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes

Surface = Callable[[np.ndarray, np.ndarray], np.ndarray]

FIGSIZE = (9, 5)
FONT_SIZES = {"title": 18, "label": 16, "ticks": 13, "legend": 13}
LINE_WIDTH = 2.0


def new_axes(figsize: tuple[float, float] = FIGSIZE) -> Axes:
    """A fresh figure with one axes, in the course's projector-friendly font sizes."""
    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


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
    ax.tick_params(labelsize=FONT_SIZES["ticks"])
    ax.grid(True, alpha=0.3)
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
    ``ax``: draw into existing axes, e.g. to overlay several optimizers.
    """
    losses = np.asarray(losses, dtype=float)
    steps = np.arange(len(losses)) if steps is None else np.asarray(steps)
    ax = new_axes() if ax is None else ax
    if gap:
        if optimum is None:
            raise ValueError("gap=True needs the optimum to subtract")
        ax.plot(steps, losses - optimum, label=label, linewidth=LINE_WIDTH)
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
        ax.legend(fontsize=FONT_SIZES["legend"])
    return ax


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
    Points outside the extent (a diverging run) are clipped to its border.
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
        path = np.column_stack([np.clip(path[:, 0], *extent[:2]), np.clip(path[:, 1], *extent[2:])])
        marker = "o" if len(path) <= 100 else None
        ax.plot(path[:, 0], path[:, 1], marker=marker, markersize=3, linewidth=1.5, label=label)
        ax.plot(*path[0], "ks", markersize=6)
    style_axes(ax, xlabel, ylabel, title)
    if any(label for label in paths):
        ax.legend(fontsize=FONT_SIZES["legend"], loc="upper right")
    return ax
