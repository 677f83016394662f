"""Benchmark: execute every lesson, then as many empty notebooks, and compare the wall times.

Run from the repository root:  python tests/benchmark_lessons.py [--repeat 3]
Not a test (pytest does not collect it): speed is measured here, never asserted.
The empty notebook imports numpy and matplotlib, so the ratio shows what the lessons' own
compute adds on top of starting a kernel.
"""

import argparse
import statistics
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
EMPTY_SOURCE = "import numpy as np\nfrom matplotlib import pyplot as plt"


def execute_seconds(notebook):
    """Wall time of executing ``notebook`` (an nbformat node) in a fresh python3 kernel."""
    start = time.perf_counter()
    NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=600,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    ).execute()
    return time.perf_counter() - start


def empty_notebook():
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(EMPTY_SOURCE)])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per notebook (median)")
    args = parser.parse_args()

    lessons = sorted(NOTEBOOKS.glob("*.ipynb"))
    empty = statistics.median(execute_seconds(empty_notebook()) for _ in range(args.repeat))
    print(f"empty notebook (numpy + matplotlib): {empty:6.2f} s (median of {args.repeat})")
    total = 0.0
    for path in lessons:
        seconds = statistics.median(
            execute_seconds(nbformat.read(path, as_version=4)) for _ in range(args.repeat)
        )
        total += seconds
        print(
            f"{path.stem:<16} {seconds:6.2f} s   own compute ~{seconds - empty:5.2f} s   "
            f"x{seconds / empty:4.2f} of empty"
        )
    print(
        f"all {len(lessons)} lessons: {total:6.2f} s; {len(lessons)} empty notebooks: "
        f"{len(lessons) * empty:6.2f} s; ratio {total / (len(lessons) * empty):4.2f}"
    )


if __name__ == "__main__":
    main()
