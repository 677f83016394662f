"""The course data set: NASA airfoil self-noise (UCI id 291), loaded and standardized.

Where the file comes from, in order: the ``path`` argument, the environment variable
``COURSE_DATA``, then ``data/线性数据.csv`` in the repository. Only that last, default file is
downloaded when missing (from ``COURSE_DATA_URL`` or the UCI archive) and checked against the
course's checksum before it is saved.
"""

import hashlib
import io
import logging
import os
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import numpy as np

N_COLUMNS = 6
DATA_FILE_NAME = "线性数据.csv"
DEFAULT_DATA_PATH = Path(__file__).resolve().parent.parent / "data" / DATA_FILE_NAME
DATA_URL = "https://archive.ics.uci.edu/static/public/291/airfoil+self+noise.zip"
ZIP_MEMBER = "airfoil_self_noise.dat"
# sha256 of np.loadtxt(path, delimiter="\t").astype("<f8").tobytes(): independent of line endings.
VALUES_SHA256 = "11fab2c660f61031935f9995d27929df39a175d3551271b397c8aa254b19b6b6"
DOWNLOAD_TIMEOUT_S = 60

log = logging.getLogger(__name__)


def load_data(path=None):
    """Return the standardized features ``x`` (N, 5) and target ``y`` (N,) as float64.

    Every column, the target included, is centred and divided by its standard deviation
    (ddof=0) over all rows, exactly as the original notebooks do.
    """
    path = resolve_data_path(path)
    return split_features_target(standardize(read_table(path), source=path))


def resolve_data_path(path=None):
    """Find the data file, downloading the default one if it is missing; return its path."""
    if path is not None:
        return _existing(Path(path), "the path given to load_data")
    if os.environ.get("COURSE_DATA"):
        return _existing(Path(os.environ["COURSE_DATA"]), "the environment variable COURSE_DATA")
    if not DEFAULT_DATA_PATH.exists():
        fetch_data(DEFAULT_DATA_PATH)
    return DEFAULT_DATA_PATH


def _existing(path, origin):
    if not path.is_file():
        raise FileNotFoundError(
            f"Data file not found: {path} (from {origin}). Check the path, or unset it to use "
            f"the course's own copy in data/{DATA_FILE_NAME}."
        )
    return path


def read_table(path):
    """Parse a tab-separated file of six numeric columns into a float64 array (rows, 6).

    Raises ``ValueError`` naming the file and line for an empty file, a row without six fields,
    a non-numeric field, NaN or infinity.
    """
    path = Path(path)
    return parse_table(path.read_bytes(), source=str(path))


def parse_table(content, source):
    """Parse the bytes of a data file (LF or CRLF); ``source`` names it in error messages."""
    text = _decode(content, source)
    if not text.strip():
        raise ValueError(f"{source}: the file is empty; expected rows of {N_COLUMNS} "
                         "tab-separated numbers.")
    try:
        table = np.loadtxt(io.StringIO(text), delimiter="\t", ndmin=2, comments=None)
    except ValueError:
        raise _describe_bad_line(text, source) from None
    if table.shape[1] != N_COLUMNS:
        raise _describe_bad_line(text, source)
    bad = np.argwhere(~np.isfinite(table))
    if bad.size:
        row, col = bad[0]
        line = _line_number_of_row(text, row)
        raise ValueError(
            f"{source}, line {line}: field {col + 1} is {float(table[row, col])!r}; every field "
            "must be a finite number. Fix or delete that line."
        )
    return table


def _decode(content, source):
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ValueError(
            f"{source}: not a text file (byte {err.start} is not UTF-8); expected rows of "
            f"{N_COLUMNS} tab-separated numbers."
        ) from None


def _line_number_of_row(text, row):
    """1-based line number of the ``row``-th non-blank line (np.loadtxt skips blank lines)."""
    non_blank = [n for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
    return non_blank[row]


def _describe_bad_line(text, source):
    """Build the ValueError for the first line np.loadtxt could not take (error path only)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
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
    return ValueError(f"{source}: could not be read as {N_COLUMNS} tab-separated numeric columns.")


def standardize(table, source=None):
    """Centre every column and divide it by its standard deviation (ddof=0)."""
    centred = table - table.mean(axis=0)
    std = centred.std(axis=0)
    if table.shape[0] < 2 or np.any(std == 0):
        constant = [int(c) + 1 for c in np.flatnonzero(std == 0)]
        raise ValueError(
            f"{source or 'data'}: cannot standardize: column(s) {constant} are constant over "
            f"{table.shape[0]} row(s). Use at least two rows whose values vary in every column."
        )
    return centred / std


def split_features_target(table):
    """Split a standardized table into features (all columns but the last) and target."""
    return table[:, :-1], table[:, -1]


def values_sha256(table):
    """The course's line-ending-independent checksum of a parsed table."""
    return hashlib.sha256(np.asarray(table, dtype="<f8").tobytes()).hexdigest()


def fetch_data(dest, url=None):
    """Download the course data, verify its checksum and save it (LF line endings) at ``dest``.

    ``url`` defaults to ``COURSE_DATA_URL`` and then the UCI archive; it may name the zip
    archive or a raw tab-separated file. Returns ``dest``.
    """
    dest = Path(dest)
    url = url or os.environ.get("COURSE_DATA_URL") or DATA_URL
    log.info("downloading the course data from %s", url)
    raw = _unpack(_download(url, dest), url)
    table = parse_table(raw, source=url)
    if values_sha256(table) != VALUES_SHA256:
        raise ValueError(
            f"The file downloaded from {url} is not the course's data set (checksum "
            f"{values_sha256(table)[:12]}..., expected {VALUES_SHA256[:12]}...); it was not saved. "
            f"Set COURSE_DATA_URL to a correct copy, or save the file as {dest} yourself."
        )
    _write_atomically(dest, raw.replace(b"\r\n", b"\n"))
    log.info("saved the course data as %s", dest)
    return dest


def _download(url, dest):
    try:
        with urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT_S) as response:
            return response.read()
    except (urllib.error.URLError, OSError, ValueError) as err:
        reason = err if isinstance(err, urllib.error.HTTPError) else getattr(err, "reason", err)
        raise FileNotFoundError(
            f"The course data {dest} is missing and the download from {url} failed ({reason}). "
            f"Fix: on a connected machine get {DATA_URL}, unzip it and save {ZIP_MEMBER} as "
            f"{dest} (or set COURSE_DATA to a copy you already have)."
        ) from None


def _unpack(content, url):
    """Return the data file's bytes: the archive member for a zip, else the content itself."""
    if not content.startswith(b"PK"):
        return content
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return archive.read(ZIP_MEMBER)
    except (zipfile.BadZipFile, KeyError):
        raise ValueError(
            f"The archive downloaded from {url} has no readable {ZIP_MEMBER}.") from None


def _write_atomically(dest, content):
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".part")
    partial.write_bytes(content)
    partial.replace(dest)
