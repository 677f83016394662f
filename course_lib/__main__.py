"""``python -m course_lib``: the command line of ``course_lib.publish.cli``."""

import sys

from course_lib.publish.cli import main

if __name__ == "__main__":
    sys.exit(main())
