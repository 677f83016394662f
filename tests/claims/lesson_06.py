"""The claims of 6.ada_delta: its prose's numbers and laws, recomputed."""

from functools import cache

import numpy as np

from claims.context import Context, explorer_vs_lesson, lesson_source
from course_lib.gradients import row_gradient, sampled_rows, start_theta
from course_lib.landscapes import BOWL_START, bowl, bowl_gradient
from course_lib.optimizers import AdaDelta, trajectory
from course_lib.runs import LESSON_RUNS, lesson_run


def _block_drops(curve, start, block=500):
    points = np.concatenate([[start], curve[block - 1 :: block]])
    return -np.diff(points)


def _adadelta_step_ratio(c, index):
    moves = np.abs(np.diff(c.run5500("AdaDelta")[0], axis=0))
    return moves[:, index].mean() / moves[:, 0].mean()


def _loop_says(text):
    """Whether lesson 6's own loop (its .py) has ``text``: its settings are the registry's."""
    return text in lesson_source("6.ada_delta")


def _rho(c):
    """rho of the lesson's run, if the lesson's loop averages S with it too."""
    rho = lesson_run("AdaDelta").make().rho
    return rho if _loop_says(f"S_w = {rho} * S_w + {1 - rho:g} * gradient_w**2") else np.nan


def _eps(c):
    eps = lesson_run("AdaDelta").make().eps
    return eps if _loop_says("lr = (delta_w + 1e-6) / (S_w + 1e-6)") else np.nan


def _delta_at_start(c):
    delta = lesson_run("AdaDelta").make().delta
    return delta if _loop_says("delta_w = np.zeros(M)") else np.nan


def _printed_deltas(c):
    """What the lesson's loop prints of Δ after steps 0, 500, ..., 5000: delta_w[:2], delta_b."""
    return c.adadelta_delta[::500][:, [0, 1, -1]]


def _first_lr(c):
    """(lr of the first step as the lesson's run takes it, (0 + eps) / (0.8 g² + eps))."""
    g = c.run5500("AdaDelta")[2][0, 0]
    return (c.adadelta_moves[0] / np.abs(g)) ** 2, 1e-6 / (0.8 * g**2 + 1e-6)


@cache
def _without_eps(c, steps=100):
    """Lesson 6's AdaDelta with eps = 0 on the lesson's rows: the largest move, plus Δ at the end
    (a step that moved would leave Δ > 0 for hundreds of steps)."""
    o = AdaDelta(rho=0.2, eps=0.0)
    gradient = row_gradient(c.x, c.y, sampled_rows(c.N, steps))
    thetas = trajectory(o, gradient, start_theta(c.M), steps)
    return float(np.abs(thetas - start_theta(c.M)).max() + np.abs(o.delta).max())


def _max_update_ratio(c):
    """Largest |update| / sqrt(Δ before the step + eps) of the lesson's run."""
    delta = c.adadelta_delta
    before = np.vstack([np.zeros((1, delta.shape[1])), delta[:-1]])
    return float((c.adadelta_moves / np.sqrt(before + 1e-6)).max())


def _is_the_bowl(c):
    """course_lib's bowl is 0.1 x1² + 2 x2², and its gradient that function's."""
    x1, x2 = np.random.default_rng(0).normal(size=(2, 10))
    g = np.array([bowl_gradient(np.array(p)) for p in zip(x1, x2, strict=True)])
    return np.allclose(bowl(x1, x2), 0.1 * x1**2 + 2 * x2**2) and np.allclose(
        g, np.c_[0.2 * x1, 4 * x2]
    )


def _other_bowl_steps(c):
    steps = {run.bowl_steps for run in LESSON_RUNS if run.name != "AdaDelta"}
    return steps.pop() if len(steps) == 1 else np.nan


def _bowl_steps(c):
    """The AdaDelta explorer's bowl steps: the lesson's bowl cell and Context.bowl_adadelta's."""
    run = lesson_run("AdaDelta")
    same = _loop_says("trajectory(AdaDelta(rho=0.2), bowl_gradient, BOWL_START, 400)")
    return run.bowl_steps if same and len(c.bowl_adadelta[0]) == 400 else np.nan


