"""Reading, verifying and standardizing the course data; every bad input is a clear error."""

import codecs
import hashlib
import shutil

import numpy as np
import pytest

from course_lib import data as course_data
from course_lib import load_data, load_table

LF_SHA256 = "10ee06e6cfb27dae6b44213d421d217012fb1f9b697592e73a4e4016b52d425f"
COURSE_FILE = course_data.COURSE_DATA_PATH


@pytest.fixture(scope="module")
def lf_bytes():
    return COURSE_FILE.read_bytes()


@pytest.fixture
def course_copy(tmp_path, monkeypatch):
    """A writable copy standing in for the shipped file (load_data's default, verified)."""
    copy = tmp_path / "data" / course_data.DATA_FILE_NAME
    copy.parent.mkdir()
    shutil.copy(COURSE_FILE, copy)
    monkeypatch.setattr(course_data, "COURSE_DATA_PATH", copy)
    monkeypatch.delenv("COURSE_DATA", raising=False)
    return copy


def _write(tmp_path, content, name="my.csv"):
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


# --- the shipped file ------------------------------------------------------------------------


def test_the_shipped_file_is_the_documented_lf_copy(lf_bytes):
    assert hashlib.sha256(lf_bytes).hexdigest() == LF_SHA256
    table = course_data.parse_table(lf_bytes, source="course file")
    assert table.shape == (1503, 6)
    assert course_data.values_sha256(table) == course_data.VALUES_SHA256


def test_default_load_reads_the_shipped_file_without_network(monkeypatch):
    monkeypatch.delenv("COURSE_DATA", raising=False)
    assert course_data.resolve_data_path() == COURSE_FILE
    x, y = load_data()
    assert x.shape == (1503, 5) and y.shape == (1503,)
    np.testing.assert_allclose(x.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(x.std(axis=0), 1)


@pytest.mark.parametrize("damage", ["first 1000 rows", "one value edited", "one row appended"])
def test_a_changed_course_file_is_an_error_on_every_load(course_copy, damage):
    load_data()  # intact: loads
    text = course_copy.read_text(encoding="utf-8")
    if damage == "first 1000 rows":
        changed = "".join(text.splitlines(keepends=True)[:1000])
    elif damage == "one value edited":
        changed = text.replace("126.201", "126.202", 1)
    else:
        changed = text + "800\t0\t0.3048\t71.3\t0.00266337\t126.201\n"
    course_copy.write_text(changed, encoding="utf-8")
    for load in (load_data, load_table):
        with pytest.raises(ValueError) as caught:
            load()
        message = str(caught.value)
        assert str(course_copy) in message and "differs from the course data" in message
        assert "git checkout -- data/线性数据.csv" in message


def test_the_course_file_is_verified_when_named_explicitly(course_copy):
    course_copy.write_text(course_copy.read_text(encoding="utf-8")[:-40], encoding="utf-8")
    with pytest.raises(ValueError, match="differs from the course data"):
        load_data(course_copy)


def test_crlf_and_bom_copies_of_the_course_file_still_verify(course_copy, lf_bytes):
    for variant in (lf_bytes.replace(b"\n", b"\r\n"), codecs.BOM_UTF8 + lf_bytes):
        course_copy.write_bytes(variant)
        np.testing.assert_array_equal(load_table(), course_data.parse_table(lf_bytes, "lf"))


def test_a_missing_course_file_says_how_to_restore_it(course_copy):
    course_copy.unlink()
    with pytest.raises(FileNotFoundError) as caught:
        load_data()
    assert str(course_copy) in str(caught.value)
    assert "git checkout -- data/线性数据.csv" in str(caught.value)


# --- other files ---------------------------------------------------------------------------


def test_own_data_in_the_same_layout_is_accepted_as_it_is(tmp_path):
    path = _write(tmp_path, "1\t2\t3\t4\t5\t6\n2\t1\t0\t5\t4\t7\n3\t5\t1\t4\t6\t9\n")
    x, y = load_data(path)
    assert x.shape == (3, 5) and y.shape == (3,)
    np.testing.assert_allclose(y, (np.array([6, 7, 9]) - 22 / 3) / np.std([6, 7, 9]))


def test_course_data_variable_names_another_copy(tmp_path, monkeypatch, lf_bytes):
    copy = _write(tmp_path, lf_bytes.replace(b"\n", b"\r\n"), "copy.csv")
    monkeypatch.setenv("COURSE_DATA", str(copy))
    assert course_data.resolve_data_path() == copy
    monkeypatch.delenv("COURSE_DATA")
    reference = load_data()
    monkeypatch.setenv("COURSE_DATA", str(copy))
    for a, b in zip(load_data(), reference, strict=True):
        np.testing.assert_array_equal(a, b)


def test_missing_path_argument_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match="nowhere.csv"):
        load_data(tmp_path / "nowhere.csv")


