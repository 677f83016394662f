"""The course's optimizers as small classes, with exactly the lessons' update formulas.

Each class keeps its own state (moments, step count) and has one method,
``step(theta, grad) -> theta``: one update of a float64 parameter vector (w and b together,
``theta = [w..., b]``). Updates are elementwise, so ``theta`` may also be a stack of parameter
vectors (K, M+1), e.g. to run several learning rates at once with ``lr`` of shape (K, 1).

Defaults are the lessons' hyperparameters. ``rho`` is the weight of the old average
(S = rho*S + (1-rho)*g**2), ``beta`` the momentum factor (m = beta*m + g).
"""

import numpy as np


class SGD:
    """theta <- theta - lr * g (gradient descent when g comes from the full batch)."""

    def __init__(self, lr=1e-3):
        self.lr = lr

    def step(self, theta, grad):
        return theta - grad * self.lr


class Momentum:
    """m <- beta*m + g; theta <- theta - lr*m (lesson 3)."""

    def __init__(self, lr=1e-3, beta=0.8):
        self.lr, self.beta = lr, beta
        self.momentum = 0.0

    def step(self, theta, grad):
        self.momentum = self.beta * self.momentum + grad
        return theta - self.momentum * self.lr


class AdaGrad:
    """S <- S + g**2; theta <- theta - g * lr / sqrt(S + eps) (lesson 4)."""

    def __init__(self, lr=0.1, eps=1e-6):
        self.lr, self.eps = lr, eps
        self.square_sum = 0.0

    def step(self, theta, grad):
        self.square_sum = self.square_sum + grad**2
        return theta - grad * (self.lr / (self.square_sum + self.eps) ** 0.5)


class RMSProp:
    """S <- rho*S + (1-rho)*g**2; theta <- theta - g * lr / sqrt(S + eps) (lesson 5)."""

    def __init__(self, lr=3e-3, rho=0.2, eps=1e-6):
        self.lr, self.rho, self.eps = lr, rho, eps
        self.square_avg = 0.0

    def step(self, theta, grad):
        self.square_avg = self.rho * self.square_avg + (1 - self.rho) * grad**2
        return theta - grad * (self.lr / (self.square_avg + self.eps) ** 0.5)


class AdaDelta:
    """No learning rate: the step is sqrt((D + eps) / (S + eps)) * g (lesson 6).

    S averages squared gradients, D squared steps, both with weight ``rho`` on the old value.
    """

    def __init__(self, rho=0.2, eps=1e-6):
        self.rho, self.eps = rho, eps
        self.square_avg = 0.0
        self.delta_avg = 0.0

    def step(self, theta, grad):
        self.square_avg = self.rho * self.square_avg + (1 - self.rho) * grad**2
        delta = ((self.delta_avg + self.eps) / (self.square_avg + self.eps)) ** 0.5 * grad
        self.delta_avg = self.rho * self.delta_avg + (1 - self.rho) * delta**2
        return theta - delta


class Adam:
    """Momentum v and squared average S, bias-corrected with t starting at 1 (lesson 7).

    theta <- theta - lr * v_hat / (sqrt(S_hat) + eps), eps outside the square root.
    """

    def __init__(self, lr=1e-2, beta1=0.9, beta2=0.999, eps=1e-6):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.v = 0.0
        self.square_avg = 0.0
        self.t = 0

    def step(self, theta, grad):
        self.t += 1
        self.v = self.beta1 * self.v + (1 - self.beta1) * grad
        self.square_avg = self.beta2 * self.square_avg + (1 - self.beta2) * grad**2
        v_hat = self.v / (1 - _power(self.beta1, self.t))
        s_hat = self.square_avg / (1 - _power(self.beta2, self.t))
        return theta - (self.lr * v_hat) / (s_hat**0.5 + self.eps)


def _power(base, exponent):
    """``base ** exponent``; where a Python float would raise OverflowError (a decay above 1
    after many steps), NumPy's ±inf instead, as for array hyperparameters."""
    try:
        return base**exponent
    except OverflowError:
        return np.float64(base) ** exponent


def trajectory(optimizer, gradient, start, steps):
    """Run ``steps`` updates from ``start``; return every iterate, shape (steps + 1, *start.shape).

    ``gradient(theta, k)`` gives the gradient at step k (k = 0, 1, ...), so a stochastic
    gradient can pick the k-th sampled row.
    """
    thetas = np.empty((steps + 1, *np.shape(start)))
    thetas[0] = start
    for k in range(steps):
        thetas[k + 1] = optimizer.step(thetas[k], gradient(thetas[k], k))
    return thetas
