"""course_lib.publish.lessons: which notebooks are lessons, in which order, and the one rule for
what students see (the decks and the site both build from ``student_notebook``)."""

from pathlib import Path

import nbformat
import pytest

from course_lib.publish.lessons import (
    ANSWER_TAG,
    NOTEBOOKS,
    for_students,
    lesson_paths,
    student_notebook,
)

LESSONS = lesson_paths()


def test_lessons_are_the_numbered_notebooks_in_order(tmp_path):
    for name in ["10.later.ipynb", "9.next.ipynb", "1.a.ipynb", "1.a.py", "notes.ipynb", "x.md"]:
        (tmp_path / name).write_text("{}")
    assert [p.name for p in lesson_paths(tmp_path)] == [
        "1.a.ipynb",
        "9.next.ipynb",
        "10.later.ipynb",
    ]
    assert [int(p.name.split(".")[0]) for p in LESSONS] == list(range(len(LESSONS)))
    assert Path(__file__).resolve().parent.parent / "notebooks" == NOTEBOOKS


def test_students_see_everything_but_answers_and_notes(tmp_path):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# title", metadata={"slideshow": {"slide_type": "slide"}}),
        nbformat.v4.new_markdown_cell("hint", metadata={"slideshow": {"slide_type": "notes"}}),
        nbformat.v4.new_code_cell("1 + 1", metadata={"tags": [ANSWER_TAG]}),
        nbformat.v4.new_code_cell("note()", metadata={"slideshow": {"slide_type": "notes"}}),
        nbformat.v4.new_code_cell("setup", metadata={"slideshow": {"slide_type": "skip"}}),
        nbformat.v4.new_code_cell("tagged", metadata={"tags": ["nbval-ignore-output"]}),
    ]
    path = tmp_path / "1.a.ipynb"
    nbformat.write(notebook, path)
    kept = student_notebook(path)
    assert [cell.source for cell in kept.cells] == ["# title", "setup", "tagged"]
    assert [for_students(cell) for cell in notebook.cells] == [1, 0, 0, 0, 1, 1]


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_a_lessons_student_copy_keeps_its_other_cells_and_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    copy = student_notebook(path)
    kept = [c for c in notebook.cells if for_students(c)]
    assert [(c.source, c.get("outputs")) for c in copy.cells] == [
        (c.source, c.get("outputs")) for c in kept
    ]
    assert not any(ANSWER_TAG in c.metadata.get("tags", []) for c in copy.cells)
    if path.stem != "8.对比":  # every other lesson has exercises
        assert len(copy.cells) < len(notebook.cells)
