"""course_lib.optimizers: hand-derived steps, and the very trajectories the lessons compute
(each lesson's inline loop against its class, run as runs.LESSON_RUNS says)."""

import contextlib
import io
from pathlib import Path

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

from course_lib.gradients import start_theta  # noqa: E402
from course_lib.optimizers import (  # noqa: E402
    SGD,
    AdaDelta,
    AdaGrad,
    Adam,
    AdamW,
    Lion,
    Momentum,
    Muon,
    RMSProp,
    ScheduleFreeSGD,
    newton_schulz,
    trajectory,
)
from course_lib.runs import LESSON_RUNS, lesson_run  # noqa: E402

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
ALL = [SGD, Momentum, AdaGrad, RMSProp, AdaDelta, Adam]


def run_lesson_code(stem):
    """Execute a lesson's .py pair (its plots on the Agg backend); return its variables."""
    import matplotlib.pyplot as plt

    namespace = {"__name__": f"lesson_{stem}"}
    source = (NOTEBOOKS / f"{stem}.py").read_text(encoding="utf-8")
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(source, f"{stem}.py", "exec"), namespace)  # noqa: S102 - our own lesson
    plt.close("all")
    return namespace


# --- each lesson's inline loop == its class --------------------------------------------


# The library's forward differences evaluate the shifted losses in one matrix product, the
# lessons' numeric_gradient one loss at a time, so the gradients agree to rounding (~1e-12), not
# bit for bit. Also: the lessons keep the bias b as a NumPy scalar, whose `** 0.5` is the C
# library's pow(), while the classes take `** 0.5` of an array (sqrt()); and Adam's lesson writes
# 0.1 and 0.001 where the class computes 1 - beta1 and 1 - beta2. All differ in the last bit.
@pytest.mark.parametrize(
    "stem, name",
    [
        ("1.梯度下降", "GD"),
        ("2.随机梯度下降", "SGD"),
        ("3.momentum", "Momentum"),
        ("4.ada_grad", "AdaGrad"),
        ("5.rms_prop", "RMSProp"),
        ("6.ada_delta", "AdaDelta"),
        ("7.adam", "Adam"),
    ],
)
def test_lesson_loop_and_class_give_the_same_trajectory(data, stem, name):
    x, y = data
    lesson = run_lesson_code(stem)
    run = lesson_run(name)
    thetas = trajectory(
        run.make(), run.gradient(x, y, run.steps), start_theta(x.shape[1]), run.steps
    )
    final = np.append(lesson["w"], lesson["b"])
    np.testing.assert_allclose(thetas[-1], final, rtol=1e-10, atol=1e-12)
    lesson_loss = np.array(lesson["plt_y"])
    assert len(lesson_loss) == len(thetas) - 1
    loss = lesson["get_loss"] if name == "GD" else lesson["total_loss"]
    class_loss = [loss(theta[:-1], theta[-1]) for theta in thetas[1::100]]
    np.testing.assert_allclose(lesson_loss[::100], class_loss, rtol=1e-10)


# --- hand-derived values -----------------------------------------------------------------
# On f(theta) = a/2 * theta**2 the gradient is a * theta.


def test_sgd_first_steps_on_a_quadratic():
    path = trajectory(SGD(lr=0.1), lambda th, k: 2.0 * th, np.array([1.0]), 3)
    np.testing.assert_allclose(path.ravel(), [1.0, 0.8, 0.64, 0.512])


def test_momentum_first_steps_on_a_quadratic():
    # m1 = 2, theta1 = 1 - 0.2 = 0.8; m2 = 0.8*2 + 1.6 = 3.2, theta2 = 0.8 - 0.32 = 0.48
    path = trajectory(Momentum(lr=0.1, beta=0.8), lambda th, k: 2.0 * th, np.array([1.0]), 2)
    np.testing.assert_allclose(path.ravel(), [1.0, 0.8, 0.48])


def test_adagrad_first_step_moves_every_coordinate_by_lr():
    opt = AdaGrad(lr=0.1, eps=0.0)
    theta = opt.step(np.array([1.0, 1.0]), np.array([4.0, 0.01]))
    np.testing.assert_allclose(theta, [0.9, 0.9])
    # second step with the same gradient: S = 2 g**2, step = lr / sqrt(2)
    np.testing.assert_allclose(opt.step(theta, np.array([4.0, 0.01])), 0.9 - 0.1 / np.sqrt(2))


