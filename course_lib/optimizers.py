"""The course's optimizers as small classes, with exactly the lessons' update formulas.

Each class keeps its own state (moments, step count) and has one method,
``step(theta, grad) -> theta``: one update of a float64 parameter vector (w and b together,
``theta = [w..., b]``). The state carries the lessons' names: m (momentum), S (squared
gradients), delta (AdaDelta's Δ, squared steps), v (Adam's average gradient), z and x
(Schedule-Free's base sequence and average). Updates are elementwise (Muon's but for its weight
matrix), so ``theta`` may also be a stack of parameter vectors (K, M+1), e.g. to run several
learning rates at once with ``lr`` of shape (K, 1).

Lessons 1-7's classes default to the lessons' hyperparameters; lesson 12-13's (AdamW, Lion,
ScheduleFreeSGD, Muon) to their reference implementation's, which tests/test_torch_bridge.py
runs beside them: ``torch.optim``, ``lion-pytorch``, ``schedulefree``. ``rho`` is the weight of
the old average (S = rho*S + (1-rho)*g**2), ``beta`` the momentum factor (m = beta*m + g). SGD's
``lr`` may also be a schedule, a function of the step number k = 0, 1, ... (lesson 9), as optax
lets any rate be.
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
    """m <- beta*m + g; theta <- theta - lr*m (lesson 3). With ``nesterov=True``, the step is
    lr*(g + beta*m) instead, as ``torch.optim.SGD(momentum=beta, nesterov=True)`` (lesson 12)."""

    def __init__(self, lr: float = 1e-3, beta: float = 0.8, nesterov: bool = False):
        self.lr, self.beta, self.nesterov = lr, beta, nesterov
        self.m = 0.0

    def step(self, theta: np.ndarray, grad: np.ndarray) -> np.ndarray:
        self.m = self.beta * self.m + grad
        if self.nesterov:
            return theta - (grad + self.beta * self.m) * self.lr
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


class AdamW(Adam):
    """Adam with decoupled weight decay (Loshchilov & Hutter 2019), as ``torch.optim.AdamW``:
    theta <- theta * (1 - lr * weight_decay), then the Adam step (lesson 12)."""

    def __init__(
        self,
        lr: float = 1e-3,
        beta1: float = 0.9,
        beta2: float = 0.999,
        eps: float = 1e-8,
        weight_decay: float = 1e-2,
    ):
        super().__init__(lr, beta1, beta2, eps)
        self.weight_decay = weight_decay

    def step(self, theta: np.ndarray, grad: np.ndarray) -> np.ndarray:
        return super().step(theta * (1 - self.lr * self.weight_decay), grad)


class Lion:
    """Lion (Chen et al. 2023): the sign of c = beta1*m + (1-beta1)*g is the step, so every
    coordinate moves by exactly lr (plus the decay); then m <- beta2*m + (1-beta2)*g (lesson 12).

    theta <- theta * (1 - lr * weight_decay) - lr * sign(c), as ``lion_pytorch.Lion``."""

    def __init__(
        self, lr: float = 1e-4, beta1: float = 0.9, beta2: float = 0.99, weight_decay: float = 0.0
    ):
        self.lr, self.beta1, self.beta2, self.weight_decay = lr, beta1, beta2, weight_decay
        self.m = 0.0

    def step(self, theta: np.ndarray, grad: np.ndarray) -> np.ndarray:
        direction = np.sign(self.beta1 * self.m + (1 - self.beta1) * grad)
        self.m = self.beta2 * self.m + (1 - self.beta2) * grad
        return theta * (1 - self.lr * self.weight_decay) - self.lr * direction


class ScheduleFreeSGD:
    """Schedule-Free SGD (Defazio et al. 2024) with a constant rate, as the authors'
    ``SGDScheduleFreeReference`` without warm-up (lesson 12).

    Three sequences: z takes the SGD steps, x is the running average of the z's (the point to
    evaluate: ``.x``), and the gradient is taken at y, between them:
    z <- z - lr * grad(y);  x <- (1 - c) x + c z with c = 1/(k+1);  y <- beta x + (1 - beta) z.
    ``step(y, grad(y))`` returns the next y; the first call starts z and x at that y.
    """

    def __init__(self, lr: float = 1.0, beta: float = 0.9):
        self.lr, self.beta = lr, beta
        self.z = self.x = None
        self.k = 0  # steps taken

    def step(self, theta: np.ndarray, grad: np.ndarray) -> np.ndarray:
        if self.z is None:
            self.z = self.x = np.asarray(theta, dtype=float)
        self.z = self.z - self.lr * grad
        c = 1 / (self.k + 1)
        self.x = (1 - c) * self.x + c * self.z
        self.k += 1
        return self.beta * self.x + (1 - self.beta) * self.z


# Keller Jordan's quintic Newton-Schulz coefficients (a, b, c), as torch.optim.Muon's
NEWTON_SCHULZ = (3.4445, -4.7750, 2.0315)


def newton_schulz(
    G: np.ndarray,
    steps: int = 5,
    coefficients: tuple[float, float, float] = NEWTON_SCHULZ,
    eps: float = 1e-7,
) -> np.ndarray:
    """Muon's approximate orthogonalization of the matrix (or stack of matrices) ``G``: scale it
    to Frobenius norm 1, then ``steps`` times X <- aX + (b XXᵀ + c (XXᵀ)²) X. Each singular value
    s goes to p(p(...p(s))) with p(s) = as + bs³ + cs⁵, the singular vectors stay: U S Vᵀ ->
    U p⁽ˢᵗᵉᵖˢ⁾(S/|G|) Vᵀ. Wide matrices are iterated as they are, tall ones transposed."""
    a, b, c = coefficients
    G = np.asarray(G, dtype=float)
    tall = G.shape[-2] > G.shape[-1]
    X = np.swapaxes(G, -1, -2) if tall else G
    norm = np.linalg.norm(X, axis=(-2, -1), keepdims=True)
    X = X / np.maximum(norm, eps)
    for _ in range(steps):
        gram = X @ np.swapaxes(X, -1, -2)
        X = a * X + (b * gram + c * gram @ gram) @ X
    return np.swapaxes(X, -1, -2) if tall else X


class Muon:
    """Muon (Jordan 2024) for a weight matrix, as ``torch.optim.Muon`` but in float64 (lesson 13).

    m <- beta*m + (1-beta)*g (an average, unlike lesson 3's sum); the update is
    newton_schulz((1-beta)*g + beta*m) (Nesterov) or newton_schulz(m); then
    theta <- theta * (1 - lr * weight_decay) - lr * sqrt(max(1, rows/cols)) * update.
    ``theta`` and ``grad`` are matrices (rows, cols), or stacks of them (..., rows, cols).
    """

    def __init__(
        self,
        lr: float = 1e-3,
        beta: float = 0.95,
        weight_decay: float = 0.1,
        nesterov: bool = True,
        ns_steps: int = 5,
    ):
        self.lr, self.beta, self.weight_decay = lr, beta, weight_decay
        self.nesterov, self.ns_steps = nesterov, ns_steps
        self.m = 0.0

    def step(self, theta: np.ndarray, grad: np.ndarray) -> np.ndarray:
        if np.ndim(grad) < 2:
            raise ValueError(
                f"Muon updates weight matrices, got a gradient of shape {np.shape(grad)}: "
                "give the hidden layer's weights to Muon and the rest to AdamW"
            )
        self.m = self.beta * self.m + (1 - self.beta) * grad
        blended = (1 - self.beta) * grad + self.beta * self.m if self.nesterov else self.m
        update = newton_schulz(blended, self.ns_steps)
        rows, cols = np.shape(grad)[-2:]
        scale = np.sqrt(max(1.0, rows / cols))
        return theta * (1 - self.lr * self.weight_decay) - self.lr * scale * update


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
