"""Every RISE slide of every lesson fits a 1280x720 projector; answers and speaker notes stay off.

Each lesson is opened as jupyterlab-rise shows it (stored outputs, nothing executed) and stepped
through slide by slide, subslide by subslide, fragment by fragment with reveal.js's own API. At
every step each shown cell must lie inside what shows it (the window, and the notebook element
reveal.js scales, which clips), and nothing in it may be cut off (an element wider than its
clipping box, e.g. a long code line). COURSE_RISE_NOTEBOOKS=DIR runs the
same checks on another folder of notebooks (to try slide fixes on copies). With RISE's "scroll"
on, content below a too tall slide is reachable by scrolling: allowed only for MAY_SCROLL's cells.

A presenter's tour: pressing the right arrow alone visits every slide (as many as the notebook's
slide metadata starts), while no request leaves 127.0.0.1 (reveal.js's default RISE theme asks
Google for two web fonts; the lessons pick "white", whose font ships with jupyterlab-rise), and
the text is projector-size (notebooks/rise.css).
"""

import json
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import nbformat
import pytest
from support.jupyter_lab import NOTEBOOKS, UI_TIMEOUT, diagnosed, screenshot
from support.slide_rules import MAY_SCROLL_LINES

SOURCE = Path(os.environ.get("COURSE_RISE_NOTEBOOKS", NOTEBOOKS))
LESSONS = sorted(p.name for p in SOURCE.glob("*.ipynb"))
PROJECTOR = {"width": 1280, "height": 720}
TOLERANCE = 2  # px: sub-pixel rounding and borders
MAX_STEPS = 300  # a deck longer than this is a stepping bug
# its first figure slide is saved as screenshots/rise-figure.png (rise-figure-trial.png for a trial)
FIGURE_LESSON = "3.momentum.ipynb"
LOCAL = ("http://127.0.0.1", "data:", "blob:")  # the lab server and inline data
# The original training loops, too long for a slide: RISE may scroll them ("rise": {"scroll": true}
# scrolls every slide taller than 95% of the window, so lesson 3's 700 px loop scrolls too).
MAY_SCROLL = {(f"{stem}.ipynb", line) for stem, line in MAY_SCROLL_LINES.items()}
DECKS = {}  # lesson -> Show: the tests of a lesson share one opening of its RISE show
MIN_TEXT_PX = 18  # prose at 1280x720, as in the offline decks (JupyterLab's own: 14 px)
MIN_CODE_PX = 15  # code and printed output (JupyterLab's own: 13 px)

