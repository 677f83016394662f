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


def _discriminant_at(c, lr, beta, lam):
    return (1 + beta - lr * lam) ** 2 - 4 * beta


def _double_root(c, index):
    """|discriminant| at Polyak's setting: 0 is a double root (critical damping)."""
    return abs(_discriminant(c, index))


def _hb_signs(c, lr, beta, steps=40):
    """Sign changes of the error along each eigenvector over ``steps`` steps of heavy ball with the
    exact gradient H (theta - theta*), written out here (m <- beta m + g, theta <- theta - lr m);
    None where the error starts at rounding level."""
    lam, Q = np.linalg.eigh(mse_hessian(c.x))
    best = np.append(*least_squares(c.x, c.y))
    H = mse_hessian(c.x)
    error, m, coords = start_theta(c.M) - best, np.zeros(c.M + 1), []
    for _ in range(steps + 1):
        coords.append(error @ Q)
        m = beta * m + H @ error
        error = error - lr * m
    coords = np.array(coords)
    changes = (np.sign(coords[1:]) != np.sign(coords[:-1])).sum(axis=0)
    return [int(n) if abs(c0) > 1e-12 else None for n, c0 in zip(changes, coords[0], strict=True)]


@cache
def _stationary(c, seed=0, steps=20000):
    """Excess SSE over steps 10000-20000 of SGD 1e-3, momentum (1e-3, 0.8), SGD 5e-3 on the same
    rows (exact one-row gradient), and the parameters' RMS error there: Momentum with beta = 0
    is SGD, so the three run stacked."""
    lr, beta = np.array([[1e-3], [1e-3], [5e-3]]), np.array([[0.0], [0.8], [0.0]])
    gradient = row_gradient(c.x, c.y, sampled_rows(c.N, steps, seed), exact=True)
    thetas = trajectory(
        Momentum(lr=lr, beta=beta), gradient, np.tile(start_theta(c.M), (3, 1)), steps
    )
    best = np.append(*least_squares(c.x, c.y))
    excess = sse_curve(thetas[10001:], c.x, c.y) - c.opt_sse
    rms = np.sqrt(((thetas[10001:] - best) ** 2).sum(-1).mean(0))
    return excess, rms


def _std_ratio(c, seed=0):
    """Momentum's excess-SSE standard deviation over SGD 1e-3's, at stationarity."""
    std = _stationary(c, seed)[0].std(axis=0)
    return std[1] / std[0]


def _lessard_cycles(start):
    """Lessard, Recht & Packard 2016, section 4.6: heavy ball with Polyak's parameters for m = 1,
    L = 25 on their piecewise quadratic, from x0 = x1 = ``start``: whether after 3000 steps the
    iterates repeat every 3 steps away from the minimum at 0 (from 3.3 they do; from 0.5 and 5
    they converge)."""

    def grad(x):
        return 25 * x if x < 1 else (x + 24 if x < 2 else 25 * x - 24)

    alpha, beta = 4 / (np.sqrt(25) + 1) ** 2, ((np.sqrt(25) - 1) / (np.sqrt(25) + 1)) ** 2
    previous = x = start
    path = []
    for _ in range(3006):
        previous, x = x, x - alpha * grad(x) + beta * (x - previous)
        path.append(x)
    last = np.array(path[-6:])
    return np.allclose(last[:3], last[3:], atol=1e-9) and np.abs(last).min() > 0.5


def _double_root_steps(kappa, shrink=1e-5):
    """Steps until the steepest direction's error, a double root -r of Polyak's heavy ball, has
    shrunk by ``shrink``: |(1 + (1 + r) k) (-r)^k| (from m = 0), r = (sqrt(kappa) - 1) / (sqrt(kappa) + 1)."""
    r = (np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)
    k = np.arange(2000)
    return int(np.flatnonzero((1 + (1 + r) * k) * r**k <= shrink)[0])


