"""The claims of 0.导论: its prose's numbers and laws, recomputed."""

from functools import cache

import numpy as np

from claims.context import loss_evaluations
from course_lib import least_squares, load_table, mse_hessian, numeric_gradient
from course_lib.curves import mse_curve
from course_lib.gradients import (
    full_batch_gradient,
    start_theta,
)
from course_lib.model import mse, mse_gradient
from course_lib.optimizers import SGD, trajectory
from course_lib.runs import lesson_run

# UCI's description of the airfoil file, column by column: (smallest, largest) value of each
# quantity in its unit; a row of the lesson's table holds if its column of the file spans that
COLUMN_RANGES = [
    (200, 20000),
    (0, 22.2),
    (0.0254, 0.3048),
    (31.7, 71.3),
    (0.000400682, 0.0584113),
    (103.38, 140.987),
]


def _column(number):
    """Whether column ``number`` (1-based, as the table writes it) spans its quantity's range."""
    column = load_table()[:, number - 1]
    low, high = COLUMN_RANGES[number - 1]
    return bool(
        np.isclose(column.min(), low, rtol=1e-3) and np.isclose(column.max(), high, rtol=1e-3)
    )


def _theta_stop(c, eps=1e-3):
    """Where forward differences stop: theta* - eps H^{-1} 1 (the lesson's formula)."""
    w, b = least_squares(c.x, c.y)
    return np.append(w, b) - eps * np.linalg.solve(mse_hessian(c.x), np.ones(c.M + 1))


@cache
def _forward_gap(c, eps=1e-3, steps=1000):
    """The lesson's check and exercise 1: forward-difference GD (lr 0.1) for ``steps`` steps,
    the last iterate and its MSE above the optimum."""
    theta = trajectory(
        SGD(lr=0.1), full_batch_gradient(c.x, c.y, eps=eps), start_theta(c.M), steps
    )[-1]
    return theta, float(mse_curve(theta[None], c.x, c.y)[0] - c.opt)


def _steps_to_stop(c, lr):
    """The first step at which forward-difference GD is within 1e-10 of where it stops (the
    lesson prints "不到 1e-10" for a run that has settled)."""
    thetas = trajectory(SGD(lr=lr), full_batch_gradient(c.x, c.y), start_theta(c.M), 20000)
    return int(np.argmax(np.abs(thetas - _theta_stop(c)).max(axis=1) < 1e-10))


def _rounding_ratios(c, method):
    """max |numeric - exact| * eps / L at the start, for the lesson's 19 eps from 1e-1 to 1e-10."""
    w, b = np.ones(c.M), 0.0
    loss = mse(w, b, c.x, c.y)
    exact = np.append(*mse_gradient(w, b, c.x, c.y))
    ratios = []
    for eps in np.logspace(-1, -10, 19):
        numeric = np.append(
            *numeric_gradient(lambda w, b: mse(w, b, c.x, c.y), w, b, eps=eps, method=method)
        )
        ratios.append(np.abs(numeric - exact).max() * eps / loss)
    return np.array(ratios)


