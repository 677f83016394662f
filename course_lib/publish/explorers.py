"""The explorers on the course website: live without a kernel, from pictures made at build time.

On the site (built from the stored notebooks, never executed) an explorer cell would show only
its source line. Instead, the build turns each slider into a few discrete positions (``GRIDS``:
the notebook's own positions, or a coarser subset of them, always with the notebook's starting
value), drives the notebook's own explorer widget through every combination (ipywidgets runs
without a kernel) and keeps each picture it shows, quantized to a 64-colour PNG, with the line
of text above it. The page gets HTML range inputs and menus; ``templates/explorer/explorer.js``
swaps the picture and the text on ``input``. So the site shows exactly the pictures the
notebook's explorer draws for those slider values, offline, and nothing runs in the browser but
that small script.

A phone cannot read a 1008-pixel picture of two panels shrunk to 390 pixels, so each picture is
shown as two halves cut at a column that is blank in every picture of that explorer: side by
side they are the whole picture; on a narrow screen (``explorer.css``) they stack. A tap opens
the whole picture.

The pictures are computed once per content (``cache_key``: course_lib's code outside the
publishing, the data, the grid, how a picture is made here, the library versions) into
``build/explorers`` and copied from there by later builds; the first build runs the grid on
every core (tools/benchmark_site_explorers.py measures it).
"""

import hashlib
import html
import inspect
import io
import json
import multiprocessing
import os
import shutil
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from itertools import product
from pathlib import Path

import nbformat
import numpy as np

from course_lib.runs import LESSON_RUNS
from course_lib.widgets.picture import log_positions

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CACHE = ROOT / "build" / "explorers"
ASSETS = Path(__file__).resolve().parent / "templates" / "explorer"
SITE_FOLDER = "_explorers"  # in the site: the script, the style and one folder per explorer
COLOURS = 64  # colours of a site picture (a 1008 x 360 picture: about 20 kB instead of 75 kB)
DEAD_TEXT = "这个单元格需要在 JupyterLab 里运行才能看到滑块。"
SITE_TEXT = (
    "网页上的滑块停在预先算好的几个位置(图和 notebook 里的探索器画的完全一样);"
    "在 JupyterLab 里运行这一课,滑块可以停在任何位置。"
)
HIDE_SOURCE = "remove-input"  # myst-nb's tag: the page shows the cell's output only
BLANK = 250  # a pixel with every channel at least this is background (white)
SPLIT_ZONE = (0.4, 0.6)  # where, as a fraction of the width, the two panels may be cut apart


# The site's positions of each control, by the control's description; a control not named keeps
# only its starting value. The starting value of every control is added (``positions``).
LESSON_EXPLORERS = tuple(run.name for run in LESSON_RUNS)  # lessons 1-7: explorer(name, x, y)
GRIDS: Mapping[str, Mapping[str, Sequence]] = {
    "GD": {"lr": log_positions(-4, 0, 0.2), "steps": (50, 500, 5500)},
    "SGD": {"lr": log_positions(-4, 0, 0.2), "steps": (250, 2500, 5500)},
    "Momentum": {
        "lr": log_positions(-4, 0, 0.5),
        "beta": (0.0, 0.5, 0.8, 0.95),
        "steps": (150, 1500),
    },
    "AdaGrad": {"lr": log_positions(-4, 0, 0.2), "steps": (250, 2500, 5500)},
    "RMSProp": {
        "lr": log_positions(-4, 0, 0.5),
        "rho": (0.2, 0.5, 0.9, 0.99),
        "steps": (250, 2500),
    },
    "AdaDelta": {"rho": (0.0, 0.2, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999), "steps": (550, 5500)},
    "Adam": {
        "lr": log_positions(-4, 0, 0.5),
        "beta1": (0.0, 0.5, 0.9),
        "beta2": (0.9, 0.99, 0.999),
    },
    "schedule": {
        "B": ("1", "16", "128", "1503"),
        "lr0": log_positions(-3, 0, 0.5),
        "schedule": ("constant", "step decay", "1/t", "cosine", "warm-up + cosine"),
    },
    "geometry": {
        "lr": (0.1, 0.3, 0.5, 0.7, 0.9, 1.1, 1.3),
        "beta": (0.0, 0.2, 0.4, 0.6, 0.8, 0.9),
    },
    "saddle": {
        "optimizer": ("GD", "momentum", "AdaGrad", "RMSProp", "Adam"),
        "lr": log_positions(-1, 0, 1),  # the lesson's 0.1 and 1, where GD stops converging
        "x2_0": log_positions(-12, -2, 2),
    },
    "lion": {"lr": log_positions(-4, -1, 0.5), "decay": tuple(np.arange(0, 4.01, 0.5).tolist())},
    "newton_schulz": {"steps": tuple(range(11)), "spread": log_positions(-5, 0, 1)},
}
# A cell is an explorer when its source is exactly one of these calls: the grid it takes.
CALLS = {
    **{f'explorer("{name}", x, y)': name for name in LESSON_EXPLORERS},
    "schedule_explorer(x, y)": "schedule",
    "geometry_explorer(x, y)": "geometry",
    "saddle_explorer()": "saddle",
    "lion_explorer(x, y)": "lion",
    "newton_schulz_explorer()": "newton_schulz",
}