def _double_root_is_exact(c):
    """The 2x2 run of the steepest direction at Polyak's setting equals (1 + (1 + r) k)(-r)^k."""
    lr, beta, r = _polyak(c)
    lam = _eigs(c)[0][-1]
    m, e, errors = 0.0, 1.0, []
    for _ in range(30):
        errors.append(e)
        m = beta * m + lam * e
        e = e - lr * m
    k = np.arange(30)
    return np.allclose(errors, (1 + (1 + r) * k) * (-r) ** k, atol=1e-12)


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
     lambda c: abs(_stationary(c)[0][:, 1].mean() / _stationary(c)[0][:, 2].mean() - 1) < 0.02
     and abs(_stationary(c)[0][:, 1].std() / _stationary(c)[0][:, 2].std() - 1) < 0.02
     and abs(_noise_runs_at_500(c)[1] / _noise_runs_at_500(c)[2] - 1) < 0.01, None),
    ("10.动量的几何", "都比学习率 1e-3 的随机梯度下降走得快", True,
     lambda c: all(_noise_runs_at_500(c)[i] < 0.5 * _noise_runs_at_500(c)[0] for i in (1, 2)), None),
    ("10.动量的几何", "多出来的 SSE 的标准差都是学习率 1e-3 的约 5 倍,约等于 $1/(1-\\beta) = 5$", "5",
     lambda c: _std_ratio(c), 0.1),
    ("10.动量的几何", "多出来的 SSE 的标准差都是学习率 1e-3 的约 5 倍,约等于 $1/(1-\\beta) = 5$", True,
     lambda c: abs(_stationary(c)[0][:, 2].std() / _stationary(c)[0][:, 0].std() - 5) < 0.1, None),
    ("10.动量的几何", "这个倍数在 4.6 到 7.3 之间", "4.6", lambda c: min(_std_ratio(c, s) for s in range(10)), 0.05),
    ("10.动量的几何", "这个倍数在 4.6 到 7.3 之间", "7.3", lambda c: max(_std_ratio(c, s) for s in range(10)), 0.05),
    ("10.动量的几何", "换 10 个种子(行的顺序,种子 0 到 9)", "10", lambda c: 10, 0),
    ("10.动量的几何", "它放大 5 倍,参数本身的抖动(误差的标准差)只放大约 $\\sqrt 5 \\approx 2.2$ 倍", "2.2",
     lambda c: _stationary(c)[1][1] / _stationary(c)[1][0], 0.05),
    ("10.动量的几何", "它放大 5 倍,参数本身的抖动(误差的标准差)只放大约 $\\sqrt 5 \\approx 2.2$ 倍", "5", lambda c: _std_ratio(c), 0.1),
    ("10.动量的几何", "每步只乘以 $1 - \\eta\\lambda_\\min \\approx 0.99965$", "0.99965",
     lambda c: 1 - 1e-3 * _eigs(c)[0][0], 0.000005),
    # after 3000 steps the flattest direction keeps a third of its error, and the loss still falls
    ("10.动量的几何", "3000 步时还在往下走", True,
     lambda c: (1 - 1e-3 * _eigs(c)[0][0]) ** 3000 > 0.3
     and _noise_runs(c)[0][-100:].mean() < _noise_runs(c)[0][:100].mean(), None),
    ("10.动量的几何", "所以这里跑 2 万步,比较第 1 万到 2 万步", True, lambda c: len(_stationary(c)[0]) == 10000, None),
    # the three cases and the sign changes the lesson counts
    ("10.动量的几何", "最平的方向一路同号地变小;最陡的方向 $1 - \\eta^*\\lambda_\\max < 0$,每一步都换一次号", True,
     lambda c: _hb_signs(c, _gd_star(c), 0.0)[0] == 0 and _hb_signs(c, _gd_star(c), 0.0)[-1] == 40, None),
    ("10.动量的几何", "最平的方向一次号也不换,最陡的方向每一步都换号,中间的方向时正时负", True,
     lambda c: _hb_signs(c, *_polyak(c)[:2])[0] == 0 and _hb_signs(c, *_polyak(c)[:2])[-1] == 40
     and all(n is None or n > 5 for n in _hb_signs(c, *_polyak(c)[:2])[1:-1]), None),
    ("10.动量的几何", "最陡的方向 $1 - \\eta\\lambda_\\max = -0.847$ 是负的,误差照样每一步都换号", "-0.847",
     lambda c: 1 - _gd_star(c) * _eigs(c)[0][-1], 0.0005),
    ("10.动量的几何", "最陡的方向 $1 - \\eta\\lambda_\\max = -0.847$ 是负的,误差照样每一步都换号", True,
     lambda c: _hb_signs(c, _gd_star(c), 0.0)[-1] == 40, None),
    ("10.动量的几何", "正的重根 $+\\sqrt{\\beta^*}$(第一种的边上,不振荡)", True,
     lambda c: _double_root(c, 0) < 1e-12 and 1 + _polyak(c)[1] - _polyak(c)[0] * _eigs(c)[0][0] > 0, None),
    ("10.动量的几何", "最陡的方向正好是负的重根 $-\\sqrt{\\beta^*}$", True,
     lambda c: _double_root(c, -1) < 1e-12 and 1 + _polyak(c)[1] - _polyak(c)[0] * _eigs(c)[0][-1] < 0
     and _double_root_is_exact(c), None),
    ("10.动量的几何", "- $\\eta\\lambda > (1 + \\sqrt\\beta)^2$(还在稳定上限 $2(1 + \\beta)$ 以内):两个负实根,误差**每一步都换号**", True,
     lambda c: _hb_signs(c, 0.572, 0.25)[-1] == 40 and 0.572 * _eigs(c)[0][-1] > (1 + 0.5) ** 2, None),
    ("10.动量的几何", "在这个学习率下所有方向都在振荡", True,
     lambda c: all(_discriminant_at(c, _polyak(c)[0], 0.8, v) < 0 for v in _eigs(c)[0]), None),
    # stability only for 0 <= beta < 1; the acceleration only on quadratics
    ("10.动量的几何", "**稳定条件**(动量系数 $0 \\le \\beta < 1$ 时)", True,
     lambda c: all((convergence_factor(h, beta, 1.0) < 1) == (0 < h < 2 * (1 + beta))
                   for h in np.linspace(-0.5, 4.5, 101) for beta in np.linspace(0, 0.99, 34)
                   if min(abs(h), abs(h - 2 * (1 + beta))) > 1e-6)
     and convergence_factor(1.0, 1.2, 1.0) > 1, None),
    ("10.动量的几何", "从某些起点出发,用这组参数的动量法会永远在 3 个点之间打转,不收敛", True,
     lambda c: _lessard_cycles(3.3) and not _lessard_cycles(0.5) and not _lessard_cycles(5.0), None),
    ("10.动量的几何", "找到一个 $\\kappa = 25$ 的强凸函数", "25", lambda c: 25 / 1, 0),
    ("10.动量的几何", "最陡的方向实际要 83 步,好处仍然很大,但不到 10 倍", "83", lambda c: _double_root_steps(100), 0),
    ("10.动量的几何", "最陡的方向实际要 83 步,好处仍然很大,但不到 10 倍", True,
     lambda c: _kappa_steps(100, False) / _double_root_steps(100) < 10, None),
    ("10.动量的几何", "特征都减过均值,$b$ 和 $w$ 互不牵连,$H$ 在 $b$ 上正好是 $2$", True,
     lambda c: np.abs(mse_hessian(c.x)[:-1, -1]).max() < 1e-12 and mse_hessian(c.x)[-1, -1] == 2, None),
    ("10.动量的几何", "收缩因子都是 sqrt(0.9) = 0.949,比 beta* 的 0.553 慢得多:要 233 步", "0.949",
     lambda c: max(convergence_factor(_polyak(c)[0], 0.9, v) for v in _eigs(c)[0]), 0.0005),
    ("10.动量的几何", "收缩因子都是 sqrt(0.9) = 0.949,比 beta* 的 0.553 慢得多:要 233 步", "0.553",
     lambda c: _polyak(c)[2], 0.0005),
    ("10.动量的几何", "收缩因子都是 sqrt(0.9) = 0.949,比 beta* 的 0.553 慢得多:要 233 步", "233",
     lambda c: _gap_steps(c, Momentum(lr=_polyak(c)[0], beta=0.9)), 0),
    ("10.动量的几何", "(kappa = 100 时 576 步对 57 步)", "576", lambda c: _kappa_steps(100, False), 0.5),
    ("10.动量的几何", "(kappa = 100 时 576 步对 57 步)", "57", lambda c: _kappa_steps(100, True), 0.5),
    ("10.动量的几何", "步数之比约等于 sqrt(kappa)", True,
     lambda c: all(abs(_kappa_steps(k, False) / _kappa_steps(k, True) / np.sqrt(k) - 1) < 0.05
                   for k in (12.1, 100, 1e4)), None),
    ("10.动量的几何", "误差要缩小约 2.6e5 倍 (不是 1e5)", "2.6e5",
     lambda c: np.sqrt((mse_curve(start_theta(c.M)[None], c.x, c.y)[0] - c.opt) / 1e-10), 0.05e5),
    ("10.动量的几何", "是 2x2 矩阵的重根 (最平 +sqrt(beta*), 最陡 -sqrt(beta*))", True,
     lambda c: _double_root(c, 0) < 1e-12 and _double_root(c, -1) < 1e-12, None),
    ("10.动量的几何", "正好在边上时判别式只剩舍入误差 (1e-15 量级", True,
     lambda c: max(_double_root(c, 0), _double_root(c, -1)) < 1e-14, None),
    # the lesson prints a double root within 1e-9 of 0: the extremes are, the middle ones are not
    ("10.动量的几何", "中间的方向都在振荡,模长都是 $\\sqrt{\\beta^*}$", True,
     lambda c: max(_double_root(c, 0), _double_root(c, -1)) < 1e-12
     and all(_discriminant(c, i) < -1e-3 for i in range(1, c.M)), None),
]
# fmt: on