def _forward_bias(c):
    """Forward minus exact gradient at the start, every component (numeric_gradient's eps)."""
    theta = start_theta(c.M)
    return full_batch_gradient(c.x, c.y, "forward")(theta, 0) - full_batch_gradient(
        c.x, c.y, "exact"
    )(theta, 0)


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
    # ---- the data's table: each column of the file holds the quantity the table names
    ("0.导论", "| 1 | 频率 | Hz |", True, lambda c: _column(1), None),
    ("0.导论", "| 2 | 攻角 | 度 |", True, lambda c: _column(2), None),
    ("0.导论", "| 3 | 弦长 | m |", True, lambda c: _column(3), None),
    ("0.导论", "| 4 | 自由流速度 | m/s |", True, lambda c: _column(4), None),
    ("0.导论", "| 5 | 吸力面位移厚度 | m |", True, lambda c: _column(5), None),
    ("0.导论", "| 6 | 声压级(要预测的 $y$) | dB |", True,
     lambda c: _column(6) and np.allclose(c.y, (load_table()[:, 5] - load_table()[:, 5].mean())
                                          / load_table()[:, 5].std()), None),
    # ---- standardization, the model, the optimum
    ("0.导论", "所有列的均值都是 0,标准差都是 1", "0",
     lambda c: np.abs(np.column_stack([c.x, c.y]).mean(0)).max(), 1e-12),
    ("0.导论", "所有列的均值都是 0,标准差都是 1", "1",
     lambda c: np.abs(np.column_stack([c.x, c.y]).std(0) - 1).max() + 1, 1e-12),
    ("0.导论", "模型有 5 个权重 $w$ 和 1 个偏置 $b$", "5", lambda c: c.M, 0),
    ("0.导论", "模型有 5 个权重 $w$ 和 1 个偏置 $b$", "1", lambda c: len(start_theta(c.M)) - c.M, 0),
    ("0.导论", "6 个参数画不出来", "6", lambda c: len(start_theta(c.M)), 0),
    ("0.导论", "令梯度等于 0,就得到最小二乘的闭式解", "0",
     lambda c: np.abs(np.append(*mse_gradient(*least_squares(c.x, c.y), c.x, c.y))).max(), 1e-12),
    ("0.导论", "约 $2.7\\times10^{11}$", "2.7e11",
     lambda c: (lambda e: e.max() / e.min())(np.linalg.eigvalsh(mse_hessian(load_table()[:, :-1]))),
     0.05e11),
    ("0.导论", "**MSE = 0.4842902579**", "0.4842902579", lambda c: c.opt, 5e-11),
    ("0.导论", "(SSE = 727.8882576)", "727.8882576", lambda c: c.opt_sse, 5e-8),
    # ---- the gradient check at the start
    ("0.导论", "在起点 $w = 1, b = 0$ 比较一下", True,
     lambda c: list(start_theta(c.M)) == [1.0] * c.M + [0.0], None),
    # numeric_gradient's eps: the forward differences' bias is eps (second derivatives 2)
    ("0.导论", "($\\epsilon = 10^{-3}$)", "1e-3", lambda c: _forward_bias(c).mean(), 1e-9),
    ("0.导论", "x_{ji}^2 = 2$(对 $b$ 也是 2)", "2", lambda c: np.diag(mse_hessian(c.x)).min(), 1e-12),
    ("0.导论", "x_{ji}^2 = 2$(对 $b$ 也是 2)", "2", lambda c: np.diag(mse_hessian(c.x)).max(), 1e-12),
    # where rounding wins (eps <= 3e-8 here) the forward error times eps / L is 1.2e-16 to 2.9e-16
    ("0.导论", "直到舍入误差(约 $10^{-16} L / \\epsilon$)占了上风", True,
     lambda c: np.all((_rounding_ratios(c, "forward")[-6:] > 1e-17)
                      & (_rounding_ratios(c, "forward")[-6:] < 1e-15)), None),
    ("0.导论", "中心差分的误差从头到尾都只是舍入误差", True,
     lambda c: np.all(_rounding_ratios(c, "central") < 1e-15), None),
    # ---- where the forward differences stop
    ("0.导论", "梯度下降在\"数值梯度 = 0\"的地方停下", "0",
     lambda c: np.abs(full_batch_gradient(c.x, c.y)(_forward_gap(c)[0], 0)).max(), 1e-9),
    ("0.导论", "那里真正的梯度是 $-\\epsilon$(每个分量都是)", True,
     lambda c: np.allclose(full_batch_gradient(c.x, c.y, "exact")(_theta_stop(c), 0), -1e-3,
                           atol=1e-12), None),
    ("0.导论", "第 1 课的学习率 0.01", "0.01", lambda c: lesson_run("GD").hyperparameters["lr"], 0),
    # lr 0.01 needs 6461 steps to come within 1e-10 of the stop, lr 0.1 636 (of its 1000)
    ("0.导论", "要走好几千步才能停稳", True,
     lambda c: 3000 <= _steps_to_stop(c, 0.01) < 10000 and _steps_to_stop(c, 0.1) < 1000, None),
    ("0.导论", "多出来的 $2\\times10^{-6}$", "2e-6", lambda c: _forward_gap(c)[1], 0.5e-6),
    # SGD's last 500 steps: SSE std 8.36, an MSE std of 0.0056, thousands of times 2e-6
    ("0.导论", "比随机梯度下降的抖动小得多", True,
     lambda c: c.L("SGD")[-500:].std() / c.N > 100 * _forward_gap(c)[1], None),
    ("0.导论", "停在比最优值高约 $2\\times10^{-6}$ 的地方", "2e-6", lambda c: _forward_gap(c)[1],
     0.5e-6),
    # exercise 1: eps 1e-2 gives 2.0308e-4, eps 1e-3 2.0308e-6 (lr 0.1, 1000 steps)
    ("0.导论", "eps 大 10 倍,多出来的 loss 大 100 倍", "10", lambda c: 1e-2 / 1e-3, 1e-9),
    ("0.导论", "eps 大 10 倍,多出来的 loss 大 100 倍", "100",
     lambda c: _forward_gap(c, 1e-2)[1] / _forward_gap(c)[1], 0.5),
    ("0.导论", "(eps = 1e-3 时多 2.03e-06)", "2.03e-06", lambda c: _forward_gap(c)[1], 0.005e-6),
]

NON_CLAIMS = [
    ("记 $A = [X, \\mathbf{1}]$", "formula"),
    ("$\\nabla_w L = \\frac{2}{N} X^\\top r$", "formula"),
    ("$\\frac{\\partial L}{\\partial b} = \\frac{2}{N}\\sum_i r_i$", "formula"),
    ("{2\\epsilon}$", "formula"),
    ("$= \\frac{\\partial L}{\\partial \\theta_i} + \\frac{\\epsilon}{2}", "formula"),
    ("$\\frac{2}{N}\\sum_j", "formula"),
    ("从 $10^{-1}$ 变到 $10^{-10}$", "set-up"),
    ("$H(\\theta - \\theta^*) = -\\epsilon\\,\\mathbf{1}$", "formula"),
    ("用学习率 0.1 跑 1000 步梯度下降验证一下", "set-up"),
    ("把 $\\epsilon$ 换成 $10^{-2}$", "question"),
]
# fmt: on
