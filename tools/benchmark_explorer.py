"""Benchmark: how long one explorer slider move takes in-process, per optimizer.

Run from the repository root:  python tools/benchmark_explorer.py [--repeat 5]
Not a test (pytest does not collect it): speed is measured here, never asserted.

Per optimizer at its lesson's default step count (Agg backend, median of ``--repeat``):
- run: ``explore_run`` alone (the optimizer on the data and on the bowl);
- one-shot: ``widget_png(explorer_figure(...))``, the plain function, building a new figure;
- widget: moving the widget's first slider (lr, or AdaDelta's rho) to a value it has not had,
  i.e. what a slider move costs in the kernel: run, figure update and PNG;
- steps: the same for the steps slider (new x limits, so nothing of the loss axes is reused).
"""

import argparse
import os
import statistics
import time

import matplotlib

matplotlib.use("Agg")

from course_lib import LESSON_RUNS, load_data  # noqa: E402
from course_lib.widgets.lesson import explore_run, explorer, explorer_figure  # noqa: E402
from course_lib.widgets.picture import widget_png  # noqa: E402


def median_ms(action, repeat):
    """Median wall time of ``action()`` in milliseconds, over ``repeat`` calls after a warm-up."""
    action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def slider_mover(widget, description, factors):
    """A function that moves ``widget``'s slider ``description`` to its default times the next
    factor (each value new, so a widget that keeps runs cannot reuse one)."""
    slider = next(c for c in widget.children if getattr(c, "description", None) == description)
    default, factors = slider.value, iter(factors)

    def move():
        value = default * next(factors)
        slider.value = round(value) if isinstance(default, int) else value

    return move


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="calls per measurement (median)")
    args = parser.parse_args()
    x, y = load_data()
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print(
        f"{'optimizer':<10} {'steps':>5} {'run':>7} {'one-shot':>9} {'widget':>7} "
        f"{'steps':>7}   (ms, median of {args.repeat})"
    )
    for run in LESSON_RUNS:
        name = run.name
        run_ms = median_ms(lambda run=run: explore_run(run, x, y), args.repeat)
        total_ms = median_ms(lambda run=run: widget_png(explorer_figure(run, x, y)), args.repeat)
        widget = explorer(name, x, y)
        # slightly below the default: a decay above the slider's end (0.999) is never asked for
        shrink = [1 - 0.002 * (i + 1) for i in range(args.repeat + 1)]
        widget_ms = median_ms(
            slider_mover(widget, widget.children[0].description, shrink), args.repeat
        )
        steps_ms = median_ms(slider_mover(widget, "steps", shrink), args.repeat)
        print(
            f"{name:<10} {run.steps:>5} {run_ms:7.1f} {total_ms:9.1f} {widget_ms:7.1f} "
            f"{steps_ms:7.1f}"
        )
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
