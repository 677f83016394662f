"""The numbers the lessons state, recomputed with course_lib.

Each claim is (lesson stem, an exact fragment of the lesson's .py, what the fragment writes,
a function computing the value, tolerance). The test asserts that the fragment occurs in the
lesson, that the written number occurs in the fragment (LaTeX such as 1.1\\times10^{-3} is read as
1.1e-3), and that the recomputed value matches the written one within the tolerance. A boolean
claim ("converges at lr 0.8") writes ``True`` and its function returns a bool.

So a prose number edited without re-measuring, or a code change that moves the true value,
fails here. Runs share one Context per module: every run is cached.
"""

import re
from functools import cache, cached_property
from pathlib import Path

import numpy as np
import pytest

from course_lib import least_squares, load_data, mse_hessian, network, nonconvex, saddle_explorer
from course_lib.comparison import SWEEP_LRS, slice_path, sweep_all, sweep_pair
from course_lib.curves import mse_curve, optimum_mse, sse_curve, steps_to_within
from course_lib.geometry import convergence_factor, optimal_gd, optimal_heavy_ball
from course_lib.gradients import (
    full_batch_gradient,
    row_gradient,
    sampled_rows,
    shuffled_batches,
    start_theta,
)
from course_lib.landscapes import BOWL_START, SLICE_START, airfoil_slice, bowl_gradient
from course_lib.lesson_runs import lesson_run
from course_lib.optimizers import SGD, AdaDelta, AdaGrad, Adam, Momentum, RMSProp, trajectory
from course_lib.schedule_explorer import minibatch_run, schedule_rates

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
STOCHASTIC = ["SGD", "Momentum", "AdaGrad", "RMSProp", "AdaDelta", "Adam"]
NEW_START = (-0.4, 1.5)  # lesson 8's slice start, as the prose writes it


def bowl_path(optimizer, steps=40):
    """The lessons' bowl cells: ``optimizer`` from BOWL_START with exact gradients."""
    return trajectory(optimizer, bowl_gradient, BOWL_START, steps)


def stacked_slice_gradient(slice_, rows):
    """``slice_.gradient(rows)`` for a stack of slice points (K, 2): exact, as slice_path's."""
    design = np.column_stack([slice_.x, np.ones(len(slice_.x))])
    pair = list(slice_.pair)

    def gradient(points, k):
        thetas = np.tile(slice_.best, (len(points), 1))
        thetas[:, pair] = points
        if rows is None:
            full = 2 * (thetas @ design.T - slice_.y) @ design / len(design)
        else:
            row = design[rows[k]]
            full = 2 * (thetas @ row - slice_.y[rows[k]])[:, np.newaxis] * row
        return full[:, pair]

    return gradient


def stacked_forward_gradient(x, y, rows, eps=1e-3):
    """The lessons' forward difference of row ``rows[k]``'s squared error, for a stack of
    parameter vectors (K, M+1) at once: K variants run for about the cost of one."""
    design = np.column_stack([x, np.ones(len(x))])

    def gradient(thetas, k):
        row, target = design[rows[k]], y[rows[k]]
        base = (thetas @ row - target) ** 2
        shifted = ((thetas[:, np.newaxis, :] + eps * np.eye(len(row))) @ row - target) ** 2
        return (shifted - base[:, np.newaxis]) / eps

    return gradient


