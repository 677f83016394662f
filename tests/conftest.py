"""Shared fixtures: the course data, read through the path load_data itself resolves."""

import pytest

from course_lib import load_data


@pytest.fixture(scope="session")
def data():
    """Standardized (x, y), from COURSE_DATA or the repository's data/线性数据.csv."""
    return load_data()


# the browser tests' fixtures (tests/jupyter_lab.py), shared by every test_browser*.py module
from support.jupyter_lab import (  # noqa: E402, F401
    browser,
    chromium,
    lab,
    lab_source,
    page,
    playwright_api,
    viewport,
)
