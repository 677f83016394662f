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


# fmt: off
CLAIMS = [
    ("9.小批量与学习率调度", "方差和 $B$ 成反比(斜率约 $-1$)", "-1", _noise_slope, 0.05),
    ("9.小批量与学习率调度", "$B$ 大 100 倍,方差小 100 倍,**标准差**只小 10 倍", True,
     lambda c: 0.85 < _noise_by_batch(c)[1] / _noise_by_batch(c)[64] / 64 * (c.N - 64) / (c.N - 1) < 1.15, None),
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
    ("9.小批量与学习率调度", "衰减得太早 (25): 学习率很快就小了", True, lambda c: _t0_gap(c, 25) > _t0_gap(c, 250), None),
    ("9.小批量与学习率调度", "太晚 (2500): 最后学习率还大, 抖得多", True, lambda c: _t0_gap(c, 2500) > _t0_gap(c, 250), None),
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
    ("9.小批量与学习率调度", "上限 $2/\\lambda_\\max \\approx 0.474$", "0.474",
     lambda c: 2 / np.linalg.eigvalsh(mse_hessian(c.x)).max(), 0.0005),
    ("9.小批量与学习率调度", "预热加余弦在前 500 步从接近 0 线性升到 0.01", True,
     lambda c: np.allclose(np.diff(schedule_rates("warm-up + cosine", 0.01, 5000)[:500]), 0.01 / 500)
     and schedule_rates("warm-up + cosine", 0.01, 5000)[499] == 0.01, None),
    ("9.小批量与学习率调度", "这 5500 步里有效学习率降到约 0.64 倍,还没到 $1/\\sqrt{k}$ 的 0.43 倍", "0.64",
     lambda c: np.sqrt(_adagrad_sums(c)[999] / _adagrad_sums(c)[-1]), 0.005),
    ("9.小批量与学习率调度", "这 5500 步里有效学习率降到约 0.64 倍,还没到 $1/\\sqrt{k}$ 的 0.43 倍", "0.43",
     lambda c: np.sqrt(1000 / 5500), 0.005),
    ("9.小批量与学习率调度", "要到 $S_0/\\sigma^2$(约 2300 步)的好几倍以后", "2300", _s0_over_sigma2, 100),
    ("9.小批量与学习率调度", "这三个里 250 最好", True,
     lambda c: _t0_gap(c, 250) < min(_t0_gap(c, 25), _t0_gap(c, 2500)), None),
]
# fmt: on
