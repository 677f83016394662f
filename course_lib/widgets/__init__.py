"""The explorers: sliders that re-run a lesson's optimizer and redraw its picture.

- ``picture``: what every explorer shares (the picture's size and margins, its PNG, the box of
  controls above a label and the picture);
- ``lesson``: lessons 1-7, ``explorer(name, x, y)`` over a ``runs.LESSON_RUNS`` entry;
- ``schedule``: lesson 9, batch size, learning rate and schedule;
- ``geometry``: lesson 10, momentum's (lr, beta);
- ``saddle``: lesson 11, an optimizer of ``runs.SADDLE_RUNS`` leaving the saddle;
- ``lion``: lesson 12, Lion's learning rate and weight decay (its box);
- ``orthogonalize``: lesson 13, Muon's Newton-Schulz iteration on a matrix's singular values.

Each module has the plain functions behind one slider move (a run, a figure) and one function
that builds the widget; ipywidgets is imported only by the latter, when it runs.
"""

from course_lib.widgets.geometry import geometry_explorer
from course_lib.widgets.lesson import explorer
from course_lib.widgets.lion import lion_explorer
from course_lib.widgets.orthogonalize import newton_schulz_explorer
from course_lib.widgets.saddle import saddle_explorer
from course_lib.widgets.schedule import schedule_explorer

__all__ = [
    "explorer",
    "geometry_explorer",
    "lion_explorer",
    "newton_schulz_explorer",
    "saddle_explorer",
    "schedule_explorer",
]