def test_rmsprop_first_steps_by_hand():
    opt = RMSProp(lr=0.01, rho=0.2, eps=0.0)
    theta = opt.step(np.array([1.0]), np.array([2.0]))  # S = 0.8*4 = 3.2
    np.testing.assert_allclose(theta, [1.0 - 0.01 * 2 / np.sqrt(3.2)])
    theta = opt.step(theta, np.array([1.0]))  # S = 0.2*3.2 + 0.8 = 1.44
    np.testing.assert_allclose(theta, [1.0 - 0.01 * 2 / np.sqrt(3.2) - 0.01 / 1.2])


def test_adadelta_first_steps_by_hand():
    opt = AdaDelta(rho=0.2, eps=1e-6)
    theta = opt.step(np.array([1.0]), np.array([2.0]))
    s1 = 0.8 * 4
    d1 = np.sqrt(1e-6 / (s1 + 1e-6)) * 2
    np.testing.assert_allclose(theta, [1.0 - d1])
    theta = opt.step(theta, np.array([2.0]))
    s2, delta_avg = 0.2 * s1 + 0.8 * 4, 0.8 * d1**2
    np.testing.assert_allclose(theta, [1.0 - d1 - np.sqrt((delta_avg + 1e-6) / (s2 + 1e-6)) * 2])


def test_adam_first_step_is_lr_times_sign():
    """Bias correction with t = 1 makes v_hat = g and S_hat = g**2: the step is lr * g/(|g|+eps)."""
    opt = Adam(lr=0.01, eps=1e-6)
    theta = opt.step(np.array([1.0, 1.0, 1.0]), np.array([3.0, -0.5, 1e-3]))
    np.testing.assert_allclose(
        theta,
        1.0 - 0.01 * np.array([3.0, -0.5, 1e-3]) / (np.abs([3.0, 0.5, 1e-3]) + 1e-6),
        rtol=1e-12,
    )
    assert opt.t == 1


@pytest.mark.parametrize("make", ALL, ids=lambda c: c.__name__)
def test_zero_gradient_never_divides_by_zero(make):
    opt = make()
    theta = np.array([0.5, -2.0])
    for _ in range(3):
        new = opt.step(theta, np.zeros(2))
        assert np.all(np.isfinite(new))
        np.testing.assert_array_equal(new, theta)


@pytest.mark.parametrize(
    "make, expected_first_step",
    [
        (SGD, 1e-3 * 2.0),
        (Momentum, 1e-3 * 2.0),
        (AdaGrad, 0.1 * 2.0 / np.sqrt(4 + 1e-6)),
        (RMSProp, 3e-3 * 2.0 / np.sqrt(3.2 + 1e-6)),
        (AdaDelta, np.sqrt(1e-6 / (3.2 + 1e-6)) * 2.0),
        (Adam, 1e-2 * 2.0 / (2.0 + 1e-6)),
    ],
    ids=lambda v: getattr(v, "__name__", ""),
)
def test_constant_gradient_first_step_with_lesson_defaults(make, expected_first_step):
    theta = make().step(np.zeros(1), np.full(1, 2.0))
    np.testing.assert_allclose(-theta, [expected_first_step], rtol=1e-12)


def test_constant_gradient_long_run_limits():
    """Momentum's step grows to lr*g/(1-beta); Adam's stays lr; AdaGrad's shrinks like 1/sqrt(t)."""
    g = np.full(1, 2.0)
    opts = {"momentum": Momentum(), "adam": Adam(), "adagrad": AdaGrad()}
    last = {}
    for name, opt in opts.items():
        theta = np.zeros(1)
        for _ in range(200):
            before, theta = theta, opt.step(theta, g)
        last[name] = float(before[0] - theta[0])
    assert last["momentum"] == pytest.approx(1e-3 * 2.0 / (1 - 0.8), rel=1e-9)
    assert last["adam"] == pytest.approx(1e-2, rel=1e-6)
    assert last["adagrad"] == pytest.approx(0.1 / np.sqrt(200), rel=1e-6)


def test_stacks_of_learning_rates_run_independently():
    lrs = np.array([[0.1], [0.01]])
    opt = RMSProp(lr=lrs)
    grads = np.array([[1.0, -2.0], [1.0, -2.0]])
    stacked = opt.step(np.zeros((2, 2)), grads)
    for k in range(2):
        single = RMSProp(lr=float(lrs[k, 0])).step(np.zeros(2), grads[k])
        np.testing.assert_array_equal(stacked[k], single)


def test_the_table_names_each_lesson_once_and_rejects_unknown_names():
    assert [run.name for run in LESSON_RUNS] == [
        "GD",
        "SGD",
        "Momentum",
        "AdaGrad",
        "RMSProp",
        "AdaDelta",
        "Adam",
    ]
    assert lesson_run("adam") is LESSON_RUNS[-1]
    with pytest.raises(ValueError, match="choose one of"):
        lesson_run("lbfgs")


