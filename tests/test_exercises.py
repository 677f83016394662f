"""The self-check answers 对了 / 再想想 without ever telling, and answers wait behind a click
holding the numbers and, in prose, what they mean."""

import html as html_module
import json
import re
from pathlib import Path

import numpy as np
import pytest
from IPython.core.interactiveshell import InteractiveShell

from course_lib.exercises import (
    EXPLANATION_CLASS,
    MARKER,
    NO_GUESS,
    SUMMARY,
    answer,
    answer_html,
    answer_text,
    check,
    verdict,
)

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
LESSONS = sorted(NOTEBOOKS.glob("*.ipynb"), key=lambda p: int(p.stem.split(".")[0]))

RIGHT = "对了"
WRONG = "再想想"


@pytest.mark.parametrize(
    ("guess", "truth", "tolerance", "expected"),
    [
        (10, 10.04, 0.2, RIGHT),
        (8.1, 10.04, 0.2, RIGHT),  # 19% off
        (8.0, 10.04, 0.2, WRONG),  # 20.3% off
        (0.5, 0.5, 0, RIGHT),
        (0.4, 0.5, 0, WRONG),
        (np.float64(6212.0), 6212, 0.15, RIGHT),
        (np.int64(6000), 6212, 0.15, RIGHT),
        (-10, 10, 0.5, WRONG),
        (float("nan"), 1.0, 0.5, WRONG),
        (float("inf"), 1.0, 0.5, WRONG),
    ],
)
def test_numbers_are_right_within_the_relative_tolerance(guess, truth, tolerance, expected):
    assert verdict(guess, truth, tolerance=tolerance).startswith(expected)


def test_words_are_right_when_equal():
    choices = ("更快", "更慢")
    assert verdict("更快", "更快", choices=choices).startswith(RIGHT)
    assert verdict("更慢", "更快", choices=choices).startswith(WRONG)


def test_a_wrong_guess_gets_the_hint_and_never_the_truth():
    line = verdict(300, 259, hint="梯度方向一致时, 步子放大到几倍?")
    assert line == "再想想。提示:梯度方向一致时, 步子放大到几倍?"
    for guess in [None, 1, 300, "x", True]:
        assert "259" not in verdict(guess, 259, hint="h")


@pytest.mark.parametrize("truth", [0.4741, 6212, 2.0308e-04, 10.036, 170.3])
def test_no_line_contains_the_truth_in_any_usual_format(truth):
    formats = [f"{truth}", f"{truth:.2f}", f"{truth:.3g}", f"{truth:.1e}", f"{round(truth)}"]
    shown = {f for f in formats if len(f.strip("0.")) >= 2}
    for guess in [None, "abc", truth * 2, truth * 1.01, 0]:
        line = verdict(guess, truth, tolerance=0.05, hint="看看上面的公式")
        assert not any(f in line for f in shown), (line, shown)


def test_no_guess_yet_says_how_to_answer():
    assert verdict(None, 3.0) == NO_GUESS
    assert "guess = None" in NO_GUESS


def test_a_guess_of_the_wrong_kind_says_what_is_expected():
    assert "选一个" in verdict("快", "更快", choices=("更快", "更慢"))
    assert "写一个数" in verdict("0.5", 0.5)
    assert "写一个数" in verdict(True, 1.0)  # a bool is not a number here


def test_a_truth_that_cannot_be_checked_is_the_lesson_authors_error():
    with pytest.raises(ValueError, match="not one of the choices"):
        verdict("更快", "很快", choices=("更快", "更慢"))
    with pytest.raises(ValueError, match="finite number"):
        verdict(1.0, float("nan"))
    with pytest.raises(ValueError, match="finite number"):
        verdict(1.0, "1.0")


def test_check_prints_the_verdict_in_one_line(capsys):
    check(2.0, 2.0)
    out = capsys.readouterr().out
    assert out.startswith(RIGHT) and out.count("\n") == 1


def test_answer_html_is_a_closed_details_block_with_escaped_text():
    block = answer_html("a < b & c\n第二行", ["x < y 时更快。"])
    assert re.fullmatch(
        rf"<details><summary>.*</summary><pre>.*</pre><p><strong>{MARKER}</strong></p>"
        rf'<p class="{EXPLANATION_CLASS}">.*</p></details>',
        block,
        re.S,
    )
    assert "<details open" not in block and SUMMARY in block
    assert "a &lt; b &amp; c\n第二行" in block and "x &lt; y 时更快。" in block


