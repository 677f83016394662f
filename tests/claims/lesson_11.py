"""The claims of 11.非凸问题: its prose's numbers and laws, recomputed."""

from functools import cache

import numpy as np
from support.lessons import swap_units

from course_lib import load_data, network, nonconvex
from course_lib.geometry import convergence_factor
from course_lib.gradients import (
    shuffled_batches,
)
from course_lib.optimizers import SGD, AdaDelta, AdaGrad, Adam, Momentum, RMSProp, trajectory
from course_lib.runs import SADDLE_RUNS
from course_lib.widgets import saddle as saddle_widget


# ---- 11.非凸问题, the 2-D part: the saddle and x cos(pi x), recomputed with course_lib.nonconvex
def _saddle_make(name):
    """A fresh optimizer of lesson 11's saddle run ``name`` (SADDLE_RUNS; "Momentum" is its
    "momentum")."""
    return next(run for run in SADDLE_RUNS if run.name.lower() == name.lower()).make()


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
    return (
        "local"
        if abs(end - nc.WAVY_LOCAL) < 1e-3
        else "deep"
        if abs(end - nc.WAVY_DEEP) < 1e-3
        else None
    )


def _wavy_critical(kind):
    """The wavy curve's minima (kind='min') or maxima on -1 <= x <= 2, from a fine grid."""
    x = np.linspace(-1.0, 2.0, 300001)
    f = nonconvex.wavy(x)
    sign = 1 if kind == "min" else -1
    inner = np.flatnonzero((sign * f[1:-1] < sign * f[:-2]) & (sign * f[1:-1] < sign * f[2:])) + 1
    return x[inner]


def _explorer_escapes(name, lr):
    run = next(run for run in SADDLE_RUNS if run.name == name)
    return [
        nonconvex.escape_step(saddle_widget.saddle_run(run, lr, 10.0**-e)) for e in range(2, 13)
    ]


GD_, MOM = ("Momentum", 0.02, 0.0), lambda beta: ("Momentum", 0.02, beta)


def _ridge_states_are_zero():
    """From the ridge, momentum's m and the squared-gradient averages stay 0 along x2."""
    nc = nonconvex
    states = []
    for name, attribute in (
        ("Momentum", "m"),
        ("AdaGrad", "S"),
        ("RMSProp", "S"),
        ("Adam", "v"),
        ("Adam", "S"),
    ):
        optimizer = _saddle_make(name)
        trajectory(optimizer, nc.saddle_gradient, nc.saddle_start(0.0), 50)
        states.append(np.asarray(getattr(optimizer, attribute))[1])
    return all(state == 0 for state in states)


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
    start = network.network_start(x.shape[1], seed=init_seed)
    start[0] += nudge
    count = 1 if name == "AdaDelta" else len(lrs)
    params, optimizer = np.tile(start, (count, 1)), _net_optimizer(name, lrs)
    snapshots = [params]
    batches = shuffled_batches(len(x), NET_BATCH, NET_STEPS, seed=batch_seed)
    with np.errstate(all="ignore"):
        for k, rows in enumerate(batches, start=1):
            data = (x, y) if name == "GD" else (x[rows], y[rows])
            params = optimizer.step(params, network.network_loss_and_gradient(params, *data)[1])
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
    params, path, losses = network.network_start(x.shape[1]), [], []
    for _ in range(NET_STEPS):
        loss, grad = network.network_loss_and_gradient(params, x, y)
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
    grads = network.network_loss_and_gradient(
        params + eps * np.vstack([np.eye(P), -np.eye(P)]), x, y
    )[1]
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
    params, optimizer, last = network.network_start(x.shape[1]), SGD(lr=0.1), []
    for k, rows in enumerate(shuffled_batches(len(x), NET_BATCH, steps), start=1):
        params = optimizer.step(
            params, network.network_loss_and_gradient(params, x[rows], y[rows])[1]
        )
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
        network.network_start(x.shape[1])[np.newaxis],
        _net_optimizer(name, lr),
        [],
    )
    for k, rows in enumerate(shuffled_batches(len(x), NET_BATCH, NET_STEPS), start=1):
        params = optimizer.step(
            params, network.network_loss_and_gradient(params, x[rows], y[rows])[1]
        )
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
    return float(network.network_mse(network.network_start(x.shape[1]), x, y))


