"""The course's named runs: which optimizer, with which hyperparameters, each lesson runs.

One registry for every lesson and widget. A ``Run`` names an optimizer class and its
hyperparameters and makes a fresh optimizer (``make``, state at zero); code passes the ``Run``
itself around, so a name is looked up once, where a learner types it.

- ``LESSON_RUNS``: each optimizer lesson's run (lessons 1-7) as ``LessonRun``s, with its steps,
  its gradient and its settings on the bowl: lesson 8 runs them side by side, and each lesson's
  explorer starts from its row;
- ``SADDLE_RUNS``: lesson 11's five optimizers at the saddle (also the saddle explorer's menu);
- ``WAVY_RUNS``: lesson 11's runs on x cos(pi x).
"""

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from course_lib.gradients import Gradient, full_batch_gradient, row_gradient, sampled_rows
from course_lib.landscapes import bowl_gradient, noisy_bowl_gradient
from course_lib.optimizers import SGD, AdaDelta, AdaGrad, Adam, Momentum, Optimizer, RMSProp


@dataclass(frozen=True, eq=False)
class Run:
    """An optimizer class with its hyperparameters (the rest at the class defaults)."""

    name: str
    optimizer: type
    hyperparameters: Mapping[str, float]

    def make(self, **overrides: float) -> Optimizer:
        """A fresh optimizer with these hyperparameters, ``overrides`` replacing some."""
        return self.optimizer(**{**self.hyperparameters, **overrides})

    @property
    def label(self) -> str:
        """The name and the hyperparameters, e.g. "momentum, lr = 0.1, beta = 0.8"."""
        settings = (f"{key} = {value:g}" for key, value in self.hyperparameters.items())
        return ", ".join([self.name, *settings])

    @property
    def has_lr(self) -> bool:
        """Whether the optimizer has a learning rate to set (AdaDelta has none)."""
        return "lr" in self.hyperparameters


@dataclass(frozen=True, eq=False)
class LessonRun(Run):
    """One optimizer as its lesson runs it on the airfoil data, and as it runs on the bowl."""

    steps: int
    bowl_hyperparameters: Mapping[str, float]  # on the bowl: a rate that shows it in a few steps
    bowl_steps: int = 40
    all_rows: bool = False  # True: the gradient of the MSE over all rows (GD); else one row's
    noisy_bowl: bool = False  # SGD: noise on the bowl's gradient, as a single row's has

    def gradient(
        self, x: np.ndarray, y: np.ndarray, steps: int, seed: int = 0, exact: bool = False
    ) -> Gradient:
        """The lesson's gradient: forward differences (``exact=False``) as in the lesson."""
        if self.all_rows:
            return full_batch_gradient(x, y, "exact" if exact else "forward")
        return row_gradient(x, y, sampled_rows(len(x), steps, seed), exact=exact)

    def make_for_bowl(self, **overrides: float) -> Optimizer:
        """A fresh optimizer with the bowl's hyperparameters, ``overrides`` replacing some."""
        return self.make(**{**self.bowl_hyperparameters, **overrides})

    def bowl_gradient(self, steps: int, seed: int = 0) -> Gradient:
        """The bowl's exact gradient, or with seeded noise if ``noisy_bowl``."""
        return noisy_bowl_gradient(steps, seed=seed) if self.noisy_bowl else bowl_gradient


# One row per lesson: name, class, the lesson's hyperparameters (eps at the class default) and
# steps; the bowl's hyperparameters.
# fmt: off
LESSON_RUNS = (
    LessonRun("GD", SGD, {"lr": 1e-2}, 500, {"lr": 0.4}, all_rows=True),
    LessonRun("SGD", SGD, {"lr": 1e-3}, 2500, {"lr": 0.1}, noisy_bowl=True),
    LessonRun("Momentum", Momentum, {"lr": 1e-3, "beta": 0.8}, 1500, {"lr": 0.1}),
    LessonRun("AdaGrad", AdaGrad, {"lr": 0.1}, 2500, {"lr": 1.0}),
    LessonRun("RMSProp", RMSProp, {"lr": 3e-3, "rho": 0.2}, 2500, {"lr": 0.3}),
    LessonRun("AdaDelta", AdaDelta, {"rho": 0.2}, 5500, {}, bowl_steps=400),
    LessonRun("Adam", Adam, {"lr": 1e-2, "beta1": 0.9, "beta2": 0.999}, 5499, {"lr": 0.3}),
)

# Lesson 11 at the saddle: RMSProp with Hinton's usual rho = 0.9 (lesson 5's 0.2 remembers
# little more than the last gradient); Adam with the lessons' betas.
SADDLE_RUNS = (
    Run("GD", SGD, {"lr": 0.1}),
    Run("momentum", Momentum, {"lr": 0.1, "beta": 0.8}),
    Run("AdaGrad", AdaGrad, {"lr": 0.1}),
    Run("RMSProp", RMSProp, {"lr": 0.01, "rho": 0.9}),
    Run("Adam", Adam, {"lr": 0.01}),
)

# Lesson 11 on x cos(pi x): gradient descent, momentum with four betas, Adam.
WAVY_RUNS = (
    Run("GD", SGD, {"lr": 0.02}),
    *(Run("momentum", Momentum, {"lr": 0.02, "beta": beta}) for beta in (0.5, 0.8, 0.9, 0.95)),
    Run("Adam", Adam, {"lr": 0.05}),
)
# fmt: on


def lesson_run(name: str) -> LessonRun:
    """The LESSON_RUNS entry called ``name`` (case-insensitive)."""
    for run in LESSON_RUNS:
        if run.name.lower() == name.lower():
            return run
    raise ValueError(
        f"unknown optimizer {name!r}; choose one of {', '.join(run.name for run in LESSON_RUNS)}"
    )
