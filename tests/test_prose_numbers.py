"""No number enters a lesson's prose untested: each is in a claim or a reviewed non-claim.

Every number of every sentence of the prose (tests/support/prose.py says what a sentence and a
number are) must lie inside an occurrence, in that sentence, of the fragment of one of the
lesson's claims (tests/claims/lesson_NN.py, CLAIMS, recomputed by tests/test_claims.py) or of
its non-claims (NON_CLAIMS, each with a reason: formula, set-up, citation, question). A new
number in the prose fails here until it is one or the other; a changed number fails here or in
test_claims (a fragment is matched verbatim).
"""

from collections import Counter

import pytest
from claims import REASONS, all_claims, all_non_claims
from support.prose import NOTEBOOKS, lesson_sentences, uncovered_numbers

LESSONS = sorted((p.stem for p in NOTEBOOKS.glob("*.py")), key=lambda s: int(s.split(".")[0]))
CLAIMS = all_claims()
NON_CLAIMS = all_non_claims()


def module_of(lesson: str) -> str:
    return f"lesson_{int(lesson.split('.')[0]):02d}"


def fragments(lesson: str) -> list[str]:
    module = module_of(lesson)
    return [claim[1] for claim in CLAIMS[module]] + [f for f, _ in NON_CLAIMS[module]]


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_number_of_the_prose_is_a_claim_or_a_listed_non_claim(lesson):
    untested = [
        f"{numbers} in: {sentence.text}"
        for sentence in lesson_sentences(lesson)
        if (numbers := uncovered_numbers(sentence, fragments(lesson)))
    ]
    assert not untested, (
        f"{lesson}: numbers in no claim and no non-claim of tests/claims/{module_of(lesson)}.py:\n"
        + "\n".join(untested)
    )


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_non_claim_is_in_one_sentence_of_its_lesson_with_a_reason(lesson):
    sentences = [s.text for s in lesson_sentences(lesson)]
    for fragment, reason in NON_CLAIMS[module_of(lesson)]:
        assert reason in REASONS, (fragment, reason)
        assert any(fragment in text for text in sentences), f"{lesson} no longer says {fragment!r}"


def test_the_guards_counts():
    """What the prose holds: sentences with numbers, numbers, claims, non-claims by reason."""
    sentences = [s for lesson in LESSONS for s in lesson_sentences(lesson) if s.numbers()]
    reasons = Counter(r for entries in NON_CLAIMS.values() for _, r in entries)
    claims = sum(len(c) for c in CLAIMS.values())
    print(
        f"\n{len(sentences)} sentences with {sum(len(s.numbers()) for s in sentences)} numbers; "
        f"{claims} claims; non-claims: " + ", ".join(f"{reasons[r]} {r}" for r in REASONS)
    )
    assert sentences and claims
