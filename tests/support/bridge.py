"""Each optimizer lesson's PyTorch line, as the lesson writes it, and the course run it stands for.

tests/test_torch_bridge.py evaluates each line (``params`` = the parameters) and runs it beside
the lesson's optimizer on the lesson's own run; tests/test_prose_numbers.py needs no torch and
checks that every PyTorch line in a lesson is listed here.
"""

import re
from pathlib import Path
from typing import NamedTuple

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
# a PyTorch line in a lesson: `torch.optim.X(params, ...)`, `lion_pytorch.Lion(params, ...)`, ...
LINE = re.compile(r"`((?:torch\.optim|lion_pytorch|schedulefree)\.\w+\(params[^`]*\))`")


class BridgeLine(NamedTuple):
    lesson: str  # the lesson's stem
    line: str  # as the lesson writes it
    run: str  # the LESSON_RUNS name of the lesson's optimizer
    tolerance: float  # the largest difference allowed, relative to the largest parameter


# fmt: off
BRIDGE_LINES = [
    BridgeLine("1.梯度下降", "torch.optim.SGD(params, lr=1e-2)", "GD", 1e-12),
    BridgeLine("2.随机梯度下降", "torch.optim.SGD(params, lr=1e-3)", "SGD", 1e-12),
    BridgeLine("3.momentum", "torch.optim.SGD(params, lr=1e-3, momentum=0.8)", "Momentum", 1e-12),
    BridgeLine("4.ada_grad", "torch.optim.Adagrad(params, lr=0.1, initial_accumulator_value=1e-6, eps=0)",
               "AdaGrad", 1e-12),
    # eps outside the root in torch: "相差不到参数大小的百万分之一"
    BridgeLine("5.rms_prop", "torch.optim.RMSprop(params, lr=3e-3, alpha=0.2, eps=1e-6)", "RMSProp", 1e-6),
    BridgeLine("6.ada_delta", "torch.optim.Adadelta(params, lr=1.0, rho=0.2, eps=1e-6)", "AdaDelta", 1e-12),
    BridgeLine("7.adam", "torch.optim.Adam(params, lr=1e-2, eps=1e-6)", "Adam", 1e-12),
]
# fmt: on


def lesson_lines(stem: str) -> list[str]:
    """The PyTorch lines a lesson writes (in backticks)."""
    return LINE.findall((NOTEBOOKS / f"{stem}.py").read_text(encoding="utf-8"))


def all_lesson_lines() -> set[tuple[str, str]]:
    """(lesson, line) of every PyTorch line in every lesson."""
    return {(p.stem, line) for p in NOTEBOOKS.glob("*.py") for line in lesson_lines(p.stem)}
