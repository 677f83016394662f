"""Exercises that wait for the learner: answers behind a click, and a self-check that never tells.

An answer cell runs its code inside ``with answer():``. What the code prints is kept out of
sight: in JupyterLab it becomes a closed ``<details>`` block ("运行结果和解读") that the learner
opens when ready, while the same text stays the output's ``text/plain`` (what nbval compares),
so CI still checks every answer. ``check(guess, truth, ...)`` compares a learner's guess with
the value the answer measured and prints one line: 对了, 再想想 plus a hint, or a reminder to
guess first. It never prints ``truth``.
"""

import contextlib
import html
import io
import math
import numbers
from collections.abc import Iterator, Sequence

SUMMARY = "运行结果和解读(先猜一猜,再点开)"
NO_GUESS = "还没有猜:在上一格把 guess = None 换成你的猜测,再运行那一格和这一格。"


def answer_html(text: str) -> str:
    """The closed ``<details>`` block that shows ``text`` once the learner opens it."""
    return (
        f"<details><summary>{html.escape(SUMMARY)}</summary>"
        f"<pre>{html.escape(text)}</pre></details>"
    )


def show_answer(text: str) -> None:
    """Show ``text`` as a closed block in Jupyter; elsewhere (a plain script) print it."""
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython comes with the course's Jupyter stack
        print(text, end="")
        return
    if get_ipython() is None:
        print(text, end="")
        return
    display({"text/plain": text, "text/html": answer_html(text)}, raw=True)


@contextlib.contextmanager
def answer() -> Iterator[None]:
    """Collect what the block prints and show it as a closed answer block."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        yield
    show_answer(printed.getvalue())


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
