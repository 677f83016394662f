"""pytest, before collecting anything: the lessons need the course data, so check it once.

Without this, a missing or damaged data file fails every notebook and most unit tests, each
with the same message; here it is said once and the run stops.
"""

import pytest


def pytest_configure(config):
    from course_lib.data import load_table

    try:
        load_table()
    except (OSError, ValueError) as err:
        raise pytest.UsageError(
            f"the course data cannot be loaded, so no test can run.\n{err}") from None
