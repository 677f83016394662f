"""The lessons as files: pairs agree, commentary survives, randomness is seeded, nbval bites."""

import base64
import json
import os
import re
import shutil
import struct
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from support import golden

from course_lib.exercises import NO_GUESS

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
SEED = ROOT.parent / "shared" / "seed"


def lesson_number(path: Path) -> int:
    """A lesson's number: 10.动量的几何.ipynb -> 10 (file names sort 10 before 2)."""
    return int(path.name.split(".")[0])


LESSONS = sorted(NOTEBOOKS.glob("*.ipynb"), key=lesson_number)
LESSON_IDS = [p.stem for p in LESSONS]
OPTIMIZER_LESSONS = [p for p in LESSONS if 1 <= lesson_number(p) <= 7]
# every lesson but the comparison has exercises
EXERCISE_LESSONS = [p for p in LESSONS if lesson_number(p) != 8]


def _cells(notebook):
    return json.loads(notebook.read_text(encoding="utf-8"))["cells"]


def _stored_figures(notebook):
    """(code cell index, output) of every stored PNG figure of ``notebook``."""
    code = [c for c in _cells(notebook) if c["cell_type"] == "code"]
    return [
        (i, o) for i, c in enumerate(code) for o in c["outputs"] if "image/png" in o.get("data", {})
    ]


def _jupytext(*args):
    return subprocess.run(
        [sys.executable, "-m", "jupytext", *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=NOTEBOOKS,
    ).stdout


def test_the_lessons_are_there():
    assert [p.stem for p in LESSONS] == [
        "0.导论",
        "1.梯度下降",
        "2.随机梯度下降",
        "3.momentum",
        "4.ada_grad",
        "5.rms_prop",
        "6.ada_delta",
        "7.adam",
        "8.对比",
        "9.小批量与学习率调度",
        "10.动量的几何",
        "11.非凸问题",
        "12.今天的优化器",
        "13.muon",
    ]


@pytest.mark.parametrize("notebook", LESSONS, ids=LESSON_IDS)
def test_py_pair_agrees_with_notebook(notebook):
    paired = notebook.with_suffix(".py")
    assert paired.is_file(), f"{notebook.name} has no paired .py"
    expected = _jupytext("--to", "py:percent", "--output", "-", notebook.name)
    assert paired.read_text(encoding="utf-8") == expected, (
        f"{paired.name} and {notebook.name} disagree: run `jupytext --sync notebooks/*.ipynb`"
    )


@pytest.mark.parametrize("notebook", LESSONS, ids=LESSON_IDS)
def test_stored_outputs_come_from_one_clean_run(notebook):
    cells = [c for c in _cells(notebook) if c["cell_type"] == "code"]
    counts = [
        c["execution_count"]
        for c in cells
        if c["source"] and "nbval-ignore-output" not in c["metadata"].get("tags", [])
    ]
    assert counts == list(range(1, len(counts) + 1)), "re-execute with .ci/regenerate"
    for cell in cells:
        for output in cell["outputs"]:
            assert output["output_type"] != "error", "".join(cell["source"])
            assert output.get("name") != "stderr", f"stderr in stored output: {output['text']}"
        assert "execution" not in cell["metadata"], "timing metadata must not be stored"


@pytest.mark.parametrize("notebook", LESSONS, ids=LESSON_IDS)
def test_figures_show_even_when_mplbackend_is_set(notebook):
    """With MPLBACKEND=Agg in the environment only `%matplotlib inline` makes figures appear."""
    code = [c for c in _cells(notebook) if c["cell_type"] == "code"]
    first_figure = next(
        i for i, c in enumerate(code) if any("image/png" in o.get("data", {}) for o in c["outputs"])
    )
    assert any("%matplotlib inline" in "".join(c["source"]) for c in code[: first_figure + 1]), (
        f"add `%matplotlib inline` at or before code cell {first_figure} of {notebook.name}"
    )


@pytest.mark.parametrize("notebook", LESSONS, ids=LESSON_IDS)
def test_figures_are_saved_whole_without_a_second_draw(notebook):
    """Constrained layout or fixed margins already fit each figure's texts (the next test checks
    that nothing is cut off), so every lesson turns off the inline backend's crop to the content
    (``bbox_inches="tight"`` draws each figure once more) before its first figure; the stored
    figures are then exactly their figsize at 100 dpi."""
    code = [c for c in _cells(notebook) if c["cell_type"] == "code"]
    figures = _stored_figures(notebook)
    setting = '%config InlineBackend.print_figure_kwargs = {"bbox_inches": None}'
    first = figures[0][0]
    assert any(setting in "".join(c["source"]) for c in code[: first + 1]), (
        f"add `{setting}` at or before code cell {first} of {notebook.name}"
    )
    for i, output in figures:
        png = base64.b64decode(output["data"]["image/png"])
        saved = struct.unpack(">II", png[16:24])  # the PNG header's width and height
        text = "".join(output["data"]["text/plain"])
        size = re.match(r"<Figure size (\d+)x(\d+) ", text)
        assert size and saved == (int(size[1]), int(size[2])), (
            f"code cell {i} of {notebook.name}: PNG {saved}, {text}"
        )


def _border_is_blank(png: bytes) -> bool:
    """Whether the outermost 2 pixels of an image, on all four sides, are all one colour."""
    pixels = np.asarray(Image.open(BytesIO(png)).convert("RGBA"))
    border = np.concatenate(
        [pixels[:2].reshape(-1, 4), pixels[-2:].reshape(-1, 4)]
        + [pixels[:, :2].reshape(-1, 4), pixels[:, -2:].reshape(-1, 4)]
    )
    return bool((border == border[0]).all())


@pytest.mark.parametrize("notebook", LESSONS, ids=LESSON_IDS)
def test_nothing_drawn_is_cut_off_at_the_figure_edge(notebook):
    """Saved whole, a figure shows only what its layout (constrained, or fixed margins) placed
    inside the canvas: a label, tick, legend or title that runs over an edge leaves drawn pixels
    in the outermost rows or columns of the stored PNG."""
    for i, output in _stored_figures(notebook):
        assert _border_is_blank(base64.b64decode(output["data"]["image/png"])), (
            f"code cell {i} of {notebook.name}: a text or line touches the figure's edge"
        )


@pytest.mark.parametrize("notebook", LESSONS, ids=LESSON_IDS)
def test_randomness_comes_from_one_seeded_generator(notebook):
    """The stochastic lessons (2-7) draw their rows from exactly one default_rng(seed=0);
    the others draw nothing (course_lib's seeded helpers make their own generators)."""
    source = notebook.with_suffix(".py").read_text(encoding="utf-8")
    code = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith("#"))
    generators = re.findall(r"default_rng\(seed=(\d+)\)", code)
    if 2 <= lesson_number(notebook) <= 7:
        assert generators == ["0"], generators
        assert "rng = np.random.default_rng(seed=0)" in code and "rng.integers(N)" in code
    else:
        assert generators == [] and "rng." not in code
    assert not re.search(r"np\.random\.(?!default_rng)", code), "use the seeded rng"
    assert "import random" not in code