# jupyterlab-rise keeps reveal.js private: fetch it from the page's webpack module cache.
JS_FIND_REVEAL = """() => {
    let require;
    self.webpackChunk_JUPYTERLAB_CORE_OUTPUT.push([[Symbol('reveal')], {}, r => { require = r; }]);
    for (const module of Object.values(require.c)) {
        for (const api of [module.exports, module.exports?.default]) {
            if (typeof api?.isLastSlide === 'function' && api.isReady()) {
                window.courseReveal = api;
                api.configure({transition: 'none'});
                return true;
            }
        }
    }
    return false;
}"""
JS_MATH_SETTLED = """() => new Promise(done => {
    const count = () => document.querySelectorAll('mjx-container, .MathJax').length;
    const before = count();
    setTimeout(() => done(count() === before), 1000);
})"""
JS_NEXT = """() => {
    const before = JSON.stringify(courseReveal.getIndices());
    courseReveal.next();
    return JSON.stringify(courseReveal.getIndices()) !== before;
}"""
JS_INDICES = "() => JSON.stringify(courseReveal.getIndices())"
# Does the current slide scroll, and is its "↓ 还有" (rise.css) shown at its top and at its end?
JS_MORE = """async () => {
    const slide = courseReveal.getCurrentSlide();
    const frame = () => new Promise(done => requestAnimationFrame(
        () => requestAnimationFrame(done)));
    const shown = () => getComputedStyle(slide, '::after').content.includes('还有')
        && parseFloat(getComputedStyle(slide, '::after').opacity) > 0.5;
    const scrolls = slide.scrollHeight > slide.clientHeight + 1
        && getComputedStyle(slide).overflowY === 'auto';
    slide.scrollTop = 0;
    await frame();
    const atTop = shown();
    slide.scrollTop = slide.scrollHeight;
    await frame();
    const atEnd = shown();
    slide.scrollTop = 0;
    return {scrolls, atTop, atEnd};
}"""
JS_FONT_PX = """(selectors) => selectors.map(s => {
    const el = document.querySelector(`.reveal .slides ${s}`);
    return el ? parseFloat(getComputedStyle(el).fontSize) : null;
})"""
FONT_SELECTORS = [".jp-RenderedMarkdown p", ".cm-content", ".jp-OutputArea-output pre"]
JS_FRAME = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
# At the current step: reveal's indices, which cells are shown, and how far each sticks out.
JS_MEASURE = """(count) => {
    const reveal = courseReveal, width = innerWidth, height = innerHeight;
    const slide = reveal.getCurrentSlide();
    const cells = [...document.querySelectorAll('.reveal .slides .jp-Cell')];
    if (cells.length !== count) {
        return {error: `${cells.length} cells in the page, ${count} in the file`};
    }
    const seen = el => el.checkVisibility({opacityProperty: true, visibilityProperty: true});
    const shown = cells.map((cell, i) => [cell, i])
        .filter(([cell]) => slide.contains(cell) && seen(cell));
    // what clips `el`: the window and every ancestor that clips (overflow or CSS containment)
    const clip = el => {
        const frame = {top: 0, bottom: height, left: 0, right: width};
        for (let a = el; a; a = a.parentElement) {
            const style = getComputedStyle(a);
            const clips = style.overflowX !== 'visible' || style.overflowY !== 'visible'
                || /strict|content|paint/.test(style.contain);
            if (!clips) continue;
            const box = a.getBoundingClientRect();
            frame.top = Math.max(frame.top, box.top);
            frame.bottom = Math.min(frame.bottom, box.bottom);
            frame.left = Math.max(frame.left, box.left);
            frame.right = Math.min(frame.right, box.right);
        }
        return frame;
    };
    // RISE's "scroll": true makes a too tall slide a scroll box: what is below it is reachable
    const scrolls = ['auto', 'scroll'].includes(getComputedStyle(slide).overflowY)
        && slide.scrollHeight > slide.clientHeight + 1;
    const outer = clip(slide.parentElement);
    const frame = scrolls ? slide.getBoundingClientRect() : outer;
    const measure = cell => {
        const out = {bottom: 0, right: 0, top: 0, left: 0, clipped: 0, scroll: 0};
        for (const el of [cell, ...cell.querySelectorAll('*')]) {
            const box = el.getBoundingClientRect();
            if (box.width === 0 || box.height === 0 || !seen(el)) continue;
            const [down, up] = scrolls ? ['scroll', 'scroll'] : ['bottom', 'top'];
            out[down] = Math.max(out[down], box.bottom - frame.bottom);
            out[up] = Math.max(out[up], frame.top - box.top);
            out.right = Math.max(out.right, box.right - outer.right);
            out.left = Math.max(out.left, outer.left - box.left);
            if (getComputedStyle(el).overflowX !== 'visible') {
                out.clipped = Math.max(out.clipped, el.scrollWidth - el.clientWidth);
            }
        }
        for (const key in out) out[key] = Math.round(out[key]);
        return out;
    };
    const box = slide.getBoundingClientRect();
    const section = {
        bottom: Math.round(box.bottom - outer.bottom), top: Math.round(outer.top - box.top),
    };
    return {
        indices: reveal.getIndices(),
        shown: shown.map(([, i]) => i),
        cells: shown.map(([cell, i]) => ({index: i, ...measure(cell)})),
        section: scrolls ? section : {bottom: 0, top: 0},
    };
}"""


@pytest.fixture(scope="module")
def viewport():
    """A common projector's size."""
    return PROJECTOR


@pytest.fixture(scope="module")
def lab_source():
    """The lessons, or the folder COURSE_RISE_NOTEBOOKS names."""
    return SOURCE


def first_line(cell):
    """The first non-blank line of a cell's source, for messages."""
    return next((line.strip() for line in cell.source.splitlines() if line.strip()), "")[:70]


