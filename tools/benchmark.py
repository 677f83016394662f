"""Benchmark the lessons' own compute. Not a test: speed is measured here, never asserted.

Run from the repository root (pytest does not collect this file: its name has no test_ prefix,
and no test imports it):

    python tools/benchmark.py lessons [--repeat 3] [notebooks/3.momentum.ipynb ...]
    python tools/benchmark.py kernel [--repeat 3] [notebooks/9.小批量与学习率调度.ipynb ...]

The explorer's latency has its own script: ``python tools/benchmark_explorer.py``.

``lessons``: each lesson's own compute under Run All. A lesson is executed by nbval
(``python -m pytest -q -p no:cacheprovider --nbval LESSON``, a subprocess started from the
repository root, with the inherited environment minus MPLBACKEND, so figures are rendered by the
inline backend). Its own compute is that wall time minus the wall time of an empty notebook (one
cell importing numpy and pyplot, ``%matplotlib inline``, written to a temporary directory in the
repository so that pytest loads the same configuration) run by the same command. Empty and lesson
runs alternate (empty, lesson, empty, lesson, ...) so that a change of load affects both; the
table shows per lesson the median, min and max of the differences. nbclient/nbconvert are not
used: they can hang on widget cells (jupyter/nbclient#312).

``kernel``: where a lesson's time goes, measured inside the kernel. One ipykernel per run (started
with jupyter_client, inline backend, working directory ``notebooks/``) executes the lesson's code
cells in order, as Run All does. IPython's ``pre_run_cell`` and ``post_run_cell`` events time
each cell (``time.perf_counter``), from before its code runs to after its figures are shown: the
time a learner waits, without the messages between kernel and front end. (CPU time would also
count the spinning of OpenBLAS's idle threads.) Run it on an idle machine. Matplotlib's rendering
(``FigureCanvasBase.print_figure``, i.e. every PNG of a figure or an explorer, and every
``FigureCanvasAgg.draw``) is timed separately by wrapping those two methods in the kernel. The
table shows per lesson: all kernel time, rendering, and the rest (computing and building the
figures), the lesson's computation. Kernel start-up and the imports of numpy and pyplot are not
counted. Last, the kernel's peak resident memory after the lesson (``ru_maxrss``, MB): what one
learner's kernel needs, without the Jupyter server.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
NBVAL_COMMAND = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval"]
EMPTY_SOURCE = "import numpy as np\nfrom matplotlib import pyplot as plt\n%matplotlib inline"


def print_versions() -> None:
    """Python, numpy and matplotlib versions and the CPU count, at the top of every report."""
    import matplotlib
    import numpy

    print(
        f"Python {platform.python_version()}, numpy {numpy.__version__}, "
        f"matplotlib {matplotlib.__version__}, os.cpu_count() = {os.cpu_count()}"
    )


def display_width(text: str) -> int:
    """Terminal columns of ``text``: wide (e.g. Chinese) characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def pad(text: str, width: int) -> str:
    """``text`` left-aligned in ``width`` terminal columns."""
    return text + " " * (width - display_width(text))


def print_table(title: str, rows: dict[str, list[float]], unit: str) -> None:
    """One aligned line per row: median, min and max of its samples."""
    width = max(display_width(name) for name in ["name", *rows])
    print(f"\n{title}")
    print(f"{pad('name', width)}  {'median':>9}  {'min':>9}  {'max':>9}")
    for name, samples in rows.items():
        print(
            f"{pad(name, width)}  {statistics.median(samples):9.3f}  {min(samples):9.3f}  "
            f"{max(samples):9.3f}  {unit}"
        )


# --- lessons -------------------------------------------------------------------------------


def nbval_environment() -> dict[str, str]:
    """The inherited environment without MPLBACKEND, so the kernel uses the inline backend."""
    return {key: value for key, value in os.environ.items() if key != "MPLBACKEND"}


def nbval_seconds(notebook: Path) -> tuple[float, bool]:
    """Wall time of nbval executing ``notebook``, and whether it passed."""
    start = time.perf_counter()
    result = subprocess.run(
        NBVAL_COMMAND + [str(notebook)],
        cwd=ROOT,
        env=nbval_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        tail = "\n".join(result.stdout.splitlines()[-5:])
        print(
            f"  warning: nbval failed on {notebook.name} (exit {result.returncode}):\n{tail}",
            file=sys.stderr,
        )
    return seconds, result.returncode == 0


def write_empty_notebook(directory: Path) -> Path:
    """The baseline notebook: one code cell importing numpy and pyplot, inline backend."""
    import nbformat

    path = directory / "empty.ipynb"
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(EMPTY_SOURCE)])
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(notebook, path)
    return path


