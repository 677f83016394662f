"""The lessons as the publishing sees them: where they are, their order, what students see.

One rule for the student decks and the website: a lesson is ``notebooks/<number>.<name>.ipynb``,
read with its stored outputs (never executed); students see every cell but the exercises'
answers (tag ``answer``) and the speaker notes (slide type ``notes``).
"""

import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
# a lesson is "<number>.<name>.ipynb"; the jupytext .py pairs and anything else are not lessons
LESSON_NAME = re.compile(r"^(\d+)\..+\.ipynb$")
ANSWER_TAG = "answer"


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


def student_notebook(path: Path) -> nbformat.NotebookNode:
    """The lesson at ``path`` as students get it: its stored outputs, no answers, no notes."""
    notebook = nbformat.read(path, as_version=4)
    notebook.cells = [cell for cell in notebook.cells if for_students(cell)]
    return notebook
