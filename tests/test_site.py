"""The course website: `python -m course_lib site` builds it once; then its pages, in Chromium.

The build runs from a temporary working directory with a relative --out, as a learner would
run it. The browser tests serve the built site from 127.0.0.1, block every request to any other
host and count them (there must be none), keep every console error and warning (there must be
none either), and check math, exercises, search in Chinese and the layout on a phone.
They need Debian's Chromium and Playwright (see tests/test_browser.py); without them they skip,
unless COURSE_REQUIRE_BROWSER=1 (CI), where they fail. Screenshots land in screenshots/.
"""

import contextlib
import functools
import html.parser
import http.server
import json
import re
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import nbformat
import pytest

from course_lib.exercises import SUMMARY, answer_html
from course_lib.publish.lessons import for_students, lesson_paths
from course_lib.publish.site import (
    GUESS_THEN,
    GUESS_TITLE,
    MARKER,
    SEARCH_TEXT,
    TITLE,
    clean_page,
    is_answer,
    lesson_title,
    site_notebook,
    strip_external,
    tex_text,
)

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
SCREENSHOTS = ROOT / "screenshots"
VIEWPORT = {"width": 1280, "height": 720}
PHONE = {"width": 390, "height": 844}
UI_TIMEOUT = 30  # s: a page, MathJax, the search results
LESSONS = lesson_paths(NOTEBOOKS)
# (query, the lesson that must be among the first TOP results)
SEARCHES = [("学习率", "1.梯度下降")]
TOP = 3
# (query, the lesson that teaches it: the first result) -- its title names the query
FIRST_RESULTS = [
    ("动量", "3.momentum"),
    ("学习率 调度", "9.小批量与学习率调度"),
    ("AdaGrad", "4.ada_grad"),
    ("RMSProp", "5.rms_prop"),
    ("Adam", "7.adam"),
    ("Muon", "13.muon"),
    ("鞍点", "11.非凸问题"),
]
# what a snippet cut from the lesson prose never holds: the theme's controls, TeX (a backslash,
# a dollar sign)
NOT_PROSE = re.compile(r"System Settings|Color mode|亮色|暗色|[\\$]")
MIN_CODE_LINE = 20  # characters: a line of code this long is not also a phrase of the prose
# Sphinx's search shows its results one by one, then writes its summary line ("... N 页")
JS_SEARCH_DONE = """() => document.querySelector('#search-results p.search-summary')
    ?.textContent.trim().length > 0"""
MIN_HIDDEN_LINE = 12  # characters: shorter lines of answers and notes may occur in the lesson too
# the site runs nothing: no page may ask the reader to run a cell
RUN_A_CELL = re.compile(r"运行这一格|运行验证|guess = None")
# how many code or output blocks of a page's article scroll sideways
JS_WIDE_BLOCKS = """() => [...document.querySelectorAll('article.bd-article pre')]
    .filter(pre => pre.scrollWidth > pre.clientWidth + 1).length"""
# how many pixels the page is wider than the screen (a long word in the text, say)
JS_PAGE_OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


def run_cli(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "course_lib", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
    )


def cell_lines(cell, source=True, outputs=True):
    """The stripped lines of a cell's source and of its outputs' text."""
    texts = [cell.source] if source else []
    for output in cell.get("outputs", []) if outputs else []:
        texts += [output.get("text", ""), output.get("data", {}).get("text/plain", "")]
    return {line.strip() for text in texts for line in text.splitlines()}


def hidden_lines(path):
    """Lines no page may show: the speaker notes' (sources and outputs) and the answers' code,
    unless a cell the page shows has the same line."""
    notebook = nbformat.read(path, as_version=4)
    notes = [c for c in notebook.cells if not for_students(c) and not is_answer(c)]
    hidden = set().union(*(cell_lines(c) for c in notes))
    hidden |= set().union(*(cell_lines(c, outputs=False) for c in notebook.cells if is_answer(c)))
    visible = set().union(*(cell_lines(c) for c in notebook.cells if for_students(c)))
    visible |= set().union(*(cell_lines(c, source=False) for c in notebook.cells if is_answer(c)))
    return sorted(line for line in hidden - visible if len(line) >= MIN_HIDDEN_LINE)


