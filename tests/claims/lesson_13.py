"""The claims of 13.muon: its prose's numbers and laws, recomputed.

Written apart from the lesson and from course_lib's Muon: the orthogonalized matrix comes from
the SVD (U Vᵀ, and U p⁵(Σ) Vᵀ for Newton-Schulz), and the training restates Adam, AdamW and
Muon in a few lines of NumPy each (the network's gradient is course_lib's, tested on its own in
tests/test_network.py).
"""

from functools import cache

import numpy as np

from course_lib.gradients import shuffled_batches
from course_lib.network import network_loss_and_gradient, network_mse, network_start

LESSON = "13.muon"
A, B, C = 3.4445, -4.7750, 2.0315


def _quintic(s, steps=5):
    for _ in range(steps):
        s = A * s + B * s**3 + C * s**5
    return s


@cache
def _gradient(c):
    """The 8x5 hidden weights' gradient at lesson 11's start, all rows: W is params[:40]."""
    grad = network_loss_and_gradient(network_start(c.M), c.x, c.y)[1]
    return grad[: 8 * c.M].reshape(8, c.M)


def _svd(c):
    return np.linalg.svd(_gradient(c), full_matrices=False)


def _scaled(c):
    s = _svd(c)[1]
    return s / np.sqrt((s**2).sum())


def _after(c, steps=5):
    """Newton-Schulz's singular values from the closed form p⁵(s), paired with their origin."""
    return _quintic(_scaled(c), steps)


def _best_direction(c):
    """No matrix of spectral norm 1 has a larger <G, D> than U Vᵀ (random and perturbed ones)."""
    U, s, Vt = _svd(c)
    G, best = _gradient(c), s.sum()
    rng = np.random.default_rng(1)
    for _ in range(3000):
        D = (
            U @ Vt + 0.3 * rng.normal(size=G.shape)
            if rng.random() < 0.5
            else rng.normal(size=G.shape)
        )
        D /= np.linalg.norm(D, 2)
        if np.sum(G * D) > best + 1e-12:
            return False
    return abs(np.sum(G * (U @ Vt)) - best) < 1e-12


def _range_after_five(lo=0.002):
    t = _quintic(np.logspace(np.log10(lo), 0, 20001))
    return t.min(), t.max()


def _maps_into_itself():
    t = _quintic(np.linspace(0.68, 1.14, 20001), 1)
    return t.min() >= 0.68 and t.max() <= 1.14


def _fixed_point():
    """The fixed point of p in (0.68, 1.14) and p's slope there."""
    u = np.roots([C, B, A - 1])
    s = np.sqrt(u[(u > 0.68**2) & (u < 1.14**2)])[0]
    return s, A + 3 * B * s**2 + 5 * C * s**4


def _cubic_steps(c):
    s = _scaled(c)
    for k in range(1, 100):
        s = 1.5 * s - 0.5 * s**3
        if np.all(np.abs(s - 1) < 0.01):
            return k
    return None


# ---- training, restated ------------------------------------------------------------------------
LRS = (1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3)
MUON_LRS, OTHER_LRS = (3e-3, 1e-2, 3e-2, 0.1, 0.3), (3e-3, 1e-2, 3e-2, 0.1)


def _orthogonalize(Gs):
    """Newton-Schulz on a stack (K, 8, 5): tall, so on the transpose, as torch does."""
    X = np.swapaxes(Gs, -1, -2)
    X = X / np.linalg.norm(X, axis=(-2, -1), keepdims=True)
    for _ in range(5):
        gram = X @ np.swapaxes(X, -1, -2)
        X = A * X + (B * gram + C * gram @ gram) @ X
    return np.swapaxes(X, -1, -2)


class _Adam:
    def __init__(self, lr, eps, decay):
        self.lr, self.eps, self.decay, self.v, self.S, self.t = lr, eps, decay, 0.0, 0.0, 0

    def step(self, theta, g):
        self.t += 1
        theta = theta * (1 - self.lr * self.decay)
        self.v = 0.9 * self.v + 0.1 * g
        self.S = 0.999 * self.S + 0.001 * g * g
        v_hat, s_hat = self.v / (1 - 0.9**self.t), self.S / (1 - 0.999**self.t)
        return theta - self.lr * v_hat / (np.sqrt(s_hat) + self.eps)


