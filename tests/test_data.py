"""Loading, validating and downloading the course data (served from 127.0.0.1 only)."""

import hashlib
import http.server
import io
import threading
import zipfile
from functools import partial

import numpy as np
import pytest

from course_lib import data as course_data
from course_lib import fetch_data, load_data

LF_SHA256 = "10ee06e6cfb27dae6b44213d421d217012fb1f9b697592e73a4e4016b52d425f"


@pytest.fixture(scope="module")
def lf_bytes():
    """The course's own file (LF), read through the path load_data resolves."""
    return course_data.resolve_data_path().read_bytes()


@pytest.fixture
def served(tmp_path):
    """Serve files written into a folder from a local HTTP server; yields (folder, base URL)."""
    folder = tmp_path / "served"
    folder.mkdir()
    handler = partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield folder, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _closed_port_url():
    """An address on 127.0.0.1 where nothing listens (what an offline machine sees)."""
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/airfoil_self_noise.dat"


def _write(tmp_path, text, name="my.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


# --- reading -----------------------------------------------------------------------------

def test_lf_and_crlf_give_identical_arrays(lf_bytes, tmp_path):
    lf = load_data(_write(tmp_path, lf_bytes, "lf.csv"))
    crlf = load_data(_write(tmp_path, lf_bytes.replace(b"\n", b"\r\n"), "crlf.csv"))
    for a, b in zip(lf, crlf):
        np.testing.assert_array_equal(a, b)


def test_course_file_has_the_documented_checksum(lf_bytes):
    table = course_data.parse_table(lf_bytes, source="course file")
    assert table.shape == (1503, 6)
    assert course_data.values_sha256(table) == course_data.VALUES_SHA256


def test_own_data_in_the_same_layout_is_accepted(tmp_path):
    path = _write(tmp_path, "1\t2\t3\t4\t5\t6\n2\t1\t0\t5\t4\t7\n3\t5\t1\t4\t6\t9\n")
    x, y = load_data(path)
    assert x.shape == (3, 5) and y.shape == (3,)
    np.testing.assert_allclose(y, (np.array([6, 7, 9]) - 22 / 3) / np.std([6, 7, 9]))


def test_missing_path_argument_is_named(tmp_path):
    missing = tmp_path / "nowhere.csv"
    with pytest.raises(FileNotFoundError, match="nowhere.csv"):
        load_data(missing)


def test_missing_course_data_variable_is_named_and_not_downloaded(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_DATA", str(tmp_path / "gone.csv"))
    monkeypatch.setenv("COURSE_DATA_URL", _closed_port_url())
    with pytest.raises(FileNotFoundError, match=r"gone\.csv.*COURSE_DATA"):
        load_data()


@pytest.mark.parametrize("content, message", [
    ("", r"empty"),
    ("\n\n  \n", r"empty"),
    ("1\t2\t3\t4\t5\t6\n1\t2\t3\t4\t5\n", r"line 2: found 5 tab-separated field\(s\), expected 6"),
    ("1\t2\t3\t4\t5\t6\t7\n", r"line 1: found 7"),
    ("1,2,3,4,5,6\n", r"line 1: found 1 tab"),
    ("1\t2\t3\t4\t5\t6\n\n1\t2\tabc\t4\t5\t6\n", r"line 3: field 3 is 'abc', not a number"),
    ("1\t2\t3\t4\t5\t6\n2\t2\t3\tnan\t5\t6\n", r"line 2: field 4 is nan"),
    ("1\t2\t3\t4\t5\t6\n2\t-inf\t3\t4\t5\t6\n", r"line 2: field 2 is -inf"),
    ("1\t2\t3\t4\t5\t6\n", r"constant"),
    ("1\t2\t3\t4\t5\t6\n2\t2\t4\t5\t6\t7\n", r"column\(s\) \[2\] are constant"),
    (b"1\t2\t3\t4\t5\t6\n\xff\xfe\n", r"not a text file"),
])
def test_malformed_data_names_file_and_line(tmp_path, content, message):
    path = _write(tmp_path, content, "bad.csv")
    with pytest.raises(ValueError, match=message) as caught:
        load_data(path)
    assert "bad.csv" in str(caught.value)


# --- downloading -------------------------------------------------------------------------

def test_download_of_the_crlf_original_saves_the_lf_file(served, lf_bytes, tmp_path, capfd):
    folder, base = served
    (folder / "airfoil_self_noise.dat").write_bytes(lf_bytes.replace(b"\n", b"\r\n"))
    dest = tmp_path / "data" / "线性数据.csv"
    fetch_data(dest, url=f"{base}/airfoil_self_noise.dat")
    assert hashlib.sha256(dest.read_bytes()).hexdigest() == LF_SHA256
    assert capfd.readouterr() == ("", ""), "a download must print nothing into a notebook cell"


def test_download_of_the_zip_archive(served, lf_bytes, tmp_path):
    folder, base = served
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("airfoil_self_noise.dat", lf_bytes.replace(b"\n", b"\r\n"))
    (folder / "airfoil.zip").write_bytes(buffer.getvalue())
    dest = fetch_data(tmp_path / "d.csv", url=f"{base}/airfoil.zip")
    assert hashlib.sha256(dest.read_bytes()).hexdigest() == LF_SHA256


def test_load_data_downloads_the_missing_default_file_once(served, lf_bytes, tmp_path,
                                                           monkeypatch, capfd):
    folder, base = served
    (folder / "airfoil_self_noise.dat").write_bytes(lf_bytes.replace(b"\n", b"\r\n"))
    default = tmp_path / "repo" / "data" / "线性数据.csv"
    monkeypatch.setattr(course_data, "DEFAULT_DATA_PATH", default)
    monkeypatch.delenv("COURSE_DATA", raising=False)
    monkeypatch.setenv("COURSE_DATA_URL", f"{base}/airfoil_self_noise.dat")
    first = load_data()
    assert default.is_file()
    (folder / "airfoil_self_noise.dat").unlink()  # a second run must not need the network
    second = load_data()
    reference = load_data(_write(tmp_path, lf_bytes, "reference.csv"))
    for a, b, c in zip(first, second, reference):
        np.testing.assert_array_equal(a, c)
        np.testing.assert_array_equal(b, c)
    assert capfd.readouterr() == ("", "")


def test_download_with_wrong_checksum_is_rejected_and_not_saved(served, lf_bytes, tmp_path):
    folder, base = served
    tampered = lf_bytes.replace(b"126.201", b"126.202", 1)
    assert tampered != lf_bytes
    (folder / "airfoil_self_noise.dat").write_bytes(tampered)
    dest = tmp_path / "d.csv"
    with pytest.raises(ValueError, match=r"checksum.*not saved"):
        fetch_data(dest, url=f"{base}/airfoil_self_noise.dat")
    assert not dest.exists() and not list(tmp_path.glob("d.csv*"))


def test_download_of_malformed_content_names_the_address(served, tmp_path):
    folder, base = served
    (folder / "page.html").write_text("<html>not data</html>\n")
    with pytest.raises(ValueError, match=r"127\.0\.0\.1.*page\.html.*line 1"):
        fetch_data(tmp_path / "d.csv", url=f"{base}/page.html")
    assert not (tmp_path / "d.csv").exists()


def test_offline_download_says_what_to_do(tmp_path, monkeypatch):
    default = tmp_path / "data" / "线性数据.csv"
    url = _closed_port_url()
    monkeypatch.setattr(course_data, "DEFAULT_DATA_PATH", default)
    monkeypatch.delenv("COURSE_DATA", raising=False)
    monkeypatch.setenv("COURSE_DATA_URL", url)
    with pytest.raises(FileNotFoundError) as caught:
        load_data()
    message = str(caught.value)
    assert str(default) in message and url in message
    assert "save" in message and "COURSE_DATA" in message
    assert not default.exists()


def test_missing_file_on_the_server_is_a_failed_download(served, tmp_path):
    _, base = served
    with pytest.raises(FileNotFoundError, match=r"404"):
        fetch_data(tmp_path / "d.csv", url=f"{base}/nothing-here.dat")
