"""The website's explorers: live without a kernel, from the notebook explorers' own pictures.

The unit tests check the grids against the notebook's sliders and that a site picture is the
picture the notebook's explorer shows at the same slider values. The browser tests build a
small site (one lesson), open it from ``file://`` with every other request blocked and counted,
move a slider with the keyboard and see the picture change, at 1280x720 and on a 390x844 phone.
Without Chromium or Playwright the browser tests skip, unless COURSE_REQUIRE_BROWSER=1 (CI).
Screenshots land in screenshots/.
"""

import json
import re
import shutil
from math import prod
from pathlib import Path

import ipywidgets as widgets
import nbformat
import numpy as np
import pytest

from course_lib.publish.explorers import (
    DEAD_TEXT,
    GRIDS,
    SITE_FOLDER,
    ExplorerError,
    build_widget,
    explorer_key,
    explorer_pictures,
    live_explorers,
    picture_name,
    positions,
    site_controls,
    site_png,
    split_column,
    widget_parts,
)
from course_lib.publish.lessons import lesson_paths
from course_lib.publish.site import build_site
from course_lib.widgets import explorer, geometry_explorer, saddle_explorer

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "screenshots"
LESSONS = lesson_paths()
SITE_LESSON = "6.ada_delta"  # the lesson of the small site the browser tests open
MAX_PICTURES = 150  # per explorer: 13-30 kB each, so a lesson's explorer stays near 2 MB
UI_TIMEOUT = 30  # s