class Context:
    """Every run the claims need, computed once (seed 0, the lessons' own settings)."""

    def __init__(self, x, y):
        self.x, self.y = x, y
        self.N, self.M = x.shape

    @cached_property
    def opt(self):
        return optimum_mse(self.x, self.y)

    @cached_property
    def opt_sse(self):
        return self.opt * self.N

    # Hyperparameter variants stacked into each optimizer's 5500-step run (column 0 = the lesson):
    # K runs share the sampled rows and are updated together, so they cost about one run.
    VARIANTS = {
        "SGD": {"lr": (1e-3, 1e-2, 3e-2)},
        "Momentum": {
            "beta": (0.8, 0.9, 0.5, 0.0, 0.8, 0.8),
            "lr": (1e-3, 1e-3, 1e-3, 1e-3, 1e-4, 1e-2),
        },
        "AdaGrad": {"lr": (0.1, 0.01, 1.0)},
        "RMSProp": {"lr": (3e-3, 1e-3, 1e-2, 3e-3, 3e-3), "rho": (0.2, 0.2, 0.2, 0.9, 0.99)},
        "AdaDelta": {"rho": (0.2, 0.95, 0.2, 0.9), "eps": (1e-6, 1e-6, 1e-4, 1e-6)},
        "Adam": {
            "lr": (1e-2, 1e-3, 1e-2, 1e-2, 1e-2),
            "eps": (1e-6, 1e-6, 1e-8, 1e-6, 1e-6),
            "beta2": (0.999, 0.999, 0.999, 0.99, 0.9),
        },
    }
    STATE = {"AdaDelta": "delta", "Adam": "S"}

    @cache
    def run5500(self, name):
        """Iterates (5501, K, M+1), state (5500, K, M+1) and gradients (5500, K, M+1) of the
        lesson optimizer with its stacked variants: 8.对比's length; each lesson's run is a prefix
        (same start, same seeded rows)."""
        run, steps = lesson_run(name), 5500
        kw = {k: np.array(v)[:, None] for k, v in self.VARIANTS[name].items()}
        k_runs = len(next(iter(kw.values())))
        g = stacked_forward_gradient(self.x, self.y, sampled_rows(self.N, steps))
        o = run.make(**kw)
        th = np.tile(start_theta(self.M), (k_runs, 1))
        thetas, states, grads, state = [th], [], [], self.STATE.get(name)
        for k in range(steps):
            gr = g(th, k)
            th = o.step(th, gr)
            thetas.append(th)
            grads.append(gr)
            if state:
                states.append(np.broadcast_to(getattr(o, state), th.shape).copy())
        return np.array(thetas), np.array(states), np.array(grads)

    def thetas(self, name, variant=0, steps=None):
        if name == "GD":
            return trajectory(
                SGD(lr=1e-2), full_batch_gradient(self.x, self.y), start_theta(self.M), 500
            )
        steps = steps or lesson_run(name).steps
        return self.run5500(name)[0][: steps + 1, variant]

    @cache
    def variant(self, name, index, steps=None):
        """plt_y (SSE after each step) of stacked variant ``index`` over ``steps``."""
        return sse_curve(self.thetas(name, index, steps)[1:], self.x, self.y)

    @cache
    def L(self, name):
        """The lesson's plt_y: the loss after each step (MSE for GD, SSE otherwise)."""
        curve = mse_curve if name == "GD" else sse_curve
        return curve(self.thetas(name)[1:], self.x, self.y)

    @cached_property
    def sweep(self):
        return sweep_all(self.x, self.y)

    def within10(self, name):
        return int((np.asarray(self.sweep[name]) <= 1.1 * self.opt).sum())

    @cached_property
    def gd_gap(self):
        """8.对比's GD: forward differences, lr 1e-2, 5500 steps (index = step number).

        The forward-difference gradient is the exact one plus eps = 1e-3 in every component (a
        claim tested below), and the exact gradient is much cheaper to evaluate."""
        exact = full_batch_gradient(self.x, self.y, "exact")
        th = trajectory(
            SGD(lr=1e-2), lambda theta, k: exact(theta, k) + 1e-3, start_theta(self.M), 5500
        )
        return mse_curve(th, self.x, self.y) - self.opt

    def momentum_exact(self, lr, beta=0.8, steps=1500):
        th = trajectory(
            Momentum(lr=lr, beta=beta),
            full_batch_gradient(self.x, self.y, "exact"),
            start_theta(self.M),
            steps,
        )
        with np.errstate(over="ignore", invalid="ignore"):
            return float(mse_curve(th[-1:], self.x, self.y)[0])

    def gd_exact(self, lr, steps=1500):
        th = trajectory(
            SGD(lr=lr), full_batch_gradient(self.x, self.y, "exact"), start_theta(self.M), steps
        )
        with np.errstate(over="ignore", invalid="ignore"):
            return float(mse_curve(th[-1:], self.x, self.y)[0])

    @cached_property
    def hessian_eigs(self):
        return np.linalg.eigvalsh(mse_hessian(self.x))

    @cached_property
    def slice_(self):
        return airfoil_slice(self.x, self.y)

    @cached_property
    def slice_axes(self):
        values, vectors = np.linalg.eigh(self.slice_.hessian)
        return values, vectors  # ascending: column 1 is the steep axis (the ellipses' short one)

    def slice_angle(self, start, axis=1):
        d = np.asarray(start, float) - self.slice_.best[[1, 4]]
        u = self.slice_axes[1][:, axis]
        return float(np.degrees(np.arccos(min(1.0, abs(d @ u) / np.linalg.norm(d)))))

    @cache
    def slice_runs(self, name):
        """Paths (T+1, 2, 2) from NEW_START and from (1, 1), stacked (same rows, as slice_path)."""
        run = lesson_run(name)
        rows = None if run.all_rows else sampled_rows(self.N, run.steps, 0)
        starts = np.array([NEW_START, (1.0, 1.0)])
        return trajectory(run.make(), stacked_slice_gradient(self.slice_, rows), starts, run.steps)

    def slice_run(self, name):
        return self.slice_runs(name)[:, 0]

    def slice_end(self, name):
        return float(np.linalg.norm(self.slice_run(name)[-1] - self.slice_.best[[1, 4]]))

    def slice_steep_below_10pct(self, name):
        steep = (self.slice_run(name) - self.slice_.best[[1, 4]]) @ self.slice_axes[1][:, 1]
        return int(np.argmax(np.abs(steep) < 0.1 * abs(steep[0])))

    def slice_cloud(self, name):
        path = self.slice_run(name)
        tail = path[-len(path) // 5 :]
        return float(np.sqrt(((tail - tail.mean(0)) ** 2).sum(1).mean()))

    def tail1000(self, name):
        """MSE of the last 1000 of 5500 steps (8.对比's table runs)."""
        if name == "GD":
            return self.gd_gap[-1000:] + self.opt
        return mse_curve(self.run5500(name)[0][-1000:, 0], self.x, self.y)

    @cached_property
    def adadelta_delta(self):
        return self.run5500("AdaDelta")[1][:, 0]

    @cached_property
    def adadelta_moves(self):
        return np.abs(np.diff(self.thetas("AdaDelta"), axis=0))

    @cached_property
    def adadelta_rho95(self):
        """(Δ per step, |move| per step) of the AdaDelta lesson run with rho 0.95."""
        th, delta, _ = self.run5500("AdaDelta")
        return delta[:, 1], np.abs(np.diff(th[:, 1], axis=0))

    @cached_property
    def bowl_adadelta(self):
        """AdaDelta (rho 0.2) on the bowl with exact gradients: (Δ, |move|) per step."""
        o = AdaDelta(rho=0.2)
        th, deltas, moves = np.array(BOWL_START, float), [], []
        for k in range(400):
            new = o.step(th, bowl_gradient(th, k))
            moves.append(np.abs(new - th))
            deltas.append(np.array(o.delta, dtype=float) * np.ones(2))
            th = new
        return np.array(deltas), np.array(moves)

    @cache
    def uphill_fraction(self, name):
        """Share of parameter components that step along (not against) the current gradient."""
        steps = lesson_run(name).steps
        th, grads = self.thetas(name), self.run5500(name)[2][:steps, 0]
        return float(np.mean(np.diff(th, axis=0) * grads > 0))

    def rows(self, name):
        return sampled_rows(self.N, lesson_run(name).steps, 0)


@pytest.fixture(scope="module")
def ctx(data):
    return Context(*data)


def _block_drops(curve, start, block=500):
    points = np.concatenate([[start], curve[block - 1 :: block]])
    return -np.diff(points)


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
    # ---- 2.随机梯度下降 --------------------------------------------------------------------
    ("2.随机梯度下降", "最后 500 步平均约 781,最优值约 728", "781",
     lambda c: c.L("SGD")[-500:].mean(), 0.5),
    ("2.随机梯度下降", "最后 500 步平均约 781,最优值约 728", "728", lambda c: c.opt_sse, 0.5),
    ("2.随机梯度下降", "# 最后一步的 SSE 相差 20 多; 最后 500 步的平均也还差 20 多", True,
     lambda c: all(20 <= spread < 30 for spread in _sgd_seed_spread(c)), None),
    ("2.随机梯度下降", "2500 步只相当于把 1503 条数据过了约 1.66 遍", "1.66",
     lambda c: lesson_run("SGD").steps / c.N, 0.005),
    ("2.随机梯度下降", "其中只有 1197 条被抽到过", "1197", lambda c: len(np.unique(c.rows("SGD"))), 0),
    # ---- 3.momentum ------------------------------------------------------------------------
    ("3.momentum", "时刻2 是 g * (1 + 0.8 + 0.8**2) = 2.44g", "2.44",
     lambda c: np.diff(trajectory(Momentum(lr=1.0), lambda th, k: -np.ones_like(th),
                                  np.zeros(1), 4)[:, 0])[2], 1e-9),
    ("3.momentum", "时刻3 是 2.952g", "2.952",
     lambda c: np.diff(trajectory(Momentum(lr=1.0), lambda th, k: -np.ones_like(th),
                                  np.zeros(1), 4)[:, 0])[3], 1e-9),
    ("3.momentum", "趋向 g / (1 - 0.8) = 5g", "5",
     lambda c: np.diff(trajectory(Momentum(lr=1.0), lambda th, k: -np.ones_like(th),
                                  np.zeros(1), 200)[:, 0])[-1], 1e-9),
    ("3.momentum", "1500 步还不到把 1503 条数据过 1 遍", True,
     lambda c: lesson_run("Momentum").steps < c.N, None),
    ("3.momentum", "其中只有 916 条被抽到过", "916", lambda c: len(np.unique(c.rows("Momentum"))), 0),
    # ---- 4.ada_grad ------------------------------------------------------------------------
    ("4.ada_grad", "这一步每个参数都正好移动 0.1", "0.1",
     lambda c: np.abs(np.diff(c.thetas("AdaGrad")[:2], axis=0)).max(), 1e-6),
    ("4.ada_grad", "这一课每一步每个参数都朝下坡走", True,
     lambda c: c.uphill_fraction("AdaGrad") == 0.0, None),
    ("4.ada_grad", "而动量法有约 32% 的分量在朝上坡走", "32",
     lambda c: 100 * c.uphill_fraction("Momentum"), 0.5),
    ("4.ada_grad", "其中只有 1197 条被抽到过", "1197", lambda c: len(np.unique(c.rows("AdaGrad"))), 0),
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
    ("6.ada_delta", "(rho = 0.95 时前 1000 步平均约 5.6e-6", "5.6e-6",
     lambda c: c.adadelta_rho95[0][:1000].mean(), 0.05e-6),
    ("6.ada_delta", "每步平均走 1.6e-3", "1.6e-3",
     lambda c: c.adadelta_rho95[1].mean(), 0.05e-3),
    ("6.ada_delta", "比 rho = 0.2 的 1.3e-3 大两成多", "1.3e-3",
     lambda c: c.adadelta_moves.mean(), 0.05e-3),
    ("6.ada_delta", "比 rho = 0.2 的 1.3e-3 大两成多", True,
     lambda c: 1.2 <= c.adadelta_rho95[1].mean() / c.adadelta_moves.mean() < 1.3, None),
    ("6.ada_delta", "是 rho = 0.2 时的两倍多", True,
     lambda c: 2 < c.adadelta_rho95[0][:1000].mean() / c.adadelta_delta[:1000].mean() < 3,
     None),
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
    ("7.adam", "# S_hat 在 2 到 100 多之间", True,
     lambda c: 1.5 < (c.run5500("Adam")[1][:5499, 0] / (1 - 0.999 ** np.arange(1, 5500))[:, None]).min()
     < 2.5 and 100 < (c.run5500("Adam")[1][:5499, 0]
                      / (1 - 0.999 ** np.arange(1, 5500))[:, None]).max() < 200, None),
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
    ("8.对比", "(第 1345 步和第 2835 步)", "1345", lambda c: c.slice_steep_below_10pct("RMSProp"), 0),
    ("8.对比", "(第 1345 步和第 2835 步)", "2835",
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
    ("8.对比", "起点只挪动 $10^{-12}$,最后的 MSE 就差了百分之几", True,
     lambda c: all(0.01 < abs(a / b - 1) < 0.5 for a, b in zip(*_rmsprop_sweep_pair(c)[:, 7:], strict=True)), None),
    ("8.对比", "学习率为 1 时它比起点(7.37)还差", True,
     lambda c: min(_rmsprop_sweep_pair(c)[:, 8]) > mse_curve(start_theta(c.M)[None], c.x, c.y)[0], None),
    ("8.对比", "比起点(7.37)还差", "7.37",
     lambda c: mse_curve(start_theta(c.M)[None], c.x, c.y)[0], 0.005),
    ("8.对比", "学习率再大也不会发散到无穷大", True,
     lambda c: all(not np.isinf(c.sweep[n]).any() for n in ("AdaGrad", "RMSProp", "Adam")),
     None),
    ("8.对比", "1500 步时还远没有收敛", True, lambda c: c.sweep["AdaDelta"] > 2 * c.opt, None),
    ("8.对比", "随机梯度下降 2 个,AdaGrad 2 个,Adam 1 个,RMSProp 0 个", "2",
     lambda c: c.within10("SGD"), 0),
    ("8.对比", "AdaGrad 2 个,Adam 1 个", "2", lambda c: c.within10("AdaGrad"), 0),
    ("8.对比", "Adam 1 个,RMSProp 0 个", "1", lambda c: c.within10("Adam"), 0),
    ("8.对比", "RMSProp 0 个", "0", lambda c: c.within10("RMSProp"), 0),
    ("8.对比", "9 个学习率里只有 0.01 进入最优值 10% 以内", True,
     lambda c: [f"{lr:g}" for lr, v in zip(SWEEP_LRS, c.sweep["Adam"], strict=True) if v <= 1.1 * c.opt]
     == ["0.01"], None),
    ("8.对比", "0.001 时最后的 MSE 是最优值的 7 倍", "7", lambda c: c.sweep["Adam"][2] / c.opt, 0.5),
]
# fmt: on

# TRUE claims of the audit that the lessons already made, kept true.
# fmt: off
CLAIMS += [
    ("8.对比", "它每一步都看了全部 1503 条数据", "1503", lambda c: c.N, 0),
    ("2.随机梯度下降", "一步的计算量从 1503 条数据降到 1 条", "1503", lambda c: c.N, 0),
    ("8.对比", "前向差分的偏差只有 $10^{-3}$ 量级", "1e-3",
     lambda c: 1e-3 * np.mean(c.x ** 2), 0.1e-3),
]
# fmt: on


def _loss_evaluations(method):
    """How many times numeric_gradient evaluates the loss for the course's 6 parameters."""
    from course_lib import numeric_gradient

    calls = []
    numeric_gradient(lambda w, b: calls.append(1) or 0.0, np.ones(5), 0.0, method=method)
    return len(calls)


# fmt: off
CLAIMS += [
    ("0.导论", "离最优值约 $1.66\\times10^{-6}$(第 1821 步)", "1.66e-6", lambda c: c.gd_gap.min(),
     0.005e-6),
    ("0.导论", "离最优值约 $1.66\\times10^{-6}$(第 1821 步)", "1821",
     lambda c: int(np.argmin(c.gd_gap)), 0),
    ("0.导论", "最后停在离最优值 $2.03\\times10^{-6}$ 的地方", "2.03e-6", lambda c: c.gd_gap[-1],
     0.005e-6),
    ("0.导论", "每步要算 12 次 loss(前向差分只要 7 次)", "12",
     lambda c: _loss_evaluations("central"), 0),
    ("0.导论", "每步要算 12 次 loss(前向差分只要 7 次)", "7",
     lambda c: _loss_evaluations("forward"), 0),
    ("0.导论", "标准化之后 x 和 y 的均值都是 0, 所以偏置也是 0", True,
     lambda c: abs(least_squares(c.x, c.y)[1]) < 1e-12 and np.abs(c.x.mean(0)).max() < 1e-12
     and abs(c.y.mean()) < 1e-12, None),
    ("4.ada_grad", "太小时(比如 0.01)步子只会越来越小,2500 步后 SSE 还有 6575", "6575",
     lambda c: c.variant("AdaGrad", 1)[-1], 0.5),
    ("4.ada_grad", "在这个问题上 2500 步时它还在慢慢逼近最优值", True,
     lambda c: np.all(np.diff([c.L("AdaGrad")[k - 250:k].mean() for k in (1500, 2000, 2500)]) < 0)
     and c.L("AdaGrad")[-1] > c.opt_sse, None),
    ("4.ada_grad", "学习率往大调也不容易发散", True,
     lambda c: np.all(np.isfinite(c.sweep["AdaGrad"])), None),
]
# fmt: on


def _straight(c, name):
    """Largest distance of the path from (1, 1) to the straight start-centre line, per start distance."""
    path = c.slice_runs(name)[:, 1] - c.slice_.best[[1, 4]]
    d = path[0] / np.linalg.norm(path[0])
    return float(np.abs(path @ np.array([-d[1], d[0]])).max() / np.linalg.norm(path[0]))


def _diagonal_angle(c):
    u = c.slice_axes[1][:, 1]
    return float(np.degrees(np.arccos(abs(u @ np.ones(2)) / np.sqrt(2))))


# fmt: off
CLAIMS += [
    ("8.对比", "所有方法都沿直线走向中心,看不出差别", True,
     lambda c: max(_straight(c, n) for n in ["GD"] + STOCHASTIC) < 0.1, None),
    ("8.对比", "在这个切面上对角线恰好就是陡的方向", True, lambda c: _diagonal_angle(c) < 5, None),
]
# fmt: on


def _adadelta_step_ratio(c, index):
    moves = np.abs(np.diff(c.run5500("AdaDelta")[0], axis=0))
    return moves[:, index].mean() / moves[:, 0].mean()


# fmt: off
CLAIMS += [
    ("6.ada_delta", "# eps 大 100 倍, 步子大 10 倍", "10", lambda c: _adadelta_step_ratio(c, 2), 0.5),
]
# fmt: on


def _gd_lesson_lr(c, lr):
    """plt_y of lesson 1's loop (forward differences) with learning rate ``lr``."""
    with np.errstate(over="ignore", invalid="ignore"):
        return mse_curve(
            trajectory(SGD(lr=lr), full_batch_gradient(c.x, c.y), start_theta(c.M), 500)[1:],
            c.x,
            c.y,
        )


def _first_move(c, name, index=0):
    return np.abs(np.diff(c.run5500(name)[0][:2, index], axis=0))[0]


@cache
def _to_1pct(c):
    """8.对比's table: first step within 1% of the optimum in the 5500-step runs (None: never)."""
    curves = {"GD": c.gd_gap + c.opt}
    curves.update({n: mse_curve(c.run5500(n)[0][:, 0], c.x, c.y) for n in STOCHASTIC})
    return {n: steps_to_within(v, c.opt, 0.01) for n, v in curves.items()}


def _sign_alternates(path):
    return bool(np.all(np.sign(path[1:, 1]) == -np.sign(path[:-1, 1])))


# TRUE claims of the audit (the lessons' existing text), kept true.
# fmt: off
CLAIMS += [
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
    ("1.梯度下降", "而是 0.001 左右", "0.001",
     lambda c: full_batch_gradient(c.x, c.y, "forward")(start_theta(c.M), 0)[-1], 1e-5),
    ("1.梯度下降", "一步要算 7 次 loss", "7", lambda c: _loss_evaluations("forward"), 0),
    # where the loss stops growing is rounding (its forward differences are noise by then): the
    # largest loss was 1.24e25 on one CPU, the last 8.3e24 there and above 1e25 on another
    ("1.梯度下降", "发散以后 loss 涨到 1e24 以上", True,
     lambda c: np.nanmin(_gd_lesson_lr(c, 0.5)[-200:]) >= 1e24, None),
    ("1.梯度下降", "每一步都冲过了谷底,来回振荡", True,
     lambda c: _sign_alternates(bowl_path(SGD(lr=0.4))), None),
    ("1.梯度下降", "再大一点,$x_2$ 方向就会发散", True,
     lambda c: abs(bowl_path(SGD(lr=0.51))[-1, 1]) > 2
     and abs(bowl_path(SGD(lr=0.4))[-1, 1]) < 1e-6, None),
    ("2.随机梯度下降", "这里 $\\eta = 10^{-3}$", "1e-3", lambda c: SGD().lr, 0),
    ("3.momentum", "1500 步就比 SGD 2500 步走得更远", True,
     lambda c: c.L("Momentum")[-1] < c.L("SGD")[-1], None),
    ("5.rms_prop", "只能在 800 多上下晃", True,
     lambda c: 800 <= c.variant("RMSProp", 2)[-500:].mean() < 900, None),
    ("5.rms_prop", "需要上千步", True,
     lambda c: steps_to_within(c.L("RMSProp"), c.opt_sse, 0.1) >= 1000, None),
    ("6.ada_delta", "它需要 5500 步,比前几课都多", True,
     lambda c: lesson_run("AdaDelta").steps == 5500 and all(
         lesson_run(n).steps < 5500 for n in ["GD", "SGD", "Momentum", "AdaGrad", "RMSProp"]),
     None),
    ("7.adam", "loss 在头 1000 步里就降到最优值附近", True,
     lambda c: c.L("Adam")[999] < 1.1 * c.opt_sse, None),
    ("7.adam", "第一步就能迈出正常大小的步子", True,
     lambda c: np.allclose(_first_move(c, "Adam"), 1e-2, rtol=1e-4), None),
    ("7.adam", "加上 1e-6 还是 1e-8 几乎没有区别", True,
     lambda c: np.abs(c.variant("Adam", 2, 5499) - c.L("Adam")).max() < 0.01, None),
    ("7.adam", "第一步两个方向都正好走了 lr(偏差修正的作用)", True,
     lambda c: np.allclose(np.abs(np.diff(bowl_path(Adam(lr=0.3))[:2], axis=0)), 0.3, rtol=1e-5),
     None),
    ("8.对比", "按步数最快进入 1% 以内", True,
     lambda c: min(_to_1pct(c), key=lambda n: _to_1pct(c)[n] or 10**9) == "GD", None),
    ("8.对比", "动量让随机梯度下降走得更快", True,
     lambda c: _to_1pct(c)["Momentum"] < _to_1pct(c)["SGD"], None),
    ("8.对比", "是进入 1% 以内最快的随机方法之一", True,
     lambda c: sorted((v, n) for n, v in _to_1pct(c).items() if v and n != "GD")[1][1] == "Adam",
     None),
    ("8.对比", "所以它最后离最优值最近", True,
     lambda c: min(STOCHASTIC, key=lambda n: c.tail1000(n)[-1]) == "AdaGrad", None),
]
# fmt: on


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


# fmt: off
CLAIMS += [
    ("8.对比", "第一段都沿对角线走", True,
     lambda c: all(_first_leg_angle(c, n) < 5 for n in ("AdaGrad", "RMSProp", "AdaDelta", "Adam")),
     None),
    ("8.对比", "但原因是一条数据的梯度噪声很大,又被动量累积起来", True,
     lambda c: c.sweep["Momentum"][5] > 1e3 and c.momentum_exact(SWEEP_LRS[5]) - c.opt < 1e-6,
     None),
    ("8.对比", "冲过山谷、在长轴两边来回摆", True, lambda c: _steep_sign_changes(c, "Momentum") >= 2,
     None),
]
# fmt: on


def _rmsprop_distance_steps(c):
    """Distance to the optimum shed per 250 steps in the first 1250 (RMSProp lesson run)."""
    w, b = least_squares(c.x, c.y)
    d = np.linalg.norm(c.thetas("RMSProp")[:1251:250] - np.append(w, b), axis=1)
    return -np.diff(d)


# fmt: off
CLAIMS += [
    ("5.rms_prop", "(每 250 步缩短 0.32 到 0.44)", "0.32", lambda c: _rmsprop_distance_steps(c).min(),
     0.005),
    ("5.rms_prop", "(每 250 步缩短 0.32 到 0.44)", "0.44", lambda c: _rmsprop_distance_steps(c).max(),
     0.005),
    ("5.rms_prop", "而 loss 是距离的平方,越接近最优值下降得越慢", True,
     lambda c: (c.L("RMSProp")[149] - c.L("RMSProp")[299])
     > 5 * (c.L("RMSProp")[1349] - c.L("RMSProp")[1499]), None),
    ("5.rms_prop", "每一步每个参数都移动差不多 $\\eta$", True,
     lambda c: 0.8 < np.median(np.abs(np.diff(c.thetas("RMSProp"), axis=0))) / 3e-3 <= 1.12, None),
]
# fmt: on


def _adam_s_hat(c):
    """Ŝ (bias-corrected S) of every parameter after every step of the Adam lesson."""
    return c.run5500("Adam")[1][:5499, 0] / (1 - 0.999 ** np.arange(1, 5500))[:, None]


# fmt: off
CLAIMS += [
    (lesson, "步只相当于把 1503 条数据过了约 1.66 遍", "1.66",
     lambda c, name=name: lesson_run(name).steps / c.N, 0.005)
    for lesson, name in [("4.ada_grad", "AdaGrad"), ("5.rms_prop", "RMSProp")]
] + [
    ("7.adam", "sqrt(S_hat) 在 1 到 10 的量级", True,
     lambda c: 1 <= np.sqrt(_adam_s_hat(c)).min() < 2 and 10 <= np.sqrt(_adam_s_hat(c)).max() < 20,
     None),
]
# fmt: on


def _gd_steps_to_1pct(c, lr):
    """Lesson 1, exercise 2: the step whose MSE is first within 1% (index = step number)."""
    thetas = trajectory(SGD(lr=lr), full_batch_gradient(c.x, c.y), start_theta(c.M), 1000)
    return steps_to_within(mse_curve(thetas, c.x, c.y), c.opt)


def _reached(curve, c, tolerance):
    """The step number (1-based, as the lessons print it) first within ``tolerance``."""
    return steps_to_within(curve, c.opt_sse, tolerance) + 1


@cache
def _rmsprop_lr_1e3_to_10pct(c):
    """Lesson 5, exercise 2: RMSProp with lr 1e-3 on the lesson's rows, 7000 steps."""
    gradient = row_gradient(c.x, c.y, sampled_rows(c.N, 7000))
    thetas = trajectory(RMSProp(lr=1e-3, rho=0.2), gradient, start_theta(c.M), 7000)
    return _reached(sse_curve(thetas[1:], c.x, c.y), c, 0.1)


@cache
def _adagrad_10000(c):
    """Lesson 4, exercise 2: (the final per-parameter rates, the final SSE) after 10000 steps."""
    optimizer = AdaGrad(lr=0.1)
    thetas = trajectory(
        optimizer, row_gradient(c.x, c.y, sampled_rows(c.N, 10000)), start_theta(c.M), 10000
    )
    rates = optimizer.lr / np.sqrt(optimizer.S + optimizer.eps)
    return rates, float(sse_curve(thetas[-1:], c.x, c.y)[0])


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


@cache
def _explorer_vs_lesson(c, name):
    """Largest relative difference between the explorer's curve (exact gradients) and the
    lesson's run (forward differences) at the default settings."""
    from course_lib.explorer import explore_run

    run = lesson_run(name)
    thetas = trajectory(run.make(), run.gradient(c.x, c.y, run.steps), start_theta(c.M), run.steps)
    return float(np.abs(explore_run(name, c.x, c.y).curve / mse_curve(thetas, c.x, c.y) - 1).max())


# fmt: off
CLAIMS += [
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
    # ---- 2.随机梯度下降, exercise 2 ---------------------------------------------------------
    ("2.随机梯度下降", "第 300 步 SSE 972.76, 1e-3 时还有 4572.46", "972.76", lambda c: c.variant("SGD", 1)[299], 0.005),
    ("2.随机梯度下降", "第 300 步 SSE 972.76, 1e-3 时还有 4572.46", "4572.46", lambda c: c.L("SGD")[299], 0.005),
    ("2.随机梯度下降", "最后 500 步的标准差 33.59, 是 1e-3 时 (8.36) 的 4 倍", "33.59",
     lambda c: c.variant("SGD", 1)[-500:].std(), 0.005),
    ("2.随机梯度下降", "最后 500 步的标准差 33.59, 是 1e-3 时 (8.36) 的 4 倍", "8.36",
     lambda c: c.L("SGD")[-500:].std(), 0.005),
    ("2.随机梯度下降", "最后 500 步的标准差 33.59, 是 1e-3 时 (8.36) 的 4 倍", "4",
     lambda c: c.variant("SGD", 1)[-500:].std() / c.L("SGD")[-500:].std(), 0.05),
    ("2.随机梯度下降", "第 300 步反而比 1e-2 差 (1214.91)", "1214.91", lambda c: c.variant("SGD", 2)[299], 0.005),
    ("2.随机梯度下降", "最后 500 步平均 952.68、标准差 175.91", "952.68",
     lambda c: c.variant("SGD", 2)[-500:].mean(), 0.005),
    ("2.随机梯度下降", "最后 500 步平均 952.68、标准差 175.91", "175.91",
     lambda c: c.variant("SGD", 2)[-500:].std(), 0.005),
    # ---- 3.momentum, exercise 1 ------------------------------------------------------------
    ("3.momentum", "(0.5: 1456 步, 0.8: 448 步, 0.9: 259 步", "1456",
     lambda c: _reached(c.variant("Momentum", 2), c, 0.05), 0),
    ("3.momentum", "(0.5: 1456 步, 0.8: 448 步, 0.9: 259 步", "448",
     lambda c: _reached(c.L("Momentum"), c, 0.05), 0),
    ("3.momentum", "(0.5: 1456 步, 0.8: 448 步, 0.9: 259 步", "259",
     lambda c: _reached(c.variant("Momentum", 1), c, 0.05), 0),
    ("3.momentum", "beta = 0 的 SGD 1500 步内到不了", True,
     lambda c: steps_to_within(c.variant("Momentum", 3), c.opt_sse, 0.05) is None, None),
    ("3.momentum", "(标准差 17.98, 0.8 是 9.96)", "17.98", lambda c: c.variant("Momentum", 1)[-500:].std(), 0.005),
    ("3.momentum", "(标准差 17.98, 0.8 是 9.96)", "9.96", lambda c: c.L("Momentum")[-500:].std(), 0.005),
    # ---- 4.ada_grad, exercises 1-2 ---------------------------------------------------------
    ("4.ada_grad", "最后 500 步平均 788, 和 0.1 的 745 相差不大", "788",
     lambda c: c.variant("AdaGrad", 2)[-500:].mean(), 0.5),
    ("4.ada_grad", "最后 500 步平均 788, 和 0.1 的 745 相差不大", "745", lambda c: c.L("AdaGrad")[-500:].mean(), 0.5),
    ("4.ada_grad", "缩小 10 倍 (0.01) 却停在 6756", "6756", lambda c: c.variant("AdaGrad", 1)[-500:].mean(), 0.5),
    ("4.ada_grad", "学习率太小 (1e-4) 走得慢 (1128)", "1128",
     lambda c: c.variant("Momentum", 4, 2500)[-500:].mean(), 0.5),
    ("4.ada_grad", "太大 (1e-2) 抖得厉害, 最后 500 步平均 1195", "1195",
     lambda c: c.variant("Momentum", 5, 2500)[-500:].mean(), 0.5),
    ("4.ada_grad", "(5.1e-4 到 6.7e-4)", "5.1e-4", lambda c: _adagrad_10000(c)[0].min(), 0.05e-4),
    ("4.ada_grad", "(5.1e-4 到 6.7e-4)", "6.7e-4", lambda c: _adagrad_10000(c)[0].max(), 0.05e-4),
    ("4.ada_grad", "学习率只剩 0.1 的一两百分之一", True,
     lambda c: 0.1 / _adagrad_10000(c)[0].max() >= 100 and 0.1 / _adagrad_10000(c)[0].min() < 200, None),
    ("4.ada_grad", "10000 步后 SSE 729.54, 比 2500 步后的 741.54", "729.54", lambda c: _adagrad_10000(c)[1], 0.005),
    ("4.ada_grad", "10000 步后 SSE 729.54, 比 2500 步后的 741.54", "741.54", lambda c: c.L("AdaGrad")[-1], 0.005),
    ("4.ada_grad", "更接近最优值 727.89", "727.89", lambda c: c.opt_sse, 0.005),
    # ---- 5.rms_prop, exercises 1-2 ---------------------------------------------------------
    ("5.rms_prop", "rho = 0.9 时约 3.2 倍 lr", "3.2", lambda c: _first_move(c, "RMSProp", 3).max() / 3e-3, 0.05),
    ("5.rms_prop", "0.99 时 10 倍", "10", lambda c: _first_move(c, "RMSProp", 4).max() / 3e-3, 0.05),
    ("5.rms_prop", "# rho 越大, 开头越快", True,
     lambda c: c.variant("RMSProp", 4)[99] < c.variant("RMSProp", 3)[99] < c.L("RMSProp")[99], None),
    ("5.rms_prop", "(740.7、744.8) 也都比 0.2 的 768.3 好", "740.7", lambda c: c.variant("RMSProp", 3)[-1], 0.05),
    ("5.rms_prop", "(740.7、744.8) 也都比 0.2 的 768.3 好", "744.8", lambda c: c.variant("RMSProp", 4)[-1], 0.05),
    ("5.rms_prop", "(740.7、744.8) 也都比 0.2 的 768.3 好", "768.3", lambda c: c.L("RMSProp")[-1], 0.05),
    ("5.rms_prop", "SSE 第 2071 步第一次进入最优值 10% 以内", "2071", lambda c: _reached(c.L("RMSProp"), c, 0.1), 0),
    ("5.rms_prop", "# 6212 步, 差不多正好是 2071 的 3 倍", "6212", _rmsprop_lr_1e3_to_10pct, 0),
    ("5.rms_prop", "# 6212 步, 差不多正好是 2071 的 3 倍", True,
     lambda c: abs(_rmsprop_lr_1e3_to_10pct(c) / _reached(c.L("RMSProp"), c, 0.1) - 3) < 0.02, None),
    # ---- 6.ada_delta, exercises 1-2 --------------------------------------------------------
    ("6.ada_delta", "# 可能出乎意料: rho 越大反而越快", True,
     lambda c: c.variant("AdaDelta", 1)[999] < c.variant("AdaDelta", 3)[999] < c.L("AdaDelta")[999], None),
    ("6.ada_delta", "(第 1000 步: 0.95 是 3436.6, 0.9 是 4101.0, 0.2 是 5298.6", "3436.6",
     lambda c: c.variant("AdaDelta", 1)[999], 0.05),
    ("6.ada_delta", "(第 1000 步: 0.95 是 3436.6, 0.9 是 4101.0, 0.2 是 5298.6", "4101.0",
     lambda c: c.variant("AdaDelta", 3)[999], 0.05),
    ("6.ada_delta", "(第 1000 步: 0.95 是 3436.6, 0.9 是 4101.0, 0.2 是 5298.6", "5298.6",
     lambda c: c.L("AdaDelta")[999], 0.05),
    ("6.ada_delta", "5500 步后 733.4、736.1、790.2)", "733.4", lambda c: c.variant("AdaDelta", 1)[-1], 0.05),
    ("6.ada_delta", "5500 步后 733.4、736.1、790.2)", "736.1", lambda c: c.variant("AdaDelta", 3)[-1], 0.05),
    ("6.ada_delta", "5500 步后 733.4、736.1、790.2)", "790.2", lambda c: c.L("AdaDelta")[-1], 0.05),
    ("6.ada_delta", "第 100 步 SSE 4854.3 (eps = 1e-6 时 10254.0)", "4854.3",
     lambda c: c.variant("AdaDelta", 2)[99], 0.05),
    ("6.ada_delta", "第 100 步 SSE 4854.3 (eps = 1e-6 时 10254.0)", "10254.0", lambda c: c.L("AdaDelta")[99], 0.05),
    ("6.ada_delta", "第 1000 步就到了 789.7", "789.7", lambda c: c.variant("AdaDelta", 2)[999], 0.05),
    ("6.ada_delta", "最后 500 步的标准差 50.9 (eps = 1e-6 时 4.3)", "50.9",
     lambda c: c.variant("AdaDelta", 2)[-500:].std(), 0.05),
    ("6.ada_delta", "最后 500 步的标准差 50.9 (eps = 1e-6 时 4.3)", "4.3", lambda c: c.L("AdaDelta")[-500:].std(), 0.05),
    ("6.ada_delta", "平均 841.0, 比 791.7 还差", "841.0", lambda c: c.variant("AdaDelta", 2)[-500:].mean(), 0.05),
    ("6.ada_delta", "平均 841.0, 比 791.7 还差", "791.7", lambda c: c.L("AdaDelta")[-500:].mean(), 0.05),
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
    ("7.adam", "(第 500 步: 0.999 是 1224.2, 0.99 是 1070.2, 0.9 是 825.8)", "1224.2",
     lambda c: c.L("Adam")[499], 0.05),
    ("7.adam", "(第 500 步: 0.999 是 1224.2, 0.99 是 1070.2, 0.9 是 825.8)", "1070.2",
     lambda c: c.variant("Adam", 3)[499], 0.05),
    ("7.adam", "(第 500 步: 0.999 是 1224.2, 0.99 是 1070.2, 0.9 是 825.8)", "825.8",
     lambda c: c.variant("Adam", 4)[499], 0.05),
    ("7.adam", "每步平均走 1.55e-3、1.81e-3、2.22e-3", "1.55e-3", lambda c: _adam_mean_move(c, 0), 0.005e-3),
    ("7.adam", "每步平均走 1.55e-3、1.81e-3、2.22e-3", "1.81e-3", lambda c: _adam_mean_move(c, 3), 0.005e-3),
    ("7.adam", "每步平均走 1.55e-3、1.81e-3、2.22e-3", "2.22e-3", lambda c: _adam_mean_move(c, 4), 0.005e-3),
    ("7.adam", "三者最后 500 步的平均差不多 (764 到 768)", True,
     lambda c: all(763.5 <= curve[-500:].mean() < 768.5
                   for curve in (c.L("Adam"), c.variant("Adam", 3), c.variant("Adam", 4))), None),
] + [
    (lesson, "所以曲线和上面的结果相差不到 0.3%", True,
     lambda c, name=name: _explorer_vs_lesson(c, name) < 0.003, None)
    for lesson, name in [("1.梯度下降", "GD"), ("2.随机梯度下降", "SGD"), ("3.momentum", "Momentum"),
                         ("4.ada_grad", "AdaGrad"), ("5.rms_prop", "RMSProp"),
                         ("6.ada_delta", "AdaDelta"), ("7.adam", "Adam")]
]
# fmt: on


# ---- 10.动量的几何: recomputed with the course's classes, full-batch exact gradients, and
# mse_curve (not the lesson's quadratic-form gap) ------------------------------------------
def _eigs(c):
    return np.linalg.eigh(mse_hessian(c.x))


def _gap_steps(c, optimizer, steps=400, tolerance=1e-10):
    thetas = trajectory(optimizer, full_batch_gradient(c.x, c.y, "exact"), start_theta(c.M), steps)
    below = np.flatnonzero(mse_curve(thetas, c.x, c.y) - c.opt < tolerance)
    return int(below[0]) if len(below) else None


def _polyak(c):
    lam = _eigs(c)[0]
    return optimal_heavy_ball(lam[0], lam[-1])


def _gd_star(c):
    lam = _eigs(c)[0]
    return optimal_gd(lam[0], lam[-1])[0]


def _gd_coordinate(c, index, step):
    lam, Q = _eigs(c)
    best = np.append(*least_squares(c.x, c.y))
    thetas = trajectory(
        SGD(lr=_gd_star(c)), full_batch_gradient(c.x, c.y, "exact"), start_theta(c.M), step
    )
    return abs((thetas[-1] - best) @ Q[:, index])


@cache
def _momentum_grid(c, steps=200):
    """Lesson 10's (lr, beta) grid, each run with the Momentum class on its own."""
    lam = _eigs(c)[0]
    beyond = reached = 0
    best = (np.inf, None, None)
    for lr in np.linspace(0.02, 1.4, 70)[::3]:
        for beta in np.linspace(0.0, 0.9, 46)[::3]:
            with np.errstate(over="ignore", invalid="ignore"):
                k = _gap_steps(c, Momentum(lr=lr, beta=beta), steps)
            if lr > 2 * (1 + beta) / lam[-1]:
                beyond += 1
                reached += k is not None
            if k is not None and k < best[0]:
                best = (k, lr, beta)
    return beyond, reached, best


def _noise_runs(c):
    gradient = row_gradient(c.x, c.y, sampled_rows(c.N, 3000), exact=True)
    return [
        sse_curve(trajectory(opt, gradient, start_theta(c.M), 3000)[1:], c.x, c.y)[-1000:]
        for opt in (SGD(lr=1e-3), Momentum(lr=1e-3, beta=0.8), SGD(lr=5e-3))
    ]


def _kappa_steps(kappa, momentum):
    ratio = (np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1) if momentum else (kappa - 1) / (kappa + 1)
    return np.log(1e-5) / np.log(ratio)


def _noise_runs_at_500(c):
    gradient = row_gradient(c.x, c.y, sampled_rows(c.N, 500), exact=True)
    return [
        sse_curve(trajectory(opt, gradient, start_theta(c.M), 500)[-1:], c.x, c.y)[0]
        for opt in (SGD(lr=1e-3), Momentum(lr=1e-3, beta=0.8), SGD(lr=5e-3))
    ]


def _discriminant(c, index):
    """(1 + beta - lr lam)^2 - 4 beta at Polyak's setting: below 0 the direction oscillates."""
    lr, beta, _ = _polyak(c)
    return (1 + beta - lr * _eigs(c)[0][index]) ** 2 - 4 * beta


def _double_root(c, index):
    """|discriminant| at Polyak's setting: 0 is a double root (critical damping)."""
    return abs(_discriminant(c, index))


@cache
def _adagrad_sums(c):
    optimizer = AdaGrad(lr=0.1)
    gradient = row_gradient(c.x, c.y, sampled_rows(c.N, 5500), exact=True)
    theta, sums = start_theta(c.M), []
    for k in range(5500):
        theta = optimizer.step(theta, gradient(theta, k))
        sums.append(optimizer.S.mean())
    return np.array(sums)


def _s0_over_sigma2(c):
    sigma2, s0 = np.polyfit(np.arange(1000, 5500), _adagrad_sums(c)[1000:], 1)
    return s0 / sigma2


# fmt: off
CLAIMS += [
    ("10.动量的几何", "$\\lambda = 2.25$ 的方向每步乘以约 0.016", "2.25", lambda c: _eigs(c)[0][4], 0.005),
    ("10.动量的几何", "$\\lambda = 2.25$ 的方向每步乘以约 0.016", "0.016",
     lambda c: abs(1 - _gd_star(c) * _eigs(c)[0][4]), 0.0005),
    ("10.动量的几何", "几十步就降到了舍入误差($10^{-16}$)的水平", True,
     lambda c: all(_gd_coordinate(c, i, 50) < 1e-14 for i in (1, 2, 4)), None),
    ("10.动量的几何", "最陡的方向($\\lambda = 4.22$)和最平的方向($\\lambda = 0.35$)收缩得一样慢", "4.22",
     lambda c: _eigs(c)[0][-1], 0.005),
    ("10.动量的几何", "最陡的方向($\\lambda = 4.22$)和最平的方向($\\lambda = 0.35$)收缩得一样慢", "0.35",
     lambda c: _eigs(c)[0][0], 0.005),
    ("10.动量的几何", "$\\lambda = 2$ 是偏置 $b$ 的方向", True,
     lambda c: abs(_eigs(c)[0][3] - 2) < 1e-12 and abs(abs(_eigs(c)[1][-1, 3]) - 1) < 1e-12, None),
    ("10.动量的几何", "起点 $b = 0$ 在这个方向上本来就没有误差", True,
     lambda c: abs(least_squares(c.x, c.y)[1]) < 1e-12, None),
    ("10.动量的几何", "动量把梯度下降的上限 $2/\\lambda_\\max$ 放宽了 $1 + \\beta$ 倍", True,
     lambda c: all((convergence_factor(lr, beta, _eigs(c)[0][-1]) < 1) == (lr * _eigs(c)[0][-1] < 2 * (1 + beta))
                   for lr in np.linspace(0.05, 1.5, 30) for beta in (0.0, 0.3, 0.6, 0.9)
                   if abs(lr * _eigs(c)[0][-1] - 2 * (1 + beta)) > 1e-6), None),
    ("10.动量的几何", "虚线右边的每一组都没有到(发散)", True,
     lambda c: _momentum_grid(c)[0] > 0 and _momentum_grid(c)[1] == 0, None),
    ("10.动量的几何", "最快的区域就在公式给出的星号附近", True,
     lambda c: abs(_momentum_grid(c)[2][1] - _polyak(c)[0]) < 0.1
     and abs(_momentum_grid(c)[2][2] - _polyak(c)[1]) < 0.1, None),
    ("10.动量的几何", "收缩因子都是 $\\sqrt{0.8} \\approx 0.894$", "0.894",
     lambda c: max(convergence_factor(_polyak(c)[0], 0.8, v) for v in _eigs(c)[0]), 0.0005),
    ("10.动量的几何", "收缩因子都是 $\\sqrt{0.8} \\approx 0.894$", True,
     lambda c: np.allclose([convergence_factor(_polyak(c)[0], 0.8, v) for v in _eigs(c)[0]], np.sqrt(0.8)),
     None),
    ("10.动量的几何", "和学习率 5e-3 的随机梯度下降几乎一模一样", True,
     lambda c: abs(_noise_runs(c)[1].mean() / _noise_runs(c)[2].mean() - 1) < 0.01
     and abs(_noise_runs(c)[1].std() / _noise_runs(c)[2].std() - 1) < 0.05, None),
    ("10.动量的几何", "都比学习率 1e-3 的随机梯度下降走得快,也抖得多(标准差约 2 倍)", True,
     lambda c: all(1.5 < run.std() / _noise_runs(c)[0].std() < 2.5 for run in _noise_runs(c)[1:])
     and all(_noise_runs_at_500(c)[i] < _noise_runs_at_500(c)[0] for i in (1, 2)), None),
    ("10.动量的几何", "收缩因子都是 sqrt(0.9) = 0.949, 比 beta* 的 0.553 慢得多: 要 233 步", "0.949",
     lambda c: max(convergence_factor(_polyak(c)[0], 0.9, v) for v in _eigs(c)[0]), 0.0005),
    ("10.动量的几何", "收缩因子都是 sqrt(0.9) = 0.949, 比 beta* 的 0.553 慢得多: 要 233 步", "0.553",
     lambda c: _polyak(c)[2], 0.0005),
    ("10.动量的几何", "收缩因子都是 sqrt(0.9) = 0.949, 比 beta* 的 0.553 慢得多: 要 233 步", "233",
     lambda c: _gap_steps(c, Momentum(lr=_polyak(c)[0], beta=0.9)), 0),
    ("10.动量的几何", "(kappa = 100 时 576 步对 57 步)", "576", lambda c: _kappa_steps(100, False), 0.5),
    ("10.动量的几何", "(kappa = 100 时 576 步对 57 步)", "57", lambda c: _kappa_steps(100, True), 0.5),
    ("10.动量的几何", "步数之比约等于 sqrt(kappa)", True,
     lambda c: all(abs(_kappa_steps(k, False) / _kappa_steps(k, True) / np.sqrt(k) - 1) < 0.05
                   for k in (12.1, 100, 1e4)), None),
]
# fmt: on


# ---- 9.小批量与学习率调度: recomputed independently (batches drawn here, not by the lesson's
# loops; the schedules from course_lib.schedule_explorer.schedule_rates) -------------------
def _design(c):
    return np.column_stack([c.x, np.ones(c.N)])


@cache
def _noise_by_batch(c):
    """Variance of the minibatch gradient at the start, for B = 1 .. 64 and 1024."""
    A, theta = _design(c), start_theta(c.M)
    rows_grad = 2 * (A @ theta - c.y)[:, None] * A
    mean = rows_grad.mean(axis=0)
    out = {}
    for B in (1, 2, 4, 8, 16, 32, 64, 1024):
        batches = shuffled_batches(c.N, B, 600, seed=1)  # other batches than the lesson's
        estimates = rows_grad[batches].mean(axis=1)
        out[B] = ((estimates - mean) ** 2).sum(axis=1).mean()
    return out


def _noise_slope(c):
    noise = _noise_by_batch(c)
    sizes = [1, 2, 4, 8, 16, 32, 64]
    return np.polyfit(np.log(sizes), np.log([noise[B] for B in sizes]), 1)[0]


@cache
def _budget(c, B, lr):
    """Mean gap over the last 10% of steps of minibatch SGD with B rows, 5 epochs of rows."""
    steps = 5 * c.N // B
    with np.errstate(over="ignore", invalid="ignore"):
        thetas = minibatch_run(c.x, c.y, shuffled_batches(c.N, B, steps), np.full(steps, lr))
        gaps = mse_curve(thetas[1:], c.x, c.y) - c.opt
    return float(gaps[-max(1, steps // 10) :].mean()) if len(gaps) == steps else np.inf


def _best_budget_lr(c, B):
    lrs = [1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 0.45]
    return min(lrs, key=lambda lr: _budget(c, B, lr))


@cache
def _scheduled(c, schedule, lr0=0.01, steps=5000):
    rates = (
        np.full(steps, 1e-3)
        if schedule == "constant 1e-3"
        else schedule_rates(schedule, lr0, steps)
    )
    batches = sampled_rows(c.N, steps)[:, None]
    return mse_curve(minibatch_run(c.x, c.y, batches, rates)[1:], c.x, c.y) - c.opt


DECAYING = ["step decay", "1/t", "cosine", "warm-up + cosine"]


# fmt: off
CLAIMS += [
    ("9.小批量与学习率调度", "方差和 $B$ 成反比(斜率约 $-1$)", "-1", _noise_slope, 0.05),
    ("9.小批量与学习率调度", "$B$ 大 100 倍,方差小 100 倍,**标准差**只小 10 倍", True,
     lambda c: 0.85 < _noise_by_batch(c)[1] / _noise_by_batch(c)[64] / 64 * (c.N - 64) / (c.N - 1) < 1.15, None),
    ("9.小批量与学习率调度", "同样的 5 轮数据(约 7515 份工作量", "7515", lambda c: 5 * c.N, 0),
    ("9.小批量与学习率调度", "$B = N$ 只走 5 步", "5", lambda c: 5 * c.N // c.N, 0),
    ("9.小批量与学习率调度", "同样的工作量,梯度下降($B = N$)只走了 5 步,离最优值最远", True,
     lambda c: _budget(c, c.N, _best_budget_lr(c, c.N))
     > 5 * max(_budget(c, B, _best_budget_lr(c, B)) for B in (1, 10, 100)), None),
    ("9.小批量与学习率调度", "$B$ = 1、10、100 最后离最优值相差不到 30%", True,
     lambda c: np.ptp([_budget(c, B, _best_budget_lr(c, B)) for B in (1, 10, 100)])
     < 0.3 * min(_budget(c, B, _best_budget_lr(c, B)) for B in (1, 10, 100)), None),
    ("9.小批量与学习率调度", "$B$ 大 10 倍,最好的学习率也大 10 倍", True,
     lambda c: [_best_budget_lr(c, B) for B in (1, 10, 100)] == [1e-3, 1e-2, 0.1], None),
    ("9.小批量与学习率调度", "常数 $10^{-2}$:开头快,但一直抖,最后离最优值最远", True,
     lambda c: _scheduled(c, "constant")[-500:].mean()
     == max(_scheduled(c, s)[-500:].mean() for s in ["constant", "constant 1e-3", *DECAYING])
     and _scheduled(c, "constant")[499] < _scheduled(c, "constant 1e-3")[499], None),
    ("9.小批量与学习率调度", "最后 500 步的平均离最优值都比两个常数近", True,
     lambda c: max(_scheduled(c, s)[-500:].mean() for s in DECAYING)
     < min(_scheduled(c, s)[-500:].mean() for s in ["constant", "constant 1e-3"]), None),
    ("9.小批量与学习率调度", "标准差比常数 $10^{-2}$ 小了约 100 到 185 倍", True,
     lambda c: all(100 <= _scheduled(c, "constant")[-500:].std() / _scheduled(c, s)[-500:].std() <= 185
                   for s in DECAYING), None),
    ("9.小批量与学习率调度", "$S$ 每步增加的量几乎不变", True, lambda c: _adagrad_increments(c) < 0.1, None),
    ("9.小批量与学习率调度", "方差是 16 分之一", "16", lambda c: _noise_by_batch(c)[1] / _noise_by_batch(c)[16], 1.6),
    ("9.小批量与学习率调度", "衰减得太早 (25): 学习率很快就小了", True, lambda c: _t0_gap(c, 25) > _t0_gap(c, 250), None),
    ("9.小批量与学习率调度", "太晚 (2500): 最后学习率还大, 抖得多", True, lambda c: _t0_gap(c, 2500) > _t0_gap(c, 250), None),
]
# fmt: on


def _adagrad_increments(c):
    """Relative difference of S's mean growth per step over steps 1000-3000 and 3000-5500."""
    sums = _adagrad_sums(c)
    early, late = (sums[2999] - sums[999]) / 2000, (sums[5499] - sums[2999]) / 2500
    return abs(early / late - 1)


@cache
def _t0_gap(c, t0, steps=5000):
    rates = 0.01 / (1 + np.arange(steps) / t0)
    batches = sampled_rows(c.N, steps)[:, None]
    return float(
        (mse_curve(minibatch_run(c.x, c.y, batches, rates)[1:], c.x, c.y) - c.opt)[-500:].mean()
    )


# ---- the explorer paragraphs of lessons 1-7: the bowl's rate and where the two panels disagree
@cache
def _disagree(c, name):
    from course_lib.explorer import panels_disagree

    return panels_disagree(name, c.x, c.y)


def _last_digit(written):
    """Half a unit of the last digit written: "0.016" -> 0.0005 (the slider shows 0.01585)."""
    decimals = len(written.split(".")[1]) if "." in written else 0
    return 0.5 * 10.0**-decimals


def _bowl_factor(name):
    run = lesson_run(name)
    return run.bowl_hyperparameters["lr"] / run.hyperparameters["lr"]


EXPLORER_BOWLS = [  # lesson, name, factor, bowl rate, first and last disagreeing slider value
    ("1.梯度下降", "GD", "40", "0.4", "0.016", "0.4"),
    ("2.随机梯度下降", "SGD", "100", "0.1", "0.0063", "0.1"),
    ("3.momentum", "Momentum", "100", "0.1", "0.01", "0.02"),
    ("4.ada_grad", "AdaGrad", "10", "1", "1", "1"),
    ("5.rms_prop", "RMSProp", "100", "0.3", "0.1", "1"),
    ("7.adam", "Adam", "30", "0.3", "0.32", "0.63"),
]
CLAIMS += [
    claim
    for lesson, name, factor, bowl, first, last in EXPLORER_BOWLS
    for claim in [
        (
            lesson,
            f"碗上的学习率总是滑块的 {factor} 倍(默认位置就是上面碗那一节的 {bowl})",
            factor,
            lambda c, name=name: _bowl_factor(name),
            1e-9,
        ),
        (
            lesson,
            f"碗上的学习率总是滑块的 {factor} 倍(默认位置就是上面碗那一节的 {bowl})",
            bowl,
            lambda c, name=name: lesson_run(name).bowl_hyperparameters["lr"],
            1e-12,
        ),
        (
            lesson,
            f"因为碗上的学习率大了 {factor} 倍",
            factor,
            lambda c, name=name: _bowl_factor(name),
            1e-9,
        ),
        (
            lesson,
            ("滑块在最右端 1 时" if first == last else f"滑块在 {first} 到 {last} 之间时"),
            first,
            lambda c, name=name: _disagree(c, name)[0],
            _last_digit(first),
        ),
        (
            lesson,
            ("滑块在最右端 1 时" if first == last else f"滑块在 {first} 到 {last} 之间时"),
            last,
            lambda c, name=name: _disagree(c, name)[-1],
            _last_digit(last),
        ),
        (
            lesson,
            "真实数据上不发散,碗里却发散了",
            True,
            lambda c, name=name: np.all(np.diff(_disagree(c, name)) > 0),
            None,
        ),
    ]
]


@cache
def _closest_after_5500(c):
    """The stochastic method whose MSE after lesson 8's 5500 steps is lowest (same start, rows)."""

    def final(name):
        run = lesson_run(name)
        gradient = run.gradient(c.x, c.y, 5500)
        return mse_curve(trajectory(run.make(), gradient, start_theta(c.M), 5500)[-1:], c.x, c.y)[0]

    return min(STOCHASTIC, key=final)


CLAIMS += [
    (
        lesson,
        fragment,
        True,
        lambda c: _closest_after_5500(c) == "AdaGrad",
        None,
    )
    for lesson, fragment in [
        ("9.小批量与学习率调度", "第 8 课的随机方法里 AdaGrad 为什么最后离最优值最近"),
        ("9.小批量与学习率调度", "第 8 课的随机方法里,AdaGrad 最后离最优值最近"),
        ("8.对比", "为什么随机方法里 AdaGrad 最后离最优值最近"),
    ]
]


# fmt: off
CLAIMS += [
    ("10.动量的几何", "误差要缩小约 2.6e5 倍 (不是 1e5)", "2.6e5",
     lambda c: np.sqrt((mse_curve(start_theta(c.M)[None], c.x, c.y)[0] - c.opt) / 1e-10), 0.05e5),
    ("10.动量的几何", "正好在振荡的分界上 (2x2 矩阵是重根)", True,
     lambda c: _double_root(c, 0) < 1e-12 and _double_root(c, -1) < 1e-12, None),
    ("10.动量的几何", "正好在分界上时判别式只剩舍入误差 (1e-15 量级", True,
     lambda c: max(_double_root(c, 0), _double_root(c, -1)) < 1e-14, None),
    # the lesson prints "分界 (重根)" within 1e-9 of 0: the extremes are, the middle ones are not
    ("10.动量的几何", "让最平和最陡的方向正好在两者的分界上,中间的方向都在振荡", True,
     lambda c: max(_double_root(c, 0), _double_root(c, -1)) < 1e-12
     and all(_discriminant(c, i) < -1e-3 for i in range(1, c.M)), None),
    ("9.小批量与学习率调度", "$B = N$ 时最好的是 0.3", "0.3", lambda c: _best_budget_lr(c, c.N), 0),
    ("9.小批量与学习率调度", "上限 $2/\\lambda_\\max \\approx 0.474$", "0.474",
     lambda c: 2 / np.linalg.eigvalsh(mse_hessian(c.x)).max(), 0.0005),
    ("9.小批量与学习率调度", "预热加余弦在前 500 步从接近 0 线性升到 0.01", True,
     lambda c: np.allclose(np.diff(schedule_rates("warm-up + cosine", 0.01, 5000)[:500]), 0.01 / 500)
     and schedule_rates("warm-up + cosine", 0.01, 5000)[499] == 0.01, None),
    ("9.小批量与学习率调度", "这 5500 步里有效学习率降到约 0.64 倍,还没到 $1/\\sqrt{k}$ 的 0.43 倍", "0.64",
     lambda c: np.sqrt(_adagrad_sums(c)[999] / _adagrad_sums(c)[-1]), 0.005),
    ("9.小批量与学习率调度", "这 5500 步里有效学习率降到约 0.64 倍,还没到 $1/\\sqrt{k}$ 的 0.43 倍", "0.43",
     lambda c: np.sqrt(1000 / 5500), 0.005),
    ("9.小批量与学习率调度", "要到 $S_0/\\sigma^2$(约 2300 步)的好几倍以后", "2300", _s0_over_sigma2, 100),
    ("9.小批量与学习率调度", "这三个里 250 最好", True,
     lambda c: _t0_gap(c, 250) < min(_t0_gap(c, 25), _t0_gap(c, 2500)), None),
]


# ---- 11.非凸问题, the 2-D part: the saddle and x cos(pi x), recomputed with course_lib.nonconvex
def _saddle_make(name):
    return {
        "GD": lambda: SGD(lr=0.1),
        "Momentum": lambda: Momentum(lr=0.1, beta=0.8),
        "AdaGrad": lambda: AdaGrad(lr=0.1),
        "RMSProp": lambda: RMSProp(lr=0.01, rho=0.9),
        "Adam": lambda: Adam(lr=0.01),
    }[name]()


SADDLE_NAMES = ("GD", "Momentum", "AdaGrad", "RMSProp", "Adam")


@cache
def _saddle_path(name, x2_0, steps=300):
    nc = nonconvex
    return trajectory(_saddle_make(name), nc.saddle_gradient, nc.saddle_start(x2_0), steps)


def _escape(name, x2_0):
    return nonconvex.escape_step(_saddle_path(name, x2_0, 400))


def _per_decade(name):
    """Extra steps to leave the saddle per decade closer to the ridge, 1e-2 to 1e-8 (the table)."""
    return (_escape(name, 1e-8) - _escape(name, 1e-2)) / 6


def _first_growth(name, x2_0=1e-8):
    path = _saddle_path(name, x2_0)
    return path[1, 1] / path[0, 1]


@cache
def _wavy_end(make_key, x0, steps=600):
    nc = nonconvex
    kind, lr, beta = make_key
    opt = Adam(lr=lr) if kind == "Adam" else Momentum(lr=lr, beta=beta)
    return float(trajectory(opt, nc.wavy_gradient, np.array([x0]), steps)[-1, 0])


def _wavy_valley(make_key, x0):
    """Which valley a run ends in: 'local' (-0.274), 'deep' (1.090) or None."""
    end = _wavy_end(make_key, x0)
    nc = nonconvex
    return "local" if abs(end - nc.WAVY_LOCAL) < 1e-3 else "deep" if abs(end - nc.WAVY_DEEP) < 1e-3 else None


def _wavy_critical(kind):
    """The wavy curve's minima (kind='min') or maxima on -1 <= x <= 2, from a fine grid."""
    x = np.linspace(-1.0, 2.0, 300001)
    f = nonconvex.wavy(x)
    sign = 1 if kind == "min" else -1
    inner = np.flatnonzero((sign * f[1:-1] < sign * f[:-2]) & (sign * f[1:-1] < sign * f[2:])) + 1
    return x[inner]


def _explorer_escapes(name, lr):
    from course_lib.saddle_explorer import saddle_run

    return [nonconvex.escape_step(saddle_run(name, lr, 10.0**-e)) for e in range(2, 13)]


GD_, MOM = ("Momentum", 0.02, 0.0), lambda beta: ("Momentum", 0.02, beta)


def _ridge_states_are_zero():
    """From the ridge, momentum's m and the squared-gradient averages stay 0 along x2."""
    nc = nonconvex
    states = []
    for name, attribute in (("Momentum", "m"), ("AdaGrad", "S"), ("RMSProp", "S"), ("Adam", "v"),
                            ("Adam", "S")):
        optimizer = _saddle_make(name)
        trajectory(optimizer, nc.saddle_gradient, nc.saddle_start(0.0), 50)
        states.append(np.asarray(getattr(optimizer, attribute))[1])
    return all(state == 0 for state in states)


# fmt: off
CLAIMS += [
    ("11.非凸问题", "Hessian 的特征值一正一负", True,
     lambda c: np.prod(np.linalg.eigvalsh(np.array([(nonconvex.saddle_gradient(h) - nonconvex.saddle_gradient(-h)) / 2e-6
                                                     for h in 1e-6 * np.eye(2)]))) < 0, None),
    ("11.非凸问题", "两个极小值在 $(0, \\pm 1)$,$f = -\\tfrac14$", True,
     lambda c: all(np.array_equal(nonconvex.saddle_gradient(np.array([0.0, s])), [0, 0]) for s in (-1.0, 1.0))
     and nonconvex.saddle(0.0, 1.0) == -0.25, None),
    ("11.非凸问题", "从山脊上出发,梯度的 $x_2$ 分量**恰好**是 0", True,
     lambda c: all(nonconvex.saddle_gradient(np.array([x1, 0.0]))[1] == 0 for x1 in (-1.0, 0.3, 1.0)), None),
    ("11.非凸问题", "五个优化器各走 200 步,看各自走多少步才离开鞍点", True,
     lambda c: nonconvex.SADDLE_X1 == 1.0 and all(_escape(n, 1e-6) < 200 for n in SADDLE_NAMES), None),
    ("11.非凸问题", "所有的路径最后都落在 $(0, 1)$ 这个极小值里", True,
     lambda c: all(np.abs(_saddle_path(n, 1e-6, 200)[-1] - [0, 1]).max() < 0.02 for n in SADDLE_NAMES), None),
    ("11.非凸问题", "在那里停了一百多步", True,
     lambda c: _escape("GD", 1e-6) - np.flatnonzero(np.abs(_saddle_path("GD", 1e-6)[:, 0]) < 0.01)[0] > 100, None),
    ("11.非凸问题", "只有 $10^{-6}$ 量级", True,
     lambda c: 0.5e-6 < abs(nonconvex.saddle_gradient(nonconvex.saddle_start(1e-6))[1]) < 2e-6, None),
    ("11.非凸问题", "每一步 $|x_2|$ 只乘以 $1 + \\eta = 1.1$", "1.1",
     lambda c: _saddle_path("GD", 1e-6)[50, 1] / _saddle_path("GD", 1e-6)[49, 1], 0.001),
    ("11.非凸问题", "$x_2$ 方向的步子不会因为梯度小而变小", True,
     lambda c: all(abs(_saddle_path(n, 1e-4)[2, 1] - _saddle_path(n, 1e-4)[1, 1]) > 1e-3
                   for n in ("AdaGrad", "RMSProp", "Adam")), None),
    ("11.非凸问题", "起点离山脊每近 10 倍,就要多走 $\\ln 10 / \\ln(1 + \\eta)$ 步", True,
     lambda c: all(abs(d - np.log(10) / np.log(1.1)) <= 1 for d in np.diff(_explorer_escapes("GD", 0.1))), None),
    ("11.非凸问题", "梯度下降**:起点每近 10 倍多走约 24 步", "24", lambda c: _per_decade("GD"), 0.5),
    ("11.非凸问题", "公式少算了几步:$|x_2|$ 接近 0.5 时增长变慢", True,
     lambda c: all(0 < _escape("GD", s) - nonconvex.gd_escape_estimate(s, 0.1) <= 5 for s in (1e-2, 1e-4, 1e-6, 1e-8)),
     None),
    ("11.非凸问题", "**动量法**:每近 10 倍多走约 10 步", "10", lambda c: _per_decade("Momentum"), 0.5),
    ("11.非凸问题", "只是每步乘以 1.270 而不是 1.1", "1.270", lambda c: nonconvex.momentum_growth(0.1, 0.8), 0.0005),
    ("11.非凸问题", "只是每步乘以 1.270 而不是 1.1", "1.1", lambda c: nonconvex.momentum_growth(0.1, 0.0), 1e-12),
    ("11.非凸问题", "**AdaGrad、RMSProp** 每近 10 倍最多多走 1 步,**Adam** 不到 1 步", True,
     lambda c: _per_decade("AdaGrad") <= 1 and _per_decade("RMSProp") <= 1 and _per_decade("Adam") < 1, None),
    ("11.非凸问题", "梯度大于 $\\sqrt{\\varepsilon} = 10^{-3}$(RMSProp、AdaGrad)", "1e-3",
     lambda c: np.sqrt(RMSProp().eps) if RMSProp().eps == AdaGrad().eps else None, 1e-15),
    ("11.非凸问题", "或 $\\varepsilon = 10^{-6}$(Adam)时", "1e-6",
     lambda c: Adam().eps, 1e-18),
    ("11.非凸问题", "它们也变成按倍数增长,只是倍数很大", True,
     lambda c: all(_first_growth(n) > 5 for n in ("AdaGrad", "RMSProp", "Adam")) and _first_growth("GD") < 1.2, None),
    ("11.非凸问题", "它们每步走约 $\\eta$ 的 0.5 到 3 倍(从 $10^{-2}$ 出发时量的)", True,
     lambda c: all(np.abs(np.diff(_saddle_path(n, 1e-2)[:, 1]))[: _escape(n, 1e-2)].min() / lr >= 0.5
                   and np.abs(np.diff(_saddle_path(n, 1e-2)[:, 1]))[: _escape(n, 1e-2)].max() / lr <= 3.1
                   for n, lr in (("AdaGrad", 0.1), ("RMSProp", 0.01), ("Adam", 0.01))), None),
    ("11.非凸问题", "动量、平方梯度的平均都是 0", True, lambda c: _ridge_states_are_zero(), None),
    ("11.非凸问题", "$\\beta$ 越大并不是越好", True,
     lambda c: _wavy_valley(MOM(0.8), 1.9) == "deep" and _wavy_valley(MOM(0.9), 1.9) == "local", None),
    ("11.非凸问题", "动量能翻过小的山包,但它不知道哪边的谷更深", True,
     lambda c: _wavy_valley(MOM(0.9), -1.0) == "deep" and _wavy_valley(MOM(0.9), 1.9) == "local", None),
    ("11.非凸问题", "谁也离不开", True,
     lambda c: all(np.all(_saddle_path(n, 0.0)[:, 1] == 0) for n in SADDLE_NAMES), None),
    ("11.非凸问题", "五个方法都停在鞍点附近,$x_2$ 一直精确地是 0", True,
     lambda c: all(np.abs(_saddle_path(n, 0.0, 200)[-1]).max() < 0.02 and np.all(_saddle_path(n, 0.0, 200)[:, 1] == 0)
                   for n in SADDLE_NAMES), None),
    ("11.非凸问题", "一个浅的局部极小值 $x \\approx -0.27$($f \\approx -0.18$)", "-0.27", lambda c: _wavy_critical("min")[0], 0.005),
    ("11.非凸问题", "一个浅的局部极小值 $x \\approx -0.27$($f \\approx -0.18$)", "-0.18",
     lambda c: nonconvex.wavy(_wavy_critical("min")[0]), 0.005),
    ("11.非凸问题", "和一个深的 $x \\approx 1.09$($f \\approx -1.05$)", "1.09", lambda c: _wavy_critical("min")[1], 0.005),
    ("11.非凸问题", "和一个深的 $x \\approx 1.09$($f \\approx -1.05$)", "-1.05",
     lambda c: nonconvex.wavy(_wavy_critical("min")[1]), 0.005),
    ("11.非凸问题", "在 $-1 \\le x \\le 2$ 里它有一个浅的局部极小值", True,
     lambda c: len(_wavy_critical("min")) == 2 and nonconvex.wavy(_wavy_critical("min")[1]) < nonconvex.wavy(_wavy_critical("min")[0]),
     None),
    ("11.非凸问题", "中间隔着 $x \\approx 0.27$ 处的一个小山包", "0.27", lambda c: _wavy_critical("max")[-1], 0.005),
    ("11.非凸问题", "范围外还有更深的谷", True, lambda c: nonconvex.wavy(3.03) < nonconvex.wavy(1.09) - 1, None),
    ("11.非凸问题", "梯度下降停在浅的谷 $x = -0.274$", "-0.274", lambda c: _wavy_end(GD_, -1.0), 0.0005),
    ("11.非凸问题", "$\\beta$ 取 0.5、0.8 的动量法也停在那里", True,
     lambda c: [_wavy_valley(MOM(b), -1.0) for b in (0.0, 0.5, 0.8)] == ["local"] * 3, None),
    ("11.非凸问题", "停在深的谷 $x = 1.090$", "1.090", lambda c: _wavy_end(MOM(0.9), -1.0), 0.0005),
    ("11.非凸问题", "$\\beta = 0.9$ 和 0.95 攒够了速度,翻过小山包", True,
     lambda c: [_wavy_valley(MOM(b), -1.0) for b in (0.9, 0.95)] == ["deep"] * 2, None),
    ("11.非凸问题", "Adam 也停在浅的谷里:它每步最多走约一个学习率 0.05", True,
     lambda c: _wavy_valley(("Adam", 0.05, None), -1.0) == "local"
     and np.abs(np.diff(trajectory(Adam(lr=0.05), nonconvex.wavy_gradient, np.array([-1.0]), 600)[:, 0])).max() < 0.05 * 1.05,
     None),
    ("11.非凸问题", "学习率大到 0.5 时 Adam 也能跳过去", True,
     lambda c: _wavy_valley(("Adam", 0.5, None), -1.0) == "deep"
     and _wavy_valley(("Adam", 0.2, None), -1.0) == "local", None),
    ("11.非凸问题", "梯度下降本来就落在深的谷里", True, lambda c: _wavy_valley(GD_, 1.9) == "deep", None),
    ("11.非凸问题", "$\\beta = 0.9$ 的动量法却冲过了头,翻回小山包,停在**浅的**谷里", True,
     lambda c: _wavy_valley(MOM(0.9), 1.9) == "local", None),
    ("11.非凸问题", "而 $\\beta = 0.95$ 又停回深的谷", True, lambda c: _wavy_valley(MOM(0.95), 1.9) == "deep", None),
    ("11.非凸问题", "同一组 $(\\eta, \\beta)$,换一个起点就从帮忙变成帮倒忙", True,
     lambda c: (_wavy_valley(GD_, -1.0), _wavy_valley(MOM(0.9), -1.0)) == ("local", "deep")
     and (_wavy_valley(GD_, 1.9), _wavy_valley(MOM(0.9), 1.9)) == ("deep", "local"), None),
    ("11.非凸问题", "(起点 $10^{-8}$ 时是 188 步)", "188", lambda c: _escape("GD", 1e-8), 0),
    ("11.非凸问题", "每近 10 倍多走约 24 步: 1e-12 要 284 步, 是 1e-2 (43 步) 的 6 倍多", "284",
     lambda c: _escape("GD", 1e-12), 0),
    ("11.非凸问题", "每近 10 倍多走约 24 步: 1e-12 要 284 步, 是 1e-2 (43 步) 的 6 倍多", "43",
     lambda c: _escape("GD", 1e-2), 0),
    ("11.非凸问题", "每近 10 倍多走约 24 步: 1e-12 要 284 步, 是 1e-2 (43 步) 的 6 倍多", "24",
     lambda c: (_escape("GD", 1e-12) - _escape("GD", 1e-2)) / 10, 0.5),
    ("11.非凸问题", "每近 10 倍多走约 24 步: 1e-12 要 284 步, 是 1e-2 (43 步) 的 6 倍多", True,
     lambda c: 6 < _escape("GD", 1e-12) / _escape("GD", 1e-2) < 7, None),
    ("11.非凸问题", "左图是 300 步的路径", "300", lambda c: saddle_explorer.STEPS, 0),
    ("11.非凸问题", "把 $x_2^{(0)}$ 从 $10^{-2}$ 一格一格拖到 $10^{-12}$", True,
     lambda c: saddle_explorer.X2_EXPONENTS[0] == -12.0, None),
    ("11.非凸问题", "右图的斜线每格往右移同样的距离(学习率 0.1 时约 24 步)", True,
     lambda c: all(23 <= d <= 25 for d in np.diff(_explorer_escapes("GD", 0.1))), None),
    ("11.非凸问题", "换成 Adam 再拖一遍,离开的步数几乎不动", True,
     lambda c: np.ptp(_explorer_escapes("Adam", 0.01)) <= 3, None),
    ("11.非凸问题", "学习率到 1 时,梯度下降在 $x_1$ 方向(曲率 2)来回跳,不再收敛", True,
     lambda c: np.allclose(np.abs(saddle_explorer.saddle_run("GD", 1.0, 1e-6)[:, 0]), 1.0),
     None),
]
# fmt: on

# ---- 11.非凸问题, the network part: lesson 11's runs recomputed with course_lib.network
NET_LRS = np.logspace(-3, 0, 7)
NET_SWEPT = ("SGD", "Momentum", "AdaGrad", "RMSProp", "Adam")
NET_STEPS, NET_BATCH = 400, 32


def _net_optimizer(name, lrs=NET_LRS):
    rate = np.asarray(lrs, dtype=float)[:, np.newaxis]
    return {
        "GD": lambda: SGD(lr=rate),
        "SGD": lambda: SGD(lr=rate),
        "Momentum": lambda: Momentum(lr=rate, beta=0.8),
        "AdaGrad": lambda: AdaGrad(lr=rate),
        "RMSProp": lambda: RMSProp(lr=rate, rho=0.2),
        "AdaDelta": lambda: AdaDelta(rho=0.2),
        "Adam": lambda: Adam(lr=rate),
    }[name]()


@cache
def _net_run(name, init_seed=0, batch_seed=0, lrs=tuple(NET_LRS), nudge=0.0):
    """One optimizer's stack of runs (one per lr; AdaDelta one), snapshots every 10 steps."""
    x, y = _net_data()
    start = network.initial_parameters(x.shape[1], seed=init_seed)
    start[0] += nudge
    count = 1 if name == "AdaDelta" else len(lrs)
    params, optimizer = np.tile(start, (count, 1)), _net_optimizer(name, lrs)
    snapshots = [params]
    batches = shuffled_batches(len(x), NET_BATCH, NET_STEPS, seed=batch_seed)
    with np.errstate(all="ignore"):
        for k, rows in enumerate(batches, start=1):
            data = (x, y) if name == "GD" else (x[rows], y[rows])
            params = optimizer.step(params, network.loss_and_gradient(params, *data)[1])
            if k % 10 == 0:
                snapshots.append(params)
    return np.array(snapshots)


@cache
def _net_data():
    return load_data()


def _net_final(name, **kwargs):
    """Mean full-data MSE of the last 5 snapshots (the last 50 steps) per run; inf if diverged."""
    x, y = _net_data()
    last = _net_run(name, **kwargs)[-5:]
    with np.errstate(all="ignore"):
        values = network.network_mse(last.reshape(-1, last.shape[-1]), x, y).reshape(5, -1)
    return np.nan_to_num(values.mean(axis=0), nan=np.inf)


def _net_curve(name, **kwargs):
    """The full-data MSE every 10 steps of the optimizer's best run."""
    x, y = _net_data()
    j = int(np.argmin(_net_final(name, **kwargs)))
    with np.errstate(all="ignore"):
        return network.network_mse(_net_run(name, **kwargs)[:, j], x, y)


def _net_lesson_final(name):
    """The lesson's result: GD runs only lr 0.316 (NET_LRS[5]), the swept ones their best."""
    return float(_net_final("GD")[5] if name == "GD" else _net_final(name).min())


def _net_first_below(name, level):
    curve = _net_lesson_curve(name)
    return 10 * int(np.flatnonzero(curve < level)[0])


def _net_lesson_curve(name):
    if name != "GD":
        return _net_curve(name)
    x, y = _net_data()
    return network.network_mse(_net_run("GD")[:, 5], x, y)


MINIBATCH = ("SGD", "Momentum", "AdaGrad", "RMSProp", "AdaDelta", "Adam")


@cache
def _net_seed_leads():
    """For the lesson's seeds and 4 more (init, batches): Adam's lead over the next minibatch
    method, whether SGD is last of the 5 with a learning rate, and the order of the middle."""
    results = []
    for seeds in [(0, 0), (1, 1), (2, 2), (0, 1), (1, 0)]:
        kwargs = {"init_seed": seeds[0], "batch_seed": seeds[1]}
        best = {name: float(_net_final(name, **kwargs).min()) for name in MINIBATCH}
        order = sorted(best, key=best.get)
        swept = [name for name in order if name in NET_SWEPT]
        results.append((order[0], best[order[1]] - best[order[0]], swept[-1], tuple(swept[1:-1])))
    return results


@cache
def _net_gd_path():
    """GD's run as the lesson trains it (lr 0.316, all rows): the parameters after each step
    (index = step, 0 = the start) and the full-data MSE there."""
    x, y = _net_data()
    params, path, losses = network.initial_parameters(x.shape[1]), [], []
    for _ in range(NET_STEPS):
        loss, grad = network.loss_and_gradient(params, x, y)
        path.append(params)
        losses.append(float(loss))
        params = params - NET_LRS[5] * grad
    return np.array(path), np.array(losses)


def _net_gd_losses():
    return _net_gd_path()[1]


def _net_gd_peaks():
    """The steps where GD's MSE has a local maximum above 0.5."""
    m = _net_gd_losses()
    return [k for k in range(1, len(m) - 1) if m[k - 1] < m[k] > m[k + 1] and m[k] > 0.5]


@cache
def _net_sharpness_at(step):
    x, y = _net_data()
    params, P, eps = _net_gd_path()[0][step], 57, 1e-5
    grads = network.loss_and_gradient(params + eps * np.vstack([np.eye(P), -np.eye(P)]), x, y)[1]
    hessian = (grads[:P] - grads[P:]) / (2 * eps)
    return np.linalg.eigvalsh((hessian + hessian.T) / 2)[-1]


def _net_crossing():
    """The first step whose sharpness exceeds 2 / lr."""
    return next(k for k in range(40, 80) if _net_sharpness_at(k) > 2 / NET_LRS[5])


def _net_first_rise_after(step):
    m = _net_gd_losses()
    return next(k for k in range(step, len(m) - 1) if m[k + 1] > m[k])


@cache
def _net_long_sgd():
    """SGD (lr 0.1, B = 32) for as many rows as GD's 400 steps: mean MSE of its last 50 steps."""
    x, y = _net_data()
    steps = NET_STEPS * len(x) // NET_BATCH
    params, optimizer, last = network.initial_parameters(x.shape[1]), SGD(lr=0.1), []
    for k, rows in enumerate(shuffled_batches(len(x), NET_BATCH, steps), start=1):
        params = optimizer.step(params, network.loss_and_gradient(params, x[rows], y[rows])[1])
        if k > steps - 50 and k % 10 == 0:
            last.append(params)
    return steps, float(np.mean(network.network_mse(np.array(last), x, y)))


@cache
def _net_every_step_tail(name):
    """Mean full-data MSE over every one of the last 50 steps of the optimizer's best run."""
    x, y = _net_data()
    j = int(np.argmin(_net_final(name)))
    lr = NET_LRS[j : j + 1]
    params, optimizer, tail = (
        network.initial_parameters(x.shape[1])[np.newaxis],
        _net_optimizer(name, lr),
        [],
    )
    for k, rows in enumerate(shuffled_batches(len(x), NET_BATCH, NET_STEPS), start=1):
        params = optimizer.step(params, network.loss_and_gradient(params, x[rows], y[rows])[1])
        if k > NET_STEPS - 50:
            tail.append(params[0])
    return float(np.mean(network.network_mse(np.array(tail), x, y)))


def _adaptive_growth(make):
    """|x2| after one step over |x2| before, from 1e-12 on the saddle's ridge."""
    path = trajectory(make(), nonconvex.saddle_gradient, nonconvex.saddle_start(1e-12), 1)
    return abs(path[1, 1] / path[0, 1])


def _tiny_start_escapes(make):
    return [
        nonconvex.escape_step(
            trajectory(make(), nonconvex.saddle_gradient, nonconvex.saddle_start(10.0**-e), 400)
        )
        for e in (4, 6, 8, 10, 12)
    ]


def _net_count(name, condition):
    return int(np.sum(condition(_net_final(name))))


@cache
def _net_nudged_changes():
    """Relative change of each swept run's result when the start moves by 1e-15 (3 nudges)."""
    changes = {}
    for name in NET_SWEPT:
        base = _net_final(name)
        with np.errstate(all="ignore", divide="ignore"):
            moved = [np.abs(_net_final(name, nudge=n) / base - 1) for n in (1e-15, 2e-15, 3e-15)]
        changes[name] = np.nan_to_num(np.max(moved, axis=0), nan=0.0)
    return changes


def _net_start_loss():
    x, y = _net_data()
    return float(network.network_mse(network.initial_parameters(x.shape[1]), x, y))


def _net_midpoint():
    """Lesson 11's exercise 1: Adam's best run, its units 0 and 1 swapped, the midpoint."""
    x, y = _net_data()
    trained = _net_run("Adam")[-1, int(np.argmin(_net_final("Adam")))]
    twin = network.swap_units(trained, 0, 1, x.shape[1])
    return float(network.network_mse(trained, x, y)), float(
        network.network_mse((trained + twin) / 2, x, y)
    )


# fmt: off
CLAIMS += [
    ("11.非凸问题", "的最优值 MSE 0.4843 以下", "0.4843", lambda c: c.opt, 5e-5),
    ("11.非凸问题", "一共 57 个参数(线性模型只有 6 个)", "57", lambda c: network.parameter_count(c.M), 0),
    ("11.非凸问题", "一共 57 个参数(线性模型只有 6 个)", "6", lambda c: c.M + 1, 0),
    ("11.非凸问题", "是一批的 47 倍", "47", lambda c: c.N / NET_BATCH, 0.5),
    ("11.非凸问题", "见 `tests/test_claims.py`:0.316 最好", True,
     lambda c: int(np.argmin(_net_final("GD"))) == 5 and abs(NET_LRS[5] - 0.316) < 5e-4, None),
    ("11.非凸问题", "除了 AdaDelta(第 120 步),每个优化器在 30 步以内就比最好的直线更低", "120",
     lambda c: _net_first_below("AdaDelta", c.opt), 0),
    ("11.非凸问题", "除了 AdaDelta(第 120 步),每个优化器在 30 步以内就比最好的直线更低", "30",
     lambda c: max(_net_first_below(n, c.opt) for n in ("GD", *NET_SWEPT)), 0),
    ("11.非凸问题", "这个起点上最低的是梯度下降(0.2359)", "0.2359", lambda c: _net_lesson_final("GD"), 5e-5),
    ("11.非凸问题", "这个起点上最低的是梯度下降(0.2359)", True,
     lambda c: _net_lesson_final("GD") < min(_net_lesson_final(n) for n in MINIBATCH), None),
    ("11.非凸问题", "小批量的方法里 Adam 最低(0.2674)", "0.2674", lambda c: _net_lesson_final("Adam"), 5e-5),
    ("11.非凸问题", "小批量的方法里 Adam 最低(0.2674)", True,
     lambda c: min(MINIBATCH, key=_net_lesson_final) == "Adam", None),
    ("11.非凸问题", "动量法几乎一样(0.2679)", "0.2679", lambda c: _net_lesson_final("Momentum"), 5e-5),
    ("11.非凸问题", "有学习率可调的 5 个里随机梯度下降最高(0.3358)", "0.3358",
     lambda c: _net_lesson_final("SGD"), 5e-5),
    ("11.非凸问题", "有学习率可调的 5 个里随机梯度下降最高(0.3358)", True,
     lambda c: max(NET_SWEPT, key=_net_lesson_final) == "SGD", None),
    ("11.非凸问题", "Adam 也是小批量方法里最先降到 0.3 以下的(第 160 步)", "160",
     lambda c: _net_first_below("Adam", 0.3), 0),
    ("11.非凸问题", "Adam 也是小批量方法里最先降到 0.3 以下的(第 160 步)", True,
     lambda c: all(_net_lesson_curve(n).min() >= 0.3 or _net_first_below(n, 0.3) > 160
                   for n in MINIBATCH if n != "Adam"), None),
    ("11.非凸问题", "最后 50 步平均还有 0.4404", "0.4404", lambda c: _net_lesson_final("AdaDelta"), 5e-5),
    ("11.非凸问题", "Adam 每次都排小批量方法第一(领先 0.0004 到 0.047)", True,
     lambda c: all(first == "Adam" for first, _, _, _ in _net_seed_leads()), None),
    ("11.非凸问题", "Adam 每次都排小批量方法第一(领先 0.0004 到 0.047)", "0.0004",
     lambda c: min(lead for _, lead, _, _ in _net_seed_leads()), 5e-5),
    ("11.非凸问题", "Adam 每次都排小批量方法第一(领先 0.0004 到 0.047)", "0.047",
     lambda c: max(lead for _, lead, _, _ in _net_seed_leads()), 5e-4),
    ("11.非凸问题", "随机梯度下降每次都是 5 个里最高的,中间的名次会变", True,
     lambda c: all(last == "SGD" for _, _, last, _ in _net_seed_leads())
     and len({middle for _, _, _, middle in _net_seed_leads()}) > 1, None),
    # why GD jumps: the sharpness along its path
    ("11.非凸问题", "图里梯度下降的曲线却有三次突然跳高又落回来", True, lambda c: len(_net_gd_peaks()) == 3, None),
    ("11.非凸问题", "400 个小批量步只把数据过了约 8.5 遍", "8.5", lambda c: NET_STEPS * NET_BATCH / c.N, 0.05),
    ("11.非凸问题", "梯度下降走到第 10 步(已经过了 10 遍数据)时 MSE 还有 0.46", "0.46", lambda c: _net_gd_losses()[10], 0.005),
    ("11.非凸问题", "也算同样多的数据(约 18800 步),它能降到 0.13", "18800", lambda c: _net_long_sgd()[0], 50),
    ("11.非凸问题", "也算同样多的数据(约 18800 步),它能降到 0.13", "0.13", lambda c: _net_long_sgd()[1], 0.005),
    ("11.非凸问题", "也算同样多的数据(约 18800 步),它能降到 0.13", True,
     lambda c: _net_long_sgd()[1] < _net_lesson_final("GD"), None),
    ("11.非凸问题", "随机梯度下降走约 18800 步能到 0.13", "0.13", lambda c: _net_long_sgd()[1], 0.005),
    ("11.非凸问题", "动量法最后 50 步每一步都算的平均是 0.2845", "0.2845",
     lambda c: _net_every_step_tail("Momentum"), 5e-5),
    ("11.非凸问题", "再换一组种子 (3, 3),AdaGrad 就排到了 Adam 前面", True,
     lambda c: _net_final("AdaGrad", init_seed=3, batch_seed=3).min()
     < _net_final("Adam", init_seed=3, batch_seed=3).min(), None),
    ("11.非凸问题", "在第 50 步和第 60 步之间超过 $2/\\eta$", True, lambda c: 50 < _net_crossing() <= 60, None),
    ("11.非凸问题", "偏差每步放大约 $|1 - \\eta\\lambda| \\approx 1.6$ 倍", "1.6",
     lambda c: abs(1 - NET_LRS[5] * _net_sharpness_at(100)), 0.05),
    ("11.非凸问题", "所以又过了约 45 步 loss 才明显上升", "45",
     lambda c: _net_first_rise_after(_net_crossing()) - _net_crossing(), 3),
    ("11.非凸问题", "(第 112、210、316 步,下面打印出来)", "112", lambda c: _net_gd_peaks()[0], 0),
    ("11.非凸问题", "(第 112、210、316 步,下面打印出来)", "210", lambda c: _net_gd_peaks()[1], 0),
    ("11.非凸问题", "(第 112、210、316 步,下面打印出来)", "316", lambda c: _net_gd_peaks()[2], 0),
    ("11.非凸问题", "第 112 步最高到 1.2856,比起点还高", "112", lambda c: _net_gd_peaks()[0], 0),
    ("11.非凸问题", "第 112 步最高到 1.2856,比起点还高", "1.2856", lambda c: _net_gd_losses()[112], 5e-5),
    ("11.非凸问题", "第 112 步最高到 1.2856,比起点还高", True, lambda c: _net_gd_losses()[112] > _net_start_loss(), None),
    ("11.非凸问题", "于是第 210、316 步又各跳一次", "210", lambda c: _net_gd_peaks()[1], 0),
    ("11.非凸问题", "于是第 210、316 步又各跳一次", "316", lambda c: _net_gd_peaks()[2], 0),
    ("11.非凸问题", "(AdaGrad 每步约 101 倍,RMSProp 约 11 倍)", "101",
     lambda c: _adaptive_growth(lambda: AdaGrad(lr=0.1)), 1),
    ("11.非凸问题", "(AdaGrad 每步约 101 倍,RMSProp 约 11 倍)", "11",
     lambda c: _adaptive_growth(lambda: RMSProp(lr=0.01, rho=0.9)), 0.5),
    ("11.非凸问题", "去掉 $\\varepsilon$,从 $10^{-4}$ 到 $10^{-12}$ 出发的步数完全一样", True,
     lambda c: all(len(set(_tiny_start_escapes(make))) == 1 for make in (
         lambda: AdaGrad(lr=0.1, eps=0.0), lambda: RMSProp(lr=0.01, rho=0.9, eps=0.0), lambda: Adam(lr=0.01, eps=0.0))),
     None),
    ("11.非凸问题", "共同的明显优势在鞍点附近:离开的步数几乎和起点无关", True,
     lambda c: np.ptp(_tiny_start_escapes(lambda: SGD(lr=0.1))) > 150
     and all(np.ptp(_tiny_start_escapes(make)) <= 8 for make in (
         lambda: AdaGrad(lr=0.1), lambda: RMSProp(lr=0.01, rho=0.9), lambda: Adam(lr=0.01))), None),
    ("11.非凸问题", "起点的最大曲率是 5.57,低于 $2/\\eta = 6.32$", "5.57", lambda c: _net_sharpness_at(0), 0.005),
    ("11.非凸问题", "起点的最大曲率是 5.57,低于 $2/\\eta = 6.32$", "6.32", lambda c: 2 / NET_LRS[5], 0.005),
            ("11.非凸问题", "第 120 步曲率 4.85", "4.85", lambda c: _net_sharpness_at(120), 0.005),
    # sensitivity
    ("11.非凸问题", "随机梯度下降 2 个,AdaGrad 2 个,Adam 1 个,RMSProp 0 个", "2",
     lambda c: c.within10("SGD"), 0),
    ("11.非凸问题", "AdaGrad 2 个,Adam 1 个", "2", lambda c: c.within10("AdaGrad"), 0),
    ("11.非凸问题", "Adam 1 个,RMSProp 0 个", "1", lambda c: c.within10("Adam"), 0),
    ("11.非凸问题", "RMSProp 0 个", "0", lambda c: c.within10("RMSProp"), 0),
    ("11.非凸问题", "5 个方法的 7 个学习率里各有 5 到 6 个做到了", "5",
     lambda c: min(_net_count(n, lambda v: v < c.opt) for n in NET_SWEPT), 0),
    ("11.非凸问题", "5 个方法的 7 个学习率里各有 5 到 6 个做到了", "6",
     lambda c: max(_net_count(n, lambda v: v < c.opt) for n in NET_SWEPT), 0),
    ("11.非凸问题", "每个方法只有 1 到 2 个学习率离自己最好的不到 10%", "1",
     lambda c: min(_net_count(n, lambda v: v < 1.1 * v.min()) for n in NET_SWEPT), 0),
    ("11.非凸问题", "每个方法只有 1 到 2 个学习率离自己最好的不到 10%", "2",
     lambda c: max(_net_count(n, lambda v: v < 1.1 * v.min()) for n in NET_SWEPT), 0),
    ("11.非凸问题", "随机梯度下降和动量法在学习率 1 时发散;AdaGrad、RMSProp、Adam 不会发散", True,
     lambda c: all(_net_final(n)[-1] == np.inf for n in ("SGD", "Momentum"))
     and all(np.isfinite(_net_final(n)).all() for n in ("AdaGrad", "RMSProp", "Adam")), None),
    ("11.非凸问题", "但学习率 1 时 RMSProp 最后比起点(MSE 1.1117)还差", "1.1117", lambda c: _net_start_loss(), 5e-5),
    ("11.非凸问题", "但学习率 1 时 RMSProp 最后比起点(MSE 1.1117)还差", True,
     lambda c: _net_final("RMSProp")[-1] > _net_start_loss(), None),
    ("11.非凸问题", "这 3 个运行的 MSE 最多都变了 5% 以上", True,
     lambda c: _net_nudged_changes()["RMSProp"][4:].min() > 0.05, None),
    ("11.非凸问题", "其他运行的变化都不到 $10^{-8}$", True,
     lambda c: max(np.max(v if n != "RMSProp" else v[:4]) for n, v in _net_nudged_changes().items()) < 1e-8,
     None),
    # the non-convexity
    ("11.非凸问题", "两种写法的中点更差(练习 1)", True, lambda c: _net_midpoint()[1] > _net_midpoint()[0] + 0.1, None),
    ("11.非凸问题", "400 步以后(这个起点)梯度下降 0.2359,小批量的方法里 Adam 0.2674", "0.2359",
     lambda c: _net_lesson_final("GD"), 5e-5),
    ("11.非凸问题", "400 步以后(这个起点)梯度下降 0.2359,小批量的方法里 Adam 0.2674", "0.2674",
     lambda c: _net_lesson_final("Adam"), 5e-5),
    ("11.非凸问题", "直线最好只有 0.4843", "0.4843", lambda c: c.opt, 5e-5),
            ]
# fmt: on


@cache
def _rmsprop_sweep_pair(c):
    """Lesson 8's RMSProp sweep values from the start and from the moved start, raw."""
    return np.array(sweep_pair(lesson_run("RMSProp"), c.x, c.y))


def _numbers(text):
    """The numbers a fragment writes, LaTeX powers of ten read as floats."""
    text = text.replace("−", "-").replace("\\,", "")
    text = re.sub(r"(\d+(?:\.\d+)?)\s*\\times\s*10\^\{(-?\d+)\}", r"\1e\2", text)
    text = re.sub(r"(?<![\d.])10\^\{(-?\d+)\}", r"1e\1", text)
    return {float(m) for m in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", text)}


@cache
def _lesson(stem):
    return (NOTEBOOKS / f"{stem}.py").read_text(encoding="utf-8")


def test_claims_table_is_large():
    print(
        f"\n{len(CLAIMS)} prose claims of the lessons are under test "
        f"({sum(w is True for _, _, w, _, _ in CLAIMS)} qualitative, "
        f"{sum(w is not True for _, _, w, _, _ in CLAIMS)} numeric)"
    )
    assert len(CLAIMS) >= 90


@pytest.mark.parametrize(
    "lesson, fragment, written, compute, tolerance",
    CLAIMS,
    ids=[f"{c[0]}:{c[1][:24]}:{c[2]}" for c in CLAIMS],
)
def test_claim(ctx, lesson, fragment, written, compute, tolerance):
    assert _lesson(lesson).count(fragment) >= 1, f"{lesson}.py no longer says {fragment!r}"
    value = compute(ctx)
    if written is True:
        assert bool(value), f"{lesson}: {fragment!r} no longer holds"
        return
    assert float(written) in _numbers(fragment), f"{written} is not written in {fragment!r}"
    assert abs(float(value) - float(written)) <= tolerance, (
        f"{lesson}: {fragment!r} writes {written}, the lesson's code now gives {float(value):.6g}"
    )