# fmt: off
CLAIMS = [
    # ---- 6.ada_delta -----------------------------------------------------------------------
    ("6.ada_delta", "第一步每个参数正好走 $\\sqrt{10^{-6}/0.8} \\approx 1.1\\times10^{-3}$", "1.1e-3",
     lambda c: c.adadelta_moves[0].max() if np.ptp(c.adadelta_moves[0]) < 1e-9 else np.nan,
     0.05e-3),
    ("6.ada_delta", "都停在 $\\epsilon$ 的量级(平均约 $2\\times10^{-6}$)", "2e-6",
     lambda c: c.adadelta_delta[:5500].mean(), 0.1e-6),
    ("6.ada_delta", "每一步每个参数始终只走约 $1.3\\times10^{-3}$", "1.3e-3",
     lambda c: c.adadelta_moves.mean(), 0.05e-3),
    ("6.ada_delta", "每一步每个参数始终只走约", True,
     lambda c: all(1.1e-3 < c.adadelta_moves[k:k + 1000].mean() < 1.4e-3
                   for k in range(0, 5500, 1000)), None),
    ("6.ada_delta", "前 500 步降得最多", True,
     lambda c: np.argmax(_block_drops(c.L("AdaDelta"), c.L("AdaDelta")[0])) == 0, None),
    ("6.ada_delta", "SSE 从第 1 步后的 11063", "11063", lambda c: c.L("AdaDelta")[0], 0.5),
    ("6.ada_delta", "降到第 500 步后的 7878", "7878", lambda c: c.L("AdaDelta")[499], 0.5),
    ("6.ada_delta", "约 −29%", "-29", lambda c: 100 * (c.L("AdaDelta")[499] / c.L("AdaDelta")[0] - 1),
     0.5),
    ("6.ada_delta", "前 500 步 SSE 就从 11063 降到 7878", "7878", lambda c: c.L("AdaDelta")[499], 0.5),
    ("6.ada_delta", "前 500 步 SSE 就从 11063 降到 7878", "11063", lambda c: c.L("AdaDelta")[0], 0.5),
    ("6.ada_delta", "每一步的更新量最多约是 $1.1\\sqrt{\\Delta + \\epsilon}$", "1.1",
     lambda c: 1 / np.sqrt(1 - AdaDelta().rho), 0.05),
    ("6.ada_delta", "(rho = 0.95 时前 1000 步平均约 5.6e-06", "5.6e-06",
     lambda c: c.adadelta_rho95[0][:1000].mean(), 0.05e-6),
    ("6.ada_delta", "每步平均走 1.6e-03", "1.6e-03",
     lambda c: c.adadelta_rho95[1].mean(), 0.05e-3),
    ("6.ada_delta", "比 rho = 0.2 的 1.3e-03 大两成多", "1.3e-03",
     lambda c: c.adadelta_moves.mean(), 0.05e-3),
    ("6.ada_delta", "比 rho = 0.2 的 1.3e-03 大两成多", True,
     lambda c: 1.2 <= c.adadelta_rho95[1].mean() / c.adadelta_moves.mean() < 1.3, None),
    ("6.ada_delta", "是 rho = 0.2 时的两倍多", True,
     lambda c: 2 < c.adadelta_rho95[0][:1000].mean() / c.adadelta_delta[:1000].mean() < 3,
     None),
    # AdaDelta on the bowl: Delta grows by about 0.8 eps a step at first, more slowly once it is large
    ("6.ada_delta", "开头 $\\Delta$ 每步大约多出 $0.8\\,\\epsilon$", "0.8",
     lambda c: np.diff(c.bowl_adadelta[0][:10], axis=0).mean() / 1e-6, 0.05),
    ("6.ada_delta", "(前 100 步平均约 $0.75\\,\\epsilon$", "0.75",
     lambda c: (c.bowl_adadelta[0][99] - c.bowl_adadelta[0][0]).mean() / 99 / 1e-6, 0.03),
    ("6.ada_delta", "$\\Delta$ 大了以后增长放慢", True,
     lambda c: np.all((c.bowl_adadelta[0][-1] - c.bowl_adadelta[0][99]) / 300
                      < 0.6 * (c.bowl_adadelta[0][99] - c.bowl_adadelta[0][0]) / 99), None),
    ("6.ada_delta", "(前 100 步平均约", "100", lambda c: 100, 0),
    ("6.ada_delta", "400 步后 $\\Delta$ 约 $10^{-4}$", True,
     lambda c: np.all((c.bowl_adadelta[0][-1] > 5e-5) & (c.bowl_adadelta[0][-1] < 5e-4)), None),
    ("6.ada_delta", "步子也从 $1.1\\times10^{-3}$ 长到 $10^{-2}$ 以上", "1.1e-3",
     lambda c: c.bowl_adadelta[1][0].max(), 0.05e-3),
    ("6.ada_delta", "步子也从 $1.1\\times10^{-3}$ 长到 $10^{-2}$ 以上", True,
     lambda c: c.bowl_adadelta[1][-1].min() > 1e-2, None),
    ("6.ada_delta", "5500 步后 SSE 还有 790", "790", lambda c: c.L("AdaDelta")[-1], 0.5),
    ("6.ada_delta", "比随机梯度下降 2500 步后的 768 还高", "768", lambda c: c.L("SGD")[-1], 0.5),
    ("6.ada_delta", "5500 步只相当于把 1503 条数据过了约 3.66 遍", "3.66",
     lambda c: lesson_run("AdaDelta").steps / c.N, 0.005),
    ("6.ada_delta", "其中只有 1465 条被抽到过", "1465", lambda c: len(np.unique(c.rows("AdaDelta"))), 0),
    ("6.ada_delta", "eps 大 100 倍,步子大 10 倍", "10", lambda c: _adadelta_step_ratio(c, 2), 0.5),
    ("6.ada_delta", "eps 大 100 倍,步子大 10 倍", "100",
     lambda c: Context.VARIANTS["AdaDelta"]["eps"][2] / Context.VARIANTS["AdaDelta"]["eps"][0], 1e-9),
    ("6.ada_delta", "它需要 5500 步,比前几课都多", True,
     lambda c: lesson_run("AdaDelta").steps == 5500 and all(
         lesson_run(n).steps < 5500 for n in ["GD", "SGD", "Momentum", "AdaGrad", "RMSProp"]),
     None),
    # ---- 6.ada_delta, exercises 1-2 --------------------------------------------------------
    ("6.ada_delta", "可能出乎意料:rho 越大反而越快", True,
     lambda c: c.variant("AdaDelta", 1)[999] < c.variant("AdaDelta", 3)[999] < c.L("AdaDelta")[999], None),
    ("6.ada_delta", "(第 1000 步:0.95 是 3436.6,0.9 是 4101.0,0.2 是 5298.6", "3436.6",
     lambda c: c.variant("AdaDelta", 1)[999], 0.05),
    ("6.ada_delta", "(第 1000 步:0.95 是 3436.6,0.9 是 4101.0,0.2 是 5298.6", "4101.0",
     lambda c: c.variant("AdaDelta", 3)[999], 0.05),
    ("6.ada_delta", "(第 1000 步:0.95 是 3436.6,0.9 是 4101.0,0.2 是 5298.6", "5298.6",
     lambda c: c.L("AdaDelta")[999], 0.05),
    ("6.ada_delta", "5500 步后 733.4、736.1、790.2)", "733.4", lambda c: c.variant("AdaDelta", 1)[-1], 0.05),
    ("6.ada_delta", "5500 步后 733.4、736.1、790.2)", "736.1", lambda c: c.variant("AdaDelta", 3)[-1], 0.05),
    ("6.ada_delta", "5500 步后 733.4、736.1、790.2)", "790.2", lambda c: c.L("AdaDelta")[-1], 0.05),
    ("6.ada_delta", "第 100 步 SSE 4854.3(eps = 1e-6 时 10254.0)", "4854.3",
     lambda c: c.variant("AdaDelta", 2)[99], 0.05),
    ("6.ada_delta", "第 100 步 SSE 4854.3(eps = 1e-6 时 10254.0)", "10254.0", lambda c: c.L("AdaDelta")[99], 0.05),
    ("6.ada_delta", "第 1000 步就到了 789.7", "789.7", lambda c: c.variant("AdaDelta", 2)[999], 0.05),
    ("6.ada_delta", "最后 500 步的标准差 50.9(eps = 1e-6 时 4.3)", "50.9",
     lambda c: c.variant("AdaDelta", 2)[-500:].std(), 0.05),
    ("6.ada_delta", "最后 500 步的标准差 50.9(eps = 1e-6 时 4.3)", "4.3", lambda c: c.L("AdaDelta")[-500:].std(), 0.05),
    ("6.ada_delta", "平均 841.0,比 791.7 还差", "841.0", lambda c: c.variant("AdaDelta", 2)[-500:].mean(), 0.05),
    ("6.ada_delta", "平均 841.0,比 791.7 还差", "791.7", lambda c: c.L("AdaDelta")[-500:].mean(), 0.05),
    ("6.ada_delta", "所以曲线和上面的结果相差不到 0.3%", True, lambda c: explorer_vs_lesson(c, "AdaDelta") < 0.003, None),
    # ---- 6.ada_delta: the settings, the first step, Δ ------------------------------------
    ("6.ada_delta", "这门课里 $\\rho = 0.2$,$\\epsilon = 10^{-6}$", "0.2", _rho, 0),
    ("6.ada_delta", "这门课里 $\\rho = 0.2$,$\\epsilon = 10^{-6}$", "1e-6", _eps, 0),
    ("6.ada_delta", "一开始 $\\Delta = 0$", "0", _delta_at_start, 0),
    ("6.ada_delta", "$\\rho = 0.2$、每一步只用一条数据的梯度时", "0.2", _rho, 0),
    # "量级": within a factor of 10 (the 33 printed values are 1.5e-7 to 5.2e-6)
    ("6.ada_delta", "再看打印的 delta 为什么从头到尾都是 1e-6 的量级", True,
     lambda c: np.all((_printed_deltas(c) >= 1e-7) & (_printed_deltas(c) < 1e-5)), None),
    ("6.ada_delta", "打印的 delta 一直在 $10^{-6}$ 的量级", True,
     lambda c: np.all((_printed_deltas(c) >= 1e-7) & (_printed_deltas(c) < 1e-5)), None),
    # "约 1e-3": within half a decade; 89% of the moves are, their median is 1.3e-3 (the rest are
    # mostly smaller: a row whose gradient is small next to the last ones)
    ("6.ada_delta", "每一步都走约 $10^{-3}$", True,
     lambda c: 10**-3.5 < np.median(c.adadelta_moves) < 10**-2.5
     and np.mean((c.adadelta_moves > 10**-3.5) & (c.adadelta_moves < 10**-2.5)) > 0.85, None),
    ("6.ada_delta", "而 $\\Delta$ 还是 0", "0", _delta_at_start, 0),
    ("6.ada_delta", "时刻 0 的 lr 是", True, lambda c: np.allclose(*_first_lr(c), rtol=1e-6), None),
    ("6.ada_delta", "$(0 + 10^{-6}) / (0.8\\,g^2 + 10^{-6})$,非常小", True,
     lambda c: np.allclose(*_first_lr(c), rtol=1e-6) and _first_lr(c)[1].max() < 1e-5, None),
    ("6.ada_delta", "第一步每个参数只移动 $\\sqrt{10^{-6}/0.8} \\approx 1.1\\times10^{-3}$", "1.1e-3",
     lambda c: c.adadelta_moves[0].max() if np.ptp(c.adadelta_moves[0]) < 1e-9 else np.nan,
     0.05e-3),
    ("6.ada_delta", "没有它,$\\Delta$ 永远是 0", "0", _without_eps, 0),
    ("6.ada_delta", "提示:$\\rho = 0.2$ 时", "0.2", _rho, 0),
    ("6.ada_delta", "每一步的更新量最多约是 $1.1\\sqrt{\\Delta + \\epsilon}$", True,
     lambda c: 1.1 < _max_update_ratio(c) <= 1 / np.sqrt(0.8) + 1e-9, None),
    ("6.ada_delta", "$\\rho = 0.2$ 时步长从头到尾都由 $\\epsilon$ 决定(每步约 $1.3\\times10^{-3}$)", "0.2", _rho, 0),
    ("6.ada_delta", "$\\rho = 0.2$ 时步长从头到尾都由 $\\epsilon$ 决定(每步约 $1.3\\times10^{-3}$)", "1.3e-3",
     lambda c: c.adadelta_moves.mean(), 0.05e-3),
    # ---- 6.ada_delta: the bowl -------------------------------------------------------------
    ("6.ada_delta", "真实问题有 6 个参数", "6", lambda c: len(start_theta(c.M)), 0),
    ("6.ada_delta", "$f(x_1, x_2) = 0.1\\,x_1^2 + 2\\,x_2^2$", True, _is_the_bowl, None),
    ("6.ada_delta", "沿 $x_2$ 方向很陡(二阶导数 4)", "4", lambda c: bowl_gradient(np.array([0.0, 1.0]))[1], 1e-12),
    ("6.ada_delta", "沿 $x_1$ 方向很平(二阶导数 0.2)", "0.2",
     lambda c: bowl_gradient(np.array([1.0, 0.0]))[0], 1e-12),
    ("6.ada_delta", "最低点在 $(0, 0)$", True,
     lambda c: _is_the_bowl(c) and not np.any(bowl_gradient(np.zeros(2))), None),
    ("6.ada_delta", "所有优化器都从 $(-5, -2)$ 出发", "-5", lambda c: BOWL_START[0], 0),
    ("6.ada_delta", "所有优化器都从 $(-5, -2)$ 出发", "-2", lambda c: BOWL_START[1], 0),
    ("6.ada_delta", "这里走了 400 步(其他优化器只走 40 步)", "400", _bowl_steps, 0),
    ("6.ada_delta", "这里走了 400 步(其他优化器只走 40 步)", "40", _other_bowl_steps, 0),
    ("6.ada_delta", "开头 $\\Delta = 0$", "0", _delta_at_start, 0),
    ("6.ada_delta", "(上面只用一条数据的梯度时一直停在 $2\\times10^{-6}$ 左右)", "2e-6",
     lambda c: c.adadelta_delta.mean(), 0.5e-6),
    ("6.ada_delta", "(上面只用一条数据的梯度时一直停在 $2\\times10^{-6}$ 左右)", True,
     lambda c: all(1.5e-6 < c.adadelta_delta[k:k + 500].mean() < 2.5e-6 for k in range(0, 5500, 500)),
     None),
    ("6.ada_delta", "(用同样的 rho,走 400 步;碗上同样没有学习率)", "400",
     lambda c: _bowl_steps(c) if not lesson_run("AdaDelta").has_lr else np.nan, 0),
]