def test_missing_course_data_variable_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_DATA", str(tmp_path / "gone.csv"))
    with pytest.raises(FileNotFoundError, match=r"gone\.csv.*COURSE_DATA"):
        load_data()


def test_a_utf8_bom_simply_loads(tmp_path):
    text = "1\t2\t3\t4\t5\t6\n2\t1\t0\t5\t4\t7\n"
    plain = load_data(_write(tmp_path, text, "plain.csv"))
    with_bom = load_data(_write(tmp_path, codecs.BOM_UTF8 + text.encode(), "bom.csv"))
    for a, b in zip(plain, with_bom, strict=True):
        np.testing.assert_array_equal(a, b)


ROWS = [
    "800\t0\t0.3048\t71.3\t0.00266337\t126.201",
    "1000\t0\t0.3048\t71.3\t0.00266337\t125.201",
    "1250\t1.5\t0.3048\t39.6\t0.00266337\t125.951",
]


@pytest.mark.parametrize(
    "content, message",
    [
        # whole-file problems get whole-file messages
        ("\n".join(r.replace("\t", ",") for r in ROWS), r"separated by commas, not tabs"),
        ("\n".join(r.replace("\t", ";") for r in ROWS), r"separated by semicolons, not tabs"),
        ("\n".join(r.replace("\t", "  ") for r in ROWS), r"separated by spaces, not tabs"),
        ("\n".join(r + "\t" for r in ROWS), r"every line ends with a tab"),
        ("\n".join(ROWS).encode("utf-16"), r"UTF-16"),
        ("\n".join(ROWS).encode("utf-16-be"), r"UTF-16"),
        ("", r"empty"),
        ("\n\n  \n", r"empty"),
        # one bad line is named
        (
            "1\t2\t3\t4\t5\t6\n1\t2\t3\t4\t5\n",
            r"line 2: found 5 tab-separated field\(s\), expected 6",
        ),
        ("1\t2\t3\t4\t5\t6\t7\n", r"line 1: found 7"),
        ("\n".join(ROWS[:2] + [ROWS[2] + "\t"]), r"line 3: found 7"),
        ("1\t2\t3\t4\t5\t6\n\n1\t2\tabc\t4\t5\t6\n", r"line 3: field 3 is 'abc', not a number"),
        ("1\t2\t3\t4\t5\t6\n2\t2\t3\tnan\t5\t6\n", r"line 2: field 4 is nan"),
        ("1\t2\t3\t4\t5\t6\n2\t-inf\t3\t4\t5\t6\n", r"line 2: field 2 is -inf"),
        (
            b"1\t2\t3\t4\t5\t6\n2\t1\t0\t5\t4\t7 \xe9\n",
            r"line 2: character 13 \(byte 0xe9\) is not UTF-8",
        ),
        # standardizing must be meaningful
        ("1\t2\t3\t4\t5\t6\n", r"cannot standardize 1 row"),
        ("1\t2\t3\t4\t5\t6\n2\t2\t4\t5\t6\t7\n", r"column\(s\) \[2\] are constant"),
        (
            "1e20\t2\t3\t4\t5\t6\n100000000000000000001\t3\t4\t5\t6\t7\n",
            r"column\(s\) \[1\] are constant",
        ),
        (
            "1\t2\t3\t4\t5\t1e308\n2\t3\t4\t5\t6\t-1e308\n",
            r"column\(s\) \[6\]: their values are too large",
        ),
        (
            "1\t2\t3\t4\t1e200\t6\n2\t3\t4\t5\t2e200\t7\n",
            r"column\(s\) \[5\]: their values are too large",
        ),
    ],
)
def test_bad_data_is_a_clear_error_naming_the_file(tmp_path, content, message):
    path = _write(tmp_path, content, "bad.csv")
    with pytest.raises(ValueError, match=message) as caught:
        load_data(path)
    assert "bad.csv" in str(caught.value)


def test_values_that_overflow_the_mean_are_an_error_not_a_zero_column(tmp_path):
    """1e306 in every row: the sum overflows to inf, which once standardized to all zeros."""
    rows = [f"{i}\t{i % 7}\t{i % 5}\t{i % 3}\t1e306\t{i % 11}" for i in range(200)]
    rows[0] = rows[0].replace("1e306", "9e305")
    with pytest.raises(ValueError, match=r"column\(s\) \[5\].*too large"):
        load_data(_write(tmp_path, "\n".join(rows), "huge.csv"))