def slide_type(cell):
    """The cell's slideshow slide_type ("-" when unset)."""
    return cell.metadata.get("slideshow", {}).get("slide_type", "-")


def open_rise(page, lab, name):
    """Open `name` in RISE's own page; return once reveal.js is ready and the math is typeset."""
    page.goto(f"{lab.url}/rise/{quote(name)}?token={lab.token}")
    page.locator(".reveal .slides section.present").first.wait_for()
    page.wait_for_function(JS_FIND_REVEAL, timeout=UI_TIMEOUT * 1000)
    page.evaluate("() => document.fonts.ready.then(() => true)")
    for _ in range(10):
        if page.evaluate(JS_MATH_SETTLED):
            break


def walk(page, count):
    """Measure every step of the deck, from the first slide to the last fragment."""
    page.evaluate("() => courseReveal.slide(0, 0)")
    steps = []
    for _ in range(MAX_STEPS):
        page.evaluate(JS_FRAME)
        step = page.evaluate(JS_MEASURE, count)
        assert "error" not in step, step.get("error")
        steps.append(step)
        if not page.evaluate(JS_NEXT):
            return steps
    pytest.fail(f"more than {MAX_STEPS} steps: is reveal.next() stuck?")


def where(step):
    """A step's position as (h, v, fragment)."""
    i = step["indices"]
    return f"(h={i['h']}, v={i.get('v', 0)}, f={i.get('f')})"


def beyond(measured, lesson, line):
    """The measured px beyond TOLERANCE that count: scrolling only where MAY_SCROLL allows it."""
    keys = ["bottom", "right", "top", "left", "clipped"]
    if (lesson, line) not in MAY_SCROLL:
        keys.append("scroll")
    return {k: measured[k] for k in keys if measured[k] > TOLERANCE}


def overflows(lesson, cells, steps):
    """One message per cell that sticks out of the window or has content cut off."""
    found = []
    for step in steps:
        section = {k: v for k, v in step["section"].items() if v > TOLERANCE}
        if section:
            found.append(f"{lesson} slide {where(step)}: the scrolling slide itself {section}")
        for measured in step["cells"]:
            line = first_line(cells[measured["index"]])
            excess = beyond(measured, lesson, line)
            if excess:
                px = ", ".join(f"{k} {v} px" for k, v in excess.items())
                found.append(
                    f"{lesson} slide {where(step)} cell {measured['index']} {line!r}: {px}"
                )
    return found


def hidden_shown(lesson, cells, steps):
    """One message per step at which a speaker-notes or an answer cell is shown."""
    found = []
    for step in steps:
        for index in step["shown"]:
            cell = cells[index]
            kind = "notes" if slide_type(cell) == "notes" else None
            kind = "answer" if "answer" in cell.metadata.get("tags", []) else kind
            if kind:
                found.append(
                    f"{lesson} slide {where(step)}: {kind} cell {index} "
                    f"{first_line(cell)!r} is shown"
                )
    return found


def figure_screenshot(page, cells, steps):
    """Save the first step that shows a figure as screenshots/rise-figure.png."""
    has_figure = [
        any("image/png" in o.get("data", {}) for o in c.get("outputs", [])) for c in cells
    ]
    step = next(s for s in steps if any(has_figure[i] for i in s["shown"]))
    page.evaluate("i => courseReveal.slide(i.h, i.v, i.f ?? undefined)", step["indices"])
    page.evaluate(JS_FRAME)
    screenshot(page, "rise-figure" if SOURCE == NOTEBOOKS else "rise-figure-trial")


@dataclass
class Show:
    """One lesson's RISE show as the tests saw it: its cells, the measured steps (walk), the
    slides → visited and their "↓ 还有" (right_arrow_tour), the slide count, the font sizes
    (prose, code, output) and the requests that left 127.0.0.1 while it was open."""

    cells: list
    steps: list
    visited: list
    more: list
    total: int
    fonts: tuple
    outside: list


