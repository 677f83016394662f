"""The course website: every lesson with its stored outputs, as static HTML that works offline.

Built with Jupyter Book 1's stack (Sphinx, myst-nb, sphinx-book-theme) from copies of the
lesson notebooks, never executed: what ``publish.lessons.student_notebook`` keeps (no speaker
notes), with each exercise made for a page that runs nothing (``site_notebook``): the guess cell
becomes a line asking for a guess, the answer cell shows only its stored closed block. MathJax 3
is served from the site itself (pinned npm package, see ``publish.vendor``) and every script or
style a theme would fetch from another host is removed, so the pages make no request beyond
their own folder. Chinese search needs ``jieba`` at build time; a small user dictionary keeps
the course's terms (学习率, ...) whole. The site's own CSS and JavaScript (``templates/site/``)
wrap code and enlarge figures on a phone, and show search results in Chinese, from the lesson
text, the lessons whose title names the query first.
"""

import json
import logging
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat

from course_lib.publish.explorers import copy_site_explorers, live_explorers
from course_lib.publish.lessons import (
    ANSWER_TAG,
    NOTEBOOKS,
    lesson_paths,
    student_notebook,
    without_session,
)
from course_lib.publish.vendor import copy_files

TITLE = "优化器课程"
# jieba splits these into shorter words (学习率 -> 学习 / 率) unless told they are words
SEARCH_WORDS = (
    "学习率",
    "梯度下降",
    "随机梯度下降",
    "动量法",
    "动量系数",
    "最优值",
    "最优解",
    "最小二乘",
    "数值梯度",
    "解析梯度",
    "梯度检验",
    "损失函数",
    "优化器",
    "偏差修正",
    "标准化",
    "衰减系数",
    "探索器",
)
# what the site keeps of the pinned MathJax 3: the one component the pages load and what it loads
MATHJAX_FILES = (
    "LICENSE",
    "es5/tex-chtml.js",
    "es5/output/chtml/fonts/woff-v2",
    "es5/input/tex/extensions",
    "es5/a11y",
    "es5/ui",
)
# Sphinx puts a relative mathjax_path under _static/; copied there after the build (in
# html_static_path, Sphinx would add every .js of MathJax to every page)
MATHJAX_PATH = "mathjax/es5/tex-chtml.js"
MATHJAX_FOLDER = "_static/mathjax"
# Jupyter Book 1's own Sphinx stack, without the jupyter-book package: its CLI and config layer
# are not needed here (and its sphinx-togglebutton pulls setuptools into the environment at run
# time), and its thebe, comments and intersphinx extensions would put internet URLs into pages
EXTENSIONS = ["myst_nb", "sphinx_book_theme"]
# files no page loads: the themes' source maps (3.4 MB), gettext catalogs and webpack template
# fragments, and Sphinx's .buildinfo (a hash of the config with this build's temporary paths:
# two builds differ only there)
UNUSED = ("**/*.map", "_static/locales", "_static/*webpack-macros.html", ".buildinfo")
# the file that marks a folder as a site this module built (and may therefore replace)
MARKER = ".course-site"
# the site's own page layout (templates_path), styles and scripts (phone layout, figure zoom,
# Chinese search)
TEMPLATES = Path(__file__).resolve().parent / "templates" / "site"
STATIC = TEMPLATES / "static"
CSS_FILES = ["course.css"]
JS_FILES = ["course.js"]
# an exercise's guess cell: `guess = None` under a comment "# 你的猜测:<question>? 把 None ..."
GUESS_LINE = re.compile(r"^guess\s*=\s*None\s*$", re.MULTILINE)
GUESS_QUESTION = re.compile(
    r"^#\s*你的猜测[::]\s*(.+?)[,,\s]*(?:(?:把 None|再运行).*)?$", re.MULTILINE
)
# what the site asks instead of "run this cell and the next" (it runs nothing)
GUESS_TITLE = "先猜一猜"
GUESS_THEN = "想好了,再点开下面的“运行结果和解读”核对。"
# the search page's snippets are cut from each page's prose, shipped as a script (a page opened
# from file:// may not fetch another page): window.COURSE_SEARCH_TEXT[page] = {text, anchors}
SEARCH_TEXT = "_static/search-text.js"
ANCHOR_MARK = "\x00"  # around a section id while the prose's spaces are collapsed
# TeX commands as the characters they print (snippets show formulas as plain text)
TEX_SYMBOLS = {
    # layout, and accents or fonts written without braces (\hat y)
    **dict.fromkeys(["left", "right", "displaystyle", "quad", "qquad", "hat", "bar", "tilde"], ""),
    **dict.fromkeys(["mathrm", "mathbf", "mathbb", "mathcal", "boldsymbol", "text"], ""),
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "eta": "η", "theta": "θ", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "pi": "π",
    "rho": "ρ", "sigma": "σ", "tau": "τ", "phi": "φ", "psi": "ψ", "omega": "ω", "Delta": "Δ",
    "Sigma": "Σ", "Lambda": "Λ", "nabla": "∇", "partial": "∂", "sum": "Σ", "prod": "Π",
    "infty": "∞", "top": "ᵀ", "leftarrow": "←", "rightarrow": "→", "to": "→",
    "gets": "←", "cdot": "·", "times": "×", "odot": "⊙", "le": "≤", "leq": "≤", "ge": "≥",
    "geq": "≥", "approx": "≈", "ne": "≠", "neq": "≠", "pm": "±", "in": "∈", "ell": "ℓ",
    "ldots": "…", "dots": "…", "cdots": "⋯", "|": "‖",
}  # fmt: skip
TEX_ROOT = re.compile(r"\\sqrt\s*(?:\{([^{}]*)\}|([^\s{}\\]))")
TEX_FRACTION = re.compile(r"\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}")
TEX_WRAPPER = re.compile(
    r"\\(?:text|textrm|mathrm|mathbf|mathbb|mathcal|operatorname|boldsymbol|hat|bar|tilde)"
    r"\s*\{([^{}]*)\}"
)
# characters MyST would read as markup in a question copied from a code comment
MARKUP = re.compile(r"([\\`*_\[\]<>$|#~{}])")
# a page loads nothing from outside its site: these would, so they are dropped from every page
EXTERNAL = re.compile(
    r"""<(?:script|link)\b[^>]*\b(?:src|href)="(?:https?:)?//[^"]*"[^>]*>(?:</script>)?"""
)
# a font preload (pydata-sphinx-theme 0.15's Font Awesome) is a CORS fetch, which a page opened
# from file:// may not make: one console error per font; the theme's script draws the icons anyway
FONT_PRELOAD = re.compile(r"""<link\b(?=[^>]*\brel="preload")(?=[^>]*\bas="font")[^>]*>\n?""")


