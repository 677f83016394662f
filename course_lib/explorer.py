"""The explorer at the end of each optimizer lesson: sliders that re-run the optimizer.

The work is done by plain functions (``explore_run``, ``explorer_figure``, ``figure_png``),
tested like the rest of course_lib; ``explorer`` only wires ipywidgets sliders to them.

One slider move must feel immediate, so the explorer differs from the lesson in two ways. It runs
on the exact gradient (the lesson's optimizer class on the lesson's rows, seed 0), where the
lessons take forward differences: their small bias is gone, so a curve differs from the lesson's
by about 0.1 % and a final MSE may differ in the fourth decimal. And the widget draws its figure
once and then only replaces the curve, the path and the title (``ExplorerPicture``) instead of
building a new figure per move; ``explorer_figure`` draws the same picture from scratch.

The explorer shows its figure in an ``ipywidgets.Image`` (PNG bytes), not through an Output
widget as ``ipywidgets.interact`` does: nbclient (nbconvert, papermill, Jupyter Book) answers
every output captured by an Output widget by sending on the kernel's shell socket while it waits
on that socket for the cell's reply, and that send can swallow the reply's wake-up, so the
execution hangs forever (jupyter/nbclient#312). Without an Output widget nbclient sends nothing.
"""

from dataclasses import dataclass
from io import BytesIO
from types import MappingProxyType

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from course_lib.curves import LOSS_CAP, mse_curve, optimum_mse
from course_lib.gradients import start_theta
from course_lib.landscapes import BOWL_EXTENT, BOWL_START, bowl
from course_lib.lesson_runs import lesson_run
from course_lib.optimizers import trajectory
from course_lib.plotting import clip_path, plot_loss, plot_paths

# Slider ranges per hyperparameter: (min, max, step); lr sliders are logarithmic (exponents).
LR_EXPONENTS = (-4.0, 0.0)
DECAY_RANGE = (0.0, 0.999, 0.001)
STEP_RANGE = (1, 5500, 1)
FIGSIZE = (14, 5)  # inches: the loss curve and the bowl side by side
LIVE_STEPS = 2500  # lessons with at most this many steps redraw while a slider is dragged
KEPT_RUNS = 64  # slider positions whose runs a widget keeps (a 5500-step run: 50 kB)
WIDGET_DPI = 72  # the widget's PNG: 1008 x 360 pixels, whole beside the sliders at 1280 x 720
# Fixed margins (figure fractions) of the two-panel 14 x 5 in widget figures of lessons 9, 10 and
# 11: what constrained layout gives them, made wide enough for every slider position (and for a
# last x tick label at the right edge), so that a first draw computes no layout
# (tests/test_geometry.py, tests/test_schedule_explorer.py, tests/test_nonconvex.py)
WIDGET_MARGINS = MappingProxyType(
    {"left": 0.085, "right": 0.98, "bottom": 0.12, "top": 0.93, "wspace": 0.3}
)


@dataclass(frozen=True)
class ExplorerRun:
    """What one slider position produced: on the airfoil data (left) and on the bowl (right)."""

    curve: np.ndarray  # MSE after each step on the airfoil data, capped at LOSS_CAP
    path: np.ndarray  # iterates on the 2-D bowl
    diverged_at: int | None  # first step whose loss is not finite or above the cap
    message: str  # one line for the loss panel's title
    optimum: float  # the least-squares MSE, for the reference line
    bowl_lr: float | None = None  # the learning rate the bowl run used (None: it has none)
    bowl_diverged_at: int | None = None  # first step whose bowl value is not finite or > cap
    bowl_message: str = ""  # one line for the bowl panel's title


def slider_lrs() -> np.ndarray:
    """The lr slider's values: exponents from LR_EXPONENTS in steps of 0.1, as the slider has.

    Each is Python's ``10.0 ** exponent``, as the slider computes its value: NumPy's vectorized
    power is not correctly rounded on every CPU (numpy 1.26 gave 9.999999999999999e-05 for
    10 ** -4 on one).
    """
    exponents = np.round(np.arange(LR_EXPONENTS[0], LR_EXPONENTS[1] + 0.05, 0.1), 1)
    return np.array([10.0 ** float(exponent) for exponent in exponents])


def panels_disagree(name: str, x: np.ndarray, y: np.ndarray) -> list[float]:
    """The lr slider values (lesson's step count) at which the run on the data does not diverge
    but the run on the bowl does: where the two panels' titles disagree."""
    return [
        float(lr)
        for lr in slider_lrs()
        if (run := explore_run(name, x, y, lr=lr)).diverged_at is None
        and run.bowl_diverged_at is not None
    ]


def hyperparameter_names(name: str) -> list[str]:
    """The slider names for optimizer ``name``: its lesson's hyperparameters, e.g. lr, beta."""
    return list(lesson_run(name).hyperparameters)