def stepped(lab, page, lesson):
    """The lesson's ``Show``: opened once per module, stepped through, then toured with →."""
    if lesson in DECKS:
        return DECKS[lesson]
    cells = nbformat.read(lab.root / lesson, as_version=4).cells
    outside = []

    def keep_outside(request):
        if not request.url.startswith(LOCAL):
            outside.append(request.url)

    page.on("request", keep_outside)
    try:
        with diagnosed(lab, page, f"rise-{Path(lesson).stem}"):
            open_rise(page, lab, lesson)
            fonts = tuple(page.evaluate(JS_FONT_PX, FONT_SELECTORS))
            steps = walk(page, len(cells))
            if lesson == FIGURE_LESSON:
                figure_screenshot(page, cells, steps)
            visited, more = right_arrow_tour(page)
            total = page.evaluate("() => courseReveal.getTotalSlides()")
    finally:
        page.remove_listener("request", keep_outside)
    DECKS[lesson] = Show(cells, steps, visited, more, total, fonts, outside)
    return DECKS[lesson]


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_rise_slide_fits_1280x720(lab, page, lesson):
    """No shown cell leaves the window or is cut off, on any slide, subslide or fragment."""
    show = stepped(lab, page, lesson)
    cells, steps = show.cells, show.steps
    assert len(steps) > 1, f"{lesson}: the deck has a single step"
    print(f"\n{lesson}: {len(steps)} steps, the last at {where(steps[-1])}")
    found = overflows(lesson, cells, steps)
    assert not found, f"{len(found)} overflowing:\n" + "\n".join(found)


@pytest.mark.parametrize("lesson", LESSONS)
def test_rise_never_shows_answers_or_speaker_notes(lab, page, lesson):
    """Cells tagged "answer" and slide_type "notes" cells are never shown at any step."""
    show = stepped(lab, page, lesson)
    found = hidden_shown(lesson, show.cells, show.steps)
    assert not found, f"{len(found)} shown:\n" + "\n".join(found)


def right_arrow_tour(page):
    """Press → from the first slide until it moves no more; the (h, v) of every slide shown,
    and the "↓ 还有" of each (JS_MORE)."""
    page.evaluate("() => courseReveal.slide(0, 0)")
    shown = [json.loads(page.evaluate(JS_INDICES))]
    more = [page.evaluate(JS_MORE)]
    for _ in range(MAX_STEPS):
        page.keyboard.press("ArrowRight")
        now = json.loads(page.evaluate(JS_INDICES))
        if now == shown[-1]:
            return [(i["h"], i.get("v", 0)) for i in shown], more
        shown.append(now)
        more.append(page.evaluate(JS_MORE))
    pytest.fail(f"more than {MAX_STEPS} presses of →: is the deck looping?")


@pytest.mark.parametrize("lesson", LESSONS)
def test_the_right_arrow_alone_visits_every_rise_slide_offline(lab, page, lesson):
    """→ alone reaches every slide; no request leaves 127.0.0.1; the text is projector-size."""
    show = stepped(lab, page, lesson)
    starts = sum(slide_type(cell) in ("slide", "subslide") for cell in show.cells)
    (prose, code, output), visited, more, total = show.fonts, show.visited, show.more, show.total
    print(f"\n{lesson}: → visited {len(set(visited))} slides; prose {prose} px, code {code} px")
    assert len(set(visited)) == total == starts, (
        f"{lesson}: → visited {sorted(set(visited))} of {total} slides; the notebook starts "
        f"{starts}"
    )
    assert show.outside == [], f"{lesson}: requests beyond 127.0.0.1 while the show is open"
    # "↓ 还有" shows on a slide that scrolls, until its end; never on one that fits
    wrong = [
        (at, m)
        for at, m in zip(visited, more, strict=True)
        if m["atEnd"] or m["atTop"] != m["scrolls"]
    ]
    assert wrong == [], f"{lesson}: '↓ 还有' wrong on these slides"
    if lesson == FIGURE_LESSON:  # its original training loop is taller than a slide
        assert any(m["scrolls"] for m in more), f"{lesson}: no slide scrolls"
    assert prose >= MIN_TEXT_PX, f"{lesson}: prose at {prose} px (rise.css sets {MIN_TEXT_PX})"
    assert code >= MIN_CODE_PX and (output is None or output >= MIN_CODE_PX), (code, output)
