"""The claims of 12.今天的优化器: its prose's numbers and laws, recomputed.

Written apart from the lesson and from course_lib's optimizer classes: each method is restated
here in a few lines of NumPy (Nesterov in Sutskever's look-ahead form; Adam, AdamW, Lion and
Schedule-Free from their papers' formulas), so a bug shared by the lesson and course_lib shows.
"""

from functools import cache

import numpy as np

from course_lib import least_squares, mse_hessian
from course_lib.gradients import sampled_rows, start_theta
from course_lib.optimizers import Lion, ScheduleFreeSGD

LESSON = "12.今天的优化器"


# ---- the problem, written out ----------------------------------------------------------------
def _problem(c):
    A = np.column_stack([c.x, np.ones(c.N)])
    H = 2 * A.T @ A / c.N
    best = np.append(*least_squares(c.x, c.y))
    return A, H, best


def _grad(c, theta):
    A, _, _ = _problem(c)
    return 2 * A.T @ (A @ theta - c.y) / c.N


def _gap(c, theta):
    _, H, best = _problem(c)
    e = theta - best
    return 0.5 * e @ H @ e


def _extremes(c):
    lam = np.linalg.eigvalsh(mse_hessian(c.x))
    return lam[0], lam[-1]


# ---- Nesterov ----------------------------------------------------------------------------------
def _nesterov_radius(lr_lam, beta):
    """Largest |root| of z^2 - (1+beta)(1-lr lam) z + beta (1-lr lam)."""
    a = 1 - lr_lam
    return np.abs(np.roots([1, -(1 + beta) * a, beta * a])).max()


def _stability_law():
    """Stable exactly for 0 < lr lam < 2(1+beta)/(1+2beta), on a fine scan, several betas."""
    for beta in (0.0, 0.2, 0.5, 0.8, 0.95):
        limit = 2 * (1 + beta) / (1 + 2 * beta)
        for s in np.linspace(0.01, 3, 600):
            if abs(s - limit) > 1e-6 and (_nesterov_radius(s, beta) < 1) != (s < limit):
                return False
    return True


def _narrower_and_four_thirds():
    betas = np.linspace(0, 0.999, 200)
    limits = 2 * (1 + betas) / (1 + 2 * betas)
    return (
        np.all(np.diff(limits) < 0)
        and np.all(limits <= 2 * (1 + betas))
        and abs(limits[-1] - 4 / 3) < 1e-3
    )


def _lrp_setting(c):
    lo, hi = _extremes(c)
    root = np.sqrt(3 * hi / lo + 1)
    return 4 / (3 * hi + lo), (root - 2) / (root + 2)


def _nesterov_factor(c):
    lo, hi = _extremes(c)
    lr, beta = _lrp_setting(c)
    lam = np.linalg.eigvalsh(mse_hessian(c.x))
    return max(_nesterov_radius(lr * lam_i, beta) for lam_i in lam)


def _lrp_is_the_best(c):
    """No (lr, beta) on a grid around it has a smaller worst factor than Proposition 1's."""
    lam = np.linalg.eigvalsh(mse_hessian(c.x))
    best = _nesterov_factor(c)
    return all(
        max(_nesterov_radius(a * lam_i, b) for lam_i in lam) >= best - 1e-9
        for a in np.linspace(0.2, 0.45, 26)
        for b in np.linspace(0.3, 0.7, 21)
    )


def _hb_factor(c):
    lo, hi = _extremes(c)
    k = np.sqrt(hi / lo)
    return (k - 1) / (k + 1)