class SiteError(RuntimeError):
    """The site cannot be built (a bad output folder, no lessons, a failed Sphinx build)."""


@dataclass(frozen=True)
class SiteReport:
    """What a build wrote: the folder, its HTML pages, its size in bytes and the seconds it took."""

    out: Path
    pages: int
    size: int
    seconds: float


def lesson_title(notebook: nbformat.NotebookNode) -> str:
    """The text of the ``# `` heading that opens the notebook's first markdown cell."""
    first = next(c for c in notebook.cells if c.cell_type == "markdown")
    return first.source.lstrip().splitlines()[0].lstrip("#").strip()


def is_answer(cell: dict) -> bool:
    """True for an exercise's answer cell (tag ``answer``)."""
    return ANSWER_TAG in cell.get("metadata", {}).get("tags", [])


def is_guess(cell: dict) -> bool:
    """True for an exercise's guess cell: a code cell that sets ``guess = None``."""
    return cell.cell_type == "code" and bool(GUESS_LINE.search(cell.source))


def guess_prompt(cell: dict) -> nbformat.NotebookNode:
    """The markdown cell that replaces a guess cell on the site: its question, then "open the
    answer below" (the site runs no cell, so "run this cell and the next" would be wrong)."""
    question = GUESS_QUESTION.search(cell.source)
    text = MARKUP.sub(r"\\\1", question[1]) if question else ""
    text += "。" if text and text[-1] not in "??。!!" else ""
    source = f"```{{admonition}} {GUESS_TITLE}\n:class: tip\n\n{text} {GUESS_THEN}\n```"
    return nbformat.v4.new_markdown_cell(source, id=cell.get("id"), metadata={})


