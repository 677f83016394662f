"""The course website: `python -m course_lib site` builds it once; then its pages, in Chromium.

The build runs from a temporary working directory with a relative --out, as a learner would
run it. The browser tests serve the built site from 127.0.0.1, block every request to any other
host and count them (there must be none), and check math, search and what the pages leave out.
They need Debian's Chromium and Playwright (see tests/test_browser.py); without them they skip,
unless COURSE_REQUIRE_BROWSER=1 (CI), where they fail. Screenshots land in screenshots/.
"""

import functools
import html.parser
import http.server
import re
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import nbformat
import pytest

from course_lib.publish.lessons import for_students, lesson_paths
from course_lib.publish.site import MARKER, lesson_title, strip_external

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
SCREENSHOTS = ROOT / "screenshots"
VIEWPORT = {"width": 1280, "height": 720}
UI_TIMEOUT = 30  # s: a page, MathJax, the search results
LESSONS = lesson_paths(NOTEBOOKS)
# (query, the lesson that must be among the first TOP results)
SEARCHES = [("动量", "3.momentum"), ("学习率", "1.梯度下降")]
TOP = 3
# Sphinx's search shows its results one by one, then writes its summary line ("... N 页")
JS_SEARCH_DONE = """() => document.querySelector('#search-results p.search-summary')
    ?.textContent.trim().length > 0"""
MIN_HIDDEN_LINE = 12  # characters: shorter lines of answers and notes may occur in the lesson too


def run_cli(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "course_lib", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
    )


def hidden_lines(path):
    """Lines of the lesson's answers and notes (sources and outputs) that no visible cell has."""
    notebook = nbformat.read(path, as_version=4)

    def lines(cell):
        texts = [cell.source]
        for output in cell.get("outputs", []):
            texts += [output.get("text", ""), output.get("data", {}).get("text/plain", "")]
        return {line.strip() for text in texts for line in text.splitlines()}

    hidden = set().union(*(lines(c) for c in notebook.cells if not for_students(c)))
    visible = set().union(*(lines(c) for c in notebook.cells if for_students(c)))
    return sorted(line for line in hidden - visible if len(line) >= MIN_HIDDEN_LINE)


class TextOf(html.parser.HTMLParser):
    """The text of an HTML page, without its scripts and styles."""

    def __init__(self):
        super().__init__()
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self.skip -= tag in ("script", "style") and self.skip > 0

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def page_text(path):
    parser = TextOf()
    parser.feed(path.read_text(encoding="utf-8"))
    return "".join(parser.parts)


# --- the pieces, without building ---------------------------------------------------------------


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_a_page_is_titled_by_its_lessons_heading(path):
    """The heading "# 3. 动量法" of 3.momentum.ipynb titles its page "3. 动量法"."""
    title = lesson_title(nbformat.read(path, as_version=4))
    assert title.startswith(path.name.split(".")[0] + ". ") and "#" not in title


def test_external_scripts_and_styles_are_stripped():
    page = (
        '<script src="https://cdn.example/x.js"></script><script src="_static/a.js"></script>'
        '<link rel="stylesheet" href="//fonts.example/css"><link href="b.css" rel="stylesheet">'
        '<a href="https://example.org">link</a>'
    )
    assert strip_external(page) == (
        '<script src="_static/a.js"></script><link href="b.css" rel="stylesheet">'
        '<a href="https://example.org">link</a>'
    )


# --- the command line ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The website, built once by the command line from another working directory."""
    cwd = tmp_path_factory.mktemp("site")
    result = run_cli("site", "--out", "public", cwd=cwd)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("wrote ") and len(result.stdout.splitlines()) == 1
    return cwd / "public"


def lesson_page(site, path):
    return site / f"{path.stem}.html"


def test_every_lesson_is_a_page_and_nothing_else(site):
    pages = sorted(p.name for p in site.glob("*.html"))
    lessons = [f"{p.stem}.html" for p in LESSONS]
    assert pages == sorted([*lessons, "index.html", "search.html", "genindex.html"])
    assert (site / MARKER).is_file() and (site / "searchindex.js").is_file()
    assert not list(site.rglob("*.py")), "the jupytext pairs are no pages"
    index = (site / "index.html").read_text(encoding="utf-8")
    positions = [index.index(f'href="{quote(p)}"') for p in lessons]
    assert positions == sorted(positions), "the index lists the lessons in order"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_pages_keep_outputs_and_leave_out_answers_and_notes(site, path):
    page = lesson_page(site, path)
    text = page_text(page)
    assert lesson_title(nbformat.read(path, as_version=4)) in text
    assert "<img" in page.read_text(encoding="utf-8"), "the stored figures are on the page"
    shown = [line for line in hidden_lines(path) if line in text]
    assert not shown, f"answer or note text on {page.name}: {shown[:3]}"


