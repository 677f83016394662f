"""The claims of 10.动量的几何: its prose's numbers and laws, recomputed."""

from functools import cache

import numpy as np

from course_lib import least_squares, mse_hessian
from course_lib.curves import mse_curve, sse_curve
from course_lib.geometry import convergence_factor, optimal_gd, optimal_heavy_ball
from course_lib.gradients import (
    full_batch_gradient,
    row_gradient,
    sampled_rows,
    start_theta,
)
from course_lib.optimizers import SGD, Momentum, trajectory


# ---- 10.动量的几何: recomputed with the course's classes, full-batch exact gradients, and
# mse_curve (not the lesson's quadratic-form gap) ------------------------------------------
def _eigs(c):
    return np.linalg.eigh(mse_hessian(c.x))


def _gap_steps(c, optimizer, steps=400, tolerance=1e-10):
    thetas = trajectory(optimizer, full_batch_gradient(c.x, c.y, "exact"), start_theta(c.M), steps)
    below = np.flatnonzero(mse_curve(thetas, c.x, c.y) - c.opt < tolerance)
    return int(below[0]) if len(below) else None


def _polyak(c):
    lam = _eigs(c)[0]
    return optimal_heavy_ball(lam[0], lam[-1])


def _gd_star(c):
    lam = _eigs(c)[0]
    return optimal_gd(lam[0], lam[-1])[0]


def _gd_coordinate(c, index, step):
    lam, Q = _eigs(c)
    best = np.append(*least_squares(c.x, c.y))
    thetas = trajectory(
        SGD(lr=_gd_star(c)), full_batch_gradient(c.x, c.y, "exact"), start_theta(c.M), step
    )
    return abs((thetas[-1] - best) @ Q[:, index])


@cache
def _momentum_grid(c, steps=200):
    """Lesson 10's (lr, beta) grid, each run with the Momentum class on its own."""
    lam = _eigs(c)[0]
    beyond = reached = 0
    best = (np.inf, None, None)
    for lr in np.linspace(0.02, 1.4, 70)[::3]:
        for beta in np.linspace(0.0, 0.9, 46)[::3]:
            with np.errstate(over="ignore", invalid="ignore"):
                k = _gap_steps(c, Momentum(lr=lr, beta=beta), steps)
            if lr > 2 * (1 + beta) / lam[-1]:
                beyond += 1
                reached += k is not None
            if k is not None and k < best[0]:
                best = (k, lr, beta)
    return beyond, reached, best


def _noise_runs(c):
    gradient = row_gradient(c.x, c.y, sampled_rows(c.N, 3000), exact=True)
    return [
        sse_curve(trajectory(opt, gradient, start_theta(c.M), 3000)[1:], c.x, c.y)[-1000:]
        for opt in (SGD(lr=1e-3), Momentum(lr=1e-3, beta=0.8), SGD(lr=5e-3))
    ]


def _kappa_steps(kappa, momentum):
    ratio = (np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1) if momentum else (kappa - 1) / (kappa + 1)
    return np.log(1e-5) / np.log(ratio)


def _noise_runs_at_500(c):
    gradient = row_gradient(c.x, c.y, sampled_rows(c.N, 500), exact=True)
    return [
        sse_curve(trajectory(opt, gradient, start_theta(c.M), 500)[-1:], c.x, c.y)[0]
        for opt in (SGD(lr=1e-3), Momentum(lr=1e-3, beta=0.8), SGD(lr=5e-3))
    ]


def _discriminant(c, index):
    """(1 + beta - lr lam)^2 - 4 beta at Polyak's setting: below 0 the direction oscillates."""
    lr, beta, _ = _polyak(c)
    return (1 + beta - lr * _eigs(c)[0][index]) ** 2 - 4 * beta


def _double_root(c, index):
    """|discriminant| at Polyak's setting: 0 is a double root (critical damping)."""
    return abs(_discriminant(c, index))