class ExplorerError(RuntimeError):
    """An explorer cannot be put on the site (an unknown control, a grid off the slider)."""


@dataclass(frozen=True)
class Control:
    """One control of an explorer on the site: its name, its positions and how each reads."""

    name: str
    values: tuple  # what the widget is set to (a selection's label, or a number)
    texts: tuple[str, ...]  # what the page shows for each position
    start: int  # the position the notebook's explorer starts at
    menu: bool  # a menu (<select>) rather than a slider


@dataclass(frozen=True)
class SitePictures:
    """An explorer's pictures, computed: where they are, its controls, the text per picture
    (row-major over the controls, the first outermost) and the column the halves are cut at."""

    key: str
    folder: Path
    controls: tuple[Control, ...]
    calls: tuple[str, ...]
    split: int | None  # pixel column; None: no column is blank in every picture
    width: int


def explorer_key(source: str) -> str | None:
    """The ``GRIDS`` key of a cell whose source is an explorer call, else None."""
    return CALLS.get(source.strip())


def build_widget(key: str):
    """The notebook's explorer widget for ``key``, on the course data."""
    from course_lib import load_data
    from course_lib import widgets as explorers

    if key in LESSON_EXPLORERS:
        return explorers.explorer(key, *load_data())
    needs_data = {"schedule", "geometry", "lion"}
    make = getattr(explorers, f"{key}_explorer")
    return make(*load_data()) if key in needs_data else make()


def widget_parts(widget) -> tuple[list, object, object]:
    """The controls (widgets with a description, in order), the label and the image of an
    explorer widget."""
    import ipywidgets as widgets

    controls, label, image = [], None, None
    stack = [widget]
    while stack:
        item = stack.pop(0)
        if isinstance(item, widgets.Box):
            stack[:0] = list(item.children)
        elif isinstance(item, widgets.Image):
            image = item
        elif isinstance(item, widgets.Label):
            label = item
        elif getattr(item, "description", ""):
            controls.append(item)
    if label is None or image is None or not controls:
        raise ExplorerError(f"{type(widget).__name__} is not an explorer (controls, label, image)")
    return controls, label, image


def _readout(control, value) -> str:
    """A value as the notebook's control shows it (its readout format)."""
    return format(value, control.readout_format)


def _coordinate(control, value) -> float:
    """Where ``value`` sits on a slider's scale: its exponent on a log slider, else itself."""
    import ipywidgets as widgets

    if isinstance(control, widgets.FloatLogSlider):
        return float(np.log10(value) / np.log10(control.base))
    return float(value)


def _on_slider(control, value) -> bool:
    """Whether a slider can stop at ``value``: inside its range, on its step."""
    where = _coordinate(control, value)
    steps = (where - control.min) / control.step
    inside = control.min - 1e-9 <= where <= control.max + 1e-9
    return bool(inside and abs(steps - round(steps)) < 1e-6)