def test_pages_load_nothing_from_another_host(site):
    for page in site.glob("*.html"):
        tags = re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", page.read_text(encoding="utf-8"))
        remote = [t for t in tags if re.search(r'(?:src|href)="(?:https?:)?//', t)]
        assert not remote, f"{page.name}: {remote}"
    mathjax = site / "_static/mathjax/es5/tex-chtml.js"
    assert mathjax.is_file(), "MathJax is served by the site itself"


def test_building_again_replaces_a_site(tmp_path):
    old = tmp_path / "s"
    old.mkdir()
    (old / MARKER).write_text("")
    (old / "stale.html").write_text("old")
    result = run_cli("site", "--out", str(old))
    assert result.returncode == 0, result.stderr
    assert not (old / "stale.html").exists() and (old / "3.momentum.html").is_file()


def test_site_help_explains_the_command():
    result = run_cli("site", "--help")
    assert result.returncode == 0 and "--out" in result.stdout and "_site" in result.stdout


@pytest.mark.parametrize("out", ["a_file", "a_file/site", "full"])
def test_an_unusable_out_folder_fails_at_once(tmp_path, out):
    (tmp_path / "a_file").write_text("not a folder")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "mine.txt").write_text("keep me")
    result = run_cli("site", "--out", out, cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert out.split("/")[0] in result.stderr and "error" in result.stderr
    assert (tmp_path / "full" / "mine.txt").read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a_file", "full"]


# --- in the browser -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(site):
    """The built site over HTTP on 127.0.0.1 (a thread of this process); its base URL."""
    handler = functools.partial(QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        httpd.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def browser(chromium):
    """Headless Debian Chromium (tests/jupyter_lab.py's), not JupyterLab's browser fixture."""
    return chromium


@pytest.fixture
def page(browser, server):
    """A 1280x720 page whose requests to any host but 127.0.0.1 are blocked and kept in
    ``page.external``; the test ends by asserting there were none."""
    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN")
    context.set_default_timeout(UI_TIMEOUT * 1000)
    external = []

    def only_local(route):
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            external.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    new_page = context.new_page()
    new_page.base = server
    try:
        yield new_page
        new_page.wait_for_load_state("networkidle")
        assert external == [], f"{len(external)} requests to other hosts: {external[:5]}"
    finally:
        context.close()


def screenshot(page, name):
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def test_lesson_3_renders_math_and_figures_offline(page):
    page.goto(f"{page.base}/3.momentum.html")
    page.wait_for_selector("mjx-container", state="attached")
    page.wait_for_function("() => !document.querySelector('mjx-container mjx-merror')")
    text = page.inner_text("main")
    assert "$$" not in text and "\\frac" not in text, "raw TeX left on the page"
    assert page.locator("mjx-container[display=true]").count() > 0
    figures = page.locator("main img")
    assert figures.count() >= 2
    figures.first.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=figures.first.element_handle()
    )
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "site-lesson-3")
    figures.first.scroll_into_view_if_needed()
    screenshot(page, "site-lesson-3-figure")
    for line in hidden_lines(NOTEBOOKS / "3.momentum.ipynb"):
        assert line not in text


@pytest.mark.parametrize(("query", "lesson"), SEARCHES)
def test_search_finds_the_lesson(page, query, lesson):
    page.goto(f"{page.base}/search.html?q={quote(query)}")
    results = page.locator("#search-results ul.search li a")
    page.wait_for_function(JS_SEARCH_DONE)
    assert results.count() > 0, f"{query}: nothing found"
    hrefs = [results.nth(i).get_attribute("href") for i in range(min(TOP, results.count()))]
    top = [Path(urlsplit(href).path).stem for href in hrefs]

    assert lesson in [unquote(t) for t in top], f"{query}: top results {top}"
    screenshot(page, f"site-search-{lesson}")