def answer_outputs(path):
    """The stored HTML answer blocks of a lesson's answer cells, in order."""
    notebook = nbformat.read(path, as_version=4)
    return [
        output.data["text/html"]
        for cell in notebook.cells
        if is_answer(cell)
        for output in cell.outputs
        if "text/html" in output.get("data", {})
    ]


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


EXERCISE_LESSONS = [p for p in LESSONS if answer_outputs(p)]


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


def test_a_page_keeps_no_font_preload_and_nothing_external():
    page = (
        '<link rel="preload" as="font" type="font/woff2" crossorigin href="_static/fa.woff2" />\n'
        '<link as="font" rel="preload" href="b.woff2">'
        '<link rel="preload" as="script" href="_static/c.js">'
        '<script src="https://cdn.example/x.js"></script><link href="b.css" rel="stylesheet">'
    )
    assert clean_page(page) == (
        '<link rel="preload" as="script" href="_static/c.js"><link href="b.css" rel="stylesheet">'
    )


def exercise_notebook(tmp_path):
    """A lesson with one exercise (question, guess, answer), a speaker note and a figure cell."""
    answer = nbformat.v4.new_code_cell(
        "with answer():\n    print(42)\ncheck(guess, 42)",
        metadata={"tags": ["answer"], "jupyter": {"source_hidden": True}},
        execution_count=7,
        outputs=[
            nbformat.v4.new_output(
                "display_data", data={"text/plain": "42\n", "text/html": answer_html("42\n")}
            ),
            nbformat.v4.new_output("stream", name="stdout", text="还没有猜:在上一格……\n"),
        ],
    )
    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# 1. 一课"),
            nbformat.v4.new_markdown_cell("**练习 1**:六乘七是多少?"),
            nbformat.v4.new_code_cell(
                "# 你的猜测:六乘七是多少? 把 None 换成一个数, 再运行这一格和下一格\nguess = None",
                metadata={"slideshow": {"slide_type": "skip"}},
            ),
            answer,
            nbformat.v4.new_markdown_cell(
                "讲解提示", metadata={"slideshow": {"slide_type": "notes"}}
            ),
            nbformat.v4.new_code_cell("plot()"),
        ]
    )
    path = tmp_path / "1.一课.ipynb"
    nbformat.write(notebook, path)
    return path


def test_the_site_asks_for_a_guess_and_shows_the_stored_answer_closed(tmp_path):
    cells = site_notebook(exercise_notebook(tmp_path)).cells
    assert [c.cell_type for c in cells] == ["markdown", "markdown", "markdown", "code", "code"]
    prompt, block = cells[2], cells[3]
    assert GUESS_TITLE in prompt.source and "六乘七是多少?" in prompt.source
    assert GUESS_THEN in prompt.source and not RUN_A_CELL.search(prompt.source)
    assert block.metadata["tags"] == ["remove-input"], "the answer's code stays hidden"
    assert [o.data for o in block.outputs] == [{"text/html": answer_html("42\n")}]
    assert block.execution_count is None
    assert cells[4].source == "plot()" and "讲解提示" not in [c.source for c in cells]


def test_a_question_is_escaped_for_markdown(tmp_path):
    path = exercise_notebook(tmp_path)
    notebook = nbformat.read(path, as_version=4)
    notebook.cells[2].source = "# 你的猜测: 最大的 |theta_i| 是多少 (写 *1e-3*)?\nguess = None"
    nbformat.write(notebook, path)
    prompt = site_notebook(path).cells[2].source
    assert r"\|theta\_i\| 是多少 (写 \*1e-3\*)?" in prompt


