"""The claims of 7.adam: its prose's numbers and laws, recomputed."""

from functools import cache

import numpy as np

from claims.context import (
    Context,
    bowl_path,
    explorer_bowl_claims,
    explorer_vs_lesson,
    first_move,
    lesson_source,
)
from course_lib.curves import LOSS_CAP, diverged, sse_curve
from course_lib.gradients import (
    row_gradient,
    sampled_rows,
    start_theta,
)
from course_lib.landscapes import BOWL_START, bowl, bowl_gradient
from course_lib.optimizers import Adam
from course_lib.runs import lesson_run


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


def _setting(name, loop_text):
    """Adam's ``name`` in the lesson's run, if lesson 7's own loop (its .py) has ``loop_text``."""
    value = getattr(lesson_run("Adam").make(), name)
    return value if loop_text in lesson_source("7.adam") else np.nan


def _first_t():
    o = lesson_run("Adam").make()
    o.step(np.zeros(2), np.ones(2))
    return o.t if "for t in range(1, 5500):" in lesson_source("7.adam") else np.nan


def _state_at_start():
    o = lesson_run("Adam").make()
    zeros = all(f"{n} = np.zeros(M)" in lesson_source("7.adam") for n in ("v_w", "S_w"))
    return abs(o.v) + abs(o.S) if zeros else np.nan


def _first_state(c):
    """(v / g, S / g²) after the first step of the Adam lesson, each if equal for all parameters."""
    g = c.run5500("Adam")[2][0, 0]
    o = lesson_run("Adam").make()
    o.step(start_theta(c.M), g)
    return tuple(r[0] if np.ptp(r) < 1e-12 else np.nan for r in (o.v / g, o.S / g**2))


def _early_s_share(c, steps=10):
    """Largest S / (mean of the squared gradients so far) in the first ``steps`` steps."""
    _, S, g = c.run5500("Adam")
    S, g2 = S[:steps, 0], g[:steps, 0] ** 2
    return float((S / (np.cumsum(g2, axis=0) / np.arange(1, steps + 1)[:, None])).max())


def _bowl_x1_steps():
    return np.diff(bowl_path(lesson_run("Adam").make_for_bowl()), axis=0)[:, 0]


def _is_the_bowl(c):
    """course_lib's bowl is 0.1 x1² + 2 x2², and its gradient that function's."""
    x1, x2 = np.random.default_rng(0).normal(size=(2, 10))
    g = np.array([bowl_gradient(np.array(p)) for p in zip(x1, x2, strict=True)])
    return np.allclose(bowl(x1, x2), 0.1 * x1**2 + 2 * x2**2) and np.allclose(
        g, np.c_[0.2 * x1, 4 * x2]
    )


def _final_s_hat_w(c):
    """The loop's S_hat_w after its last step (t = 5499): the lesson run's S, bias-corrected."""
    return c.run5500("Adam")[1][5498, 0, :-1] / (1 - 0.999**5499)


def _eps_matters_below():
    """The largest sqrt(S_hat) at which eps = 1e-6 instead of 1e-8 changes the step by 10%."""
    s = np.logspace(-10, 3, 1301)
    return float(s[(s + 1e-6) / (s + 1e-8) - 1 > 0.1].max())


