"""The claims of 4.ada_grad: its prose's numbers and laws, recomputed."""

from functools import cache

import numpy as np

from claims.context import explorer_bowl_claims, explorer_vs_lesson
from course_lib.curves import sse_curve
from course_lib.gradients import (
    row_gradient,
    sampled_rows,
    start_theta,
)
from course_lib.optimizers import AdaGrad, trajectory
from course_lib.runs import lesson_run


@cache
def _adagrad_10000(c):
    """Lesson 4, exercise 2: (the final per-parameter rates, the final SSE) after 10000 steps."""
    optimizer = AdaGrad(lr=0.1)
    thetas = trajectory(
        optimizer, row_gradient(c.x, c.y, sampled_rows(c.N, 10000)), start_theta(c.M), 10000
    )
    rates = optimizer.lr / np.sqrt(optimizer.S + optimizer.eps)
    return rates, float(sse_curve(thetas[-1:], c.x, c.y)[0])


# fmt: off
CLAIMS = [
    # ---- 4.ada_grad ------------------------------------------------------------------------
    ("4.ada_grad", "这一步每个参数都正好移动 0.1", "0.1",
     lambda c: np.abs(np.diff(c.thetas("AdaGrad")[:2], axis=0)).max(), 1e-6),
    ("4.ada_grad", "这一课每一步每个参数都朝下坡走", True,
     lambda c: c.uphill_fraction("AdaGrad") == 0.0, None),
    ("4.ada_grad", "而动量法有约 32% 的分量在朝上坡走", "32",
     lambda c: 100 * c.uphill_fraction("Momentum"), 0.5),
    ("4.ada_grad", "其中只有 1197 条被抽到过", "1197", lambda c: len(np.unique(c.rows("AdaGrad"))), 0),
    ("4.ada_grad", "太小时(比如 0.01)步子只会越来越小,2500 步后 SSE 还有 6575", "6575",
     lambda c: c.variant("AdaGrad", 1)[-1], 0.5),
    ("4.ada_grad", "在这个问题上 2500 步时它还在慢慢逼近最优值", True,
     lambda c: np.all(np.diff([c.L("AdaGrad")[k - 250:k].mean() for k in (1500, 2000, 2500)]) < 0)
     and c.L("AdaGrad")[-1] > c.opt_sse, None),
    ("4.ada_grad", "学习率往大调也不容易发散", True,
     lambda c: np.all(np.isfinite(c.sweep["AdaGrad"])), None),
    ("4.ada_grad", "步只相当于把 1503 条数据过了约 1.66 遍", "1.66", lambda c: lesson_run("AdaGrad").steps / c.N, 0.005),
    # ---- 4.ada_grad, exercises 1-2 ---------------------------------------------------------
    ("4.ada_grad", "最后 500 步平均 788, 和 0.1 的 745 相差不大", "788",
     lambda c: c.variant("AdaGrad", 2)[-500:].mean(), 0.5),
    ("4.ada_grad", "最后 500 步平均 788, 和 0.1 的 745 相差不大", "745", lambda c: c.L("AdaGrad")[-500:].mean(), 0.5),
    ("4.ada_grad", "缩小 10 倍 (0.01) 却停在 6756", "6756", lambda c: c.variant("AdaGrad", 1)[-500:].mean(), 0.5),
    ("4.ada_grad", "学习率太小 (1e-4) 走得慢 (1128)", "1128",
     lambda c: c.variant("Momentum", 4, 2500)[-500:].mean(), 0.5),
    ("4.ada_grad", "太大 (1e-2) 抖得厉害, 最后 500 步平均 1195", "1195",
     lambda c: c.variant("Momentum", 5, 2500)[-500:].mean(), 0.5),
    ("4.ada_grad", "(5.1e-4 到 6.7e-4)", "5.1e-4", lambda c: _adagrad_10000(c)[0].min(), 0.05e-4),
    ("4.ada_grad", "(5.1e-4 到 6.7e-4)", "6.7e-4", lambda c: _adagrad_10000(c)[0].max(), 0.05e-4),
    ("4.ada_grad", "学习率只剩 0.1 的一两百分之一", True,
     lambda c: 0.1 / _adagrad_10000(c)[0].max() >= 100 and 0.1 / _adagrad_10000(c)[0].min() < 200, None),
    ("4.ada_grad", "10000 步后 SSE 729.54, 比 2500 步后的 741.54", "729.54", lambda c: _adagrad_10000(c)[1], 0.005),
    ("4.ada_grad", "10000 步后 SSE 729.54, 比 2500 步后的 741.54", "741.54", lambda c: c.L("AdaGrad")[-1], 0.005),
    ("4.ada_grad", "更接近最优值 727.89", "727.89", lambda c: c.opt_sse, 0.005),
    ("4.ada_grad", "所以曲线和上面的结果相差不到 0.3%", True, lambda c: explorer_vs_lesson(c, "AdaGrad") < 0.003, None),
]
# fmt: on
# the explorer's paragraph: the bowl's rate, where the two panels disagree
CLAIMS += explorer_bowl_claims("4.ada_grad")
