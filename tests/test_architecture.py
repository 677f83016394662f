"""The layout shows the layers: the lessons' math at the top of course_lib, the widgets and the
publishing in their own subpackages, tests apart from tools; each idea written once."""

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import course_lib

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "course_lib"
TOP_MODULES = sorted(PACKAGE.glob("*.py"))
# what only the explorers (ipywidgets) and the publishing (nbconvert, Sphinx, downloads) need
HEAVY = ("ipywidgets", "nbconvert", "nbformat", "sphinx", "jinja2", "urllib", "http", "requests")


def imported_modules(path: Path, top_level_only: bool = False) -> set[str]:
    """The modules a file imports (anywhere in it, or only at its top level)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else ast.walk(tree)
    names = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def is_heavy(module: str) -> bool:
    return module.split(".")[0] in HEAVY


def test_import_course_lib_loads_no_widget_or_publishing_library():
    code = "import sys, course_lib; print(' '.join(sorted(sys.modules)))"
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    heavy = [m for m in loaded if m.split(".")[0] in HEAVY[:5]]
    assert heavy == [] and not [m for m in loaded if m.startswith("course_lib.publish")]


@pytest.mark.parametrize("path", TOP_MODULES, ids=lambda p: p.name)
def test_no_top_level_module_imports_a_widget_publishing_or_network_library(path):
    """__main__ reaches the publishing through course_lib.publish.cli, never directly."""
    assert not [m for m in imported_modules(path) if is_heavy(m)]
    if path.name != "__main__.py":
        assert not [m for m in imported_modules(path) if m.startswith("course_lib.publish")]


@pytest.mark.parametrize("path", sorted((PACKAGE / "widgets").glob("*.py")), ids=lambda p: p.name)
def test_widgets_import_ipywidgets_only_when_a_widget_is_built(path):
    assert not [m for m in imported_modules(path, top_level_only=True) if is_heavy(m)]
    assert not [m for m in imported_modules(path) if m.startswith("course_lib.publish")]


def test_the_math_never_imports_the_floors_above_it():
    for path in TOP_MODULES:
        if path.name in ("__init__.py", "__main__.py"):
            continue
        above = [
            m
            for m in imported_modules(path)
            if m.startswith(("course_lib.widgets", "course_lib.publish"))
        ]
        assert not above, (path.name, above)


def test_the_design_matrix_is_written_once():
    """np.column_stack([x, np.ones(...)]) only in model.design_matrix; everything else calls it."""
    written = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and ast.unparse(node.func) == "np.column_stack"
                and "np.ones" in ast.unparse(node)
            ):
                written.append(path.relative_to(ROOT).as_posix())
    assert written == ["course_lib/model.py"]


def test_the_package_exports_every_name_it_lists():
    assert len(course_lib.__all__) == len(set(course_lib.__all__))
    assert [name for name in course_lib.__all__ if not hasattr(course_lib, name)] == []


def test_tests_holds_only_tests_and_their_support():
    """Scripts that measure or try things live in tools/; nothing in tests/ runs as a script."""
    for path in (ROOT / "tests").rglob("*.py"):
        relative = path.relative_to(ROOT / "tests")
        if len(relative.parts) == 1:
            assert re.fullmatch(r"(test_\w+|conftest)\.py", path.name), relative
        else:
            assert relative.parts[0] in ("support", "claims"), relative
        assert not re.search(r"^if __name__ ==", path.read_text(encoding="utf-8"), re.M), relative
    for path in (ROOT / "tools").glob("*.py"):
        assert not path.name.startswith("test_"), path.name


def test_no_test_file_is_over_1000_lines():
    for path in (ROOT / "tests").rglob("*.py"):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= 1000, (path.relative_to(ROOT), lines)


@pytest.mark.parametrize(
    "notebook", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=lambda p: p.stem
)
def test_a_lesson_imports_the_course_in_one_statement(notebook):
    """``from course_lib import (...)``: no module paths, no second style."""
    code = "".join(
        "".join(c["source"]) + "\n"
        for c in json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        if c["cell_type"] == "code"
    )
    statements = re.findall(r"^(?:from course_lib\S* import|import course_lib)", code, re.M)
    assert statements == ["from course_lib import"], statements
