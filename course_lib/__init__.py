"""course_lib: the shared code of the optimizer course (优化器课程).

The pieces the lessons import, each from the module of its subject:

- ``data``: the airfoil data, loaded, verified and standardized;
- ``model``: the linear model, its losses, gradients (exact and numeric) and optimum;
- ``gradients``: gradients as ``gradient(theta, k)`` functions for a run;
- ``optimizers``: the seven update rules as small classes, and ``trajectory`` (the run);
- ``curves``: the loss of every iterate of a run, against the optimum;
- ``landscapes``: the 2-D bowl and the airfoil slice, to draw paths on;
- ``plotting``: loss curves and paths, sized for a projector;
- ``exercises``: answers behind a click (``answer``) and a self-check (``check``).

``explorer`` (the sliders) and ``comparison`` (lesson 8) are imported from their modules, as are
the advanced lessons': ``schedule_explorer`` (9), ``geometry`` and ``geometry_explorer`` (10),
``network``, ``nonconvex`` and ``saddle_explorer`` (11).
"""

from course_lib.curves import mse_curve, optimum_mse, sse_curve, steps_to_within
from course_lib.data import load_data, load_table, split_features_target, standardize
from course_lib.exercises import answer, check
from course_lib.gradients import (
    full_batch_gradient,
    row_gradient,
    sampled_rows,
    shuffled_batches,
    start_theta,
    to_theta,
)
from course_lib.landscapes import (
    BOWL_EXTENT,
    BOWL_START,
    SLICE_EXTENT,
    SLICE_START,
    airfoil_slice,
    bowl,
    bowl_gradient,
    noisy_bowl_gradient,
)
from course_lib.model import (
    least_squares,
    mse,
    mse_gradient,
    mse_hessian,
    numeric_gradient,
    predict,
    residuals,
    sse,
    sse_gradient,
)
from course_lib.optimizers import SGD, AdaDelta, AdaGrad, Adam, Momentum, RMSProp, trajectory
from course_lib.plotting import (
    FONT_SIZES,
    fixed_margins,
    new_axes,
    plot_loss,
    plot_paths,
    style_axes,
)

__all__ = [
    "BOWL_EXTENT",
    "BOWL_START",
    "FONT_SIZES",
    "SGD",
    "SLICE_EXTENT",
    "SLICE_START",
    "AdaDelta",
    "AdaGrad",
    "Adam",
    "Momentum",
    "RMSProp",
    "airfoil_slice",
    "answer",
    "bowl",
    "bowl_gradient",
    "check",
    "fixed_margins",
    "full_batch_gradient",
    "least_squares",
    "load_data",
    "load_table",
    "mse",
    "mse_curve",
    "mse_gradient",
    "mse_hessian",
    "new_axes",
    "noisy_bowl_gradient",
    "numeric_gradient",
    "optimum_mse",
    "plot_loss",
    "plot_paths",
    "predict",
    "residuals",
    "row_gradient",
    "sampled_rows",
    "shuffled_batches",
    "split_features_target",
    "sse",
    "sse_curve",
    "sse_gradient",
    "standardize",
    "start_theta",
    "steps_to_within",
    "style_axes",
    "to_theta",
    "trajectory",
]
