"""The claims of 6.ada_delta: its prose's numbers and laws, recomputed."""

import numpy as np

from claims.context import explorer_vs_lesson
from course_lib.optimizers import AdaDelta
from course_lib.runs import lesson_run


def _block_drops(curve, start, block=500):
    points = np.concatenate([[start], curve[block - 1 :: block]])
    return -np.diff(points)


def _adadelta_step_ratio(c, index):
    moves = np.abs(np.diff(c.run5500("AdaDelta")[0], axis=0))
    return moves[:, index].mean() / moves[:, 0].mean()


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
    ("6.ada_delta", "# eps 大 100 倍, 步子大 10 倍", "10", lambda c: _adadelta_step_ratio(c, 2), 0.5),
    ("6.ada_delta", "它需要 5500 步,比前几课都多", True,
     lambda c: lesson_run("AdaDelta").steps == 5500 and all(
         lesson_run(n).steps < 5500 for n in ["GD", "SGD", "Momentum", "AdaGrad", "RMSProp"]),
     None),
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
    ("6.ada_delta", "所以曲线和上面的结果相差不到 0.3%", True, lambda c: explorer_vs_lesson(c, "AdaDelta") < 0.003, None),
]
# fmt: on
