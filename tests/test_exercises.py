"""The self-check answers 对了 / 再想想 without ever telling, and answers wait behind a click."""

import re

import numpy as np
import pytest
from IPython.core.interactiveshell import InteractiveShell

from course_lib.exercises import NO_GUESS, SUMMARY, answer, answer_html, check, verdict

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
    block = answer_html("a < b & c\n第二行")
    assert re.fullmatch(r"<details><summary>.*</summary><pre>.*</pre></details>", block, re.S)
    assert "<details open" not in block and SUMMARY in block
    assert "a &lt; b &amp; c\n第二行" in block


def test_answer_outside_jupyter_prints_what_the_block_printed(capsys):
    with answer():
        print("SSE = 727.89")
    assert capsys.readouterr().out == "SSE = 727.89\n"


def test_answer_in_jupyter_shows_a_closed_block_and_prints_nothing():
    shell = InteractiveShell.instance()
    shown = []
    shell.display_pub.publish = lambda data, metadata=None, **kw: shown.append(data)
    try:
        result = shell.run_cell(
            "from course_lib.exercises import answer\nwith answer():\n    print('SSE = 727.89')"
        )
    finally:
        InteractiveShell.clear_instance()
    assert result.success
    assert shown == [{"text/plain": "SSE = 727.89\n", "text/html": answer_html("SSE = 727.89\n")}]