def _train(c, seed, kind, settings=None):
    """Scores (settings,) of one seed: mean all-rows MSE at steps 360, 370, ..., 400. ``settings``
    picks some of the method's grid (all by default)."""
    grid = {
        "adam": list(LRS),
        "adamw": list(LRS),
        "muon": [(m, o) for m in MUON_LRS for o in OTHER_LRS],
    }[kind]
    grid = [grid[j] for j in settings] if settings is not None else grid
    K = len(grid)
    if kind == "muon":
        muon_lr = np.array([g[0] for g in grid])
        other, m = _Adam(np.array([g[1] for g in grid])[:, None], 1e-8, 0.01), 0.0
    else:
        adam = _Adam(
            np.array(grid)[:, None],
            1e-6 if kind == "adam" else 1e-8,
            0.0 if kind == "adam" else 0.01,
        )
    params = np.tile(network_start(c.M, seed=seed), (K, 1))
    split, saved = 8 * c.M, []
    with np.errstate(all="ignore"):
        for k, rows in enumerate(shuffled_batches(c.N, 32, 400, seed=seed), start=1):
            g = network_loss_and_gradient(params, c.x[rows], c.y[rows])[1]
            if kind == "muon":
                W, gW = params[:, :split].reshape(K, 8, c.M), g[:, :split].reshape(K, 8, c.M)
                m = 0.95 * m + 0.05 * gW
                update = _orthogonalize(0.05 * gW + 0.95 * m)
                lr = muon_lr[:, None, None]
                W = W * (1 - lr * 0.01) - lr * np.sqrt(8 / c.M) * update
                params = np.concatenate(
                    [W.reshape(K, -1), other.step(params[:, split:], g[:, split:])], axis=1
                )
            else:
                params = adam.step(params, g)
            if k % 10 == 0:
                saved.append(params)
        scores = network_mse(np.array(saved[-5:]).reshape(-1, params.shape[1]), c.x, c.y)
    return np.nan_to_num(scores.reshape(5, K).mean(0), nan=np.inf)


@cache
def _chosen(c, kind):
    """The setting with the lowest mean over seeds 0-9."""
    return int(np.argmin(np.mean([_train(c, seed, kind) for seed in range(10)], axis=0)))


@cache
def _scores(c, kind):
    """The chosen setting's scores on the 30 fresh seeds 10-39."""
    return np.array([_train(c, seed, kind, [_chosen(c, kind)])[0] for seed in range(10, 40)])


def _wins(c, rival):
    return int((_scores(c, "muon") < _scores(c, rival)).sum())


