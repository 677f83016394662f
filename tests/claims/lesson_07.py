"""The claims of 7.adam: its prose's numbers and laws, recomputed."""

from functools import cache

import numpy as np

from claims.context import bowl_path, explorer_bowl_claims, explorer_vs_lesson, first_move
from course_lib.curves import sse_curve
from course_lib.gradients import (
    row_gradient,
    sampled_rows,
    start_theta,
)
from course_lib.optimizers import Adam


def _adam_s_hat(c):
    """Ŝ (bias-corrected S) of every parameter after every step of the Adam lesson."""
    return c.run5500("Adam")[1][:5499, 0] / (1 - 0.999 ** np.arange(1, 5500))[:, None]


@cache
def _adam_uncorrected(c):
    """Lesson 7: Adam without bias correction on the lesson's rows, 1000 steps (as the lesson's
    adam_without_correction): (the iterates, their SSE)."""
    gradient = row_gradient(c.x, c.y, sampled_rows(c.N, 1000))
    theta, v, S, thetas = start_theta(c.M), 0.0, 0.0, [start_theta(c.M)]
    for k in range(1000):
        g = gradient(theta, k)
        v = 0.9 * v + 0.1 * g
        S = 0.999 * S + 0.001 * g**2
        theta = theta - 1e-2 * v / (S**0.5 + 1e-6)
        thetas.append(theta)
    thetas = np.array(thetas)
    return thetas, sse_curve(thetas[1:], c.x, c.y)


def _uncorrected_first_step(beta2, g=2.0):
    """The first step of Adam without bias correction, in units of lr (beta1 = 0.9)."""
    v, S = 0.1 * g, (1 - beta2) * g**2
    return v / (S**0.5 + 1e-6)


def _adam_mean_move(c, index):
    return float(np.abs(np.diff(c.thetas("Adam", index), axis=0))[200:500].mean())