@pytest.mark.parametrize("notebook", LESSONS, ids=LESSON_IDS)
def test_one_import_cell_per_lesson(notebook):
    """Every import sits in the lesson's first code cell, where a reader looks for it."""
    code = [c for c in _cells(notebook) if c["cell_type"] == "code"]
    importing = [
        i
        for i, cell in enumerate(code)
        if re.search(r"^\s*(import |from \S+ import )", "".join(cell["source"]), re.M)
    ]
    assert importing == [0], f"code cells with imports: {importing}"


@pytest.mark.parametrize(
    "seed_notebook", sorted(SEED.glob("*.ipynb")) if SEED.is_dir() else [], ids=lambda p: p.stem
)
def test_every_original_comment_is_kept_verbatim(seed_notebook):
    """Each `#` comment line of the original notebook stands in the new lesson's code."""
    lesson = NOTEBOOKS / seed_notebook.with_suffix(".py").name
    cells = _cells(seed_notebook)
    comments = [
        line.strip()
        for cell in cells
        if cell["cell_type"] == "code"
        for line in "".join(cell["source"]).splitlines()
        if line.strip().startswith("#") and not line.strip().startswith("#!")
    ]
    lines = {line.strip() for line in lesson.read_text(encoding="utf-8").splitlines()}
    missing = [c for c in comments if c not in lines]
    assert comments and not missing, f"{lesson.name} lost original comments: {missing}"


def test_original_notebooks_are_available_in_ci():
    if not SEED.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{SEED} is missing: CI must check the lessons against the originals")
        pytest.skip(f"the original notebooks are not beside this clone ({SEED})")


def _stored_stdout(notebook, marker):
    for cell in _cells(notebook):
        if marker in "".join(cell.get("source", "")):
            return "".join("".join(o.get("text", "")) for o in cell["outputs"])
    raise AssertionError(f"no cell containing {marker!r} in {notebook.name}")


def test_gd_lesson_prints_the_original_losses():
    printed = _stored_stdout(NOTEBOOKS / "1.梯度下降.ipynb", "for i in range(500)")
    losses = {
        int(step): float(loss)
        for step, loss in (line.split() for line in printed.strip().splitlines())
    }
    assert losses.keys() == golden.GD_LOSSES.keys()
    for step, loss in golden.GD_LOSSES.items():
        assert losses[step] == pytest.approx(loss, rel=1e-9)


