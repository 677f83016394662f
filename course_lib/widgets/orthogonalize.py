"""Lesson 13's explorer: what Muon's Newton-Schulz iteration does to a matrix's singular values.

``spread_matrix(spread)``, ``singular_values_after(G, steps)`` and ``newton_schulz_figure(...)``
are the plain functions behind one slider move; ``newton_schulz_explorer()`` puts them under
two sliders.
"""

import numpy as np
from matplotlib.figure import Figure

from course_lib.optimizers import NEWTON_SCHULZ, newton_schulz
from course_lib.plotting import FONT_SIZES, style_axes
from course_lib.widgets.picture import figure_explorer, log_slider, two_panels

SHAPE = (8, 5)  # lesson 11's hidden weights
MAX_STEPS = 10
SPREAD_EXPONENTS = (-5.0, 0.0)  # smallest / largest singular value: 1e-5 to 1
GRID = np.logspace(-5, 0, 400)  # the singular values s (after the Frobenius scaling) drawn


def spread_matrix(spread: float, shape: tuple[int, int] = SHAPE, seed: int = 0) -> np.ndarray:
    """A matrix with singular values from 1 down to ``spread`` (evenly on a log scale) and
    seeded random singular vectors."""
    rng = np.random.default_rng(seed)
    rank = min(shape)
    U = np.linalg.qr(rng.normal(size=(shape[0], rank)))[0]
    V = np.linalg.qr(rng.normal(size=(shape[1], rank)))[0]
    return U @ np.diag(np.logspace(0, np.log10(spread), rank)) @ V.T


def quintic_power(s: np.ndarray, steps: int) -> np.ndarray:
    """p(p(...p(s))), ``steps`` times, p(s) = a s + b s³ + c s⁵: what Newton-Schulz does to
    each singular value s of the Frobenius-scaled matrix."""
    a, b, c = NEWTON_SCHULZ
    for _ in range(steps):
        s = a * s + b * s**3 + c * s**5
    return s


def singular_values_after(G: np.ndarray, steps: int) -> tuple[np.ndarray, np.ndarray]:
    """The singular values of G scaled to Frobenius norm 1, largest first, and what each becomes
    in newton_schulz(G, steps): the iteration keeps G's singular vectors u_i, v_i, so the i-th
    becomes u_iᵀ N v_i. (Sorting N's own singular values would mix the pairs up: the quintic is
    not monotonic.)"""
    U, before, Vt = np.linalg.svd(G / np.linalg.norm(G), full_matrices=False)
    after = np.einsum("ji,jk,ik->i", U, newton_schulz(G, steps), Vt)
    return before, after


def newton_schulz_figure(spread: float, steps: int) -> Figure:
    """Left: s -> p applied ``steps`` times (log s), the matrix's singular values marked;
    right: its singular values before and after."""
    before, after = singular_values_after(spread_matrix(spread), steps)
    fig, left, right = two_panels()
    left.semilogx(GRID, quintic_power(GRID, steps), color="C0", linewidth=2)
    left.semilogx(before, after, "o", color="C3", markersize=9)
    left.axhline(1, color="gray", linestyle="--")
    left.set_ylim(-0.05, 1.4)
    left.set_xlim(GRID[0], 1)
    title = f"{steps} Newton-Schulz step" + ("" if steps == 1 else "s")
    style_axes(left, "singular value s (scaled)", "after the iteration", title)
    index = np.arange(len(before))
    right.bar(index - 0.2, before, width=0.4, label="before (scaled)")
    right.bar(index + 0.2, after, width=0.4, label="after")
    right.axhline(1, color="gray", linestyle="--")
    right.set_ylim(0, 1.4)
    right.set_xticks(index)
    right.legend(fontsize=FONT_SIZES["legend"], loc="upper right")
    title = f"8x5 matrix, smallest/largest = {spread:.0e}"
    style_axes(right, "singular value number", "size", title)
    return fig


def newton_schulz_explorer() -> "ipywidgets.VBox":  # noqa: F821
    """A step-count slider and a spread slider (log) above the figure."""
    import ipywidgets as widgets

    steps = widgets.IntSlider(value=5, min=0, max=MAX_STEPS, description="steps")
    spread = log_slider("spread", 1e-2, SPREAD_EXPONENTS, step=0.5)

    def draw():
        call = f"newton_schulz(G, steps={steps.value}),G 是 8×5,奇异值从 1 到 {spread.value:.0e}"
        return call, newton_schulz_figure(spread.value, steps.value)

    return figure_explorer([steps, spread], draw)
