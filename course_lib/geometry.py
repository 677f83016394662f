"""The geometry of gradient descent and momentum on a quadratic loss (lesson 10, after Goh 2017).

On the MSE, whose Hessian H has eigenvalues λᵢ, gradient descent (exact gradients) moves each
eigen-coordinate of θ - θ* on its own: cᵢ ← (1 - ηλᵢ) cᵢ. Heavy-ball momentum (the course's
m ← βm + g, θ ← θ - ηm) moves the pair (mᵢ, cᵢ) by a 2×2 matrix; the largest modulus of that
matrix's eigenvalues is the direction's convergence factor per step. Nesterov's momentum
(lesson 12: the step is η(g + βm)) gives another 2×2 matrix, and its own optimal setting.
"""

import numpy as np


def quadratic_gap(thetas: np.ndarray, theta_best: np.ndarray, H: np.ndarray) -> np.ndarray:
    """How far each iterate's loss is above the optimum on the quadratic with Hessian ``H``:
    (theta - theta*)ᵀ H (theta - theta*) / 2, exact down to the round-off of the error itself."""
    errors = np.asarray(thetas) - theta_best
    return 0.5 * ((errors @ H) * errors).sum(axis=-1)


def eigen_coordinates(thetas: np.ndarray, theta_best: np.ndarray, Q: np.ndarray) -> np.ndarray:
    """The coordinates of ``thetas - theta_best`` along the eigenvectors (columns of ``Q``)."""
    return (np.asarray(thetas) - theta_best) @ Q


def heavy_ball_matrix(lr: float, beta: float, lam: float) -> np.ndarray:
    """The 2×2 matrix taking (m, c) to the next step's (m, c) along an eigenvalue ``lam``:
    m' = βm + λc, c' = c - ηm' = -ηβm + (1 - ηλ)c."""
    return np.array([[beta, lam], [-lr * beta, 1 - lr * lam]])


def nesterov_matrix(lr: float, beta: float, lam: float) -> np.ndarray:
    """The same for Nesterov's momentum (m' = βm + λc, c' = c - η(λc + βm')):
    c' = -ηβ²m + (1 - ηλ(1 + β))c. Its eigenvalues solve z² - (1+β)(1-ηλ)z + β(1-ηλ) = 0."""
    return np.array([[beta, lam], [-lr * beta**2, 1 - lr * lam * (1 + beta)]])


def convergence_factor(lr: float, beta: float, lam: float, nesterov: bool = False) -> float:
    """How much one heavy-ball step (or Nesterov step) shrinks the eigen-direction ``lam`` (at
    worst, in the long run): the spectral radius of ``heavy_ball_matrix`` (``nesterov_matrix``).
    With beta = 0 it is |1 - lr·lam|; above 1 the direction grows, as it does at a negative
    curvature (lesson 11's saddle)."""
    matrix = (nesterov_matrix if nesterov else heavy_ball_matrix)(lr, beta, lam)
    return float(np.abs(np.linalg.eigvals(matrix)).max())


def optimal_gd(lam_min: float, lam_max: float) -> tuple[float, float]:
    """The fixed learning rate that minimises the worst factor, 2/(λmin+λmax), and that factor
    (κ-1)/(κ+1)."""
    return 2 / (lam_min + lam_max), (lam_max - lam_min) / (lam_max + lam_min)


def optimal_heavy_ball(lam_min: float, lam_max: float) -> tuple[float, float, float]:
    """Polyak's optimal heavy ball: lr = 4/(√λmax+√λmin)², beta = ((√κ-1)/(√κ+1))², and its
    factor √beta = (√κ-1)/(√κ+1)."""
    root_kappa = np.sqrt(lam_max / lam_min)
    factor = (root_kappa - 1) / (root_kappa + 1)
    return 4 / (np.sqrt(lam_max) + np.sqrt(lam_min)) ** 2, factor**2, factor


def optimal_nesterov(lam_min: float, lam_max: float) -> tuple[float, float, float]:
    """The best Nesterov setting on a quadratic (Lessard, Recht & Packard 2016, Proposition 1):
    lr = 4/(3λmax + λmin), beta = (√(3κ+1) - 2)/(√(3κ+1) + 2), factor 1 - 2/√(3κ+1)."""
    root = np.sqrt(3 * lam_max / lam_min + 1)
    return 4 / (3 * lam_max + lam_min), (root - 2) / (root + 2), 1 - 2 / root