def test_the_plain_text_puts_the_interpretation_after_the_marker_line():
    assert answer_text("SSE = 727.89\n", ["它更快。", "也更稳。"]) == (
        f"SSE = 727.89\n{MARKER}\n它更快。\n也更稳。\n"
    )
    assert answer_text("SSE = 727.89", ["它更快。"]) == f"SSE = 727.89\n{MARKER}\n它更快。\n"


def test_answer_outside_jupyter_prints_the_numbers_and_the_interpretation(capsys):
    with answer() as explain:
        print("SSE = 727.89")
        explain(f"比最优值高 {727.89 - 727.88:.2f}。")
    assert capsys.readouterr().out == f"SSE = 727.89\n{MARKER}\n比最优值高 0.01。\n"


def test_answer_in_jupyter_shows_a_closed_block_and_prints_nothing():
    shell = InteractiveShell.instance()
    shown = []
    shell.display_pub.publish = lambda data, metadata=None, **kw: shown.append(data)
    try:
        result = shell.run_cell(
            "from course_lib.exercises import answer\n"
            "with answer() as explain:\n    print('SSE = 727.89')\n    explain('它停在这里。')"
        )
    finally:
        InteractiveShell.clear_instance()
    assert result.success
    assert shown == [
        {
            "text/plain": answer_text("SSE = 727.89\n", ["它停在这里。"]),
            "text/html": answer_html("SSE = 727.89\n", ["它停在这里。"]),
        }
    ]


@pytest.mark.parametrize("text", ["", "  ", "没有句号", "两行。\n第二行。"])
def test_an_interpretation_is_one_paragraph_ending_in_a_sentence_mark(text):
    with pytest.raises(ValueError, match="one paragraph on one line"), answer() as explain:
        explain(text)


def test_an_interpretation_that_no_longer_holds_is_an_error_not_a_false_sentence(capsys):
    faster = 259 < 448
    with pytest.raises(ValueError, match="no longer holds.*越大越快"), answer() as explain:
        explain("beta 越大越快。", holds=not faster)
    assert capsys.readouterr().out == "", "nothing of the block is shown"


def test_an_answer_without_an_interpretation_is_an_error():
    with pytest.raises(ValueError, match="needs an interpretation.*explain"), answer():
        print("SSE = 727.89")


# --- what the lessons store --------------------------------------------------------------------


def _answer_cells(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [c for c in cells if "answer" in c["metadata"].get("tags", [])]


PARAGRAPH = re.compile(rf'<p class="{EXPLANATION_CLASS}">(.*?)</p>', re.S)
CHINESE_SENTENCE = re.compile(r"[\u4e00-\u9fff].*。$")


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_every_stored_answer_explains_its_numbers_in_a_sentence(lesson):
    """Each answer's closed block holds, after its numbers, at least one paragraph of Chinese
    prose ending in 。, outside the <pre>; its text/plain holds the same after the marker."""
    for cell in _answer_cells(lesson):
        data = cell["outputs"][0]["data"]
        html, plain = "".join(data["text/html"]), "".join(data["text/plain"])
        paragraphs = PARAGRAPH.findall(html)
        assert paragraphs, f"{lesson.stem}: an answer block with no interpretation"
        assert any(CHINESE_SENTENCE.search(p) for p in paragraphs), (lesson.stem, paragraphs)
        assert html.index("</pre>") < html.index("<p "), (
            "the interpretation comes after the numbers"
        )
        assert f"\n{MARKER}\n" in plain, (lesson.stem, plain[-200:])
        assert plain.split(f"{MARKER}\n", 1)[1].splitlines() == [
            html_module.unescape(p) for p in paragraphs
        ]


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_the_hidden_answer_source_holds_code_and_no_prose(lesson):
    """No interpretation in comments: no comment after the answer's last line of code, and no
    comment line that is a sentence (ends in 。, ! or ?)."""
    for cell in _answer_cells(lesson):
        lines = [line.strip() for line in "".join(cell["source"]).splitlines() if line.strip()]
        assert not lines[-1].startswith("#"), f"{lesson.stem}: comments after the code: {lines[-1]}"
        comments = [line.split("#", 1)[1] for line in lines if line.startswith("#")]
        prose = [c for c in comments if re.search(r"[。!?]\s*$", c)]
        assert not prose, f"{lesson.stem}: prose in the answer's comments: {prose}"
