"""The claims of 5.rms_prop: its prose's numbers and laws, recomputed."""

import re
from functools import cache

import numpy as np

from claims.context import (
    bowl_and_explorer_claims,
    explorer_bowl_claims,
    explorer_vs_lesson,
    first_move,
    in_code,
    lesson_source,
    loop_steps,
    reached,
)
from course_lib import least_squares
from course_lib.curves import sse_curve, steps_to_within
from course_lib.gradients import (
    row_gradient,
    sampled_rows,
    start_theta,
)
from course_lib.landscapes import BOWL_START, bowl_gradient
from course_lib.optimizers import AdaDelta, Adam, RMSProp, trajectory
from course_lib.runs import lesson_run

LESSON = "5.rms_prop"
RUN = lesson_run("RMSProp")


def _rmsprop_distance_steps(c, steps=1250):
    """Distance to the optimum shed per 250 steps in the first ``steps`` (RMSProp lesson run)."""
    w, b = least_squares(c.x, c.y)
    d = np.linalg.norm(c.thetas("RMSProp")[: steps + 1 : 250] - np.append(w, b), axis=1)
    return -np.diff(d)


def _uniform_until_1250(c):
    """Shed about evenly (within 30%) in each 250 steps up to 1250, and less from 1250 to 1500."""
    shed = _rmsprop_distance_steps(c, 1500)
    return shed[:5].min() > 0.7 * shed[:5].max() and shed[5] < shed[:5].min()


@cache
def _rmsprop_lr_1e3_to_10pct(c):
    """Lesson 5, exercise 2: RMSProp with lr 1e-3 on the lesson's rows, 7000 steps."""
    gradient = row_gradient(c.x, c.y, sampled_rows(c.N, 7000))
    thetas = trajectory(RMSProp(lr=1e-3, rho=0.2), gradient, start_theta(c.M), 7000)
    return reached(sse_curve(thetas[1:], c.x, c.y), c, 0.1)


def _averaging(stem):
    """(weight of the old S, weight of g**2) as a lesson's loop writes S_w."""
    found = re.search(r"S_w = ([\d.]+) \* S_w \+ ([\d.]+) \* gradient_w\*\*2", lesson_source(stem))
    return float(found[1]), float(found[2])


def _lesson_averaging():
    """This lesson's (weight of the old S, weight of g**2), if LESSON_RUNS's rho says the same."""
    rho = RUN.hyperparameters["rho"]
    old, new = _averaging(LESSON)
    return (old, new) if old == rho and np.isclose(new, 1 - rho) else (np.nan, np.nan)


def _first_S(rho):
    """S / g**2 after RMSProp's first step."""
    optimizer, g = RUN.make(rho=rho), np.array([2.0, -3.0])
    optimizer.step(np.zeros(2), g)
    return optimizer.S / g**2


def _moves_after_within_10pct(c):
    """|move| per step and parameter of the lr 1e-2 run once it first is within 10% of the optimum."""
    first = steps_to_within(c.variant("RMSProp", 2), c.opt_sse, 0.1) + 1
    return np.abs(np.diff(c.thetas("RMSProp", 2), axis=0))[first:]


def _moves_over_lr(c):
    """|move| / lr of every parameter at every step of the lesson's RMSProp run."""
    return (
        np.abs(np.diff(c.thetas("RMSProp"), axis=0)).ravel()
        / lesson_run("RMSProp").hyperparameters["lr"]
    )


def _bowl_steps():
    """|step| / lr per step and coordinate, and the path, of the lesson's RMSProp on the bowl."""
    optimizer = RUN.make_for_bowl()
    path = trajectory(optimizer, bowl_gradient, BOWL_START, RUN.bowl_steps)
    return np.abs(np.diff(path, axis=0)) / optimizer.lr, path