NON_CLAIMS = [
    ("Zeiler 的 AdaDelta 论文用 $\\rho = 0.95$(PyTorch 默认 0.9)", "citation"),
    ("$\\rho$ 换成 0.95 会让它更快还是更慢", "question"),
    ("把 $\\rho$ 换成教科书的 0.95(以及 PyTorch 默认的 0.9),第 100 步、第 1000 步和最后的 SSE 各是多少", "question"),
    ("把 $\\epsilon$ 从 1e-6 改成 1e-4,开头和最后各有什么变化", "question"),
    ("$\\epsilon$ 大 100 倍,第一步大几倍", "question"),
]
# fmt: on

# the lesson's PyTorch line: its numbers are the lesson's (tests/test_torch_bridge.py runs it)
CLAIMS += [
    ("6.ada_delta", "`torch.optim.Adadelta(params, lr=1.0, rho=0.2, eps=1e-6)`", "0.2", lambda c: lesson_run("AdaDelta").hyperparameters["rho"], 0),
    ("6.ada_delta", "`torch.optim.Adadelta(params, lr=1.0, rho=0.2, eps=1e-6)`", "1e-6", lambda c: lesson_run("AdaDelta").make().eps, 0),
]  # fmt: skip
NON_CLAIMS += [
    ("`torch.optim.Adadelta(params, lr=1.0", "set-up"),
    ("设为 1 就是论文的写法", "set-up"),
]  # fmt: skip
