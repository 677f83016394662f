"""The claims of 4.ada_grad: its prose's numbers and laws, recomputed."""

from functools import cache

import numpy as np

from claims.context import (
    bowl_and_explorer_claims,
    explorer_bowl_claims,
    explorer_vs_lesson,
    in_code,
    loop_steps,
)
from course_lib.curves import sse_curve
from course_lib.gradients import (
    row_gradient,
    sampled_rows,
    start_theta,
)
from course_lib.optimizers import AdaGrad, trajectory
from course_lib.runs import lesson_run

LESSON = "4.ada_grad"
RUN = lesson_run("AdaGrad")


@cache
def _adagrad_10000(c):
    """Lesson 4, exercise 2: (the final per-parameter rates, the final SSE) after 10000 steps."""
    optimizer = AdaGrad(lr=0.1)
    thetas = trajectory(
        optimizer, row_gradient(c.x, c.y, sampled_rows(c.N, 10000)), start_theta(c.M), 10000
    )
    rates = optimizer.lr / np.sqrt(optimizer.S + optimizer.eps)
    return rates, float(sse_curve(thetas[-1:], c.x, c.y)[0])


def _first_step(c):
    """(the first gradient, the optimizer after the lesson's first step)."""
    optimizer = RUN.make()
    g = row_gradient(c.x, c.y, c.rows("AdaGrad"))(start_theta(c.M), 0)
    optimizer.step(start_theta(c.M), g)
    return g, optimizer


class _TorchAdagrad:
    """PyTorch's default placement: theta <- theta - lr * g / (sqrt(S) + eps), eps = 1e-10."""

    def __init__(self, lr, eps=1e-10):
        self.lr, self.eps, self.S = lr, eps, 0.0

    def step(self, theta, grad):
        self.S = self.S + grad**2
        return theta - self.lr * grad / (np.sqrt(self.S) + self.eps)


@cache
def _torch_vs_lesson(c):
    """Largest relative difference of the SSE curves: eps outside (PyTorch) or inside the root."""
    gradient = row_gradient(c.x, c.y, c.rows("AdaGrad"))
    thetas = trajectory(
        _TorchAdagrad(RUN.hyperparameters["lr"]), gradient, start_theta(c.M), RUN.steps
    )
    return float(np.abs(sse_curve(thetas[1:], c.x, c.y) / c.L("AdaGrad") - 1).max())