@cache
def _steps(c):
    """Steps to a gap below 1e-10: GD, heavy ball (Polyak), Nesterov in Sutskever's form."""
    lo, hi = _extremes(c)
    k = np.sqrt(hi / lo)
    found = {}
    theta = start_theta(c.M)
    for step in range(1, 300):
        theta = theta - 2 / (lo + hi) * _grad(c, theta)
        if _gap(c, theta) < 1e-10:
            found["GD"] = step
            break
    lr, beta = 4 / (np.sqrt(hi) + np.sqrt(lo)) ** 2, ((k - 1) / (k + 1)) ** 2
    theta, previous = start_theta(c.M), start_theta(c.M)
    for step in range(1, 300):
        theta, previous = theta - lr * _grad(c, theta) + beta * (theta - previous), theta
        if _gap(c, theta) < 1e-10:
            found["HB"] = step
            break
    lr, beta = _lrp_setting(c)
    phi, v = start_theta(c.M), np.zeros(c.M + 1)
    for step in range(1, 300):
        v = beta * v - lr * _grad(c, phi + beta * v)
        phi = phi + v
        if _gap(c, phi + beta * v) < 1e-10:  # the torch form's iterate is phi + beta v
            found["Nesterov"] = step
            break
    return found


def _nesterov_on_lessard(start, eta=0.9 / 25, steps=300):
    """Nesterov (Sutskever's form) with eta <= 1/L and beta from kappa' = 1/(eta mu) on the
    Lessard function: the first step from which |z| stays below 1e-10 (None: never)."""

    def grad(z):
        return 25 * z if z < 1 else (z + 24 if z < 2 else 25 * z - 24)

    k = np.sqrt(1 / eta)
    beta = (k - 1) / (k + 1)
    phi, v, path = start, 0.0, []
    for _ in range(steps):
        v = beta * v - eta * grad(phi + beta * v)
        phi = phi + v
        path.append(abs(phi + beta * v))
    small = np.array(path) < 1e-10
    return int(np.argmax(small)) + 1 if small.any() and small[np.argmax(small) :].all() else None


def _lessard(step, start=3.3, steps=300):
    def grad(z):
        return 25 * z if z < 1 else (z + 24 if z < 2 else 25 * z - 24)

    k = 5.0
    if step == "hb":
        alpha, beta = 4 / (k + 1) ** 2, ((k - 1) / (k + 1)) ** 2
        previous = z = start
        path = [z]
        for _ in range(steps):
            previous, z = z, z - alpha * grad(z) + beta * (z - previous)
            path.append(z)
        return np.array(path)
    alpha, beta = 1 / 25, (k - 1) / (k + 1)
    phi, v, path = start, 0.0, [start]
    for _ in range(steps):
        v = beta * v - alpha * grad(phi + beta * v)
        phi = phi + v
        path.append(phi)
    return np.array(path)


def _lessard_cycles():
    last = _lessard("hb")[-6:]
    return np.allclose(last[:3], last[3:], atol=1e-12) and np.abs(last).min() > 0.5


# ---- AdamW against Adam + L2 -------------------------------------------------------------------
def _ridge(c, lam):
    A, H, _ = _problem(c)
    return np.linalg.solve(H + lam * np.eye(c.M + 1), 2 * A.T @ c.y / c.N)


@cache
def _adam(c, decay, decoupled, steps=5000, lr0=0.1, eps=1e-8):
    """Adam (L2 in the gradient) or AdamW (decoupled decay), cosine from lr0 to 0."""
    return _adam_state(c, decay, decoupled, steps, lr0, eps)[0]


@cache
def _adam_state(c, decay, decoupled, steps=5000, lr0=0.1, eps=1e-8):
    """The same run's end point and its bias-corrected S."""
    theta, v, S = start_theta(c.M), 0.0, 0.0
    for t in range(1, steps + 1):
        lr = lr0 * 0.5 * (1 + np.cos(np.pi * (t - 1) / steps))
        g = _grad(c, theta)
        if decoupled:
            theta = theta * (1 - lr * decay)
        else:
            g = g + decay * theta
        v = 0.9 * v + 0.1 * g
        S = 0.999 * S + 0.001 * g * g
        theta = theta - lr * (v / (1 - 0.9**t)) / (np.sqrt(S / (1 - 0.999**t)) + eps)
    return theta, S / (1 - 0.999**steps)


def _effective_ridge_gap(c):
    """Distance from AdamW's end to the minimiser of MSE + L2 of strength lam (sqrt(S_hat) + eps)."""
    _, H, best = _problem(c)
    theta, S_hat = _adam_state(c, 0.1, True)
    effective = np.linalg.solve(H + np.diag(0.1 * (np.sqrt(S_hat) + 1e-8)), H @ best)
    return np.linalg.norm(effective - theta)