def _loss_cap(c):
    """The explorer's divergence rule: a loss above LOSS_CAP or not finite."""
    rule = [False, True, True, True]
    losses = np.array([LOSS_CAP, np.nextafter(LOSS_CAP, np.inf), np.inf, np.nan])
    return LOSS_CAP if list(diverged(losses)) == rule else np.nan


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
    ("7.adam", "循环结束时 sqrt(S_hat_w) 在 1.4 到 1.8 之间", "1.4", lambda c: np.sqrt(_final_s_hat_w(c)).min(), 0.05),
    ("7.adam", "循环结束时 sqrt(S_hat_w) 在 1.4 到 1.8 之间", "1.8", lambda c: np.sqrt(_final_s_hat_w(c)).max(), 0.05),
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
    ("7.adam", "(第 500 步:0.999 是 1224.2,0.99 是 1070.2,0.9 是 825.8)", "1224.2",
     lambda c: c.L("Adam")[499], 0.05),
    ("7.adam", "(第 500 步:0.999 是 1224.2,0.99 是 1070.2,0.9 是 825.8)", "1070.2",
     lambda c: c.variant("Adam", 3)[499], 0.05),
    ("7.adam", "(第 500 步:0.999 是 1224.2,0.99 是 1070.2,0.9 是 825.8)", "825.8",
     lambda c: c.variant("Adam", 4)[499], 0.05),
    ("7.adam", "第 200 到 500 步每个参数每步平均走 1.55e-03、1.81e-03、2.22e-03", "1.55e-03", lambda c: _adam_mean_move(c, 0), 0.005e-3),
    ("7.adam", "第 200 到 500 步每个参数每步平均走 1.55e-03、1.81e-03、2.22e-03", "1.81e-03", lambda c: _adam_mean_move(c, 3), 0.005e-3),
    ("7.adam", "第 200 到 500 步每个参数每步平均走 1.55e-03、1.81e-03、2.22e-03", "2.22e-03", lambda c: _adam_mean_move(c, 4), 0.005e-3),
    ("7.adam", "三者最后 500 步的平均差不多(764 到 768)", True,
     lambda c: all(763.5 <= curve[-500:].mean() < 768.5
                   for curve in (c.L("Adam"), c.variant("Adam", 3), c.variant("Adam", 4))), None),
    ("7.adam", "所以曲线和上面的结果相差不到 0.3%", True, lambda c: explorer_vs_lesson(c, "Adam") < 0.003, None),
    # ---- 7.adam: the settings, the first step, bias correction ------------------------------
    ("7.adam", "$v$ 和 $S$ 从 0 开始", "0", lambda c: _state_at_start(), 0),
    ("7.adam", "这门课里 $\\beta_1 = 0.9$,$\\beta_2 = 0.999$,$\\eta = 10^{-2}$,$\\epsilon = 10^{-6}$,$t$ 从 1 开始", "0.9",
     lambda c: _setting("beta1", "v_w = 0.9 * v_w + 0.1 * gradient_w"), 0),
    ("7.adam", "这门课里 $\\beta_1 = 0.9$,$\\beta_2 = 0.999$,$\\eta = 10^{-2}$,$\\epsilon = 10^{-6}$,$t$ 从 1 开始", "0.999",
     lambda c: _setting("beta2", "S_w = 0.999 * S_w + 0.001 * gradient_w**2"), 0),
    ("7.adam", "这门课里 $\\beta_1 = 0.9$,$\\beta_2 = 0.999$,$\\eta = 10^{-2}$,$\\epsilon = 10^{-6}$,$t$ 从 1 开始", "1e-2",
     lambda c: _setting("lr", "(1e-2 * v_hat_w) / (S_hat_w**0.5 + 1e-6)"), 0),
    ("7.adam", "这门课里 $\\beta_1 = 0.9$,$\\beta_2 = 0.999$,$\\eta = 10^{-2}$,$\\epsilon = 10^{-6}$,$t$ 从 1 开始", "1e-6",
     lambda c: _setting("eps", "(1e-2 * v_hat_w) / (S_hat_w**0.5 + 1e-6)"), 0),
    ("7.adam", "这门课里 $\\beta_1 = 0.9$,$\\beta_2 = 0.999$,$\\eta = 10^{-2}$,$\\epsilon = 10^{-6}$,$t$ 从 1 开始", "1",
     lambda c: _first_t(), 0),
    ("7.adam", "Adam 用的系数是 0.999/0.001", "0.999", lambda c: lesson_run("Adam").make().beta2, 0),
    ("7.adam", "Adam 用的系数是 0.999/0.001", "0.001", lambda c: 1 - lesson_run("Adam").make().beta2, 1e-12),
    ("7.adam", "平均了最近约一千步", True, lambda c: abs(1 / (1 - lesson_run("Adam").make().beta2) - 1000) < 1, None),
    ("7.adam", "比 RMSProp 一课的 0.2/0.8 长得多", "0.2", lambda c: lesson_run("RMSProp").make().rho, 0),
    ("7.adam", "比 RMSProp 一课的 0.2/0.8 长得多", "0.8", lambda c: 1 - lesson_run("RMSProp").make().rho, 1e-12),
    ("7.adam", "比 RMSProp 一课的 0.2/0.8 长得多", True,
     lambda c: (1 - lesson_run("RMSProp").make().rho) / (1 - lesson_run("Adam").make().beta2) > 100, None),
    # S_t <= 0.001 t times the mean squared gradient so far: at most 1% of it in the first 10 steps
    ("7.adam", "开头的 $S$ 几乎是 0", True, lambda c: _early_s_share(c) <= 0.01 + 1e-12, None),
    ("7.adam", "学习率 $\\eta = 10^{-2}$", "1e-2", lambda c: _setting("lr", "(1e-2 * v_hat_w)"), 0),
    ("7.adam", "以及 $\\epsilon = 10^{-6}$", "1e-6", lambda c: _setting("eps", "(S_hat_w**0.5 + 1e-6)"), 0),
    ("7.adam", "默认的 0.001 在这里 5499 步后 SSE 还有 902", "0.001", lambda c: Context.VARIANTS["Adam"]["lr"][1], 0),
    ("7.adam", "这一课用 0.01", "0.01", lambda c: lesson_run("Adam").make().lr, 0),
    ("7.adam", "第一步 $v = 0.1\\,g$,$S = 0.001\\,g^2$", "0.1", lambda c: _first_state(c)[0], 1e-12),
    ("7.adam", "第一步 $v = 0.1\\,g$,$S = 0.001\\,g^2$", "0.001", lambda c: _first_state(c)[1], 1e-12),
    ("7.adam", "开头更大的步子反而让 loss 降得更快", True,
     lambda c: np.all(_adam_uncorrected(c)[1][:100] < c.L("Adam")[:100]), None),
    ("7.adam", "到第 1000 步两者都接近最优值", True,
     lambda c: max(_adam_uncorrected(c)[1][999], c.L("Adam")[999]) < 1.1 * c.opt_sse, None),
    ("7.adam", "$\\beta_2$ 越接近 1", True,
     lambda c: np.all(np.diff([_uncorrected_first_step(b) for b in (0.9, 0.99, 0.999, 0.9999)]) > 0),
     None),
    # ---- 7.adam: the bowl ------------------------------------------------------------------
    ("7.adam", "真实问题有 6 个参数", "6", lambda c: len(start_theta(c.M)), 0),
    ("7.adam", "$f(x_1, x_2) = 0.1\\,x_1^2 + 2\\,x_2^2$", True, _is_the_bowl, None),
    ("7.adam", "沿 $x_2$ 方向很陡(二阶导数 4)", "4", lambda c: bowl_gradient(np.array([0.0, 1.0]))[1], 1e-12),
    ("7.adam", "沿 $x_1$ 方向很平(二阶导数 0.2)", "0.2", lambda c: bowl_gradient(np.array([1.0, 0.0]))[0], 1e-12),
    ("7.adam", "最低点在 $(0, 0)$", True, lambda c: _is_the_bowl(c) and not np.any(bowl_gradient(np.zeros(2))), None),
    ("7.adam", "所有优化器都从 $(-5, -2)$ 出发", "-5", lambda c: BOWL_START[0], 0),
    ("7.adam", "所有优化器都从 $(-5, -2)$ 出发", "-2", lambda c: BOWL_START[1], 0),
    ("7.adam", "在第 1、6、11、16 步是 0.30、0.29、0.27、0.22,越来越小", True,
     lambda c: np.allclose(np.round(_bowl_x1_steps()[[0, 5, 10, 15]], 2), [0.30, 0.29, 0.27, 0.22])
     and np.all(np.diff(_bowl_x1_steps()[:16]) < 0), None),
    # ---- 7.adam: exercises, the explorer ---------------------------------------------------
    # "1e-6 附近": eps = 1e-6 instead of 1e-8 changes the step by 10% only below sqrt(S_hat) = 9e-6
    ("7.adam", "只有 sqrt(S_hat) 小到 1e-6 附近(梯度几乎为 0)时,eps 才起作用", True,
     lambda c: 1e-7 < _eps_matters_below() < 1e-5, None),
    # at step 500 the first gradient still weighs 0.999^499 = 0.61 of the newest in S_hat
    ("7.adam", "beta2 = 0.999 时它平均了差不多从头开始的所有梯度", True,
     lambda c: lesson_run("Adam").make().beta2 ** 499 > 0.5, None),
    ("7.adam", "(数值超过 100 或不是有限数)", "100", _loss_cap, 0),
]

