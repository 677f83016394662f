"""Numbers recorded by the original notebooks (../shared/seed/, Python 3.8, NumPy 1.x).

Copied from their stored outputs so that the tests run without the seed folder.
"""

import numpy as np

PREDICT_X0 = 0.6590042695516539  # 1.梯度下降, predict(x[0]) with w = 1, b = 0
MSE_START = 7.367867692433937  # 1.梯度下降, get_loss()
SSE_START = 11073.905141728206  # 2.随机梯度下降, total_loss()
ROW0_LOSS = 0.21258140154187247  # 2.随机梯度下降, get_loss(x[0], y[0])
GD_FIRST_GRADIENT_W = np.array([2.03668543, 2.38225639, 1.02215384, 2.13526642, 3.22327899])
GD_FIRST_GRADIENT_B = 0.0010000000036924916
ROW0_GRADIENT_W = np.array([-0.61003339, -1.05581946, 1.66242713, 1.21242212, -0.59417855])
ROW0_GRADIENT_B = 0.923131013558981
# 1.梯度下降: the loss after step i of GD (lr 1e-2, forward differences), printed every 50 steps
GD_LOSSES = {
    0: 7.112757670092038,
    50: 1.7854577366414703,
    100: 0.8188794143216034,
    150: 0.5927178198131446,
    200: 0.5305917673804184,
    250: 0.5095310094726683,
    300: 0.5002280440367376,
    350: 0.4950505954913211,
    400: 0.49174823787396005,
    450: 0.48950848092220356,
}
# The exact least-squares optimum of the standardized data (measured, see DEVELOPERS.md)
OPTIMUM_MSE = 0.4842902579
OPTIMUM_SSE = 727.8882576344
