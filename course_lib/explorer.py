"""The explorer at the end of each optimizer lesson: sliders that re-run the optimizer.

The work is done by plain functions (``explore_run``, ``explorer_figure``, ``figure_png``),
tested like the rest of course_lib; ``explorer`` only wires ipywidgets sliders to them.

The explorer shows its figure in an ``ipywidgets.Image`` (PNG bytes), not through an Output
widget as ``ipywidgets.interact`` does: nbclient (nbconvert, papermill, Jupyter Book) answers
every output captured by an Output widget by sending on the kernel's shell socket while it waits
on that socket for the cell's reply, and that send can swallow the reply's wake-up, so the
execution hangs forever (jupyter/nbclient#312). Without an Output widget nbclient sends nothing.
"""

from dataclasses import dataclass
from io import BytesIO

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from course_lib.curves import LOSS_CAP, mse_curve, optimum_mse
from course_lib.gradients import start_theta
from course_lib.landscapes import BOWL_EXTENT, BOWL_START, bowl
from course_lib.lesson_runs import lesson_run
from course_lib.optimizers import trajectory
from course_lib.plotting import plot_loss, plot_paths

# Slider ranges per hyperparameter: (min, max, step); lr sliders are logarithmic (exponents).
LR_EXPONENTS = (-4.0, 0.0)
DECAY_RANGE = (0.0, 0.999, 0.001)
STEP_RANGE = (1, 5500, 1)


@dataclass(frozen=True)
class ExplorerRun:
    """What one slider position produced."""

    curve: np.ndarray      # MSE after each step on the airfoil data, capped at LOSS_CAP
    path: np.ndarray       # iterates on the 2-D bowl
    diverged_at: int | None  # first step whose loss is not finite or above the cap
    message: str           # one line for the figure title
    optimum: float         # the least-squares MSE, for the reference line


def hyperparameter_names(name: str) -> list[str]:
    """The slider names for optimizer ``name``: its lesson's hyperparameters, e.g. lr, beta."""
    return list(lesson_run(name).hyperparameters)


def explore_run(name: str, x: np.ndarray, y: np.ndarray, steps: int | None = None,
                **overrides: float) -> ExplorerRun:
    """Run optimizer ``name`` on the data (x, y) and on the bowl with these hyperparameters."""
    run = lesson_run(name)
    steps = run.steps if steps is None else int(steps)
    if steps < 1:
        raise ValueError(f"steps must be at least 1, not {steps}")
    with np.errstate(all="ignore"):
        thetas = trajectory(run.make(**overrides), run.gradient(x, y, steps),
                            start_theta(x.shape[1]), steps)
        curve = mse_curve(thetas, x, y)
        path = trajectory(run.make_for_bowl(**_bowl_hyperparameters(name, overrides)),
                          run.bowl_gradient(run.bowl_steps), np.array(BOWL_START),
                          run.bowl_steps)
    bad = np.flatnonzero(~np.isfinite(curve) | (curve > LOSS_CAP))
    diverged_at = int(bad[0]) if bad.size else None
    optimum = optimum_mse(x, y)
    if diverged_at is None:
        message = f"{name}: final MSE {curve[-1]:.4f} (optimum {optimum:.4f})"
    else:
        message = f"{name} diverged at step {diverged_at}: lower the learning rate"
    capped = np.where(np.isfinite(curve), np.minimum(curve, LOSS_CAP), LOSS_CAP)
    return ExplorerRun(capped, path, diverged_at, message, optimum)


def _bowl_hyperparameters(name, overrides):
    """The decay constants carry over to the bowl; its learning rate scales with the slider's.

    The bowl has its own base rates (``LessonRun.bowl_hyperparameters``), so ``lr`` multiplies
    the bowl's rate by the factor it applies to the lesson's default.
    """
    run = lesson_run(name)
    on_bowl = dict(overrides)
    if "lr" in on_bowl:
        on_bowl["lr"] = (run.bowl_hyperparameters["lr"] * on_bowl["lr"]
                         / run.hyperparameters["lr"])
    return on_bowl


def explorer_figure(name: str, x: np.ndarray, y: np.ndarray, steps: int | None = None,
                    **overrides: float) -> Figure:
    """The loss curve against the optimum (log scale) beside the path on the bowl."""
    run = explore_run(name, x, y, steps, **overrides)
    fig, (left, right) = plt.subplots(1, 2, figsize=(14, 5), layout="constrained")
    plot_loss(run.curve, run.optimum, log=True, ylabel="MSE", ax=left, title=run.message)
    plot_paths(bowl, {"": np.nan_to_num(run.path)}, extent=BOWL_EXTENT, ax=right,
               title=f"{name} on 0.1 x1² + 2 x2²")
    return fig


def figure_png(fig: Figure) -> bytes:
    """``fig`` rendered as PNG bytes; the figure is closed, so pyplot neither keeps nor shows it."""
    buffer = BytesIO()
    try:
        fig.savefig(buffer, format="png", bbox_inches="tight")
    finally:
        plt.close(fig)
    return buffer.getvalue()


def _sliders(name):
    """One slider per hyperparameter of optimizer ``name`` (lr on a log scale) and one for the
    step count, at the lesson's values; each reports its value only when released."""
    import ipywidgets as widgets  # only the explorer needs it

    run = lesson_run(name)
    defaults = run.hyperparameters
    sliders = {}
    for key in hyperparameter_names(name):
        if key == "lr":
            sliders[key] = widgets.FloatLogSlider(value=defaults[key], base=10, min=LR_EXPONENTS[0],
                                                  max=LR_EXPONENTS[1], step=0.1, description="lr",
                                                  readout_format=".1e", continuous_update=False)
        else:
            sliders[key] = widgets.FloatSlider(value=defaults[key], min=DECAY_RANGE[0],
                                               max=DECAY_RANGE[1], step=DECAY_RANGE[2],
                                               description=key, readout_format=".3f",
                                               continuous_update=False)
    sliders["steps"] = widgets.IntSlider(value=run.steps, min=STEP_RANGE[0],
                                         max=STEP_RANGE[1], step=STEP_RANGE[2],
                                         description="steps", continuous_update=False)
    return sliders


def explorer(name: str, x: np.ndarray, y: np.ndarray) -> "ipywidgets.VBox":  # noqa: F821
    """Sliders for optimizer ``name``'s hyperparameters and step count above its figure, which is
    redrawn whenever a slider is released. Returns the widget (a VBox) for the cell to show."""
    import ipywidgets as widgets  # only the explorer needs it

    sliders = _sliders(name)

    def render():
        values = {key: slider.value for key, slider in sliders.items()}
        return figure_png(explorer_figure(name, x, y, **values))

    image = widgets.Image(value=render(), format="png")

    def redraw(_change):
        image.value = render()

    for slider in sliders.values():
        slider.observe(redraw, names="value")
    return widgets.VBox([*sliders.values(), image])
