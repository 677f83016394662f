"""The course data set: NASA airfoil self-noise (UCI id 291), read, verified and standardized.

The course ships its copy as ``data/线性数据.csv``. Where a lesson's data comes from, in order:
the ``path`` argument, the environment variable ``COURSE_DATA``, then that shipped file. The
shipped file is verified on every load (a checksum of the parsed values), so an edited or
truncated copy is an error, never a silently different lesson.
"""

import codecs
import hashlib
import io
import os
import re
from pathlib import Path

import numpy as np

N_COLUMNS = 6
DATA_FILE_NAME = "线性数据.csv"
COURSE_DATA_PATH = Path(__file__).resolve().parent.parent / "data" / DATA_FILE_NAME
# sha256 of np.loadtxt(path, delimiter="\t").astype("<f8").tobytes(): independent of line endings.
VALUES_SHA256 = "11fab2c660f61031935f9995d27929df39a175d3551271b397c8aa254b19b6b6"
# A column whose spread is below this fraction of its magnitude is constant up to round-off:
# standardizing it would divide noise by noise.
MIN_RELATIVE_SPREAD = 1e-9
LAYOUT = f"{N_COLUMNS} tab-separated numbers per line"


def load_data(path: str | os.PathLike | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Return the standardized features ``x`` (N, 5) and target ``y`` (N,) as float64.

    Every column, the target included, is centred and divided by its standard deviation
    (ddof=0) over all rows, exactly as the original notebooks do.
    """
    path = resolve_data_path(path)
    return split_features_target(standardize(load_table(path), source=path))


def load_table(path: str | os.PathLike | None = None) -> np.ndarray:
    """The raw table (rows, 6) of the data file ``load_data`` would use, not standardized.

    The course's own file is checked against its checksum; other files are taken as they are.
    """
    path = resolve_data_path(path)
    table = read_table(path)
    if _is_course_file(path):
        verify_course_table(table, path)
    return table


def resolve_data_path(path: str | os.PathLike | None = None) -> Path:
    """The data file to read: ``path``, else ``COURSE_DATA``, else the course's own file."""
    if path is not None:
        return _existing(Path(path), "the path given to load_data")
    if os.environ.get("COURSE_DATA"):
        return _existing(Path(os.environ["COURSE_DATA"]), "the environment variable COURSE_DATA")
    return _existing(COURSE_DATA_PATH, "the course's own data file")


def _existing(path, origin):
    if path.is_file():
        return path
    if path == COURSE_DATA_PATH:
        raise FileNotFoundError(
            f"The course data file {path} is missing. It is part of the repository: restore it "
            f"with `git checkout -- data/{DATA_FILE_NAME}` (run in the repository), or set "
            "COURSE_DATA to a copy of it."
        )
    raise FileNotFoundError(
        f"Data file not found: {path} (from {origin}). Check the path, or unset it to use "
        f"the course's own copy in data/{DATA_FILE_NAME}."
    )


def _is_course_file(path):
    try:
        return path.resolve() == COURSE_DATA_PATH or path.samefile(COURSE_DATA_PATH)
    except OSError:
        return False


def verify_course_table(table: np.ndarray, source: object) -> None:
    """Raise ``ValueError`` unless ``table`` holds exactly the course's data set."""
    if values_sha256(table) != VALUES_SHA256:
        raise ValueError(
            f"{source}: this file differs from the course data ({table.shape[0]} rows, checksum "
            f"{values_sha256(table)[:12]}...; the course data has 1503 rows, checksum "
            f"{VALUES_SHA256[:12]}...), so every number in the lessons would be wrong. Restore it "
            f"with `git checkout -- data/{DATA_FILE_NAME}` (run in the repository). To use data "
            "of your own, give its path to load_data(path) or set COURSE_DATA instead."
        )


def values_sha256(table: np.ndarray) -> str:
    """The course's line-ending-independent checksum of a parsed table."""
    return hashlib.sha256(np.asarray(table, dtype="<f8").tobytes()).hexdigest()


# --- parsing ---------------------------------------------------------------------------------


def read_table(path: str | os.PathLike) -> np.ndarray:
    """Parse a tab-separated file of six numeric columns into a float64 array (rows, 6).

    Raises ``ValueError`` naming the file, and the line where one line is at fault, for an
    empty file, a wrong separator or encoding, a row without six fields, a non-numeric field,
    NaN or infinity.
    """
    path = Path(path)
    return parse_table(path.read_bytes(), source=str(path))


def parse_table(content: bytes, source: str) -> np.ndarray:
    """Parse the bytes of a data file (LF or CRLF, optional UTF-8 BOM); ``source`` names it."""
    text = _decode(content, source)
    lines = [
        (number, line) for number, line in enumerate(text.splitlines(), start=1) if line.strip()
    ]
    if not lines:
        raise ValueError(f"{source}: the file is empty; expected {LAYOUT}.")
    whole_file_problem = _whole_file_problem([line for _, line in lines])
    if whole_file_problem:
        raise ValueError(f"{source}: {whole_file_problem}")
    try:
        table = np.loadtxt(io.StringIO(text), delimiter="\t", ndmin=2, comments=None)
    except ValueError:
        raise _describe_bad_line(lines, source) from None
    if table.shape[1] != N_COLUMNS:
        raise _describe_bad_line(lines, source)
    bad = np.argwhere(~np.isfinite(table))
    if bad.size:
        row, col = bad[0]
        raise ValueError(
            f"{source}, line {lines[row][0]}: field {col + 1} is {float(table[row, col])!r}; "
            "every field must be a finite number. Fix or delete that line."
        )
    return table


def _decode(content, source):
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in content[:200]:
        raise ValueError(
            f"{source}: the file is UTF-16 encoded (what some Windows programs save as "
            '"Unicode"); expected UTF-8 text. Save it again as UTF-8 (in Notepad: Save as → '
            "Encoding: UTF-8)."
        )
    try:
        return content.decode("utf-8-sig")  # a UTF-8 BOM (Windows Notepad) is simply dropped
    except UnicodeDecodeError as err:
        line = content[: err.start].count(b"\n") + 1
        column = err.start - content.rfind(b"\n", 0, err.start)
        raise ValueError(
            f"{source}, line {line}: character {column} (byte 0x{content[err.start]:02x}) is not "
            f"UTF-8, so this is not a UTF-8 text file; expected {LAYOUT}. Save it as UTF-8 text."
        ) from None


_SEPARATORS = (("commas", ","), ("semicolons", ";"), ("spaces", " "))


def _whole_file_problem(lines):
    """A message if every line shares one layout problem (separator, trailing tab), else None."""
    if all(line.endswith("\t") and len(line.split("\t")) == N_COLUMNS + 1 for line in lines):
        return (
            f"every line ends with a tab, so each has {N_COLUMNS + 1} fields, the last one "
            f"empty; expected {LAYOUT}. Remove the tab at the end of each line."
        )
    if any("\t" in line for line in lines):
        return None
    for name, separator in _SEPARATORS:
        pattern = r" +" if separator == " " else re.escape(separator)
        counts = {len(re.split(pattern, line.strip())) for line in lines}
        if counts == {N_COLUMNS}:
            return (
                f"the fields are separated by {name}, not tabs (line 1: {lines[0][:60]!r}); "
                f"expected {LAYOUT}. Save the file with tabs between the fields (in a "
                "spreadsheet: Save as → Text (tab-delimited))."
            )
    return None


def _describe_bad_line(lines, source):
    """Build the ValueError for the first line np.loadtxt could not take (error path only)."""
    for number, line in lines:
        fields = line.split("\t")
        if len(fields) != N_COLUMNS:
            return ValueError(
                f"{source}, line {number}: found {len(fields)} tab-separated field(s), expected "
                f"{N_COLUMNS}: {line[:80]!r}. Fix or delete that line."
            )
        for column, field in enumerate(fields, start=1):
            try:
                float(field)
            except ValueError:
                return ValueError(
                    f"{source}, line {number}: field {column} is {field[:40]!r}, not a number. "
                    "Fix or delete that line."
                )
    return ValueError(f"{source}: could not be read as {LAYOUT}.")


# --- standardizing ---------------------------------------------------------------------------


def standardize(table: np.ndarray, source: object = None) -> np.ndarray:
    """Centre every column and divide it by its standard deviation (ddof=0).

    Raises ``ValueError`` naming the columns where that is not meaningful: fewer than two rows,
    a constant column, or values so large that the mean or spread overflows.
    """
    source = source or "data"
    table = np.asarray(table, dtype=float)
    if table.ndim != 2 or table.shape[0] < 2:
        raise ValueError(
            f"{source}: cannot standardize {table.shape[0]} row(s); use at least "
            "two rows whose values vary in every column."
        )
    with np.errstate(over="ignore", invalid="ignore"):
        centred = table - table.mean(axis=0)
        std = centred.std(axis=0)
        standardized = centred / std
    nonfinite = ~np.isfinite(std) | ~np.all(np.isfinite(standardized), axis=0)
    overflowed = _columns(nonfinite & (std != 0))
    if overflowed:
        raise ValueError(
            f"{source}: cannot standardize column(s) {overflowed}: their values are too large "
            f"(largest magnitude {np.abs(table).max():.3g}) for the mean and spread to be "
            "computed in float64. Rescale those columns (e.g. other units) first."
        )
    magnitude = np.abs(table).max(axis=0)
    constant = _columns(std <= MIN_RELATIVE_SPREAD * magnitude)
    if constant:
        raise ValueError(
            f"{source}: cannot standardize: column(s) {constant} are constant over "
            f"{table.shape[0]} rows (their spread is zero, or below {MIN_RELATIVE_SPREAD:g} of "
            "their magnitude). Use rows whose values vary in every column."
        )
    return standardized


def _columns(mask):
    """1-based numbers of the columns where ``mask`` is true."""
    return [int(c) + 1 for c in np.flatnonzero(mask)]


def split_features_target(table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Split a standardized table into features (all columns but the last) and target."""
    return table[:, :-1], table[:, -1]