# fmt: off
CLAIMS = [
    (LESSON, "动量乘上一个常数不改变正交化的结果", True,
     lambda c: np.allclose(_orthogonalize(_gradient(c)[None]), _orthogonalize(20 * _gradient(c)[None]), atol=1e-13), None),
    (LESSON, "把每个方向的\"大小\"(奇异值)都变成差不多 1", True,
     lambda c: np.all(np.abs(_after(c) - 1) < 0.35), None),
    (LESSON, "梯度的几个奇异值相差上百倍;正交化以后都在 1 附近", True,
     lambda c: _svd(c)[1][0] / _svd(c)[1][-1] > 100 and np.all(np.abs(_after(c) - 1) < 0.35), None),
    (LESSON, "一个方向的奇异值是其他方向的十几到一百倍", True,
     lambda c: 10 < _svd(c)[1][0] / _svd(c)[1][1] < 20 and 95 < _svd(c)[1][0] / _svd(c)[1][-1] < 110, None),
    (LESSON, "$\\langle G, D\\rangle$ 最大的是 $D = UV^\\top$,最大值是奇异值之和", True, _best_direction, None),
    (LESSON, "所以 $-\\eta\\,UV^\\top$ 是谱范数下的最速下降方向", True, _best_direction, None),
    (LESSON, "它不改变奇异向量,只把每个奇异值 $s$ 换成", True,
     lambda c: np.allclose(np.diag(_svd(c)[0].T @ __import__("course_lib").newton_schulz(_gradient(c)) @ _svd(c)[2].T),
                           _after(c), atol=1e-12), None),
    (LESSON, "缩放后大于约 0.002 的奇异值都落在 0.68 到 1.2 之间", "0.68", lambda c: _range_after_five()[0], 0.005),
    (LESSON, "缩放后大于约 0.002 的奇异值都落在 0.68 到 1.2 之间", "1.2", lambda c: _range_after_five()[1], 0.005),
    (LESSON, "缩放后大于约 0.002 的奇异值都落在 0.68 到 1.2 之间", "0.002",
     lambda c: 10 ** min(e for e in np.linspace(-3.2, -2.4, 81) if _range_after_five(10**e)[0] > 0.68), 0.0006),
    (LESSON, "我们的 $G$ 最小的缩放后约 0.01,也被拉到了 0.69", "0.01", lambda c: _scaled(c)[-1], 0.001),
    (LESSON, "我们的 $G$ 最小的缩放后约 0.01,也被拉到了 0.69", "0.69", lambda c: _after(c)[-1], 0.005),
    (LESSON, "$p$ 把 0.68 到 1.14 这一段映射回它自己", True, lambda c: _maps_into_itself(), None),
    (LESSON, "更多次也不会正好等于 1", True, lambda c: np.abs(_after(c, 20) - 1).max() > 0.2, None),
    (LESSON, "s 约 0.868", "0.868", lambda c: _fixed_point()[0], 0.0005),
    (LESSON, "那里的斜率约 -1.58", "-1.58", lambda c: _fixed_point()[1], 0.005),
    (LESSON, "我们的 G 要 14 次才都离 1 不到 0.01", "14", _cubic_steps, 0),
    (LESSON, "约 1.9:比 sqrt(5) 小一点", "1.9", lambda c: np.sqrt((_after(c) ** 2).sum()), 0.06),
    (LESSON, "因为有几个奇异值停在 0.7 左右", True, lambda c: int((np.abs(_after(c) - 0.7) < 0.02).sum()) >= 3, None),
    (LESSON, "把梯度整体乘以任何正数,这一步的更新都不变", True,
     lambda c: np.allclose([np.linalg.norm(_orthogonalize(scale * _gradient(c)[None])) for scale in (1e-4, 1, 1e4)],
                           np.linalg.norm(_orthogonalize(_gradient(c)[None])), rtol=1e-9), None),
    (LESSON, "($\\beta = 0.95$)", "0.95", lambda c: __import__("course_lib").Muon().beta, 0),
    (LESSON, "Muon + AdamW 的平均最低(0.242)", "0.242", lambda c: _scores(c, "muon").mean(), 0.0005),
    (LESSON, "Adam 和 AdamW 都约 0.255", "0.255", lambda c: _scores(c, "adam").mean(), 0.0015),
    (LESSON, "Adam 和 AdamW 都约 0.255", "0.255", lambda c: _scores(c, "adamw").mean(), 0.0015),
    (LESSON, "差约 0.013", "0.013", lambda c: min(_scores(c, "adam").mean(), _scores(c, "adamw").mean()) - _scores(c, "muon").mean(), 0.0015),
    (LESSON, "(标准差约 0.03 到 0.04)", "0.03", lambda c: min(_scores(c, k).std() for k in ("adam", "adamw", "muon")), 0.005),
    (LESSON, "(标准差约 0.03 到 0.04)", "0.04", lambda c: max(_scores(c, k).std() for k in ("adam", "adamw", "muon")), 0.005),
    (LESSON, "Muon + AdamW 只在 30 个里的约一半比对手低", True, lambda c: all(12 <= _wins(c, r) <= 18 for r in ("adam", "adamw")), None),
    (LESSON, "它的平均成绩略低一点,差别比换种子带来的小得多", True,
     lambda c: 0 < _scores(c, "adam").mean() - _scores(c, "muon").mean() < _scores(c, "muon").std() / 2, None),
    (LESSON, "共 20 种组合", "20", lambda c: len(MUON_LRS) * len(OTHER_LRS), 0),
    (LESSON, "从 0.001 到 0.3 的 6 个学习率里挑", "6", lambda c: len(LRS), 0),
    (LESSON, "5 次就把缩放后大于约 0.002 的奇异值都拉到 0.68 到 1.2 之间", "5", lambda c: __import__("course_lib").Muon().ns_steps, 0),
    (LESSON, "5 次就把缩放后大于约 0.002 的奇异值都拉到 0.68 到 1.2 之间", "0.002",
     lambda c: 10 ** min(e for e in np.linspace(-3.2, -2.4, 81) if _range_after_five(10**e)[0] > 0.68), 0.0006),
    (LESSON, "5 次就把缩放后大于约 0.002 的奇异值都拉到 0.68 到 1.2 之间", "0.68", lambda c: _range_after_five()[0], 0.005),
    (LESSON, "5 次就把缩放后大于约 0.002 的奇异值都拉到 0.68 到 1.2 之间", "1.2", lambda c: _range_after_five()[1], 0.005),
]
# fmt: on