def answer_block(cell: dict) -> nbformat.NotebookNode:
    """An answer cell as the site shows it: no source, only its stored HTML outputs (the closed
    "运行结果和解读" block), without the self-check's printed line or any other stream."""
    outputs = [
        nbformat.v4.new_output("display_data", data={"text/html": output.data["text/html"]})
        for output in cell.get("outputs", [])
        if output.output_type in ("display_data", "execute_result")
        and "text/html" in output.get("data", {})
    ]
    return nbformat.v4.new_code_cell(
        cell.source, id=cell.get("id"), metadata={"tags": ["remove-input"]}, outputs=outputs
    )


def site_notebook(path: Path) -> nbformat.NotebookNode:
    """The lesson at ``path`` as the site shows it: ``student_notebook``'s cells, each exercise's
    guess cell as ``guess_prompt`` and its answer cell, put back in place, as ``answer_block``."""
    notebook = nbformat.read(path, as_version=4)
    missing = [i for i, cell in enumerate(notebook.cells) if not cell.get("id")]
    if missing:
        raise SiteError(
            f"{path}: cells {missing[:5]} have no id; save it with nbformat 4.5 or later "
            "(jupytext --sync, or open and save it in JupyterLab)"
        )
    student = student_notebook(path)
    shown = {cell.id: cell for cell in student.cells}
    cells = []
    for cell in notebook.cells:
        if is_answer(cell):
            cells.append(answer_block(without_session(cell)))
        elif cell.id in shown:
            cells.append(guess_prompt(cell) if is_guess(cell) else shown[cell.id])
    student.cells = cells
    return student


def tex_text(tex: str) -> str:
    """A TeX formula as plain text for a search snippet: ``\\sqrt{10}`` -> ``√10``."""

    def group(part: str) -> str:
        return part if re.fullmatch(r"[\w.√]+", part) else f"({part})"

    def symbol(name: re.Match) -> str:
        return TEX_SYMBOLS.get(name[1], name[0])

    text = tex.replace("\\\\", " ").replace("&", " ")
    text = TEX_WRAPPER.sub(r"\1", text)
    text = re.sub(r"\\([A-Za-z]+|\|)", symbol, text)
    before = None
    while before != text:  # innermost first: \frac{\eta}{\sqrt{S}} needs two rounds
        before = text
        text = TEX_ROOT.sub(lambda m: "√" + group(m[1] or m[2]), text)
        text = TEX_FRACTION.sub(lambda m: f"{group(m[1])}/{group(m[2])} ", text)
    text = re.sub(r"\\([A-Za-z]+)", r"\1", text)
    text = re.sub(r"\\[,;:! ]|~", " ", text)
    text = re.sub(r"\\(.)", r"\1", text)
    return " ".join(text.replace("{", "").replace("}", "").split())


def prose(doctree) -> dict:
    """A page's prose as one line of text, for search snippets: no page title (the result shows
    it), no code or outputs, formulas as ``tex_text``; and the offset in it where each section
    (by its first id) starts: ``{"text": ..., "anchors": {id: offset}}``."""
    from docutils import nodes

    pieces: list[str] = []
    # not prose: code and printed outputs (literal blocks), HTML outputs (the answer blocks)
    skipped = (nodes.literal_block, nodes.raw, nodes.comment, nodes.system_message)

    def is_page_title(node) -> bool:
        return isinstance(node, nodes.title) and isinstance(node.parent.parent, nodes.document)

    def walk(node) -> None:
        if isinstance(node, nodes.Text):
            pieces.append(str(node))
        elif isinstance(node, (nodes.math, nodes.math_block)):
            pieces.append(f" {tex_text(node.astext())} ")
        elif not (isinstance(node, skipped) or is_page_title(node)):
            if isinstance(node, nodes.section) and node["ids"]:
                pieces.append(f" {ANCHOR_MARK}{node['ids'][0]}{ANCHOR_MARK} ")
            for child in node.children:
                walk(child)
            pieces.append("" if isinstance(node, nodes.Inline) else " ")

    walk(doctree)
    text, anchors, position = "", {}, 0
    collapsed = " ".join("".join(pieces).split())
    for marked in re.finditer(rf"\s*{ANCHOR_MARK}(.*?){ANCHOR_MARK}\s*", collapsed):
        text += collapsed[position : marked.start()] + (" " if text or marked.start() else "")
        anchors[marked[1]] = len(text)
        position = marked.end()
    text += collapsed[position:]
    return {"text": text.strip(), "anchors": anchors}