def _s_hat_shrinks(c):
    """S_hat at the end of the 5000-step run is smaller than at the end of a 1000-step one."""
    return bool(np.all(_adam_state(c, 0.1, True)[1] < _adam_state(c, 0.1, True, steps=1000)[1]))


def _box(c, radius):
    """Projected gradient descent, written here: the least squares in |theta_i| <= radius."""
    _, H, _ = _problem(c)
    step = 1 / np.linalg.eigvalsh(H)[-1]
    theta = np.zeros(c.M + 1)
    for _ in range(3000):
        theta = np.clip(theta - step * _grad(c, theta), -radius, radius)
    return theta


def _sgd_l2_is_decay(c):
    """theta - lr (g + lam theta) == theta (1 - lr lam) - lr g, step by step."""
    a = b = start_theta(c.M)
    for _ in range(50):
        a = a - 0.1 * (_grad(c, a) + 0.3 * a)
        b = b * (1 - 0.1 * 0.3) - 0.1 * _grad(c, b)
    return np.allclose(a, b, rtol=1e-12, atol=1e-14)


# ---- Lion --------------------------------------------------------------------------------------
@cache
def _lion(c, lr, steps=4000, decay=0.0):
    theta, m, path = start_theta(c.M), np.zeros(c.M + 1), [start_theta(c.M)]
    for _ in range(steps):
        g = _grad(c, theta)
        theta = theta * (1 - lr * decay) - lr * np.sign(0.9 * m + 0.1 * g)
        m = 0.99 * m + 0.01 * g
        path.append(theta)
    return np.array(path)


LION_LRS = (1e-2, 3e-3, 1e-3)


def _lion_tail_errors(c):
    """max |theta - theta*| over the last 1000 steps, in learning rates, for each lr."""
    best = _problem(c)[2]
    return [np.abs(_lion(c, lr)[-1000:] - best).max() / lr for lr in LION_LRS]


def _lion_widths(c):
    widths = [
        np.round((p.max(0) - p.min(0)) / lr) for lr in LION_LRS for p in [_lion(c, lr)[-1000:]]
    ]
    return np.min(widths), np.max(widths)


def _lion_lattice(c):
    return all(
        np.allclose(
            (_lion(c, lr) - start_theta(c.M)) / lr,
            np.round((_lion(c, lr) - start_theta(c.M)) / lr),
            atol=1e-6,
        )
        for lr in LION_LRS
    )


def _lion_cosine(c, steps=4000, lr0=1e-2):
    theta, m = start_theta(c.M), np.zeros(c.M + 1)
    for t in range(steps):
        lr = lr0 * 0.5 * (1 + np.cos(np.pi * t / steps))
        g = _grad(c, theta)
        theta = theta - lr * np.sign(0.9 * m + 0.1 * g)
        m = 0.99 * m + 0.01 * g
    return np.abs(theta - _problem(c)[2]).max()


def _box_invariance():
    """With lr lam <= 1: from inside the box a step stays in; outside, the excess |theta_i| - 1/lam
    is at least multiplied by 1 - lr lam. Random states, gradients, momenta."""
    rng = np.random.default_rng(0)
    for lr, lam in [(0.01, 2.0), (0.1, 5.0), (0.5, 2.0), (1.0, 1.0)]:
        for _ in range(200):
            theta = rng.uniform(-3 / lam, 3 / lam, size=20)
            optimizer = Lion(lr=lr, weight_decay=lam)
            optimizer.m = rng.normal(size=20)
            new = optimizer.step(theta, rng.normal(size=20) * 10)
            inside = np.abs(theta) <= 1 / lam
            if np.any(np.abs(new[inside]) > 1 / lam + 1e-12):
                return False
            excess, after = np.abs(theta[~inside]) - 1 / lam, np.abs(new[~inside]) - 1 / lam
            if np.any(after > (1 - lr * lam) * excess + 1e-12):
                return False
    return True