def positions(control, wanted: Sequence) -> Control:
    """The site's positions of a notebook control: ``wanted`` (all of them for a menu; for a
    slider, those it can stop at) with its starting value in place of the nearest one."""
    import ipywidgets as widgets

    name = control.description
    if hasattr(control, "index"):  # a menu or a selection slider: positions are its labels
        labels = list(control._options_labels)
        unknown = [w for w in wanted if w not in labels]
        if unknown:
            raise ExplorerError(f"{name}: {unknown} are not among its options {labels}")
        values = [w for w in labels if w in wanted or w == control.label]
        return Control(
            name,
            tuple(values),
            tuple(values),
            values.index(control.label),
            isinstance(control, widgets.Dropdown),
        )
    off = [w for w in wanted if not _on_slider(control, w)]
    if off:
        raise ExplorerError(f"{name}: {off} are not positions of the notebook's slider")

    def where(v):
        return _coordinate(control, v)

    start = control.value
    values = sorted(set(wanted))
    if values and start not in values:
        nearest = min(values, key=lambda v: abs(where(v) - where(start)))
        gaps = np.diff([where(v) for v in values])
        if len(values) == 1 or abs(where(nearest) - where(start)) < gaps.min() / 2:
            values.remove(nearest)
        values = sorted([*values, start])
    values = values or [start]
    texts = tuple(_readout(control, v) for v in values)
    return Control(name, tuple(values), texts, values.index(start), False)


def site_controls(key: str, controls: Sequence) -> tuple[Control, ...]:
    """The site's controls for the notebook's ``controls`` of explorer ``key`` (GRIDS)."""
    grid = GRIDS[key]
    names = [c.description for c in controls]
    unknown = sorted(set(grid) - set(names))
    if unknown:
        raise ExplorerError(f"GRIDS[{key!r}] names {unknown}; the explorer's controls: {names}")
    return tuple(positions(c, grid.get(c.description, ())) for c in controls)


def set_position(control, site: Control, index: int) -> None:
    """Move a notebook control to the site control's position ``index``."""
    value = site.values[index]
    if hasattr(control, "index"):
        control.index = list(control._options_labels).index(value)
    elif control.value != value:
        control.value = value


def site_png(png: bytes) -> bytes:
    """A widget's PNG as the site ships it: the same pixels in COLOURS colours (PIL's fast
    octree: 12 ms a picture, and smaller files than median cut with zlib's hardest effort)."""
    from PIL import Image

    picture = Image.open(io.BytesIO(png)).convert("RGB")
    buffer = io.BytesIO()
    picture.quantize(COLOURS, method=Image.Quantize.FASTOCTREE).save(buffer, format="png")
    return buffer.getvalue()


def blank_columns(png: bytes) -> np.ndarray:
    """Whether each pixel column of the picture is background only."""
    from PIL import Image

    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
    return (pixels >= BLANK).all(axis=(0, 2))


@cache
def _widget(key: str):
    """One explorer widget per process and key, with its parts."""
    widget = build_widget(key)
    controls, label, image = widget_parts(widget)
    return widget, controls, label, image, site_controls(key, controls)


def picture_at(key: str, index: tuple[int, ...]) -> tuple[str, bytes]:
    """The notebook explorer's text and PNG with its controls at the site positions ``index``."""
    _, controls, label, image, site = _widget(key)
    for control, position, i in zip(controls, site, index, strict=True):
        set_position(control, position, i)
    return label.value, image.value


def _run_chunk(key: str, first: int, folder: str) -> list[tuple[int, str, list[bool]]]:
    """Pictures of explorer ``key`` whose first control is at ``first``, written into
    ``folder``; their numbers, texts and blank columns."""
    site = _widget(key)[-1]
    sizes = [len(c.values) for c in site]
    done = []
    for rest in product(*(range(n) for n in sizes[1:])):
        index = (first, *rest)
        text, png = picture_at(key, index)
        number = int(np.ravel_multi_index(index, sizes))
        picture = site_png(png)
        (Path(folder) / picture_name(number)).write_bytes(picture)
        done.append((number, text, blank_columns(picture).tolist()))
    return done


def picture_name(number: int) -> str:
    return f"{number:03d}.png"


