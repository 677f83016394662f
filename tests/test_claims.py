"""The numbers the lessons state, recomputed: every claim of tests/claims/lesson_NN.py.

Each claim is (lesson stem, an exact fragment of the lesson's .py, what the fragment writes, a
function computing the value, tolerance); ``claims.context.check_claim`` says what is checked.
So a prose number edited without re-measuring, or a code change that moves the true value, fails
here. All claims share one Context: every run is computed once.
"""

import pytest
from claims import all_claims
from claims.context import Context, check_claim

TABLES = all_claims()
CLAIMS = [(module, *claim) for module, claims in TABLES.items() for claim in claims]


@pytest.fixture(scope="module")
def ctx(data):
    return Context(*data)


def test_each_lessons_claims_are_in_its_own_table():
    """lesson_03.py holds the claims of 3.momentum and of no other lesson; every lesson has some."""
    for module, claims in TABLES.items():
        number = int(module.removeprefix("lesson_"))
        assert claims, f"{module} has no claims"
        assert {claim[0].split(".")[0] for claim in claims} == {str(number)}, module
    print(
        f"\n{len(CLAIMS)} prose claims of {len(TABLES)} lessons are under test "
        f"({sum(c[3] is True for c in CLAIMS)} qualitative, "
        f"{sum(c[3] is not True for c in CLAIMS)} numeric)"
    )


@pytest.mark.parametrize(
    "module, lesson, fragment, written, compute, tolerance",
    CLAIMS,
    ids=[f"{c[1]}:{c[2][:24]}:{c[3]}" for c in CLAIMS],
)
def test_claim(ctx, module, lesson, fragment, written, compute, tolerance):
    check_claim(ctx, lesson, fragment, written, compute, tolerance)
