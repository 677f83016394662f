"""Pinned front-end packages (reveal.js, MathJax, ...) fetched from the npm registry at build time.

The slide decks and the course website must open without the internet, so the JavaScript they
load is copied next to them. Each package is pinned to one version and its registry tarball is
checked against the registry's sha512 ``integrity`` before it is unpacked; a download is kept in
a cache folder (git-ignored ``build/vendor`` by default) and reused by later builds.
"""

import base64
import hashlib
import io
import os
import shutil
import tarfile
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

REGISTRY = os.environ.get("NPM_CONFIG_REGISTRY", "https://registry.npmjs.org").rstrip("/")
DEFAULT_CACHE = Path(__file__).resolve().parents[2] / "build" / "vendor"
DOWNLOAD_TIMEOUT = 60  # s


@dataclass(frozen=True)
class NpmPackage:
    """One npm package at one version, with the registry's sha512 integrity of its tarball."""

    name: str
    version: str
    integrity: str

    @property
    def tarball_url(self) -> str:
        return f"{REGISTRY}/{self.name}/-/{self.name}-{self.version}.tgz"

    @property
    def folder_name(self) -> str:
        return f"{self.name}-{self.version}"


PACKAGES = {
    # the reveal.js nbconvert 7's slides template is written for (its default CDN prefix)
    "reveal.js": NpmPackage(
        "reveal.js",
        "4.0.2",
        "sha512-LWZSUenufF1gpD7npxJ7KfoQQFKgc1D6XrLTFgKlwWNP1BQ74hT48KONFWMAw+8R/QUeaScCLCLrBVHDfFIEiw==",
    ),
    # MathJax 2 for nbconvert's templates, MathJax 3 for Sphinx (Jupyter Book 1)
    "mathjax2": NpmPackage(
        "mathjax",
        "2.7.7",
        "sha512-OOl0B2/0tSJAtAZarXnQuLDBLgTNRqiI9VqHTQzPsxf4okT2iIpDrvaklK9x2QEMD1sDj4yRn11Ygci41DxMAQ==",
    ),
    "mathjax3": NpmPackage(
        "mathjax",
        "3.2.2",
        "sha512-Bt+SSVU8eBG27zChVewOicYs7Xsdt40qm4+UpHyX7k0/O9NliPc+x77k1/FEsPsjKPZGJvtRZM1vO+geW0OhGw==",
    ),
    "requirejs": NpmPackage(
        "requirejs",
        "2.1.10",
        "sha512-4JqdTihK3kOnT387LxCHuJZ/9QsKg2EIl7LmaW35PIyM4LwCI2jwyy4fy6pbY/ZZH2JoY/QEcb5PzULFPP6gcQ==",
    ),
    "font-awesome": NpmPackage(
        "font-awesome",
        "4.7.0",
        "sha512-U6kGnykA/6bFmg1M/oT9EkFeIYv7JlX3bozwQJWiiLz6L0w3F5vBVPxHlwyX/vtNq1ckcpRKOB9f2Qal/VtFpg==",
    ),
}


class VendorError(RuntimeError):
    """A pinned package could not be obtained or did not match its pinned integrity."""


def integrity_of(data: bytes) -> str:
    """npm's Subresource-Integrity string of ``data``: ``sha512-`` + base64 of the digest."""
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def download(url: str) -> bytes:
    """The bytes at ``url``, or a VendorError that says what to do."""
    try:
        with urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT) as response:
            return response.read()
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise VendorError(
            f"cannot download {url}: {error}. The build needs the npm registry once "
            "(set NPM_CONFIG_REGISTRY for a mirror); later builds reuse the cache."
        ) from error


def unpack(tarball: bytes, folder: Path) -> None:
    """Unpack an npm tarball (files under ``package/``) into ``folder``, refusing odd paths."""
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        for member in archive.getmembers():
            parts = Path(member.name).parts
            if not member.isfile() or not parts or ".." in parts or Path(member.name).is_absolute():
                continue
            target = folder.joinpath(*parts[1:])  # drop npm's "package/" prefix
            target.parent.mkdir(parents=True, exist_ok=True)
            source = archive.extractfile(member)
            assert source is not None
            target.write_bytes(source.read())


def npm_package(key: str, cache: Path = DEFAULT_CACHE) -> Path:
    """The unpacked folder of the pinned ``PACKAGES[key]``, downloaded once into ``cache``."""
    if key not in PACKAGES:
        raise KeyError(f"no pinned package {key!r}; pinned: {', '.join(sorted(PACKAGES))}")
    package = PACKAGES[key]
    folder = Path(cache) / package.folder_name
    marker = folder / ".integrity"
    if marker.is_file() and marker.read_text() == package.integrity:
        return folder
    tarball = download(package.tarball_url)
    if integrity_of(tarball) != package.integrity:
        raise VendorError(
            f"{package.tarball_url} does not match its pinned integrity {package.integrity}: "
            "the registry or a mirror served a different file; nothing was unpacked"
        )
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    unpack(tarball, partial)
    (partial / ".integrity").write_text(package.integrity)
    shutil.rmtree(folder, ignore_errors=True)
    partial.rename(folder)
    return folder


def copy_files(
    key: str, patterns: Iterable[str], target: Path, cache: Path = DEFAULT_CACHE
) -> Path:
    """Copy the files (and folders) of the pinned ``PACKAGES[key]`` that match ``patterns``
    (paths or glob patterns inside the package) into ``target``, keeping their relative paths;
    a pattern that matches nothing is a VendorError. Returns ``target``."""
    source = npm_package(key, cache)
    for pattern in patterns:
        matches = sorted(source.glob(pattern))
        if not matches:
            raise VendorError(f"{source} has no {pattern}: is the pinned version right?")
        for src in matches:
            dst = Path(target) / src.relative_to(source)
            dst.parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, dst, dirs_exist_ok=True)
            else:
                shutil.copy2(src, dst)
    return Path(target)
