"""The bridge to PyTorch: every course optimizer beside its reference implementation, step by step.

References: ``torch.optim`` (SGD with and without Nesterov, Adagrad, RMSprop, Adadelta, Adam,
AdamW, Muon), ``lion_pytorch.Lion`` and the Schedule-Free authors'
``schedulefree.SGDScheduleFreeReference``. Both sides run in float64 and get the same gradient at
every step (the course's, at the course's iterate), so a difference is the rule's, not a drift
of the dynamics. Muon is compared twice: with torch's own code but its Newton-Schulz iteration in
float64 (torch's source with the bfloat16 cast removed), to rounding; and as torch runs it (in
bfloat16), loosely.

Each optimizer lesson names its PyTorch line (``support.bridge.BRIDGE_LINES``); the line, as
written, is evaluated here and must give the lesson's optimizer on the lesson's own run.

torch and the two packages are optional (requirements-torch.txt, about 750 MB): without them
this module is skipped, unless COURSE_REQUIRE_TORCH=1 (CI), where it fails.
"""

import inspect
import os
import textwrap

import numpy as np
import pytest
from support.bridge import BRIDGE_LINES

from course_lib.gradients import row_gradient, sampled_rows, start_theta
from course_lib.network import HIDDEN, network_loss_and_gradient, network_start
from course_lib.optimizers import (
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
)

try:
    import lion_pytorch
    import schedulefree
    import torch
except ImportError as missing:
    if os.environ.get("COURSE_REQUIRE_TORCH") == "1":
        raise ImportError(
            f"{missing}: CI must run the PyTorch bridge; install requirements-torch.txt"
        ) from missing
    pytest.skip(
        f"{missing.name} is not installed: pip install -r requirements-torch.txt",
        allow_module_level=True,
    )

STEPS = 300


def run_both(ours, make_reference, gradient, start, steps=STEPS, reference_point=None):
    """Step the course optimizer ``ours`` and the torch optimizer ``make_reference([p])`` side
    by side, each step with the gradient at our iterate; return both sequences of iterates.
    ``reference_point(optimizer, p)`` reads the reference's iterate (default: p itself)."""
    p = torch.nn.Parameter(torch.tensor(start, dtype=torch.float64))
    reference = make_reference([p])
    theta, ours_path, theirs_path = np.array(start, dtype=float), [], []
    for k in range(steps):
        g = gradient(theta, k)
        theta = ours.step(theta, g)
        p.grad = torch.tensor(g, dtype=torch.float64)
        reference.step()
        ours_path.append(theta)
        theirs_path.append(p.detach().numpy().copy())
    return np.array(ours_path), np.array(theirs_path)


def largest_difference(ours, theirs):
    """max |ours - theirs| over every step and coordinate, and relative to max |theirs|."""
    absolute = float(np.abs(ours - theirs).max())
    return absolute, absolute / float(np.abs(theirs).max())


@pytest.fixture(scope="module")
def row_gradients(data):
    """One exact row gradient per step, rows as lesson 2 draws them (seed 0)."""
    x, y = data
    return row_gradient(x, y, sampled_rows(len(x), 6000), exact=True)


@pytest.fixture(scope="module")
def hidden_weight_gradients(data):
    """Gradients of lesson 11's network with respect to its 8x5 hidden weights W alone, on
    seeded batches of 32 rows, the rest of the network fixed at its seeded start."""
    x, y = data
    start = network_start(x.shape[1])
    batches = np.random.default_rng(0).integers(0, len(x), size=(STEPS, 32))
    size = HIDDEN * x.shape[1]

    def gradient(W, k):
        params = np.concatenate([W.ravel(), start[size:]])
        grad = network_loss_and_gradient(params, x[batches[k]], y[batches[k]])[1]
        return grad[:size].reshape(HIDDEN, x.shape[1])

    return gradient, start[:size].reshape(HIDDEN, x.shape[1])


