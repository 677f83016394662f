"""The course's optimizers as small classes, with exactly the lessons' update formulas.

Each class keeps its own state (moments, step count) and has one method,
``step(theta, grad) -> theta``: one update of a float64 parameter vector (w and b together,
``theta = [w..., b]``). The state carries the lessons' names: m (momentum), S (squared
gradients), delta (AdaDelta's Δ, squared steps), v (Adam's average gradient). Updates are
elementwise, so ``theta`` may also be a stack of parameter vectors (K, M+1), e.g. to run several
learning rates at once with ``lr`` of shape (K, 1).

Defaults are the lessons' hyperparameters. ``rho`` is the weight of the old average
(S = rho*S + (1-rho)*g**2), ``beta`` the momentum factor (m = beta*m + g). SGD's ``lr`` may also
be a schedule, a function of the step number k = 0, 1, ... (lesson 9), as optax lets any rate be.
"""

from collections.abc import Callable
from typing import Protocol

import numpy as np

from course_lib.gradients import Gradient

# a learning rate: a number, an array of them (one per stacked run), or a schedule k -> rate
Rate = float | np.ndarray | Callable[[int], float | np.ndarray]


class Optimizer(Protocol):
    """Anything with ``step(theta, grad) -> theta``: the classes below."""

    def step(self, theta: np.ndarray, grad: np.ndarray) -> np.ndarray: ...


class SGD:
    """theta <- theta - lr * g (gradient descent when g comes from the full batch); with a
    schedule, lr(k) at the k-th step (k = 0, 1, ...)."""

    def __init__(self, lr: Rate = 1e-3):
        self.lr = lr
        self.k = 0  # steps taken: a schedule's argument

    def step(self, theta: np.ndarray, grad: np.ndarray) -> np.ndarray:
        lr = self.lr(self.k) if callable(self.lr) else self.lr
        self.k += 1
        return theta - grad * lr


class Momentum:
    """m <- beta*m + g; theta <- theta - lr*m (lesson 3)."""

    def __init__(self, lr: float = 1e-3, beta: float = 0.8):
        self.lr, self.beta = lr, beta
        self.m = 0.0

    def step(self, theta: np.ndarray, grad: np.ndarray) -> np.ndarray:
        self.m = self.beta * self.m + grad
        return theta - self.m * self.lr


class AdaGrad:
    """S <- S + g**2; theta <- theta - g * lr / sqrt(S + eps) (lesson 4)."""

    def __init__(self, lr: float = 0.1, eps: float = 1e-6):
        self.lr, self.eps = lr, eps
        self.S = 0.0

    def step(self, theta: np.ndarray, grad: np.ndarray) -> np.ndarray:
        self.S = self.S + grad**2
        return theta - grad * (self.lr / (self.S + self.eps) ** 0.5)


class RMSProp:
    """S <- rho*S + (1-rho)*g**2; theta <- theta - g * lr / sqrt(S + eps) (lesson 5)."""

    def __init__(self, lr: float = 3e-3, rho: float = 0.2, eps: float = 1e-6):
        self.lr, self.rho, self.eps = lr, rho, eps
        self.S = 0.0

    def step(self, theta: np.ndarray, grad: np.ndarray) -> np.ndarray:
        self.S = self.rho * self.S + (1 - self.rho) * grad**2
        return theta - grad * (self.lr / (self.S + self.eps) ** 0.5)


class AdaDelta:
    """No learning rate: the step is sqrt((D + eps) / (S + eps)) * g (lesson 6).

    S averages squared gradients, delta (Δ) squared steps, both with weight ``rho`` on the old
    value.
    """

    def __init__(self, rho: float = 0.2, eps: float = 1e-6):
        self.rho, self.eps = rho, eps
        self.S = 0.0
        self.delta = 0.0

    def step(self, theta: np.ndarray, grad: np.ndarray) -> np.ndarray:
        self.S = self.rho * self.S + (1 - self.rho) * grad**2
        update = ((self.delta + self.eps) / (self.S + self.eps)) ** 0.5 * grad
        self.delta = self.rho * self.delta + (1 - self.rho) * update**2
        return theta - update


class Adam:
    """Momentum v and squared average S, bias-corrected with t starting at 1 (lesson 7).

    theta <- theta - lr * v_hat / (sqrt(S_hat) + eps), eps outside the square root.
    """

    def __init__(
        self, lr: float = 1e-2, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-6
    ):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.v = 0.0
        self.S = 0.0
        self.t = 0

    def step(self, theta: np.ndarray, grad: np.ndarray) -> np.ndarray:
        self.t += 1
        self.v = self.beta1 * self.v + (1 - self.beta1) * grad
        self.S = self.beta2 * self.S + (1 - self.beta2) * grad**2
        v_hat = self.v / (1 - _power(self.beta1, self.t))
        s_hat = self.S / (1 - _power(self.beta2, self.t))
        return theta - (self.lr * v_hat) / (s_hat**0.5 + self.eps)


def _power(base, exponent):
    """``base ** exponent``; where a Python float would raise OverflowError (a decay above 1
    after many steps), NumPy's ±inf instead, as for array hyperparameters."""
    try:
        return base**exponent
    except OverflowError:
        return np.float64(base) ** exponent


def trajectory(
    optimizer: Optimizer, gradient: Gradient, start: np.ndarray, steps: int
) -> np.ndarray:
    """Run ``steps`` updates from ``start``; return every iterate, shape (steps + 1, *start.shape).

    ``gradient(theta, k)`` gives the gradient at step k (k = 0, 1, ...), so a stochastic
    gradient can pick the k-th sampled row.
    """
    thetas = np.empty((steps + 1, *np.shape(start)))
    thetas[0] = start
    for k in range(steps):
        thetas[k + 1] = optimizer.step(thetas[k], gradient(thetas[k], k))
    return thetas
