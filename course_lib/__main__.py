"""Command line: ``python -m course_lib compare [--steps N] [--out DIR]``.

For lecturers who want the comparison table and figures without opening Jupyter.
"""

import argparse
import sys
from pathlib import Path


FIGURES = ("comparison_curves.png", "comparison_trajectories.png", "comparison_sweep.png")


class OneLineParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line on stderr, exit code 2."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def positive_int(text):
    """argparse type: an integer >= 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a positive number of steps")
    return value


def build_parser():
    parser = OneLineParser(prog="python -m course_lib",
                           description="Tools of the optimizer course (优化器课程).")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=OneLineParser)
    compare_cmd = commands.add_parser(
        "compare", help="compare all optimizers: print the table, write the figures",
        description="Run every lesson's optimizer (lesson hyperparameters, same start, same "
                    "seeded rows), print final loss / steps to 1% of the optimum / wall time, "
                    f"and write {', '.join(FIGURES)} into --out.")
    compare_cmd.add_argument("--steps", type=positive_int, default=5500,
                             help="steps per optimizer (default: 5500)")
    compare_cmd.add_argument("--out", type=Path, default=Path("figures"),
                             help="folder for the PNG files (default: ./figures; created)")
    return parser


def run_compare(steps, out):
    """Print the comparison table and save the three figures into ``out``; return the paths."""
    # imported here so that --help and argument errors answer at once
    import matplotlib
    matplotlib.use("Agg")  # headless: figures go to files
    from course_lib.comparison import (compare, curves_figure, format_table, sweep_all,
                                       sweep_figure, trajectories_figure)
    from course_lib.data import load_data
    from course_lib.training import optimum_mse

    x, y = load_data()
    optimum = optimum_mse(x, y)
    rows = compare(x, y, steps=steps)
    print(format_table(rows, optimum))
    out.mkdir(parents=True, exist_ok=True)
    figures = (curves_figure(rows, optimum), trajectories_figure(x, y),
               sweep_figure(sweep_all(x, y), optimum))
    paths = [out / name for name in FIGURES]
    for figure, path in zip(figures, paths):
        figure.savefig(path, dpi=100)
        print(f"wrote {path}")
    return paths


def main(argv=None):
    args = build_parser().parse_args(argv)
    try:
        run_compare(args.steps, args.out)
    except (FileNotFoundError, ValueError, OSError) as err:
        print(f"python -m course_lib: error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
