"""The claims of 8.对比: its prose's numbers and laws, recomputed."""

from functools import cache

import numpy as np

from claims.context import NEW_START, STOCHASTIC, closest_after_5500
from course_lib.comparison import SWEEP_LRS, slice_path, sweep_pair
from course_lib.curves import mse_curve, steps_to_within
from course_lib.gradients import (
    full_batch_gradient,
    start_theta,
)
from course_lib.landscapes import SLICE_START
from course_lib.optimizers import trajectory
from course_lib.runs import lesson_run


def _straight(c, name):
    """Largest distance of the path from (1, 1) to the straight start-centre line, per start distance."""
    path = c.slice_runs(name)[:, 1] - c.slice_.best[[1, 4]]
    d = path[0] / np.linalg.norm(path[0])
    return float(np.abs(path @ np.array([-d[1], d[0]])).max() / np.linalg.norm(path[0]))


def _diagonal_angle(c):
    u = c.slice_axes[1][:, 1]
    return float(np.degrees(np.arccos(abs(u @ np.ones(2)) / np.sqrt(2))))


@cache
def _to_1pct(c):
    """8.对比's table: first step within 1% of the optimum in the 5500-step runs (None: never)."""
    curves = {"GD": c.gd_gap + c.opt}
    curves.update({n: mse_curve(c.run5500(n)[0][:, 0], c.x, c.y) for n in STOCHASTIC})
    return {n: steps_to_within(v, c.opt, 0.01) for n, v in curves.items()}


def _first_leg_angle(c, name):
    """Angle (degrees) between the steep axis and the first 5% of the path from NEW_START."""
    path = c.slice_run(name)
    start_distance = np.linalg.norm(path[0] - c.slice_.best[[1, 4]])
    k = int(np.argmax(np.linalg.norm(path - path[0], axis=1) >= 0.05 * start_distance))
    d = path[k] - path[0]
    u = c.slice_axes[1][:, 1]
    return float(np.degrees(np.arccos(min(1.0, abs(d @ u) / np.linalg.norm(d)))))


def _steep_sign_changes(c, name):
    steep = (c.slice_run(name) - c.slice_.best[[1, 4]]) @ c.slice_axes[1][:, 1]
    return int((np.diff(np.sign(steep)) != 0).sum())


@cache
def _rmsprop_sweep_pair(c):
    """Lesson 8's RMSProp sweep values from the start and from the moved start, raw."""
    return np.array(sweep_pair(lesson_run("RMSProp"), c.x, c.y))


def _steep(c, path):
    """The steep-axis coordinate of a slice path, measured from the centre."""
    return (path - c.slice_.best[[1, 4]]) @ c.slice_axes[1][:, 1]


@cache
def _momentum_full_gradient(c):
    """Lesson 8's momentum on the slice with the exact MSE gradient (no row noise)."""
    run = lesson_run("Momentum")
    return trajectory(run.make(), c.slice_.gradient(None), np.array(SLICE_START), run.steps)


def _net_steep_progress(c, name):
    """Until the steep part first falls below 10%: mean decrease of |steep coordinate| per step
    over the mean of its changes: 1 if every step heads for the floor, 0 for a random walk."""
    steep = np.abs(_steep(c, c.slice_run(name)))
    changes = np.diff(steep[: c.slice_steep_below_10pct(name) + 1])
    return -changes.mean() / np.abs(changes).mean()


def _step_lengths(c, name):
    return np.linalg.norm(np.diff(c.slice_run(name), axis=0), axis=1)


@cache
def _adagrad_final_rates(c):
    """AdaGrad's per-parameter rate lr / sqrt(S + eps) after lesson 8's 5500 steps."""
    run = lesson_run("AdaGrad")
    optimizer = run.make()
    trajectory(optimizer, run.gradient(c.x, c.y, 5500), start_theta(c.M), 5500)
    return 0.1 / np.sqrt(optimizer.S + optimizer.eps)