@cache
def _lion_box(c):
    path = _lion(c, 1e-3, decay=2.0)
    sizes = np.abs(path).max(axis=1)
    inside = int(np.argmax(sizes <= 0.5))
    return path, inside, bool(np.all(sizes[inside:] <= 0.5))


# ---- Schedule-Free against cosine --------------------------------------------------------------
SEEDS, STOPS, COSINE_LRS = 20, (500, 1000, 2500, 5000), (3e-3, 1e-2, 3e-2, 0.1)


@cache
def _rows(c):
    return np.stack([sampled_rows(c.N, 5000, seed) for seed in range(SEEDS)])  # (seed, step)


def _row_grads(c, thetas, rows):
    A = np.column_stack([c.x, np.ones(c.N)])
    a = A[rows]
    return 2 * ((a * thetas).sum(-1) - c.y[rows])[:, None] * a


def _gaps(c, thetas):
    _, H, best = _problem(c)
    e = thetas - best
    return 0.5 * ((e @ H) * e).sum(-1)


@cache
def _cosine_best(c, T):
    """Mean over the seeds of the final gap of cosine-from-lr0 SGD, the best lr0."""
    rows = _rows(c)
    finals = []
    for lr0 in COSINE_LRS:
        thetas = np.tile(start_theta(c.M), (SEEDS, 1))
        for k in range(T):
            lr = lr0 * 0.5 * (1 + np.cos(np.pi * k / T))
            thetas = thetas - lr * _row_grads(c, thetas, rows[:, k])
        finals.append(_gaps(c, thetas).mean())
    return min(finals)


@cache
def _schedule_free(c, beta, lr=0.03):
    """The seeds' mean gap at the average x after every step (the paper's three sequences)."""
    rows = _rows(c)
    z = np.tile(start_theta(c.M), (SEEDS, 1))
    x, y, out = z.copy(), z.copy(), []
    for k in range(5000):
        z = z - lr * _row_grads(c, y, rows[:, k])
        x = (1 - 1 / (k + 1)) * x + z / (k + 1)
        y = beta * x + (1 - beta) * z
        out.append(_gaps(c, x).mean())
    return np.array(out)


def _sf_ratios(c, beta, lr=0.03):
    return [_schedule_free(c, beta, lr)[T - 1] / _cosine_best(c, T) for T in STOPS]


def _sf_beta_zero_is_averaged_sgd(c):
    """beta = 0: y = z, plain SGD, and x the running mean of its iterates."""
    rows = sampled_rows(c.N, 200)
    optimizer, theta, plain, iterates = (
        ScheduleFreeSGD(lr=0.01, beta=0.0),
        start_theta(c.M),
        start_theta(c.M),
        [],
    )
    for k in range(200):
        theta = optimizer.step(theta, _row_grads(c, theta[None], rows[k : k + 1])[0])
        plain = plain - 0.01 * _row_grads(c, plain[None], rows[k : k + 1])[0]
        iterates.append(plain)
    return np.allclose(theta, plain, atol=1e-13) and np.allclose(
        optimizer.x, np.mean(iterates, 0), atol=1e-13
    )


@cache
def _exercise_2(c):
    """AdamW with lam = 5 (the lesson's exercise): its largest |theta_i|, how far from the box's
    optimum, and the box's optimum."""
    theta = _adam(c, 5.0, True)
    box = _box(c, 0.2)
    return np.abs(theta).max(), np.abs(theta - box).max(), box