def cache_key(key: str) -> str:
    """A digest of what the pictures of ``key`` depend on: the code of course_lib outside the
    publishing, the data, the grid, how a picture is made here, the library versions."""
    from course_lib import load_data

    package = ROOT / "course_lib"
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*.py") if "publish" not in p.parts):
        digest.update(path.relative_to(package).as_posix().encode() + path.read_bytes())
    for array in load_data():
        digest.update(np.ascontiguousarray(array).tobytes())
    digest.update(repr((key, GRIDS[key], COLOURS)).encode())
    for function in (build_widget, positions, set_position, site_png):
        digest.update(inspect.getsource(function).encode())
    for name in ("numpy", "matplotlib", "pillow", "ipywidgets"):
        digest.update(f"{name} {version(name)}".encode())
    return digest.hexdigest()[:16]


def _pool() -> ProcessPoolExecutor:
    """Workers on every core, forked where possible (they inherit the imported libraries)."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ProcessPoolExecutor(max_workers=os.cpu_count() or 1, mp_context=context)


def compute_pictures(key: str, folder: Path) -> None:
    """Every picture of explorer ``key`` into ``folder``, and its ``manifest.json``."""
    import matplotlib  # noqa: F401  (imported before forking: the workers inherit it)

    site = _widget(key)[-1]
    folder.mkdir(parents=True)
    with _pool() as pool:
        chunks = [
            pool.submit(_run_chunk, key, first, str(folder)) for first in range(len(site[0].values))
        ]
        results = sorted(item for chunk in chunks for item in chunk.result())
    blank = np.logical_and.reduce([np.array(columns) for _, _, columns in results])
    manifest = {
        "controls": [control.__dict__ for control in site],
        "calls": [text for _, text, _ in results],
        "split": split_column(blank),
        "width": len(blank),
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")


def split_column(blank: np.ndarray) -> int | None:
    """The middle of the widest run of columns, in SPLIT_ZONE, blank in every picture."""
    low, high = (int(f * len(blank)) for f in SPLIT_ZONE)
    best, run_start = (0, None), None
    for column in range(low, high + 1):
        if column < high and blank[column]:
            run_start = column if run_start is None else run_start
        elif run_start is not None:
            best = max(best, (column - run_start, (run_start + column) // 2))
            run_start = None
    return best[1] if best[0] else None


def explorer_pictures(key: str, cache_folder: Path = DEFAULT_CACHE) -> SitePictures:
    """The pictures of explorer ``key``, from the cache or computed into it."""
    folder = Path(cache_folder) / f"{key}-{cache_key(key)}"
    if not (folder / "manifest.json").is_file():
        partial = folder.with_name(folder.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        compute_pictures(key, partial)
        for stale in Path(cache_folder).glob(f"{key}-*"):  # this explorer's older pictures
            if stale != partial:
                shutil.rmtree(stale, ignore_errors=True)
        partial.rename(folder)
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    controls = tuple(
        Control(**{**c, "values": tuple(c["values"]), "texts": tuple(c["texts"])})
        for c in manifest["controls"]
    )
    return SitePictures(
        key, folder, controls, tuple(manifest["calls"]), manifest["split"], manifest["width"]
    )


def _json_for_html(data) -> str:
    """JSON that is safe inside a <script> element."""
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


def _control_html(number: int, control: Control) -> str:
    """One control: a menu, a range input with its reading, or (one position) just the value."""
    name = f'<span class="course-explorer-name">{html.escape(control.name)}</span>'
    text = html.escape(control.texts[control.start])
    if len(control.values) == 1:
        return f'<span class="course-explorer-fixed">{name} <output>{text}</output></span>'
    if control.menu:
        options = "".join(
            f'<option value="{i}"{" selected" if i == control.start else ""}>'
            f"{html.escape(t)}</option>"
            for i, t in enumerate(control.texts)
        )
        return f'<label>{name} <select data-control="{number}">{options}</select></label>'
    return (
        f'<label>{name} <input type="range" data-control="{number}" min="0" '
        f'max="{len(control.values) - 1}" step="1" value="{control.start}" '
        f'aria-valuetext="{text}"> <output>{text}</output></label>'
    )


def _panels_html(pictures: SitePictures, source: str, alt: str) -> str:
    """The picture as two halves cut at ``pictures.split`` (or whole), each a link to it."""
    src = html.escape(source)
    if pictures.split is None:
        cuts = [(1.0, 1.0, 0.0)]
    else:
        s = pictures.split / pictures.width
        cuts = [(s, 1 / s, 0.0), (1 - s, 1 / (1 - s), -s / (1 - s))]
    panels = []
    for share, scale, shift in cuts:
        panels.append(
            f'<a class="course-explorer-panel" href="{src}" style="width: {100 * share:.3f}%">'
            f'<img src="{src}" alt="{html.escape(alt)}" '
            f'style="width: {100 * scale:.3f}%; margin-left: {100 * shift:.3f}%"></a>'
        )
    return f'<div class="course-explorer-picture">{"".join(panels)}</div>'


def explorer_html(pictures: SitePictures, base: str) -> str:
    """The live explorer: controls, the text line and the picture, with its data and script;
    ``base`` is the URL of the explorer assets' folder relative to the page."""
    sizes = [len(c.values) for c in pictures.controls]
    start = int(np.ravel_multi_index([c.start for c in pictures.controls], sizes))
    data = {
        "base": f"{base}/{pictures.key}/",
        "sizes": sizes,
        "texts": [list(c.texts) for c in pictures.controls],
        "calls": list(pictures.calls),
        "pictures": [picture_name(i) for i in range(len(pictures.calls))],
    }
    controls = "".join(_control_html(i, c) for i, c in enumerate(pictures.controls))
    source = f"{base}/{pictures.key}/{picture_name(start)}"
    return (
        f'<link rel="stylesheet" href="{base}/explorer.css">'
        f'<div class="course-explorer" data-explorer="{pictures.key}">'
        f'<script type="application/json" class="course-explorer-data">{_json_for_html(data)}'
        "</script>"
        f'<div class="course-explorer-controls">{controls}</div>'
        f'<p class="course-explorer-call">{html.escape(pictures.calls[start])}</p>'
        f"{_panels_html(pictures, source, pictures.calls[start])}"
        "</div>"
        f'<script src="{base}/explorer.js"></script>'
    )