def test_a_guess_cell_without_a_question_still_asks_for_a_guess(tmp_path):
    path = exercise_notebook(tmp_path)
    notebook = nbformat.read(path, as_version=4)
    notebook.cells[2].source = "guess = None"
    nbformat.write(notebook, path)
    prompt = site_notebook(path).cells[2].source
    assert GUESS_TITLE in prompt and GUESS_THEN in prompt and "None" not in prompt


@pytest.mark.parametrize("path", EXERCISE_LESSONS, ids=lambda p: p.stem)
def test_every_exercise_of_a_lesson_gets_a_prompt_and_its_answer_block(path):
    cells = site_notebook(path).cells
    prompts = [c for c in cells if c.cell_type == "markdown" and GUESS_THEN in c.source]
    blocks = [c for c in cells if "remove-input" in c.metadata.get("tags", [])]
    answers = [c for c in nbformat.read(path, as_version=4).cells if is_answer(c)]
    assert len(prompts) == len(blocks) == len(answers) > 0
    assert [o.data["text/html"] for c in blocks for o in c.outputs] == answer_outputs(path)
    assert not [c.source for c in cells if c.cell_type == "code" and RUN_A_CELL.search(c.source)]


@pytest.mark.parametrize(
    ("tex", "text"),
    [
        (r"\sqrt{10}", "√10"),
        (r"m \leftarrow \beta m + g", "m ← β m + g"),
        (r"\frac{\eta}{\sqrt{S} + \epsilon}", "η/(√S + ε)"),
        (r"\hat y = w^\top x + b", "y = w^ᵀ x + b"),
        (r"\|\theta\|_\infty \le 1/\lambda", "‖θ‖_∞ ≤ 1/λ"),
        (r"\text{lr} \cdot \sqrt\kappa", "lr · √κ"),
        (r"a \\ b & \mathcal{O}(1)", "a b O(1)"),
    ],
)
def test_a_formula_reads_as_plain_text_in_a_snippet(tex, text):
    assert tex_text(tex) == text


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
def test_pages_keep_outputs_and_leave_out_notes_and_answer_code(site, path):
    page = lesson_page(site, path)
    text = page_text(page)
    assert lesson_title(nbformat.read(path, as_version=4)) in text
    assert "<img" in page.read_text(encoding="utf-8"), "the stored figures are on the page"
    shown = [line for line in hidden_lines(path) if line in text]
    assert not shown, f"answer code or note text on {page.name}: {shown[:3]}"


def test_pages_load_nothing_from_another_host(site):
    for page in site.glob("*.html"):
        tags = re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", page.read_text(encoding="utf-8"))
        remote = [t for t in tags if re.search(r'(?:src|href)="(?:https?:)?//', t)]
        assert not remote, f"{page.name}: {remote}"
    mathjax = site / "_static/mathjax/es5/tex-chtml.js"
    assert mathjax.is_file(), "MathJax is served by the site itself"


