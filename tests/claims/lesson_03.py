"""The claims of 3.momentum: its prose's numbers and laws, recomputed."""

import numpy as np

from claims.context import (
    bowl_and_explorer_claims,
    explorer_bowl_claims,
    explorer_vs_lesson,
    in_code,
    loop_steps,
    reached,
)
from course_lib.curves import steps_to_within
from course_lib.landscapes import BOWL_START, bowl_gradient
from course_lib.optimizers import Momentum, trajectory
from course_lib.runs import lesson_run

LESSON = "3.momentum"
RUN = lesson_run("Momentum")
BETA = RUN.hyperparameters["beta"]


def _momentum_steps(beta, gradients):
    """The steps of the lessons' momentum (lr 1) when the gradient at step k is gradients[k]."""
    path = trajectory(
        RUN.make(lr=1.0, beta=beta),
        lambda th, k: np.array([gradients[k]]),
        np.zeros(1),
        len(gradients),
    )
    return -np.diff(path[:, 0])


class _Dampened:
    """The other common momentum: m <- beta*m + (1-beta)*g; theta <- theta - lr*m."""

    def __init__(self, lr, beta):
        self.lr, self.beta, self.m = lr, beta, 0.0

    def step(self, theta, grad):
        self.m = self.beta * self.m + (1 - self.beta) * grad
        return theta - self.lr * self.m


def _dampened_is_a_smaller_rate():
    """m <- beta*m + (1-beta)*g with rate lr walks the lesson's path with rate (1-beta)*lr."""
    lr = RUN.bowl_hyperparameters["lr"]
    dampened = trajectory(_Dampened(lr, BETA), bowl_gradient, BOWL_START, 40)
    lesson = trajectory(RUN.make(lr=(1 - BETA) * lr), bowl_gradient, BOWL_START, 40)
    return np.allclose(dampened, lesson, rtol=1e-12, atol=1e-12)


def _std_last500(c, beta):
    index = {0.8: None, 0.9: 1, 0.5: 2, 0.0: 3}[beta]
    curve = c.L("Momentum") if index is None else c.variant("Momentum", index)
    return curve[-500:].std()

    # fmt: on