# fmt: off
NON_CLAIMS = [
    ("思路来自 Goh 2017", "citation"),
    ("先回忆第 1 课的学习率上限 2/λmax", "question"),
    ("$|1 - \\eta\\lambda_i| < 1$ 的方向收敛,越接近 0 越快", "formula"),
    ("让两头的 $|1 - \\eta\\lambda|$ 相等", "formula"),
    ("($w$ 全是 1,$b = 0$)用 $\\eta^*$ 跑 100 步,把每一步的误差投影到 6 个特征方向上", "set-up"),
    ("$c_i(k) = (1 - \\eta^*\\lambda_i)^k\\,c_i(0)$", "formula"),
    ("两者的 $|1 - \\eta\\lambda|$ 相等", "formula"),
    ("所以 $b$ 的最优值就是 0", "formula"),
    ("每个方向是一个 2×2 的系统", "set-up"),
    ("$\\beta = 0$ 时它就是梯度下降的 $|1 - \\eta\\lambda_i|$", "formula"),
    ("Polyak 1964;Goh 2017", "citation"),
    ("(动量系数 $0 \\le \\beta < 1$ 时):$0 < \\eta\\lambda_i < 2(1 + \\beta)$", "formula"),
    ("Lessard、Recht、Packard(2016)", "citation"),
    ("把每一组都跑 200 步", "set-up"),
    ("图里白色的区域 200 步内到不了", "set-up"),
    ("稳定上限 $2(1+\\beta)/\\lambda_\\max$", "formula"),
    ("每个方向的 2×2 矩阵有两个特征值,它们的和是 $1 + \\beta - \\eta\\lambda$", "formula"),
    ("$0 < \\beta < 1$ 时分三种情况", "formula"),
    ("- $\\eta\\lambda < (1 - \\sqrt\\beta)^2$", "formula"),
    ("- $(1 - \\sqrt\\beta)^2 < \\eta\\lambda < (1 + \\sqrt\\beta)^2$", "formula"),
    ("- $\\eta\\lambda > (1 + \\sqrt\\beta)^2$(还在稳定上限 $2(1 + \\beta)$ 以内)", "formula"),
    ("$\\beta = 0$ 时两个根是 0 和 $1 - \\eta\\lambda$(梯度下降):$1 - \\eta\\lambda < 0$ 的方向同样每步换号", "formula"),
    ("Goh 2017 把这三种叫作", "citation"),
    ("实际运行的前 40 步里", "set-up"),
    ("$\\beta$ 太大(0.8)时", "set-up"),
    ("最陡的方向 $1 - \\eta^*\\lambda_\\max < 0$", "formula"),
    ("最陡的方向 $1 - \\eta\\lambda_\\max = -0.847$", "formula"),
    ("积累到 $g / (1 - \\beta)$", "formula"),
    ("学习率很小时($\\eta\\lambda \\ll 1$)", "formula"),
    ("它就像学习率是 $\\eta / (1 - \\beta)$ 的随机梯度下降", "formula"),
    ("学习率 $\\eta/(1-\\beta)$ 的随机梯度下降一样多", "formula"),
    ("(种子 0)", "set-up"),
    ("学习率 1e-3 的随机梯度下降在最平的方向上", "set-up"),
    ("每步只乘以 $1 - \\eta\\lambda_\\min", "formula"),
    ("动量法(学习率 1e-3,$\\beta = 0.8$)", "set-up"),
    ("学习率 1e-3 的约 5 倍,约等于 $1/(1-\\beta) = 5$", "formula"),
    ("把 $\\beta$ 从 $\\beta^*$ 加大到 0.5 和 0.9,MSE 离最优值不到 1e-10 要走多少步", "question"),
    ("beta = 0.9 时(在 eta* 这个学习率下)", "set-up"),
    ("如果条件数 $\\kappa$ 是 100", "question"),
    ("把误差缩小 1e5 倍要多少步", "question"),
    ("倍数 (1 + c k)", "formula"),
    ("左图是 6 个特征方向各自的收缩因子(超过 1 的方向会发散", "set-up"),
    ("跑 100 步离最优值的距离", "set-up"),
    ("每步乘以 $|1 - \\eta\\lambda_i|$", "formula"),
    ("稳定要 $\\eta < 2/\\lambda_\\max$", "formula"),
    ("每步乘以 $(\\kappa - 1)/(\\kappa + 1)$", "formula"),
    ("每个方向变成一个 2×2 的系统", "set-up"),
    ("稳定范围放宽到 $0 < \\eta\\lambda < 2(1 + \\beta)$($0 \\le \\beta < 1$)", "formula"),
    ("让收缩因子变成 $(\\sqrt\\kappa - 1)/(\\sqrt\\kappa + 1)$", "formula"),
    ("把学习率放大 $1/(1-\\beta)$ 倍", "formula"),
    ("也放大约 $1/(1-\\beta)$ 倍(参数的抖动放大约 $\\sqrt{1/(1-\\beta)}$ 倍)", "formula"),
]
# fmt: on
