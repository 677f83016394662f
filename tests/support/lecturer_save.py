"""A lesson as a lecturer's JupyterLab saves it after Run All (autosave included), for the tests
that check that no trace of that session reaches the student decks and the site.

What JupyterLab 4 writes that the course never stores: the explorer's widget output (a
widget-view+json reference and its ``VBox(children=(...`` text twin), the widget state in the
notebook metadata, execution counts, and cell metadata of the session (timing, scrolling).
"""

import json
from pathlib import Path

MODEL_ID = "5f0c0ffee0ddba11deadbeef00c0ffee"  # looks like JupyterLab's 32 hex digit model ids
WIDGET_TEXT = (
    "VBox(children=(FloatLogSlider(value=0.001, continuous_update=False, description='lr', "
    "max=-1.0, min=-5.0), IntSlider(value=1500, description='steps', max=5500, min=100), "
    "Image(value=b'\\x89PNG...')))"
)
# strings none of which may appear in a deck or a page built from the saved lesson
TELLTALES = ("VBox(", "FloatLogSlider", MODEL_ID, "widget-view+json", "iopub.execute_input")
FIRST_COUNT = 41  # execution counts as a session leaves them: 41, 42, ...


def widget_output() -> dict:
    """The display_data JupyterLab saves for a live ipywidgets explorer."""
    return {
        "output_type": "display_data",
        "metadata": {},
        "data": {
            "application/vnd.jupyter.widget-view+json": {
                "model_id": MODEL_ID,
                "version_major": 2,
                "version_minor": 0,
            },
            "text/plain": WIDGET_TEXT,
        },
    }


def widget_state() -> dict:
    """The notebook metadata ``widgets`` JupyterLab saves with "Save Widget State Automatically"."""
    model = {
        "model_module": "@jupyter-widgets/controls",
        "model_name": "FloatLogSliderModel",
        "model_module_version": "2.0.0",
        "state": {"description": "lr", "value": 0.001},
    }
    return {
        "application/vnd.jupyter.widget-state+json": {
            "state": {MODEL_ID: model},
            "version_major": 2,
            "version_minor": 0,
        }
    }


def lecturer_save(lesson: Path, out: Path) -> Path:
    """Write ``out/<lesson name>`` as a lecturer's save of ``lesson``: widget output in every
    cell tagged nbval-ignore-output (the explorers), counts, timings; return its path."""
    notebook = json.loads(Path(lesson).read_text(encoding="utf-8"))
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    explorers = [c for c in code if "nbval-ignore-output" in c["metadata"].get("tags", [])]
    if not explorers:
        raise ValueError(f"{lesson} has no explorer cell (tag nbval-ignore-output) to save")
    for count, cell in enumerate(code, FIRST_COUNT):
        cell["execution_count"] = count
        cell["metadata"]["execution"] = {
            "iopub.execute_input": "2026-12-06T09:00:00.000000Z",
            "shell.execute_reply": "2026-12-06T09:00:00.100000Z",
        }
        cell["metadata"]["scrolled"] = True
        for output in cell["outputs"]:
            if "execution_count" in output:
                output["execution_count"] = count
        if cell in explorers:
            cell["outputs"] = [widget_output()]
    notebook["metadata"]["widgets"] = widget_state()
    Path(out).mkdir(parents=True, exist_ok=True)
    path = Path(out) / Path(lesson).name
    path.write_text(json.dumps(notebook, ensure_ascii=False, indent=1), encoding="utf-8")
    return path
