"""The course website: every lesson with its stored outputs, as static HTML that works offline.

Built with Jupyter Book 1's stack (Sphinx, myst-nb, sphinx-book-theme) from copies of the
lesson notebooks, never executed: what ``publish.lessons.student_notebook`` keeps (no answers, no
speaker notes). MathJax 3 is
served from the site itself (pinned npm package, see ``publish.vendor``) and every script or
style a theme would fetch from another host is removed, so the pages make no request beyond
their own folder. Chinese search needs ``jieba`` at build time; a small user dictionary keeps
the course's terms (学习率, ...) whole.
"""

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
from course_lib.publish.lessons import NOTEBOOKS, lesson_paths, student_notebook
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
# a page loads nothing from outside its site: these would, so they are dropped from every page
EXTERNAL = re.compile(
    r"""<(?:script|link)\b[^>]*\b(?:src|href)="(?:https?:)?//[^"]*"[^>]*>(?:</script>)?"""
)


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


def index_page(titles: list[tuple[str, str]]) -> str:
    """The landing page (MyST markdown) listing ``(page name, title)`` pairs in order."""
    lines = [
        f"# {TITLE}",
        "",
        "用同一个线性回归问题(NASA 翼型噪声数据,标准化后),一课一个优化器,"
        "从最朴素的梯度下降讲到 Adam。",
        "这里是每一课的静态网页版:内容、代码和保存的输出都和 notebook 一样,"
        "练习的答案和讲解提示不在这里。",
        "想自己运行代码、拖动探索器的滑块,请在 JupyterLab 里打开 `notebooks/` 里的同名 notebook。",
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
        notebook = student_notebook(path)
        live_explorers(notebook, folder)  # explorer cells -> live, kernel-free explorers
        nbformat.write(notebook, folder / path.name)
        titles.append((path.stem, lesson_title(notebook)))
    (folder / "index.md").write_text(index_page(titles), encoding="utf-8")
    search_dict = folder / "search_words.txt"
    search_dict.write_text("".join(f"{w} 1000\n" for w in SEARCH_WORDS), encoding="utf-8")
    return len(lessons)


def run_sphinx(source: Path, html: Path, doctrees: Path, quiet: bool) -> None:
    """Build ``source`` (written by write_sources) into ``html`` with Sphinx; SiteError if not."""
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
        app.build()
    if app.statuscode != 0:
        raise SiteError(f"the Sphinx build failed (status {app.statuscode}); see above")


def strip_external(html: str) -> str:
    """``html`` without the ``<script>``/``<link>`` tags that load anything from another host."""
    return EXTERNAL.sub("", html)


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
        copy_mathjax(html)
        copy_site_explorers(source, html)
        (html / MARKER).write_text("built by python -m course_lib site\n", encoding="utf-8")
        shutil.rmtree(out, ignore_errors=True)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(html, out)
    pages = sum(1 for _ in out.rglob("*.html"))
    return SiteReport(out, pages, folder_size(out), time.perf_counter() - start)