def test_optimizer_state_uses_the_lessons_names():
    opts = {"m": Momentum(), "S": AdaGrad(), "delta": AdaDelta(), "v": Adam()}
    for attribute, opt in opts.items():
        opt.step(np.zeros(2), np.full(2, 2.0))
        assert np.all(getattr(opt, attribute) != 0), attribute


# --- lesson 12-13's optimizers: closed forms and the laws the lessons teach -------------------


def test_nesterov_first_steps_on_a_quadratic():
    # g0 = 2: m1 = 2, step 0.1 * (2 + 0.8 * 2) = 0.36 -> 0.64
    # g1 = 1.28: m2 = 1.6 + 1.28 = 2.88, step 0.1 * (1.28 + 0.8 * 2.88) = 0.3584 -> 0.2816
    optimizer = Momentum(lr=0.1, beta=0.8, nesterov=True)
    path = trajectory(optimizer, lambda th, k: 2.0 * th, np.array([1.0]), 2)
    np.testing.assert_allclose(path.ravel(), [1.0, 0.64, 0.2816], rtol=1e-14)


def test_nesterov_is_sutskevers_look_ahead_gradient_written_in_other_variables():
    """Sutskever et al. 2013: v <- beta v - lr grad(phi + beta v), phi <- phi + v, the gradient
    taken ahead of phi. The torch form's theta is that look-ahead point phi + beta v."""
    A = np.array([[3.0, 0.5], [0.5, 0.4]])
    gradient = lambda th: A @ th  # noqa: E731
    lr, beta = 0.2, 0.7
    optimizer, theta = Momentum(lr=lr, beta=beta, nesterov=True), np.array([1.0, -2.0])
    phi, v = theta.copy(), np.zeros(2)
    for _ in range(30):
        theta = optimizer.step(theta, gradient(theta))
        v = beta * v - lr * gradient(phi + beta * v)
        phi = phi + v
        np.testing.assert_allclose(theta, phi + beta * v, rtol=1e-12, atol=1e-15)


def test_heavy_ball_is_unchanged_by_the_nesterov_switch():
    gradient = lambda th, k: np.array([2.0, -1.0]) * th + 0.1  # noqa: E731
    default = trajectory(Momentum(lr=0.1, beta=0.8), gradient, np.ones(2), 20)
    off = trajectory(Momentum(lr=0.1, beta=0.8, nesterov=False), gradient, np.ones(2), 20)
    np.testing.assert_array_equal(default, off)


def test_adamw_without_decay_is_adam_and_its_first_step_decays_then_moves_by_lr():
    grads = [np.array([3.0, -0.5]), np.array([1.0, 2.0]), np.array([-4.0, 0.1])]
    adam, adamw = Adam(lr=0.01, eps=1e-8), AdamW(lr=0.01, eps=1e-8, weight_decay=0.0)
    a = w = np.array([1.0, -1.0])
    for g in grads:
        a, w = adam.step(a, g), adamw.step(w, g)
        np.testing.assert_array_equal(a, w)
    theta = AdamW(lr=0.1, weight_decay=0.5).step(np.array([2.0, -2.0]), np.array([1.0, 1.0]))
    np.testing.assert_allclose(theta, np.array([2.0, -2.0]) * (1 - 0.05) - 0.1, rtol=1e-7)


def test_adamw_decay_is_not_an_l2_gradient():
    """L2 in the gradient is divided by Adam's sqrt(S); decoupled decay is not: one step from the
    same point with the same loss gradient differs."""
    theta, g, lam = np.array([2.0]), np.array([0.5]), 0.1
    coupled = Adam(lr=0.1, eps=1e-8).step(theta, g + lam * theta)
    decoupled = AdamW(lr=0.1, eps=1e-8, weight_decay=lam).step(theta, g)
    assert coupled == pytest.approx(2.0 - 0.1, rel=1e-7)  # one sign step: g + lam theta > 0
    assert decoupled == pytest.approx(2.0 * (1 - 0.01) - 0.1, rel=1e-7)


def test_lion_moves_every_coordinate_by_exactly_lr():
    rng = np.random.default_rng(0)
    optimizer, theta = Lion(lr=1e-3), rng.normal(size=50)
    for _ in range(20):
        new = optimizer.step(theta, rng.normal(size=50))
        np.testing.assert_allclose(np.abs(new - theta), 1e-3, rtol=1e-9)
        theta = new


