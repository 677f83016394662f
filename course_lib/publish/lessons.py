"""The lessons as the publishing sees them: where they are, their order, what students see.

One rule for the student decks and the website: a lesson is ``notebooks/<number>.<name>.ipynb``,
read with its stored outputs (never executed); students see every cell but the exercises'
answers (tag ``answer``) and the speaker notes (slide type ``notes``), and nothing of a session
a lecturer saved: no widget output (its ``VBox(children=...`` text twin included), no execution
count, no metadata that Jupyter writes while running (timings, scrolling, widget state).
"""

import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
# a lesson is "<number>.<name>.ipynb"; the jupytext .py pairs and anything else are not lessons
LESSON_NAME = re.compile(r"^(\d+)\..+\.ipynb$")
ANSWER_TAG = "answer"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"  # a live widget, e.g. an explorer
# what a running Jupyter writes into a notebook: never course content
SESSION_CELL_METADATA = ("execution", "ExecuteTime", "scrolled", "collapsed", "trusted")
SESSION_NOTEBOOK_METADATA = ("widgets",)


def lesson_paths(folder: Path = NOTEBOOKS) -> list[Path]:
    """The lesson notebooks in ``folder``, ordered by number (0.导论 ... 11.非凸问题)."""
    lessons = [p for p in Path(folder).iterdir() if LESSON_NAME.match(p.name)]
    return sorted(lessons, key=lambda p: (int(LESSON_NAME.match(p.name)[1]), p.name))


def for_students(cell: dict) -> bool:
    """False for an exercise's answer (tag ``answer``) and a speaker note (slide type
    ``notes``); True for every other cell."""
    metadata = cell.get("metadata", {})
    is_answer = ANSWER_TAG in metadata.get("tags", [])
    return not is_answer and metadata.get("slideshow", {}).get("slide_type") != "notes"


def without_session(cell: dict) -> dict:
    """``cell`` without widget outputs, execution counts and session metadata (in place)."""
    for key in SESSION_CELL_METADATA:
        cell.get("metadata", {}).pop(key, None)
    if cell.get("cell_type") == "code":
        cell["execution_count"] = None
        cell["outputs"] = [
            o for o in cell.get("outputs", []) if WIDGET_VIEW not in o.get("data", {})
        ]
        for output in cell["outputs"]:
            if "execution_count" in output:
                output["execution_count"] = None
    return cell


def student_notebook(path: Path) -> nbformat.NotebookNode:
    """The lesson at ``path`` as students get it: its stored outputs, no answers, no notes, no
    trace of a Jupyter session (see ``without_session``)."""
    notebook = nbformat.read(path, as_version=4)
    notebook.cells = [without_session(cell) for cell in notebook.cells if for_students(cell)]
    for key in SESSION_NOTEBOOK_METADATA:
        notebook.metadata.pop(key, None)
    return notebook
