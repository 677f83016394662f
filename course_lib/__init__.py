"""course_lib: the shared code of the optimizer course (优化器课程), in three floors.

The math the lessons teach, one module per subject, at the top:

- ``data``: the airfoil data, loaded, verified and standardized;
- ``model``: the linear model, its losses, gradients (exact and numeric) and optimum;
- ``gradients``: gradients as ``gradient(theta, k)`` functions for a run;
- ``optimizers``: the update rules as small classes (lessons 1-7 and 12-13), and ``trajectory``
  (the run);
- ``schedules``: learning rates that change with the step (lesson 9);
- ``curves``: the loss of every iterate of a run; when a run reaches a level or diverges;
- ``landscapes``: the 2-D bowl and the airfoil slice, to draw paths on;
- ``geometry``: gradient descent and momentum along the Hessian's eigenvectors (lessons 10, 12);
- ``nonconvex``: a saddle and x cos(pi x) (lesson 11); ``network``: lesson 11's network;
- ``runs``: the one registry of named runs (each lesson's optimizer, the saddle's, the wavy's);
- ``comparison``: lesson 8's runs, tables and figures;
- ``plotting``: loss curves and paths, sized for a projector;
- ``exercises``: answers behind a click (``answer``) and a self-check (``check``).

``widgets`` holds the explorers (sliders; ipywidgets is imported when one is built), and
``publish`` the command line, the student decks and the website (nbconvert, Sphinx: imported only
there). A lesson imports every name it uses from here: ``from course_lib import ...``.
"""

from course_lib.comparison import (
    PATH_GROUPS,
    compare,
    curves_figure,
    format_sweep,
    format_table,
    paths_figure,
    sweep_all,
    sweep_figure,
)
from course_lib.curves import (
    LOSS_CAP,
    diverged,
    first_step,
    mse_curve,
    optimum_mse,
    sse_curve,
    steps_to_within,
)
from course_lib.data import load_data, load_table, split_features_target, standardize
from course_lib.exercises import answer, check
from course_lib.geometry import (
    convergence_factor,
    eigen_coordinates,
    heavy_ball_matrix,
    nesterov_matrix,
    optimal_gd,
    optimal_heavy_ball,
    optimal_nesterov,
    quadratic_gap,
)
from course_lib.gradients import (
    batch_gradient,
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
    design_matrix,
    least_squares,
    least_squares_gradient,
    least_squares_in_box,
    mse,
    mse_gradient,
    mse_hessian,
    numeric_gradient,
    predict,
    residuals,
    ridge,
    sse,
    sse_gradient,
)
from course_lib.network import (
    HIDDEN,
    join_hidden,
    network_loss_and_gradient,
    network_mse,
    network_predict,
    network_size,
    network_start,
    split_hidden,
)
from course_lib.nonconvex import (
    ESCAPE,
    SADDLE_CURVATURE,
    SADDLE_EXTENT,
    WAVY_EXTENT,
    WAVY_STARTS,
    escape_step,
    gd_escape_estimate,
    saddle,
    saddle_gradient,
    saddle_start,
    wavy,
    wavy_gradient,
)
from course_lib.optimizers import (
    NEWTON_SCHULZ,
    SGD,
    AdaDelta,
    AdaGrad,
    Adam,
    AdamW,
    Lion,
    Momentum,
    Muon,
    RMSProp,
    ScheduleFreeSGD,
    newton_schulz,
    trajectory,
)
from course_lib.plotting import (
    FONT_SIZES,
    clip_path,
    fixed_margins,
    new_axes,
    plot_loss,
    plot_paths,
    style_axes,
)
from course_lib.runs import LESSON_RUNS, SADDLE_RUNS, WAVY_RUNS, LessonRun, Run, lesson_run
from course_lib.schedules import SCHEDULES, schedule_rates
from course_lib.widgets import (
    explorer,
    geometry_explorer,
    lion_explorer,
    newton_schulz_explorer,
    saddle_explorer,
    schedule_explorer,
)

__all__ = [
    # data and model
    "load_data", "load_table", "split_features_target", "standardize",
    "predict", "residuals", "sse", "mse", "sse_gradient", "mse_gradient", "numeric_gradient",
    "mse_hessian", "least_squares", "design_matrix", "least_squares_gradient",
    "ridge", "least_squares_in_box",
    # runs: gradients, optimizers, schedules, the registry
    "to_theta", "start_theta", "sampled_rows", "shuffled_batches", "row_gradient",
    "batch_gradient", "full_batch_gradient",
    "SGD", "Momentum", "AdaGrad", "RMSProp", "AdaDelta", "Adam", "trajectory",
    "AdamW", "Lion", "ScheduleFreeSGD", "Muon", "newton_schulz", "NEWTON_SCHULZ",
    "SCHEDULES", "schedule_rates",
    "Run", "LessonRun", "LESSON_RUNS", "SADDLE_RUNS", "WAVY_RUNS", "lesson_run",
    # what a run did
    "LOSS_CAP", "sse_curve", "mse_curve", "optimum_mse", "steps_to_within", "first_step",
    "diverged",
    # landscapes, geometry, the non-convex lesson
    "BOWL_START", "BOWL_EXTENT", "SLICE_START", "SLICE_EXTENT", "bowl", "bowl_gradient",
    "noisy_bowl_gradient", "airfoil_slice",
    "convergence_factor", "heavy_ball_matrix", "optimal_gd", "optimal_heavy_ball",
    "nesterov_matrix", "optimal_nesterov",
    "eigen_coordinates", "quadratic_gap",
    "saddle", "saddle_gradient", "saddle_start", "SADDLE_EXTENT", "SADDLE_CURVATURE", "ESCAPE",
    "escape_step", "gd_escape_estimate", "wavy", "wavy_gradient", "WAVY_EXTENT", "WAVY_STARTS",
    "network_start", "network_size", "network_predict", "network_mse",
    "network_loss_and_gradient", "HIDDEN", "split_hidden", "join_hidden",
    # lesson 8, figures, exercises, explorers
    "compare", "format_table", "sweep_all", "format_sweep", "curves_figure", "paths_figure",
    "sweep_figure", "PATH_GROUPS",
    "FONT_SIZES", "new_axes", "fixed_margins", "style_axes", "plot_loss", "plot_paths",
    "clip_path",
    "answer", "check",
    "explorer", "schedule_explorer", "geometry_explorer", "saddle_explorer", "lion_explorer",
    "newton_schulz_explorer",
]  # fmt: skip