def explorer_cells():
    """(lesson stem, cell source) of every code cell that calls an explorer."""
    for path in LESSONS:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code" and re.search(r"\b\w*explorer\(", cell.source):
                yield path.stem, cell.source


# --- the grids ----------------------------------------------------------------------------------


def test_every_explorer_cell_of_the_lessons_has_a_grid():
    cells = list(explorer_cells())
    unknown = [(lesson, source) for lesson, source in cells if explorer_key(source) is None]
    assert not unknown, f"explorer cells the site does not know: {unknown}"
    keys = sorted(explorer_key(source) for _, source in cells)
    assert keys == sorted(GRIDS), "each grid serves exactly one lesson's explorer"


@pytest.mark.parametrize("key", sorted(GRIDS))
def test_the_grid_stops_where_the_notebooks_sliders_can_and_starts_where_they_do(key):
    controls, _, _ = widget_parts(build_widget(key))
    site = site_controls(key, controls)  # ExplorerError if a position is off a slider
    for control, position in zip(controls, site, strict=True):
        shown = control.label if hasattr(control, "index") else control.value
        assert position.values[position.start] == shown, f"{key}: {control.description}"
        assert len(position.texts) == len(position.values)
    assert 10 <= prod(len(c.values) for c in site) <= MAX_PICTURES


def test_a_position_off_the_slider_is_refused_with_its_name():
    lr = widgets.FloatLogSlider(value=1e-3, min=-4, max=0, step=0.1, description="lr")
    with pytest.raises(ExplorerError, match="lr"):
        positions(lr, [10.0**-3.75])
    steps = widgets.IntSlider(value=5, min=0, max=10, description="steps")
    with pytest.raises(ExplorerError, match="steps"):
        positions(steps, [11])


def test_the_start_takes_the_place_of_the_nearest_position():
    rho = widgets.FloatSlider(value=0.2, min=0, max=0.999, step=0.001, description="rho")
    assert positions(rho, [0.0, 0.25, 0.5, 0.9]).values == (0.0, 0.2, 0.5, 0.9)
    assert positions(rho, [0.0, 0.5, 0.9]).values == (0.0, 0.2, 0.5, 0.9)


def test_the_cut_is_the_middle_of_the_widest_blank_run_between_the_panels():
    blank = np.zeros(1000, dtype=bool)
    blank[470:480] = blank[500:540] = True
    assert split_column(blank) == 520
    assert split_column(np.zeros(1000, dtype=bool)) is None


# --- the pictures are the notebook's ------------------------------------------------------------


# the notebook explorers the pictures are checked against, built as the lessons' cells build them
NOTEBOOK_EXPLORERS = {
    "AdaDelta": lambda x, y: explorer("AdaDelta", x, y),
    "geometry": geometry_explorer,
    "saddle": lambda x, y: saddle_explorer(),
}


def notebook_picture(widget, values):
    """What a notebook explorer shows with its controls set to ``values`` (by description)."""
    controls, label, image = widget_parts(widget)
    for control in controls:
        if control.description in values and hasattr(control, "index"):  # a menu, by label
            control.label = values[control.description]
        elif control.description in values:
            control.value = values[control.description]
    return label.value, image.value


@pytest.mark.parametrize(
    ("key", "values"),
    [
        ("AdaDelta", {"rho": 0.95, "steps": 550}),
        ("geometry", {"lr": 1.3, "beta": 0.9}),
        ("geometry", {"lr": 0.1, "beta": 0.0}),
        ("saddle", {"optimizer": "Adam", "lr": 1.0, "x2_0": 1e-10}),
    ],
)
def test_a_site_picture_is_what_the_notebook_explorer_draws_there(data, key, values):
    pictures = explorer_pictures(key)
    index = [
        c.values.index(values[c.name]) if c.name in values else c.start for c in pictures.controls
    ]
    number = int(np.ravel_multi_index(index, [len(c.values) for c in pictures.controls]))
    text, png = notebook_picture(NOTEBOOK_EXPLORERS[key](*data), values)
    assert pictures.calls[number] == text
    assert (pictures.folder / picture_name(number)).read_bytes() == site_png(png)


def test_every_explorers_pictures_can_be_cut_into_two_panels():
    for key in ("AdaDelta", "geometry"):
        pictures = explorer_pictures(key)
        assert pictures.split is not None, f"{key}: no column is blank in every picture"
        assert len(list(pictures.folder.glob("*.png"))) == len(pictures.calls)


# --- the small site -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    """The website of one lesson (``SITE_LESSON``), built from its stored notebook."""
    base = tmp_path_factory.mktemp("explorer-site")
    notebooks = base / "notebooks"
    notebooks.mkdir()
    shutil.copy2(ROOT / "notebooks" / f"{SITE_LESSON}.ipynb", notebooks)
    report = build_site(base / "site", notebooks)
    return report.out


def explorer_data(page_html):
    found = re.search(
        r'<script type="application/json" class="course-explorer-data">(.*?)</script>',
        page_html,
        re.S,
    )
    assert found, "no live explorer on the page"
    return json.loads(found[1])


def test_the_page_has_a_live_explorer_instead_of_the_dead_cell(small_site):
    page = (small_site / f"{SITE_LESSON}.html").read_text(encoding="utf-8")
    data = explorer_data(page)
    assert DEAD_TEXT not in page
    assert "explorer(" not in re.sub(r"<script.*?</script>", "", page, flags=re.S)
    assert len(data["calls"]) == len(data["pictures"]) == prod(data["sizes"])
    for name in data["pictures"]:
        assert (small_site / data["base"] / name).is_file(), name
    for asset in ("explorer.js", "explorer.css"):
        assert (small_site / SITE_FOLDER / asset).is_file()
    assert page.count('type="range"') == sum(size > 1 for size in data["sizes"])


def test_an_explorer_whose_instructions_lost_the_jupyterlab_sentence_is_refused(tmp_path):
    """A reworded sentence would leave the site saying the sliders need JupyterLab: refused."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("## 自己动手:拖动滑块\n\n下面的滑块需要 JupyterLab。"),
        nbformat.v4.new_code_cell("geometry_explorer(x, y)"),
    ]
    with pytest.raises(ValueError, match="geometry"):
        live_explorers(notebook, tmp_path, cache_folder=tmp_path / "cache")
    assert not (tmp_path / SITE_FOLDER).exists()


# --- in the browser -----------------------------------------------------------------------------


@pytest.fixture
def offline_page(small_site, chromium, request):
    """A page of the small site at ``request.param`` (viewport), every request that is not
    ``file:`` blocked and kept in ``page.external``; the test ends asserting there were none."""
    width, height = request.param
    context = chromium.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    context.set_default_timeout(UI_TIMEOUT * 1000)
    external = []

    def only_files(route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            external.append(route.request.url)
            route.abort()

    context.route("**/*", only_files)
    page = context.new_page()
    page.goto((small_site / f"{SITE_LESSON}.html").as_uri())
    try:
        yield page
        assert external == [], f"{len(external)} requests to other hosts: {external[:5]}"
    finally:
        context.close()


JS_PICTURE_SHOWN = """root => [...root.querySelectorAll('img')].every(
    img => img.complete && img.naturalWidth > 0 && img.src.endsWith(
        root.querySelector('script.course-explorer-data') && JSON.parse(
            root.querySelector('script.course-explorer-data').textContent
        ).pictures[Number(root.dataset.position)]))"""


def state(explorer):
    return explorer.evaluate(
        """root => ({position: root.dataset.position,
                     src: root.querySelector('img').getAttribute('src'),
                     call: root.querySelector('.course-explorer-call').textContent,
                     reading: root.querySelector('output').textContent})"""
    )


def screenshot(explorer, name):
    SCREENSHOTS.mkdir(exist_ok=True)
    explorer.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


@pytest.mark.parametrize("offline_page", [(1280, 720), (390, 844)], indirect=True, ids=str)
def test_a_slider_moved_by_the_keyboard_redraws_the_picture(offline_page):
    page = offline_page
    width = page.viewport_size["width"]
    explorer = page.locator(".course-explorer")
    explorer.scroll_into_view_if_needed()
    page.wait_for_function(JS_PICTURE_SHOWN, arg=explorer.element_handle())
    before = state(explorer)
    screenshot(explorer, f"site-explorer-{width}-before")
    slider = explorer.locator('input[type="range"]').first
    slider.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "([root, old]) => root.dataset.position !== old",
        arg=[explorer.element_handle(), before["position"]],
    )
    page.wait_for_function(JS_PICTURE_SHOWN, arg=explorer.element_handle())
    after = state(explorer)
    screenshot(explorer, f"site-explorer-{width}-after")
    assert after["src"] != before["src"] and after["call"] != before["call"]
    assert after["reading"] != before["reading"]


@pytest.mark.parametrize("offline_page", [(390, 844)], indirect=True, ids=str)
def test_on_a_phone_the_explorer_fits_the_width_and_its_panels_stack(offline_page):
    page = offline_page
    explorer = page.locator(".course-explorer")
    explorer.scroll_into_view_if_needed()
    page.wait_for_function(JS_PICTURE_SHOWN, arg=explorer.element_handle())
    box = explorer.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    overflow = explorer.evaluate("root => root.scrollWidth - root.clientWidth")
    assert overflow <= 0, f"the explorer is {overflow} px wider than its box"
    panels = [p.bounding_box() for p in explorer.locator(".course-explorer-panel").all()]
    assert len(panels) == 2 and panels[1]["y"] >= panels[0]["y"] + panels[0]["height"] - 1
    # each half is shown at least at 65 % of its size: its 16-pixel labels stay above 10 px
    picture = explorer_pictures("AdaDelta")
    halves = (picture.split, picture.width - picture.split)
    for panel, half in zip(panels, halves, strict=True):
        assert panel["width"] <= 390 and panel["width"] / half >= 0.65
