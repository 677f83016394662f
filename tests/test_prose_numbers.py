"""No number enters a lesson's prose untested: each is in a claim or a reviewed non-claim.

Every number of every sentence of the prose (tests/support/prose.py says what a sentence and a
number are) must lie inside an occurrence, in that sentence, of the fragment of one of the
lesson's claims (tests/claims/lesson_NN.py, CLAIMS, recomputed by tests/test_claims.py) or of
its non-claims (NON_CLAIMS, each with a reason: formula, set-up, citation, question). A new
number in the prose fails here until it is one or the other; a changed number fails here or in
test_claims (a fragment is matched verbatim).
"""

import json
from collections import Counter

import pytest
from claims import REASONS, all_claims, all_non_claims
from support.bridge import BRIDGE_LINES, all_lesson_lines
from support.prose import (
    NOTEBOOKS,
    Sentence,
    answer_explanations,
    lesson_sentences,
    prose_blocks,
    sentences_of,
    uncovered_numbers,
)

from course_lib.exercises import answer_html

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


# --- the rules themselves ----------------------------------------------------------------------


def numbers_in(text):
    sentence = Sentence("x", text, "markdown")
    return [text[start:end] for start, end in sentence.numbers()]


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("MSE 0.4843,1e-6 和 $10^{-6}$", ["0.4843", "1e-6", "10"]),
        ("$3\\times10^{-3}$ 和 $x_2^{(0)}$、$\\lambda_1$、$x_{12}$、x2_0、beta1", ["3"]),
        ("第 8 课、第 0–10 课、练习 2 和 0.导论 里的 57 个参数", ["57"]),
        ("1. 第一件事用了 400 步", ["400"]),
        ("公式 $$\\eta^* = \\frac{2}{\\lambda_1 + \\lambda_2}$$ 后面 3 步", ["3"]),
    ],
)
def test_what_counts_as_a_number(text, numbers):
    assert numbers_in(text) == numbers


def test_sentences_end_at_end_marks_outside_math():
    assert sentences_of("有 $8! \\times 2^8$ 种。对吗?对!\n\n- 一项\n- 两项。") == [
        "有 $8! \\times 2^8$ 种。",
        "对吗?",
        "对!",
        "- 一项",
        "- 两项。",
    ]


def test_the_prose_is_the_markdown_and_the_answers_stored_interpretations(tmp_path):
    source = (
        "# %% [markdown]\n# 第一段,\n# 接着写。\n\n# %%\nx = 1  # 代码里的注释不算\n\n"
        '# %% tags=["answer"]\nwith answer() as explain:\n    explain(f"多了 {3} 倍。")\n'
    )
    assert prose_blocks(source) == [("markdown", "第一段,\n接着写。")]
    shown = answer_html("x = 1\n", ["多了 3 倍。", "a < b 时更快。"])
    cells = [
        {"cell_type": "code", "metadata": {"tags": ["answer"]},
         "outputs": [{"output_type": "display_data", "data": {"text/html": shown}}]},
        {"cell_type": "code", "metadata": {}, "outputs": []},
    ]  # fmt: skip
    assert answer_explanations({"cells": cells}) == [["多了 3 倍。", "a < b 时更快。"]]
    (tmp_path / "9.x.py").write_text(source, encoding="utf-8")
    (tmp_path / "9.x.ipynb").write_text(json.dumps({"cells": cells}), encoding="utf-8")
    assert [(s.where, s.text) for s in lesson_sentences("9.x", tmp_path)] == [
        ("markdown", "第一段, 接着写。"),
        ("answer", "多了 3 倍。"),
        ("answer", "a < b 时更快。"),
    ]


def _copy_lesson(lesson, folder, edit):
    """The lesson's .py and .ipynb in ``folder``, the text of both passed through ``edit``."""
    for suffix in (".py", ".ipynb"):
        text = (NOTEBOOKS / f"{lesson}{suffix}").read_text(encoding="utf-8")
        (folder / f"{lesson}{suffix}").write_text(edit(suffix, text), encoding="utf-8")


def _untested(lesson, folder):
    return [
        numbers
        for sentence in lesson_sentences(lesson, folder)
        if (numbers := uncovered_numbers(sentence, fragments(lesson)))
    ]


def test_a_new_number_in_a_lesson_fails_until_it_is_listed(tmp_path):
    lesson = LESSONS[3]
    added = "\n# %% [markdown]\n# 这里新写一句:一共走了 4321 步。\n"
    _copy_lesson(lesson, tmp_path, lambda suffix, text: text + added if suffix == ".py" else text)
    assert _untested(lesson, tmp_path) == [["4321"]]
    assert (
        uncovered_numbers(Sentence(lesson, "一共走了 4321 步。", "markdown"), ["走了 4321 步"])
        == []
    )


def test_an_answers_interpretation_whose_number_changes_fails(tmp_path):
    """A number edited in a stored interpretation is in no claim's fragment any more."""
    lesson = LESSONS[3]
    _copy_lesson(lesson, tmp_path, lambda suffix, text: text.replace("0.8:448 步", "0.8:447 步"))
    assert any("447" in numbers for numbers in _untested(lesson, tmp_path))


def test_every_pytorch_line_of_the_lessons_is_run_by_the_bridge():
    """A `torch.optim...(params, ...)` line in a lesson is listed in support/bridge.py, which
    tests/test_torch_bridge.py runs beside the lesson's optimizer, and every listed line is
    still in its lesson."""
    written = all_lesson_lines()
    listed = {(bridge.lesson, bridge.line) for bridge in BRIDGE_LINES}
    assert written == listed, (
        f"in a lesson, not in support/bridge.py: {written - listed}; "
        f"listed, no longer in its lesson: {listed - written}"
    )