NON_CLAIMS = [
    ("0.导论、1.梯度下降、8.对比", "citation"),
    ("要除以 $1-\\beta^t$ 修正回来", "formula"),
    ("$S \\leftarrow \\rho S + (1-\\rho) g^2$", "formula"),
    ("Kingma 和 Ba 的论文(以及 PyTorch 的默认值)是 $\\beta_1 = 0.9$、$\\beta_2 = 0.999$、$\\epsilon = 10^{-8}$", "citation"),
    ("论文和 PyTorch 默认是 $10^{-3}$", "citation"),
    ("换成论文的 $10^{-8}$ 会怎样", "citation"),
    ("$\\eta \\cdot 0.1\\,|g| / \\sqrt{0.001\\,g^2}", "formula"),
    ("Kingma 和 Ba(2015)第 3 节", "citation"),
    ("把 $\\epsilon$ 换成论文里的 1e-8,曲线会变吗", "question"),
    ("把 beta2 从 0.999 换成 0.99 和 0.9(S 只记住更短的历史),第 500、1000 步和最后 500 步的平均 SSE 怎么变", "question"),
]
# fmt: on
# the explorer's paragraph: the bowl's rate, where the two panels disagree
CLAIMS += explorer_bowl_claims("7.adam")

# the lesson's PyTorch line: its numbers are the lesson's (tests/test_torch_bridge.py runs it)
CLAIMS += [
    ("7.adam", "`torch.optim.Adam(params, lr=1e-2, eps=1e-6)`", "1e-2", lambda c: lesson_run("Adam").hyperparameters["lr"], 0),
    ("7.adam", "`torch.optim.Adam(params, lr=1e-2, eps=1e-6)`", "1e-6", lambda c: lesson_run("Adam").make().eps, 0),
]  # fmt: skip
