"""The claims of 9.小批量与学习率调度: its prose's numbers and laws, recomputed."""

from functools import cache

import numpy as np

from claims.context import closest_after_5500
from course_lib import mse_hessian
from course_lib.curves import mse_curve
from course_lib.gradients import (
    batch_gradient,
    row_gradient,
    sampled_rows,
    shuffled_batches,
    start_theta,
)
from course_lib.model import design_matrix
from course_lib.optimizers import SGD, AdaGrad, trajectory
from course_lib.schedules import schedule_rates
from course_lib.widgets.schedule import schedule_gaps


@cache
def _adagrad_sums(c):
    optimizer = AdaGrad(lr=0.1)
    gradient = row_gradient(c.x, c.y, sampled_rows(c.N, 5500), exact=True)
    theta, sums = start_theta(c.M), []
    for k in range(5500):
        theta = optimizer.step(theta, gradient(theta, k))
        sums.append(optimizer.S.mean())
    return np.array(sums)


def _s0_over_sigma2(c):
    sigma2, s0 = np.polyfit(np.arange(1000, 5500), _adagrad_sums(c)[1000:], 1)
    return s0 / sigma2


# ---- 9.小批量与学习率调度: recomputed independently (batches drawn here, not by the lesson's
# loops; the schedules from course_lib.schedules.schedule_rates) -------------------
@cache
def _noise_by_batch(c):
    """Variance of the minibatch gradient at the start, for B = 1 .. 64 and 1024."""
    A, theta = design_matrix(c.x), start_theta(c.M)
    rows_grad = 2 * (A @ theta - c.y)[:, None] * A
    mean = rows_grad.mean(axis=0)
    out = {}
    for B in (1, 2, 4, 8, 16, 32, 64, 1024):
        batches = shuffled_batches(c.N, B, 600, seed=1)  # other batches than the lesson's
        estimates = rows_grad[batches].mean(axis=1)
        out[B] = ((estimates - mean) ** 2).sum(axis=1).mean()
    return out


def _noise_slope(c):
    noise = _noise_by_batch(c)
    sizes = [1, 2, 4, 8, 16, 32, 64]
    return np.polyfit(np.log(sizes), np.log([noise[B] for B in sizes]), 1)[0]


