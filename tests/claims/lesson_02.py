"""The claims of 2.随机梯度下降: its prose's numbers and laws, recomputed."""

import inspect

import numpy as np

from claims.context import explorer_bowl_claims, explorer_vs_lesson, one_row_gradient
from course_lib.comparison import compare
from course_lib.curves import LOSS_CAP, diverged, sse_curve
from course_lib.gradients import (
    row_gradient,
    sampled_rows,
    start_theta,
)
from course_lib.landscapes import BOWL_START, bowl, bowl_gradient
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


def _still_descending(c):
    """Whether each of seeds 0-3's last 500 steps has a lower mean SSE than the 500 before."""
    for seed in range(4):
        gradient = row_gradient(c.x, c.y, sampled_rows(c.N, 2500, seed))
        curve = sse_curve(trajectory(SGD(lr=1e-3), gradient, start_theta(c.M), 2500)[1:], c.x, c.y)
        if not curve[-500:].mean() < curve[-1000:-500].mean():
            return False
    return True


def _hovers(c):
    """Lesson 8's 5500 steps: the last 1000 stay above the optimum, and the SSE goes up at
    about half of them (49%), down at the others."""
    tail = c.variant("SGD", 0, 5500)[-1000:]
    return tail.min() > c.opt_sse + 1 and np.mean(np.diff(tail) > 0) > 0.3