@pytest.mark.parametrize(
    "lesson, original, changed",
    [
        ("1.梯度下降", "w -= gradient_w * 1e-2", "w -= gradient_w * 1.1e-2"),
        ("7.adam", "gradient_w = (1e-2 * v_hat_w)", "gradient_w = (1.1e-2 * v_hat_w)"),
    ],
)
def test_nbval_fails_when_a_learning_rate_changes(tmp_path, lesson, original, changed):
    """The output checks are not so loose that a real change slips through."""
    copy = tmp_path / f"{lesson}.ipynb"
    notebook = json.loads((NOTEBOOKS / f"{lesson}.ipynb").read_text(encoding="utf-8"))
    sources = ["".join(c["source"]) for c in notebook["cells"]]  # whole notebook: it is rewritten
    assert sum(original in s for s in sources) == 1
    for cell in notebook["cells"]:
        cell["source"] = "".join(cell["source"]).replace(original, changed)
    copy.write_text(json.dumps(notebook, ensure_ascii=False), encoding="utf-8")
    shutil.copy(NOTEBOOKS / "jupytext.toml", tmp_path)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--nbval",
            "-p",
            "no:cacheprovider",
            "-q",
            "--rootdir",
            str(tmp_path),
            "-c",
            os.devnull,
            str(copy),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 1, result.stdout[-3000:]
    assert "failed" in result.stdout.splitlines()[-1]


@pytest.mark.parametrize("notebook", LESSONS, ids=LESSON_IDS)
def test_slideshow_metadata(notebook):
    """A title slide, every cell placed in the deck, set-up skipped, speaker notes present."""
    cells = _cells(notebook)
    kinds = [c["metadata"].get("slideshow", {}).get("slide_type") for c in cells]
    assert cells[0]["cell_type"] == "markdown" and kinds[0] == "slide"
    assert cells[0]["source"][0].startswith("# "), "the title slide starts with the lesson title"
    assert None not in kinds, f"cells without slide metadata: {kinds.index(None)}"
    assert "notes" in kinds
    # one level of slides: → alone reaches every slide (RISE passes no navigationMode to reveal.js)
    assert "subslide" not in kinds, f"cell {kinds.index('subslide')} is a subslide: make it a slide"
    setup = next(c for c in cells if c["cell_type"] == "code")  # imports (and loading)
    assert setup["metadata"]["slideshow"]["slide_type"] == "skip"


@pytest.mark.parametrize("notebook", LESSONS, ids=LESSON_IDS)
def test_only_widget_explorers_ignore_their_output(notebook):
    for cell in _cells(notebook):
        ignored = "nbval-ignore-output" in cell["metadata"].get("tags", [])
        assert ignored == ("explorer(" in "".join(cell["source"])), "".join(cell["source"])[:80]


@pytest.mark.parametrize("notebook", OPTIMIZER_LESSONS, ids=lambda p: p.stem)
def test_optimizer_lessons_have_trajectory_exercises_and_explorer(notebook):
    sources = ["".join(c["source"]) for c in _cells(notebook)]
    # the bowl cell constructs the optimizer it runs, e.g. trajectory(Momentum(...), bowl_gradient
    assert any(
        re.search(r"trajectory\((SGD|Momentum|AdaGrad|RMSProp|AdaDelta|Adam)\(.*bowl", s)
        for s in sources
    )
    assert any("## 练习" in s for s in sources)
    assert len([c for c in _cells(notebook) if "answer" in c["metadata"].get("tags", [])]) >= 2
    assert any("explorer(" in s for s in sources)


def _slide_type(cell):
    return cell["metadata"].get("slideshow", {}).get("slide_type")


@pytest.mark.parametrize("notebook", EXERCISE_LESSONS, ids=lambda p: p.stem)
def test_answers_wait_for_the_learner(notebook):
    """A guess cell, then the answer: executed (nbval checks it) but shown only on a click.

    Nothing here depends on UI state JupyterLab rewrites on save (collapsed, outputs_hidden):
    the answer's printed text lives inside a closed <details> block of its own output.
    """
    cells = _cells(notebook)
    answers = [i for i, c in enumerate(cells) if "answer" in c["metadata"].get("tags", [])]
    assert answers
    for i in answers:
        cell, guess_cell = cells[i], cells[i - 1]
        source = "".join(cell["source"])
        assert "".join(guess_cell["source"]).splitlines()[-1] == "guess = None"
        assert _slide_type(guess_cell) == _slide_type(cell) == "skip", "never a student slide"
        assert source.startswith("with answer() as explain:\n"), source[:60]
        assert re.search(r"^check\(guess, ", source, re.M), "one self-check per exercise"
        kinds = [o["output_type"] for o in cell["outputs"]]
        assert kinds == ["display_data", "stream"], kinds
        shown, printed = cell["outputs"]
        assert "".join(shown["data"]["text/html"]).startswith("<details><summary>")
        assert "".join(shown["data"]["text/plain"]).strip(), "the answer's numbers, for nbval"
        assert "".join(printed["text"]) == NO_GUESS + "\n", "Run All prints no verdict, no answer"