# fmt: off
CLAIMS = [
    # ---- 8.对比 -----------------------------------------------------------------------------
    ("8.对比", "先降到约 $1.66\\times10^{-6}$(第 1821 步)", "1.66e-6", lambda c: c.gd_gap.min(),
     0.005e-6),
    ("8.对比", "先降到约 $1.66\\times10^{-6}$(第 1821 步)", "1821",
     lambda c: int(np.argmin(c.gd_gap)), 0),
    ("8.对比", "然后又慢慢回升到 $2.03\\times10^{-6}$", "2.03e-6", lambda c: c.gd_gap[-1], 0.005e-6),
    ("8.对比", "在精确地最小化 $L(\\theta) + \\epsilon\\,\\mathbf{1}^\\top\\theta$", True,
     lambda c: all(np.allclose(full_batch_gradient(c.x, c.y, "forward")(th, 0)
                               - full_batch_gradient(c.x, c.y, "exact")(th, 0), 1e-3, atol=1e-9)
                   for th in (start_theta(c.M), c.thetas("SGD")[-1])), None),
    ("8.对比", "RMSProp 和 AdaDelta 每一步的步长大致不变,最后离最优值最远", True,
     lambda c: set(sorted(STOCHASTIC, key=lambda n: -c.tail1000(n).mean())[:2])
     == {"RMSProp", "AdaDelta"}, None),
    ("8.对比", "抖动(最后 1000 步 MSE 的标准差)最大的是 Adam 和 RMSProp", True,
     lambda c: set(sorted(STOCHASTIC, key=lambda n: -c.tail1000(n).std())[:2])
     == {"Adam", "RMSProp"}, None),
    ("8.对比", "离最陡的方向只差 1.8°", "1.8", lambda c: c.slice_angle((1, 1)), 0.05),
    ("8.对比", "从它到中心的方向和椭圆的两条轴都差约 45°", True,
     lambda c: all(40 < c.slice_angle(NEW_START, a) < 50 for a in (0, 1)), None),
    ("8.对比", "起点选在 $(-0.4, 1.5)$", True,
     lambda c: all(np.allclose(slice_path(c.slice_, lesson_run(n), start=s), c.slice_runs(n)[:, k], rtol=1e-10,
                               atol=1e-12) for n in ("GD", "Momentum") for k, s in
                   enumerate([NEW_START, (1.0, 1.0)])), None),
    ("8.对比", "起点选在 $(-0.4, 1.5)$", True, lambda c: SLICE_START == NEW_START, None),
    ("8.对比", "(短轴,曲率 3.51;", "3.51", lambda c: c.slice_axes[0][1], 0.005),
    ("8.对比", "再沿平的长轴(曲率 0.49)", "0.49", lambda c: c.slice_axes[0][0], 0.005),
    ("8.对比", "第 65 步时只剩不到 10%", "65", lambda c: c.slice_steep_below_10pct("GD"), 0),
    ("8.对比", "500 步后离中心还有 0.11", "0.11", lambda c: c.slice_end("GD"), 0.005),
    ("8.对比", "2500 步后离中心还有 0.38", "0.38", lambda c: c.slice_end("SGD"), 0.005),
    ("8.对比", "走到中心附近(0.06)", "0.06", lambda c: c.slice_end("Momentum"), 0.005),
    ("8.对比", "2500 步后离中心 0.33", "0.33", lambda c: c.slice_end("AdaGrad"), 0.005),
    ("8.对比", "(陡的方向只剩不到 10%:第 1345 步和第 2835 步)", "1345", lambda c: c.slice_steep_below_10pct("RMSProp"), 0),
    ("8.对比", "(陡的方向只剩不到 10%:第 1345 步和第 2835 步)", "2835",
     lambda c: c.slice_steep_below_10pct("AdaDelta"), 0),
    ("8.对比", "最后离中心 0.83 和 0.74", "0.83", lambda c: c.slice_end("RMSProp"), 0.005),
    ("8.对比", "最后离中心 0.83 和 0.74", "0.74", lambda c: c.slice_end("AdaDelta"), 0.005),
    ("8.对比", "Adam 靠动量沿长轴走到中心(0.02)", "0.02", lambda c: c.slice_end("Adam"), 0.005),
    ("8.对比", "那一团的大小就是上面曲线里的\"抖动\",Adam 的最大", True,
     lambda c: max(STOCHASTIC, key=c.slice_cloud) == "Adam", None),
    ("8.对比", "动量法在这里从 0.03 起就发散", True,
     lambda c: np.isfinite(c.sweep["Momentum"][4]) and c.sweep["Momentum"][4] < 1
     and c.sweep["Momentum"][5] > 1e3 and abs(SWEEP_LRS[5] - 0.03) < 0.002, None),
    ("8.对比", "$\\beta = 0.8$ 时学习率 0.8 也能收敛到最优值", True,
     lambda c: c.momentum_exact(0.8) - c.opt < 1e-6
     and 0.8 * c.hessian_eigs.max() < 2 * (1 + 0.8), None),
    ("8.对比", "动量法只要 $\\eta\\lambda_{\\max} < 2(1+\\beta)$ 就稳定", True,
     lambda c: c.momentum_exact(0.84) - c.opt < 1e-6
     and not c.momentum_exact(0.87) < 1e3, None),
    ("8.对比", "在学习率超过 $2/\\lambda_{\\max} = 0.474$ 时就发散了", "0.474",
     lambda c: 2 / c.hessian_eigs.max(), 0.0005),
    ("8.对比", "在学习率超过 $2/\\lambda_{\\max} = 0.474$ 时就发散了", True,
     lambda c: not c.gd_exact(0.48) < 1e3 and c.gd_exact(0.47) - c.opt < 1e-6, None),
    ("8.对比", "学习率为 1 时 Adam 最后的 MSE 是 1.4816,是最优值的 3 倍", "1.4816",
     lambda c: c.sweep["Adam"][-1], 5e-5),
    ("8.对比", "学习率为 1 时 Adam 最后的 MSE 是 1.4816,是最优值的 3 倍", "3",
     lambda c: c.sweep["Adam"][-1] / c.opt, 0.5),
    ("8.对比", "RMSProp 在学习率 0.3 和 1 时是**混沌**的(表里的 chaotic)", True,
     lambda c: [f"{lr:.1g}" for lr, v in zip(SWEEP_LRS, c.sweep["RMSProp"], strict=True) if np.isnan(v)]
     == ["0.3", "1"] and not any(np.isnan(c.sweep[n]).any() for n in ("GD", "SGD", "Momentum", "AdaGrad", "Adam")),
     None),
    ("8.对比", "起点只挪动 $10^{-12}$,最后的 MSE 就差了百分之几到几十", True,
     lambda c: all(0.01 < abs(a / b - 1) < 0.6 for a, b in zip(*_rmsprop_sweep_pair(c)[:, 7:], strict=True))
     and max(abs(a / b - 1) for a, b in zip(*_rmsprop_sweep_pair(c)[:, 7:], strict=True)) > 0.1, None),
    ("8.对比", "多用 150 倍以上的数据", True,
     lambda c: _to_1pct(c)["GD"] * c.N > 150 * max(_to_1pct(c)[n] for n in ("SGD", "Momentum", "AdaGrad", "Adam")), None),
    ("8.对比", "RMSProp 和 AdaDelta 5500 步内进不去", True,
     lambda c: _to_1pct(c)["RMSProp"] is None and _to_1pct(c)["AdaDelta"] is None and len(c.gd_gap) == 5501, None),
    ("8.对比", "学习率为 1 时它比起点(7.37)还差", True,
     lambda c: min(_rmsprop_sweep_pair(c)[:, 8]) > mse_curve(start_theta(c.M)[None], c.x, c.y)[0], None),
    ("8.对比", "比起点(7.37)还差", "7.37",
     lambda c: mse_curve(start_theta(c.M)[None], c.x, c.y)[0], 0.005),
    ("8.对比", "学习率再大也不会发散到无穷大", True,
     lambda c: all(not np.isinf(c.sweep[n]).any() for n in ("AdaGrad", "RMSProp", "Adam")),
     None),
    ("8.对比", "1500 步时还远没有收敛", True, lambda c: c.sweep["AdaDelta"] > 2 * c.opt, None),
    # the order of magnitude of AdaDelta's steps (median move of a parameter: about 1.3e-3)
    ("8.对比", "每步只有约 $10^{-3}$", "1e-3", lambda c: np.median(c.adadelta_moves), 0.5e-3),
    ("8.对比", "随机梯度下降 2 个,AdaGrad 2 个,Adam 1 个,RMSProp 0 个", "2",
     lambda c: c.within10("SGD"), 0),
    ("8.对比", "AdaGrad 2 个,Adam 1 个", "2", lambda c: c.within10("AdaGrad"), 0),
    ("8.对比", "Adam 1 个,RMSProp 0 个", "1", lambda c: c.within10("Adam"), 0),
    ("8.对比", "RMSProp 0 个", "0", lambda c: c.within10("RMSProp"), 0),
    ("8.对比", "9 个学习率里只有 0.01 进入最优值 10% 以内", True,
     lambda c: [f"{lr:g}" for lr, v in zip(SWEEP_LRS, c.sweep["Adam"], strict=True) if v <= 1.1 * c.opt]
     == ["0.01"], None),
    ("8.对比", "0.001 时最后的 MSE 是最优值的 7 倍", "7", lambda c: c.sweep["Adam"][2] / c.opt, 0.5),
    ("8.对比", "它每一步都看了全部 1503 条数据", "1503", lambda c: c.N, 0),
    ("8.对比", "前向差分的偏差只有 $10^{-3}$ 量级", "1e-3",
     lambda c: 1e-3 * np.mean(c.x ** 2), 0.1e-3),
    ("8.对比", "所有方法都沿直线走向中心,看不出差别", True,
     lambda c: max(_straight(c, n) for n in ["GD"] + STOCHASTIC) < 0.1, None),
    ("8.对比", "在这个切面上对角线恰好就是陡的方向", True, lambda c: _diagonal_angle(c) < 5, None),
    ("8.对比", "按步数最快进入 1% 以内", True,
     lambda c: min(_to_1pct(c), key=lambda n: _to_1pct(c)[n] or 10**9) == "GD", None),
    ("8.对比", "$\\beta = 0.8$ 的动量在这里就像学习率大 5 倍的随机梯度下降:走得快,抖得也多", True,
     lambda c: _to_1pct(c)["Momentum"] < _to_1pct(c)["SGD"]
     and c.tail1000("Momentum").std() > 2 * c.tail1000("SGD").std(), None),
    ("8.对比", "$\\beta = 0.8$ 的动量在这里就像学习率大 5 倍的随机梯度下降:走得快,抖得也多", "5",
     lambda c: 1 / (1 - lesson_run("Momentum").hyperparameters["beta"]), 1e-9),
    ("8.对比", "是进入 1% 以内最快的随机方法之一", True,
     lambda c: sorted((v, n) for n, v in _to_1pct(c).items() if v and n != "GD")[1][1] == "Adam",
     None),
    ("8.对比", "AdaGrad 最后离最优值最近:它开头步子大、走得快", True,
     lambda c: min(STOCHASTIC, key=lambda n: c.tail1000(n)[-1]) == "AdaGrad"
     and c.L("AdaGrad")[499] < c.L("SGD")[499], None),
    ("8.对比", "到最后有效学习率又比随机梯度下降的 $10^{-3}$ 小", True,
     lambda c: _adagrad_final_rates(c).max() < 1e-3, None),
    ("8.对比", "第一段都沿对角线走", True,
     lambda c: all(_first_leg_angle(c, n) < 5 for n in ("AdaGrad", "RMSProp", "AdaDelta", "Adam")),
     None),
    ("8.对比", "但原因是一条数据的梯度噪声很大,又被动量累积起来", True,
     lambda c: c.sweep["Momentum"][5] > 1e3 and c.momentum_exact(SWEEP_LRS[5]) - c.opt < 1e-6,
     None),
    # overdamped on the slice: (1 + beta - lr h)^2 > 4 beta along both axes of the ellipses
    ("8.对比", "在这个切面上阻尼很大:用全部数据的精确梯度,它一次也不会越过谷底", True,
     lambda c: all((1 + 0.8 - 1e-3 * h) ** 2 > 4 * 0.8 for h in c.slice_axes[0])
     and (np.diff(np.sign(_steep(c, _momentum_full_gradient(c)))) != 0).sum() == 0, None),
    ("8.对比", "图里它在谷底两边来回穿了 28 次(最远到对面 0.10)", "28", lambda c: _steep_sign_changes(c, "Momentum"), 0),
    ("8.对比", "图里它在谷底两边来回穿了 28 次(最远到对面 0.10)", "0.10",
     lambda c: -(np.sign(_steep(c, c.slice_run("Momentum"))[0]) * _steep(c, c.slice_run("Momentum"))).min(), 0.005),
    ("8.对比", "是一条数据的梯度噪声被动量放大", True,
     lambda c: _steep_sign_changes(c, "SGD") > 0, None),
    ("8.对比", "RMSProp 每步约 $3.5\\times10^{-3}$,和随机梯度下降开头的步子差不多", "3.5e-3",
     lambda c: np.median(_step_lengths(c, "RMSProp")), 0.05e-3),
    ("8.对比", "RMSProp 每步约 $3.5\\times10^{-3}$,和随机梯度下降开头的步子差不多", True,
     lambda c: 0.7 < np.median(_step_lengths(c, "RMSProp")) / _step_lengths(c, "SGD")[:500].mean() < 1.3, None),
    ("8.对比", "RMSProp 和 AdaDelta 的步长大致不变", True,
     lambda c: all(0.7 < np.median(_step_lengths(c, n)[:500]) / np.median(_step_lengths(c, n)[-500:]) < 1.4
                   for n in ("RMSProp", "AdaDelta")), None),
    ("8.对比", "往谷底的净进展只有来回移动的约 30%(随机梯度下降约 66%)", "30",
     lambda c: 100 * _net_steep_progress(c, "RMSProp"), 3),
    ("8.对比", "往谷底的净进展只有来回移动的约 30%(随机梯度下降约 66%)", True,
     lambda c: abs(_net_steep_progress(c, "AdaDelta") - 0.3) < 0.03, None),
    ("8.对比", "往谷底的净进展只有来回移动的约 30%(随机梯度下降约 66%)", "66",
     lambda c: 100 * _net_steep_progress(c, "SGD"), 1),
    ("8.对比", "按计算量,随机梯度下降、动量法、AdaGrad、Adam 快得多", True,
     lambda c: all(_to_1pct(c)[n] is not None and _to_1pct(c)[n] < _to_1pct(c)["GD"] * c.N / 100
                   for n in ("SGD", "Momentum", "AdaGrad", "Adam")), None),
    ("8.对比", "RMSProp 和 AdaDelta 用这一课的超参数 5500 步内进不了 1% 以内", True,
     lambda c: _to_1pct(c)["RMSProp"] is None and _to_1pct(c)["AdaDelta"] is None, None),
    ("8.对比", "RMSProp 和 AdaDelta 用这一课的超参数 5500 步内进不了 1% 以内", "5500", lambda c: len(c.gd_gap) - 1, 0),
    (
        "8.对比",
        "为什么随机方法里 AdaGrad 最后离最优值最近",
        True,
        lambda c: closest_after_5500(c) == "AdaGrad",
        None,
    ),
]
# fmt: on