# (id, the course's optimizer, the reference, relative tolerance): each at the lessons' settings
SAME_RULE = [
    ("SGD", lambda: SGD(lr=1e-3), lambda p: torch.optim.SGD(p, lr=1e-3), 1e-14),
    (
        "Momentum",
        lambda: Momentum(lr=1e-3, beta=0.8),
        lambda p: torch.optim.SGD(p, lr=1e-3, momentum=0.8),
        1e-13,
    ),
    (
        "Momentum, Nesterov",
        lambda: Momentum(lr=1e-3, beta=0.9, nesterov=True),
        lambda p: torch.optim.SGD(p, lr=1e-3, momentum=0.9, nesterov=True),
        1e-13,
    ),
    (
        "AdaGrad",
        lambda: AdaGrad(lr=0.1, eps=1e-6),
        # eps inside the root: S starts at eps instead (lesson 4)
        lambda p: torch.optim.Adagrad(p, lr=0.1, initial_accumulator_value=1e-6, eps=0),
        1e-13,
    ),
    (
        "RMSProp, eps = 0",
        lambda: RMSProp(lr=3e-3, rho=0.2, eps=0.0),
        lambda p: torch.optim.RMSprop(p, lr=3e-3, alpha=0.2, eps=0.0),
        1e-13,
    ),
    (
        "AdaDelta",
        lambda: AdaDelta(rho=0.2, eps=1e-6),
        lambda p: torch.optim.Adadelta(p, lr=1.0, rho=0.2, eps=1e-6),
        1e-13,
    ),
    (
        "Adam",
        lambda: Adam(lr=1e-2, eps=1e-6),
        lambda p: torch.optim.Adam(p, lr=1e-2, eps=1e-6),
        1e-13,
    ),
    (
        "AdamW",
        lambda: AdamW(lr=1e-2, weight_decay=0.1),
        lambda p: torch.optim.AdamW(p, lr=1e-2, weight_decay=0.1),
        1e-13,
    ),
    (
        "Lion",
        lambda: Lion(lr=1e-3, weight_decay=0.5),
        lambda p: lion_pytorch.Lion(p, lr=1e-3, weight_decay=0.5),
        1e-13,
    ),
]


@pytest.mark.parametrize(
    "ours, reference, tolerance",
    [case[1:] for case in SAME_RULE],
    ids=[case[0] for case in SAME_RULE],
)
def test_each_optimizer_takes_its_references_steps(data, row_gradients, ours, reference, tolerance):
    """Same gradients, same steps, to rounding (relative to the largest parameter)."""
    mine, theirs = run_both(ours(), reference, row_gradients, start_theta(data[0].shape[1]))
    absolute, relative = largest_difference(mine, theirs)
    print(f"largest difference {absolute:.1e} ({relative:.1e} of the largest parameter)")
    assert relative <= tolerance


def test_rmsprop_with_its_eps_differs_from_torchs_only_by_where_eps_sits(data, row_gradients):
    """Lesson 5 puts eps inside the root, torch outside: same rule otherwise, so the iterates
    differ a little, not in kind."""
    mine, theirs = run_both(
        RMSProp(lr=3e-3, rho=0.2, eps=1e-6),
        lambda p: torch.optim.RMSprop(p, lr=3e-3, alpha=0.2, eps=1e-6),
        row_gradients,
        start_theta(data[0].shape[1]),
    )
    absolute, relative = largest_difference(mine, theirs)
    print(f"largest difference {absolute:.1e} ({relative:.1e} of the largest parameter)")
    assert 0 < relative < 1e-3


def test_schedule_free_sgd_is_the_authors_reference(data, row_gradients):
    """y (where the gradient is taken) as the parameters, and x (the average) from the state."""
    M = data[0].shape[1]
    ours = ScheduleFreeSGD(lr=1e-2, beta=0.9)
    xs = []

    class Recorder:
        """The reference optimizer; after each step, its x."""

        def __init__(self, params):
            self.inner = schedulefree.SGDScheduleFreeReference(params, lr=1e-2, momentum=0.9)
            self.inner.train()

        def step(self):
            self.inner.step()
            xs.append(self.inner.state[self.inner.param_groups[0]["params"][0]]["x"].numpy().copy())

    our_xs = []

    def gradient(theta, k):
        if k:
            our_xs.append(ours.x.copy())
        return row_gradients(theta, k)

    mine, theirs = run_both(ours, Recorder, gradient, start_theta(M))
    our_xs.append(ours.x.copy())
    for name, a, b in [("y", mine, theirs), ("x", np.array(our_xs), np.array(xs))]:
        absolute, relative = largest_difference(a, b)
        print(f"{name}: largest difference {absolute:.1e} ({relative:.1e})")
        assert relative <= 1e-13, name


