"""What the slide tests (RISE and the static decks) allow: shared, so both judge alike."""

# The original training loops of lessons 2-7 (the seed's code and comments, kept verbatim) are
# taller than a 1280x720 slide: these cells alone may scroll (RISE's "scroll": true, the decks'
# scroll fallback). Every other cell must fit.
MAY_SCROLL_LINES = {
    "2.随机梯度下降": "plt_x = []",
    "3.momentum": "plt_x = []",
    "4.ada_grad": "plt_x = []",
    "5.rms_prop": "plt_x = []",
    "6.ada_delta": "plt_x = []",
    "7.adam": "plt_x = []",
}


def may_scroll(lesson: str, first_line: str) -> bool:
    """Whether the cell starting with ``first_line`` in ``lesson`` may scroll."""
    stem = lesson.removesuffix(".ipynb").removesuffix(".slides.html")
    return MAY_SCROLL_LINES.get(stem) == first_line.strip()