# fmt: off
CLAIMS = [
    # ---- Nesterov --------------------------------------------------------------------------
    (LESSON, "由此可以推出稳定的条件", True, lambda c: _stability_law(), None),
    (LESSON, "$\\beta > 0$ 时比重球法的 $2(1+\\beta)$ 窄:$\\beta$ 越大越窄,$\\beta \\to 1$ 时只剩 $4/3$", True,
     lambda c: _narrower_and_four_thirds(), None),
    (LESSON, "在二次函数上,最好的一组参数(让最平和最陡的方向一样慢)", True, _lrp_is_the_best, None),
    (LESSON, "每步 0.553 对 0.673", "0.553", _hb_factor, 0.0005),
    (LESSON, "每步 0.553 对 0.673", "0.673", _nesterov_factor, 0.0005),
    (LESSON, "26 步对 33 步", "26", lambda c: _steps(c)["HB"], 0),
    (LESSON, "26 步对 33 步", "33", lambda c: _steps(c)["Nesterov"], 0),
    (LESSON, "两者都比梯度下降(69 步)快得多", "69", lambda c: _steps(c)["GD"], 0),
    (LESSON, "用 Polyak 的参数从某些起点出发会在 3 个点之间永远打转", True, lambda c: _lessard_cycles(), None),
    (LESSON, "用 Polyak 的参数从某些起点出发会在 3 个点之间永远打转", "3", lambda c: 3, 0),
    (LESSON, "`torch.optim.SGD(params, lr=0.31, momentum=0.51, nesterov=True)`", "0.31", lambda c: _lrp_setting(c)[0], 0.005),
    (LESSON, "`torch.optim.SGD(params, lr=0.31, momentum=0.51, nesterov=True)`", "0.51", lambda c: _lrp_setting(c)[1], 0.005),
    (LESSON, "对所有光滑的强凸函数都收敛(上面的 Lessard 函数)", True,
     lambda c: all(_nesterov_on_lessard(z) is not None for z in (0.5, 3.07, 3.3, 3.46, 5.0)), None),
    (LESSON, "看不出收敛的过程", True, lambda c: _lessard("nesterov")[3] == 0.0, None),
    (LESSON, "在二次函数上重球法更快:它的收缩因子 0.553 比 Nesterov 的 0.673 小", "0.553", _hb_factor, 0.0005),
    (LESSON, "在二次函数上重球法更快:它的收缩因子 0.553 比 Nesterov 的 0.673 小", "0.673", _nesterov_factor, 0.0005),
    # ---- AdamW -----------------------------------------------------------------------------
    (LESSON, "对随机梯度下降,两者完全一样", True, _sgd_l2_is_decay, None),
    (LESSON, "Adam + L2 走到了岭回归的解(只剩舍入误差)", True,
     lambda c: np.linalg.norm(_adam(c, 0.1, False) - _ridge(c, 0.1)) < 1e-12, None),
    (LESSON, "它停在不加正则的最优解旁边(约 0.001)", "0.001",
     lambda c: np.linalg.norm(_adam(c, 0.1, True) - _problem(c)[2]), 0.0005),
    (LESSON, "离岭回归的解约 0.09,差不多就是两个解之间的距离", "0.09",
     lambda c: np.linalg.norm(_adam(c, 0.1, True) - _ridge(c, 0.1)), 0.005),
    (LESSON, "离岭回归的解约 0.09,差不多就是两个解之间的距离", True,
     lambda c: abs(np.linalg.norm(_adam(c, 0.1, True) - _ridge(c, 0.1))
                   - np.linalg.norm(_ridge(c, 0.1) - _problem(c)[2])) < 0.005, None),
    (LESSON, "这里 $1/\\lambda = 10$,远大于最优解的 0.586", "0.586", lambda c: np.abs(_problem(c)[2]).max(), 0.0005),
    (LESSON, "这正是一个 L2 正则的条件,只是强度从 $\\lambda$ 变成了 $\\lambda\\sqrt{\\hat S_i}$", True,
     lambda c: _effective_ridge_gap(c) < 2e-4, None),
    (LESSON, "(最近约 1000 步梯度平方的平均)也跟着变小", "1000", lambda c: 1 / (1 - 0.999), 1e-6),
    (LESSON, "(最近约 1000 步梯度平方的平均)也跟着变小", True, _s_hat_shrinks, None),
    (LESSON, "它停下的地方已经很接近那个点", True,
     lambda c: np.linalg.norm(_adam(c, 0.1, True, steps=20000) - _problem(c)[2])
     < np.linalg.norm(_adam(c, 0.1, True) - _problem(c)[2]) / 10, None),
    (LESSON, "同一个 $\\lambda = 0.1$,精确的全量梯度,学习率从 0.1 按余弦降到 0(第 9 课),各走 5000 步", True,
     lambda c: "decay = 0.1" in _source() and 'schedule_rates("cosine", 0.1, T_adam)' in _source()
     and "T_adam = 5000" in _source(), None),
    # ---- Lion ------------------------------------------------------------------------------
    (LESSON, "($\\beta_1 = 0.9$、$\\beta_2 = 0.99$)", "0.9", lambda c: Lion().beta1, 0),
    (LESSON, "($\\beta_1 = 0.9$、$\\beta_2 = 0.99$)", "0.99", lambda c: Lion().beta2, 0),
    (LESSON, "不加衰减时,每个参数每一步都**正好**移动 $\\eta$", True,
     lambda c: all(np.allclose(np.abs(np.diff(_lion(c, lr), axis=0)), lr, rtol=1e-9) for lr in LION_LRS), None),
    (LESSON, "每个参数只能落在\"起点 + 整数 × 学习率\"的格点上", True, _lion_lattice, None),
    (LESSON, "离最优解最远约 2 个学习率", "2", lambda c: max(_lion_tail_errors(c), key=lambda e: abs(e - 2)), 0.3),
    (LESSON, "每个参数来回的范围只有 2 到 4 个学习率宽", "2", lambda c: _lion_widths(c)[0], 0),
    (LESSON, "每个参数来回的范围只有 2 到 4 个学习率宽", "4", lambda c: _lion_widths(c)[1], 0),
    (LESSON, "误差的大小由学习率决定,和它成正比", True,
     lambda c: max(_lion_tail_errors(c)) / min(_lion_tail_errors(c)) < 1.3, None),
    (LESSON, "要让它停下来,学习率必须变小", True, lambda c: _lion_cosine(c) < 1e-6, None),
    (LESSON, "学习率不变时误差停在约 2 个学习率", "2", lambda c: max(_lion_tail_errors(c), key=lambda e: abs(e - 2)), 0.3),
    (LESSON, "只要 $\\eta\\lambda \\le 1$", True, lambda c: _box_invariance(), None),
    (LESSON, "很快回到盒子边上(或者进去)", True, lambda c: _lion_box(c)[2] and _lion_box(c)[1] < 300, None),
    (LESSON, "权重衰减同样是一个盒子,而且一步也出不去", True, lambda c: _box_invariance(), None),
    (LESSON, "取 $\\lambda = 2$:盒子的边 $1/\\lambda = 0.5$ 小于最优解的 0.586", "0.586",
     lambda c: np.abs(_problem(c)[2]).max(), 0.0005),
    (LESSON, "带权重衰减 $\\lambda$ 的 Lion 会进入这个盒子", True,
     lambda c: np.abs(_lion_box(c)[0][-1] - _box(c, 0.5)).max() < 1e-3, None),
    (LESSON, "学习率不变时,它只能停在那个点附近几个学习率的范围里", True,
     lambda c: 1 < np.abs(_lion_box(c)[0][-1000:] - _box(c, 0.5)).max() / 1e-3 < 5, None),
    # ---- Schedule-Free ---------------------------------------------------------------------
    (LESSON, "$\\beta = 0$ 时就是随机梯度下降加上对各步取平均", True, _sf_beta_zero_is_averaged_sgd, None),
    (LESSON, "作者的默认值是 0.9", "0.9", lambda c: ScheduleFreeSGD().beta, 0),
    (LESSON, "在每一个停止步数上都比专门为那个 $T$ 调好的余弦调度离最优值近", True,
     lambda c: max(_sf_ratios(c, 0.5)) < 1, None),
    (LESSON, "差距只有余弦调度的 0.45 到 0.6 倍", "0.45", lambda c: min(_sf_ratios(c, 0.5)), 0.01),
    (LESSON, "差距只有余弦调度的 0.45 到 0.6 倍", "0.6", lambda c: max(_sf_ratios(c, 0.5)), 0.02),
    (LESSON, "学习率取 0.01 时,停在第 500 步就不如余弦调度", True, lambda c: _sf_ratios(c, 0.5, lr=0.01)[0] > 1, None),
    (LESSON, "差约 1.6 到 1.8 倍", "1.6", lambda c: min(_sf_ratios(c, 0.9)), 0.05),
    (LESSON, "差约 1.6 到 1.8 倍", "1.8", lambda c: max(_sf_ratios(c, 0.9)), 0.05),
    # ---- exercises ---------------------------------------------------------------------------
    (LESSON, "最大的 |theta_i| 停在盒子的边 0.2 附近", "0.2", lambda c: _exercise_2(c)[0], 0.01),
    (LESSON, "最优解的 5 个权重都比 0.2 大", "5", lambda c: int((np.abs(_problem(c)[2]) > 0.2).sum()), 0),
    (LESSON, "盒子里的最优解(KKT 点)有 3 个坐标贴在边上", "3",
     lambda c: int(np.isclose(np.abs(_exercise_2(c)[2]), 0.2, rtol=0, atol=1e-12).sum()), 0),
    (LESSON, "另外 2 个因为特征之间互相牵连,退到了边的里面", "2",
     lambda c: int(((np.abs(_exercise_2(c)[2]) < 0.2 - 1e-3) & (np.abs(_problem(c)[2]) > 0.2)).sum()), 0),
    (LESSON, "AdamW 停在离它还差 0.014 的地方", "0.014", lambda c: _exercise_2(c)[1], 0.0005),
    (LESSON, "在第 5000 步已经把学习率降到几乎 0", True, lambda c: 0.1 * 0.5 * (1 + np.cos(np.pi * 4999 / 5000)) < 1e-7, None),
    (LESSON, "最大的 |theta_i| 是 0.203,略大于 0.2", "0.203", lambda c: _exercise_2(c)[0], 0.0005),
    (LESSON, "最大的 |theta_i| 是 0.203,略大于 0.2", True, lambda c: 0.2 < _exercise_2(c)[0] < 0.21, None),
]
# fmt: on


