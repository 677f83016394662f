"""The claims of 5.rms_prop: its prose's numbers and laws, recomputed."""

from functools import cache

import numpy as np

from claims.context import explorer_bowl_claims, explorer_vs_lesson, first_move, reached
from course_lib import least_squares
from course_lib.curves import sse_curve, steps_to_within
from course_lib.gradients import (
    row_gradient,
    sampled_rows,
    start_theta,
)
from course_lib.optimizers import AdaDelta, Adam, RMSProp, trajectory
from course_lib.runs import lesson_run


def _rmsprop_distance_steps(c):
    """Distance to the optimum shed per 250 steps in the first 1250 (RMSProp lesson run)."""
    w, b = least_squares(c.x, c.y)
    d = np.linalg.norm(c.thetas("RMSProp")[:1251:250] - np.append(w, b), axis=1)
    return -np.diff(d)


@cache
def _rmsprop_lr_1e3_to_10pct(c):
    """Lesson 5, exercise 2: RMSProp with lr 1e-3 on the lesson's rows, 7000 steps."""
    gradient = row_gradient(c.x, c.y, sampled_rows(c.N, 7000))
    thetas = trajectory(RMSProp(lr=1e-3, rho=0.2), gradient, start_theta(c.M), 7000)
    return reached(sse_curve(thetas[1:], c.x, c.y), c, 0.1)


# fmt: off
CLAIMS = [
    # ---- 5.rms_prop ------------------------------------------------------------------------
    ("5.rms_prop", "用的系数是 0.2/0.8", "0.2", lambda c: AdaDelta().rho, 0),
    ("5.rms_prop", "这门课里 $\\rho = 0.2$,$\\eta = 3\\times10^{-3}$", "0.2", lambda c: RMSProp().rho, 0),
    ("5.rms_prop", "系数是 0.999/0.001($\\beta_2 = 0.999$)", "0.999", lambda c: Adam().beta2, 0),
    ("5.rms_prop", "离最优解各个权重方向大约 0.8 到 1.6", "0.8",
     lambda c: (1 - least_squares(c.x, c.y)[0]).min(), 0.05),
    ("5.rms_prop", "离最优解各个权重方向大约 0.8 到 1.6", "1.6",
     lambda c: (1 - least_squares(c.x, c.y)[0]).max(), 0.05),
    ("5.rms_prop", "偏置 $b$ 本来就在最优值 0", "0", lambda c: least_squares(c.x, c.y)[1], 1e-9),
    ("5.rms_prop", "$10^{-3}$ 约 3263", "3263",
     lambda c: c.variant("RMSProp", 1)[-1], 0.5),
    ("5.rms_prop", "$3\\times10^{-3}$ 约 768", "768", lambda c: c.L("RMSProp")[-1], 0.5),
    ("5.rms_prop", "第 500 步后 SSE 还有 1180", "1180",
     lambda c: c.variant("RMSProp", 2)[499], 0.5),
    ("5.rms_prop", "(比最优值高 62%)", "62",
     lambda c: 100 * (c.variant("RMSProp", 2)[499] / c.opt_sse - 1), 0.5),
    ("5.rms_prop", "第 666 步后才第一次进入最优值 10% 以内", "666",
     lambda c: steps_to_within(c.variant("RMSProp", 2), c.opt_sse, 0.1) + 1, 0),
    ("5.rms_prop", "其中只有 1197 条被抽到过", "1197", lambda c: len(np.unique(c.rows("RMSProp"))), 0),
    ("5.rms_prop", "只能在 800 多上下晃", True,
     lambda c: 800 <= c.variant("RMSProp", 2)[-500:].mean() < 900, None),
    ("5.rms_prop", "需要上千步", True,
     lambda c: steps_to_within(c.L("RMSProp"), c.opt_sse, 0.1) >= 1000, None),
    ("5.rms_prop", "(每 250 步缩短 0.32 到 0.44)", "0.32", lambda c: _rmsprop_distance_steps(c).min(),
     0.005),
    ("5.rms_prop", "(每 250 步缩短 0.32 到 0.44)", "0.44", lambda c: _rmsprop_distance_steps(c).max(),
     0.005),
    ("5.rms_prop", "而 loss 是距离的平方,越接近最优值下降得越慢", True,
     lambda c: (c.L("RMSProp")[149] - c.L("RMSProp")[299])
     > 5 * (c.L("RMSProp")[1349] - c.L("RMSProp")[1499]), None),
    ("5.rms_prop", "每一步每个参数都移动差不多 $\\eta$", True,
     lambda c: 0.8 < np.median(np.abs(np.diff(c.thetas("RMSProp"), axis=0))) / 3e-3 <= 1.12, None),
    ("5.rms_prop", "步只相当于把 1503 条数据过了约 1.66 遍", "1.66", lambda c: lesson_run("RMSProp").steps / c.N, 0.005),
    # ---- 5.rms_prop, exercises 1-2 ---------------------------------------------------------
    ("5.rms_prop", "rho = 0.9 时约 3.2 倍 lr", "3.2", lambda c: first_move(c, "RMSProp", 3).max() / 3e-3, 0.05),
    ("5.rms_prop", "0.99 时 10 倍", "10", lambda c: first_move(c, "RMSProp", 4).max() / 3e-3, 0.05),
    ("5.rms_prop", "# rho 越大, 开头越快", True,
     lambda c: c.variant("RMSProp", 4)[99] < c.variant("RMSProp", 3)[99] < c.L("RMSProp")[99], None),
    ("5.rms_prop", "(740.7、744.8) 也都比 0.2 的 768.3 好", "740.7", lambda c: c.variant("RMSProp", 3)[-1], 0.05),
    ("5.rms_prop", "(740.7、744.8) 也都比 0.2 的 768.3 好", "744.8", lambda c: c.variant("RMSProp", 4)[-1], 0.05),
    ("5.rms_prop", "(740.7、744.8) 也都比 0.2 的 768.3 好", "768.3", lambda c: c.L("RMSProp")[-1], 0.05),
    ("5.rms_prop", "SSE 第 2071 步第一次进入最优值 10% 以内", "2071", lambda c: reached(c.L("RMSProp"), c, 0.1), 0),
    ("5.rms_prop", "# 6212 步, 差不多正好是 2071 的 3 倍", "6212", _rmsprop_lr_1e3_to_10pct, 0),
    ("5.rms_prop", "# 6212 步, 差不多正好是 2071 的 3 倍", True,
     lambda c: abs(_rmsprop_lr_1e3_to_10pct(c) / reached(c.L("RMSProp"), c, 0.1) - 3) < 0.02, None),
    ("5.rms_prop", "所以曲线和上面的结果相差不到 0.3%", True, lambda c: explorer_vs_lesson(c, "RMSProp") < 0.003, None),
]
# fmt: on
# the explorer's paragraph: the bowl's rate, where the two panels disagree
CLAIMS += explorer_bowl_claims("5.rms_prop")
