"""Lesson 11's small neural network: one hidden layer of tanh units on the airfoil features.

The parameters are one flat vector [W (hidden×M, row by row), c (hidden), v (hidden), d], so the
course's optimizers update them like the linear model's theta. Every function also takes a stack
of parameter vectors, shape (K, P), and then returns K results: lesson 11 trains all its
optimizers and learning rates side by side, one step for all of them.

The lesson writes the same forward pass and backpropagation out for one parameter vector and
checks that they agree; so does ``tests/test_network.py``. The names carry ``network`` so that
they sit beside the linear model's (``start_theta``, ``predict``) in ``course_lib``.
"""

import functools

import numpy as np

HIDDEN = 8  # tanh units: the lesson's choice


def network_size(n_features: int, hidden: int = HIDDEN) -> int:
    """How many numbers the network has: hidden*(M + 2) + 1."""
    return hidden * (n_features + 2) + 1


def network_start(n_features: int, hidden: int = HIDDEN, seed: int = 0) -> np.ndarray:
    """Seeded start: W ~ N(0, 1/M), v ~ N(0, 1/hidden) (Xavier-like), biases 0."""
    rng = np.random.default_rng(seed)
    W = rng.normal(0.0, 1 / np.sqrt(n_features), size=(hidden, n_features))
    v = rng.normal(0.0, 1 / np.sqrt(hidden), size=hidden)
    return np.concatenate([W.ravel(), np.zeros(hidden), v, [0.0]])


def unpack(
    params: np.ndarray, n_features: int, hidden: int = HIDDEN
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """W (..., hidden, M), c (..., hidden), v (..., hidden), d (...) from flat vector(s)."""
    params = np.asarray(params, dtype=float)
    expected = network_size(n_features, hidden)
    if params.shape[-1] != expected:
        raise ValueError(
            f"a network with {n_features} features and {hidden} hidden units has {expected} "
            f"parameters, not {params.shape[-1]}: make them with network_start()"
        )
    lead = params.shape[:-1]
    split = hidden * n_features
    W = params[..., :split].reshape(*lead, hidden, n_features)
    c = params[..., split : split + hidden]
    v = params[..., split + hidden : split + 2 * hidden]
    return W, c, v, params[..., -1]


def _hidden(params: np.ndarray, x: np.ndarray, hidden: int):
    """Stacked parameters (K, P) -> tanh layer h (N, K, hidden), v (K, hidden), d (K,).

    One matrix product serves all K networks: x (N, M) times every W at once. With x of shape
    (K, N, M), network k sees rows of its own, x[k] (lesson 13: one batch sequence per seed)."""
    W, c, v, d = unpack(params, x.shape[-1], hidden)
    K = len(params)
    if x.ndim == 3:  # (K, N, M) @ (K, M, hidden): one batched matrix product
        return np.tanh((x @ np.swapaxes(W, -1, -2)).transpose(1, 0, 2) + c), v, d
    z = x @ W.reshape(K * hidden, -1).T + c.reshape(-1)  # (N, K*hidden)
    return np.tanh(z).reshape(len(x), K, hidden), v, d


def _stacked(function):
    """Let ``function(params (K, P), ...)`` also take one parameter vector (P,)."""

    @functools.wraps(function)
    def wrapper(params, *args, **kwargs):
        params = np.asarray(params, dtype=float)
        if params.ndim == 1:
            results = function(params[np.newaxis], *args, **kwargs)
            return tuple(r[0] for r in results) if isinstance(results, tuple) else results[0]
        return function(params, *args, **kwargs)

    return wrapper


@_stacked
def network_predict(params: np.ndarray, x: np.ndarray, hidden: int = HIDDEN) -> np.ndarray:
    """The network's output tanh(x W^T + c) v + d: shape (N,) for one parameter vector,
    (K, N) for a stack of K."""
    h, v, d = _hidden(params, x, hidden)
    return np.einsum("nkh,kh->kn", h, v, optimize=False) + d[:, np.newaxis]


@_stacked
def network_mse(
    params: np.ndarray, x: np.ndarray, y: np.ndarray, hidden: int = HIDDEN
) -> np.ndarray:
    """Mean squared error over the rows of (x, y), one value per parameter vector."""
    return np.mean((network_predict(params, x, hidden) - y) ** 2, axis=-1)


@_stacked
def network_loss_and_gradient(
    params: np.ndarray, x: np.ndarray, y: np.ndarray, hidden: int = HIDDEN
) -> tuple[np.ndarray, np.ndarray]:
    """MSE over the rows of (x, y) and its gradient by backpropagation, same shape as params.
    A stack of K networks may have rows of its own each: x (K, N, M), y (K, N)."""
    h, v, d = _hidden(params, x, hidden)  # h: (N, K, hidden)
    own_rows = np.ndim(x) == 3
    n, K = x.shape[-2], len(params)
    r = (h * v).sum(axis=-1) + d - (y.T if own_rows else y[:, np.newaxis])  # residuals (N, K)
    grad_v = 2 * np.einsum("nk,nkh->kh", r, h) / n
    grad_d = 2 * r.mean(axis=0)
    # back through tanh: d tanh(z)/dz = 1 - tanh(z)^2
    dz = (2 / n) * r[:, :, np.newaxis] * v * (1 - h**2)  # (N, K, hidden)
    if own_rows:
        grad_W = (dz.transpose(1, 2, 0) @ x).reshape(K * hidden, -1)  # (K, hidden, M)
    else:
        grad_W = dz.reshape(n, -1).T @ x  # (K*hidden, M): one matrix product for all K
    grad_c = dz.sum(axis=0)
    gradient = np.concatenate(
        [grad_W.reshape(K, -1), grad_c, grad_v, grad_d[:, np.newaxis]], axis=-1
    )
    return np.mean(r**2, axis=0), gradient


def split_hidden(params: np.ndarray, n_features: int, hidden: int = HIDDEN):
    """(W, rest): the hidden layer's weight matrices (..., hidden, M), the one part Muon updates
    (lesson 13), and every other parameter (c, v, d) as a flat (..., 2*hidden + 1)."""
    params = np.asarray(params, dtype=float)
    split = hidden * n_features
    return params[..., :split].reshape(*params.shape[:-1], hidden, n_features), params[..., split:]


def join_hidden(W: np.ndarray, rest: np.ndarray) -> np.ndarray:
    """The flat parameter vector(s) from ``split_hidden``'s two parts."""
    return np.concatenate([W.reshape(*W.shape[:-2], -1), rest], axis=-1)
