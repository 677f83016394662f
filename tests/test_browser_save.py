"""Saving is safe: open a lesson in JupyterLab, Run All, save, and the repository's checks pass.

The lesson is run and saved in the temporary copy `lab` serves, never in notebooks/. The saved
folder is then placed beside a copy of tests/ (the repository's test suite context) and checked
there: nbval on the saved lesson, and the lesson's structural checks of tests/test_notebooks.py.
After Run All no answer may be readable on the page: every cell tagged "answer" keeps its source
collapsed and its output text out of sight (e.g. inside a closed <details>). A student deck built
from the saved lesson holds nothing of that session (the explorer's widget, execution counts).
"""

import html as html_module
import json
import re
import shutil
import subprocess
import sys

from support.jupyter_lab import (
    JS_IDLE,
    NOTEBOOK,
    NOTEBOOKS,
    ROOT,
    RUN_TIMEOUT,
    UI_TIMEOUT,
    click_menu,
    diagnosed,
    open_notebook,
    screenshot,
)

from course_lib.exercises import NO_GUESS
from course_lib.publish.decks import build_decks

LESSON = "1.梯度下降.ipynb"
CHECK_TIMEOUT = 600  # s: nbval re-executes the whole lesson
# Run All is over once the explorer's widget has drawn its figure and nothing is queued.
JS_RUN_ALL_DONE = f"""(nb) => {{
    const root = document.querySelector(nb);
    if (!root || !({JS_IDLE})(nb)) return false;
    const prompts = [...root.querySelectorAll('.jp-InputPrompt')].map(e => e.textContent);
    const figure = [...root.querySelectorAll('img.widget-image')]
        .some(i => i.complete && i.naturalWidth > 0);
    return figure && !prompts.some(p => p.includes('*'));
}}"""
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
JS_SAVED = "() => !document.querySelector('.lm-TabBar-tab.jp-mod-dirty')"
# For cell `index`: is its source editor shown, and which of `lines` can be read on the page?
JS_VISIBLE_ANSWER = """([nb, index, lines]) => {
    const cell = document.querySelectorAll(`${nb} .jp-Notebook .jp-Cell`)[index];
    const seen = el => el.checkVisibility({opacityProperty: true, visibilityProperty: true});
    const editor = [...cell.querySelectorAll('.jp-InputArea-editor')].some(seen);
    const texts = [...cell.querySelectorAll('.jp-OutputArea-output *, .jp-OutputArea-output')]
        .filter(seen).map(el => el.innerText || '');
    return {editor, lines: lines.filter(line => texts.some(t => t.includes(line)))};
}"""


def output_lines(cell):
    """The non-blank lines a code cell's stored outputs show: stream, text/plain, and the text of
    text/html without its tags and without a <details> block's <summary> (the visible label)."""
    text = ""
    for output in cell["outputs"]:
        data = output.get("data", {})
        text += "".join(output.get("text", ""))
        if "text/html" in data:
            html = re.sub(r"<summary.*?</summary>", "", "".join(data["text/html"]), flags=re.S)
            text += html_module.unescape(re.sub(r"<[^>]+>", "\n", html))
        else:
            text += "".join(data.get("text/plain", ""))
    # the self-check's reminder to guess first is not part of the answer
    return [line.strip() for line in text.splitlines() if line.strip() and line.strip() != NO_GUESS]


def answer_cells(path):
    """(index, printed lines) of every cell tagged "answer" in the notebook at `path`."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [
        (i, output_lines(c))
        for i, c in enumerate(cells)
        if "answer" in c["metadata"].get("tags", [])
    ]


def run_all_as_a_learner(page):
    """Run All from the menu, nothing expanded or cleared first; wait for the last figure."""
    click_menu(page, "Run", "runmenu:run-all")
    page.wait_for_function(JS_RUN_ALL_DONE, arg=NOTEBOOK, timeout=RUN_TIMEOUT * 1000)


def save(page, path):
    """File > Save (what Ctrl+S runs); return once the file on disk has changed, tab clean."""
    before = path.stat().st_mtime_ns
    click_menu(page, "File", "docmanager:save")
    page.wait_for_function(JS_SAVED, timeout=UI_TIMEOUT * 1000)
    for _ in range(UI_TIMEOUT * 4):
        if path.stat().st_mtime_ns != before:
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"{path.name} was not written by the save")


def suite_context(saved_folder, tmp_path):
    """A copy of the repository's test context with the saved notebooks as its notebooks/."""
    context = tmp_path / "repo"
    shutil.copytree(ROOT / "tests", context / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("conftest.py", "pyproject.toml"):
        shutil.copy(ROOT / name, context / name)
    shutil.copytree(
        saved_folder, context / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints")
    )
    # the originals sit beside the clone (../shared/seed): check the saved copy against them too
    shared = ROOT.parent / "shared"
    if shared.is_dir():
        (tmp_path / "shared").symlink_to(shared, target_is_directory=True)
    return context


def pytest_in(context, *args):
    """Run pytest in `context` (no cache, no project addopts); the completed process."""
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-o", "addopts=", "-q"]
    return subprocess.run(
        [*command, "--rootdir", str(context), *args],
        capture_output=True,
        text=True,
        cwd=context,
        timeout=CHECK_TIMEOUT,
    )


def test_run_all_then_save_keeps_the_checks_green(lab, page, tmp_path):
    """Open, Run All, Ctrl+S in JupyterLab; nbval and test_notebooks.py pass on the saved copy."""
    path = lab.root / LESSON
    with diagnosed(lab, page, "save"):
        open_notebook(page, lab, LESSON)
        run_all_as_a_learner(page)
        save(page, path)
        screenshot(page, "saved-lesson")
    saved = path.read_text(encoding="utf-8")
    assert WIDGET_VIEW in saved and "VBox(" in saved, "the save kept no explorer widget output"
    (deck,) = build_decks(tmp_path / "deck", [path])
    html = deck.read_text(encoding="utf-8")
    assert [t for t in ("VBox(", WIDGET_VIEW, '"execution_count"') if t in html] == []
    context = suite_context(lab.root, tmp_path)
    lesson = context / "notebooks" / LESSON
    nbval = pytest_in(context, "--nbval", str(lesson))
    # every test of the file (pytest escapes the Chinese ids, so -k cannot pick the lesson's);
    # the others' lessons are unchanged copies. Mutating learning rates is not about saving.
    structure = pytest_in(context, "tests/test_notebooks.py", "-k", "not nbval_fails", "-rf")
    failed = [
        f"--- {name} ---\n{result.stdout[-4000:]}"
        for name, result in (("nbval", nbval), ("test_notebooks.py", structure))
        if result.returncode != 0
    ]
    assert not failed, f"checks fail on the saved {LESSON}:\n" + "\n".join(failed)


def test_run_all_reveals_no_answer(lab, page):
    """After Run All, no answer cell shows its source or any line of its stored output."""
    answers = answer_cells(NOTEBOOKS / LESSON)
    assert answers, f"{LESSON} has no cell tagged answer"
    with diagnosed(lab, page, "answers"):
        open_notebook(page, lab, LESSON)
        run_all_as_a_learner(page)
        shown = []
        for index, lines in answers:
            seen = page.evaluate(JS_VISIBLE_ANSWER, [NOTEBOOK, index, lines])
            if seen["editor"]:
                shown.append(f"answer cell {index}: its source is shown")
            shown += [f"answer cell {index} prints {line!r} openly" for line in seen["lines"]]
        screenshot(page, "run-all-answers")
    assert not shown, "\n".join(shown)