def _hopping_across_x2():
    """From step 8 on, x2 changes sign at every step and stays within one step (lr) of 0."""
    _, path = _bowl_steps()
    x2 = path[8:, 1]
    return np.all(x2[1:] * x2[:-1] < 0) and np.abs(x2).max() < RUN.make_for_bowl().lr


# fmt: off
CLAIMS = [
    # ---- 5.rms_prop ------------------------------------------------------------------------
    ("5.rms_prop", "用的系数是 0.2/0.8", "0.2", lambda c: AdaDelta().rho, 0),
    ("5.rms_prop", "用的系数是 0.2/0.8", "0.8", lambda c: _averaging("6.ada_delta")[1], 1e-12),
    ("5.rms_prop", "$\\rho = 0.2$ 借自 AdaDelta 一课", "0.2",
     lambda c: _averaging("6.ada_delta")[0] if _averaging("6.ada_delta") == _averaging(LESSON) else np.nan, 0),
    ("5.rms_prop", "这门课里 $\\rho = 0.2$,$\\eta = 3\\times10^{-3}$", "0.2", lambda c: _lesson_averaging()[0], 0),
    ("5.rms_prop", "这门课里 $\\rho = 0.2$,$\\eta = 3\\times10^{-3}$", "3e-3",
     lambda c: in_code(r"lr_w = ([\d.e-]+) /", RUN.hyperparameters["lr"], LESSON), 0),
    ("5.rms_prop", "$\\epsilon = 10^{-6}$", "1e-6", lambda c: in_code(r"\(S_w \+ ([\d.e-]+)\)", RUN.make().eps, LESSON), 0),
    ("5.rms_prop", "系数是 0.999/0.001($\\beta_2 = 0.999$)", "0.999", lambda c: Adam().beta2, 0),
    ("5.rms_prop", "系数是 0.999/0.001($\\beta_2 = 0.999$)", "0.001", lambda c: _averaging("7.adam")[1], 1e-12),
    ("5.rms_prop", "的 S(0.2/0.8)写成", "0.2", lambda c: _averaging("6.ada_delta")[0], 0),
    ("5.rms_prop", "的 S(0.2/0.8)写成", "0.8", lambda c: _averaging("6.ada_delta")[1], 0),
    ("5.rms_prop", "但它的系数是 0.999/0.001", "0.999", lambda c: _averaging("7.adam")[0], 0),
    ("5.rms_prop", "但它的系数是 0.999/0.001", "0.001", lambda c: _averaging("7.adam")[1], 0),
    ("5.rms_prop", "为什么选 $\\eta = 3\\times10^{-3}$、2500 步", "3e-3", lambda c: RUN.hyperparameters["lr"], 0),
    ("5.rms_prop", "为什么选 $\\eta = 3\\times10^{-3}$、2500 步", "2500", lambda c: loop_steps(LESSON, "RMSProp"), 0),
    ("5.rms_prop", "参数从 1 出发", "1", lambda c: np.unique(start_theta(c.M)[:-1]).item(), 0),
    ("5.rms_prop", "离最优解各个权重方向大约 0.8 到 1.6", "0.8",
     lambda c: (1 - least_squares(c.x, c.y)[0]).min(), 0.05),
    ("5.rms_prop", "离最优解各个权重方向大约 0.8 到 1.6", "1.6",
     lambda c: (1 - least_squares(c.x, c.y)[0]).max(), 0.05),
    ("5.rms_prop", "偏置 $b$ 本来就在最优值 0", "0", lambda c: least_squares(c.x, c.y)[1], 1e-9),
    ("5.rms_prop", "2500 步后的 SSE,最优值约 728", "2500", lambda c: loop_steps(LESSON, "RMSProp"), 0),
    ("5.rms_prop", "2500 步后的 SSE,最优值约 728", "728", lambda c: c.opt_sse, 0.5),
    ("5.rms_prop", "$10^{-3}$ 约 3263", "3263",
     lambda c: c.variant("RMSProp", 1)[-1], 0.5),
    ("5.rms_prop", "$3\\times10^{-3}$ 约 768", "768", lambda c: c.L("RMSProp")[-1], 0.5),
    ("5.rms_prop", "第 500 步后 SSE 还有 1180", "1180",
     lambda c: c.variant("RMSProp", 2)[499], 0.5),
    ("5.rms_prop", "(比最优值高 62%)", "62",
     lambda c: 100 * (c.variant("RMSProp", 2)[499] / c.opt_sse - 1), 0.5),
    ("5.rms_prop", "第 666 步后才第一次进入最优值 10% 以内", "666",
     lambda c: steps_to_within(c.variant("RMSProp", 2), c.opt_sse, 0.1) + 1, 0),
    # the median move: the steps are about the rate (a quarter of them under half of it)
    ("5.rms_prop", "而且之后每步的步子仍然是 0.01", "0.01", lambda c: np.median(_moves_after_within_10pct(c)), 0.005),
    ("5.rms_prop", "$3\\times10^{-3}$ 和 2500 步让它和 SGD、AdaGrad 两课可以直接比较", "3e-3",
     lambda c: RUN.hyperparameters["lr"], 0),
    ("5.rms_prop", "$3\\times10^{-3}$ 和 2500 步让它和 SGD、AdaGrad 两课可以直接比较", "2500",
     lambda c: loop_steps(LESSON, "RMSProp")
     if loop_steps("2.随机梯度下降", "SGD") == loop_steps("4.ada_grad", "AdaGrad") == loop_steps(LESSON, "RMSProp")
     else np.nan, 0),
    ("5.rms_prop", "2500 步只相当于", "2500", lambda c: loop_steps(LESSON, "RMSProp"), 0),
    ("5.rms_prop", "其中只有 1197 条被抽到过", "1197", lambda c: len(np.unique(c.rows("RMSProp"))), 0),
    ("5.rms_prop", "只能在 800 多上下晃", True,
     lambda c: 800 <= c.variant("RMSProp", 2)[-500:].mean() < 900, None),
    ("5.rms_prop", "需要上千步", True,
     lambda c: steps_to_within(c.L("RMSProp"), c.opt_sse, 0.1) >= 1000, None),
    ("5.rms_prop", "前 1250 步参数离最优解的距离差不多是匀速缩短的", True, _uniform_until_1250, None),
    ("5.rms_prop", "(每 250 步缩短 0.32 到 0.44)", "0.32", lambda c: _rmsprop_distance_steps(c).min(),
     0.005),
    ("5.rms_prop", "(每 250 步缩短 0.32 到 0.44)", "0.44", lambda c: _rmsprop_distance_steps(c).max(),
     0.005),
    ("5.rms_prop", "而 loss 是距离的平方,越接近最优值下降得越慢", True,
     lambda c: (c.L("RMSProp")[149] - c.L("RMSProp")[299])
     > 5 * (c.L("RMSProp")[1349] - c.L("RMSProp")[1499]), None),
    ("5.rms_prop", "多数步里每个参数都移动接近 $\\eta$", True,
     lambda c: 0.8 < np.median(_moves_over_lr(c)) <= 1.12, None),
    ("5.rms_prop", "最大约 $1/\\sqrt{0.8} \\approx 1.12$", "1.12", lambda c: _moves_over_lr(c).max(), 0.005),
    ("5.rms_prop", "最大约 $1/\\sqrt{0.8} \\approx 1.12$", True, lambda c: abs(1 / np.sqrt(0.8) - 1.118) < 1e-3, None),
    ("5.rms_prop", "**每一步每个参数最多移动约 $1.12\\eta$,多数步接近 $\\eta$**(中位数约 $0.9\\eta$)", "1.12",
     lambda c: _moves_over_lr(c).max(), 0.005),
    ("5.rms_prop", "**每一步每个参数最多移动约 $1.12\\eta$,多数步接近 $\\eta$**(中位数约 $0.9\\eta$)", "0.9",
     lambda c: np.median(_moves_over_lr(c)), 0.05),
    ("5.rms_prop", "(约四分之一的步子不到 $\\eta$ 的一半)", True,
     lambda c: 0.2 < np.mean(_moves_over_lr(c) < 0.5) < 0.3, None),
    ("5.rms_prop", "$\\rho = 0.2$ 时每个参数每一步最多移动约 $1.12\\eta$,多数步接近 $\\eta$", "1.12",
     lambda c: _moves_over_lr(c).max(), 0.005),
    ("5.rms_prop", "$\\rho = 0.2$ 时每个参数每一步最多移动约 $1.12\\eta$,多数步接近 $\\eta$", "0.2",
     lambda c: lesson_run("RMSProp").hyperparameters["rho"], 0),
    ("5.rms_prop", "$\\rho = 0.2$ 时 $S$ 主要由最近一两步的 $g^2$ 决定", "0.2",
     lambda c: lesson_run("RMSProp").hyperparameters["rho"], 0),
    ("5.rms_prop", "步只相当于把 1503 条数据过了约 1.66 遍", "1.66", lambda c: lesson_run("RMSProp").steps / c.N, 0.005),
    ("5.rms_prop", "步只相当于把 1503 条数据过了约 1.66 遍", "1503", lambda c: c.N, 0),
    ("5.rms_prop", "这门课用 0.2/0.8", "0.2", lambda c: _lesson_averaging()[0], 0),
    ("5.rms_prop", "这门课用 0.2/0.8", "0.8", lambda c: _lesson_averaging()[1], 1e-12),
    # ---- 5.rms_prop, the bowl --------------------------------------------------------------
    ("5.rms_prop", "$\\rho = 0.2$ 时 $g / \\sqrt{S}$ 差不多是 $\\pm 1$", "0.2",
     lambda c: in_code(r"RMSProp\(lr=[\d.]+, rho=([\d.]+)\), bowl_gradient", RUN.make_for_bowl().rho, LESSON), 0),
    # the median step over the rate; "差不多": 74 of the 80 within 15% of it
    ("5.rms_prop", "$\\rho = 0.2$ 时 $g / \\sqrt{S}$ 差不多是 $\\pm 1$", "1", lambda c: np.median(_bowl_steps()[0]), 0.05),
    ("5.rms_prop", "所以每一步两个方向都走差不多 lr 那么远", True,
     lambda c: np.mean(np.abs(_bowl_steps()[0] - 1) < 0.15) >= 0.9, None),
    ("5.rms_prop", "沿对角线前进", True, lambda c: np.allclose(*_bowl_steps()[0][:5].T, rtol=0.1), None),
    ("5.rms_prop", "到了 $x_2 = 0$ 附近就在两侧来回跳", True, lambda c: _hopping_across_x2(), None),
    ("5.rms_prop", "步子并不随着接近最低点而变小", True, lambda c: _bowl_steps()[0][-10:].min() > 0.95, None),
    # ---- 5.rms_prop, exercises 1-2 ---------------------------------------------------------
    ("5.rms_prop", "第一步的 S 只有 (1 - rho) g²", True, lambda c: np.allclose(_first_S(0.9), 1 - 0.9, rtol=1e-12), None),
    ("5.rms_prop", "rho = 0.9 时约 3.2 倍 lr", "3.2", lambda c: first_move(c, "RMSProp", 3).max() / 3e-3, 0.05),
    ("5.rms_prop", "0.99 时 10 倍", "10", lambda c: first_move(c, "RMSProp", 4).max() / 3e-3, 0.05),
    ("5.rms_prop", "rho 越大,开头越快", True,
     lambda c: c.variant("RMSProp", 4)[99] < c.variant("RMSProp", 3)[99] < c.L("RMSProp")[99], None),
    ("5.rms_prop", "(740.7、744.8)也都比 0.2 的 768.3 好", "740.7", lambda c: c.variant("RMSProp", 3)[-1], 0.05),
    ("5.rms_prop", "(740.7、744.8)也都比 0.2 的 768.3 好", "744.8", lambda c: c.variant("RMSProp", 4)[-1], 0.05),
    ("5.rms_prop", "(740.7、744.8)也都比 0.2 的 768.3 好", "768.3", lambda c: c.L("RMSProp")[-1], 0.05),
    ("5.rms_prop", "学习率 $3\\times10^{-3}$ 时", "3e-3", lambda c: RUN.hyperparameters["lr"], 0),
    ("5.rms_prop", "SSE 第 2071 步第一次进入最优值 10% 以内", "2071", lambda c: reached(c.L("RMSProp"), c, 0.1), 0),
    ("5.rms_prop", "6212 步,差不多正好是 2071 的 3 倍", "6212", _rmsprop_lr_1e3_to_10pct, 0),
    ("5.rms_prop", "6212 步,差不多正好是 2071 的 3 倍", True,
     lambda c: abs(_rmsprop_lr_1e3_to_10pct(c) / reached(c.L("RMSProp"), c, 0.1) - 3) < 0.02, None),
    ("5.rms_prop", "所以曲线和上面的结果相差不到 0.3%", True, lambda c: explorer_vs_lesson(c, "RMSProp") < 0.003, None),
]
# fmt: on
# the bowl's paragraph and the explorer's divergence rule (shared with lessons 3 and 4)
CLAIMS += bowl_and_explorer_claims("5.rms_prop")
# the explorer's paragraph: the bowl's rate, where the two panels disagree
CLAIMS += explorer_bowl_claims("5.rms_prop")

