"""The claims of 1.梯度下降: its prose's numbers and laws, recomputed."""

import inspect

import numpy as np

from claims.context import (
    bowl_path,
    explorer_bowl_claims,
    explorer_vs_lesson,
    loss_evaluations,
    one_row_gradient,
)
from course_lib import mse_hessian
from course_lib.curves import LOSS_CAP, diverged, mse_curve, steps_to_within
from course_lib.gradients import (
    full_batch_gradient,
    start_theta,
)
from course_lib.landscapes import BOWL_START, bowl, bowl_gradient
from course_lib.optimizers import SGD, trajectory
from course_lib.runs import lesson_run


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


def _forward_bias(c):
    """Forward minus exact gradient at the start: the component farthest from eps = 0.001."""
    theta = start_theta(c.M)
    bias = full_batch_gradient(c.x, c.y, "forward")(theta, 0) - full_batch_gradient(
        c.x, c.y, "exact"
    )(theta, 0)
    return bias[np.argmax(np.abs(bias - 1e-3))]


def _x2_shrinks(lr):
    """Whether |x2| gets smaller at every one of the bowl's 40 steps."""
    return bool(np.all(np.diff(np.abs(bowl_path(SGD(lr=lr))[:, 1])) < 0))


def _steep_alternates(c, lr, steps=40):
    """Whether lesson 1's run (lr ``lr``) crosses the valley along the Hessian's steepest
    eigenvector at each of the first ``steps`` steps (measured from where it stops)."""
    values, vectors = np.linalg.eigh(mse_hessian(c.x))
    thetas = trajectory(SGD(lr=lr), full_batch_gradient(c.x, c.y), start_theta(c.M), 500)
    along = (thetas[: steps + 1] - thetas[-1]) @ vectors[:, -1]
    return bool(np.all(np.sign(along[1:]) == -np.sign(along[:-1])))


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
    ("1.梯度下降", "0.5 只比上限 0.474 大一点,就发散了", "0.474", lambda c: 2 / c.hessian_eigs.max(), 0.0005),
    ("1.梯度下降", "0.5 只比上限 0.474 大一点,就发散了", True, lambda c: _gd_lesson_lr(c, 0.5)[-1] > 1e3, None),
    ("1.梯度下降", "0.45 呢(还在上限 0.474 之内)", "0.474", lambda c: 2 / c.hessian_eigs.max(), 0.0005),
    ("1.梯度下降", "500 步后和 0.1 一样到了最优值", True,
     lambda c: all(abs(_gd_lesson_lr(c, lr)[-1] - c.opt) < 1e-5 for lr in (0.1, 0.4)), None),
    ("1.梯度下降", "但 500 步还没走完平的方向", True,
     lambda c: all(_gd_lesson_lr(c, lr)[-1] > 1.005 * c.opt for lr in (1e-3, 1e-2)), None),
    ("1.梯度下降", "$\\eta$ 要超过 10 才会发散", "10",
     lambda c: 2 / bowl_gradient(np.array([1.0, 0.0]))[0], 1e-12),
    ("1.梯度下降", "$\\eta$ 要超过 10 才会发散", True,
     lambda c: abs(bowl_path(SGD(lr=9.9))[-1, 0]) < 5 < abs(bowl_path(SGD(lr=10.1))[-1, 0]), None),
    ("1.梯度下降", "(462 -> 46 -> 11)", "462", lambda c: _gd_steps_to_1pct(c, 0.01), 0),
    ("1.梯度下降", "(462 -> 46 -> 11)", "46", lambda c: _gd_steps_to_1pct(c, 0.1), 0),
    ("1.梯度下降", "(462 -> 46 -> 11)", "11", lambda c: _gd_steps_to_1pct(c, 0.4), 0),
    ("1.梯度下降", "步数反而变多(24 步)", "24", lambda c: _gd_steps_to_1pct(c, 0.45), 0),
    ("1.梯度下降", "每一步只缩小 lr × 0.349(最小的特征值)", "0.349", lambda c: c.hessian_eigs.min(), 0.0005),
    ("1.梯度下降", "1 - 0.45 × 4.219 = -0.90", "4.219", lambda c: c.hessian_eigs.max(), 0.0005),
    ("1.梯度下降", "1 - 0.45 × 4.219 = -0.90", "-0.90", lambda c: 1 - 0.45 * c.hessian_eigs.max(), 0.005),
    ("1.梯度下降", "条件数(4.219 / 0.349 = 12.1)", "12.1",
     lambda c: c.hessian_eigs.max() / c.hessian_eigs.min(), 0.05),
    ("1.梯度下降", "所以曲线和上面的结果相差不到 0.3%", True, lambda c: explorer_vs_lesson(c, "GD") < 0.003, None),
    # ---- the lesson's set-up: the start, the numeric gradient, the bowl
    ("1.梯度下降", "w 全是 1、b 是 0", True, lambda c: list(start_theta(c.M)) == [1.0] * c.M + [0.0],
     None),
    ("1.梯度下降", "数值梯度为什么要算 7 次 loss", "7", lambda c: loss_evaluations("forward"), 0),
    # numeric_gradient's eps: the forward differences' bias is eps (second derivatives 2)
    ("1.梯度下降", "把它加上 eps=1e-3", "1e-3", _forward_bias, 1e-9),
    ("1.梯度下降", "6 个参数,一共要算 7 次 loss", "6", lambda c: len(start_theta(c.M)), 0),
    ("1.梯度下降", "6 个参数,一共要算 7 次 loss", "7", lambda c: loss_evaluations("forward"), 0),
    ("1.梯度下降", "`gradient_b` 并不是 0", True,
     lambda c: full_batch_gradient(c.x, c.y, "forward")(start_theta(c.M), 0)[-1] > 5e-4
     and abs(full_batch_gradient(c.x, c.y, "exact")(start_theta(c.M), 0)[-1]) < 1e-12, None),
    ("1.梯度下降", "二阶导数都是 2", "2", lambda c: np.diag(mse_hessian(c.x)).min(), 1e-12),
    ("1.梯度下降", "二阶导数都是 2", "2", lambda c: np.diag(mse_hessian(c.x)).max(), 1e-12),
    ("1.梯度下降", "每个梯度都多了 eps = 0.001", "0.001", _forward_bias, 1e-9),
    ("1.梯度下降", "真实问题有 6 个参数", "6", lambda c: len(start_theta(c.M)), 0),
    ("1.梯度下降", "$f(x_1, x_2) = 0.1\\,x_1^2 + 2\\,x_2^2$", "0.1", lambda c: bowl(1.0, 0.0), 1e-12),
    ("1.梯度下降", "$f(x_1, x_2) = 0.1\\,x_1^2 + 2\\,x_2^2$", "2", lambda c: bowl(0.0, 1.0), 1e-12),
    ("1.梯度下降", "很陡(二阶导数 4)", "4", lambda c: bowl_gradient(np.array([0.0, 1.0]))[1], 1e-12),
    ("1.梯度下降", "很平(二阶导数 0.2)", "0.2", lambda c: bowl_gradient(np.array([1.0, 0.0]))[0],
     1e-12),
    ("1.梯度下降", "最低点在 $(0, 0)$", True,
     lambda c: bowl(0.0, 0.0) == 0 and not np.any(bowl_gradient(np.zeros(2))), None),
    ("1.梯度下降", "所有优化器都从 $(-5, -2)$ 出发", True, lambda c: tuple(BOWL_START) == (-5.0, -2.0),
     None),
    ("1.梯度下降", "这里学习率取 0.4", "0.4", lambda c: lesson_run("GD").bowl_hyperparameters["lr"], 0),
    ("1.梯度下降", "在真实数据上用的 0.01", "0.01", lambda c: lesson_run("GD").hyperparameters["lr"], 0),
    # ---- the bowl's rate limit
    ("1.梯度下降", "$\\eta < 2/4 = 0.5$", "0.5", lambda c: 2 / bowl_gradient(np.array([0.0, 1.0]))[1],
     1e-12),
    ("1.梯度下降", "$\\eta < 2/4 = 0.5$ 时,$x_2$ 才会越来越小", True,
     lambda c: _x2_shrinks(0.49) and not _x2_shrinks(0.5) and not _x2_shrinks(0.51), None),
    ("1.梯度下降", "$\\eta$ 在 0.25 到 0.5 之间时 $1 - 4\\eta$ 是负的", True,
     lambda c: all(_sign_alternates(bowl_path(SGD(lr=lr))) for lr in (0.26, 0.3, 0.4, 0.45, 0.49))
     and not any(_sign_alternates(bowl_path(SGD(lr=lr))) for lr in (0.1, 0.24)), None),
    ("1.梯度下降", "上图的 0.4 就是这样", True, lambda c: _sign_alternates(bowl_path(SGD(lr=0.4))), None),
    ("1.梯度下降", "$1 - 0.2\\eta$", "0.2",
     lambda c: 1 - bowl_path(SGD(lr=1.0), 1)[1, 0] / bowl_path(SGD(lr=1.0), 1)[0, 0], 1e-12),
    # ---- exercises 1 and 2, the explorer, the summary
    ("1.梯度下降", "从同一个起点($w$ 全是 1,$b = 0$)", True,
     lambda c: list(start_theta(c.M)) == [1.0] * c.M + [0.0], None),
    ("1.梯度下降", "跑 500 步", "500", lambda c: lesson_run("GD").steps, 0),
    ("1.梯度下降", "0.4 在上限之内,虽然陡的方向来回振荡", True,
     lambda c: 2 / c.hessian_eigs.max() > 0.4 and _steep_alternates(c, 0.4), None),
    ("1.梯度下降", "0.001 和 0.01 离上限很远,很稳", True,
     lambda c: all(lr < 0.05 * 2 / c.hessian_eigs.max() and np.all(np.diff(_gd_lesson_lr(c, lr)) < 0)
                   for lr in (1e-3, 1e-2)), None),
    ("1.梯度下降", "给出第一次进入 1% 以内的那一步", "1",
     lambda c: 100 * inspect.signature(steps_to_within).parameters["tolerance"].default, 1e-12),
    ("1.梯度下降", "数值超过 100 或不是有限数", "100", lambda c: LOSS_CAP, 0),
    ("1.梯度下降", "数值超过 100 或不是有限数", True,
     lambda c: diverged(np.array([99.0, 100.0, 100.5, np.inf, np.nan])).tolist()
     == [False, False, True, True, True], None),
    ("1.梯度下降", "(这里 6 个参数,", "6", lambda c: len(start_theta(c.M)), 0),
    ("1.梯度下降", "降到 1 条", True, one_row_gradient, None),
]

