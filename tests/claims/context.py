"""What every lesson's claims share: the runs they recompute (``Context``, seed 0, the lessons'
own settings, each run computed once), and how a claim is checked (``check_claim``).

A claim is (lesson stem, an exact fragment of the lesson's .py or of an answer's stored
interpretation, what the fragment writes, a function computing the value from a Context,
tolerance). ``check_claim`` asserts that the fragment occurs in the lesson, that the written
number occurs in the fragment (LaTeX such as
1.1\\times10^{-3} is read as 1.1e-3), and that the recomputed value matches the written one
within the tolerance. A boolean claim ("converges at lr 0.8") writes ``True`` and its function
returns a bool.
"""

import re
from functools import cache, cached_property
from pathlib import Path

import numpy as np

from course_lib import mse_hessian
from course_lib.comparison import sweep_all
from course_lib.curves import LOSS_CAP, diverged, mse_curve, optimum_mse, sse_curve, steps_to_within
from course_lib.gradients import (
    full_batch_gradient,
    row_gradient,
    sampled_rows,
    start_theta,
)
from course_lib.landscapes import BOWL_START, airfoil_slice, bowl, bowl_gradient
from course_lib.optimizers import SGD, AdaDelta, Momentum, trajectory
from course_lib.runs import lesson_run

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


STOCHASTIC = ["SGD", "Momentum", "AdaGrad", "RMSProp", "AdaDelta", "Adam"]


NEW_START = (-0.4, 1.5)  # lesson 8's slice start, as the prose writes it


def bowl_path(optimizer, steps=40):
    """The lessons' bowl cells: ``optimizer`` from BOWL_START with exact gradients."""
    return trajectory(optimizer, bowl_gradient, BOWL_START, steps)


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
        g = row_gradient(
            self.x, self.y, sampled_rows(self.N, steps)
        )  # forward differences, a stack
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
        return trajectory(run.make(), self.slice_.gradient(rows), starts, run.steps)

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


def loss_evaluations(method):
    """How many times numeric_gradient evaluates the loss for the course's 6 parameters."""
    from course_lib import numeric_gradient

    calls = []
    numeric_gradient(lambda w, b: calls.append(1) or 0.0, np.ones(5), 0.0, method=method)
    return len(calls)


def first_move(c, name, index=0):
    return np.abs(np.diff(c.run5500(name)[0][:2, index], axis=0))[0]


def reached(curve, c, tolerance):
    """The step number (1-based, as the lessons print it) first within ``tolerance``."""
    return steps_to_within(curve, c.opt_sse, tolerance) + 1


@cache
def explorer_vs_lesson(c, name):
    """Largest relative difference between the explorer's curve (exact gradients) and the
    lesson's run (forward differences) at the default settings."""
    from course_lib.widgets.lesson import explore_run

    run = lesson_run(name)
    thetas = trajectory(run.make(), run.gradient(c.x, c.y, run.steps), start_theta(c.M), run.steps)
    return float(
        np.abs(
            explore_run(lesson_run(name), c.x, c.y).curve / mse_curve(thetas, c.x, c.y) - 1
        ).max()
    )


# ---- the explorer paragraphs of lessons 1-7: the bowl's rate and where the two panels disagree
@cache
def disagree(c, name):
    from support.lessons import panels_disagree

    return panels_disagree(name, c.x, c.y)


def last_digit(written):
    """Half a unit of the last digit written: "0.016" -> 0.0005 (the slider shows 0.01585)."""
    decimals = len(written.split(".")[1]) if "." in written else 0
    return 0.5 * 10.0**-decimals


def bowl_factor(name):
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


def explorer_bowl_claims(lesson):
    """The claims of ``lesson``'s explorer paragraph: the bowl's rate, where the panels disagree."""
    [(name, factor, bowl, first, last)] = [row[1:] for row in EXPLORER_BOWLS if row[0] == lesson]
    return [
        (
            lesson,
            f"碗上的学习率总是滑块的 {factor} 倍(默认位置就是上面碗那一节的 {bowl})",
            factor,
            lambda c, name=name: bowl_factor(name),
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
            lambda c, name=name: bowl_factor(name),
            1e-9,
        ),
        (
            lesson,
            ("滑块在最右端 1 时" if first == last else f"滑块在 {first} 到 {last} 之间时"),
            first,
            lambda c, name=name: disagree(c, name)[0],
            last_digit(first),
        ),
        (
            lesson,
            ("滑块在最右端 1 时" if first == last else f"滑块在 {first} 到 {last} 之间时"),
            last,
            lambda c, name=name: disagree(c, name)[-1],
            last_digit(last),
        ),
        (
            lesson,
            "真实数据上不发散,碗里却发散了",
            True,
            lambda c, name=name: np.all(np.diff(disagree(c, name)) > 0),
            None,
        ),
    ]


@cache
def closest_after_5500(c):
    """The stochastic method whose MSE after lesson 8's 5500 steps is lowest (same start, rows)."""

    def final(name):
        run = lesson_run(name)
        gradient = run.gradient(c.x, c.y, 5500)
        return mse_curve(trajectory(run.make(), gradient, start_theta(c.M), 5500)[-1:], c.x, c.y)[0]

    return min(STOCHASTIC, key=final)