# fmt: off
CLAIMS = [
    # ---- 7.adam ----------------------------------------------------------------------------
    ("7.adam", "不做修正时第一步是 0.1 / sqrt(0.001) ≈ 3.16 倍的 lr", "3.16",
     lambda c: (1 - Adam().beta1) / np.sqrt(1 - Adam().beta2), 0.005),
    ("7.adam", "在这里 5499 步后 SSE 还有 902", "902",
     lambda c: c.variant("Adam", 1)[-1], 0.5),
    ("7.adam", "默认的 0.001 在这里 5499 步后 SSE 还有 902", "902",
     lambda c: c.variant("Adam", 1)[-1], 0.5),
    ("7.adam", "之后步长大约是 $\\eta$ 的十分之一到五分之一", True,
     lambda c: all(0.1 <= np.abs(np.diff(c.thetas("Adam"), axis=0))[k:k + 1000].mean() / 1e-2 <= 0.2
                   for k in range(1000, 5499, 1000)), None),
    ("7.adam", "# S_hat 在 2 到 100 多之间", True,
     lambda c: 1.5 < (c.run5500("Adam")[1][:5499, 0] / (1 - 0.999 ** np.arange(1, 5500))[:, None]).min()
     < 2.5 and 100 < (c.run5500("Adam")[1][:5499, 0]
                      / (1 - 0.999 ** np.arange(1, 5500))[:, None]).max() < 200, None),
    ("7.adam", "是 0.30、0.29、0.27、0.22", "0.30",
     lambda c: np.diff(bowl_path(Adam(lr=0.3)), axis=0)[0, 0], 0.005),
    ("7.adam", "是 0.30、0.29、0.27、0.22", "0.29",
     lambda c: np.diff(bowl_path(Adam(lr=0.3)), axis=0)[5, 0], 0.005),
    ("7.adam", "是 0.30、0.29、0.27、0.22", "0.27",
     lambda c: np.diff(bowl_path(Adam(lr=0.3)), axis=0)[10, 0], 0.005),
    ("7.adam", "是 0.30、0.29、0.27、0.22", "0.22",
     lambda c: np.diff(bowl_path(Adam(lr=0.3)), axis=0)[15, 0], 0.005),
    ("7.adam", "$x_1$ 从第 20 步起大于 0", "20",
     lambda c: int(np.argmax(bowl_path(Adam(lr=0.3))[:, 0] > 0)), 0),
    ("7.adam", "最远到 0.83", "0.83", lambda c: bowl_path(Adam(lr=0.3))[:, 0].max(), 0.005),
    ("7.adam", "loss 在头 1000 步里就降到最优值附近", True,
     lambda c: c.L("Adam")[999] < 1.1 * c.opt_sse, None),
    ("7.adam", "第一步就能迈出正常大小的步子", True,
     lambda c: np.allclose(first_move(c, "Adam"), 1e-2, rtol=1e-4), None),
    ("7.adam", "加上 1e-6 还是 1e-8 几乎没有区别", True,
     lambda c: np.abs(c.variant("Adam", 2, 5499) - c.L("Adam")).max() < 0.01, None),
    ("7.adam", "第一步两个方向都正好走了 lr(偏差修正的作用)", True,
     lambda c: np.allclose(np.abs(np.diff(bowl_path(Adam(lr=0.3))[:2], axis=0)), 0.3, rtol=1e-5),
     None),
    ("7.adam", "sqrt(S_hat) 在 1 到 10 的量级", True,
     lambda c: 1 <= np.sqrt(_adam_s_hat(c)).min() < 2 and 10 <= np.sqrt(_adam_s_hat(c)).max() < 20,
     None),
    # ---- 7.adam: bias correction, exercise 2 -----------------------------------------------
    ("7.adam", "= \\eta \\cdot 0.1/\\sqrt{0.001} \\approx 3.16\\,\\eta$", "3.16",
     lambda c: 0.1 / np.sqrt(0.001), 0.005),
    ("7.adam", "不修正时第一步约是 $3.162\\,\\eta$", "3.162",
     lambda c: np.abs(np.diff(_adam_uncorrected(c)[0][:2], axis=0)).mean() / 1e-2, 0.0005),
    ("7.adam", "(第 100 步 SSE 约 1029,修正后约 6291)", "1029", lambda c: _adam_uncorrected(c)[1][99], 0.5),
    ("7.adam", "(第 100 步 SSE 约 1029,修正后约 6291)", "6291", lambda c: c.L("Adam")[99], 0.5),
    ("7.adam", "(约 749 和 767,最优值约 728)", "749", lambda c: _adam_uncorrected(c)[1][999], 0.5),
    ("7.adam", "(约 749 和 767,最优值约 728)", "767", lambda c: c.L("Adam")[999], 0.5),
    ("7.adam", "(约 749 和 767,最优值约 728)", "728", lambda c: c.opt_sse, 0.5),
    ("7.adam", "不修正时开头的步子就越大", True,
     lambda c: _uncorrected_first_step(0.99) < _uncorrected_first_step(0.999)
     < _uncorrected_first_step(0.9999), None),
    ("7.adam", "第一步是 $(1-\\beta_1)/\\sqrt{1-\\beta_2}$ 倍的 $\\eta$", True,
     lambda c: np.allclose(np.abs(np.diff(_adam_uncorrected(c)[0][:2], axis=0)) / 1e-2,
                           0.1 / np.sqrt(0.001), rtol=1e-4), None),
    ("7.adam", "(第 500 步: 0.999 是 1224.2, 0.99 是 1070.2, 0.9 是 825.8)", "1224.2",
     lambda c: c.L("Adam")[499], 0.05),
    ("7.adam", "(第 500 步: 0.999 是 1224.2, 0.99 是 1070.2, 0.9 是 825.8)", "1070.2",
     lambda c: c.variant("Adam", 3)[499], 0.05),
    ("7.adam", "(第 500 步: 0.999 是 1224.2, 0.99 是 1070.2, 0.9 是 825.8)", "825.8",
     lambda c: c.variant("Adam", 4)[499], 0.05),
    ("7.adam", "每步平均走 1.55e-3、1.81e-3、2.22e-3", "1.55e-3", lambda c: _adam_mean_move(c, 0), 0.005e-3),
    ("7.adam", "每步平均走 1.55e-3、1.81e-3、2.22e-3", "1.81e-3", lambda c: _adam_mean_move(c, 3), 0.005e-3),
    ("7.adam", "每步平均走 1.55e-3、1.81e-3、2.22e-3", "2.22e-3", lambda c: _adam_mean_move(c, 4), 0.005e-3),
    ("7.adam", "三者最后 500 步的平均差不多 (764 到 768)", True,
     lambda c: all(763.5 <= curve[-500:].mean() < 768.5
                   for curve in (c.L("Adam"), c.variant("Adam", 3), c.variant("Adam", 4))), None),
    ("7.adam", "所以曲线和上面的结果相差不到 0.3%", True, lambda c: explorer_vs_lesson(c, "Adam") < 0.003, None),
]
# fmt: on
# the explorer's paragraph: the bowl's rate, where the two panels disagree
CLAIMS += explorer_bowl_claims("7.adam")