def index_page(titles: list[tuple[str, str]]) -> str:
    """The landing page (MyST markdown) listing ``(page name, title)`` pairs in order."""
    lines = [
        f"# {TITLE}",
        "",
        "用同一个线性回归问题(NASA 翼型噪声数据,标准化后),一课一个优化器,"
        "从最朴素的梯度下降讲到 Adam,再到今天训练代码里用的 AdamW、Lion、Schedule-Free 和 Muon。"
        "这里是每一课的网页版:内容、代码和图都是 notebook 里保存的结果,"
        "打开就能读,不需要安装任何东西。",
        "",
        "每道练习先猜一猜,再点开题目下面收起的“运行结果和解读”核对。"
        "每一课末尾的探索器在网页上也能拖动滑块:"
        "滑块停在构建时算好的位置上,图和 notebook 里的探索器一样。"
        "想改代码、自己运行,请在 JupyterLab 里打开 `notebooks/` 里的同名 notebook。",
        "",
        "## 目录",
        "",
    ]
    lines += [f"- [{title}]({name}.ipynb)" for name, title in titles]
    lines += ["", "```{toctree}", ":hidden:", ":maxdepth: 1", "", *(n for n, _ in titles), "```"]
    return "\n".join(lines) + "\n"


def sphinx_config(search_dict: Path) -> dict:
    """Sphinx settings as Jupyter Book 1 would make them: stored outputs only, and nothing
    loaded from the internet. (``jupyter_book.config`` itself takes ~5 s just to import.)"""
    return {
        "project": TITLE,
        "author": TITLE,
        "copyright": "",
        "html_title": TITLE,
        "language": "zh_CN",
        "extensions": EXTENSIONS,
        "exclude_patterns": ["**.ipynb_checkpoints"],
        "html_theme": "sphinx_book_theme",
        # no download button: the site keeps no notebook sources to download
        "html_theme_options": {"search_bar_text": "搜索课程……", "use_download_button": False},
        # the theme's first script reads this when the browser stored no mode: empty, it logs
        # "Got invalid theme mode" on every first visit; light suits the white figures
        "html_context": {"default_mode": "light"},
        "templates_path": [str(TEMPLATES)],
        "html_static_path": [str(STATIC)],
        # without an icon of its own, every page's browser asks the server for /favicon.ico
        "html_favicon": str(STATIC / "favicon.svg"),
        "html_css_files": CSS_FILES,
        "html_js_files": JS_FILES,
        "html_search_language": "zh",
        "html_search_options": {"dict": str(search_dict)},
        "html_show_sourcelink": False,
        "html_copy_source": False,
        "html_sourcelink_suffix": "",
        "mathjax_path": MATHJAX_PATH,
        "myst_enable_extensions": ["dollarmath"],
        "nb_execution_mode": "off",
        "numfig": True,
        "pygments_style": "sphinx",
        "suppress_warnings": ["myst.domains"],
    }


def write_sources(folder: Path, notebooks: Path) -> int:
    """Write the book's sources (index, lessons, search words) into ``folder``; lessons."""
    lessons = lesson_paths(notebooks)
    if not lessons:
        raise SiteError(f"no lesson notebooks (<number>.<name>.ipynb) in {notebooks}")
    titles = []
    for path in lessons:
        notebook = site_notebook(path)
        live_explorers(notebook, folder)  # explorer cells -> live, kernel-free explorers
        nbformat.write(notebook, folder / path.name)
        titles.append((path.stem, lesson_title(notebook)))
    (folder / "index.md").write_text(index_page(titles), encoding="utf-8")
    search_dict = folder / "search_words.txt"
    search_dict.write_text("".join(f"{w} 1000\n" for w in SEARCH_WORDS), encoding="utf-8")
    return len(lessons)