# fmt: off
CLAIMS = [
    # ---- 3.momentum ------------------------------------------------------------------------
    ("3.momentum", "$\\beta = 0.8$ 是过去动量的权重", "0.8",
     lambda c: in_code(r"momentum_w = ([\d.]+) \* momentum_w", BETA, LESSON), 0),
    ("3.momentum", "$\\eta = 10^{-3}$。", "1e-3",
     lambda c: in_code(r"w -= momentum_w \* ([\d.e-]+)", RUN.hyperparameters["lr"], LESSON), 0),
    ("3.momentum", "和上一课相同的学习率", True,
     lambda c: in_code(r"w -= gradient_w \* ([\d.e-]+)", lesson_run("SGD").hyperparameters["lr"], "2.随机梯度下降")
     == RUN.hyperparameters["lr"], None),
    ("3.momentum", "1500 步就比 SGD 2500 步走得更远", "1500", lambda c: loop_steps(LESSON, "Momentum"), 0),
    ("3.momentum", "1500 步就比 SGD 2500 步走得更远", "2500", lambda c: loop_steps("2.随机梯度下降", "SGD"), 0),
    ("3.momentum", "时刻2 是 g * (1 + 0.8 + 0.8**2) = 2.44g", "2.44",
     lambda c: np.diff(trajectory(Momentum(lr=1.0), lambda th, k: -np.ones_like(th),
                                  np.zeros(1), 4)[:, 0])[2], 1e-9),
    ("3.momentum", "时刻3 是 2.952g", "2.952",
     lambda c: np.diff(trajectory(Momentum(lr=1.0), lambda th, k: -np.ones_like(th),
                                  np.zeros(1), 4)[:, 0])[3], 1e-9),
    ("3.momentum", "趋向 g / (1 - 0.8) = 5g", "5",
     lambda c: np.diff(trajectory(Momentum(lr=1.0), lambda th, k: -np.ones_like(th),
                                  np.zeros(1), 200)[:, 0])[-1], 1e-9),
    ("3.momentum", "1500 步还不到把 1503 条数据过 1 遍", True,
     lambda c: lesson_run("Momentum").steps < c.N, None),
    ("3.momentum", "1500 步还不到把 1503 条数据过 1 遍", "1500", lambda c: loop_steps(LESSON, "Momentum"), 0),
    ("3.momentum", "1500 步还不到把 1503 条数据过 1 遍", "1503", lambda c: c.N, 0),
    ("3.momentum", "其中只有 916 条被抽到过", "916", lambda c: len(np.unique(c.rows("Momentum"))), 0),
    ("3.momentum", "1500 步就比 SGD 2500 步走得更远", True,
     lambda c: c.L("Momentum")[-1] < c.L("SGD")[-1], None),
    # the paragraph after the loop: the momentum under a constant gradient g (steps at lr 1)
    ("3.momentum", "时刻 2 的动量是 $g(1 + 0.8 + 0.8^2) = 2.44g$", "2.44",
     lambda c: _momentum_steps(BETA, [1.0] * 4)[2], 1e-9),
    ("3.momentum", "时刻 3 是 $2.952g$", "2.952", lambda c: _momentum_steps(BETA, [1.0] * 4)[3], 1e-9),
    ("3.momentum", "动量会越滚越大", True, lambda c: np.all(np.diff(_momentum_steps(BETA, [1.0] * 50)) > 0), None),
    ("3.momentum", "最后稳定在 $g\\,(1 + 0.8 + 0.8^2 + \\cdots) = g / (1 - 0.8) = 5g$", "5",
     lambda c: _momentum_steps(BETA, [1.0] * 300)[-1], 1e-9),
    ("3.momentum", "动量法相当于把学习率放大了 5 倍", "5", lambda c: _momentum_steps(BETA, [1.0] * 300)[-1], 1e-9),
    ("3.momentum", "正负相互抵消,步子反而变小", True,
     lambda c: np.all(np.abs(_momentum_steps(BETA, [1.0, -1.0] * 100)[1:]) < 1), None),
    ("3.momentum", "`torch.optim.SGD(params, lr=1e-3, momentum=0.8)`", "0.8", lambda c: BETA, 0),
    ("3.momentum", "`torch.optim.SGD(params, lr=1e-3, momentum=0.8)`", "1e-3", lambda c: RUN.hyperparameters["lr"], 0),
    ("3.momentum", "稳定后的放大倍数从 5 倍变成 10 倍", "5", lambda c: _momentum_steps(BETA, [1.0] * 300)[-1], 1e-9),
    ("3.momentum", "稳定后的放大倍数从 5 倍变成 10 倍", "10", lambda c: _momentum_steps(0.9, [1.0] * 400)[-1], 1e-9),
    ("3.momentum", "只相当于把学习率乘以 $1-\\beta$", True, lambda c: _dampened_is_a_smaller_rate(), None),
    # exercise 1's reading: from 0.8 to 0.9 faster and noisier; 0.5 is still descending at the end
    ("3.momentum", "beta 从 0.8 加大到 0.9 时,更快但也抖得更厉害", True,
     lambda c: reached(c.variant("Momentum", 1), c, 0.05) < reached(c.L("Momentum"), c, 0.05)
     and c.variant("Momentum", 1)[-500:].std() > c.L("Momentum")[-500:].std(), None),
    ("3.momentum", "(0.5 还没走到底,它的标准差 11.88 混着还在下降的趋势)", "11.88",
     lambda c: c.variant("Momentum", 2)[-500:].std(), 0.005),
    ("3.momentum", "(0.5 还没走到底,它的标准差 11.88 混着还在下降的趋势)", True,
     lambda c: c.variant("Momentum", 2)[1000:1250].mean() > c.variant("Momentum", 2)[1250:1500].mean() + 10
     and reached(c.variant("Momentum", 2), c, 0.05) > 1000, None),
    ("3.momentum", "所以 beta 从 0.8 加大到 0.9 时", "0.8", lambda c: lesson_run("Momentum").hyperparameters["beta"], 0),
    # ---- 3.momentum, exercise 1 ------------------------------------------------------------
    ("3.momentum", "0(就是随机梯度下降)", True,
     lambda c: np.array_equal(c.variant("Momentum", 3), c.L("SGD")[:1500]), None),
    ("3.momentum", "beta 越大,到得越快", True,
     lambda c: reached(c.variant("Momentum", 1), c, 0.05) < reached(c.L("Momentum"), c, 0.05)
     < reached(c.variant("Momentum", 2), c, 0.05), None),
    ("3.momentum", "(0.5:1456 步,0.8:448 步,0.9:259 步", "1456",
     lambda c: reached(c.variant("Momentum", 2), c, 0.05), 0),
    ("3.momentum", "(0.5:1456 步,0.8:448 步,0.9:259 步", "448",
     lambda c: reached(c.L("Momentum"), c, 0.05), 0),
    ("3.momentum", "(0.5:1456 步,0.8:448 步,0.9:259 步", "259",
     lambda c: reached(c.variant("Momentum", 1), c, 0.05), 0),
    ("3.momentum", "beta = 0 的 SGD 1500 步内到不了", True,
     lambda c: steps_to_within(c.variant("Momentum", 3), c.opt_sse, 0.05) is None, None),
    # of the betas that get there (0.5, 0.8, 0.9; beta = 0 is still descending)
    ("3.momentum", "在到了的三个里(beta = 0 没有到)", True,
     lambda c: steps_to_within(c.variant("Momentum", 3), c.opt_sse, 0.05) is None
     and all(reached(c.variant("Momentum", k), c, 0.05) is not None for k in (1, 2))
     and reached(c.L("Momentum"), c, 0.05) is not None, None),
    ("3.momentum", "0.9 抖得最厉害", True,
     lambda c: _std_last500(c, 0.9) > max(_std_last500(c, 0.8), _std_last500(c, 0.5)), None),
    ("3.momentum", "(标准差 17.98,0.8 是 9.96)", "17.98", lambda c: c.variant("Momentum", 1)[-500:].std(), 0.005),
    ("3.momentum", "(标准差 17.98,0.8 是 9.96)", "9.96", lambda c: c.L("Momentum")[-500:].std(), 0.005),
    ("3.momentum", "所以曲线和上面的结果相差不到 0.3%", True, lambda c: explorer_vs_lesson(c, "Momentum") < 0.003, None),
    # exercise 2: a constant gradient 1, 200 steps of the lesson's momentum (lr 1 here)
    ("3.momentum", "梯度一直是 1 时,动量每步先乘以 beta 再加上 1,最后停在 1 / (1 - beta) 不再变", True,
     lambda c: all(np.isclose(_momentum_steps(b, np.ones(200))[-1], 1 / (1 - b), rtol=1e-9) for b in (0.5, 0.8, 0.9)),
     None),
    ("3.momentum", "beta = 0.9 时每步走 0.010", "0.010", lambda c: 1e-3 * _momentum_steps(0.9, np.ones(200))[-1], 0.0005),
    ("3.momentum", "是没有动量时(每步 lr = 1e-3)的 10 倍", "10", lambda c: _momentum_steps(0.9, np.ones(200))[-1], 0.05),
]
# fmt: on
# the bowl's paragraph and the explorer's divergence rule (shared with lessons 4 and 5)
CLAIMS += bowl_and_explorer_claims("3.momentum")
# the explorer's paragraph: the bowl's rate, where the two panels disagree
CLAIMS += explorer_bowl_claims("3.momentum")

# fmt: off
NON_CLAIMS = [
    ("常用 $\\beta = 0.9$", "citation"),
    ("$m \\leftarrow \\beta m + (1-\\beta) g$", "formula"),
    ("乘以 $1-\\beta$", "formula"),
    ("加大到 0.9 时", "set-up"),
    ("把 0.8 换成 0(就是随机梯度下降)、0.5、0.9(教科书常用的值),1500 步里 SSE 第一次降到最优值的 105% 以内用了几步", "question"),
    ("最后 500 步的平均 SSE 和抖动(标准差)是多少", "question"),
    ("步子放大到 1 / (1 - beta) 倍", "formula"),
    ("如果梯度一直是 1,动量法每一步最终会走多远", "question"),
    ("$g / (1 - \\beta)$", "formula"),
    ("$\\beta$ = 0.5、0.8、0.9 时的答案", "question"),
    ("跑 200 步验证", "question"),
    ("每一步走 lr / (1 - beta)", "formula"),
    ("放大到 1 / (1 - beta) 倍的梯度下降", "formula"),
]
# fmt: on