def _net_midpoint():
    """Lesson 11's exercise 1: Adam's best run, its units 0 and 1 swapped, the midpoint."""
    x, y = _net_data()
    trained = _net_run("Adam")[-1, int(np.argmin(_net_final("Adam")))]
    twin = swap_units(trained, 0, 1, x.shape[1])
    return float(network.network_mse(trained, x, y)), float(
        network.network_mse((trained + twin) / 2, x, y)
    )


@cache
def _net_sharpness_path(start=40, end=400):
    """GD's sharpness at every step from ``start`` to ``end`` (index = step - start)."""
    return np.array([_net_sharpness_at(k) for k in range(start, end)])


def _net_sharpness_extremes():
    """(max, min) of the sharpness after it first exceeds 2 / lr."""
    after = _net_sharpness_path()[_net_crossing() - 40 :]
    return after.max(), after.min()


def _net_falls_between_spikes():
    """Between the trough after one spike and the first rise before the next, the loss falls
    at every step."""
    m, peaks = _net_gd_losses(), _net_gd_peaks()
    for peak, following in zip(peaks, peaks[1:], strict=False):
        trough = peak + int(np.argmin(m[peak : peak + 30]))
        rise = _net_first_rise_after(trough)
        if not (
            np.all(np.diff(m[trough : rise + 1]) < 0) and rise > trough + 40 and rise < following
        ):
            return False
    return True


def _net_above_line_during_spikes():
    """GD's MSE is above the linear optimum again around each spike (and below it before)."""
    m, line = _net_gd_losses(), 0.4842902579
    return all(m[peak] > line and m[peak - 20] < line for peak in _net_gd_peaks())


def _first_steps_over_lr(name, x2_0=1e-6):
    """The x2 steps of run ``name`` from (1, x2_0), each over its learning rate."""
    run = next(run for run in SADDLE_RUNS if run.name.lower() == name.lower())
    path = _saddle_path(name, x2_0)
    return np.abs(np.diff(path[:, 1])) / run.hyperparameters["lr"]


def _adam_valley_by_lr():
    """From x0 = -1, 600 steps: the valley Adam ends in, per learning rate 0.05, 0.1, ..., 1."""
    return {
        round(lr, 2): _wavy_valley(("Adam", round(lr, 2), None), -1.0)
        for lr in np.arange(0.05, 1.001, 0.05)
    }