# fmt: off
CLAIMS = [
    ("10.动量的几何", "$\\lambda = 2.25$ 的方向每步乘以约 0.016", "2.25", lambda c: _eigs(c)[0][4], 0.005),
    ("10.动量的几何", "$\\lambda = 2.25$ 的方向每步乘以约 0.016", "0.016",
     lambda c: abs(1 - _gd_star(c) * _eigs(c)[0][4]), 0.0005),
    ("10.动量的几何", "几十步就降到了舍入误差($10^{-16}$)的水平", True,
     lambda c: all(_gd_coordinate(c, i, 50) < 1e-14 for i in (1, 2, 4)), None),
    ("10.动量的几何", "最陡的方向($\\lambda = 4.22$)和最平的方向($\\lambda = 0.35$)收缩得一样慢", "4.22",
     lambda c: _eigs(c)[0][-1], 0.005),
    ("10.动量的几何", "最陡的方向($\\lambda = 4.22$)和最平的方向($\\lambda = 0.35$)收缩得一样慢", "0.35",
     lambda c: _eigs(c)[0][0], 0.005),
    ("10.动量的几何", "$\\lambda = 2$ 是偏置 $b$ 的方向", True,
     lambda c: abs(_eigs(c)[0][3] - 2) < 1e-12 and abs(abs(_eigs(c)[1][-1, 3]) - 1) < 1e-12, None),
    ("10.动量的几何", "起点 $b = 0$ 在这个方向上本来就没有误差", True,
     lambda c: abs(least_squares(c.x, c.y)[1]) < 1e-12, None),
    ("10.动量的几何", "动量把梯度下降的上限 $2/\\lambda_\\max$ 放宽了 $1 + \\beta$ 倍", True,
     lambda c: all((convergence_factor(lr, beta, _eigs(c)[0][-1]) < 1) == (lr * _eigs(c)[0][-1] < 2 * (1 + beta))
                   for lr in np.linspace(0.05, 1.5, 30) for beta in (0.0, 0.3, 0.6, 0.9)
                   if abs(lr * _eigs(c)[0][-1] - 2 * (1 + beta)) > 1e-6), None),
    ("10.动量的几何", "虚线右边的每一组都没有到(发散)", True,
     lambda c: _momentum_grid(c)[0] > 0 and _momentum_grid(c)[1] == 0, None),
    ("10.动量的几何", "最快的区域就在公式给出的星号附近", True,
     lambda c: abs(_momentum_grid(c)[2][1] - _polyak(c)[0]) < 0.1
     and abs(_momentum_grid(c)[2][2] - _polyak(c)[1]) < 0.1, None),
    ("10.动量的几何", "收缩因子都是 $\\sqrt{0.8} \\approx 0.894$", "0.894",
     lambda c: max(convergence_factor(_polyak(c)[0], 0.8, v) for v in _eigs(c)[0]), 0.0005),
    ("10.动量的几何", "收缩因子都是 $\\sqrt{0.8} \\approx 0.894$", True,
     lambda c: np.allclose([convergence_factor(_polyak(c)[0], 0.8, v) for v in _eigs(c)[0]], np.sqrt(0.8)),
     None),
    ("10.动量的几何", "和学习率 5e-3 的随机梯度下降几乎一模一样", True,
     lambda c: abs(_noise_runs(c)[1].mean() / _noise_runs(c)[2].mean() - 1) < 0.01
     and abs(_noise_runs(c)[1].std() / _noise_runs(c)[2].std() - 1) < 0.05, None),
    ("10.动量的几何", "都比学习率 1e-3 的随机梯度下降走得快,也抖得多(标准差约 2 倍)", True,
     lambda c: all(1.5 < run.std() / _noise_runs(c)[0].std() < 2.5 for run in _noise_runs(c)[1:])
     and all(_noise_runs_at_500(c)[i] < _noise_runs_at_500(c)[0] for i in (1, 2)), None),
    ("10.动量的几何", "收缩因子都是 sqrt(0.9) = 0.949, 比 beta* 的 0.553 慢得多: 要 233 步", "0.949",
     lambda c: max(convergence_factor(_polyak(c)[0], 0.9, v) for v in _eigs(c)[0]), 0.0005),
    ("10.动量的几何", "收缩因子都是 sqrt(0.9) = 0.949, 比 beta* 的 0.553 慢得多: 要 233 步", "0.553",
     lambda c: _polyak(c)[2], 0.0005),
    ("10.动量的几何", "收缩因子都是 sqrt(0.9) = 0.949, 比 beta* 的 0.553 慢得多: 要 233 步", "233",
     lambda c: _gap_steps(c, Momentum(lr=_polyak(c)[0], beta=0.9)), 0),
    ("10.动量的几何", "(kappa = 100 时 576 步对 57 步)", "576", lambda c: _kappa_steps(100, False), 0.5),
    ("10.动量的几何", "(kappa = 100 时 576 步对 57 步)", "57", lambda c: _kappa_steps(100, True), 0.5),
    ("10.动量的几何", "步数之比约等于 sqrt(kappa)", True,
     lambda c: all(abs(_kappa_steps(k, False) / _kappa_steps(k, True) / np.sqrt(k) - 1) < 0.05
                   for k in (12.1, 100, 1e4)), None),
    ("10.动量的几何", "误差要缩小约 2.6e5 倍 (不是 1e5)", "2.6e5",
     lambda c: np.sqrt((mse_curve(start_theta(c.M)[None], c.x, c.y)[0] - c.opt) / 1e-10), 0.05e5),
    ("10.动量的几何", "正好在振荡的分界上 (2x2 矩阵是重根)", True,
     lambda c: _double_root(c, 0) < 1e-12 and _double_root(c, -1) < 1e-12, None),
    ("10.动量的几何", "正好在分界上时判别式只剩舍入误差 (1e-15 量级", True,
     lambda c: max(_double_root(c, 0), _double_root(c, -1)) < 1e-14, None),
    # the lesson prints "分界 (重根)" within 1e-9 of 0: the extremes are, the middle ones are not
    ("10.动量的几何", "让最平和最陡的方向正好在两者的分界上,中间的方向都在振荡", True,
     lambda c: max(_double_root(c, 0), _double_root(c, -1)) < 1e-12
     and all(_discriminant(c, i) < -1e-3 for i in range(1, c.M)), None),
]
# fmt: on
