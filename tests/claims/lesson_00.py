"""The claims of 0.导论: its prose's numbers and laws, recomputed."""

import numpy as np

from claims.context import loss_evaluations
from course_lib import least_squares
from course_lib.gradients import (
    full_batch_gradient,
    start_theta,
)

# fmt: off
CLAIMS = [
    ("0.导论", "离最优值约 $1.66\\times10^{-6}$(第 1821 步)", "1.66e-6", lambda c: c.gd_gap.min(),
     0.005e-6),
    ("0.导论", "离最优值约 $1.66\\times10^{-6}$(第 1821 步)", "1821",
     lambda c: int(np.argmin(c.gd_gap)), 0),
    ("0.导论", "最后停在离最优值 $2.03\\times10^{-6}$ 的地方", "2.03e-6", lambda c: c.gd_gap[-1],
     0.005e-6),
    ("0.导论", "每步要算 12 次 loss(前向差分只要 7 次)", "12",
     lambda c: loss_evaluations("central"), 0),
    ("0.导论", "每步要算 12 次 loss(前向差分只要 7 次)", "7",
     lambda c: loss_evaluations("forward"), 0),
    ("0.导论", "标准化之后 x 和 y 的均值都是 0, 所以偏置也是 0", True,
     lambda c: abs(least_squares(c.x, c.y)[1]) < 1e-12 and np.abs(c.x.mean(0)).max() < 1e-12
     and abs(c.y.mean()) < 1e-12, None),
    ("0.导论", "一共 1503 次测量,每行 6 个数", "1503",
     lambda c: __import__("course_lib").load_table().shape[0], 0),
    ("0.导论", "一共 1503 次测量,每行 6 个数", "6",
     lambda c: __import__("course_lib").load_table().shape[1], 0),
    ("0.导论", "降到约 12", "12", lambda c: c.hessian_eigs.max() / c.hessian_eigs.min(), 0.5),
    ("0.导论", "这两列的相关系数是 0.75", "0.75", lambda c: np.corrcoef(c.x[:, 1], c.x[:, 4])[0, 1],
     0.005),
    ("0.导论", "均方误差 MSE 的最优值约 0.4843", "0.4843", lambda c: c.opt, 5e-5),
    ("0.导论", "的最优值约 727.89", "727.89", lambda c: c.opt_sse, 0.005),
    ("0.导论", "重点是\"终点线\" MSE = 0.4842902579", "0.4842902579", lambda c: c.opt, 5e-11),
    ("0.导论", "偏差就**正好是 $\\epsilon$**", True,
     lambda c: np.allclose(full_batch_gradient(c.x, c.y, "forward")(start_theta(c.M), 0)
                           - full_batch_gradient(c.x, c.y, "exact")(start_theta(c.M), 0),
                           1e-3, atol=1e-9), None),
    ("0.导论", "所有课程都从 $w = 1$、$b = 0$ 出发", True,
     lambda c: list(start_theta(c.M)) == [1.0] * c.M + [0.0], None),
]
# fmt: on
