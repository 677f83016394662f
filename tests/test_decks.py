"""The offline student decks (python -m course_lib slides) in a real browser at 1280x720.

The decks are built once per session from the lessons' stored outputs into a temporary folder,
then each is opened from ``file://`` in Debian's Chromium under Playwright, with every request
routed: anything that is not ``file:`` (or an inline ``data:`` image) is blocked and counted.
Each deck is stepped through with the right arrow key alone, as a presenter would: it must visit
every slide (as many as the lesson's slide metadata starts) and fragment, scroll a slide taller
than the box to its end (showing "↓ 还有" until then) before leaving it; the test fails on an
external or failed request, unrendered math, answer or speaker-notes text, and any slide whose
content does not fit the 1280x720 slide box (naming the lesson, the slide h/v, the cell and the
pixels).
Without Chromium or Playwright the tests skip, unless COURSE_REQUIRE_BROWSER=1 (CI).
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest
from support.slide_rules import may_scroll

from course_lib.publish.decks import HEIGHT, TEMPLATES, WIDTH, build_decks, with_explorer_slides
from course_lib.publish.lessons import ANSWER_TAG, lesson_paths, student_notebook

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "screenshots"
VIEWPORT = {"width": WIDTH, "height": HEIGHT}
LESSONS = [path.stem for path in lesson_paths()]
FIGURE_LESSON = "3.momentum"  # its first figure slide (the loss curve) is saved as a screenshot
PAGE_TIMEOUT = 60  # s: a deck loading, MathJax typesetting
MAX_STEPS = 400  # more steps than any deck has: a stuck → fails instead of looping
TOLERANCE = 1  # px: sub-pixel rounding is not an overflow
TELLTALE_LENGTH = 12  # characters (whitespace removed) a removed cell's line needs to be checked

# One step of the tour, after a key press: wait for MathJax, then measure the current slide in
# slide pixels (1280x720): the section's own height and every element's box against the slide box
# and the viewport, code or output clipped on the right instead of wrapped; whether the slide
# scrolls, is scrolled to its end, and shows its "↓ 还有".
JS_STEP = r"""async () => {
    await new Promise(done => MathJax.Hub.Queue(done));
    await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
    const slide = Reveal.getCurrentSlide();
    const {h, v, f} = Reveal.getIndices();
    const {width, height} = Reveal.getConfig();
    const scale = Reveal.getScale();
    const box = document.querySelector('.reveal .slides').getBoundingClientRect();
    const bottom = Math.min(box.top + height * scale, window.innerHeight);
    const right = Math.min(box.left + width * scale, window.innerWidth);
    const cellOf = el => (el.closest('.jp-Cell') || {id: ''}).id.replace('cell-id=', '');
    const overflows = [];
    const section = Math.max(slide.scrollHeight, slide.offsetHeight) - height;
    overflows.push({kind: 'section taller than the slide', px: section, cell: ''});
    for (const el of slide.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        if (el.closest('.MJX_Assistive_MathML')) continue;  // visually hidden copy of the math
        const cell = cellOf(el);
        overflows.push({kind: 'below the slide', px: (r.bottom - bottom) / scale, cell});
        overflows.push({kind: 'right of the slide', px: (r.right - right) / scale, cell});
        const style = getComputedStyle(el);
        if ((el.tagName === 'PRE' || el.classList.contains('jp-OutputArea-output'))
                && style.overflowX !== 'visible') {
            overflows.push({kind: 'clipped on the right', px: el.scrollWidth - el.clientWidth,
                            cell});
        }
    }
    const rawMath = /\$\$|\\\(|\\\[|\$[^$\n]*\\[A-Za-z]+[^$\n]*\$/;
    return {
        h, v, f: f === undefined ? null : f,
        overflows: overflows.filter(o => o.px > TOLERANCE)
            .map(o => ({...o, px: Math.round(o.px)})),
        rawMath: (slide.innerText.match(rawMath) || [null])[0],
        hasFigure: !!slide.querySelector('.jp-OutputArea-output img'),
        scrolls: slide.classList.contains('course-scrolls')
            && slide.scrollHeight > slide.clientHeight,
        atEnd: slide.scrollTop + slide.clientHeight >= slide.scrollHeight - 1,
        more: getComputedStyle(slide, '::after').content.includes('还有')
            && getComputedStyle(slide, '::after').visibility === 'visible',
        last: Reveal.isLastSlide() && !Reveal.availableFragments().next
            && slide.scrollTop + slide.clientHeight >= slide.scrollHeight - 1,
    };
}""".replace("TOLERANCE", str(TOLERANCE))
JS_MATH = """() => ({
    rendered: document.querySelectorAll('.MathJax_CHTML').length,
    errors: [...document.querySelectorAll('.mjx-merror, .MathJax_Error')].map(e => e.textContent),
})"""


@dataclass
class Tour:
    """What one deck did in the browser: its requests, math, text and every step's measurements."""

    lesson: str
    external: list[str] = field(default_factory=list)  # blocked non-file requests
    failed: list[str] = field(default_factory=list)  # file requests that failed (missing files)
    math: dict = field(default_factory=dict)
    text: str = ""  # the whole deck's textContent, hidden slides and asides included
    steps: list[dict] = field(default_factory=list)
    total: int = 0  # Reveal.getTotalSlides()
    console_errors: list[str] = field(default_factory=list)


def squeezed(text):
    """`text` without any whitespace, so that wrapping and highlighting do not matter."""
    return re.sub(r"\s+", "", text)


def cell_text(cell):
    """A cell's source and the text of its outputs."""
    outputs = [
        output.get("text", "") or output.get("data", {}).get("text/plain", "")
        for output in cell.get("outputs", [])
    ]
    return "\n".join([cell.source, *outputs])


def removed(cell):
    """True for the cells a student deck must not contain: answers and speaker notes."""
    slide_type = cell.metadata.get("slideshow", {}).get("slide_type")
    return ANSWER_TAG in cell.metadata.get("tags", []) or slide_type == "notes"


def telltales(notebook):
    """Lines (whitespace removed) of answer and notes cells that no shown cell contains."""
    shown = squeezed("\n".join(cell_text(c) for c in notebook.cells if not removed(c)))
    found = []
    for cell in filter(removed, notebook.cells):
        # markdown's markup and math are rendered, so only the plain runs between them count
        for piece in re.split(r"\$[^$]*\$|[`*#|<>\[\]]", cell_text(cell)):
            for line in piece.splitlines():
                line = squeezed(line)
                if len(line) >= TELLTALE_LENGTH and line not in shown:
                    found.append(line)
    return found


def first_lines(notebook):
    """Cell id -> the first non-empty line of the cell's source."""
    return {
        cell.get("id", ""): next((s for s in cell.source.splitlines() if s.strip()), "")
        for cell in notebook.cells
    }


@pytest.fixture(scope="session")
def decks(tmp_path_factory):
    """The student decks of all lessons, built once: lesson name -> deck path."""
    out = tmp_path_factory.mktemp("slides")
    return {path.name.removesuffix(".slides.html"): path for path in build_decks(out)}


@pytest.fixture(scope="module")
def browser(chromium):
    """Headless Debian Chromium (tests/jupyter_lab.py's), not JupyterLab's browser fixture."""
    return chromium


def take_tour(browser, deck, lesson):
    """Open `deck` from file:// at 1280x720 and step through all of it; return the Tour."""
    tour = Tour(lesson)
    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN")
    context.set_default_timeout(PAGE_TIMEOUT * 1000)

    def only_files(route):
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            tour.external.append(url)
            route.abort()

    def keep_error(message):
        if message.type == "error":
            tour.console_errors.append(message.text)

    context.route("**/*", only_files)
    page = context.new_page()
    page.on("requestfailed", lambda request: tour.failed.append(request.url))
    page.on("console", keep_error)
    try:
        page.goto(deck.as_uri())
        page.wait_for_function("() => window.Reveal && Reveal.isReady() && window.MathJax")
        page.evaluate("() => Reveal.configure({transition: 'none', backgroundTransition: 'none'})")
        tour.total = page.evaluate("() => Reveal.getTotalSlides()")
        step = page.evaluate(JS_STEP)
        tour.math = page.evaluate(JS_MATH)
        tour.text = page.evaluate("() => document.body.textContent")
        shot = lesson == FIGURE_LESSON
        while True:
            tour.steps.append(step)
            if shot and step["hasFigure"]:
                SCREENSHOTS.mkdir(exist_ok=True)
                page.screenshot(path=str(SCREENSHOTS / f"deck_{lesson}_figure.png"))
                shot = False
            if step["last"] or len(tour.steps) >= MAX_STEPS:
                break
            page.keyboard.press("ArrowRight")
            step = page.evaluate(JS_STEP)
    finally:
        context.close()
    return tour


@pytest.fixture(scope="module", params=LESSONS)
def tour(request, browser, decks):
    """One lesson's deck, opened offline and stepped through to its last fragment."""
    return take_tour(browser, decks[request.param], request.param)


@pytest.fixture(scope="module")
def notebooks():
    """Lesson name -> its notebook, as the decks were built from it."""
    return {path.stem: nbformat.read(path, as_version=4) for path in lesson_paths()}


def test_lessons_come_in_lesson_order():
    assert [name.split(".")[0] for name in LESSONS] == [str(n) for n in range(len(LESSONS))]


def test_the_deck_template_is_package_data():
    assert (TEMPLATES / "deck" / "index.html.j2").is_file()
    manifest = (ROOT / "MANIFEST.in").read_text(encoding="utf-8")
    assert "recursive-include course_lib/publish/templates" in manifest


def test_deck_opens_offline(tour):
    assert tour.external == [], f"{tour.lesson}: {len(tour.external)} non-file requests"
    assert tour.failed == [], f"{tour.lesson}: files the deck asked for but could not load"
    assert tour.console_errors == [], f"{tour.lesson}: browser console errors"


def slide_count(lesson):
    """How many slides the lesson's student copy starts (slide types slide and subslide), its
    explorer on a slide of its own."""
    path = next(p for p in lesson_paths() if p.stem == lesson)
    cells = with_explorer_slides(student_notebook(path)).cells
    kinds = [cell.metadata.get("slideshow", {}).get("slide_type") for cell in cells]
    return sum(kind in ("slide", "subslide") for kind in kinds)


def test_the_right_arrow_alone_visits_every_slide(tour):
    assert tour.steps[-1]["last"], f"{tour.lesson}: stopped after {MAX_STEPS} presses of →"
    visited = {(step["h"], step["v"]) for step in tour.steps}
    assert len(visited) == tour.total == slide_count(tour.lesson), (
        f"{tour.lesson}: → visited {len(visited)} slides {sorted(visited)}, the deck has "
        f"{tour.total}, the notebook starts {slide_count(tour.lesson)}"
    )
    print(f"\n{tour.lesson}: {len(visited)} slides visited with {len(tour.steps) - 1} presses of →")


def test_the_right_arrow_scrolls_a_tall_slide_to_its_end_before_leaving_it(tour):
    """ "↓ 还有" shows exactly while a scrolling slide has more below; → scrolls it to its end."""
    wrong = [
        (s["h"], s["v"], s["more"])
        for s in tour.steps
        if s["more"] != (s["scrolls"] and not s["atEnd"])
    ]
    assert wrong == [], f"{tour.lesson}: '↓ 还有' shown (h, v, shown) where it should not, or not"
    left = [
        (step["h"], step["v"])
        for step, after in zip(tour.steps, tour.steps[1:], strict=False)
        if step["scrolls"]
        and (after["h"], after["v"]) != (step["h"], step["v"])
        and not step["atEnd"]
    ]
    assert left == [], f"{tour.lesson}: → left these slides before their end"
    scrolled = {(s["h"], s["v"]) for s in tour.steps if s["scrolls"] and s["atEnd"]}
    if may_scroll(tour.lesson, "plt_x = []"):  # an original training loop: taller than a slide
        assert scrolled, f"{tour.lesson}: the training loop's slide does not scroll to its end"


def test_math_is_rendered(tour, notebooks):
    has_math = any(
        "$" in cell.source
        for cell in notebooks[tour.lesson].cells
        if cell.cell_type == "markdown" and not removed(cell)
    )
    assert tour.math["errors"] == [], f"{tour.lesson}: MathJax errors"
    if has_math:
        assert tour.math["rendered"] > 0, f"{tour.lesson}: no MathJax output at all"
    raw = [(s["h"], s["v"], s["rawMath"]) for s in tour.steps if s["rawMath"]]
    assert raw == [], f"{tour.lesson}: TeX source visible on slides (h, v, text)"


def test_no_answer_or_notes_text(tour, notebooks):
    lines = telltales(notebooks[tour.lesson])
    assert lines, f"{tour.lesson}: no answer or notes lines to look for"
    deck = squeezed(tour.text)
    shown = [line for line in lines if line in deck]
    assert shown == [], f"{tour.lesson}: answer or speaker-notes text in the student deck"


def overflow_report(tour, names):
    """One line per slide that does not fit: how far, in which direction, and which cells.

    Cells are named by the first line of their source, in the order they appear on the slide,
    each with its largest overflow over the slide's fragments.
    """
    slides = {}  # (h, v) -> kind -> cell -> px
    for step in tour.steps:
        kinds = slides.setdefault((step["h"], step["v"]), {})
        for overflow in step["overflows"]:
            cells = kinds.setdefault(overflow["kind"], {})
            cells[overflow["cell"]] = max(cells.get(overflow["cell"], 0), overflow["px"])
    lines = []
    for (h, v), kinds in sorted(slides.items()):
        on_slide = {names.get(cell, cell) for cells in kinds.values() for cell in cells}
        if any(may_scroll(tour.lesson, name) for name in on_slide):
            # the slide of an original training loop scrolls; its other cells must still fit
            kinds = {
                kind: {
                    c: px
                    for c, px in cells.items()
                    if c and not may_scroll(tour.lesson, names.get(c, c))
                }
                for kind, cells in kinds.items()
            }
            kinds = {kind: cells for kind, cells in kinds.items() if cells}
        parts = []
        for kind, cells in kinds.items():
            named = [
                f"{names.get(cell, cell)[:70]!r} by {px} px" if cell else f"by {px} px"
                for cell, px in cells.items()
            ]
            parts.append(f"{kind}: {', '.join(named)}")
        if parts:
            lines.append(f"{tour.lesson} slide h={h} v={v}: " + "; ".join(parts))
    return lines


def test_every_slide_fits_1280x720(tour, notebooks):
    report = overflow_report(tour, first_lines(notebooks[tour.lesson]))
    assert not report, "slides that do not fit 1280x720:\n" + "\n".join(report)


EXPLORER_LESSON = "6.ada_delta"  # its explorer has one slider (rho) and the steps


def test_the_explorer_slide_redraws_when_its_slider_moves(browser, decks):
    """Offline, the deck's explorer is live: a slider moved with the keyboard swaps the picture
    and the text line for another position's, and the arrow key moves the slider, not the deck."""
    context = browser.new_context(viewport=VIEWPORT)
    external = []

    def only_files(route):
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            external.append(url)
            route.abort()

    context.route("**/*", only_files)
    page = context.new_page()
    try:
        page.goto(decks[EXPLORER_LESSON].as_uri())
        page.wait_for_function("() => window.Reveal && Reveal.isReady()")
        page.evaluate("() => Reveal.configure({transition: 'none'})")
        index = page.evaluate(
            "() => [...document.querySelectorAll('.reveal .slides > section')]"
            ".findIndex(s => s.querySelector('.course-explorer'))"
        )
        assert index >= 0, f"{EXPLORER_LESSON}: no live explorer in the deck"
        page.evaluate(f"() => Reveal.slide({index})")
        explorer = page.locator(".reveal section.present .course-explorer")
        picture = explorer.locator("img").first
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=picture.element_handle()
        )
        before = (
            picture.get_attribute("src"),
            explorer.locator(".course-explorer-call").inner_text(),
        )
        explorer.locator('input[type="range"]').first.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=picture.element_handle()
        )
        after = (
            picture.get_attribute("src"),
            explorer.locator(".course-explorer-call").inner_text(),
        )
        assert before[0] != after[0] and before[1] != after[1], (before, after)
        assert page.evaluate("() => Reveal.getIndices().h") == index, "→ moved the deck"
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"deck_{EXPLORER_LESSON}_explorer.png"))
    finally:
        context.close()
    assert external == []