# fmt: off
CLAIMS = [
    # ---- 4.ada_grad ------------------------------------------------------------------------
    ("4.ada_grad", "其中 $\\eta = 0.1$", "0.1", lambda c: in_code(r"lr_w = ([\d.e-]+) /", RUN.hyperparameters["lr"], LESSON), 0),
    ("4.ada_grad", "$\\epsilon = 10^{-6}$", "1e-6", lambda c: in_code(r"\(S_w \+ ([\d.e-]+)\)", RUN.make().eps, LESSON), 0),
    ("4.ada_grad", "这一步每个参数都正好移动 0.1", "0.1",
     lambda c: np.abs(np.diff(c.thetas("AdaGrad")[:2], axis=0)).max(), 1e-6),
    ("4.ada_grad", "在时刻 0,$S = g^2$", True, lambda c: np.array_equal(_first_step(c)[1].S, _first_step(c)[0] ** 2), None),
    ("4.ada_grad", "所以 lr 等于 $0.1/|g|$", True,
     lambda c: np.allclose(RUN.hyperparameters["lr"] / np.sqrt(_first_step(c)[1].S + RUN.make().eps),
                           0.1 / np.abs(_first_step(c)[0]), rtol=1e-6), None),
    ("4.ada_grad", "这一课每一步每个参数都朝下坡走", True,
     lambda c: c.uphill_fraction("AdaGrad") == 0.0, None),
    ("4.ada_grad", "而动量法有约 32% 的分量在朝上坡走", "32",
     lambda c: 100 * c.uphill_fraction("Momentum"), 0.5),
    ("4.ada_grad", "(params, lr=0.1", "0.1", lambda c: RUN.hyperparameters["lr"], 0),
    ("4.ada_grad", "initial_accumulator_value=1e-6", "1e-6", lambda c: RUN.make().eps, 0),
    ("4.ada_grad", "两种写法几乎没有差别", True, lambda c: _torch_vs_lesson(c) < 1e-6, None),
    ("4.ada_grad", "$\\sqrt{\\epsilon} = 0.001$", "0.001", lambda c: np.sqrt(RUN.make().eps), 1e-12),
    ("4.ada_grad", "2500 步只相当于", "2500", lambda c: loop_steps(LESSON, "AdaGrad"), 0),
    ("4.ada_grad", "其中只有 1197 条被抽到过", "1197", lambda c: len(np.unique(c.rows("AdaGrad"))), 0),
    ("4.ada_grad", "太小时(比如 0.01)步子只会越来越小,2500 步后 SSE 还有 6575", "6575",
     lambda c: c.variant("AdaGrad", 1)[-1], 0.5),
    ("4.ada_grad", "在这个问题上 2500 步时它还在慢慢逼近最优值", True,
     lambda c: np.all(np.diff([c.L("AdaGrad")[k - 250:k].mean() for k in (1500, 2000, 2500)]) < 0)
     and c.L("AdaGrad")[-1] > c.opt_sse, None),
    ("4.ada_grad", "学习率往大调也不容易发散", True,
     lambda c: np.all(np.isfinite(c.sweep["AdaGrad"])), None),
    ("4.ada_grad", "步只相当于把 1503 条数据过了约 1.66 遍", "1.66", lambda c: lesson_run("AdaGrad").steps / c.N, 0.005),
    ("4.ada_grad", "步只相当于把 1503 条数据过了约 1.66 遍", "1503", lambda c: c.N, 0),
    # ---- 4.ada_grad, exercises 1-2 ---------------------------------------------------------
    ("4.ada_grad", "上一课的动量法(学习率 1e-3)", "1e-3", lambda c: lesson_run("Momentum").hyperparameters["lr"], 0),
    ("4.ada_grad", "最后 500 步平均 788,和 0.1 的 745 相差不大", "788",
     lambda c: c.variant("AdaGrad", 2)[-500:].mean(), 0.5),
    ("4.ada_grad", "最后 500 步平均 788,和 0.1 的 745 相差不大", "745", lambda c: c.L("AdaGrad")[-500:].mean(), 0.5),
    ("4.ada_grad", "缩小 10 倍(0.01)却停在 6756", "6756", lambda c: c.variant("AdaGrad", 1)[-500:].mean(), 0.5),
    ("4.ada_grad", "学习率太小(1e-4)走得慢(1128)", "1128",
     lambda c: c.variant("Momentum", 4, 2500)[-500:].mean(), 0.5),
    ("4.ada_grad", "太大(1e-2)抖得厉害,最后 500 步平均 1195", "1195",
     lambda c: c.variant("Momentum", 5, 2500)[-500:].mean(), 0.5),
    ("4.ada_grad", "(5.1e-04 到 6.7e-04)", "5.1e-04", lambda c: _adagrad_10000(c)[0].min(), 0.05e-4),
    ("4.ada_grad", "(5.1e-04 到 6.7e-04)", "6.7e-04", lambda c: _adagrad_10000(c)[0].max(), 0.05e-4),
    ("4.ada_grad", "学习率只剩 0.1 的一两百分之一", True,
     lambda c: 0.1 / _adagrad_10000(c)[0].max() >= 100 and 0.1 / _adagrad_10000(c)[0].min() < 200, None),
    ("4.ada_grad", "10000 步后 SSE 729.54,比 2500 步后的 741.54", "729.54", lambda c: _adagrad_10000(c)[1], 0.005),
    ("4.ada_grad", "10000 步后 SSE 729.54,比 2500 步后的 741.54", "741.54", lambda c: c.L("AdaGrad")[-1], 0.005),
    ("4.ada_grad", "更接近最优值 727.89", "727.89", lambda c: c.opt_sse, 0.005),
    ("4.ada_grad", "所以曲线和上面的结果相差不到 0.3%", True, lambda c: explorer_vs_lesson(c, "AdaGrad") < 0.003, None),
]
# fmt: on
# the bowl's paragraph and the explorer's divergence rule (shared with lessons 3 and 5)
CLAIMS += bowl_and_explorer_claims("4.ada_grad")
# the explorer's paragraph: the bowl's rate, where the two panels disagree
CLAIMS += explorer_bowl_claims("4.ada_grad")

# fmt: off
NON_CLAIMS = [
    ("防止除以 0", "formula"),
    ("eps=0", "formula"),
    ("$\\epsilon = 10^{-10}$", "citation"),  # PyTorch's default
    ("分母最小可以到 $10^{-10}$", "citation"),
    ("把 0.1 换成 0.01 和 1.0,2500 步之后的 SSE 是多少", "question"),
    ("也缩小、放大 10 倍跑 2500 步比一比", "question"),
    ("学习率放大 10 倍(1.0)", "set-up"),
    ("跑 10000 步,最后每个参数的学习率还剩多少", "question"),
    ("比开头的 0.1 小几倍", "question"),
    ("SSE 比 2500 步时更接近最优值吗", "question"),
]
# fmt: on
