"""The claims of 1.梯度下降: its prose's numbers and laws, recomputed."""

import numpy as np

from claims.context import bowl_path, explorer_bowl_claims, explorer_vs_lesson, loss_evaluations
from course_lib.curves import mse_curve, steps_to_within
from course_lib.gradients import (
    full_batch_gradient,
    start_theta,
)
from course_lib.landscapes import bowl_gradient
from course_lib.optimizers import SGD, trajectory


def _gd_lesson_lr(c, lr):
    """plt_y of lesson 1's loop (forward differences) with learning rate ``lr``."""
    with np.errstate(over="ignore", invalid="ignore"):
        return mse_curve(
            trajectory(SGD(lr=lr), full_batch_gradient(c.x, c.y), start_theta(c.M), 500)[1:],
            c.x,
            c.y,
        )


def _sign_alternates(path):
    return bool(np.all(np.sign(path[1:, 1]) == -np.sign(path[:-1, 1])))


def _gd_steps_to_1pct(c, lr):
    """Lesson 1, exercise 2: the step whose MSE is first within 1% (index = step number)."""
    thetas = trajectory(SGD(lr=lr), full_batch_gradient(c.x, c.y), start_theta(c.M), 1000)
    return steps_to_within(mse_curve(thetas, c.x, c.y), c.opt)


# fmt: off
CLAIMS = [
    # ---- 1.梯度下降 ----------------------------------------------------------------------
    ("1.梯度下降", "Hessian 特征值(0.35 到 4.22)", "0.35", lambda c: c.hessian_eigs.min(), 0.005),
    ("1.梯度下降", "Hessian 特征值(0.35 到 4.22)", "4.22", lambda c: c.hessian_eigs.max(), 0.005),
    ("1.梯度下降", "所以 0.4 在真实数据上同样能用", True,
     lambda c: c.gd_exact(0.4, 500) - c.opt < 1e-5 and 2 / c.hessian_eigs.max() > 0.4, None),
    ("1.梯度下降", "这个碗的二阶导数(0.2 和 4)", "0.2",
     lambda c: bowl_gradient(np.array([1.0, 0.0]))[0], 1e-12),
    ("1.梯度下降", "这个碗的二阶导数(0.2 和 4)", "4",
     lambda c: bowl_gradient(np.array([0.0, 1.0]))[1], 1e-12),
    ("1.梯度下降", "只走 40 步", "40", lambda c: len(bowl_path(SGD(lr=0.4))) - 1, 0),
    ("1.梯度下降", "而是 0.001 左右", "0.001",
     lambda c: full_batch_gradient(c.x, c.y, "forward")(start_theta(c.M), 0)[-1], 1e-5),
    ("1.梯度下降", "一步要算 7 次 loss", "7", lambda c: loss_evaluations("forward"), 0),
    # where the loss stops growing is rounding (its forward differences are noise by then): the
    # largest loss was 1.24e25 on one CPU, the last 8.3e24 there and above 1e25 on another
    ("1.梯度下降", "发散以后 loss 涨到 1e24 以上", True,
     lambda c: np.nanmin(_gd_lesson_lr(c, 0.5)[-200:]) >= 1e24, None),
    ("1.梯度下降", "每一步都冲过了谷底,来回振荡", True,
     lambda c: _sign_alternates(bowl_path(SGD(lr=0.4))), None),
    ("1.梯度下降", "再大一点,$x_2$ 方向就会发散", True,
     lambda c: abs(bowl_path(SGD(lr=0.51))[-1, 1]) > 2
     and abs(bowl_path(SGD(lr=0.4))[-1, 1]) < 1e-6, None),
    # ---- 1.梯度下降: the rate limit and exercises 1-2 --------------------------------------
    ("1.梯度下降", "0.5 只比上限 0.474 大一点, 就发散了", "0.474", lambda c: 2 / c.hessian_eigs.max(), 0.0005),
    ("1.梯度下降", "0.5 只比上限 0.474 大一点, 就发散了", True, lambda c: _gd_lesson_lr(c, 0.5)[-1] > 1e3, None),
    ("1.梯度下降", "0.45 呢(还在上限 0.474 之内)", "0.474", lambda c: 2 / c.hessian_eigs.max(), 0.0005),
    ("1.梯度下降", "500 步后和 0.1 一样到了最优值", True,
     lambda c: all(abs(_gd_lesson_lr(c, lr)[-1] - c.opt) < 1e-5 for lr in (0.1, 0.4)), None),
    ("1.梯度下降", "但 500 步还没走完平的方向", True,
     lambda c: all(_gd_lesson_lr(c, lr)[-1] > 1.005 * c.opt for lr in (1e-3, 1e-2)), None),
    ("1.梯度下降", "$\\eta$ 要超过 10 才会发散", "10", lambda c: 2 / 0.2, 0),
    ("1.梯度下降", "(462 -> 46 -> 11)", "462", lambda c: _gd_steps_to_1pct(c, 0.01), 0),
    ("1.梯度下降", "(462 -> 46 -> 11)", "46", lambda c: _gd_steps_to_1pct(c, 0.1), 0),
    ("1.梯度下降", "(462 -> 46 -> 11)", "11", lambda c: _gd_steps_to_1pct(c, 0.4), 0),
    ("1.梯度下降", "步数反而变多(24 步)", "24", lambda c: _gd_steps_to_1pct(c, 0.45), 0),
    ("1.梯度下降", "每一步只缩小 lr * 0.349 (最小的特征值)", "0.349", lambda c: c.hessian_eigs.min(), 0.0005),
    ("1.梯度下降", "1 - 0.45 * 4.219 = -0.90", "4.219", lambda c: c.hessian_eigs.max(), 0.0005),
    ("1.梯度下降", "1 - 0.45 * 4.219 = -0.90", "-0.90", lambda c: 1 - 0.45 * c.hessian_eigs.max(), 0.005),
    ("1.梯度下降", "条件数 (4.219 / 0.349 = 12.1)", "12.1",
     lambda c: c.hessian_eigs.max() / c.hessian_eigs.min(), 0.05),
    ("1.梯度下降", "所以曲线和上面的结果相差不到 0.3%", True, lambda c: explorer_vs_lesson(c, "GD") < 0.003, None),
]
# fmt: on
# the explorer's paragraph: the bowl's rate, where the two panels disagree
CLAIMS += explorer_bowl_claims("1.梯度下降")