def own_compute_seconds(lesson: Path, empty: Path, repeat: int) -> tuple[list[float], int]:
    """``repeat`` differences lesson - empty, runs interleaved; and how many lesson runs failed."""
    differences, failures = [], 0
    for _ in range(repeat):
        baseline, _ = nbval_seconds(empty)
        seconds, passed = nbval_seconds(lesson)
        differences.append(seconds - baseline)
        failures += not passed
        print(f"  {lesson.stem}: {seconds:.2f} s - empty {baseline:.2f} s", file=sys.stderr)
    return differences, failures


def benchmark_lessons(notebooks: list[Path], repeat: int) -> None:
    """Print each lesson's own compute (nbval wall time minus an empty notebook's) in seconds."""
    rows: dict[str, list[float]] = {}
    failed: dict[str, int] = {}
    # Inside the repository, so that pytest finds the same rootdir, pyproject.toml and conftest.py
    # (its data check) for both notebooks; the leading dot keeps pytest from collecting it.
    with tempfile.TemporaryDirectory(prefix=".benchmark-", dir=ROOT) as directory:
        empty = write_empty_notebook(Path(directory))
        for lesson in notebooks:
            rows[lesson.stem], failures = own_compute_seconds(lesson, empty, repeat)
            if failures:
                failed[lesson.stem] = failures
    print_table(
        f"Own compute under Run All (nbval wall time - empty notebook), {repeat} interleaved runs",
        rows,
        "s",
    )
    for name, failures in failed.items():
        print(f"note: nbval failed {failures} of {repeat} runs of {name}")


# --- kernel --------------------------------------------------------------------------------

# Run untimed in the kernel before the lesson: the inline backend; IPython events that add each
# cell's time, from before its code to after its figures are shown, to CELL_SECONDS[1]; and a
# wrapper that adds the time of every outermost print_figure / Agg draw to RENDERING_SECONDS[0].
INSTRUMENT_SOURCE = """\
import resource as _resource
import time as _time
import numpy as np
from matplotlib import pyplot as plt
%matplotlib inline
from matplotlib.backend_bases import FigureCanvasBase as _Base
from matplotlib.backends.backend_agg import FigureCanvasAgg as _Agg
RENDERING_SECONDS = [0.0, 0]  # seconds, nesting depth

def _timed(method):
    def wrapper(*args, **kwargs):
        RENDERING_SECONDS[1] += 1
        start = _time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            RENDERING_SECONDS[1] -= 1
            if RENDERING_SECONDS[1] == 0:
                RENDERING_SECONDS[0] += _time.perf_counter() - start
    return wrapper

_Base.print_figure = _timed(_Base.print_figure)
_Agg.draw = _timed(_Agg.draw)
CELL_SECONDS = [_time.perf_counter(), 0.0]  # start of the running cell, all finished cells


def _cell_started(info):
    CELL_SECONDS[0] = _time.perf_counter()


def _cell_finished(result):
    CELL_SECONDS[1] += _time.perf_counter() - CELL_SECONDS[0]


get_ipython().events.register("pre_run_cell", _cell_started)
get_ipython().events.register("post_run_cell", _cell_finished)
"""
CLOCKS = {
    "cells": "CELL_SECONDS[1]",
    "rendering": "RENDERING_SECONDS[0]",
    # the kernel process's peak resident memory so far, MB (Linux reports ru_maxrss in kB)
    "memory": "_resource.getrusage(_resource.RUSAGE_SELF).ru_maxrss / 1024",
}


