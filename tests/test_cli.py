"""python -m course_lib compare: table, figures, help, and one-line errors with exit code 2."""

import os
import subprocess
import sys

import pytest


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
    pngs = sorted(p.name for p in (tmp_path / "figs").iterdir())
    assert pngs == [
        "comparison_bowl_adaptive.png",
        "comparison_bowl_gd_sgd_momentum.png",
        "comparison_curves.png",
        "comparison_slice_adaptive.png",
        "comparison_slice_gd_sgd_momentum.png",
        "comparison_sweep.png",
    ]
    for png in (tmp_path / "figs").iterdir():
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
