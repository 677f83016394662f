"""Try slide fixes on copies of the lessons, then check them with the RISE browser test.

    python tools/rise_trial.py tools/rise_fixes/spec.json OUT_DIR
    COURSE_RISE_NOTEBOOKS=OUT_DIR pytest -o addopts= tests/test_browser_rise.py

notebooks/ is only read. SPEC (JSON) may hold:
  "rise": {...}         notebook metadata "rise" for every lesson (jupyterlab-rise's settings)
  "answers_skip": true  cells tagged "answer" get slide_type "skip"
  "cells": {lesson stem: {first line of a cell: slide_type}}
  "split": {lesson stem: [[first line of a cell, line that starts the new cell, its slide_type]]}
  "files": [paths, relative to SPEC, copied beside the lessons (e.g. ../../notebooks/rise.css)]
"""

import copy
import json
import shutil
import sys
from pathlib import Path

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def first_line(cell):
    """The first non-blank line of a cell's source."""
    return next((line.strip() for line in "".join(cell["source"]).splitlines() if line.strip()), "")


def find(cells, line):
    """The index of the one cell whose first line is `line`."""
    found = [i for i, c in enumerate(cells) if first_line(c) == line]
    if len(found) != 1:
        raise SystemExit(f"{len(found)} cells start with {line!r}")
    return found[0]


def set_type(cell, slide_type):
    """Set a cell's slideshow slide_type."""
    cell["metadata"].setdefault("slideshow", {})["slide_type"] = slide_type


def split(cells, line, marker, slide_type):
    """Split the cell starting with `line` before `marker`; the outputs go with the second part."""
    i = find(cells, line)
    source = "".join(cells[i]["source"])
    head, tail = source.split(marker, 1)
    first = copy.deepcopy(cells[i])
    first.update(source=head.rstrip("\n"), outputs=[])
    first.pop("id", None)
    cells[i]["source"] = marker + tail
    set_type(cells[i], slide_type)
    cells.insert(i, first)


def fix(notebook, stem, spec):
    """Apply SPEC to one notebook (a dict)."""
    cells = notebook["cells"]
    if "rise" in spec:
        notebook["metadata"]["rise"] = spec["rise"]
    for cell in cells:
        if spec.get("answers_skip") and "answer" in cell["metadata"].get("tags", []):
            set_type(cell, "skip")
    for line, marker, slide_type in spec.get("split", {}).get(stem, []):
        split(cells, line, marker, slide_type)
    for line, slide_type in spec.get("cells", {}).get(stem, {}).items():
        set_type(cells[find(cells, line)], slide_type)


def main(spec_path, out):
    """Copy every lesson to `out` with SPEC applied."""
    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        fix(notebook, path.stem, spec)
        text = json.dumps(notebook, ensure_ascii=False, indent=1) + "\n"
        (out / path.name).write_text(text, encoding="utf-8")
    for name in spec.get("files", []):
        shutil.copy(Path(spec_path).parent / name, out)
    print(f"{len(list(out.glob('*.ipynb')))} lessons with fixes in {out}")


if __name__ == "__main__":
    main(*sys.argv[1:])