# fmt: off
CLAIMS = [
    # ---- 2.随机梯度下降 --------------------------------------------------------------------
    ("2.随机梯度下降", "最后 500 步平均约 781,最优值约 728", "781",
     lambda c: c.L("SGD")[-500:].mean(), 0.5),
    ("2.随机梯度下降", "最后 500 步平均约 781,最优值约 728", "728", lambda c: c.opt_sse, 0.5),
    ("2.随机梯度下降", "最后一步的 SSE 相差 22.9", "22.9", lambda c: _sgd_seed_spread(c)[0], 0.05),
    ("2.随机梯度下降", "最后 500 步的平均也还差 22.9", "22.9", lambda c: _sgd_seed_spread(c)[1], 0.05),
    ("2.随机梯度下降", "2500 步只相当于把 1503 条数据过了约 1.66 遍", "1.66",
     lambda c: lesson_run("SGD").steps / c.N, 0.005),
    ("2.随机梯度下降", "其中只有 1197 条被抽到过", "1197", lambda c: len(np.unique(c.rows("SGD"))), 0),
    ("2.随机梯度下降", "一步的计算量从 1503 条数据降到 1 条", "1503", lambda c: c.N, 0),
    ("2.随机梯度下降", "这里 $\\eta = 10^{-3}$", "1e-3", lambda c: SGD().lr, 0),
    # ---- 2.随机梯度下降, exercise 2 ---------------------------------------------------------
    ("2.随机梯度下降", "第 300 步 SSE 972.76,1e-3 时还有 4572.46", "972.76", lambda c: c.variant("SGD", 1)[299], 0.005),
    ("2.随机梯度下降", "第 300 步 SSE 972.76,1e-3 时还有 4572.46", "4572.46", lambda c: c.L("SGD")[299], 0.005),
    ("2.随机梯度下降", "最后 500 步的标准差 33.59,是 1e-3 时(8.36)的 4 倍", "33.59",
     lambda c: c.variant("SGD", 1)[-500:].std(), 0.005),
    ("2.随机梯度下降", "最后 500 步的标准差 33.59,是 1e-3 时(8.36)的 4 倍", "8.36",
     lambda c: c.L("SGD")[-500:].std(), 0.005),
    ("2.随机梯度下降", "最后 500 步的标准差 33.59,是 1e-3 时(8.36)的 4 倍", "4",
     lambda c: c.variant("SGD", 1)[-500:].std() / c.L("SGD")[-500:].std(), 0.05),
    ("2.随机梯度下降", "第 300 步反而比 1e-2 差(1214.91)", "1214.91", lambda c: c.variant("SGD", 2)[299], 0.005),
    ("2.随机梯度下降", "最后 500 步平均 952.68、标准差 175.91", "952.68",
     lambda c: c.variant("SGD", 2)[-500:].mean(), 0.005),
    ("2.随机梯度下降", "最后 500 步平均 952.68、标准差 175.91", "175.91",
     lambda c: c.variant("SGD", 2)[-500:].std(), 0.005),
    ("2.随机梯度下降", "所以曲线和上面的结果相差不到 0.3%", True, lambda c: explorer_vs_lesson(c, "SGD") < 0.003, None),
    # ---- the curve, the steps, one row per step
    ("2.随机梯度下降", "到 2500 步时", "2500", lambda c: lesson_run("SGD").steps, 0),
    # the last 500 steps' mean (781) is below the 500 before (846), and lesson 8 goes on lower
    ("2.随机梯度下降", "曲线还在一边抖动一边慢慢下降", True,
     lambda c: c.L("SGD")[-500:].mean() < c.L("SGD")[-1000:-500].mean()
     and c.variant("SGD", 0, 3000)[-500:].mean() < c.L("SGD")[-500:].mean(), None),
    ("2.随机梯度下降", "它最后会在最优值上方来回晃,停不下来", True, _hovers, None),
    ("2.随机梯度下降", "第 8 课跑 5500 步能看到", "5500",
     lambda c: inspect.signature(compare).parameters["steps"].default, 0),
    ("2.随机梯度下降", "一步的计算量从 1503 条数据降到 1 条", True, one_row_gradient, None),
    # ---- the bowl
    ("2.随机梯度下降", "真实问题有 6 个参数", "6", lambda c: len(start_theta(c.M)), 0),
    ("2.随机梯度下降", "$f(x_1, x_2) = 0.1\\,x_1^2 + 2\\,x_2^2$", "0.1", lambda c: bowl(1.0, 0.0),
     1e-12),
    ("2.随机梯度下降", "$f(x_1, x_2) = 0.1\\,x_1^2 + 2\\,x_2^2$", "2", lambda c: bowl(0.0, 1.0),
     1e-12),
    ("2.随机梯度下降", "很陡(二阶导数 4)", "4", lambda c: bowl_gradient(np.array([0.0, 1.0]))[1],
     1e-12),
    ("2.随机梯度下降", "很平(二阶导数 0.2)", "0.2", lambda c: bowl_gradient(np.array([1.0, 0.0]))[0],
     1e-12),
    ("2.随机梯度下降", "最低点在 $(0, 0)$", True,
     lambda c: bowl(0.0, 0.0) == 0 and not np.any(bowl_gradient(np.zeros(2))), None),
    ("2.随机梯度下降", "所有优化器都从 $(-5, -2)$ 出发", True,
     lambda c: tuple(BOWL_START) == (-5.0, -2.0), None),
    # ---- exercises 1 and 2: the hint runs the lesson's algorithm, lr and steps
    ("2.随机梯度下降",
     "`trajectory(SGD(lr=1e-3), row_gradient(x, y, sampled_rows(N, 2500, seed)), start_theta(M), 2500)`",
     "1e-3", lambda c: lesson_run("SGD").hyperparameters["lr"], 0),
    ("2.随机梯度下降",
     "`trajectory(SGD(lr=1e-3), row_gradient(x, y, sampled_rows(N, 2500, seed)), start_theta(M), 2500)`",
     "2500", lambda c: lesson_run("SGD").steps, 0),
    ("2.随机梯度下降", "从同一个起点跑 2500 步", "2500", lambda c: lesson_run("SGD").steps, 0),
    ("2.随机梯度下降", "2500 步时 SGD 还在下降", "2500", lambda c: lesson_run("SGD").steps, 0),
    ("2.随机梯度下降", "2500 步时 SGD 还在下降", True, _still_descending, None),
    ("2.随机梯度下降", "学习率大 10 倍(1e-2)", "10",
     lambda c: 1e-2 / lesson_run("SGD").hyperparameters["lr"], 1e-9),
    # ---- the explorer
    ("2.随机梯度下降", "数值超过 100 或不是有限数", "100", lambda c: LOSS_CAP, 0),
    ("2.随机梯度下降", "数值超过 100 或不是有限数", True,
     lambda c: diverged(np.array([99.0, 100.0, 100.5, np.inf, np.nan])).tolist()
     == [False, False, True, True, True], None),
]

NON_CLAIMS = [
    ("把随机种子换成 1、2、3,2500 步之后的 SSE 还一样吗?", "question"),
    ("最后 500 步的平均值呢?", "question"),
    ("最后 500 步的平均值能不能把种子的差别平均掉?", "question"),
    ("把学习率改成 1e-2 和 3e-2 呢?", "question"),
    ("再大到 3e-2", "set-up"),
]
# fmt: on
# the explorer's paragraph: the bowl's rate, where the two panels disagree
CLAIMS += explorer_bowl_claims("2.随机梯度下降")

# the lesson's PyTorch line: its numbers are the lesson's (tests/test_torch_bridge.py runs it)
CLAIMS += [
    ("2.随机梯度下降", "`torch.optim.SGD(params, lr=1e-3)`", "1e-3", lambda c: lesson_run("SGD").hyperparameters["lr"], 0),
]  # fmt: skip