def test_lion_direction_uses_beta1_and_its_memory_beta2():
    """c = 0.9 m + 0.1 g picks the sign; m is then updated with beta2 = 0.99: a gradient that
    flips sign after a long run in one direction does not flip the step at once."""
    optimizer, theta = Lion(lr=0.1), np.zeros(1)
    for _ in range(100):
        theta = optimizer.step(theta, np.array([1.0]))
    expected_m = 1 - 0.99**100
    assert optimizer.m[0] == pytest.approx(expected_m, rel=1e-12)
    # c = 0.9 * 0.634 + 0.1 * (-2) > 0: still a step against +1
    after = optimizer.step(theta, np.array([-2.0]))
    assert after[0] == pytest.approx(theta[0] - 0.1, rel=1e-12)


def test_lion_with_decay_stays_in_the_box_of_half_width_one_over_lambda():
    """|theta|_inf <= 1/lambda: inside, |theta (1 - lr lambda) +- lr| <= 1/lambda; outside, every
    coordinate shrinks (Chen, Liu, Liang & Liu 2023: Lion minimises f on that box)."""
    rng = np.random.default_rng(1)
    lam, lr = 2.0, 0.01
    optimizer, theta = Lion(lr=lr, weight_decay=lam), rng.uniform(-3, 3, size=40)
    sizes = [np.abs(theta).max()]
    for _ in range(600):
        theta = optimizer.step(theta, rng.normal(size=40) * 100)
        sizes.append(np.abs(theta).max())
    sizes = np.array(sizes)
    inside = np.flatnonzero(sizes <= 1 / lam + 1e-12)
    assert len(inside) and np.all(sizes[inside[0] :] <= 1 / lam + 1e-12)
    assert np.all(np.diff(sizes[: inside[0]]) < 0)


