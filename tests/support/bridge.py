"""Each optimizer lesson's PyTorch line, as the lesson writes it, and the course optimizer and run
it stands for.

tests/test_torch_bridge.py evaluates each line (``params`` = the parameters) and runs it beside
the lesson's optimizer on the lesson's own run; tests/test_prose_numbers.py needs no torch and
checks that every PyTorch line in a lesson is listed here.
"""

import re
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import numpy as np

from course_lib.gradients import (
    Gradient,
    full_batch_gradient,
    row_gradient,
    sampled_rows,
    shuffled_batches,
    start_theta,
)
from course_lib.network import network_loss_and_gradient, network_start, split_hidden
from course_lib.optimizers import AdamW, Lion, Momentum, Muon, Optimizer, ScheduleFreeSGD
from course_lib.runs import lesson_run

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
# a PyTorch line in a lesson: `torch.optim.X(params, ...)`, `lion_pytorch.Lion(params, ...)`, ...
LINE = re.compile(r"`((?:torch\.optim|lion_pytorch|schedulefree)\.\w+\(params[^`]*\))`")

# a lesson's run: (x, y) -> (its gradient, its start, its number of steps)
RunOf = Callable[[np.ndarray, np.ndarray], tuple[Gradient, np.ndarray, int]]


class BridgeLine(NamedTuple):
    lesson: str  # the lesson's stem
    line: str  # as the lesson writes it
    course: Callable[[], Optimizer]  # a fresh course optimizer, as the lesson makes it
    run: RunOf  # the lesson's run
    tolerance: float  # the largest difference allowed, relative to the largest parameter


def lesson_run_of(name: str) -> tuple[Callable[[], Optimizer], RunOf]:
    """A LESSON_RUNS optimizer and its lesson's run (exact gradients, the lesson's rows)."""
    run = lesson_run(name)

    def run_of(x, y):
        return run.gradient(x, y, run.steps, exact=True), start_theta(x.shape[1]), run.steps

    return run.make, run_of


def full_batch_run(steps: int) -> RunOf:
    """Exact full-batch gradients from the lessons' start (w = 1, b = 0)."""
    return lambda x, y: (full_batch_gradient(x, y, "exact"), start_theta(x.shape[1]), steps)


def row_run(steps: int) -> RunOf:
    """Exact one-row gradients, rows as lesson 2 draws them (seed 0), from the lessons' start."""

    def run_of(x, y):
        rows = sampled_rows(len(x), steps)
        return row_gradient(x, y, rows, exact=True), start_theta(x.shape[1]), steps

    return run_of


def hidden_layer_run(steps: int) -> RunOf:
    """Lesson 13's hidden weights W (8x5) alone from lesson 11's seeded start, the rest of the
    network held there, on lesson 11's batches of 32 (seed 0)."""

    def run_of(x, y):
        start = network_start(x.shape[1])
        batches = shuffled_batches(len(x), 32, steps)
        W0, rest = split_hidden(start, x.shape[1])

        def gradient(W, k):
            params = np.concatenate([W.ravel(), rest])
            grad = network_loss_and_gradient(params, x[batches[k]], y[batches[k]])[1]
            return split_hidden(grad, x.shape[1])[0]

        return gradient, W0, steps

    return run_of


BRIDGE_LINES = [
    BridgeLine("1.梯度下降", "torch.optim.SGD(params, lr=1e-2)", *lesson_run_of("GD"), 1e-12),
    BridgeLine("2.随机梯度下降", "torch.optim.SGD(params, lr=1e-3)", *lesson_run_of("SGD"), 1e-12),
    BridgeLine(
        "3.momentum",
        "torch.optim.SGD(params, lr=1e-3, momentum=0.8)",
        *lesson_run_of("Momentum"),
        1e-12,
    ),
    BridgeLine(
        "4.ada_grad",
        "torch.optim.Adagrad(params, lr=0.1, initial_accumulator_value=1e-6, eps=0)",
        *lesson_run_of("AdaGrad"),
        1e-12,
    ),
    # eps outside the root in torch: the lesson says "相差不到参数大小的百万分之一"
    BridgeLine(
        "5.rms_prop",
        "torch.optim.RMSprop(params, lr=3e-3, alpha=0.2, eps=1e-6)",
        *lesson_run_of("RMSProp"),
        1e-6,
    ),
    BridgeLine(
        "6.ada_delta",
        "torch.optim.Adadelta(params, lr=1.0, rho=0.2, eps=1e-6)",
        *lesson_run_of("AdaDelta"),
        1e-12,
    ),
    BridgeLine(
        "7.adam", "torch.optim.Adam(params, lr=1e-2, eps=1e-6)", *lesson_run_of("Adam"), 1e-12
    ),
    BridgeLine(
        "12.今天的优化器",
        "torch.optim.SGD(params, lr=0.31, momentum=0.51, nesterov=True)",
        lambda: Momentum(lr=0.31, beta=0.51, nesterov=True),
        full_batch_run(120),
        1e-12,
    ),
    BridgeLine(
        "12.今天的优化器",
        "torch.optim.AdamW(params, lr=0.1, weight_decay=0.1)",
        lambda: AdamW(lr=0.1, weight_decay=0.1),
        full_batch_run(5000),
        1e-12,
    ),
    BridgeLine(
        "12.今天的优化器",
        "lion_pytorch.Lion(params, lr=1e-3, weight_decay=2.0)",
        lambda: Lion(lr=1e-3, weight_decay=2.0),
        full_batch_run(4000),
        1e-12,
    ),
    BridgeLine(
        "12.今天的优化器",
        "schedulefree.SGDScheduleFreeReference(params, lr=0.03, momentum=0.5)",
        lambda: ScheduleFreeSGD(lr=0.03, beta=0.5),
        row_run(5000),
        1e-12,
    ),
    # torch's Newton-Schulz runs in float64 here (test_torch_bridge.py patches it)
    BridgeLine(
        "13.muon",
        "torch.optim.Muon(params, lr=0.03, momentum=0.95, weight_decay=0.01)",
        lambda: Muon(lr=0.03, beta=0.95, weight_decay=0.01),
        hidden_layer_run(400),
        1e-12,
    ),
]


def lesson_lines(stem: str) -> list[str]:
    """The PyTorch lines a lesson writes (in backticks)."""
    return LINE.findall((NOTEBOOKS / f"{stem}.py").read_text(encoding="utf-8"))


def all_lesson_lines() -> set[tuple[str, str]]:
    """(lesson, line) of every PyTorch line in every lesson."""
    return {(p.stem, line) for p in NOTEBOOKS.glob("*.py") for line in lesson_lines(p.stem)}
