"""The claims of 2.随机梯度下降: its prose's numbers and laws, recomputed."""

import numpy as np

from claims.context import explorer_bowl_claims, explorer_vs_lesson
from course_lib.curves import sse_curve
from course_lib.gradients import (
    row_gradient,
    sampled_rows,
    start_theta,
)
from course_lib.optimizers import SGD, trajectory
from course_lib.runs import lesson_run


# (lesson, fragment, written, compute(ctx), tolerance). ``written`` is the number as the
# fragment writes it (or True for a qualitative claim); tolerance is absolute.
def _sgd_seed_spread(c):
    """Spread (max - min) over seeds 0-3 of lesson 2's final SSE and of its last-500 mean."""
    finals, means = [], []
    for seed in range(4):
        gradient = row_gradient(c.x, c.y, sampled_rows(c.N, 2500, seed))
        curve = sse_curve(trajectory(SGD(lr=1e-3), gradient, start_theta(c.M), 2500)[1:], c.x, c.y)
        finals.append(curve[-1])
        means.append(curve[-500:].mean())
    return np.ptp(finals), np.ptp(means)


# fmt: off
CLAIMS = [
    # ---- 2.随机梯度下降 --------------------------------------------------------------------
    ("2.随机梯度下降", "最后 500 步平均约 781,最优值约 728", "781",
     lambda c: c.L("SGD")[-500:].mean(), 0.5),
    ("2.随机梯度下降", "最后 500 步平均约 781,最优值约 728", "728", lambda c: c.opt_sse, 0.5),
    ("2.随机梯度下降", "# 最后一步的 SSE 相差 20 多; 最后 500 步的平均也还差 20 多", True,
     lambda c: all(20 <= spread < 30 for spread in _sgd_seed_spread(c)), None),
    ("2.随机梯度下降", "2500 步只相当于把 1503 条数据过了约 1.66 遍", "1.66",
     lambda c: lesson_run("SGD").steps / c.N, 0.005),
    ("2.随机梯度下降", "其中只有 1197 条被抽到过", "1197", lambda c: len(np.unique(c.rows("SGD"))), 0),
    ("2.随机梯度下降", "一步的计算量从 1503 条数据降到 1 条", "1503", lambda c: c.N, 0),
    ("2.随机梯度下降", "这里 $\\eta = 10^{-3}$", "1e-3", lambda c: SGD().lr, 0),
    # ---- 2.随机梯度下降, exercise 2 ---------------------------------------------------------
    ("2.随机梯度下降", "第 300 步 SSE 972.76, 1e-3 时还有 4572.46", "972.76", lambda c: c.variant("SGD", 1)[299], 0.005),
    ("2.随机梯度下降", "第 300 步 SSE 972.76, 1e-3 时还有 4572.46", "4572.46", lambda c: c.L("SGD")[299], 0.005),
    ("2.随机梯度下降", "最后 500 步的标准差 33.59, 是 1e-3 时 (8.36) 的 4 倍", "33.59",
     lambda c: c.variant("SGD", 1)[-500:].std(), 0.005),
    ("2.随机梯度下降", "最后 500 步的标准差 33.59, 是 1e-3 时 (8.36) 的 4 倍", "8.36",
     lambda c: c.L("SGD")[-500:].std(), 0.005),
    ("2.随机梯度下降", "最后 500 步的标准差 33.59, 是 1e-3 时 (8.36) 的 4 倍", "4",
     lambda c: c.variant("SGD", 1)[-500:].std() / c.L("SGD")[-500:].std(), 0.05),
    ("2.随机梯度下降", "第 300 步反而比 1e-2 差 (1214.91)", "1214.91", lambda c: c.variant("SGD", 2)[299], 0.005),
    ("2.随机梯度下降", "最后 500 步平均 952.68、标准差 175.91", "952.68",
     lambda c: c.variant("SGD", 2)[-500:].mean(), 0.005),
    ("2.随机梯度下降", "最后 500 步平均 952.68、标准差 175.91", "175.91",
     lambda c: c.variant("SGD", 2)[-500:].std(), 0.005),
    ("2.随机梯度下降", "所以曲线和上面的结果相差不到 0.3%", True, lambda c: explorer_vs_lesson(c, "SGD") < 0.003, None),
]
# fmt: on
# the explorer's paragraph: the bowl's rate, where the two panels disagree
CLAIMS += explorer_bowl_claims("2.随机梯度下降")
