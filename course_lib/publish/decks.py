"""Offline reveal.js slide decks for students, built from the lessons' stored outputs.

One HTML deck per lesson (nbconvert's SlidesExporter, no execution) with reveal.js, MathJax 2
and require.js copied next to the decks from the pinned npm packages of ``publish.vendor``:
a deck opened from ``file://`` makes no network request. Students see what
``publish.lessons.student_notebook`` keeps (no answers, no speaker notes); the child template
``templates/deck`` drops nbconvert's remote imports (mermaid, jQuery, widgets) and sizes figures
and code for 1280x720. Each explorer is live, on a slide of its own, as on the website: sliders
over the pictures ``publish.explorers`` draws with the notebook's explorer (``_explorers/``).
"""

from collections.abc import Iterable
from pathlib import Path

import nbformat

from course_lib.publish.explorers import DEFAULT_CACHE as EXPLORER_CACHE
from course_lib.publish.explorers import explorer_key, live_explorers
from course_lib.publish.lessons import NOTEBOOKS, lesson_paths, student_notebook
from course_lib.publish.vendor import DEFAULT_CACHE, PACKAGES, copy_files

TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATE = "deck"
ASSETS = "_deck"  # the folder next to the decks that holds the vendored JavaScript and CSS
WIDTH, HEIGHT = 1280, 720  # a common projector; reveal scales the slide box to the window
MATHJAX_CONFIG = "TeX-AMS_CHTML-full,Safe"
MARKER = ".course-slides"  # marks a folder of decks built here (``slides --out`` may reuse it)

# What the decks load from each package: paths (or glob patterns) inside the unpacked package.
ASSET_FILES = {
    "reveal.js": (
        "dist/reveal.js",
        "dist/reveal.css",
        "dist/theme/white.css",
        "dist/theme/fonts/source-sans-pro/source-sans-pro.css",
        "dist/theme/fonts/source-sans-pro/*.woff",  # what browsers load; .eot and .ttf are 2 MB
        "dist/theme/fonts/source-sans-pro/LICENSE",
        "plugin/notes/notes.js",
        "LICENSE",
    ),
    # MathJax.js with TeX input and CommonHTML output: 1.3 MB of the package's 67 MB
    "mathjax2": (
        "MathJax.js",
        f"config/{MATHJAX_CONFIG.split(',')[0]}.js",
        "config/Safe.js",
        "extensions/MathMenu.js",
        "extensions/MathZoom.js",
        "extensions/MathEvents.js",
        "extensions/Safe.js",
        "extensions/TeX",
        "extensions/tex2jax.js",
        "extensions/toMathML.js",
        "extensions/AssistiveMML.js",
        "extensions/CHTML-preview.js",
        "extensions/fast-preview.js",
        "jax/input/TeX",
        "jax/element",
        "jax/output/CommonHTML",
        "fonts/HTML-CSS/TeX/woff",
        "LICENSE",
    ),
    "requirejs": ("require.js", "README.md"),  # its licence is stated in require.js
}


def copy_assets(out: Path, cache: Path = DEFAULT_CACHE) -> dict[str, str]:
    """Copy the files the decks load into ``out/_deck``; return their URLs relative to ``out``."""
    prefixes = {}
    for key, patterns in ASSET_FILES.items():
        folder = f"{ASSETS}/{PACKAGES[key].folder_name}"
        copy_files(key, patterns, Path(out) / folder, cache)
        prefixes[key] = folder
    return {
        "reveal_url_prefix": prefixes["reveal.js"],
        "mathjax_url": f"{prefixes['mathjax2']}/MathJax.js?config={MATHJAX_CONFIG}",
        "require_js_url": f"{prefixes['requirejs']}/require.js",
    }


def exporter(urls: dict[str, str]):
    """A SlidesExporter for student decks: local URLs, 1280x720, the deck template."""
    from nbconvert import SlidesExporter
    from traitlets.config import Config

    config = Config()
    config.SlidesExporter.update(
        template_name=TEMPLATE,
        extra_template_basedirs=[str(TEMPLATES)],
        reveal_theme="white",
        reveal_transition="slide",
        reveal_width=str(WIDTH),
        reveal_height=str(HEIGHT),
        reveal_scroll=True,
        # "In [8]:" means nothing on a slide; without it code and text get 110 px more width
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        # nbconvert's remote defaults, none of which a deck may fetch
        jquery_url="",
        font_awesome_url="",
        mermaid_js_url="",
        mermaid_layout_elk_js_url="",
        jupyter_widgets_base_url="",
        widget_renderer_url="",
        **urls,
    )
    return SlidesExporter(config=config)


def with_explorer_slides(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """``notebook`` with each explorer cell starting a slide of its own (in place): its sliders
    and picture do not fit under the instructions on one 1280x720 slide."""
    for cell in notebook.cells:
        if cell.cell_type == "code" and explorer_key(cell.source):
            cell.metadata.setdefault("slideshow", {})["slide_type"] = "slide"
    return notebook


def build_deck(
    notebook_path: Path, out: Path, slides_exporter, explorer_cache: Path = EXPLORER_CACHE
) -> Path:
    """Write ``out/<lesson>.slides.html`` from the notebook's stored outputs, its explorer live
    (the site's pictures, in ``out/_explorers``); return its path."""
    notebook = with_explorer_slides(student_notebook(notebook_path))
    live_explorers(notebook, out, explorer_cache)
    resources = {"metadata": {"name": notebook_path.stem}}
    html, _ = slides_exporter.from_notebook_node(notebook, resources=resources)
    path = Path(out) / f"{notebook_path.stem}.slides.html"
    path.write_text(html, encoding="utf-8")
    return path


def build_decks(
    out: Path, notebooks: Iterable[Path] | None = None, cache: Path = DEFAULT_CACHE
) -> list[Path]:
    """Build one offline deck per lesson into ``out`` (created); return the decks' paths."""
    paths = lesson_paths() if notebooks is None else [Path(path) for path in notebooks]
    if not paths:
        raise FileNotFoundError(f"no lesson notebooks (such as 3.momentum.ipynb) in {NOTEBOOKS}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("built by python -m course_lib slides\n", encoding="utf-8")
    slides_exporter = exporter(copy_assets(out, cache))
    return [build_deck(path, out, slides_exporter) for path in paths]
