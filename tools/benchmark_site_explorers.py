"""Benchmark: what the website's explorers cost to build and to ship, per explorer.

Run from the repository root:  python tools/benchmark_site_explorers.py [KEY ...]
Not a test (pytest does not collect it): speed is measured here, never asserted.

Computes every explorer's pictures (``course_lib.publish.explorers.GRIDS``, or the keys given)
into a fresh temporary cache, as a first site build does, and prints per explorer: the
positions of each control, the number of pictures, their total size and the wall time; then
the totals. A later build copies the pictures from ``build/explorers`` instead.
"""

import argparse
import tempfile
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from course_lib.publish.explorers import GRIDS, explorer_pictures  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("keys", nargs="*", default=list(GRIDS), help="explorers (GRIDS keys)")
    keys = parser.parse_args().keys
    total_pictures = total_bytes = total_seconds = 0
    print(f"{'explorer':<14} {'grid':<34} {'pictures':>8} {'MB':>6} {'s':>6}")
    with tempfile.TemporaryDirectory(prefix="site-explorers-") as cache:
        for key in keys:
            start = time.perf_counter()
            pictures = explorer_pictures(key, Path(cache))
            seconds = time.perf_counter() - start
            size = sum(p.stat().st_size for p in pictures.folder.glob("*.png"))
            grid = " x ".join(f"{c.name} {len(c.values)}" for c in pictures.controls)
            print(
                f"{key:<14} {grid:<34} {len(pictures.calls):>8} {size / 1e6:>6.2f} {seconds:>6.1f}"
            )
            total_pictures += len(pictures.calls)
            total_bytes += size
            total_seconds += seconds
    print(
        f"{'all':<14} {'':<34} {total_pictures:>8} {total_bytes / 1e6:>6.2f} {total_seconds:>6.1f}"
    )


if __name__ == "__main__":
    main()