# ---- what several lessons' tables share ---------------------------------------------------


def one_row_gradient(c):
    """The stochastic lessons' gradient at step 0 is the gradient of the sampled row's squared error alone."""
    rows = sampled_rows(c.N, 1)
    theta = start_theta(c.M)
    design = np.append(c.x[rows[0]], 1.0)
    alone = 2 * (design @ theta - c.y[rows[0]]) * design
    return np.allclose(row_gradient(c.x, c.y, rows, exact=True)(theta, 0), alone, atol=1e-12)


def in_code(pattern, registry, stem):
    """The number a lesson's code writes at ``pattern``'s group, if LESSON_RUNS says the same."""
    written = float(re.search(pattern, lesson_source(stem))[1])
    return written if written == registry else np.nan


def loop_steps(stem, name):
    """How many steps a lesson's loop runs (``for epoch in range(N)``), if LESSON_RUNS agrees."""
    return in_code(r"for epoch in range\((\d+)\)", lesson_run(name).steps, stem)


def bowl_hessian():
    """The bowl's second derivatives, from its gradient (which is linear)."""
    origin = bowl_gradient(np.zeros(2))
    return np.column_stack([bowl_gradient(e) - origin for e in np.eye(2)])


def bowl_minimum():
    """Where the bowl's gradient vanishes (nan unless the bowl curves up along both axes)."""
    hessian = bowl_hessian()
    if np.linalg.eigvalsh(hessian).min() <= 0:
        return np.full(2, np.nan)
    return np.linalg.solve(hessian, -bowl_gradient(np.zeros(2)))


def divergence_cap():
    """The one rule of both panels: diverged above LOSS_CAP or not finite (nan if it is not)."""
    rule = diverged(np.array([LOSS_CAP, LOSS_CAP + 0.5, np.inf, np.nan]))
    return LOSS_CAP if list(rule) == [False, True, True, True] else np.nan


def bowl_and_explorer_claims(lesson):
    """The paragraphs lessons 3-5 share: the bowl and its start, and the explorer's divergence rule."""
    # fmt: off
    return [
        (lesson, "真实问题有 6 个参数", "6", lambda c: c.M + 1, 0),
        (lesson, "$f(x_1, x_2) = 0.1\\,x_1^2 + 2\\,x_2^2$", "0.1", lambda c: bowl(1.0, 0.0), 1e-12),
        (lesson, "$f(x_1, x_2) = 0.1\\,x_1^2 + 2\\,x_2^2$", "2", lambda c: bowl(0.0, 1.0), 1e-12),
        (lesson, "二阶导数 4", "4", lambda c: bowl_hessian()[1, 1], 1e-12),
        (lesson, "二阶导数 0.2", "0.2", lambda c: bowl_hessian()[0, 0], 1e-12),
        (lesson, "沿 $x_2$ 方向很陡", True, lambda c: bowl_hessian()[0, 1] == bowl_hessian()[1, 0] == 0, None),
        (lesson, "最低点在 $(0, 0)$", "0", lambda c: np.abs(bowl_minimum()).max(), 1e-12),
        (lesson, "所有优化器都从 $(-5, -2)$ 出发", "-5", lambda c: BOWL_START[0], 0),
        (lesson, "所有优化器都从 $(-5, -2)$ 出发", "-2", lambda c: BOWL_START[1], 0),
        (lesson, "两边用同一个标准判断发散(数值超过 100 或不是有限数)", "100", lambda c: divergence_cap(), 0),
    ]


def numbers(text):
    """The numbers a fragment writes, LaTeX powers of ten read as floats."""
    text = text.replace("−", "-").replace("\\,", "")
    text = re.sub(r"(\d+(?:\.\d+)?)\s*\\times\s*10\^\{(-?\d+)\}", r"\1e\2", text)
    text = re.sub(r"(?<![\d.])10\^\{(-?\d+)\}", r"1e\1", text)
    return {float(m) for m in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", text)}


@cache
def lesson_source(stem):
    """The text of a lesson's .py pair, then its answers' interpretations as the stored .ipynb
    outputs show them (one paragraph a line; support/prose.py reads them)."""
    from support.prose import stored_explanations

    text = (NOTEBOOKS / f"{stem}.py").read_text(encoding="utf-8")
    return text + "\n" + "\n".join(stored_explanations(stem, NOTEBOOKS))


def check_claim(ctx, lesson, fragment, written, compute, tolerance):
    """Assert one claim (see the module's docstring)."""
    assert lesson_source(lesson).count(fragment) >= 1, (
        f"{lesson} (its .py or its stored answers) no longer says {fragment!r}"
    )
    value = compute(ctx)
    if written is True:
        assert bool(value), f"{lesson}: {fragment!r} no longer holds"
        return
    assert float(written) in numbers(fragment), f"{written} is not written in {fragment!r}"
    assert abs(float(value) - float(written)) <= tolerance, (
        f"{lesson}: {fragment!r} writes {written}, the lesson's code now gives {float(value):.6g}"
    )