def test_the_landing_page_is_titled_once(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<title>\s*(.*?)\s*</title>", index)[1] == TITLE
    lesson = lesson_page(site, NOTEBOOKS / "3.momentum.ipynb").read_text(encoding="utf-8")
    assert re.search(r"<title>(.*?)</title>", lesson)[1] == f"3. 动量法 (Momentum) &#8212; {TITLE}"


@pytest.mark.parametrize("path", EXERCISE_LESSONS, ids=lambda p: p.stem)
def test_exercises_ask_for_a_guess_then_hold_the_answer_closed(site, path):
    page = lesson_page(site, path).read_text(encoding="utf-8")
    blocks = re.findall(r"<details\b[^>]*>", page)
    assert len(blocks) == len(answer_outputs(path)) and not [b for b in blocks if "open" in b]
    assert page.count(SUMMARY) == len(blocks) and page.count(GUESS_THEN) == len(blocks)
    for block in answer_outputs(path):
        assert block in page, "the stored answer block, as stored"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_no_page_asks_to_run_a_cell(site, path):
    assert not RUN_A_CELL.findall(page_text(lesson_page(site, path)))


def search_texts(site):
    """The prose the build ships for the search page's snippets, by page name."""
    script = (site / SEARCH_TEXT).read_text(encoding="utf-8")
    prefix = "window.COURSE_SEARCH_TEXT = "
    assert script.startswith(prefix) and script.endswith(";\n")
    return json.loads(script[len(prefix) : -2])


def test_snippets_come_from_each_pages_prose(site):
    texts = search_texts(site)
    assert sorted(texts) == sorted(["index", *(p.stem for p in LESSONS)])
    for name, page in texts.items():
        assert not NOT_PROSE.search(page["text"]), f"{name}: {NOT_PROSE.search(page['text'])}"
        assert all(0 <= at <= len(page["text"]) for at in page["anchors"].values())
    for path in LESSONS:
        code = nbformat.read(path, as_version=4).cells
        lines = {line for c in code if c.cell_type == "code" for line in cell_lines(c)}
        shown = [
            line
            for line in lines
            if len(line) >= MIN_CODE_LINE and line in texts[path.stem]["text"]
        ]
        assert not shown, f"code or output in the prose of {path.stem}: {shown[:3]}"
    lesson = texts["3.momentum"]
    assert not lesson["text"].startswith("3. 动量法"), "the title is the result's link, not prose"
    assert "它是过去所有梯度的加权累积" in lesson["text"] and "def " not in lesson["text"]
    starts = [lesson["text"][at:] for at in lesson["anchors"].values()]
    assert any(s.startswith("练习 ") for s in starts), "an anchor is where its heading starts"


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


@contextlib.contextmanager
def local_page(browser, server, viewport, **options):
    """A page of its own browser context whose requests to any host but 127.0.0.1 are blocked
    and kept in ``page.external``, and whose console errors and warnings are kept in
    ``page.console``; on leaving, there must have been no request to another host."""
    context = browser.new_context(viewport=viewport, locale="zh-CN", **options)
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
    new_page.console = []
    new_page.on(
        "console",
        lambda m: m.type in ("error", "warning") and new_page.console.append(f"{m.type}: {m.text}"),
    )
    new_page.on("pageerror", lambda error: new_page.console.append(f"pageerror: {error}"))
    try:
        yield new_page
        new_page.wait_for_load_state("networkidle")
        assert external == [], f"{len(external)} requests to other hosts: {external[:5]}"
    finally:
        context.close()


@pytest.fixture
def page(browser, server):
    """A 1280x720 page (see local_page)."""
    with local_page(browser, server, VIEWPORT) as new_page:
        yield new_page


@pytest.fixture
def phone(browser, server):
    """A 390x844 touch screen page, as on a phone (see local_page)."""
    with local_page(browser, server, PHONE, is_mobile=True, has_touch=True) as new_page:
        yield new_page


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


def search(page, query):
    """The results of searching ``query``: the summary line and (page name, snippet) pairs."""
    page.goto(f"{page.base}/search.html?q={quote(query)}")
    page.wait_for_function(JS_SEARCH_DONE)
    summary = page.inner_text("#search-results p.search-summary")
    items = page.locator("#search-results ul.search li")
    results = []
    for i in range(items.count()):
        href = items.nth(i).locator("a").first.get_attribute("href")
        snippet = items.nth(i).locator("p.context")
        text = snippet.inner_text() if snippet.count() else ""
        results.append((unquote(Path(urlsplit(href).path).stem), text))
    return summary, results


@pytest.mark.parametrize(("query", "lesson"), SEARCHES)
def test_search_finds_the_lesson(page, query, lesson):
    _, results = search(page, query)
    top = [name for name, _ in results[:TOP]]
    assert lesson in top, f"{query}: top results {top}"


@pytest.mark.parametrize(("query", "lesson"), FIRST_RESULTS)
def test_the_lesson_that_teaches_a_term_comes_first(page, query, lesson):
    summary, results = search(page, query)
    assert results and results[0][0] == lesson, f"{query}: {[r[0] for r in results[:5]]}"
    assert query.split()[0].lower() in results[0][1].lower(), "the snippet shows the term"
    if query == "动量":
        screenshot(page, "site-search-momentum")


@pytest.mark.parametrize("query", ["动量", "学习率 调度", "AdaGrad"])
def test_search_speaks_chinese_with_snippets_from_the_lesson_text(page, query):
    summary, results = search(page, query)
    assert re.fullmatch(r"搜索完成，匹配到 \d+ 页。", summary), summary
    assert all(snippet for _, snippet in results), "every result has a snippet"
    wrong = [(name, snippet[:80]) for name, snippet in results if NOT_PROSE.search(snippet)]
    assert not wrong, f"snippets not from the lesson prose: {wrong[:3]}"


def test_pages_log_no_error_or_warning(page):
    pages = ["index.html", "3.momentum.html", "13.muon.html", f"search.html?q={quote('动量')}"]
    for name in pages:
        page.goto(f"{page.base}/{quote(name, safe='?=')}")
        page.wait_for_load_state("networkidle")
    assert page.console == []


def test_a_phone_shows_code_whole_and_figures_at_full_size(phone):
    """At 390x844 no code or output scrolls sideways on any lesson; a figure shown shrunk opens
    at its own pixel size when tapped, and "关闭" brings the page back."""
    wide, overflow = {}, {}
    for path in LESSONS:
        phone.goto(f"{phone.base}/{quote(path.stem)}.html")
        phone.wait_for_load_state("networkidle")
        wide[path.stem] = phone.evaluate(JS_WIDE_BLOCKS)
        overflow[path.stem] = phone.evaluate(JS_PAGE_OVERFLOW)
    assert not {name: n for name, n in wide.items() if n}, "blocks that scroll sideways"
    assert not {name: px for name, px in overflow.items() if px > 0}, "pages wider than 390 px"
    phone.goto(f"{phone.base}/3.momentum.html")
    figure = phone.locator("article img.course-zoomable").first
    figure.scroll_into_view_if_needed()
    phone.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=figure.element_handle()
    )
    shown, natural = figure.evaluate("img => [img.getBoundingClientRect().width, img.naturalWidth]")
    assert shown <= PHONE["width"] < natural, "the figure is shrunk on the page"
    screenshot(phone, "site-phone-figure")
    figure.tap()
    large = phone.locator(".course-zoom img")
    phone.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=large.element_handle()
    )
    assert large.evaluate("img => img.getBoundingClientRect().width") == natural
    screenshot(phone, "site-phone-figure-enlarged")
    phone.get_by_role("button", name="关闭").tap()
    assert phone.locator(".course-zoom").is_hidden()
    assert phone.console == []


def test_search_works_from_file_with_snippets(browser, site):
    """Opened from the folder (file://), search finds, ranks and shows snippets, and the
    console stays clean: no page is fetched (a file:// page may not fetch another one)."""
    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN")
    context.set_default_timeout(UI_TIMEOUT * 1000)
    try:
        file_page = context.new_page()
        console = []
        file_page.on("console", lambda m: m.type in ("error", "warning") and console.append(m.text))
        file_page.goto(f"{(site / 'search.html').as_uri()}?q={quote('动量')}")
        file_page.wait_for_function(JS_SEARCH_DONE)
        first = file_page.locator("#search-results ul.search li").first
        assert unquote(first.locator("a").get_attribute("href")) == "3.momentum.html"
        assert "动量" in first.locator("p.context").inner_text()
        assert console == []
    finally:
        context.close()
