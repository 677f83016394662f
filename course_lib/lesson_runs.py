"""Each lesson's optimizer as that lesson runs it: one plain table for the comparison lesson
and the explorer, which run all seven side by side.

The lessons themselves construct their optimizers in their own cells; this table restates those
choices (class, hyperparameters, steps, gradient) and, for the bowl pictures, a learning rate
that shows each optimizer's character in a few dozen steps.
"""

from dataclasses import dataclass

import numpy as np

from course_lib.gradients import Gradient, full_batch_gradient, row_gradient, sampled_rows
from course_lib.landscapes import bowl_gradient, noisy_bowl_gradient
from course_lib.optimizers import SGD, AdaDelta, AdaGrad, Adam, Momentum, Optimizer, RMSProp


@dataclass(frozen=True)
class LessonRun:
    """One optimizer as its lesson runs it on the airfoil data, and as it runs on the bowl."""

    name: str
    optimizer: type
    hyperparameters: dict[str, float]  # the lesson's values (eps left at the class default)
    steps: int
    bowl_hyperparameters: dict[str, float]  # on the bowl: a rate that shows it in a few steps
    bowl_steps: int = 40
    all_rows: bool = False  # True: the gradient of the MSE over all rows (GD); else one row's
    noisy_bowl: bool = False  # SGD: noise on the bowl's gradient, as a single row's has

    def make(self, **overrides: float) -> Optimizer:
        """A fresh optimizer with the lesson's hyperparameters, ``overrides`` replacing some."""
        return self.optimizer(**{**self.hyperparameters, **overrides})

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


# One row per lesson: name, class, the lesson's hyperparameters and steps, the bowl's.
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
# fmt: on


def lesson_run(name: str) -> LessonRun:
    """The LESSON_RUNS entry called ``name`` (case-insensitive)."""
    for run in LESSON_RUNS:
        if run.name.lower() == name.lower():
            return run
    raise ValueError(
        f"unknown optimizer {name!r}; choose one of {', '.join(run.name for run in LESSON_RUNS)}"
    )