def explore_run(
    name: str, x: np.ndarray, y: np.ndarray, steps: int | None = None, **overrides: float
) -> ExplorerRun:
    """Run optimizer ``name`` on the data (x, y) and on the bowl with these hyperparameters.

    On the data the run takes the exact gradient of the lesson's loss on the lesson's rows; on
    the bowl, the bowl's own rate times the slider's factor (``bowl_hyperparameters``). Each run
    is checked for divergence the same way: a value not finite or above LOSS_CAP.
    """
    run = lesson_run(name)
    steps = run.steps if steps is None else int(steps)
    if steps < 1:
        raise ValueError(f"steps must be at least 1, not {steps}")
    with np.errstate(all="ignore"):
        thetas = trajectory(
            run.make(**overrides),
            run.gradient(x, y, steps, exact=True),
            start_theta(x.shape[1]),
            steps,
        )
        curve = mse_curve(thetas, x, y)
        on_bowl = run.make_for_bowl(**bowl_hyperparameters(name, overrides))
        path = trajectory(
            on_bowl, run.bowl_gradient(run.bowl_steps), np.array(BOWL_START), run.bowl_steps
        )
        diverged_at = first_divergence(curve)
        bowl_diverged_at = first_divergence(bowl(path[:, 0], path[:, 1]))
    optimum = optimum_mse(x, y)
    message = loss_message(name, curve, diverged_at, optimum)
    capped = np.where(np.isfinite(curve), np.minimum(curve, LOSS_CAP), LOSS_CAP)
    bowl_lr = getattr(on_bowl, "lr", None)
    return ExplorerRun(
        capped,
        path,
        diverged_at,
        message,
        optimum,
        bowl_lr,
        bowl_diverged_at,
        bowl_message(path, bowl_lr, bowl_diverged_at, on_bowl),
    )


def loss_message(name: str, curve: np.ndarray, diverged_at: int | None, optimum: float) -> str:
    """The loss panel's title: the final MSE, or the step it diverged at (and, for an optimizer
    with a learning rate, the advice to lower it)."""
    if diverged_at is None:
        return f"{name}: final MSE {curve[-1]:.4f} (optimum {optimum:.4f})"
    advice = ": lower the learning rate" if "lr" in lesson_run(name).hyperparameters else ""
    return f"{name} diverged at step {diverged_at}{advice}"


def first_divergence(values: np.ndarray) -> int | None:
    """The first index whose value is not finite or above LOSS_CAP; None if there is none."""
    with np.errstate(invalid="ignore"):
        bad = np.flatnonzero(~(np.asarray(values) <= LOSS_CAP))
    return int(bad[0]) if bad.size else None


def bowl_message(
    path: np.ndarray, lr: float | None, diverged_at: int | None, optimizer: object
) -> str:
    """The bowl panel's title: the rate it ran with (rho for AdaDelta, which has none) and where
    it ended, e.g. "bowl, lr = 0.4: f = 0.0032 after 40 steps" or "...: diverged at step 3"."""
    rate = f"lr = {lr:.3g}" if lr is not None else f"rho = {optimizer.rho:.3f}"
    if diverged_at is not None:
        return f"bowl, {rate}: diverged at step {diverged_at}"
    return f"bowl, {rate}: f = {bowl(*path[-1]):.2g} after {len(path) - 1} steps"


def bowl_hyperparameters(name: str, overrides: dict[str, float]) -> dict[str, float]:
    """The decay constants carry over to the bowl; its learning rate scales with the slider's.

    The bowl has its own base rates (``LessonRun.bowl_hyperparameters``), so ``lr`` multiplies
    the bowl's rate by the factor it applies to the lesson's default.
    """
    run = lesson_run(name)
    on_bowl = dict(overrides)
    if "lr" in on_bowl:
        on_bowl["lr"] = run.bowl_hyperparameters["lr"] * on_bowl["lr"] / run.hyperparameters["lr"]
    return on_bowl


def explorer_figure(
    name: str, x: np.ndarray, y: np.ndarray, steps: int | None = None, **overrides: float
) -> Figure:
    """The loss curve against the optimum (log scale) beside the path on the bowl."""
    run = explore_run(name, x, y, steps, **overrides)
    fig = plt.figure(figsize=FIGSIZE, layout="constrained")
    _draw(fig, name, run)
    return fig


def _draw(fig, name, run):
    """Draw ``run`` into the empty figure ``fig``: loss curve left, bowl path right.

    No legend over the data: the loss title states the optimum, the y label names the line."""
    left, right = fig.subplots(1, 2)
    plot_loss(
        run.curve, run.optimum, log=True, ylabel="MSE (dashed: optimum)", ax=left, title=run.message
    )
    left.get_legend().remove()
    plot_paths(bowl, {"": bowl_points(run)}, extent=BOWL_EXTENT, ax=right, title=run.bowl_message)
    (mark,) = right.plot(
        *_divergence_mark(run), "x", color="C3", markersize=14, markeredgewidth=3, clip_on=False
    )
    mark.set_in_layout(False)  # drawn on the border, never moving the panels
    return left, right


