"""python -m course_lib compare and slides: output, help, and one-line errors with exit code 2."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def run_cli(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "course_lib", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "MPLBACKEND": "Agg"},
    )


def test_compare_prints_the_table_and_writes_six_pngs(tmp_path):
    result = run_cli("compare", "--steps", "50", "--out", str(tmp_path / "figs"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["optimizer", "final", "MSE"]
    names = [line.split()[0] for line in lines[1:8]]
    assert names == ["GD", "SGD", "Momentum", "AdaGrad", "RMSProp", "AdaDelta", "Adam"]
    pngs = sorted(p.name for p in (tmp_path / "figs").iterdir() if not p.name.startswith("."))
    assert pngs == [
        "comparison_bowl_adaptive.png",
        "comparison_bowl_gd_sgd_momentum.png",
        "comparison_curves.png",
        "comparison_slice_adaptive.png",
        "comparison_slice_gd_sgd_momentum.png",
        "comparison_sweep.png",
    ]
    for png in (tmp_path / "figs").glob("*.png"):
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_help_explains_the_command():
    result = run_cli("compare", "--help")
    assert result.returncode == 0
    assert "--steps" in result.stdout and "--out" in result.stdout and "PNG" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["compare", "--steps", "0"],
        ["compare", "--steps", "x"],
        ["compare", "--steps", "1000000000"],
        ["compare", "--steps", "55001"],
        ["compare", "--bogus"],
        ["plot"],
    ],
)
def test_bad_arguments_give_one_line_and_exit_code_2(args):
    result = run_cli(*args)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "error" in result.stderr
    assert result.stdout == ""


def test_the_step_bound_is_stated(tmp_path):
    result = run_cli("compare", "--steps", "1000000000")
    assert "choose 1 to 55000" in result.stderr


@pytest.mark.parametrize("out", ["a_file", "a_file/figs"])
def test_an_unusable_out_folder_fails_before_computing(tmp_path, out):
    (tmp_path / "a_file").write_text("not a folder")
    result = run_cli("compare", "--out", out, cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == "", "nothing may be computed first"
    assert len(result.stderr.strip().splitlines()) == 1 and "a_file" in result.stderr


def test_slides_help_explains_the_command():
    result = run_cli("slides", "--help")
    assert result.returncode == 0
    assert "--out" in result.stdout and "reveal.js" in result.stdout and "internet" in result.stdout


@pytest.mark.parametrize("args", [["slides", "--bogus"], ["slides", "--out"], ["slides", "x"]])
def test_bad_slides_arguments_give_one_line_and_exit_code_2(args):
    result = run_cli(*args)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "error" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("out", ["a_file", "a_file/slides"])
def test_an_unusable_slides_folder_fails_before_building(tmp_path, out):
    (tmp_path / "a_file").write_text("not a folder")
    result = run_cli("slides", "--out", out, cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == "", "nothing may be built first"
    assert len(result.stderr.strip().splitlines()) == 1 and "a_file" in result.stderr


def test_slides_writes_one_offline_deck_per_lesson(tmp_path):
    result = run_cli("slides", "--out", str(tmp_path / "decks"))
    assert result.returncode == 0, result.stderr
    decks = sorted((tmp_path / "decks").glob("*.slides.html"))
    lessons = sorted(p.name.removesuffix(".ipynb") for p in NOTEBOOKS.glob("[0-9]*.ipynb"))
    assert [p.name.removesuffix(".slides.html") for p in decks] == lessons
    *written, summary = result.stdout.splitlines()
    assert len(written) == len(lessons)
    size = sum(p.stat().st_size for p in (tmp_path / "decks").rglob("*") if p.is_file())
    assert (
        summary
        == f"{len(lessons)} decks, {size / 1e6:.1f} MB in {tmp_path / 'decks'} with their files"
    )
    for deck in decks:
        html = deck.read_text(encoding="utf-8")
        remote = re.findall(r"""(?:src|href)=["']?(?:https?:)?//[^"' >]+|from ['"]https?:""", html)
        assert remote == [], f"{deck.name} loads from the network"
        assert 'class="notes"' not in html, f"{deck.name} keeps speaker notes"
        local = re.findall(r"""(?:src|href)=["'](_deck/[^"'?]+)""", html)
        assert local and all((deck.parent / path).is_file() for path in local), local


@pytest.mark.parametrize("command", ["slides", "compare"])
def test_a_folder_of_ones_own_files_is_refused_untouched(tmp_path, command):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("my own file")
    result = run_cli(command, "--out", str(mine))
    assert result.returncode == 2 and result.stdout == "", "nothing may be built first"
    assert len(result.stderr.strip().splitlines()) == 1
    assert str(mine) in result.stderr and "not empty" in result.stderr
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]


def test_slides_rebuilds_its_own_folder(tmp_path):
    out = tmp_path / "decks"
    assert run_cli("slides", "--out", str(out)).returncode == 0
    again = run_cli("slides", "--out", str(out))
    assert again.returncode == 0, again.stderr
    assert (out / ".course-slides").is_file()


def test_compare_writes_again_into_its_own_folder(tmp_path):
    out = tmp_path / "figs"
    out.mkdir()
    (out / ".course-figures").write_text("written by python -m course_lib compare\n")
    (out / "comparison_curves.png").write_bytes(b"an older run")
    result = run_cli("compare", "--steps", "20", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert (out / "comparison_curves.png").read_bytes()[:4] == b"\x89PNG"
