"""What only the tests compute about the lessons: kept out of course_lib, which the lessons use."""

import numpy as np

from course_lib.network import HIDDEN, unpack
from course_lib.runs import lesson_run
from course_lib.widgets.lesson import explore_run, slider_lrs


def panels_disagree(name: str, x: np.ndarray, y: np.ndarray) -> list[float]:
    """The lr slider values (lesson's step count) at which the explorer's run on the data does
    not diverge but the run on the bowl does: where the two panels' titles disagree."""
    run = lesson_run(name)
    return [
        float(lr)
        for lr in slider_lrs()
        if (explored := explore_run(run, x, y, lr=lr)).diverged_at is None
        and explored.bowl_diverged_at is not None
    ]


def swap_units(
    params: np.ndarray, i: int, j: int, n_features: int, hidden: int = HIDDEN
) -> np.ndarray:
    """Lesson 11's network with hidden units i and j swapped (rows of W, entries of c and v)."""
    W, c, v, d = (np.array(part) for part in unpack(params, n_features, hidden))
    for part in (W, c, v):
        part[[i, j]] = part[[j, i]]
    return np.concatenate([W.ravel(), c, v, [d]])