NON_CLAIMS = [
    ("Muon(Jordan 2024", "citation"),
    ("Moonlight(Liu 等 2025)", "citation"),
    ("(8 个 tanh 单元,隐藏层的权重是 8×5 的矩阵)", "set-up"),
    ("在第 11 课网络的起点(种子 0),用全部数据算出隐藏层权重 $W$(8×5)", "set-up"),
    ("每个方向的大小都是 1", "formula"),
    ("在所有 $\\|D\\|_2 \\le 1$ 的矩阵里", "formula"),
    ("Bernstein 和 Newhouse 2024", "citation"),
    ("比一比谱范数都是 1 的三个方向", "formula"),
    ("(所有奇异值都变得不超过 1),然后做 5 次", "formula"),
    ("5 次就是 $p(p(p(p(p(s)))))$", "formula"),
    ("Jordan 选的系数让 $p$ 在 0 附近的斜率很大($a = 3.4445$)", "formula"),
    ("代价是结果不正好是 1,而是在 1 附近的一段里", "formula"),
    ("5 次以后", "formula"),
    ("更多次也不会正好等于 1", "formula"),
    ("$m \\leftarrow \\beta m + (1-\\beta)\\,g$", "formula"),
    ("$(1-\\beta)\\,g + \\beta m$", "formula"),
    (
        "权重衰减 $W \\leftarrow W(1 - \\eta\\lambda)$,再走 $-\\eta\\sqrt{\\max(1, \\text{行}/\\text{列})}$",
        "formula",
    ),
    (
        "默认按 Jordan 的 $\\sqrt{\\max(1, \\text{行}/\\text{列})}$ 缩放;Moonlight 用的是另一种缩放 $0.2\\sqrt{\\max(\\text{行}, \\text{列})}$",
        "citation",
    ),
    ("`torch.optim.Muon(params, lr=0.03, momentum=0.95, weight_decay=0.01)`", "set-up"),
    ("有效数字只有 8 个二进制位", "citation"),
    ("它直接接在 5 个输入特征上", "set-up"),
    ("每步一批 32 条,400 步,成绩是最后 50 步(每 10 步一个点)", "set-up"),
    ("权重衰减都是 0.01", "set-up"),
    ("Adam 用第 7 课的 $\\epsilon = 10^{-6}$,AdamW 用 PyTorch 默认的 $10^{-8}$", "set-up"),
    ("**挑设置**用种子 0 到 9", "set-up"),
    ("Adam 和 AdamW 从 0.001 到 0.3 的 6 个学习率里挑", "set-up"),
    ("Muon 的学习率(0.003 到 0.3)和其余参数的 AdamW 学习率(0.003 到 0.1)一起挑", "set-up"),
    ("每种方法取 10 个种子平均最低的设置", "set-up"),
    ("**比成绩**用另外 30 个没参加挑选的种子(10 到 39)", "set-up"),
    ("Muon 挑了 20 种组合、Adam 只挑了 6 个学习率", "set-up"),
    ("在新的 30 个种子上", "set-up"),
    ("只在 30 个里的约一半", "set-up"),
    (
        "Jordan(2024)报告它刷新了 CIFAR-10 和 NanoGPT 的训练速度纪录(按墙钟时间),在一个 15 亿参数的语言模型上",
        "citation",
    ),
    ("用它训练了一个 160 亿参数(每个词激活约 30 亿)的混合专家语言模型", "citation"),
    (
        "把 Newton–Schulz 的步数从 5 加到 20,我们的 $G$ 的 5 个奇异值会不会都变成 1(相差不到 0.01)",
        "question",
    ),
    ("迭代在 0.68 到 1.14 之间来回跳", "formula"),
    (
        "比如经典的 (1.5, -0.5, 0):它收敛到 1,但小的奇异值每步只长 1.5 倍(这组是 3.4445 倍)",
        "formula",
    ),
    ("都离 1 不到 0.01", "formula"),
    ("(提示:5 个奇异值都在 1 附近。", "question"),
    ("(用上面的 $G$,5 次迭代)", "question"),
    ("比 sqrt(5) 小一点", "formula"),
    ("停在 0.7 左右", "formula"),
    ('一个 8×5 的矩阵,奇异值从 1 到"spread"', "set-up"),
    ("红点是这个矩阵的 5 个奇异值", "set-up"),
    ("每个奇异值都在 1 附近的矩阵", "formula"),
    ("它不正好收敛到 1,Jordan(2024)在他的实验里发现这不影响训练", "citation"),
]
