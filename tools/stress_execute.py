"""Stress test: execute lessons again and again with nbconvert and count the runs that hang.

Usage (from any directory):
    python tools/stress_execute.py [--runs N] [--timeout S] [notebook.ipynb ...]
Default: every lesson in notebooks/, 20 runs each, 120 s per run. Each run is
``jupyter nbconvert --to notebook --execute --output <temporary file> <lesson>`` in its own
process group; a run that is still going after the timeout is a hang (it and its kernel are
killed), a run that exits non-zero is a failure. Prints one row per lesson; exits 1 if any run
hung or failed. Not a test (pytest does not collect it): it takes minutes.
"""

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
OK, HANG, FAILURE = "ok", "hang", "failure"


@dataclass(frozen=True)
class Outcome:
    """One execution: OK, HANG or FAILURE, its wall time, and the tail of its log on failure."""

    status: str
    seconds: float
    log: str = ""


def nbconvert_command(notebook: Path, output: Path) -> list:
    """The command under test: nbconvert executing ``notebook`` into ``output``."""
    return [
        sys.executable,
        "-m",
        "jupyter",
        "nbconvert",
        "--to",
        "notebook",
        "--execute",
        "--output-dir",
        str(output.parent),
        "--output",
        output.name,
        str(notebook),
    ]


def child_pids(pid: int) -> list:
    """Every descendant of ``pid`` (read from /proc; empty where there is no /proc)."""
    children = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        kids = children.get(todo.pop(), [])
        found += kids
        todo += kids
    return found


def kill_tree(process: subprocess.Popen) -> None:
    """SIGKILL the run's process group and every descendant (the kernel has its own session)."""
    own_group = os.getpgrp()
    for pid in [process.pid, *child_pids(process.pid)]:
        try:
            group = os.getpgid(pid)
            if group != own_group:
                os.killpg(group, signal.SIGKILL)
            else:
                os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    process.wait()


def execute_once(notebook: Path, timeout: float) -> Outcome:
    """Execute ``notebook`` once into a temporary file; OK, FAILURE, or HANG after ``timeout``."""
    with tempfile.TemporaryDirectory(prefix="stress-") as folder:
        output = Path(folder) / notebook.name
        log = Path(folder) / "nbconvert.log"
        start = time.perf_counter()
        with open(log, "wb") as sink:
            process = subprocess.Popen(
                nbconvert_command(notebook, output),
                cwd=folder,
                stdin=subprocess.DEVNULL,
                stdout=sink,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            try:
                code = process.wait(timeout)
            except subprocess.TimeoutExpired:
                kill_tree(process)
                return Outcome(HANG, time.perf_counter() - start)
        seconds = time.perf_counter() - start
        if code != 0:
            tail = "\n".join(log.read_text(errors="replace").splitlines()[-15:])
            return Outcome(FAILURE, seconds, tail)
        return Outcome(OK, seconds)


def summary_row(name: str, outcomes: list) -> str:
    """One table row: runs, hangs, failures and the median seconds of the runs that finished."""
    finished = [o.seconds for o in outcomes if o.status != HANG]
    median = f"{statistics.median(finished):8.2f}" if finished else "       -"
    counts = Counter(o.status for o in outcomes)
    return f"{padded(name, 20)} {len(outcomes):>5} {counts[HANG]:>6} {counts[FAILURE]:>9} {median}"


def padded(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` terminal columns (CJK characters take two)."""
    columns = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(0, width - columns)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "notebooks",
        nargs="*",
        type=Path,
        help="notebooks to execute (default: every lesson in notebooks/)",
    )
    parser.add_argument("--runs", type=int, default=20, help="executions per notebook")
    parser.add_argument(
        "--timeout",
        type=float,
        default=120.0,
        help="seconds before a run counts as a hang and is killed",
    )
    args = parser.parse_args(argv)
    notebooks = [p.resolve() for p in args.notebooks] or sorted(NOTEBOOKS.glob("*.ipynb"))
    missing = [str(p) for p in notebooks if not p.is_file()]
    if missing:
        parser.error(f"no such notebook: {', '.join(missing)}")

    header = f"{'notebook':<20} {'runs':>5} {'hangs':>6} {'failures':>9} {'median s':>8}"
    rows, bad = [], 0
    for notebook in notebooks:
        outcomes = []
        for run in range(1, args.runs + 1):
            outcome = execute_once(notebook, args.timeout)
            outcomes.append(outcome)
            print(
                f"{notebook.stem} run {run}/{args.runs}: {outcome.status} "
                f"({outcome.seconds:.1f} s)",
                flush=True,
            )
            if outcome.log:
                print(outcome.log, flush=True)
        bad += sum(o.status != OK for o in outcomes)
        rows.append(summary_row(notebook.stem, outcomes))
    print("\n".join(["", header, *rows]))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
