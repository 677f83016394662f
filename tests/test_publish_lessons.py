"""course_lib.publish.lessons: which notebooks are lessons, in which order, and the one rule for
what students see (the decks and the site both build from ``student_notebook``): no answers, no
speaker notes, and nothing a lecturer's saved session leaves in the file."""

import json
from pathlib import Path

import nbformat
import pytest
from support.lecturer_save import FIRST_COUNT, TELLTALES, lecturer_save

from course_lib.publish.decks import build_decks
from course_lib.publish.lessons import (
    ANSWER_TAG,
    NOTEBOOKS,
    for_students,
    lesson_paths,
    student_notebook,
    without_session,
)

LESSONS = lesson_paths()
SAVED_LESSON = NOTEBOOKS / "3.momentum.ipynb"  # the lesson of the VBox(children=... slide


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
    kept = [without_session(c) for c in notebook.cells if for_students(c)]
    assert [(c.source, c.metadata, c.get("outputs")) for c in copy.cells] == [
        (c.source, c.metadata, c.get("outputs")) for c in kept
    ]
    assert not any(ANSWER_TAG in c.metadata.get("tags", []) for c in copy.cells)
    if path.stem != "8.对比":  # every other lesson has exercises
        assert len(copy.cells) < len(notebook.cells)


def test_a_session_leaves_no_trace_in_a_cell():
    cell = nbformat.v4.new_code_cell(
        "explorer()",
        execution_count=7,
        metadata={"scrolled": True, "execution": {"iopub.status.busy": "t"}, "tags": ["x"]},
        outputs=[
            nbformat.v4.new_output(
                "display_data",
                data={"application/vnd.jupyter.widget-view+json": {"model_id": "ab"}},
            ),
            nbformat.v4.new_output("execute_result", data={"text/plain": "2"}, execution_count=7),
            nbformat.v4.new_output("stream", text="kept\n"),
        ],
    )
    cleaned = without_session(cell)
    assert cleaned.execution_count is None
    assert cleaned.metadata == {"tags": ["x"]}, "course metadata (tags) stays, session goes"
    assert [o.output_type for o in cleaned.outputs] == ["execute_result", "stream"]
    assert cleaned.outputs[0].execution_count is None
    assert cleaned.outputs[0].data == {"text/plain": "2"} and cleaned.outputs[1].text == "kept\n"


def test_a_lecturers_save_gives_the_same_student_notebook(tmp_path):
    saved = lecturer_save(SAVED_LESSON, tmp_path)
    raw = saved.read_text(encoding="utf-8")
    assert all(telltale in raw for telltale in TELLTALES), "the simulated save is not one"
    student = student_notebook(saved)
    assert student == student_notebook(SAVED_LESSON)
    text = json.dumps(student, ensure_ascii=False)
    assert [t for t in TELLTALES if t in text] == []
    counts = [c.execution_count for c in student.cells if c.cell_type == "code"]
    assert set(counts) == {None}


def test_a_deck_and_a_site_page_built_after_a_save_hold_no_session_text(tmp_path):
    from course_lib.publish.site import build_site

    saved = lecturer_save(SAVED_LESSON, tmp_path / "saved")
    (deck,) = build_decks(tmp_path / "deck", [saved])
    site = build_site(tmp_path / "site", notebooks=tmp_path / "saved")
    page = site.out / f"{SAVED_LESSON.stem}.html"
    for built in (deck, page):
        html = built.read_text(encoding="utf-8")
        assert "Momentum" in html, f"{built.name} is not the lesson's page"
        assert [t for t in TELLTALES if t in html] == [], built.name
        prompts = [f"[{n}]" for n in range(FIRST_COUNT, FIRST_COUNT + 60) if f"[{n}]" in html]
        assert prompts == [], f"{built.name} shows the session's execution counts"