# fmt: off
NON_CLAIMS = [
    ("一个小于 1 的系数", "formula"),
    ("防止除以 0", "formula"),
    ("$S \\leftarrow 0.9\\,S + 0.1\\,g^2$", "citation"),  # Hinton's lecture 6e
    ("$\\rho = 0.99$", "citation"),  # PyTorch's default alpha
    ("$\\epsilon = 10^{-8}$", "citation"),  # PyTorch's default eps
    ("换成 0.9/0.1", "set-up"),
    ("$10^{-2}$ 第 500 步", "set-up"),
    ("把 $\\rho$ 换成 Hinton 用的 0.9 和 PyTorch 默认的 0.99,第 100、500、1000 步和最后的 SSE 各是多少", "question"),
    ("第一步的 $S$ 是 $(1-\\rho)\\,g^2$", "formula"),
    ("步子是 lr / sqrt(1 - rho)", "formula"),
    ("最后 rho = 0.9 和 0.99 的 SSE", "set-up"),
    ("学习率 $10^{-3}$ 要多少步", "question"),
]
# fmt: on

# the closest PyTorch line: its numbers are the lesson's; tests/test_torch_bridge.py runs it and
# checks "相差不到参数大小的百万分之一" (support/bridge.py: tolerance 1e-6)
CLAIMS += [
    ("5.rms_prop", "`torch.optim.RMSprop(params, lr=3e-3, alpha=0.2, eps=1e-6)`", "3e-3", lambda c: lesson_run("RMSProp").hyperparameters["lr"], 0),
    ("5.rms_prop", "`torch.optim.RMSprop(params, lr=3e-3, alpha=0.2, eps=1e-6)`", "0.2", lambda c: lesson_run("RMSProp").hyperparameters["rho"], 0),
    ("5.rms_prop", "`torch.optim.RMSprop(params, lr=3e-3, alpha=0.2, eps=1e-6)`", "1e-6", lambda c: lesson_run("RMSProp").make().eps, 0),
    ("5.rms_prop", "在这一课的 2500 步里,它和这一课的参数相差不到", "2500", lambda c: lesson_run("RMSProp").steps, 0),
]  # fmt: skip
