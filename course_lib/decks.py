"""Offline reveal.js slide decks for students, built from the lessons' stored outputs.

One HTML deck per lesson (nbconvert's SlidesExporter, no execution) with reveal.js, MathJax 2
and require.js copied next to the decks from the pinned npm packages of ``course_lib.vendor``:
a deck opened from ``file://`` makes no network request. Cells tagged ``answer`` and speaker
notes (slide type ``notes``) are removed; the child template ``templates/deck`` drops nbconvert's
remote imports (mermaid, jQuery, widgets) and sizes figures and code for 1280x720.
"""

import shutil
from collections.abc import Iterable
from pathlib import Path

from course_lib.vendor import DEFAULT_CACHE, VendorError, npm_package

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATE = "deck"
ASSETS = "_deck"  # the folder next to the decks that holds the vendored JavaScript and CSS
WIDTH, HEIGHT = 1280, 720  # a common projector; reveal scales the slide box to the window
ANSWER_TAG = "answer"
MATHJAX_CONFIG = "TeX-AMS_CHTML-full,Safe"

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


def lesson_notebooks(folder: Path = NOTEBOOKS) -> list[Path]:
    """The lessons' notebooks in ``folder``, in lesson order (0.导论 ... 8.对比)."""
    return sorted(Path(folder).glob("[0-9]*.ipynb"), key=lambda p: int(p.name.split(".")[0]))


def copy_assets(out: Path, cache: Path = DEFAULT_CACHE) -> dict[str, str]:
    """Copy the files the decks load into ``out/_deck``; return their URLs relative to ``out``."""
    prefixes = {}
    for key, paths in ASSET_FILES.items():
        source = npm_package(key, cache)
        target = Path(out) / ASSETS / source.name
        for pattern in paths:
            matches = sorted(source.glob(pattern))
            if not matches:
                raise VendorError(f"{source} has no {pattern}: is the pinned version right?")
            for src in matches:
                dst = target / src.relative_to(source)
                dst.parent.mkdir(parents=True, exist_ok=True)
                if src.is_dir():
                    shutil.copytree(src, dst, dirs_exist_ok=True)
                else:
                    shutil.copy2(src, dst)
        prefixes[key] = f"{ASSETS}/{source.name}"
    return {
        "reveal_url_prefix": prefixes["reveal.js"],
        "mathjax_url": f"{prefixes['mathjax2']}/MathJax.js?config={MATHJAX_CONFIG}",
        "require_js_url": f"{prefixes['requirejs']}/require.js",
    }


def without_notes(notebook):
    """A copy of ``notebook`` without speaker-notes cells (slide type ``notes``)."""
    copy = notebook.copy()
    copy.cells = [
        cell
        for cell in notebook.cells
        if cell.get("metadata", {}).get("slideshow", {}).get("slide_type") != "notes"
    ]
    return copy


def exporter(urls: dict[str, str]):
    """A SlidesExporter for student decks: no answers, local URLs, 1280x720, the deck template."""
    from nbconvert import SlidesExporter
    from traitlets.config import Config

    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = {ANSWER_TAG}
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


def build_deck(notebook_path: Path, out: Path, slides_exporter) -> Path:
    """Write ``out/<lesson>.slides.html`` from the notebook's stored outputs; return its path."""
    import nbformat

    notebook = without_notes(nbformat.read(notebook_path, as_version=4))
    resources = {"metadata": {"name": notebook_path.stem}}
    html, _ = slides_exporter.from_notebook_node(notebook, resources=resources)
    path = Path(out) / f"{notebook_path.stem}.slides.html"
    path.write_text(html, encoding="utf-8")
    return path


def build_decks(
    out: Path, notebooks: Iterable[Path] | None = None, cache: Path = DEFAULT_CACHE
) -> list[Path]:
    """Build one offline deck per lesson into ``out`` (created); return the decks' paths."""
    paths = lesson_notebooks() if notebooks is None else [Path(path) for path in notebooks]
    if not paths:
        raise FileNotFoundError(f"no lesson notebooks (such as 3.momentum.ipynb) in {NOTEBOOKS}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    slides_exporter = exporter(copy_assets(out, cache))
    return [build_deck(path, out, slides_exporter) for path in paths]