def kernel_cells(lesson: Path) -> tuple[list[tuple[int, float, float]], float]:
    """Run ``lesson``'s code cells in order in a fresh kernel: per code cell, its index in the
    notebook, its seconds in the kernel and how many of them went to rendering; and the
    kernel's peak resident memory (MB) after the last cell."""
    import nbformat
    from jupyter_client.manager import start_new_kernel

    notebook = nbformat.read(lesson, as_version=4)
    manager, client = start_new_kernel(
        kernel_name="python3", cwd=str(lesson.parent), env=nbval_environment()
    )
    try:
        before = execute(client, INSTRUMENT_SOURCE)
        cells = []
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type == "code":
                after = execute(client, cell.source)
                seconds = after["cells"] - before["cells"]
                cells.append((index, seconds, after["rendering"] - before["rendering"]))
                before = after
        return cells, before["memory"]
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def execute(client, source: str) -> dict[str, float]:
    """Run ``source`` in the kernel and return the CLOCKS read right after it."""
    message_id = client.execute(source, user_expressions=CLOCKS)
    while True:
        reply = client.get_shell_msg(timeout=300)
        if reply["parent_header"].get("msg_id") == message_id:
            break
    while True:  # drain the outputs, so that the kernel never waits on a full queue
        try:
            client.get_iopub_msg(timeout=0.05)
        except Exception:  # queue.Empty
            break
    content = reply["content"]
    if content["status"] != "ok":
        raise RuntimeError(f"cell failed: {content.get('ename')}: {content.get('evalue')}")
    values = content["user_expressions"]
    return {name: float(json.loads(values[name]["data"]["text/plain"])) for name in CLOCKS}


def benchmark_kernel(notebooks: list[Path], repeat: int, per_cell: bool) -> None:
    """Print per lesson the kernel time of Run All, its rendering, and the rest (computation);
    ``per_cell``: also each cell's median computation and rendering."""
    totals: dict[str, list[float]] = {}
    rendering: dict[str, list[float]] = {}
    computation: dict[str, list[float]] = {}
    memory: dict[str, list[float]] = {}
    for lesson in notebooks:
        runs, memory[lesson.stem] = zip(*[kernel_cells(lesson) for _ in range(repeat)], strict=True)
        totals[lesson.stem] = [sum(seconds for _, seconds, _ in run) for run in runs]
        rendering[lesson.stem] = [sum(drawn for _, _, drawn in run) for run in runs]
        computation[lesson.stem] = [
            a - b for a, b in zip(totals[lesson.stem], rendering[lesson.stem], strict=True)
        ]
        if per_cell:
            print_cells(lesson, runs)
    print_table(f"Kernel time of Run All, {repeat} runs", totals, "s")
    print_table("  of which matplotlib rendering (PNG of figures and explorers)", rendering, "s")
    print_table("  the rest: the lesson's computation", computation, "s")
    print_table("Peak resident memory of the kernel after Run All", memory, "MB")


def print_cells(lesson: Path, runs: list[list[tuple[int, float, float]]]) -> None:
    """Each code cell's median computation and rendering (ms) and its first line."""
    import nbformat

    sources = [cell.source for cell in nbformat.read(lesson, as_version=4).cells]
    print(f"\n{lesson.stem}: per code cell, median of {len(runs)} runs (ms)")
    print(f"{'cell':>4}  {'compute':>8}  {'render':>8}  first line")
    for cells in zip(*runs, strict=True):
        index = cells[0][0]
        compute = statistics.median(seconds - drawn for _, seconds, drawn in cells)
        drawn = statistics.median(drawn for _, _, drawn in cells)
        first_line = (sources[index].splitlines() or [""])[0][:60]
        print(f"{index:4d}  {1000 * compute:8.0f}  {1000 * drawn:8.0f}  {first_line}")


def parse_arguments() -> argparse.Namespace:
    """The subcommand (lessons) and its options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    lessons = commands.add_parser("lessons", help="own compute of each lesson under nbval")
    lessons.add_argument("--repeat", type=int, default=3, help="interleaved runs per lesson")
    lessons.add_argument(
        "notebooks", nargs="*", type=Path, help="lessons to run (default: every notebooks/*.ipynb)"
    )
    kernel = commands.add_parser("kernel", help="kernel time per lesson: rendering and the rest")
    kernel.add_argument("--repeat", type=int, default=3, help="runs per lesson")
    kernel.add_argument("--cells", action="store_true", help="also print each cell's times")
    kernel.add_argument(
        "notebooks", nargs="*", type=Path, help="lessons to run (default: every notebooks/*.ipynb)"
    )
    arguments = parser.parse_args()
    if arguments.repeat < 1:
        parser.error("--repeat must be at least 1")
    return arguments


def main() -> None:
    """Print the versions, then run the chosen benchmark."""
    arguments = parse_arguments()
    print_versions()
    notebooks = [path.resolve() for path in arguments.notebooks] or sorted(
        NOTEBOOKS.glob("*.ipynb")
    )
    if arguments.command == "kernel":
        benchmark_kernel(notebooks, arguments.repeat, arguments.cells)
    else:
        benchmark_lessons(notebooks, arguments.repeat)


if __name__ == "__main__":
    main()
