"""The claims tables: every number and law the lessons' prose states, one module per lesson
(``lesson_NN.CLAIMS``), with what they share in ``context``; ``tests/test_claims.py`` checks them."""

from importlib import import_module
from pathlib import Path

LESSON_MODULES = sorted(p.stem for p in Path(__file__).parent.glob("lesson_*.py"))


def all_claims() -> dict[str, list]:
    """{module name: its CLAIMS}, lesson_00 to lesson_11."""
    return {name: import_module(f"claims.{name}").CLAIMS for name in LESSON_MODULES}