def float64_newton_schulz():
    """torch's own Newton-Schulz function, its source with the bfloat16 cast removed."""
    from torch.optim import _muon

    source = textwrap.dedent(inspect.getsource(_muon._zeropower_via_newtonschulz))
    cast = "ortho_grad = grad.bfloat16()"
    assert cast in source, "torch's Newton-Schulz changed: read it again and update this test"
    namespace = dict(vars(_muon))
    exec(source.replace(cast, "ortho_grad = grad.clone()"), namespace)  # noqa: S102
    return namespace["_zeropower_via_newtonschulz"]


def test_muon_is_torchs_rule_with_newton_schulz_in_float64(hidden_weight_gradients, monkeypatch):
    from torch.optim import _muon

    monkeypatch.setattr(_muon, "_zeropower_via_newtonschulz", float64_newton_schulz())
    gradient, start = hidden_weight_gradients
    mine, theirs = run_both(
        Muon(lr=0.02, beta=0.95, weight_decay=0.1),
        lambda p: torch.optim.Muon(p, lr=0.02, momentum=0.95, weight_decay=0.1),
        gradient,
        start,
    )
    absolute, relative = largest_difference(mine, theirs)
    print(f"largest difference {absolute:.1e} ({relative:.1e} of the largest weight)")
    assert relative <= 1e-12


def test_muon_is_close_to_torchs_bfloat16_muon(hidden_weight_gradients):
    """torch runs Newton-Schulz in bfloat16 (8 significant bits, rounding of 0.4% per number,
    over 15 matrix products): one step's update differs by a few percent of its size (4.9%
    here). Fed the same gradients, the weights after the whole run differ by well under 1% of
    the distance they travelled (0.3% here); two independent trainings would drift further."""
    gradient, start = hidden_weight_gradients
    lr = 0.02
    mine, theirs = run_both(
        Muon(lr=lr, beta=0.95, weight_decay=0.1),
        lambda p: torch.optim.Muon(p, lr=lr, momentum=0.95, weight_decay=0.1),
        gradient,
        start,
        steps=1,
    )
    step_ours, step_theirs = mine[0] - start * (1 - lr * 0.1), theirs[0] - start * (1 - lr * 0.1)
    error = np.linalg.norm(step_ours - step_theirs) / np.linalg.norm(step_ours)
    print(f"one step: bfloat16 update differs by {error:.1%}")
    assert 0.01 < error < 0.1  # lesson 13: "相差几个百分点"
    mine, theirs = run_both(
        Muon(lr=lr, beta=0.95, weight_decay=0.1),
        lambda p: torch.optim.Muon(p, lr=lr, momentum=0.95, weight_decay=0.1),
        gradient,
        start,
    )
    travelled = np.linalg.norm(mine[-1] - start)
    drift = np.linalg.norm(mine[-1] - theirs[-1]) / travelled
    print(f"after {STEPS} steps: apart by {drift:.1%} of the distance travelled")
    assert drift < 0.01


# --- each lesson's PyTorch line ------------------------------------------------------------


@pytest.mark.parametrize("bridge", BRIDGE_LINES, ids=[b.line for b in BRIDGE_LINES])
def test_the_lessons_pytorch_line_runs_the_lessons_optimizer(data, bridge, monkeypatch):
    """The line, evaluated as written (params = [p]), on the lesson's run: its gradients (exact,
    from the rows the lesson draws), its start, its number of steps. For Muon (lesson 13) the
    run is W alone on the lesson's batches, the rest of the network held at its start, and
    torch's Newton-Schulz runs in float64 (the bfloat16 one is compared loosely above)."""
    from torch.optim import _muon

    monkeypatch.setattr(_muon, "_zeropower_via_newtonschulz", float64_newton_schulz())
    gradient, start, steps = bridge.run(*data)
    namespace = {"torch": torch, "lion_pytorch": lion_pytorch, "schedulefree": schedulefree}
    mine, theirs = run_both(
        bridge.course(),
        lambda params: eval(bridge.line, {**namespace, "params": params}),  # noqa: S307
        gradient,
        start,
        steps=steps,
    )
    absolute, relative = largest_difference(mine, theirs)
    print(f"{steps} steps: largest difference {absolute:.1e} ({relative:.1e})")
    assert relative <= bridge.tolerance
