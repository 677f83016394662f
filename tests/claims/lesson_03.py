"""The claims of 3.momentum: its prose's numbers and laws, recomputed."""

import numpy as np

from claims.context import explorer_bowl_claims, explorer_vs_lesson, reached
from course_lib.curves import steps_to_within
from course_lib.optimizers import Momentum, trajectory
from course_lib.runs import lesson_run

# fmt: off
CLAIMS = [
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
    ("3.momentum", "1500 步就比 SGD 2500 步走得更远", True,
     lambda c: c.L("Momentum")[-1] < c.L("SGD")[-1], None),
    # ---- 3.momentum, exercise 1 ------------------------------------------------------------
    ("3.momentum", "(0.5: 1456 步, 0.8: 448 步, 0.9: 259 步", "1456",
     lambda c: reached(c.variant("Momentum", 2), c, 0.05), 0),
    ("3.momentum", "(0.5: 1456 步, 0.8: 448 步, 0.9: 259 步", "448",
     lambda c: reached(c.L("Momentum"), c, 0.05), 0),
    ("3.momentum", "(0.5: 1456 步, 0.8: 448 步, 0.9: 259 步", "259",
     lambda c: reached(c.variant("Momentum", 1), c, 0.05), 0),
    ("3.momentum", "beta = 0 的 SGD 1500 步内到不了", True,
     lambda c: steps_to_within(c.variant("Momentum", 3), c.opt_sse, 0.05) is None, None),
    ("3.momentum", "(标准差 17.98, 0.8 是 9.96)", "17.98", lambda c: c.variant("Momentum", 1)[-500:].std(), 0.005),
    ("3.momentum", "(标准差 17.98, 0.8 是 9.96)", "9.96", lambda c: c.L("Momentum")[-500:].std(), 0.005),
    ("3.momentum", "所以曲线和上面的结果相差不到 0.3%", True, lambda c: explorer_vs_lesson(c, "Momentum") < 0.003, None),
]
# fmt: on
# the explorer's paragraph: the bowl's rate, where the two panels disagree
CLAIMS += explorer_bowl_claims("3.momentum")