def bowl_points(run: ExplorerRun) -> np.ndarray:
    """The bowl path as drawn: up to the step it diverged at, clipped to the bowl's extent."""
    end = len(run.path) if run.bowl_diverged_at is None else run.bowl_diverged_at + 1
    return clip_path(run.path[:end], BOWL_EXTENT)


def _divergence_mark(run):
    """Where the red cross goes: the last drawn point of a diverged bowl run, else nowhere."""
    if run.bowl_diverged_at is None:
        return [], []
    return bowl_points(run)[-1:].T


def figure_png(fig: Figure, tight: bool = True) -> bytes:
    """``fig`` rendered as PNG bytes; the figure is closed, so pyplot neither keeps nor shows it.

    ``tight``: cropped to the drawn content, as a notebook shows a figure (the layout and the
    texts' extents are computed before the drawing); ``tight=False``: the whole canvas, drawn once
    at a fast zlib level, for a widget figure whose fixed margins already fit its texts
    (``WIDGET_MARGINS``).
    """
    buffer = BytesIO()
    try:
        if tight:
            fig.savefig(buffer, format="png", bbox_inches="tight")
        else:
            fig.savefig(buffer, format="png", pil_kwargs={"compress_level": 1})
    finally:
        plt.close(fig)
    return buffer.getvalue()


class ExplorerPicture:
    """``explorer_figure``'s picture, kept for the widget: drawn once, then updated in place.

    Outside pyplot (nothing to close, nothing the notebook shows twice). The first draw fixes the
    layout; after that a PNG pastes a bitmap of everything but the curve, the reference line, the
    titles, the path and its divergence mark, and draws only those on top. The bitmap depends on
    the loss axes' limits alone (the bowl's contours never change), so one is kept per limits:
    moving lr or a decay rarely changes them (the curve starts at the same loss and never drops
    below the optimum).
    """

    KEPT_BACKGROUNDS = 16  # bitmaps of 1 to 2 MB each

    def __init__(self, name: str, run: ExplorerRun, dpi: float = WIDGET_DPI):
        self.figure = Figure(figsize=FIGSIZE, dpi=dpi, layout="constrained")
        self.canvas = FigureCanvasAgg(self.figure)
        self.loss_axes, self.bowl_axes = _draw(self.figure, name, run)
        self.curve, self.reference = self.loss_axes.get_lines()
        self.path, self.start, self.mark = self.bowl_axes.get_lines()
        self.canvas.draw()  # constrained layout, once; then every artist stays where it is
        self.figure.set_layout_engine("none")
        # the titles stay where the layout put them, not re-placed above the ticks at every draw
        for axes in (self.loss_axes, self.bowl_axes):
            axes.set_title(
                axes.get_title(), fontsize=axes.title.get_fontsize(), y=axes.title.get_position()[1]
            )
        # what changes, and what a full draw paints over it (the axes' frames)
        self.on_top = {
            self.loss_axes: _in_drawing_order(
                self.loss_axes,
                [
                    self.curve,
                    self.reference,
                    self.loss_axes.title,
                    *self.loss_axes.spines.values(),
                ],
            ),
            self.bowl_axes: _in_drawing_order(
                self.bowl_axes,
                [
                    self.path,
                    self.start,
                    self.mark,
                    self.bowl_axes.title,
                    *self.bowl_axes.spines.values(),
                ],
            ),
        }
        self.backgrounds = {}

    def update(self, run: ExplorerRun) -> None:
        """Show ``run``: its curve, messages, path and divergence mark, the loss axes rescaled."""
        self.curve.set_data(np.arange(len(run.curve)), run.curve)
        self.loss_axes.title.set_text(run.message)
        self.loss_axes.relim()
        self.loss_axes.autoscale_view()
        self.path.set_data(*bowl_points(run).T)
        self.mark.set_data(*_divergence_mark(run))
        self.bowl_axes.title.set_text(run.bowl_message)

    def png(self) -> bytes:
        """The picture as PNG bytes (fast zlib level: the bytes only travel to the browser)."""
        self.canvas.restore_region(self._background())
        for axes, artists in self.on_top.items():
            for artist in artists:
                axes.draw_artist(artist)
        buffer = BytesIO()
        Image.frombuffer(
            "RGBA", self.canvas.get_width_height(), self.canvas.buffer_rgba(), "raw", "RGBA", 0, 1
        ).save(buffer, format="png", compress_level=1)
        return buffer.getvalue()

    def _background(self):
        """The bitmap under the changing artists, for the loss axes' current limits."""
        key = tuple(
            f"{limit:.9g}" for limit in (*self.loss_axes.get_xlim(), *self.loss_axes.get_ylim())
        )
        if key not in self.backgrounds:
            changing = [artist for artists in self.on_top.values() for artist in artists]
            for artist in changing:
                artist.set_visible(False)
            self.canvas.draw()
            for artist in changing:
                artist.set_visible(True)
            if len(self.backgrounds) >= self.KEPT_BACKGROUNDS:
                del self.backgrounds[next(iter(self.backgrounds))]  # the oldest
            self.backgrounds[key] = self.canvas.copy_from_bbox(self.figure.bbox)
        return self.backgrounds[key]


