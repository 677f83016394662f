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
from course_lib.optimizers import SGD, AdaDelta, AdaGrad, Adam, Momentum, RMSProp, trajectory  # noqa: E402
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