def test_schedule_free_with_beta_zero_is_sgd_and_x_the_average_of_its_iterates():
    gradient = lambda th, k: np.array([1.5, 0.3]) * th - np.array([0.2, -0.1]) * np.cos(k)  # noqa: E731
    optimizer = ScheduleFreeSGD(lr=0.1, beta=0.0)
    path = trajectory(optimizer, gradient, np.ones(2), 50)
    sgd = trajectory(SGD(lr=0.1), gradient, np.ones(2), 50)
    np.testing.assert_allclose(path, sgd, rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(optimizer.x, sgd[1:].mean(axis=0), rtol=1e-12)


def test_schedule_free_with_beta_one_takes_its_gradients_at_the_average():
    """beta = 1: y = x, the gradient at the average (primal averaging)."""
    optimizer, y = ScheduleFreeSGD(lr=0.05, beta=1.0), np.array([2.0])
    for _ in range(10):
        y = optimizer.step(y, 3.0 * y)
        assert y == pytest.approx(optimizer.x, rel=1e-15)


def test_schedule_free_first_step_and_state():
    optimizer = ScheduleFreeSGD(lr=0.1, beta=0.9)
    y = optimizer.step(np.array([1.0, 2.0]), np.array([1.0, -1.0]))
    # z = y0 - lr g = (0.9, 2.1); c = 1: x = z; y = 0.9 x + 0.1 z = z
    np.testing.assert_allclose(optimizer.z, [0.9, 2.1])
    np.testing.assert_allclose(optimizer.x, [0.9, 2.1])
    np.testing.assert_allclose(y, [0.9, 2.1])
    y = optimizer.step(y, np.array([1.0, 1.0]))  # z = (0.8, 2.0), c = 1/2: x = (0.85, 2.05)
    np.testing.assert_allclose(optimizer.x, [0.85, 2.05])
    np.testing.assert_allclose(y, 0.9 * np.array([0.85, 2.05]) + 0.1 * np.array([0.8, 2.0]))


@pytest.mark.parametrize("shape", [(8, 5), (5, 8), (6, 6), (3, 8, 5)])
def test_newton_schulz_maps_each_singular_value_through_the_quintic_five_times(shape):
    """U S Vᵀ -> U p(p(p(p(p(S/|G|_F))))) Vᵀ, p(s) = 3.4445 s - 4.7750 s³ + 2.0315 s⁵."""
    G = np.random.default_rng(2).normal(size=shape)
    U, s, Vt = np.linalg.svd(G, full_matrices=False)
    t = s / np.linalg.norm(G, axis=(-2, -1))[..., None]
    for _ in range(5):
        t = 3.4445 * t - 4.7750 * t**3 + 2.0315 * t**5
    expected = U @ (t[..., None] * Vt)
    np.testing.assert_allclose(newton_schulz(G), expected, rtol=0, atol=1e-13)


def test_newton_schulz_of_an_orthogonal_matrix_scaled_down_grows_toward_one():
    s = newton_schulz(np.eye(4) * 1e-3)  # singular values 1/2 after the Frobenius scaling
    assert np.allclose(np.diag(s), np.diag(s)[0]) and 0.6 < s[0, 0] < 1.2


def test_muon_first_step_by_hand():
    """m = (1-beta) g and the Nesterov blend (1-beta) g + beta m = (1-beta²) g, a factor the
    Frobenius normalisation removes: the step is lr * sqrt(8/5) * newton_schulz(g) on an 8x5
    matrix, after the decay; a wide matrix gets no lr factor."""
    G = np.random.default_rng(3).normal(size=(8, 5))
    W = np.ones((8, 5))
    new = Muon(lr=0.02, beta=0.95, weight_decay=0.1).step(W, G)
    expected = W * (1 - 0.002) - 0.02 * np.sqrt(8 / 5) * newton_schulz(G)
    np.testing.assert_allclose(new, expected, rtol=1e-12)
    wide = Muon(lr=0.02, weight_decay=0.0).step(np.zeros((5, 8)), G.T)
    np.testing.assert_allclose(wide, -0.02 * newton_schulz(G.T), rtol=1e-12)


def test_muon_keeps_an_average_and_blends_it_with_the_gradient():
    G1, G2 = np.eye(2, 3), np.array([[0.0, 1.0, 0.0], [0.0, 0.0, 2.0]])
    optimizer = Muon(lr=0.1, beta=0.5, weight_decay=0.0)
    W = optimizer.step(np.zeros((2, 3)), G1)
    W2 = optimizer.step(W, G2)
    m = 0.5 * (0.5 * G1) + 0.5 * G2
    np.testing.assert_allclose(optimizer.m, m)
    np.testing.assert_allclose(W2 - W, -0.1 * newton_schulz(0.5 * G2 + 0.5 * m), atol=1e-15)
    plain = Muon(lr=0.1, beta=0.5, weight_decay=0.0, nesterov=False)
    plain.step(np.zeros((2, 3)), G1)
    step = plain.step(np.zeros((2, 3)), G2)
    np.testing.assert_allclose(step, -0.1 * newton_schulz(m), atol=1e-15)


def test_muon_refuses_a_vector_and_says_what_to_do():
    with pytest.raises(ValueError, match="rest to AdamW"):
        Muon().step(np.zeros(5), np.ones(5))


STACKABLE = [
    lambda lr: SGD(lr=lr),
    lambda lr: Momentum(lr=lr, beta=0.9, nesterov=True),
    lambda lr: AdaGrad(lr=lr),
    lambda lr: RMSProp(lr=lr),
    lambda lr: Adam(lr=lr),
    lambda lr: AdamW(lr=lr, weight_decay=0.1),
    lambda lr: Lion(lr=lr, weight_decay=0.5),
    lambda lr: ScheduleFreeSGD(lr=lr, beta=0.5),
]


@pytest.mark.parametrize(
    "make", STACKABLE, ids=["SGD", "Nesterov", "AdaGrad", "RMSProp", "Adam", "AdamW", "Lion", "SF"]
)
def test_a_stack_with_one_rate_per_row_is_the_runs_side_by_side(make):
    """The lessons stack runs (lr of shape (K, 1)); each row is the run alone, step for step
    (tests/test_torch_bridge.py checks the runs alone against their references)."""
    rng = np.random.default_rng(4)
    lrs = np.array([[1e-3], [3e-2], [0.2]])
    grads = rng.normal(size=(30, 3, 4))
    stacked, theta = make(lrs), np.ones((3, 4))
    alone = [make(float(lr[0])) for lr in lrs]
    singles = [np.ones(4) for _ in lrs]
    for g in grads:
        theta = stacked.step(theta, g)
        singles = [opt.step(t, g[k]) for k, (opt, t) in enumerate(zip(alone, singles, strict=True))]
        np.testing.assert_allclose(theta, singles, rtol=1e-14, atol=1e-15)


def test_a_stack_of_muon_matrices_is_the_runs_side_by_side():
    rng = np.random.default_rng(5)
    lrs = np.array([0.01, 0.03])
    stacked, W = Muon(lr=lrs[:, None, None], weight_decay=0.01), np.ones((2, 8, 5))
    alone, singles = [Muon(lr=lr, weight_decay=0.01) for lr in lrs], [np.ones((8, 5))] * 2
    for _ in range(20):
        g = rng.normal(size=(2, 8, 5))
        W = stacked.step(W, g)
        singles = [opt.step(w, g[k]) for k, (opt, w) in enumerate(zip(alone, singles, strict=True))]
        np.testing.assert_allclose(W, singles, rtol=1e-12, atol=1e-14)
