"""Lint and format, as configured in pyproject.toml: course_lib, tests, tools and the lessons'
.py pairs (linted only).

Fix what it finds with ``ruff check --fix .`` and ``ruff format course_lib tests tools``.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _ruff(*args):
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True
    )


def test_ruff_finds_nothing_to_lint():
    result = _ruff("check", "--output-format", "concise", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_library_tests_and_tools_are_formatted():
    result = _ruff("format", "--check", "course_lib", "tests", "tools")
    assert result.returncode == 0, result.stdout + result.stderr
