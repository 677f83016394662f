"""Benchmark: how long one explorer slider move takes in-process, per optimizer.

Run from the repository root:  python tests/benchmark_explorer.py [--repeat 5]
Not a test (pytest does not collect it): speed is measured here, never asserted.

Per optimizer at its lesson's default step count (Agg backend, median of ``--repeat``):
- run: ``explore_run`` alone (the optimizer on the data and on the bowl);
- one-shot: ``figure_png(explorer_figure(...))``, the plain function behind a slider move;
- widget: setting the widget's first slider (and back), i.e. what a slider release costs in
  the kernel: run, figure update and PNG.
"""

import argparse
import statistics
import time

import matplotlib

matplotlib.use("Agg")

from course_lib import load_data  # noqa: E402
from course_lib.explorer import explore_run, explorer, explorer_figure, figure_png  # noqa: E402
from course_lib.lesson_runs import LESSON_RUNS  # noqa: E402


def median_ms(action, repeat):
    """Median wall time of ``action()`` in milliseconds, over ``repeat`` calls after a warm-up."""
    action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def slider_mover(name, x, y):
    """A function that moves the widget's first slider to the other of two values."""
    widget = explorer(name, x, y)
    slider = widget.children[0]
    values = [slider.value, slider.value * 0.5]

    def move():
        values.reverse()
        slider.value = values[0]
    return move


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="calls per measurement (median)")
    args = parser.parse_args()
    x, y = load_data()
    print(f"{'optimizer':<10} {'steps':>5} {'run':>8} {'one-shot':>9} {'fig+png':>8} "
          f"{'widget':>8}   (ms, median of {args.repeat})")
    for run in LESSON_RUNS:
        name = run.name
        run_ms = median_ms(lambda: explore_run(name, x, y), args.repeat)
        total_ms = median_ms(lambda: figure_png(explorer_figure(name, x, y)), args.repeat)
        widget_ms = median_ms(slider_mover(name, x, y), args.repeat)
        print(f"{name:<10} {run.steps:>5} {run_ms:8.1f} {total_ms:9.1f} "
              f"{total_ms - run_ms:8.1f} {widget_ms:8.1f}")


if __name__ == "__main__":
    main()
