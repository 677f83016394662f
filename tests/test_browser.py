"""End to end in a real browser: a lesson runs in JupyterLab, the lr slider redraws, RISE shows it.

The server, the browser and their fixtures live in jupyter_lab.py (see there for what is needed).
"""

import re
import time
from urllib.parse import quote

from support.jupyter_lab import (
    ANNOUNCEMENTS,
    JS_FIGURES,
    JS_FIGURES_CHANGED,
    JS_HAS_FIGURE,
    JS_IDLE,
    NOTEBOOK,
    RUN_TIMEOUT,
    assert_ran_cleanly,
    diagnosed,
    lesson_title,
    open_notebook,
    run_all,
    screenshot,
)

# the lesson that is run in JupyterLab and shown with RISE
LESSON = "3.momentum.ipynb"
# the lesson whose "explorer" cell (the last code cell) has the lr slider
EXPLORER_LESSON = LESSON
SLIDER_LABEL = "lr"


def test_lesson_runs_all_cells_in_jupyterlab(lab, page):
    """Run All on LESSON: every cell runs, no traceback, at least one figure is drawn."""
    with diagnosed(lab, page, "lesson"):
        open_notebook(page, lab, LESSON)
        assert_ran_cleanly(run_all(page))
        figures = page.locator(f"{NOTEBOOK} .jp-OutputArea-output img")
        page.wait_for_function(JS_HAS_FIGURE, arg=NOTEBOOK)
        figures.first.scroll_into_view_if_needed()
        assert figures.first.evaluate("img => img.naturalWidth") > 0
        screenshot(page, "lesson-run-all")


def milliseconds(times):
    """``times`` (seconds) as milliseconds, with their median."""
    return (
        f"{', '.join(f'{1000 * t:.0f}' for t in times)} ms "
        f"(median {1000 * sorted(times)[len(times) // 2]:.0f} ms)"
    )


def release_to_image(page, cell, move):
    """Seconds from ``move()`` (a slider release) until the cell shows a new, loaded image."""
    figures = page.evaluate(JS_FIGURES, cell.element_handle())
    start = time.perf_counter()
    move()
    page.wait_for_function(
        JS_FIGURES_CHANGED,
        arg=[cell.element_handle(), figures],
        polling=5,
        timeout=RUN_TIMEOUT * 1000,
    )
    return time.perf_counter() - start


def test_explorer_lr_slider_redraws_the_figure(lab, page):
    """Moving the explorer's lr slider with the keyboard replaces the figure it draws, and so does
    dragging it with the mouse held down. The time from each key release, and from each mouse move
    while dragging, to the new image is printed (run with -s to see it); never asserted."""
    with diagnosed(lab, page, "explorer"):
        open_notebook(page, lab, EXPLORER_LESSON)
        assert_ran_cleanly(run_all(page))
        name = re.compile(rf"^\s*{re.escape(SLIDER_LABEL)}\s*$")
        label = page.locator(".widget-label", has_text=name)
        lr_slider = page.locator(".widget-slider").filter(has=label)
        cell = page.locator(f"{NOTEBOOK} .jp-CodeCell").filter(has=lr_slider).first
        slider = cell.locator(".widget-slider").filter(has=label).first
        cell.locator("img.widget-image").first.wait_for()
        figures = page.wait_for_function(
            f"c => {{ const f = ({JS_FIGURES})(c); return f.length > 0 && !f.includes('') && f; }}",
            arg=cell.element_handle(),
        ).json_value()
        readout = slider.locator(".widget-readout").inner_text()
        slider.scroll_into_view_if_needed()
        screenshot(page, "explorer-before")

        handle = slider.locator(".noUi-handle").first
        at_max = handle.get_attribute("aria-valuenow") == handle.get_attribute("aria-valuemax")
        handle.focus()
        seconds = release_to_image(page, cell, lambda: handle.press("Home" if at_max else "End"))
        page.wait_for_function(JS_IDLE, arg=NOTEBOOK)
        redrawn = page.evaluate(JS_FIGURES, cell.element_handle())
        moved = slider.locator(".widget-readout").inner_text()
        screenshot(page, "explorer-after")
        assert moved != readout, f"the lr readout stayed at {readout}"
        assert redrawn != figures, f"lr {readout} -> {moved} left the figure unchanged"
        times = [seconds]
        for key in ["PageUp", "PageDown"] * 2 if at_max else ["PageDown", "PageUp"] * 2:
            times.append(release_to_image(page, cell, lambda key=key: handle.press(key)))
        print(
            f"\n{EXPLORER_LESSON} explorer, lr slider released (key) to new image: "
            f"{milliseconds(times)}"
        )

        # dragging with the mouse: the lr slider redraws while dragged (continuous_update)
        box = handle.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.down()
        times = []
        direction = 1 if at_max else -1  # the keys left the handle at the other end
        track = slider.locator(".noUi-target").first.bounding_box()["width"]
        for offset in [direction * track * i / 10 for i in range(1, 7)]:
            before = slider.locator(".widget-readout").inner_text()
            times.append(
                release_to_image(
                    page,
                    cell,
                    lambda offset=offset: page.mouse.move(
                        box["x"] + box["width"] / 2 + offset, box["y"] + box["height"] / 2
                    ),
                )
            )
            assert slider.locator(".widget-readout").inner_text() != before
        page.mouse.up()
        page.wait_for_function(JS_IDLE, arg=NOTEBOOK)
        print(
            f"{EXPLORER_LESSON} explorer, lr slider dragged (mouse held) to new image: "
            f"{milliseconds(times)}"
        )


def test_rise_shows_the_title_slide(lab, page):
    """RISE's slideshow of LESSON opens on a slide whose heading is the lesson's title."""
    title = lesson_title(lab.root / LESSON)
    with diagnosed(lab, page, "rise"):
        page.goto(f"{lab.url}/rise/{quote(LESSON)}?token={lab.token}")
        heading = page.locator(".reveal .slides section.present h1").first
        heading.wait_for()
        page.wait_for_function("h => h.innerText.trim().length > 0", arg=heading.element_handle())
        page.evaluate("() => document.fonts.ready.then(() => true)")
        assert title in heading.inner_text(), f"first slide heading {heading.inner_text()!r}"
        assert heading.is_visible()
        screenshot(page, "rise-title")


def test_jupyterlab_asks_no_news_question(lab, page):
    """The announcements plugin, whose "official Jupyter news?" prompt covers the corner of a
    720 px projector, is disabled by the README's command: the page's config lists it."""
    with diagnosed(lab, page, "news"):
        open_notebook(page, lab, LESSON)
        disabled = page.evaluate(
            "() => JSON.parse(document.getElementById('jupyter-config-data').textContent)"
            ".disabledExtensions"
        )
    assert ANNOUNCEMENTS in disabled, f"disabled extensions: {disabled}"