def copy_pictures(pictures: SitePictures, site_folder: Path) -> None:
    """Copy the explorer's pictures, the script and the style into ``site_folder``."""
    target = Path(site_folder) / pictures.key
    target.mkdir(parents=True, exist_ok=True)
    for path in pictures.folder.glob("*.png"):
        shutil.copy2(path, target / path.name)
    for asset in ("explorer.js", "explorer.css"):
        shutil.copy2(ASSETS / asset, Path(site_folder) / asset)


def live_explorers(
    notebook: nbformat.NotebookNode, source_folder: Path, cache_folder: Path = DEFAULT_CACHE
) -> list[str]:
    """Make the explorer cells of a site or deck notebook live: each shows the explorer's HTML (its
    source hidden), its pictures copied to ``source_folder/SITE_FOLDER``, and the markdown
    before it no longer says it needs JupyterLab. The explorers' keys."""
    keys = []
    for number, cell in enumerate(notebook.cells):
        key = explorer_key(cell.source) if cell.cell_type == "code" else None
        if key is None:
            continue
        before = notebook.cells[number - 1] if number else None
        if before is None or before.cell_type != "markdown" or DEAD_TEXT not in before.source:
            raise ValueError(
                f"the markdown cell before the {key!r} explorer must end its instructions with "
                f"{DEAD_TEXT!r}, which the site replaces with how its own sliders work: "
                "put the sentence back, or change DEAD_TEXT in course_lib/publish/explorers.py"
            )
        pictures = explorer_pictures(key, cache_folder)
        copy_pictures(pictures, Path(source_folder) / SITE_FOLDER)
        cell.outputs = [
            nbformat.v4.new_output(
                "display_data", data={"text/html": explorer_html(pictures, SITE_FOLDER)}
            )
        ]
        tags = cell.metadata.setdefault("tags", [])
        if HIDE_SOURCE not in tags:
            tags.append(HIDE_SOURCE)
        cell.metadata.setdefault("transient", {})["remove_source"] = True  # nbconvert's (decks)
        before.source = before.source.replace(DEAD_TEXT, SITE_TEXT)
        keys.append(key)
    return keys


def copy_site_explorers(source_folder: Path, html_folder: Path) -> None:
    """Copy the explorers' files written by ``live_explorers`` next to the built pages."""
    explorers = Path(source_folder) / SITE_FOLDER
    if explorers.is_dir():
        shutil.copytree(explorers, Path(html_folder) / SITE_FOLDER, dirs_exist_ok=True)