def _source():
    from claims.context import lesson_source

    return lesson_source(LESSON)


NON_CLAIMS = [
    ("第 7 课的 Adam 是 2015 年的方法", "citation"),
    ("(Chen 等 2023)和 **Schedule-Free**(Defazio 等 2024)", "citation"),
    ("**Muon**(Jordan 2024)", "citation"),
    ("Polyak 1964", "citation"),
    ("Sutskever 等(2013)", "citation"),
    ("$z^2 - (1+\\beta)(1-\\eta\\lambda)\\,z + \\beta(1-\\eta\\lambda) = 0$", "formula"),
    ("($0 \\le \\beta < 1$)", "formula"),
    ("$\\beta > 0$ 时比重球法的 $2(1+\\beta)$ 窄", "formula"),
    ("$\\beta \\to 1$ 时只剩 $4/3$", "formula"),
    ("Lessard、Recht、Packard 2016 的 Proposition 1", "citation"),
    ("Nesterov(1983)证明", "citation"),
    ("动量系数随步数变大(约 $(k-1)/(k+2)$)的版本让 loss 的差距以 $1/k^2$ 缩小", "formula"),
    ("(梯度下降只有 $1/k$)", "formula"),
    ("取 $\\eta \\le 1/L$、$\\beta = (\\sqrt{\\kappa'} - 1)/(\\sqrt{\\kappa'} + 1)$", "formula"),
    ("($\\kappa' = 1/(\\eta\\mu)$),loss 的差距不超过 $C\\,(1 - 1/\\sqrt{\\kappa'})^k$", "formula"),
    ("Nesterov 2004 的教材", "citation"),
    ("Polyak(1964)只证明了在最优点附近成立", "citation"),
    ("Lessard、Recht、Packard(2016)构造了一个 $\\mu = 1$、$L = 25$ 的强凸函数", "citation"),
    ("在 loss 上加 $\\frac{\\lambda}{2}|\\theta|^2$", "formula"),
    ("Loshchilov & Hutter 2019", "citation"),
    ("$\\theta \\leftarrow \\theta\\,(1 - \\eta\\lambda)$", "formula"),
    ("$\\theta - \\eta(g + \\lambda\\theta) = \\theta(1 - \\eta\\lambda) - \\eta g$", "formula"),
    (
        "`torch.optim.AdamW(params, lr=0.1, weight_decay=0.1)`(PyTorch 默认 $\\epsilon = 10^{-8}$,这里也用它)",
        "set-up",
    ),
    (
        "同一个 $\\lambda = 0.1$,精确的全量梯度,学习率从 0.1 按余弦降到 0(第 9 课),各走 5000 步",
        "set-up",
    ),
    ("下面用第 5000 步的 $\\hat S$ 验证一下", "set-up"),
    (
        "Xie & Li(2024)证明,全量梯度、$\\beta_1 \\le \\beta_2 < 1$ 时(他们的证明分析的是 $\\epsilon = 0$)",
        "citation",
    ),
    ("这一课的余弦调度只走 5000 步", "set-up"),
    ("在 $|\\theta_i| \\le 1/\\lambda$ 的盒子里最小化原来的 loss", "formula"),
    ("这里 $1/\\lambda = 10$", "formula"),
    ("Loshchilov & Hutter(2019)证明的是上面那两点", "citation"),
    ("图像分类(CIFAR-10、ImageNet 32×32)", "citation"),
    ("Lion 是 Chen 等(2023)用程序搜索找到的优化器", "citation"),
    ("`lion_pytorch.Lion(params, lr=1e-3, weight_decay=2.0)`", "set-up"),
    ("三个学习率一起跑 4000 步", "set-up"),
    ("只要 $\\eta\\lambda \\le 1$", "formula"),
    (
        "$|\\theta_i| \\le 1/\\lambda$ 里面时,$|\\theta_i(1 - \\eta\\lambda) \\pm \\eta| \\le (1 - \\eta\\lambda)/\\lambda + \\eta = 1/\\lambda$",
        "formula",
    ),
    ("超出盒子的部分 $|\\theta_i| - 1/\\lambda$ 每步至少乘以 $1 - \\eta\\lambda$", "formula"),
    ("Chen、Liu、Liang、Liu(2023)证明了更多", "citation"),
    ("在 $|\\theta_i| \\le 1/\\lambda$ 的盒子里最小化 loss", "formula"),
    ("取 $\\lambda = 2$:盒子的边 $1/\\lambda = 0.5$", "set-up"),
    ("学习率在第 $T$ 步才降到 0", "formula"),
    ("Schedule-Free SGD(Defazio 等 2024)", "citation"),
    ("$\\beta = 0$ 时就是", "formula"),
    ("`schedulefree.SGDScheduleFreeReference(params, lr=0.03, momentum=0.5)`", "set-up"),
    ("每步一条数据($B = 1$);为了不被某一串行的运气左右,换 20 串行(种子 0 到 19)取平均", "set-up"),
    ("学习率从 0.003、0.01、0.03、0.1 里挑最好的;Schedule-Free 只跑一次(学习率 0.03)", "set-up"),
    ("$\\beta = 0.5$ 的 Schedule-Free 只跑了一次", "set-up"),
    ("作者的默认值 $\\beta = 0.9$", "set-up"),
    ("Defazio 等 2024 的 Theorem 1", "citation"),
    ("任何 $\\beta \\in [0, 1]$", "formula"),
    ("离最优值不到 $10^{-10}$", "question"),
    (
        "AdamW 的权重衰减取 $\\lambda = 5$(盒子的边 $1/\\lambda = 0.2$),照上面的设置跑 5000 步",
        "question",
    ),
    ("它的学习率 0.03 和 $\\beta = 0.5$ 也是在这 20 串行上试出来的", "set-up"),
    ("(学习率取 0.01 时,停在第 500 步", "set-up"),
    ("在第 5000 步已经把学习率降到几乎 0", "set-up"),
    ("左图是 6 个参数随步数的变化(虚线是盒子的边 $\\pm 1/\\lambda$)", "set-up"),
    ("$|\\theta_i| \\le 1/\\lambda$ 的盒子里最小化 loss", "formula"),
]