# fmt: off
NON_CLAIMS = [
    ("**从同一个起点**($w = 1$、$b = 0$)", "set-up"),
    ("(种子 0,和各课完全一样)", "set-up"),
    ("第一次进入最优值 1% 以内用了几步", "set-up"),
    ("碗 $0.1\\,x_1^2 + 2\\,x_2^2$ 上,和在真实 loss 的一个二维切面上", "set-up"),
    ("学习率从 $10^{-4}$ 到 1", "set-up"),
    ("差一格就是差 10 倍", "formula"),
    ("各跑 5500 步", "set-up"),
    ("(这里都跑 5500 步)", "set-up"),
    ("但它每一步都用了全部 1503 条数据;其他优化器每一步只用 1 条", "set-up"),
    ("所有优化器在碗 $0.1\\,x_1^2 + 2\\,x_2^2$ 上从 $(-5, -2)$ 出发", "set-up"),
    ("AdaDelta 走 400 步,其他走 40 步", "set-up"),
    ("从 $(-0.4, 1.5)$ 出发", "set-up"),
    ("如果从 $(1, 1)$ 出发", "set-up"),
    ("- **动量法**(学习率 $10^{-3}$,$\\beta = 0.8$)", "set-up"),
    ("它像学习率大 5 倍的随机梯度下降", "formula"),
    ("用 9 个学习率各跑 1500 步,取最后 100 步 MSE 的平均", "set-up"),
    ("为了让 9 个学习率**同时**跑(参数叠成一个 9 行的矩阵", "set-up"),
    ("发散的运行在图上画在 100 处", "set-up"),
    ("($\\rho = 0.2$ 时", "set-up"),
    ("9 个学习率里进入最优值 10% 以内的", "set-up"),
    ("比进入 1% 以内的四个随机方法", "set-up"),
    ("陡的方向只剩不到 10%", "set-up"),
    ("起点只挪动 $10^{-12}$", "set-up"),
    ("(9 个学习率里只有 0.01 进入最优值 10% 以内", "set-up"),
]
# fmt: on
