"""Exercises that wait for the learner: answers behind a click, and a self-check that never tells.

An answer cell runs its code inside ``with answer() as explain:``. What the code prints (the
numbers) and the sentences it passes to ``explain`` (what the numbers mean) are kept out of
sight: in JupyterLab they become a closed ``<details>`` block ("运行结果和解读") that the
learner opens when ready: the numbers in a ``<pre>``, a bold ``解读:``, then each paragraph
of the interpretation in a ``<p class="answer-explanation">``. The same text stays the
output's ``text/plain`` (what nbval compares), the interpretation after the marker line
``解读:``, so CI checks all of it.
``check(guess, truth, ...)`` compares a learner's guess with the value the answer measured and
prints one line: 对了, 再想想 plus a hint, or a reminder to guess first. It never prints ``truth``.
"""

import contextlib
import html
import io
import math
import numbers
from collections.abc import Callable, Iterator, Sequence

SUMMARY = "运行结果和解读(先猜一猜,再点开)"
NO_GUESS = "还没有猜:在上一格把 guess = None 换成你的猜测,再运行那一格和这一格。"
MARKER = "解读:"  # the line between the numbers and the interpretation in text/plain
EXPLANATION_CLASS = "answer-explanation"
SENTENCE_ENDS = "。!?"


def answer_text(printed: str, explanation: Sequence[str] = ()) -> str:
    """The answer as plain text: the printed numbers, then ``解读:`` and one line per paragraph."""
    if not explanation:
        return printed
    numbers = printed if not printed or printed.endswith("\n") else printed + "\n"
    return numbers + MARKER + "\n" + "".join(f"{paragraph}\n" for paragraph in explanation)


def answer_html(printed: str, explanation: Sequence[str] = ()) -> str:
    """The closed ``<details>`` block: the printed numbers in a ``<pre>``, then the bold label
    ``解读:`` and each paragraph of the interpretation in a ``<p class="answer-explanation">``."""
    numbers = f"<pre>{html.escape(printed)}</pre>" if printed else ""
    paragraphs = "".join(
        f'<p class="{EXPLANATION_CLASS}">{html.escape(paragraph)}</p>' for paragraph in explanation
    )
    if explanation:
        paragraphs = f"<p><strong>{html.escape(MARKER)}</strong></p>{paragraphs}"
    return f"<details><summary>{html.escape(SUMMARY)}</summary>{numbers}{paragraphs}</details>"


def show_answer(printed: str, explanation: Sequence[str] = ()) -> None:
    """Show the answer as a closed block in Jupyter; elsewhere (a plain script) print it."""
    text = answer_text(printed, explanation)
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython comes with the course's Jupyter stack
        print(text, end="")
        return
    if get_ipython() is None:
        print(text, end="")
        return
    display({"text/plain": text, "text/html": answer_html(printed, explanation)}, raw=True)


def checked_paragraph(text: str, holds: bool = True) -> str:
    """``text`` as one paragraph of an interpretation, or a ValueError saying what to fix: it
    must be non-empty prose on one line ending in 。, ! or ?, and ``holds`` (the condition
    that makes it true for the computed numbers) must be true."""
    paragraph = text.strip()
    if not paragraph or "\n" in paragraph or paragraph[-1] not in SENTENCE_ENDS:
        raise ValueError(
            f"explain() takes one paragraph on one line that ends in 。, ! or ?: {text!r}"
        )
    if not holds:
        raise ValueError(
            f"this interpretation no longer holds for the computed numbers: {paragraph!r}; "
            "rewrite it (or the condition passed as holds=) to say what the numbers show"
        )
    return paragraph


@contextlib.contextmanager
def answer() -> Iterator[Callable[..., None]]:
    """Collect what the block prints and the paragraphs it gives to ``explain(text, holds=...)``;
    show both as one closed answer block. A block without an interpretation is an error."""
    printed = io.StringIO()
    explanation: list[str] = []

    def explain(text: str, *, holds: bool = True) -> None:
        explanation.append(checked_paragraph(text, holds))

    with contextlib.redirect_stdout(printed):
        yield explain
    if not explanation:
        raise ValueError(
            "an answer block needs an interpretation: write `with answer() as explain:` and "
            'call explain(f"...") with a sentence saying what the numbers mean'
        )
    show_answer(printed.getvalue(), explanation)


def verdict(
    guess: object,
    truth: object,
    *,
    tolerance: float = 0.1,
    choices: Sequence[str] = (),
    hint: str = "",
) -> str:
    """The one line ``check`` prints: 对了 / 再想想 (+ hint) / how to answer; never ``truth``.

    A number is right within the relative ``tolerance``; a word (one of ``choices``) when equal.
    """
    if guess is None:
        return NO_GUESS
    if choices:
        if truth not in choices:
            raise ValueError(f"truth {truth!r} is not one of the choices {list(choices)}")
        if guess not in choices:
            return f"请从 {' / '.join(choices)} 里选一个,写成字符串,例如 guess = {choices[0]!r}。"
        right = guess == truth
    else:
        if isinstance(guess, bool) or not isinstance(guess, numbers.Real):
            return f"请写一个数,例如 guess = 0.5(现在是 {guess!r})。"
        if not isinstance(truth, numbers.Real) or not math.isfinite(truth) or tolerance < 0:
            raise ValueError(f"truth must be a finite number and tolerance >= 0: {truth!r}")
        right = math.isfinite(guess) and abs(guess - truth) <= tolerance * abs(truth)
    if right:
        return "对了!点开上面的运行结果,看看解读。"
    return "再想想。" + (f"提示:{hint}" if hint else "")


def check(
    guess: object,
    truth: object,
    *,
    tolerance: float = 0.1,
    choices: Sequence[str] = (),
    hint: str = "",
) -> None:
    """Print whether ``guess`` matches ``truth`` (see ``verdict``) in one line."""
    print(verdict(guess, truth, tolerance=tolerance, choices=choices, hint=hint))
