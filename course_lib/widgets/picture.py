"""What every explorer shares: the picture's size and margins, its PNG, the slider box.

An explorer shows its figure as PNG bytes in an ``ipywidgets.Image``, not through an Output
widget as ``ipywidgets.interact`` does: nbclient (nbconvert, papermill, Jupyter Book) answers
every output captured by an Output widget by sending on the kernel's shell socket while it waits
on that socket for the cell's reply, and that send can swallow the reply's wake-up, so the
execution hangs forever (jupyter/nbclient#312). Without an Output widget nbclient sends nothing.

ipywidgets is imported only when an explorer is built, so that the plain functions behind each
slider move (a run, a figure) import and test without it.
"""

from collections.abc import Callable, Sequence
from io import BytesIO
from types import MappingProxyType

from matplotlib import rc_context
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

WIDGET_FIGSIZE = (14, 5)  # inches: two panels side by side
WIDGET_DPI = 72  # the PNG: 1008 x 360 pixels, whole beside the sliders at 1280 x 720
# Fixed margins (figure fractions) of every widget picture, wide enough for every slider position
# (and for a last x tick label at the right edge), so that no draw computes a layout
# (the figure tests of tests/test_explorer.py, test_geometry.py, test_schedule_explorer.py and
# test_nonconvex.py check that each fits its canvas).
WIDGET_MARGINS = MappingProxyType(
    {"left": 0.085, "right": 0.98, "bottom": 0.12, "top": 0.93, "wspace": 0.3}
)


def two_panels(figure: Figure | None = None) -> tuple[Figure, Axes, Axes]:
    """A widget picture's figure (outside pyplot) and its two panels, at WIDGET_MARGINS.

    The titles sit at a fixed height (no ticks on top to clear), so that a draw measures no tick
    labels to place them."""
    figure = Figure(figsize=WIDGET_FIGSIZE, dpi=WIDGET_DPI) if figure is None else figure
    FigureCanvasAgg(figure)  # drawn off screen, never by pyplot
    with rc_context({"axes.titley": 1.0}):
        left, right = figure.subplots(1, 2, gridspec_kw=WIDGET_MARGINS)
    return figure, left, right


def widget_png(figure: Figure) -> bytes:
    """``figure`` as PNG bytes, the whole canvas drawn once at a fast zlib level (the bytes only
    travel to the browser); its fixed margins already fit its texts, so nothing is cropped."""
    buffer = BytesIO()
    figure.savefig(buffer, format="png", pil_kwargs={"compress_level": 1})
    return buffer.getvalue()


def log_positions(low: float, high: float, step: float) -> tuple[float, ...]:
    """A log slider's values: 10**e for exponents e from ``low`` to ``high`` in steps of ``step``,
    each Python's ``10.0 ** e`` as the slider computes it (NumPy's vectorized power is not
    correctly rounded on every CPU: numpy 1.26 gave 9.999999999999999e-05 for 10 ** -4 on one)."""
    count = round((high - low) / step)
    return tuple(10.0 ** round(low + k * step, 2) for k in range(count + 1))


def log_slider(description: str, value: float, exponents: tuple[float, float], step: float = 0.1):
    """A slider over powers of ten, 10**exponents[0] to 10**exponents[1], as a learning rate."""
    import ipywidgets as widgets

    return widgets.FloatLogSlider(
        value=value,
        base=10,
        min=exponents[0],
        max=exponents[1],
        step=step,
        description=description,
    )


def figure_explorer(
    controls: Sequence["ipywidgets.ValueWidget"],  # noqa: F821
    draw: Callable[[], tuple[str, Figure]],
) -> "ipywidgets.VBox":  # noqa: F821
    """``controls`` in a row above a label and a picture: at the start and after every move,
    ``draw()`` gives the label's text (the run as code) and the figure shown."""
    import ipywidgets as widgets

    label, image = widgets.Label(), widgets.Image(format="png")

    def redraw(_change=None):
        label.value, figure = draw()
        image.value = widget_png(figure)

    for control in controls:
        control.observe(redraw, names="value")
    redraw()
    return widgets.VBox([widgets.HBox(list(controls)), label, image])