def search_text_script(texts: dict[str, dict]) -> str:
    """The script that gives the search page each page's ``prose``, by page name."""
    data = json.dumps(texts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"window.COURSE_SEARCH_TEXT = {data};\n"


def run_sphinx(source: Path, html: Path, doctrees: Path, quiet: bool) -> None:
    """Build ``source`` (written by write_sources) into ``html`` with Sphinx, with the prose of
    every page for the search page's snippets (``SEARCH_TEXT``); SiteError if it fails."""
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    config = sphinx_config(source / "search_words.txt")
    with patch_docutils(None), docutils_namespace():
        app = Sphinx(
            srcdir=source,
            confdir=None,
            outdir=html,
            doctreedir=doctrees,
            buildername="html",
            confoverrides=config,
            status=None if quiet else sys.stdout,
            warning=sys.stderr,
            freshenv=True,
        )
        texts: dict[str, dict] = {}
        app.connect(
            "doctree-resolved", lambda _, doctree, name: texts.update({name: prose(doctree)})
        )
        app.build()
    if app.statuscode != 0:
        raise SiteError(f"the Sphinx build failed (status {app.statuscode}); see above")
    (html / SEARCH_TEXT).write_text(search_text_script(texts), encoding="utf-8")


def strip_external(html: str) -> str:
    """``html`` without the ``<script>``/``<link>`` tags that load anything from another host."""
    return EXTERNAL.sub("", html)


def clean_page(html: str) -> str:
    """``html`` as the site ships it: nothing from another host, no font preloads."""
    return FONT_PRELOAD.sub("", strip_external(html))


def clean_pages(folder: Path) -> None:
    """Apply ``clean_page`` to every HTML page under ``folder``."""
    for page in folder.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if clean_page(text) != text:
            page.write_text(clean_page(text), encoding="utf-8")


def copy_mathjax(out: Path) -> None:
    """Copy the parts of the pinned MathJax 3 the pages use into ``out/_static/mathjax``."""
    copy_files("mathjax3", MATHJAX_FILES, out / MATHJAX_FOLDER)


def check_out(out: Path) -> None:
    """Refuse an output folder that is a file, or holds files this module did not write."""
    if out.exists() and not out.is_dir():
        raise SiteError(f"{str(out)!r} exists and is not a folder: name a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise SiteError(
            f"{str(out)!r} is not empty and is not a course site: name a new or empty folder"
        )


def folder_size(folder: Path) -> int:
    """Bytes in all files under ``folder``."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def build_site(out: Path, notebooks: Path = NOTEBOOKS, quiet: bool = True) -> SiteReport:
    """Build the website of every lesson in ``notebooks`` into ``out`` (replaced if a site)."""
    start = time.perf_counter()
    out = Path(out).resolve()
    check_out(out)
    try:
        import jieba
    except ImportError:
        raise SiteError(
            "jieba is not installed, so the site's search would find no Chinese word: "
            "pip install -r requirements.txt"
        ) from None
    jieba.setLogLevel(logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="course-site-") as tmp:
        source, html = Path(tmp) / "book", Path(tmp) / "html"
        source.mkdir()
        write_sources(source, Path(notebooks))
        run_sphinx(source, html, Path(tmp) / "doctrees", quiet)
        for pattern in UNUSED:
            for path in html.glob(pattern):
                shutil.rmtree(path) if path.is_dir() else path.unlink()
        clean_pages(html)
        copy_mathjax(html)
        copy_site_explorers(source, html)
        (html / MARKER).write_text("built by python -m course_lib site\n", encoding="utf-8")
        shutil.rmtree(out, ignore_errors=True)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(html, out)
    pages = sum(1 for _ in out.rglob("*.html"))
    return SiteReport(out, pages, folder_size(out), time.perf_counter() - start)
