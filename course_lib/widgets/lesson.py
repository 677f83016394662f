"""The explorer at the end of each optimizer lesson (1-7): sliders that re-run its ``LessonRun``.

The work is done by plain functions (``explore_run``, ``explorer_figure``), tested like the
rest of course_lib; ``explorer`` only wires ipywidgets sliders to them.

One slider move must feel immediate, so the explorer differs from the lesson in two ways. It runs
on the exact gradient (the lesson's optimizer class on the lesson's rows, seed 0), where the
lessons take forward differences: their small bias is gone, so a curve differs from the lesson's
by about 0.1 % and a final MSE may differ in the fourth decimal. And the widget draws its figure
once and then only replaces the curve, the path and the titles (``ExplorerPicture``) instead of
building a new figure per move; ``explorer_figure`` draws the same picture from scratch.
"""

from dataclasses import dataclass
from io import BytesIO

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from course_lib.curves import LOSS_CAP, diverged, first_step, mse_curve, optimum_mse
from course_lib.gradients import start_theta
from course_lib.landscapes import BOWL_EXTENT, BOWL_START, bowl
from course_lib.optimizers import Optimizer, trajectory
from course_lib.plotting import clip_path, plot_loss, plot_paths
from course_lib.runs import LessonRun, lesson_run
from course_lib.widgets.picture import WIDGET_DPI, log_positions, two_panels

# Slider ranges per hyperparameter: (min, max, step); lr sliders are logarithmic (exponents).
LR_EXPONENTS = (-4.0, 0.0)
DECAY_RANGE = (0.0, 0.999, 0.001)
STEP_RANGE = (1, 5500, 1)
LIVE_STEPS = 2500  # lessons with at most this many steps redraw while a slider is dragged
KEPT_RUNS = 64  # slider positions whose runs a widget keeps (a 5500-step run: 50 kB)


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
    """The lr slider's values: exponents from LR_EXPONENTS in steps of 0.1, as the slider has."""
    return np.array(log_positions(*LR_EXPONENTS, 0.1))


def explore_run(
    run: LessonRun, x: np.ndarray, y: np.ndarray, steps: int | None = None, **overrides: float
) -> ExplorerRun:
    """Run the lesson's optimizer on the data (x, y) and on the bowl with these hyperparameters.

    On the data the run takes the exact gradient of the lesson's loss on the lesson's rows; on
    the bowl, the bowl's own rate times the slider's factor (``bowl_overrides``). Each run is
    checked for divergence by the one rule of ``curves.diverged``.
    """
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
        on_bowl = run.make_for_bowl(**bowl_overrides(run, overrides))
        path = trajectory(
            on_bowl, run.bowl_gradient(run.bowl_steps), np.array(BOWL_START), run.bowl_steps
        )
        diverged_at = first_step(diverged(curve))
        bowl_diverged_at = first_step(diverged(bowl(path[:, 0], path[:, 1])))
    optimum = optimum_mse(x, y)
    capped = np.where(np.isfinite(curve), np.minimum(curve, LOSS_CAP), LOSS_CAP)
    bowl_lr = getattr(on_bowl, "lr", None)
    return ExplorerRun(
        capped,
        path,
        diverged_at,
        loss_message(run, curve, diverged_at, optimum),
        optimum,
        bowl_lr,
        bowl_diverged_at,
        bowl_message(path, bowl_lr, bowl_diverged_at, on_bowl),
    )


def loss_message(run: LessonRun, curve: np.ndarray, diverged_at: int | None, optimum: float) -> str:
    """The loss panel's title: the final MSE, or the step it diverged at (and, for an optimizer
    with a learning rate, the advice to lower it)."""
    if diverged_at is None:
        return f"{run.name}: final MSE {curve[-1]:.4f} (optimum {optimum:.4f})"
    advice = ": lower the learning rate" if run.has_lr else ""
    return f"{run.name} diverged at step {diverged_at}{advice}"