@cache
def _budget(c, B, lr):
    """Mean gap over the last 10% of steps of minibatch SGD with B rows, 5 epochs of rows."""
    steps = 5 * c.N // B
    gaps = schedule_gaps(c.x, c.y, B, np.full(steps, lr))[
        1:
    ]  # the explorer's run: shuffled batches
    tail = float(gaps[-max(1, steps // 10) :].mean())
    return tail if np.isfinite(tail) else np.inf


def _best_budget_lr(c, B):
    lrs = [1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 0.45]
    return min(lrs, key=lambda lr: _budget(c, B, lr))


@cache
def _scheduled(c, schedule, lr0=0.01, steps=5000):
    rates = (
        np.full(steps, 1e-3)
        if schedule == "constant 1e-3"
        else schedule_rates(schedule, lr0, steps)
    )
    return _sgd_gaps(c, rates, sampled_rows(c.N, steps)[:, None])


def _sgd_gaps(c, rates, batches):
    """MSE minus the optimum after each step of SGD at ``rates[k]`` on ``batches[k]``."""
    sgd = SGD(lr=lambda k: rates[k])
    thetas = trajectory(sgd, batch_gradient(c.x, c.y, batches), start_theta(c.M), len(rates))
    return mse_curve(thetas[1:], c.x, c.y) - c.opt


DECAYING = ["step decay", "1/t", "cosine", "warm-up + cosine"]


def _adagrad_increments(c):
    """Relative difference of S's mean growth per step over steps 1000-3000 and 3000-5500."""
    sums = _adagrad_sums(c)
    early, late = (sums[2999] - sums[999]) / 2000, (sums[5499] - sums[2999]) / 2500
    return abs(early / late - 1)


@cache
def _t0_gap(c, t0, steps=5000):
    rates = 0.01 / (1 + np.arange(steps) / t0)
    return float(_sgd_gaps(c, rates, sampled_rows(c.N, steps)[:, None])[-500:].mean())


@cache
def _adagrad_long(c, steps=50000):
    """AdaGrad (lr 0.1) on the lesson's rows (seed 0, exact one-row gradients): its gap after
    every step, and each parameter's effective rate lr / sqrt(S + eps) after step 5500."""
    optimizer = AdaGrad(lr=0.1)
    gradient = row_gradient(c.x, c.y, sampled_rows(c.N, steps), exact=True)
    theta, thetas = start_theta(c.M), []
    for k in range(steps):
        theta = optimizer.step(theta, gradient(theta, k))
        thetas.append(theta)
        if k == 5499:
            rates = 0.1 / np.sqrt(optimizer.S + optimizer.eps)
    return mse_curve(np.array(thetas), c.x, c.y) - c.opt, rates


@cache
def _constant_sgd(c, steps=40000):
    """Gaps after every step of SGD at 1e-3 and at 1e-2 on the same rows (seed 0), stacked."""
    rates = np.array([[1e-3], [1e-2]])
    gradient = row_gradient(c.x, c.y, sampled_rows(c.N, steps), exact=True)
    thetas = trajectory(SGD(lr=rates), gradient, np.tile(start_theta(c.M), (2, 1)), steps)
    return mse_curve(thetas[1:], c.x, c.y).T - c.opt


@cache
def _inverse_sqrt(c, steps=200000):
    """Gaps of SGD with lr 0.01 / sqrt(1 + k / 250): the sum of its squares diverges."""
    sgd = SGD(lr=lambda k: 0.01 / np.sqrt(1 + k / 250))
    gradient = row_gradient(c.x, c.y, sampled_rows(c.N, steps), exact=True)
    return mse_curve(trajectory(sgd, gradient, start_theta(c.M), steps)[1:], c.x, c.y) - c.opt


@cache
def _schedule_std_factors(c, seed):
    """Last-500 std of constant 1e-2 over each decaying schedule's, rows of another seed."""
    rows = sampled_rows(c.N, 5000, seed)[:, None]
    rates = [schedule_rates(s, 0.01, 5000) for s in ["constant", *DECAYING]]
    gaps = [_sgd_gaps(c, r, rows)[-500:].std() for r in rates]
    return [gaps[0] / g for g in gaps[1:]]


def _windows(gaps):
    """Four windows of 20000 steps: from step 4000, 20000, 80000 and 180000."""
    return np.array([gaps[a : a + 20000] for a in (4000, 20000, 80000, 180000)])


def _variance_formula(N, B):
    """(1/B)(N-B)/(N-1): the minibatch mean's variance over one row's."""
    return (N - B) / (B * (N - 1))


# fmt: off
CLAIMS = [
    ("9.小批量与学习率调度", "方差和 $B$ 成反比($B$ = 1 到 64 斜率约 $-1$)", "-1", _noise_slope, 0.05),
    ("9.小批量与学习率调度", "方差和 $B$ 成反比($B$ = 1 到 64 斜率约 $-1$)", "64", lambda c: 64, 0),
    ("9.小批量与学习率调度", "$B$ 大 100 倍,方差小约 100 倍,**标准差**只小约 10 倍", "100",
     lambda c: _variance_formula(c.N, 1) / _variance_formula(c.N, 100), 10),
    ("9.小批量与学习率调度", "$B$ 大 100 倍,方差小约 100 倍,**标准差**只小约 10 倍", "10",
     lambda c: np.sqrt(_variance_formula(c.N, 1) / _variance_formula(c.N, 100)), 0.5),
    ("9.小批量与学习率调度", "$B$ 大 100 倍,方差小约 100 倍,**标准差**只小约 10 倍", True,
     lambda c: 0.85 < _noise_by_batch(c)[1] / _noise_by_batch(c)[64] / 64 * (c.N - 64) / (c.N - 1) < 1.15, None),
    ("9.小批量与学习率调度", "$B = 1024$ 时只剩 $1/B$ 的约 0.32 倍", "0.32",
     lambda c: _variance_formula(c.N, 1024) * 1024, 0.005),
    ("9.小批量与学习率调度", "$B = 1024$ 时只剩 $1/B$ 的约 0.32 倍", True,
     lambda c: 0.8 < _noise_by_batch(c)[1024] / (_noise_by_batch(c)[1] * _variance_formula(c.N, 1024)) < 1.2, None),
    ("9.小批量与学习率调度", "$B = 1024$ 时只剩 $1/B$ 的约 0.32 倍", "1024", lambda c: 1024, 0),
    # why the best rate grows with B here: with 5 epochs, lr x steps and lr^2 x steps x variance
    # stay equal when lr grows with B (at the best rates 1e-3, 1e-2, 0.1)
    ("9.小批量与学习率调度", "学习率跟着大 $B$ 倍,走过的总路程(学习率 × 步数)", True,
     lambda c: np.ptp([lr * (5 * c.N // B) for B, lr in ((1, 1e-3), (10, 1e-2), (100, 0.1))]) < 0.02 * 7.5
     and np.ptp([lr**2 * (5 * c.N // B) * _variance_formula(c.N, B) for B, lr in ((1, 1e-3), (10, 1e-2), (100, 0.1))])
     < 0.1 * 7.5e-3, None),
    ("9.小批量与学习率调度", "学习率还远低于上限、$B$ 远小于 $N$ 时才是这样", True,
     lambda c: _best_budget_lr(c, c.N) < 10 * _best_budget_lr(c, 100), None),
    ("9.小批量与学习率调度", "同样的 5 轮数据(约 7515 份工作量", "7515", lambda c: 5 * c.N, 0),
    ("9.小批量与学习率调度", "$B = N$ 只走 5 步", "5", lambda c: 5 * c.N // c.N, 0),
    ("9.小批量与学习率调度", "同样的工作量,梯度下降($B = N$)只走了 5 步,离最优值最远", True,
     lambda c: _budget(c, c.N, _best_budget_lr(c, c.N))
     > 5 * max(_budget(c, B, _best_budget_lr(c, B)) for B in (1, 10, 100)), None),
    ("9.小批量与学习率调度", "$B$ = 1、10、100 最后离最优值相差不到 30%", True,
     lambda c: np.ptp([_budget(c, B, _best_budget_lr(c, B)) for B in (1, 10, 100)])
     < 0.3 * min(_budget(c, B, _best_budget_lr(c, B)) for B in (1, 10, 100)), None),
    ("9.小批量与学习率调度", "$B$ 大 10 倍,最好的学习率也大 10 倍", True,
     lambda c: [_best_budget_lr(c, B) for B in (1, 10, 100)] == [1e-3, 1e-2, 0.1], None),
    ("9.小批量与学习率调度", "常数 $10^{-2}$:开头快,但一直抖,最后离最优值最远", True,
     lambda c: _scheduled(c, "constant")[-500:].mean()
     == max(_scheduled(c, s)[-500:].mean() for s in ["constant", "constant 1e-3", *DECAYING])
     and _scheduled(c, "constant")[499] < _scheduled(c, "constant 1e-3")[499], None),
    ("9.小批量与学习率调度", "最后 500 步的平均离最优值都比两个常数近", True,
     lambda c: max(_scheduled(c, s)[-500:].mean() for s in DECAYING)
     < min(_scheduled(c, s)[-500:].mean() for s in ["constant", "constant 1e-3"]), None),
    ("9.小批量与学习率调度", "标准差比常数 $10^{-2}$ 小了约 100 到 185 倍", True,
     lambda c: all(100 <= _scheduled(c, "constant")[-500:].std() / _scheduled(c, s)[-500:].std() <= 185
                   for s in DECAYING), None),
    ("9.小批量与学习率调度", "$S$ 每步增加的量几乎不变", True, lambda c: _adagrad_increments(c) < 0.1, None),
    ("9.小批量与学习率调度", "方差是 16 分之一", "16", lambda c: _noise_by_batch(c)[1] / _noise_by_batch(c)[16], 1.6),
    ("9.小批量与学习率调度", "衰减得太早(25):学习率很快就小了", True, lambda c: _t0_gap(c, 25) > _t0_gap(c, 250), None),
    ("9.小批量与学习率调度", "太晚(2500):最后学习率还大,抖得多", True, lambda c: _t0_gap(c, 2500) > _t0_gap(c, 250), None),
    (
        "9.小批量与学习率调度",
        "第 8 课的随机方法里 AdaGrad 为什么最后离最优值最近",
        True,
        lambda c: closest_after_5500(c) == "AdaGrad",
        None,
    ),
    (
        "9.小批量与学习率调度",
        "第 8 课的随机方法里,AdaGrad 最后离最优值最近",
        True,
        lambda c: closest_after_5500(c) == "AdaGrad",
        None,
    ),
    ("9.小批量与学习率调度", "$B = N$ 时最好的是 0.3", "0.3", lambda c: _best_budget_lr(c, c.N), 0),
    ("9.小批量与学习率调度", "没法再大 10 倍", True,
     lambda c: 10 * _best_budget_lr(c, 100) > 2 / np.linalg.eigvalsh(mse_hessian(c.x)).max(), None),
    ("9.小批量与学习率调度", "上限 $2/\\lambda_\\max \\approx 0.474$", "0.474",
     lambda c: 2 / np.linalg.eigvalsh(mse_hessian(c.x)).max(), 0.0005),
    ("9.小批量与学习率调度", "预热加余弦在前 500 步从接近 0 线性升到 0.01", True,
     lambda c: np.allclose(np.diff(schedule_rates("warm-up + cosine", 0.01, 5000)[:500]), 0.01 / 500)
     and schedule_rates("warm-up + cosine", 0.01, 5000)[499] == 0.01, None),
    ("9.小批量与学习率调度", "从第 1000 步到第 5500 步,有效学习率降到约 0.64 倍,还没到 $1/\\sqrt{k}$ 的 0.43 倍", "0.64",
     lambda c: np.sqrt(_adagrad_sums(c)[999] / _adagrad_sums(c)[-1]), 0.005),
    ("9.小批量与学习率调度", "从第 1000 步到第 5500 步,有效学习率降到约 0.64 倍,还没到 $1/\\sqrt{k}$ 的 0.43 倍", "0.43",
     lambda c: np.sqrt(1000 / 5500), 0.005),
    ("9.小批量与学习率调度", "头 100 步里 $S$ 从约 13 涨到约 2200,有效学习率已经降了约 13 倍", "13",
     lambda c: _adagrad_sums(c)[0], 0.5),
    ("9.小批量与学习率调度", "头 100 步里 $S$ 从约 13 涨到约 2200,有效学习率已经降了约 13 倍", "2200",
     lambda c: _adagrad_sums(c)[99], 100),
    ("9.小批量与学习率调度", "头 100 步里 $S$ 从约 13 涨到约 2200,有效学习率已经降了约 13 倍", True,
     lambda c: abs(np.sqrt(_adagrad_sums(c)[99] / _adagrad_sums(c)[0]) - 13) < 0.5, None),
    ("9.小批量与学习率调度", "所以(第 1000 步以后)有效学习率约是", "1000", lambda c: 1000, 0),
    ("9.小批量与学习率调度", "AdaGrad 的差距在第 3 万到 5 万步的平均只有第 4500 到 6500 步的约 0.3 倍", "0.3",
     lambda c: _adagrad_long(c)[0][30000:].mean() / _adagrad_long(c)[0][4500:6500].mean(), 0.05),
    ("9.小批量与学习率调度", "上下抖的幅度也小了一半以上", True,
     lambda c: _adagrad_long(c)[0][30000:].std() < 0.5 * _adagrad_long(c)[0][4500:6500].std(), None),
    ("9.小批量与学习率调度", "每个参数的有效学习率(6.4e-4 到 8.5e-4)", "6.4e-4", lambda c: _adagrad_long(c)[1].min(), 0.05e-4),
    ("9.小批量与学习率调度", "每个参数的有效学习率(6.4e-4 到 8.5e-4)", "8.5e-4", lambda c: _adagrad_long(c)[1].max(), 0.05e-4),
    ("9.小批量与学习率调度", "又比随机梯度下降的 $10^{-3}$ 小", True, lambda c: _adagrad_long(c)[1].max() < 1e-3, None),
    ("9.小批量与学习率调度", "它开头步子大,走得快", True,
     lambda c: _adagrad_long(c)[0][499] < _constant_sgd(c)[0][499], None),
    ("9.小批量与学习率调度", "所以第 8 课的随机方法里它最后离最优值最近", True,
     lambda c: closest_after_5500(c) == "AdaGrad", None),
    ("9.小批量与学习率调度", "(要到几万步以后才像 $1/\\sqrt{k}$)", True,
     lambda c: _s0_over_sigma2(c) > 2000, None),
    # constant rates: the gap settles at a level proportional to the rate; 1/sqrt(k) converges
    ("9.小批量与学习率调度", "第 2000 到 2500 步离最优值的差距平均还有约 0.035", "0.035",
     lambda c: _constant_sgd(c)[0][2000:2500].mean(), 0.0005),
    ("9.小批量与学习率调度", "再走几千步才稳定在约 0.003", "0.003", lambda c: _constant_sgd(c)[0][10000:20000].mean(), 0.0006),
    ("9.小批量与学习率调度", "再走几千步才稳定在约 0.003", True,
     lambda c: abs(_constant_sgd(c)[0][7000:10000].mean() / _constant_sgd(c)[0][10000:40000].mean() - 1) < 0.25
     and _constant_sgd(c)[0][2500:3000].mean() > 3 * _constant_sgd(c)[0][10000:40000].mean(), None),
    ("9.小批量与学习率调度", "(学习率 $10^{-2}$ 时约 0.035,$10^{-3}$ 时约 0.003)", "0.035",
     lambda c: _constant_sgd(c)[1][20000:].mean(), 0.002),
    ("9.小批量与学习率调度", "(学习率 $10^{-2}$ 时约 0.035,$10^{-3}$ 时约 0.003)", "0.003",
     lambda c: _constant_sgd(c)[0][20000:].mean(), 0.0006),
    # 1/sqrt(k): its gap and jitter keep falling (windows of 20000 steps: the jitter is slow)
    ("9.小批量与学习率调度", "学习率取 $C/k^\\alpha$($0 < \\alpha \\le 1$)都会收敛", True,
     lambda c: np.all(np.diff(_windows(_inverse_sqrt(c)).mean(axis=1)) < 0)
     and _windows(_inverse_sqrt(c))[-1].mean() < 0.4 * _windows(_inverse_sqrt(c))[0].mean(), None),
    ("9.小批量与学习率调度", "$1/\\sqrt{k}$ 不满足 $\\sum_k \\eta_k^2 < \\infty$,但照样收敛,抖动也一直变小、趋于 0", True,
     lambda c: np.all(np.diff(_windows(_inverse_sqrt(c)).std(axis=1)) < 0)
     and _windows(_inverse_sqrt(c))[-1].std() < 0.5 * _windows(_inverse_sqrt(c))[0].std(), None),
    ("9.小批量与学习率调度", "换种子 1 到 20,这个倍数在约 10 到 600 之间变", "10",
     lambda c: min(min(_schedule_std_factors(c, s)) for s in range(1, 21)), 2),
    ("9.小批量与学习率调度", "换种子 1 到 20,这个倍数在约 10 到 600 之间变", "600",
     lambda c: max(max(_schedule_std_factors(c, s)) for s in range(1, 21)), 100),
    ("9.小批量与学习率调度", "换种子 1 到 20,这个倍数在约 10 到 600 之间变", "20", lambda c: 20, 0),
    ("9.小批量与学习率调度", "(固定 5 轮数据时大约和 $B$ 成正比)", True,
     lambda c: [_best_budget_lr(c, B) for B in (1, 10, 100)] == [1e-3, 1e-2, 0.1], None),
    ("9.小批量与学习率调度", "要到 $S_0/\\sigma^2$(约 2300 步)的好几倍以后", "2300", _s0_over_sigma2, 100),
    ("9.小批量与学习率调度", "这三个里 250 最好", True,
     lambda c: _t0_gap(c, 250) < min(_t0_gap(c, 25), _t0_gap(c, 2500)), None),
]
# fmt: on

# fmt: off
NON_CLAIMS = [
    ("每一步看**全部** $N = 1503$ 条数据", "set-up"),
    ("$B = 1$ 就是随机梯度下降", "set-up"),
    ("一批 100 条数据的梯度,噪声是一条数据的百分之几", "question"),
    ("很多人会猜 1/10(按标准差想)", "question"),
    ("的梯度是 $2\\,(a_i^\\top\\theta - y_i)\\,a_i$", "formula"),
    ("把每一种 $B$ 都抽 600 批", "set-up"),
    ("$\\frac{1}{B}\\cdot\\frac{N - B}{N - 1}$", "formula"),
    ("降得比 $1/B$ 更快(因子 $\\frac{N-B}{N-1}$", "formula"),
    ("$B = N$ 时是 0(图里画不出 0)", "formula"),
    ("$B = 1$ 走 7515 步", "set-up"),
    ("取最后 10% 步数里离最优值最近的那个学习率", "set-up"),
    ("- $B$ = 1、10、100 最后离最优值相差不到 30%", "set-up"),
    ("可同样 5 轮数据", "set-up"),
    ("(第 2 课的 2500 步还没走到这一步:学习率 $10^{-3}$ 时", "set-up"),
    ("下面 5 种调度的最大学习率都是 $\\eta_0 = 0.01$", "set-up"),
    ("从接近 0 线性升到 0.01;$B = 1$,5000 步", "set-up"),
    ("再加上第 2 课的常数 $10^{-3}$", "set-up"),
    ("- 常数 $10^{-2}$:开头快", "set-up"),
    ("常数 $10^{-3}$:抖得少", "set-up"),
    ("最后 500 步的平均离最优值", "set-up"),
    ("500 步的标准差本身就很不准", "set-up"),
    ("(Robbins & Monro 1951)", "citation"),
    ("$1/t$ 两条都满足", "formula"),
    ("$C/k^\\alpha$($0 < \\alpha \\le 1$)", "formula"),
    ("(Moulines & Bach 2011 给出了每一种 $\\alpha$ 的收敛速度),比如 $1/\\sqrt{k}$", "citation"),
    ("第 2000 到 2500 步", "set-up"),
    ("(学习率 $10^{-2}$ 时", "set-up"),
    ("以后才像 $1/\\sqrt{k}$ 那样衰减", "formula"),
    ("还没到 $1/\\sqrt{k}$ 的 0.43 倍", "formula"),
    ("以后才像 $1/\\sqrt{k}$。", "formula"),
    ("$1/\\sqrt{k}$ 不满足", "formula"),
    ("只是比 $1/t$ 慢", "formula"),
    ("学习率取 $\\eta/\\sqrt{k}$(每步投影回可行域)时,平均遗憾(regret)以 $1/\\sqrt{T}$ 趋于 0(Zinkevich 2003)", "citation"),
    ("(Cesa-Bianchi、Conconi、Gentile 2004)", "citation"),
    ("以 $1/\\sqrt{T}$ 趋于 0", "citation"),
    ("Duchi、Hazan、Singer 2011", "citation"),
    ("说明 $1/\\sqrt{k}$ 这样的调度为什么合理", "formula"),
    ("$B = 16$ 的批梯度,噪声的方差是 $B = 1$ 的几分之一", "question"),
    ("(抽样的 600 批有一点随机误差),标准差只是 4 分之一", "formula"),
    ("把 $1/t$ 调度 $\\eta_0 / (1 + k / 250)$ 里的 250 换成 25(学习率衰减得早 10 倍)和 2500(晚 10 倍)", "question"),
    ("最后 500 步离最优值的平均差距", "question"),
    ("(5 轮数据,每种 $B$ 工作量相同)", "set-up"),
    ("噪声的方差是一条的 $\\frac{1}{B}\\cdot\\frac{N-B}{N-1}$:$B$ 远小于 $N$ 时约为 $1/B$,$B = N$ 时为 0", "formula"),
    ("$B$ = 1 到 100 配上各自最好的学习率", "set-up"),
    ("(阶梯、$1/t$、余弦、预热加余弦)", "formula"),
    ("到第 5500 步", "set-up"),
]
# fmt: on
