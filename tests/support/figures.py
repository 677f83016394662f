"""Readability checks of figures, as a learner sees them in JupyterLab and a class on a projector.

Readable means: shown as JupyterLab shows it (saved whole at the figure's dpi, scaled down to the
DISPLAY_WIDTH of a notebook cell at 1280 x 720 if wider), every text is at least MIN_TEXT_PX
pixels tall (``smallest_text_px``), everything drawn lies inside the canvas (``fits_canvas``),
no two panels overlap (``panels_overlap``) and no legend covers a drawn point
(``legend_covers_data``).
"""

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Text

DISPLAY_WIDTH = 968  # px: a notebook cell's width in JupyterLab at 1280 x 720
MIN_TEXT_PX = 10  # px: the smallest text a back row reads


def smallest_text_px(
    fig: Figure, display_width: float = DISPLAY_WIDTH, tight: bool = False
) -> float:
    """Pixel size of the smallest drawn text of ``fig`` as a notebook shows it: the whole canvas
    saved at the figure's dpi, as the lessons and the explorers' widgets save it (``tight=True``:
    cropped with ``bbox_inches="tight"``, as ``widget_png(fig, tight=True)`` does), scaled down to
    ``display_width`` if wider.

    Font size in pt x dpi / 72 x min(1, display_width / saved width in px).
    """
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    saved_width = fig.bbox.width
    if tight:  # savefig pads the tight box by 0.1 inch on each side
        saved_width = (fig.get_tightbbox(renderer).width + 0.2) * fig.dpi
    sizes = [text.get_fontsize() for text in drawn_texts(fig)]
    return min(sizes) * fig.dpi / 72 * min(1.0, display_width / saved_width)


def drawn_texts(fig: Figure) -> list[Text]:
    """The visible, non-empty texts of a drawn ``fig`` that lie inside the figure."""
    renderer = fig.canvas.get_renderer()
    texts = []
    for text in fig.findobj(Text):
        if not text.get_visible() or not text.get_text().strip():
            continue
        if fig.bbox.overlaps(text.get_window_extent(renderer)):
            texts.append(text)
    return texts


def fits_canvas(fig: Figure) -> bool:
    """Whether everything drawn of ``fig`` (texts, ticks, legends) lies inside its canvas: what a
    figure with fixed margins, saved whole (not cropped to its content), must satisfy."""
    fig.canvas.draw()
    content = fig.get_tightbbox(fig.canvas.get_renderer())  # in inches
    width, height = fig.get_size_inches()
    return min(content.x0, content.y0) >= 0 and content.x1 <= width and content.y1 <= height


def panels_overlap(fig: Figure) -> bool:
    """Whether any two axes of ``fig`` overlap, each with its ticks, labels and title."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [ax.get_tightbbox(renderer) for ax in fig.axes]
    return any(first.overlaps(second) for i, first in enumerate(boxes) for second in boxes[i + 1 :])


def legend_covers_data(ax: Axes) -> bool:
    """Whether ``ax``'s legend (drawn inside the axes) lies over any point of its lines."""
    legend = ax.get_legend()
    if legend is None:
        return False
    ax.figure.canvas.draw()
    box = legend.get_window_extent()
    for line in ax.get_lines():
        points = line.get_transform().transform(np.asarray(line.get_xydata(), dtype=float))
        points = _densified(points[np.all(np.isfinite(points), axis=1)])
        inside = (
            (points[:, 0] >= box.x0)
            & (points[:, 0] <= box.x1)
            & (points[:, 1] >= box.y0)
            & (points[:, 1] <= box.y1)
        )
        if inside.any():
            return True
    return False


def _densified(points: np.ndarray, per_segment: int = 20) -> np.ndarray:
    """Points along each segment of a polyline, not only its vertices."""
    if len(points) < 2:
        return points
    t = np.linspace(0, 1, per_segment)[:, np.newaxis, np.newaxis]
    return (points[:-1] + t * (points[1:] - points[:-1])).reshape(-1, 2)