# fmt: off
CLAIMS = [
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
    ("11.非凸问题", "梯度比 $\\sqrt{\\varepsilon}$ 大时,$x_2$ 方向的步子就不会因为梯度小而变小", True,
     lambda c: all(abs(_saddle_path(n, 1e-2)[2, 1] - _saddle_path(n, 1e-2)[1, 1]) > 1e-3
                   for n in ("AdaGrad", "RMSProp", "Adam")), None),
    ("11.非凸问题", "AdaGrad 和 RMSProp 头一步只有 $\\eta$ 的千分之一,几步以后才到 $\\eta$ 左右", True,
     lambda c: all(0.5e-3 < _first_steps_over_lr(n)[0] < 2e-3 and _first_steps_over_lr(n)[:6].max() > 0.5
                   for n in ("AdaGrad", "RMSProp")), None),
    ("11.非凸问题", "起点离山脊每近 10 倍,就要多走 $\\ln 10 / \\ln(1 + \\eta)$ 步", True,
     lambda c: all(abs(d - np.log(10) / np.log(1.1)) <= 1 for d in np.diff(_explorer_escapes("GD", 0.1))), None),
    ("11.非凸问题", "梯度下降**:起点每近 10 倍多走约 24 步", "24", lambda c: _per_decade("GD"), 0.5),
    ("11.非凸问题", "公式少算了几步:$|x_2|$ 接近 0.5 时增长变慢", True,
     lambda c: all(0 < _escape("GD", s) - nonconvex.gd_escape_estimate(s, 0.1) <= 5 for s in (1e-2, 1e-4, 1e-6, 1e-8)),
     None),
    ("11.非凸问题", "**动量法**:每近 10 倍多走约 10 步", "10", lambda c: _per_decade("Momentum"), 0.5),
    ("11.非凸问题", "只是每步乘以 1.270 而不是 1.1", "1.270", lambda c: convergence_factor(0.1, 0.8, nonconvex.SADDLE_CURVATURE), 0.0005),
    ("11.非凸问题", "只是每步乘以 1.270 而不是 1.1", "1.1", lambda c: convergence_factor(0.1, 0.0, nonconvex.SADDLE_CURVATURE), 1e-12),
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
    ("11.非凸问题", "学习率 0.5 到 0.7 时 Adam 能跳到深的谷", True,
     lambda c: [lr for lr, valley in _adam_valley_by_lr().items() if valley == "deep"] == [0.5, 0.55, 0.6, 0.65, 0.7],
     None),
    ("11.非凸问题", "再大到 0.8、1,它又在浅的谷附近来回跳", True,
     lambda c: all(-0.4 < v < -0.1 for lr in (0.8, 1.0)
                   for v in trajectory(Adam(lr=lr), nonconvex.wavy_gradient, np.array([-1.0]), 600)[-50:, 0]), None),
    # from x0 = 0.35 the nearest valley is the shallow one (0.62 away, the deep one 0.74), yet
    # downhill (f' > 0 there) leads to the deep one, where GD ends
    ("11.非凸问题", "梯度下降停在从起点一路往下坡走到的那个谷里(不一定是最近的谷)", True,
     lambda c: _wavy_valley(GD_, 0.35) == "deep" and abs(0.35 - nonconvex.WAVY_LOCAL) < abs(0.35 - nonconvex.WAVY_DEEP)
     and nonconvex.wavy_gradient(np.array(0.35)) < 0 and _wavy_valley(GD_, -1.0) == "local", None),
    ("11.非凸问题", "梯度下降本来就落在深的谷里", True, lambda c: _wavy_valley(GD_, 1.9) == "deep", None),
    ("11.非凸问题", "$\\beta = 0.9$ 的动量法却冲过了头,翻回小山包,停在**浅的**谷里", True,
     lambda c: _wavy_valley(MOM(0.9), 1.9) == "local", None),
    ("11.非凸问题", "而 $\\beta = 0.95$ 又停回深的谷", True, lambda c: _wavy_valley(MOM(0.95), 1.9) == "deep", None),
    ("11.非凸问题", "同一组 $(\\eta, \\beta)$,换一个起点就从帮忙变成帮倒忙", True,
     lambda c: (_wavy_valley(GD_, -1.0), _wavy_valley(MOM(0.9), -1.0)) == ("local", "deep")
     and (_wavy_valley(GD_, 1.9), _wavy_valley(MOM(0.9), 1.9)) == ("deep", "local"), None),
    ("11.非凸问题", "(起点 $10^{-8}$ 时是 188 步)", "188", lambda c: _escape("GD", 1e-8), 0),
    ("11.非凸问题", "每近 10 倍多走约 24 步:1e-12 要 284 步,是 1e-2(43 步)的 6 倍多", "284",
     lambda c: _escape("GD", 1e-12), 0),
    ("11.非凸问题", "每近 10 倍多走约 24 步:1e-12 要 284 步,是 1e-2(43 步)的 6 倍多", "43",
     lambda c: _escape("GD", 1e-2), 0),
    ("11.非凸问题", "每近 10 倍多走约 24 步:1e-12 要 284 步,是 1e-2(43 步)的 6 倍多", "24",
     lambda c: (_escape("GD", 1e-12) - _escape("GD", 1e-2)) / 10, 0.5),
    ("11.非凸问题", "每近 10 倍多走约 24 步:1e-12 要 284 步,是 1e-2(43 步)的 6 倍多", True,
     lambda c: 6 < _escape("GD", 1e-12) / _escape("GD", 1e-2) < 7, None),
    ("11.非凸问题", "起点离山脊近一万倍,也只多走 96 步", "96", lambda c: _escape("GD", 1e-12) - _escape("GD", 1e-8), 0),
    ("11.非凸问题", "左图是 300 步的路径", "300", lambda c: saddle_widget.STEPS, 0),
    ("11.非凸问题", "把 $x_2^{(0)}$ 从 $10^{-2}$ 一格一格拖到 $10^{-12}$", True,
     lambda c: saddle_widget.X2_EXPONENTS[0] == -12.0, None),
    ("11.非凸问题", "右图的斜线每格往右移同样的距离(学习率 0.1 时约 24 步)", True,
     lambda c: all(23 <= d <= 25 for d in np.diff(_explorer_escapes("GD", 0.1))), None),
    ("11.非凸问题", "换成 Adam 再拖一遍,离开的步数几乎不动", True,
     lambda c: np.ptp(_explorer_escapes("Adam", 0.01)) <= 3, None),
    ("11.非凸问题", "学习率到 1 时,梯度下降在 $x_1$ 方向(曲率 2)来回跳,不再收敛", True,
     lambda c: np.allclose(np.abs(saddle_widget.saddle_run(SADDLE_RUNS[0], 1.0, 1e-6)[:, 0]), 1.0),
     None),
    ("11.非凸问题", "的最优值 MSE 0.4843 以下", "0.4843", lambda c: c.opt, 5e-5),
    ("11.非凸问题", "一共 57 个参数(线性模型只有 6 个)", "57", lambda c: network.network_size(c.M), 0),
    ("11.非凸问题", "一共 57 个参数(线性模型只有 6 个)", "6", lambda c: c.M + 1, 0),
    ("11.非凸问题", "是一批的 47 倍", "47", lambda c: c.N / NET_BATCH, 0.5),
    ("11.非凸问题", "是小批量的 47 倍", "47", lambda c: c.N / NET_BATCH, 0.5),
    ("11.非凸问题", "所以起点再近也只多走不到 1 步", True,
     lambda c: all((_escape(n, 1e-12) - _escape(n, 1e-4)) / 8 < 1 for n in ("AdaGrad", "RMSProp", "Adam")), None),
    ("11.非凸问题", "见 `tests/test_claims.py`:0.316 最好", True,
     lambda c: int(np.argmin(_net_final("GD"))) == 5 and abs(NET_LRS[5] - 0.316) < 5e-4, None),
    ("11.非凸问题", "除了 AdaDelta(第 120 步),都在 30 步以内就比最好的直线更低", "120",
     lambda c: _net_first_below("AdaDelta", c.opt), 0),
    ("11.非凸问题", "除了 AdaDelta(第 120 步),都在 30 步以内就比最好的直线更低", "30",
     lambda c: max(_net_first_below(n, c.opt) for n in ("GD", *NET_SWEPT)), 0),
    ("11.非凸问题", "每个优化器取它最好的学习率、每 10 步看一次", "10", lambda c: 10, 0),
    ("11.非凸问题", "(梯度下降在后面三次跳高时又短暂回到直线以上)", True,
     lambda c: len(_net_gd_peaks()) == 3 and _net_above_line_during_spikes(), None),
    ("11.非凸问题", "(Adam 每一步都算是 0.2683:按这个更准的成绩它领先动量法 0.016)", "0.2683",
     lambda c: _net_every_step_tail("Adam"), 5e-5),
    ("11.非凸问题", "(Adam 每一步都算是 0.2683:按这个更准的成绩它领先动量法 0.016)", "0.016",
     lambda c: _net_every_step_tail("Momentum") - _net_every_step_tail("Adam"), 0.0005),
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
    ("11.非凸问题", "越过 $2/\\eta$ 时约是 1,", "1", lambda c: abs(1 - NET_LRS[5] * _net_sharpness_at(_net_crossing())), 0.05),
    ("11.非凸问题", "第 100 步约 1.6", "1.6", lambda c: abs(1 - NET_LRS[5] * _net_sharpness_at(100)), 0.05),
    ("11.非凸问题", "这个倍数也在涨", True,
     lambda c: np.all(np.diff(_net_sharpness_path()[_net_crossing() - 40 : 100 - 40]) > 0), None),
    ("11.非凸问题", "所以又过了约 50 步(第 104 步以后)loss 才开始上升", "50",
     lambda c: _net_first_rise_after(_net_crossing()) - _net_crossing(), 3),
    ("11.非凸问题", "所以又过了约 50 步(第 104 步以后)loss 才开始上升", "104",
     lambda c: _net_first_rise_after(_net_crossing()), 0),
    ("11.非凸问题", "慢慢涨到 8 左右(最高 8.56,是 $2/\\eta$ 的 1.35 倍)", "8.56", lambda c: _net_sharpness_extremes()[0], 0.005),
    ("11.非凸问题", "慢慢涨到 8 左右(最高 8.56,是 $2/\\eta$ 的 1.35 倍)", "1.35",
     lambda c: _net_sharpness_extremes()[0] * NET_LRS[5] / 2, 0.005),
    ("11.非凸问题", "慢慢涨到 8 左右(最高 8.56,是 $2/\\eta$ 的 1.35 倍)", True,
     lambda c: all(7.5 < _net_sharpness_path()[p - 5 - 40 : p - 40].max() < 8.6 for p in _net_gd_peaks()), None),
    ("11.非凸问题", "loss 跳高的几步里一下跌到 5 左右(最低 4.57)", "4.57", lambda c: _net_sharpness_extremes()[1], 0.005),
    ("11.非凸问题", "loss 跳高的几步里一下跌到 5 左右(最低 4.57)", "5",
     lambda c: np.mean([_net_sharpness_path()[p - 40 : p + 6 - 40].min() for p in _net_gd_peaks()]), 0.3),
    ("11.非凸问题", "曲率并没有停在 $2/\\eta$ 附近,而是像锯齿", True,
     lambda c: np.mean(np.abs(_net_sharpness_path()[_net_crossing() - 40 :] * NET_LRS[5] / 2 - 1) < 0.1) < 0.5, None),
    ("11.非凸问题", "两次跳高之间 loss 一直在降", True, lambda c: _net_falls_between_spikes(), None),
    ("11.非凸问题", "每隔一百步左右才跳一次", True,
     lambda c: all(90 <= b - a <= 110 for a, b in zip(_net_gd_peaks(), _net_gd_peaks()[1:], strict=False)), None),
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

# fmt: off
NON_CLAIMS = [
    ("(一个隐藏层,8 个 tanh 单元)", "set-up"),
    ("(5 个特征的线性回归", "set-up"),
    ("线性模型的最优值 0.4843 已经是\"最好\"了吗", "question"),
    ("在它前面加一层 8 个 tanh 单元", "set-up"),
    ("$W$ 是 8×5,$c$、$v$ 各 8 个数", "set-up"),
    ("$\\tanh'(z) = 1 - \\tanh^2(z)$", "formula"),
    ("每个参数前后各挪 $10^{-6}$", "set-up"),
    ("$W$ 的每个数来自 $N(0, 1/5)$,$v$ 来自 $N(0, 1/8)$,$c$ 和 $d$ 是 0", "set-up"),
    ("每一步用一批 32 条数据", "set-up"),
    ("各用第 8 课学习率网格里的 7 个学习率", "set-up"),
    ("(0.001 到 1,每格 $\\sqrt{10}$ 倍)", "set-up"),
    ("(动量 $\\beta = 0.8$,RMSProp 和 AdaDelta 的 $\\rho = 0.2$", "set-up"),
    ("Adam 的 $\\beta_1 = 0.9$、$\\beta_2 = 0.999$", "set-up"),
    ("梯度下降每一步算全部 1503 条数据的梯度", "set-up"),
    ("只跑它一个学习率 0.316 作参照(我们另外把 7 个学习率都跑了", "set-up"),
    ("都走 400 步", "set-up"),
    ("每个运行的成绩是最后 50 步里(每 10 步一个点)", "set-up"),
    ("每个优化器取最后 50 步平均 MSE 最低的那个学习率", "set-up"),
    ("其他方法每 10 步一个点", "set-up"),
    ("- 400 步以后", "set-up"),
    ("它每一步算 1503 条数据", "set-up"),
    ("让随机梯度下降(学习率 0.1)", "set-up"),
    ("按每 10 步一个点算", "set-up"),
    ("我们又换了 4 组种子", "set-up"),
    ("但成绩只取了 5 个点", "set-up"),
    ("不是 0.2679", "set-up"),
    ("学习率小于 $2/\\lambda_\\max$ 时", "formula"),
    ("Cohen 等 2021 把这叫作", "citation"),
    ("偏差每步放大 $|1 - \\eta\\lambda|$ 倍", "formula"),
    ("曲率并没有停在 $2/\\eta$ 附近", "formula"),
    ("所以越过 $2/\\eta$ 以后", "formula"),
    ("Cohen 等 2021 在更大的网络上看到的", "citation"),
    ("曲率一直停在 $2/\\eta$ 附近", "formula"),
    ("第 1 课的稳定上限 $2/\\lambda_\\max$", "formula"),
    ("9 个学习率里能进入最优值 10% 以内的", "set-up"),
    ("下图是每个学习率最后 50 步的平均 MSE", "set-up"),
    ("几个离这个优化器自己最好的结果不到 10%", "set-up"),
    ("学习率仍然得挑准到 $\\sqrt{10}$ 倍以内", "set-up"),
    ("(按定义至少有 1 个,就是最好的那个)", "formula"),
    ("第 8 课数的是离真正的最优值 10% 以内", "set-up"),
    ("- 学习率 0.1 以上时 RMSProp($\\rho = 0.2$)", "set-up"),
    ("我们把起点挪动 $10^{-15}$、$2\\times10^{-15}$、$3\\times10^{-15}$ 各跑一次", "set-up"),
    ("这 3 个运行的 MSE 最多都变了 5% 以上", "set-up"),
    ("把隐藏单元 0 和 1 对调", "set-up"),
    ("输出是 8 个单元各乘以自己的 $v$ 再相加", "set-up"),
    ("(没有 $v_j = 0$ 的单元,没有 $W$ 的一行全是 0 的单元,", "formula"),
    ("都有 $8! \\times 2^8$ 种写法", "formula"),
    ("有 $v_j = 0$ 这样的单元时", "formula"),
    ("$f(x_1, x_2) = x_1^2 + \\tfrac14 x_2^4 - \\tfrac12 x_2^2$,梯度是 $(2x_1,\\ x_2^3 - x_2)$", "formula"),
    ("直线 $x_2 = 0$ 是\"山脊\"", "formula"),
    ("梯度的 $x_2$ 分量**恰好**是 0", "formula"),
    ("从 $(1, 10^{-6})$ 出发(离山脊只有 $10^{-6}$),五个优化器各走 200 步", "set-up"),
    ("($|x_2| > 0.5$)", "set-up"),
    ("RMSProp 用 Hinton 讲义里常用的 $\\rho = 0.9$;第 5 课的 $\\rho = 0.2$", "set-up"),
    ("这里从 $10^{-6}$ 出发", "set-up"),
    ("$|x_2|$ 每步乘以 $1 + \\eta$,从 $x_2^{(0)}$ 长到 $0.5$ 大约要 $\\log(0.5 / x_2^{(0)}) / \\log(1 + \\eta)$ 步", "formula"),
    ("起点离山脊每近 10 倍", "formula"),
    ("梯度大于 $\\sqrt{\\varepsilon} = 10^{-3}$", "set-up"),
    ("或 $\\varepsilon = 10^{-6}$(Adam)时", "set-up"),
    ("(从 $10^{-2}$ 出发时量的)", "set-up"),
    ("从 $10^{-4}$ 起", "set-up"),
    ("($x_2 = 0$)呢", "question"),
    ("梯度的 $x_2$ 分量恰好是 0,动量、平方梯度的平均都是 0", "formula"),
    ("各走 600 步", "set-up"),
    ("- 从 $x_0 = -1$ 出发", "set-up"),
    ("- 从 $x_0 = 1.9$ 出发", "set-up"),
    ("单元 0 和 1 在中点变成了两个一样的单元", "set-up"),
    ("梯度下降($\\eta = 0.1$)从 $(1, 10^{-12})$ 出发,第几步 $|x_2| > 0.5$", "question"),
    ("起点离山脊的距离 $x_2^{(0)}$", "set-up"),
    ("- 8 个 tanh 单元的小网络(57 个参数)", "set-up"),
    ("同一个网络有 $8! \\times 2^8$ 种写法", "formula"),
    ("把曲率推到超过 $2/\\eta$", "formula"),
    ("每近 10 倍多走 $\\ln 10 / \\ln(1 + \\eta)$ 步", "formula"),
]
# fmt: on