def bowl_message(
    path: np.ndarray, lr: float | None, diverged_at: int | None, optimizer: Optimizer
) -> str:
    """The bowl panel's title: the rate it ran with (rho for AdaDelta, which has none) and where
    it ended, e.g. "bowl, lr = 0.4: f = 0.0032 after 40 steps" or "...: diverged at step 3"."""
    rate = f"lr = {lr:.3g}" if lr is not None else f"rho = {optimizer.rho:.3f}"
    if diverged_at is not None:
        return f"bowl, {rate}: diverged at step {diverged_at}"
    return f"bowl, {rate}: f = {bowl(*path[-1]):.2g} after {len(path) - 1} steps"


def bowl_overrides(run: LessonRun, overrides: dict[str, float]) -> dict[str, float]:
    """The decay constants carry over to the bowl; its learning rate scales with the slider's.

    The bowl has its own base rates (``LessonRun.bowl_hyperparameters``), so ``lr`` multiplies
    the bowl's rate by the factor it applies to the lesson's default.
    """
    on_bowl = dict(overrides)
    if "lr" in on_bowl:
        on_bowl["lr"] = run.bowl_hyperparameters["lr"] * on_bowl["lr"] / run.hyperparameters["lr"]
    return on_bowl


def explorer_figure(
    run: LessonRun, x: np.ndarray, y: np.ndarray, steps: int | None = None, **overrides: float
) -> Figure:
    """The loss curve against the optimum (log scale) beside the path on the bowl."""
    figure, left, right = two_panels()
    _draw(left, right, explore_run(run, x, y, steps, **overrides))
    return figure


def _draw(left, right, run):
    """Draw ``run`` into two empty panels: loss curve left, bowl path right.

    No legend over the data: the loss title states the optimum, the y label names the line."""
    plot_loss(
        run.curve, run.optimum, log=True, ylabel="MSE (dashed: optimum)", ax=left, title=run.message
    )
    left.get_legend().remove()
    plot_paths(bowl, {"": bowl_points(run)}, extent=BOWL_EXTENT, ax=right, title=run.bowl_message)
    (mark,) = right.plot(
        *_divergence_mark(run), "x", color="C3", markersize=14, markeredgewidth=3, clip_on=False
    )
    mark.set_in_layout(False)  # drawn on the border; empty, it would count as a point at (0, 0)


def bowl_points(run: ExplorerRun) -> np.ndarray:
    """The bowl path as drawn: up to the step it diverged at, clipped to the bowl's extent."""
    end = len(run.path) if run.bowl_diverged_at is None else run.bowl_diverged_at + 1
    return clip_path(run.path[:end], BOWL_EXTENT)


def _divergence_mark(run):
    """Where the red cross goes: the last drawn point of a diverged bowl run, else nowhere."""
    if run.bowl_diverged_at is None:
        return [], []
    return bowl_points(run)[-1:].T


