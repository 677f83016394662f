"""Shared fixtures: the course data, read through the path load_data itself resolves."""

import pytest

from course_lib import load_data


@pytest.fixture(scope="session")
def data():
    """Standardized (x, y), from COURSE_DATA or the repository's data/线性数据.csv."""
    return load_data()
