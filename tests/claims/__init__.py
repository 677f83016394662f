"""The claims tables: every number and law the lessons' prose states, one module per lesson.

``lesson_NN.CLAIMS`` holds the claims of lesson NN, each recomputed by ``tests/test_claims.py``;
``lesson_NN.NON_CLAIMS`` the reviewed list of prose numbers that are no claim, each with its
reason (``REASONS``). Every number of the prose must lie in a claim's or a non-claim's fragment
(``tests/test_prose_numbers.py``). ``context`` holds what the claims share.
"""

from importlib import import_module
from pathlib import Path

LESSON_MODULES = sorted(p.stem for p in Path(__file__).parent.glob("lesson_*.py"))
# why a number in the prose is no claim: part of a formula, a choice the lesson makes (steps,
# rates, sizes, seeds), a citation (a year, a section), or part of a question to the learner
REASONS = ("formula", "set-up", "citation", "question")


def all_claims() -> dict[str, list]:
    """{module name: its CLAIMS}, lesson_00 to lesson_11."""
    return {name: import_module(f"claims.{name}").CLAIMS for name in LESSON_MODULES}


def all_non_claims() -> dict[str, list]:
    """{module name: its NON_CLAIMS, (fragment, reason) pairs}, lesson_00 to lesson_11."""
    return {
        name: getattr(import_module(f"claims.{name}"), "NON_CLAIMS", []) for name in LESSON_MODULES
    }