class ExplorerPicture:
    """``explorer_figure``'s picture, kept for the widget: drawn once, then updated in place.

    Outside pyplot (nothing to close, nothing the notebook shows twice). A PNG pastes a bitmap of
    everything but the curve, the reference line, the titles, the path and its divergence mark,
    and draws only those on top. The bitmap depends on the loss axes' limits alone (the bowl's
    contours never change), so one is kept per limits: moving lr or a decay rarely changes them
    (the curve starts at the same loss and never drops below the optimum).
    """

    KEPT_BACKGROUNDS = 16  # bitmaps of 1 to 2 MB each

    def __init__(self, run: ExplorerRun, dpi: float = WIDGET_DPI):
        self.figure, self.loss_axes, self.bowl_axes = two_panels()
        self.figure.set_dpi(dpi)
        self.canvas = FigureCanvasAgg(self.figure)
        _draw(self.loss_axes, self.bowl_axes, run)
        self.curve, self.reference = self.loss_axes.get_lines()
        self.path, self.start, self.mark = self.bowl_axes.get_lines()
        # what changes, and what a full draw paints over it (the axes' frames)
        self.on_top = {
            axes: _in_drawing_order(axes, [*changing, axes.title, *axes.spines.values()])
            for axes, changing in (
                (self.loss_axes, [self.curve, self.reference]),
                (self.bowl_axes, [self.path, self.start, self.mark]),
            )
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


def live(run: LessonRun) -> bool:
    """Whether the run's hyperparameter sliders redraw while dragged: when its lesson runs at
    most LIVE_STEPS steps, so one redraw takes about 100 ms or less (measured by
    tools/benchmark_explorer.py; AdaDelta's and Adam's 5500 steps take longer). The steps slider
    redraws on release only: each new count also redraws the loss axes' ticks."""
    return run.steps <= LIVE_STEPS


def _sliders(run):
    """One slider per hyperparameter of the run (lr on a log scale) and one for the step count,
    at the lesson's values; see ``live`` for which report while dragged."""
    import ipywidgets as widgets  # only the explorer needs it

    sliders = {}
    for key, value in run.hyperparameters.items():
        if key == "lr":
            sliders[key] = widgets.FloatLogSlider(
                value=value,
                base=10,
                min=LR_EXPONENTS[0],
                max=LR_EXPONENTS[1],
                step=0.1,
                description="lr",
                readout_format=".1e",
                continuous_update=live(run),
            )
        else:
            sliders[key] = widgets.FloatSlider(
                value=value,
                min=DECAY_RANGE[0],
                max=DECAY_RANGE[1],
                step=DECAY_RANGE[2],
                description=key,
                readout_format=".3f",
                continuous_update=live(run),
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


def optimizer_call(run: LessonRun, position: dict[str, float]) -> str:
    """The run at these slider values as code, e.g. ``Momentum(lr=1.0e-03, beta=0.800)`` and
    its step count, shown above the explorer's figure."""
    arguments = ", ".join(
        f"{key}={position[key]:.1e}" if key == "lr" else f"{key}={position[key]:.3f}"
        for key in run.hyperparameters
    )
    return f"{run.optimizer.__name__}({arguments}),{position['steps']} 步,精确梯度"


def explorer(name: str, x: np.ndarray, y: np.ndarray) -> "ipywidgets.VBox":  # noqa: F821
    """Sliders for the hyperparameters and step count of lesson run ``name`` (``LESSON_RUNS``),
    the optimizer they make (``optimizer_call``) and its figure, redrawn as a slider moves.
    Returns the widget (a VBox) for the cell to show.

    Each move runs ``explore_run`` (the last runs are kept, so dragging back costs no run) and
    updates one ``ExplorerPicture``. The browser sends a slider's next value only once the kernel
    has answered the last one, merging the values in between, so a slow redraw skips stale
    positions instead of piling them up; a position equal to the one shown is not redrawn.
    """
    import ipywidgets as widgets  # only the explorer needs it

    run = lesson_run(name)
    sliders = _sliders(run)
    runs = {}  # slider positions -> ExplorerRun, the most recent last

    def values():
        return {key: slider.value for key, slider in sliders.items()}

    def run_at(position):
        key = tuple(position.items())
        result = runs.pop(key, None) or explore_run(run, x, y, **position)
        runs[key] = result
        if len(runs) > KEPT_RUNS:
            del runs[next(iter(runs))]
        return result

    shown = values()
    picture = ExplorerPicture(run_at(shown))
    call = widgets.Label(value=optimizer_call(run, shown))
    image = widgets.Image(value=picture.png(), format="png")

    def redraw(_change):
        nonlocal shown
        if values() == shown:
            return
        shown = values()
        call.value = optimizer_call(run, shown)
        picture.update(run_at(shown))
        image.value = picture.png()

    for slider in sliders.values():
        slider.observe(redraw, names="value")
    return widgets.VBox([*sliders.values(), call, image])
