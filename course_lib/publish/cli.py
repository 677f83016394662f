"""The command line ``python -m course_lib``: ``compare [--steps N] [--out DIR]``,
``slides [--out DIR]``, ``site [--out DIR]``.

For lecturers who want the comparison table and figures without opening Jupyter, and offline
slide decks and a website for students.
"""

import argparse
import os
import sys
from pathlib import Path
from typing import NoReturn

from course_lib.publish.vendor import VendorError

# the curves, the paths (bowl and airfoil slice, two groups of optimizers each), the sweep
FIGURES = (
    "comparison_curves.png",
    "comparison_bowl_gd_sgd_momentum.png",
    "comparison_bowl_adaptive.png",
    "comparison_slice_gd_sgd_momentum.png",
    "comparison_slice_adaptive.png",
    "comparison_sweep.png",
)
# the files that mark a folder as one this command built (and may therefore write into again)
FIGURES_MARKER = ".course-figures"
# Ten times the longest lesson (5500 steps); 7 optimizers x 55,000 steps take about a minute.
MAX_STEPS = 55_000


class OneLineParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line on stderr, exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def step_count(text: str) -> int:
    """argparse type: a whole number of steps from 1 to MAX_STEPS."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= MAX_STEPS:
        raise argparse.ArgumentTypeError(
            f"{value} steps is out of range: choose 1 to {MAX_STEPS} (the lessons use 500 to 5500)"
        )
    return value


def output_folder(text: str) -> Path:
    """argparse type: a folder that exists or can be created, checked before any computing."""
    path = Path(text)
    if path.exists() and not path.is_dir():
        raise argparse.ArgumentTypeError(f"{text!r} exists and is not a folder: name a folder")
    existing = next(p for p in (path, *path.parents) if p.exists())
    if not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
        raise argparse.ArgumentTypeError(
            f"cannot create or write {text!r}: {str(existing)!r} is not a writable folder"
        )
    return path


def ours(path: Path, marker: str, command: str) -> Path:
    """``path`` if it is new, empty or marked by ``marker`` as built by ``command`` before."""
    if path.is_dir() and any(path.iterdir()) and not (path / marker).is_file():
        raise argparse.ArgumentTypeError(
            f"{str(path)!r} is not empty and was not built by {command}: "
            "name a new or empty folder (nothing in it is touched)"
        )
    return path


def figures_folder(text: str) -> Path:
    """argparse type: an output_folder that is new, empty, or written by ``compare`` before."""
    return ours(output_folder(text), FIGURES_MARKER, "python -m course_lib compare")


def slides_folder(text: str) -> Path:
    """argparse type: an output_folder that is new, empty, or written by ``slides`` before."""
    from course_lib.publish.decks import MARKER

    return ours(output_folder(text), MARKER, "python -m course_lib slides")


def site_folder(text: str) -> Path:
    """argparse type: an output_folder that is empty, new, or a site built before (replaced)."""
    from course_lib.publish.site import SiteError, check_out

    path = output_folder(text)
    try:
        check_out(path)
    except SiteError as err:
        raise argparse.ArgumentTypeError(str(err)) from None
    return path


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="python -m course_lib", description="Tools of the optimizer course (优化器课程)."
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=OneLineParser)
    compare_cmd = commands.add_parser(
        "compare",
        help="compare all optimizers: print the table, write the figures",
        description="Run every lesson's optimizer (lesson hyperparameters, same start, same "
        "seeded rows), print the final loss and the steps to 1% of the optimum, "
        f"and write {', '.join(FIGURES)} into --out.",
    )
    compare_cmd.add_argument(
        "--steps",
        type=step_count,
        default=5500,
        help=f"steps per optimizer, 1 to {MAX_STEPS} (default: 5500)",
    )
    compare_cmd.add_argument(
        "--out",
        type=figures_folder,
        default="figures",
        help="folder for the PNG files (default: ./figures; created; a non-empty folder only if "
        "compare wrote it)",
    )
    slides_cmd = commands.add_parser(
        "slides",
        help="build offline reveal.js decks for students, one per lesson",
        description="Build one reveal.js deck per lesson (notebooks/*.ipynb, from their stored "
        "outputs, nothing is executed) into --out, without answers and speaker notes. "
        "reveal.js and MathJax are copied next to the decks from pinned npm packages (downloaded "
        "once into build/vendor), so a deck opens from the folder without the internet.",
    )
    slides_cmd.add_argument(
        "--out",
        type=slides_folder,
        default="slides",
        help="folder for the decks (default: ./slides; created; a non-empty folder only if "
        "slides wrote it)",
    )
    site_cmd = commands.add_parser(
        "site",
        help="build the course website from the lessons' stored outputs",
        description="Build a static website of every lesson in notebooks/ (stored outputs, "
        "no execution; no answers, no speaker notes) that opens without the internet.",
    )
    site_cmd.add_argument(
        "--out",
        type=site_folder,
        default="_site",
        help="folder for the website (default: ./_site; created, or replaced if a site)",
    )
    return parser


def run_slides(out: Path) -> list[Path]:
    """Build the student decks into ``out``; print their paths and the folder's size; return
    the paths."""
    from course_lib.publish.decks import build_decks
    from course_lib.publish.site import folder_size

    paths = build_decks(out)
    for path in paths:
        print(f"wrote {path}")
    print(f"{len(paths)} decks, {folder_size(out) / 1e6:.1f} MB in {out} with their files")
    return paths


def run_site(out: Path) -> int:
    """Build the website into ``out`` and print what was written."""
    from course_lib.publish.site import SiteError, build_site

    try:
        report = build_site(out)
    except (SiteError, OSError) as err:
        print(f"python -m course_lib: error: {err}", file=sys.stderr)
        return 1
    print(
        f"wrote {report.pages} pages ({report.size / 1e6:.1f} MB) to {report.out} "
        f"in {report.seconds:.1f} s; open {report.out / 'index.html'}"
    )
    return 0


def run_compare(steps: int, out: Path) -> list[Path]:
    """Print the comparison table and save the figures (FIGURES) into ``out``; return the paths."""
    # imported here so that --help and argument errors answer at once
    import matplotlib

    matplotlib.use("Agg")  # headless: figures go to files
    from course_lib.comparison import (
        compare,
        curves_figure,
        format_table,
        sweep_all,
        sweep_figure,
        trajectory_figures,
    )
    from course_lib.curves import optimum_mse
    from course_lib.data import load_data

    out.mkdir(parents=True, exist_ok=True)  # before computing: a bad --out fails at once
    (out / FIGURES_MARKER).write_text("written by python -m course_lib compare\n", encoding="utf-8")
    x, y = load_data()
    optimum = optimum_mse(x, y)
    rows = compare(x, y, steps=steps)
    print(format_table(rows, optimum))
    figures = (
        curves_figure(rows, optimum),
        *trajectory_figures(x, y).values(),
        sweep_figure(sweep_all(x, y), optimum),
    )
    paths = [out / name for name in FIGURES]
    for figure, path in zip(figures, paths, strict=True):
        figure.savefig(path, dpi=100)
        print(f"wrote {path}")
    return paths


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "site":
        return run_site(args.out)
    try:
        if args.command == "slides":
            run_slides(args.out)
        else:
            run_compare(args.steps, args.out)
    except (FileNotFoundError, ValueError, OSError, VendorError) as err:
        print(f"python -m course_lib: error: {err}", file=sys.stderr)
        return 1
    return 0