def _in_drawing_order(axes, artists):
    """``artists`` of ``axes`` in the order ``axes.draw`` paints them (by zorder, stable)."""
    return [
        child
        for child in sorted(axes.get_children(), key=lambda child: child.get_zorder())
        if any(child is artist for artist in artists)
    ]


def live(name: str) -> bool:
    """Whether optimizer ``name``'s hyperparameter sliders redraw while dragged: when its lesson
    runs at most LIVE_STEPS steps, so one redraw takes about 100 ms or less (measured by
    tests/benchmark_explorer.py; AdaDelta's and Adam's 5500 steps take longer). The steps slider
    redraws on release only: each new count also redraws the loss axes' ticks."""
    return lesson_run(name).steps <= LIVE_STEPS


def _sliders(name):
    """One slider per hyperparameter of optimizer ``name`` (lr on a log scale) and one for the
    step count, at the lesson's values; see ``live`` for which report while dragged."""
    import ipywidgets as widgets  # only the explorer needs it

    run = lesson_run(name)
    defaults = run.hyperparameters
    sliders = {}
    for key in hyperparameter_names(name):
        if key == "lr":
            sliders[key] = widgets.FloatLogSlider(
                value=defaults[key],
                base=10,
                min=LR_EXPONENTS[0],
                max=LR_EXPONENTS[1],
                step=0.1,
                description="lr",
                readout_format=".1e",
                continuous_update=live(name),
            )
        else:
            sliders[key] = widgets.FloatSlider(
                value=defaults[key],
                min=DECAY_RANGE[0],
                max=DECAY_RANGE[1],
                step=DECAY_RANGE[2],
                description=key,
                readout_format=".3f",
                continuous_update=live(name),
            )
    sliders["steps"] = widgets.IntSlider(
        value=run.steps,
        min=STEP_RANGE[0],
        max=STEP_RANGE[1],
        step=STEP_RANGE[2],
        description="steps",
        continuous_update=False,
    )
    return sliders


def optimizer_call(name: str, position: dict[str, float]) -> str:
    """The run at these slider values as code, e.g. ``Momentum(lr=1.0e-03, beta=0.800)`` and
    its step count, shown above the explorer's figure."""
    run = lesson_run(name)
    arguments = ", ".join(
        f"{key}={position[key]:.1e}" if key == "lr" else f"{key}={position[key]:.3f}"
        for key in run.hyperparameters
    )
    return f"{run.optimizer.__name__}({arguments}),{position['steps']} 步,精确梯度"


def explorer(name: str, x: np.ndarray, y: np.ndarray) -> "ipywidgets.VBox":  # noqa: F821
    """Sliders for optimizer ``name``'s hyperparameters and step count, the optimizer they make
    (``optimizer_call``) and its figure, redrawn as a slider moves. Returns the widget (a VBox)
    for the cell to show.

    Each move runs ``explore_run`` (the last runs are kept, so dragging back costs no run) and
    updates one ``ExplorerPicture``. The browser sends a slider's next value only once the kernel
    has answered the last one, merging the values in between, so a slow redraw skips stale
    positions instead of piling them up; a position equal to the one shown is not redrawn.
    """
    import ipywidgets as widgets  # only the explorer needs it

    sliders = _sliders(name)
    runs = {}  # slider positions -> ExplorerRun, the most recent last

    def values():
        return {key: slider.value for key, slider in sliders.items()}

    def run_at(position):
        key = tuple(position.items())
        run = runs.pop(key, None) or explore_run(name, x, y, **position)
        runs[key] = run
        if len(runs) > KEPT_RUNS:
            del runs[next(iter(runs))]
        return run

    shown = values()
    picture = ExplorerPicture(name, run_at(shown))
    call = widgets.Label(value=optimizer_call(name, shown))
    image = widgets.Image(value=picture.png(), format="png")

    def redraw(_change):
        nonlocal shown
        if values() == shown:
            return
        shown = values()
        call.value = optimizer_call(name, shown)
        picture.update(run_at(shown))
        image.value = picture.png()

    for slider in sliders.values():
        slider.observe(redraw, names="value")
    return widgets.VBox([*sliders.values(), call, image])