NON_CLAIMS = [
    ("$x_2 \\leftarrow x_2 - \\eta \\cdot 4 x_2 = (1 - 4\\eta)\\,x_2$", "formula"),
    ("$|1 - 4\\eta| < 1$", "formula"),
    ("上限 $\\eta < 2 / \\lambda_\\max$", "formula"),
    ("把学习率分别改成 0.001、0.01、0.1、0.4、0.5,500 步之后的 MSE 是多少?", "question"),
    ("0.4 离上限很近,它会比 0.1 更好还是更差?", "question"),
    ("start_theta(M), 500)`", "set-up"),
    ("学习率从 0.01 放大 10 倍到 0.1,MSE 第一次进入最优值 1% 以内", "question"),
    ("放大到 0.4 呢?", "question"),
    ("到了 0.45,陡的方向上", "set-up"),
    ("学习率既要小于 2 / 最大特征值", "formula"),
]
# fmt: on
# the explorer's paragraph: the bowl's rate, where the two panels disagree
CLAIMS += explorer_bowl_claims("1.梯度下降")

# the lesson's PyTorch line: its numbers are the lesson's (tests/test_torch_bridge.py runs it)
CLAIMS += [
    ("1.梯度下降", "`torch.optim.SGD(params, lr=1e-2)`", "1e-2", lambda c: lesson_run("GD").hyperparameters["lr"], 0),
]  # fmt: skip
