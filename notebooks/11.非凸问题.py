# ---
# jupyter:
#   jupytext:
#     notebook_metadata_filter: rise,-jupytext.text_representation.jupytext_version,-jupytext.formats
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
#   rise:
#     margin: 0.05
#     theme: white
# ---

# %% [markdown] slideshow={"slide_type": "slide"}
# # 11. 非凸问题
#
# 第 0–10 课的 loss 都是参数的**二次函数**:只有一个最低点,Hessian 处处一样,第 10 课的几何分析每一步都精确成立。
# 神经网络的 loss 不是这样。这一课分两部分:
#
# 1. 在同一份翼型数据上训练一个很小的神经网络(一个隐藏层,8 个 tanh 单元),七个优化器从同一个起点出发:
#    谁能降到线性模型(5 个特征的线性回归,下面简称"直线")的最优值 MSE 0.4843 以下、要走多少步、对学习率有多敏感;
# 2. 两个小的非凸函数:一个二维的鞍点,一个有好几个局部最低点的一维函数 $x\cos(\pi x)$,看清楚各个优化器在那里做了什么。

# %% [markdown] slideshow={"slide_type": "notes"}
# 讲解提示:先问大家,线性模型的最优值 0.4843 已经是"最好"了吗?它只是**直线**里最好的。换一个更灵活的模型,MSE 还能更低,代价是 loss 不再是碗。
# 后半部分只用精确梯度,没有随机性;先讲鞍点(谁能离开、要走多久),再讲多个局部极小值(动量能不能翻过小山包)。

# %% slideshow={"slide_type": "skip"}
import math

import numpy as np
from matplotlib import pyplot as plt
# %matplotlib inline
# 课程的图都排好了版面 (constrained layout 或固定的页边距), 显示时不用再裁一次白边 (每张图少画一遍)
# %config InlineBackend.print_figure_kwargs = {"bbox_inches": None}

from course_lib import (FONT_SIZES, SADDLE_CURVATURE, SADDLE_EXTENT, SADDLE_RUNS, SGD, WAVY_EXTENT,
                        WAVY_RUNS, WAVY_STARTS, AdaDelta, AdaGrad, Adam, Momentum, RMSProp, answer,
                        check, clip_path, convergence_factor, diverged, escape_step, first_step,
                        fixed_margins, gd_escape_estimate, load_data, network_loss_and_gradient,
                        network_mse, network_start, new_axes, numeric_gradient, optimum_mse,
                        saddle, saddle_explorer, saddle_gradient, saddle_start, shuffled_batches,
                        style_axes, trajectory, wavy, wavy_gradient)

x, y = load_data()
N, M = x.shape
linear_best = optimum_mse(x, y)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 一个很小的神经网络
#
# 线性模型是 $\hat y = w^\top x + b$。在它前面加一层 8 个 tanh 单元:
#
# $$h = \tanh(W x + c), \qquad \hat y = v^\top h + d,$$
#
# $W$ 是 8×5,$c$、$v$ 各 8 个数,$d$ 一个数:一共 57 个参数(线性模型只有 6 个)。
# 把它们排成一个向量,第 1–8 课的优化器就能像更新 $\theta$ 一样更新它。

# %% slideshow={"slide_type": "slide"}
HIDDEN = 8  # 隐藏单元的个数


def unpack(params):
    """把 57 个参数拆成 W (8x5), c (8), v (8), d (1 个数)"""
    W = params[:HIDDEN * M].reshape(HIDDEN, M)
    c = params[HIDDEN * M:HIDDEN * (M + 1)]
    v = params[HIDDEN * (M + 1):-1]
    return W, c, v, params[-1]


def forward(params, X):
    """隐藏层 h (每行数据 8 个数) 和网络的输出"""
    W, c, v, d = unpack(params)
    h = np.tanh(X @ W.T + c)
    return h, h @ v + d

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 反向传播
#
# $L = \frac1n\sum_i r_i^2$,$r_i = \hat y_i - y_i$。链式法则从输出往回一层一层地算:
#
# $$\frac{\partial L}{\partial \hat y_i} = \frac{2 r_i}{n},\quad
#   \frac{\partial L}{\partial v} = \sum_i \frac{2 r_i}{n} h_i,\quad
#   \frac{\partial L}{\partial d} = \sum_i \frac{2 r_i}{n},\quad
#   \frac{\partial L}{\partial z_i} = \frac{2 r_i}{n}\, v \odot (1 - h_i^2),$$
#
# 其中 $z_i = W x_i + c$,$\tanh'(z) = 1 - \tanh^2(z)$;最后 $\frac{\partial L}{\partial W} = \sum_i \frac{\partial L}{\partial z_i} x_i^\top$,
# $\frac{\partial L}{\partial c} = \sum_i \frac{\partial L}{\partial z_i}$。

# %% slideshow={"slide_type": "slide"}
def loss_and_gradient(params, X, Y):
    """MSE 和它对 57 个参数的梯度 (反向传播)"""
    W, c, v, d = unpack(params)
    h, out = forward(params, X)
    r = out - Y
    d_out = 2 * r / len(Y)  # dL / d(输出)
    d_z = np.outer(d_out, v) * (1 - h ** 2)  # 穿过 tanh: 每行数据 8 个数
    grad = np.concatenate([(d_z.T @ X).ravel(), d_z.sum(axis=0), h.T @ d_out, [d_out.sum()]])
    return np.mean(r ** 2), grad

# %% [markdown] slideshow={"slide_type": "slide"}
# 和第 0 课一样,用数值梯度检查:每个参数前后各挪 $10^{-6}$,看 loss 变了多少(中心差分)。
# 起点用带种子的随机数:$W$ 的每个数来自 $N(0, 1/5)$,$v$ 来自 $N(0, 1/8)$,$c$ 和 $d$ 是 0。

# %% slideshow={"slide_type": "-"}
params0 = network_start(M)  # 种子 0
loss0, grad0 = loss_and_gradient(params0, x, y)
w_part, b_part = numeric_gradient(lambda w, b: loss_and_gradient(np.append(w, b), x, y)[0],
                                  params0[:-1], params0[-1], eps=1e-6, method="central")
print(f"起点的 MSE {loss0:.4f},  {len(params0)} 个参数")
difference = np.abs(grad0 - np.append(w_part, b_part)).max()
print(f"反向传播和数值梯度最多相差 10^{np.floor(np.log10(difference)):.0f} 量级  (梯度最大的分量 {np.abs(grad0).max():.2f})")
# course_lib.network 里的同一个网络 (network_loss_and_gradient), 可以一次算一叠参数 (下面训练时用它把所有运行叠在一起)
print("和 course_lib.network 的一样:", np.allclose(network_loss_and_gradient(params0, x, y)[1], grad0,
                                                   rtol=0, atol=1e-12))

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 七个优化器,同一个起点
#
# 随机的方法每一步用一批 32 条数据(第 9 课的小批量;所有方法用同样的批),各用第 8 课学习率网格里的 7 个学习率
# (0.001 到 1,每格 $\sqrt{10}$ 倍),其他超参数和第 3–7 课一样(动量 $\beta = 0.8$,RMSProp 和 AdaDelta 的 $\rho = 0.2$,
# Adam 的 $\beta_1 = 0.9$、$\beta_2 = 0.999$)。梯度下降每一步算全部 1503 条数据的梯度,是一批的 47 倍,
# 所以只跑它一个学习率 0.316 作参照(我们另外把 7 个学习率都跑了,见 `tests/test_claims.py`:0.316 最好)。
# 都走 400 步,所有运行的参数叠在一起,一步一起更新。每个运行的成绩是最后 50 步里(每 10 步一个点)全部数据上 MSE 的平均。

# %% slideshow={"slide_type": "slide"}
STEPS, BATCH = 400, 32
lrs = np.logspace(-3, 0, 7)
rate = lrs[:, np.newaxis]  # 一行参数一个学习率
optimizers = {"GD": SGD(lr=lrs[5]), "SGD": SGD(lr=rate), "Momentum": Momentum(lr=rate, beta=0.8),
              "AdaGrad": AdaGrad(lr=rate), "RMSProp": RMSProp(lr=rate, rho=0.2),
              "AdaDelta": AdaDelta(rho=0.2), "Adam": Adam(lr=rate)}
swept = ["SGD", "Momentum", "AdaGrad", "RMSProp", "Adam"]  # 这 5 个跑 7 个学习率, 另外两个各跑一个
params = {name: np.tile(params0, (len(lrs) if name in swept else 1, 1)) for name in optimizers}
stochastic = [name for name in optimizers if name != "GD"]
cuts = np.cumsum([len(params[name]) for name in stochastic])[:-1]  # 叠在一起以后每个优化器从哪一行开始

# %% slideshow={"slide_type": "slide"}
saved = {name: [p] for name, p in params.items()}  # 每 10 步存一次参数, 训练完再算全部数据上的 MSE
gd_mse = []  # 梯度下降每一步都算了全部数据上的 MSE, 顺手记下来
with np.errstate(all="ignore"):  # 学习率太大的运行会发散成 inf / nan
    for k, rows in enumerate(shuffled_batches(N, BATCH, STEPS), start=1):
        stack = np.concatenate([params[name] for name in stochastic])  # 6 个优化器一次算完这一批的梯度
        grads = dict(zip(stochastic, np.split(network_loss_and_gradient(stack, x[rows], y[rows])[1], cuts)))
        loss, grads["GD"] = network_loss_and_gradient(params["GD"], x, y)  # 梯度下降: 全部数据
        gd_mse.append(loss[0])
        for name, optimizer in optimizers.items():
            params[name] = optimizer.step(params[name], grads[name])
        if k % 10 == 0:
            for name in params:
                saved[name].append(params[name])


def final_mse(snapshots):
    """最后 5 个存下的点 (最后 50 步) 上全部数据的 MSE, 每个运行取平均; 发散的是 inf"""
    last = np.array(snapshots[-5:])  # (5, 运行个数, 57)
    with np.errstate(all="ignore"):
        values = network_mse(last.reshape(-1, last.shape[-1]), x, y).reshape(5, -1).mean(axis=0)
    return np.nan_to_num(values, nan=np.inf)


finals = {name: final_mse(snapshots) for name, snapshots in saved.items()}

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 谁更低,谁更快
#
# 每个优化器取最后 50 步平均 MSE 最低的那个学习率,看全部数据上的 MSE 怎样随步数下降(梯度下降每一步都有,其他方法每 10 步一个点)。

# %% slideshow={"slide_type": "slide"}
def first_below(curve, level):
    """curve (每 10 步一个点) 第一次低于 level 是在第几步"""
    point = first_step(curve < level)
    return f"{STEPS} 步内没有" if point is None else f"第 {10 * point} 步"


curves = {}
for name in optimizers:
    j = int(np.argmin(finals[name]))  # 这个优化器最好的学习率 (只跑一个的就是它)
    with np.errstate(all="ignore"):
        curves[name] = network_mse(np.array(saved[name])[:, j], x, y)
    lr_text = "(无)" if name == "AdaDelta" else f"{lrs[j] if name in swept else optimizers[name].lr:.3g}"
    print(f"{name:<9} 学习率 {lr_text:<6} 最后 50 步平均 MSE {finals[name][j]:.4f}   低于线性最优值: {first_below(curves[name], linear_best)}"
          f"   低于 0.3: {first_below(curves[name], 0.3)}")

# %% slideshow={"slide_type": "slide"}
ax = new_axes((10, 4), legend_space=2.2)
for name, curve in curves.items():
    if name == "GD":  # 梯度下降每一步的 MSE 都有, 每一步都画
        ax.plot(np.arange(STEPS), gd_mse, linewidth=2, label=name)
    else:
        ax.plot(10 * np.arange(len(curve)), curve, linewidth=2, label=name)
ax.axhline(linear_best, color="black", linestyle="--", label="best linear model")
style_axes(ax, "step", "MSE (all rows)", "Each optimizer at its best learning rate")
ax.legend(fontsize=FONT_SIZES["legend"], loc="upper left", bbox_to_anchor=(1.01, 1))
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# - 每个优化器取它最好的学习率、每 10 步看一次:除了 AdaDelta(第 120 步),都在 30 步以内就比最好的直线更低
#   (梯度下降在后面三次跳高时又短暂回到直线以上):网络确实比线性模型更能拟合这份数据。
# - 400 步以后,这个起点上最低的是梯度下降(0.2359)。但这是**按步数**比:它每一步算 1503 条数据,是小批量的 47 倍。
#   400 个小批量步只把数据过了约 8.5 遍;梯度下降走到第 10 步(已经过了 10 遍数据)时 MSE 还有 0.46。
#   反过来,让随机梯度下降(学习率 0.1)也算同样多的数据(约 18800 步),它能降到 0.13,比梯度下降低得多。
# - 小批量的方法里 Adam 最低(0.2674),动量法几乎一样(0.2679);有学习率可调的 5 个里随机梯度下降最高(0.3358)。
#   按每 10 步一个点算,Adam 也是小批量方法里最先降到 0.3 以下的(第 160 步)。AdaDelta 没有学习率可调,最后 50 步平均还有 0.4404。
# - 这只是一个起点、一种批的顺序。我们又换了 4 组种子(起点和批的顺序)重跑:Adam 每次都排小批量方法第一(领先 0.0004 到 0.047),
#   随机梯度下降每次都是 5 个里最高的,中间的名次会变。但成绩只取了 5 个点,本身就会抖:动量法最后 50 步每一步都算的平均是 0.2845,
#   不是 0.2679(Adam 每一步都算是 0.2683:按这个更准的成绩它领先动量法 0.016)。差距比成绩本身的抖动还小时,说明不了谁更好;
#   再换一组种子 (3, 3),AdaGrad 就排到了 Adam 前面。

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 梯度下降为什么会突然跳高
#
# 在第 1 课的二次函数上,学习率小于 $2/\lambda_\max$ 时,梯度下降的 loss 每一步都下降。图里梯度下降的曲线却有三次突然跳高又落回来
# (第 112、210、316 步,下面打印出来)。
# 网络的 loss 不是二次函数,Hessian 随位置变化。量一量梯度下降路上几个点的 Hessian 最大特征值(曲率最大的方向):

# %% slideshow={"slide_type": "slide"}
def sharpness(params, eps=1e-6):
    """params 处 Hessian 的最大特征值: 每个参数挪 eps, 梯度变了多少 (前向差分) 就是 Hessian 的一列"""
    P = len(params)
    nudged = np.vstack([params, params + eps * np.eye(P)])  # 1 + 57 组参数, 一次算完梯度
    grads = network_loss_and_gradient(nudged, x, y)[1]
    hessian = (grads[1:] - grads[0]) / eps
    return np.linalg.eigvalsh((hessian + hessian.T) / 2)[-1]


print(f"梯度下降的学习率 {optimizers['GD'].lr:.3f},  2 / 学习率 = {2 / optimizers['GD'].lr:.2f}")
for step in [0, 50, 60, 100, 110, 120, 200, 220]:
    print(f"第 {step:3d} 步: MSE {gd_mse[step]:.4f},  Hessian 最大特征值 {sharpness(saved['GD'][step // 10][0]):.2f}")
peaks = [k for k in range(1, STEPS - 1) if gd_mse[k - 1] < gd_mse[k] > gd_mse[k + 1] and gd_mse[k] > 0.5]
print("MSE 跳过 0.5 的高峰:", ", ".join(f"第 {k} 步 {gd_mse[k]:.4f}" for k in peaks))

# %% [markdown] slideshow={"slide_type": "slide"}
# - 起点的最大曲率是 5.57,低于 $2/\eta = 6.32$。梯度下降一边往下走,曲率一边变大(Cohen 等 2021 把这叫作 *progressive sharpening*),
#   在第 50 步和第 60 步之间超过 $2/\eta$。
# - 从这时起,沿曲率最大的方向的偏差每步放大 $|1 - \eta\lambda|$ 倍。曲率还在往上涨,这个倍数也在涨:越过 $2/\eta$ 时约是 1,
#   第 100 步约 1.6。起初偏差极小,所以又过了约 50 步(第 104 步以后)loss 才开始上升,第 112 步最高到 1.2856,比起点还高。
# - 冲出去以后落在平一些的地方(第 120 步曲率 4.85),接着往下走,曲率又慢慢变大,于是第 210、316 步又各跳一次。
# - 所以越过 $2/\eta$ 以后,曲率并没有停在 $2/\eta$ 附近,而是像锯齿:慢慢涨到 8 左右(最高 8.56,是 $2/\eta$ 的 1.35 倍),
#   loss 跳高的几步里一下跌到 5 左右(最低 4.57),再慢慢涨回去;两次跳高之间 loss 一直在降。
# - Cohen 等 2021 在更大的网络上看到的 *edge of stability* 是:曲率一直停在 $2/\eta$ 附近(或略高一点),
#   loss 短期不单调、长期仍在下降。这个小网络是它的一个粗糙版本:每隔一百步左右才跳一次。
#   第 1 课的稳定上限 $2/\lambda_\max$ 在非凸问题上不再是一个固定的数。

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 对学习率有多敏感
#
# 第 8 课的线性问题上,9 个学习率里能进入最优值 10% 以内的,随机梯度下降 2 个,AdaGrad 2 个,Adam 1 个,RMSProp 0 个。
# 这里的网络没有算得出来的最优值。下图是每个学习率最后 50 步的平均 MSE;再数三件事:几个学习率比最好的直线更低,
# 几个离这个优化器自己最好的结果不到 10%,几个比起点还差。

# %% slideshow={"slide_type": "skip"}
def draw_sensitivity(finals, top=1.2):
    """每个优化器最后的 MSE 对学习率 (对数坐标); 比 top 更差的画在图的上沿"""
    ax = new_axes((10, 4), legend_space=2.2)
    for name in swept:
        ax.plot(lrs, np.minimum(finals[name], top), "-o", linewidth=2, label=name)
    ax.axhline(finals["AdaDelta"][0], color="0.4", linestyle=":", label="AdaDelta (no lr)")
    ax.axhline(linear_best, color="black", linestyle="--", label="best linear model")
    ax.set_xscale("log")
    ax.set_xticks(lrs[::2])
    style_axes(ax, "learning rate", "MSE, mean of last 50 steps", f"Sensitivity (runs above {top} drawn at {top})")
    ax.legend(fontsize=FONT_SIZES["legend"], loc="upper left", bbox_to_anchor=(1.01, 1))


# %% slideshow={"slide_type": "slide"}
draw_sensitivity(finals)
plt.show()

# %% slideshow={"slide_type": "slide"}
for name in swept:
    runs = finals[name]
    print(f"{name:<9} 低于线性最优值 {np.sum(runs < linear_best)} 个   离自己最好的不到 10% {np.sum(runs < 1.1 * runs.min())} 个"
          f"   比起点还差 {np.sum(runs > loss0)} 个 (其中发散 {np.sum(diverged(runs))} 个)   共 {len(runs)} 个")

# %% [markdown] slideshow={"slide_type": "slide"}
# - 要"比直线好",学习率的范围很宽:5 个方法的 7 个学习率里各有 5 到 6 个做到了。
# - 要接近自己最好的结果,学习率仍然得挑准到 $\sqrt{10}$ 倍以内:每个方法只有 1 到 2 个学习率离自己最好的不到 10%
#   (按定义至少有 1 个,就是最好的那个)。第 8 课数的是离真正的最优值 10% 以内,不完全可比,但结论一样:学习率要挑准。
# - 随机梯度下降和动量法在学习率 1 时发散;AdaGrad、RMSProp、Adam 不会发散,但学习率 1 时 RMSProp 最后比起点(MSE 1.1117)还差。
# - 学习率 0.1 以上时 RMSProp($\rho = 0.2$)的结果是**混沌**的:我们把起点挪动 $10^{-15}$、$2\times10^{-15}$、$3\times10^{-15}$
#   各跑一次,这 3 个运行的 MSE 最多都变了 5% 以上,其他运行的变化都不到 $10^{-8}$。换一台机器,最后一位的舍入不同,这几个数就不同,所以这一课只画图,不打印它们。

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 不再是一个碗
#
# 把隐藏单元 0 和 1 对调($W$ 的两行、$c$ 和 $v$ 的两个数一起换),网络算出的是同一个函数:输出是 8 个单元各乘以自己的 $v$ 再相加,和顺序无关。
# 把一个单元的 $W$ 行、$c$、$v$ 同时变号也一样($\tanh$ 是奇函数)。所以一般的参数(没有 $v_j = 0$ 的单元,没有 $W$ 的一行全是 0 的单元,
# 没有两个相同或相反的单元)
# 都有 $8! \times 2^8$ 种写法(包括它自己),MSE 一模一样;有 $v_j = 0$ 这样的单元时,等价的参数甚至有无穷多组。

# %% slideshow={"slide_type": "slide"}
def swap_units(params, i, j):
    """对调隐藏单元 i 和 j: 同一个网络, 参数向量不同"""
    W, c, v, d = (np.array(part) for part in unpack(params))
    for part in (W, c, v):
        part[[i, j]] = part[[j, i]]
    return np.concatenate([W.ravel(), c, v, [d]])


trained = params["Adam"][np.argmin(finals["Adam"])]  # Adam 学习率 0.1 训练 400 步的结果
twin = swap_units(trained, 0, 1)
print(f"训练好的参数 MSE {loss_and_gradient(trained, x, y)[0]:.4f},  对调单元 0 和 1 以后 {loss_and_gradient(twin, x, y)[0]:.4f}")
print(f"参数向量相差 {np.linalg.norm(trained - twin):.2f},  对调和变号一共有 {math.factorial(HIDDEN) * 2 ** HIDDEN} 种组合 (包括什么都不做)")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 鞍点:梯度几乎是零,却不是极小值
#
# 一个二维的例子:$f(x_1, x_2) = x_1^2 + \tfrac14 x_2^4 - \tfrac12 x_2^2$,梯度是 $(2x_1,\ x_2^3 - x_2)$。
#
# - 原点是**鞍点**:梯度为零,Hessian 的特征值一正一负(沿 $x_1$ 是碗,沿 $x_2$ 原点是一个小山包的顶);
# - 两个极小值在 $(0, \pm 1)$,$f = -\tfrac14$;
# - 直线 $x_2 = 0$ 是"山脊":从山脊上出发,梯度的 $x_2$ 分量**恰好**是 0。
#
# 从 $(1, 10^{-6})$ 出发(离山脊只有 $10^{-6}$),五个优化器各走 200 步,看各自走多少步才离开鞍点($|x_2| > 0.5$)。
# (这里 RMSProp 用 Hinton 讲义里常用的 $\rho = 0.9$;第 5 课的 $\rho = 0.2$ 几乎只记得当前这一步的梯度。)

# %% slideshow={"slide_type": "slide"}
# SADDLE_RUNS: 这一课的五个运行 (优化器和超参数, 下面打印的名字就是它们); run.make() 每次构造一个新的优化器 (它带着自己的状态)
H = np.array([(saddle_gradient(h) - saddle_gradient(-h)) / 2e-6 for h in 1e-6 * np.eye(2)])
print("原点的 Hessian 特征值:", np.round(np.linalg.eigvalsh(H), 6), "  极小值处 f =", saddle(0.0, 1.0))
paths = {run.label: trajectory(run.make(), saddle_gradient, saddle_start(1e-6), 200) for run in SADDLE_RUNS}
for name, path in paths.items():
    print(f"{name:<32} 第 {escape_step(path):>3} 步 |x2| > 0.5, 200 步后在 ({path[-1, 0]:.3f}, {path[-1, 1]:.3f})")

# %% slideshow={"slide_type": "skip"}
def draw_saddle_paths(paths):
    """左: 等高线上的路径; 右: 离山脊的距离 |x2| (对数坐标)"""
    margins = fixed_margins((10, 4.2), legend_below=0.65, ncols=2)  # 下面留 0.65 英寸放图例
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4.2), gridspec_kw=margins)
    g1, g2 = np.meshgrid(np.linspace(*SADDLE_EXTENT[:2], 100), np.linspace(*SADDLE_EXTENT[2:], 100))
    left.contour(g1, g2, saddle(g1, g2), levels=np.linspace(-0.24, 1.5, 15), colors="0.6", linestyles="solid")
    for name, path in paths.items():
        shown = clip_path(path, SADDLE_EXTENT)
        left.plot(shown[:, 0], shown[:, 1], label=name)
        right.semilogy(np.abs(path[:, 1]), label=name)
    right.set_yticks([1e-6, 1e-4, 1e-2, 1])  # 每两个数量级一个刻度
    right.minorticks_off()
    left.plot([0, 0, 0], [-1, 0, 1], "kx", markersize=9)
    right.axhline(0.5, color="gray", linestyle="--")
    style_axes(left, "x1", "x2", "Paths from (1, 1e-6)")
    style_axes(right, "step", "|x2|", "Distance from the ridge")
    fig.legend(fontsize=FONT_SIZES["legend"], loc="lower center", ncols=3, handles=left.get_lines()[:5])


# %% slideshow={"slide_type": "slide"}
draw_saddle_paths(paths)
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# 所有的路径最后都落在 $(0, 1)$ 这个极小值里,但离开鞍点的方式不一样。梯度下降先沿 $x_1$ 滑到鞍点附近,
# 在那里停了一百多步:$x_2$ 方向的梯度是 $-x_2$,只有 $10^{-6}$ 量级,每一步 $|x_2|$ 只乘以 $1 + \eta = 1.1$
# (右图里的一条直线)。自适应的方法(AdaGrad、RMSProp、Adam)把很小的梯度除以它自己的均方根,
# 梯度比 $\sqrt{\varepsilon}$ 大时,$x_2$ 方向的步子就不会因为梯度小而变小(更小的梯度见下一节:这里从 $10^{-6}$ 出发,
# AdaGrad 和 RMSProp 头一步只有 $\eta$ 的千分之一,几步以后才到 $\eta$ 左右)。

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 离山脊越近,要走多久?
#
# 梯度下降:$|x_2|$ 每步乘以 $1 + \eta$,从 $x_2^{(0)}$ 长到 $0.5$ 大约要 $\log(0.5 / x_2^{(0)}) / \log(1 + \eta)$ 步:
# 起点离山脊每近 10 倍,就要多走 $\ln 10 / \ln(1 + \eta)$ 步。换不同的起点量一量:

# %% slideshow={"slide_type": "slide"}
starts = [1e-2, 1e-4, 1e-6, 1e-8]
print(" " * 32 + "".join(f"{s:>8.0e}" for s in starts) + "   起点每近 10 倍多走")
for run in SADDLE_RUNS:
    steps = [escape_step(trajectory(run.make(), saddle_gradient, saddle_start(s), 200)) for s in starts]
    print(f"{run.label:<32}" + "".join(f"{n:>8}" for n in steps) + f"   {(steps[-1] - steps[0]) / 6:5.1f} 步")
print(f"{'GD 的公式 log(0.5/x2_0)/log(1.1)':<29}" + "".join(f"{gd_escape_estimate(s, 0.1):>8.1f}" for s in starts)
      + f"   {np.log(10) / np.log(1.1):5.1f} 步")
# 第 10 课的收缩因子 (2x2 矩阵特征值的最大模长), 曲率是负的 (-1): 大于 1, 是每步放大的倍数
growth = convergence_factor(0.1, 0.8, SADDLE_CURVATURE)
print(f"动量法 (lr = 0.1, beta = 0.8) 长期每步把 |x2| 乘以 {growth:.3f}, 每近 10 倍多走 {np.log(10) / np.log(growth):.1f} 步")

# %% [markdown] slideshow={"slide_type": "slide"}
# - **梯度下降**:起点每近 10 倍多走约 24 步,和公式一样(公式少算了几步:$|x_2|$ 接近 0.5 时增长变慢)。
# - **动量法**:每近 10 倍多走约 10 步。它也是按倍数增长,只是每步乘以 1.270 而不是 1.1(动量把小的梯度攒起来)。
# - **AdaGrad、RMSProp** 每近 10 倍最多多走 1 步,**Adam** 不到 1 步。梯度大于 $\sqrt{\varepsilon} = 10^{-3}$(RMSProp、AdaGrad)
#   或 $\varepsilon = 10^{-6}$(Adam)时,它们每步走约 $\eta$ 的 0.5 到 3 倍(从 $10^{-2}$ 出发时量的),和梯度的大小无关;
#   梯度更小时,分母停在 $\varepsilon$ 上,它们也变成按倍数增长,只是倍数很大(AdaGrad 每步约 101 倍,RMSProp 约 11 倍),
#   所以起点再近也只多走不到 1 步。从 $10^{-4}$ 起,起点再近多走的步数全是 $\varepsilon$ 造成的:去掉 $\varepsilon$,从 $10^{-4}$ 到 $10^{-12}$ 出发的步数完全一样。
#
# 注意各个方法的学习率不一样,所以同一列里谁的步数少不说明谁"更好";要看的是每一行随起点怎么变。

# %% [markdown] slideshow={"slide_type": "slide"}
# 起点**正好**在山脊上($x_2 = 0$)呢?梯度的 $x_2$ 分量恰好是 0,动量、平方梯度的平均都是 0,谁也离不开:

# %% slideshow={"slide_type": "-"}
for run in SADDLE_RUNS:
    end = trajectory(run.make(), saddle_gradient, saddle_start(0.0), 200)[-1]
    print(f"{run.label:<32} 200 步后在 ({end[0]: .1e}, {end[1]:.1e}),  f = {saddle(*end):.1e}  (极小值 -0.25)")

# %% [markdown] slideshow={"slide_type": "-"}
# 五个方法都停在鞍点附近,$x_2$ 一直精确地是 0。真实的训练里梯度有抽样噪声,起点也是随机的,
# 恰好落在山脊上几乎不可能;但**离山脊很近**的起点会让梯度下降在鞍点附近停很久。

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 多个局部极小值:$f(x) = x\cos(\pi x)$
#
# 《动手学深度学习》(d2l)用的一维例子。在 $-1 \le x \le 2$ 里它有一个浅的局部极小值 $x \approx -0.27$($f \approx -0.18$)
# 和一个深的 $x \approx 1.09$($f \approx -1.05$),中间隔着 $x \approx 0.27$ 处的一个小山包。
# (范围外还有更深的谷:$x\cos(\pi x)$ 没有下界,这里只看这个范围。)
#
# 从两个起点出发,梯度下降、不同 $\beta$ 的动量法和 Adam 各走 600 步,看停在哪个谷里:

# %% slideshow={"slide_type": "slide"}
# WAVY_RUNS: 梯度下降, 4 个 beta 的动量法, Adam (course_lib 里这一课的运行)
for x0 in WAVY_STARTS:
    print(f"从 x0 = {x0} 出发, 600 步后:")
    for run in WAVY_RUNS:
        end = trajectory(run.make(), wavy_gradient, np.array([x0]), 600)[-1, 0]
        print(f"  {run.label:<32} x = {end:6.3f},  f = {wavy(end):6.3f}")
drawn = [run for run in WAVY_RUNS if run.label in ("GD, lr = 0.02", "momentum, lr = 0.02, beta = 0.9")]
early = {(run.label, x0): trajectory(run.make(), wavy_gradient, np.array([x0]), 150)[:, 0]  # 画图用: 前 150 步
         for run in drawn for x0 in WAVY_STARTS}

# %% slideshow={"slide_type": "skip"}
def draw_wavy_runs(early):
    """左: f(x) = x cos(pi x) 和两个起点; 右: 每个运行的 x 随步数怎么变"""
    margins = fixed_margins((10, 4.2), legend_below=0.65, ncols=2)  # 下面留 0.65 英寸放图例
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4.2), gridspec_kw=margins)
    grid = np.linspace(*WAVY_EXTENT, 400)
    left.plot(grid, wavy(grid), color="0.4")
    left.plot(WAVY_STARTS, wavy(np.array(WAVY_STARTS)), "ks", markersize=7)
    for (run, x0), xs in early.items():
        right.plot(xs, "-" if x0 < 0 else "--", color="C0" if run.startswith("GD") else "C1", label=f"{run}, x0 = {x0}")
    for level in (-0.274, 0.274, 1.090):
        right.axhline(level, color="gray", linestyle=":", linewidth=1)
    style_axes(left, "x", "f(x)", "f(x) = x cos(pi x), starts")
    style_axes(right, "step", "x", "Where each run goes")
    fig.legend(fontsize=FONT_SIZES["legend"], loc="lower center", ncols=2, handles=right.get_lines()[:4])


# %% slideshow={"slide_type": "slide"}
draw_wavy_runs(early)
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# - 从 $x_0 = -1$ 出发:梯度下降停在浅的谷 $x = -0.274$;$\beta$ 取 0.5、0.8 的动量法也停在那里;
#   $\beta = 0.9$ 和 0.95 攒够了速度,翻过小山包,停在深的谷 $x = 1.090$。Adam 也停在浅的谷里:它每步最多走约一个学习率 0.05,
#   自适应的缩放帮不了它翻山(学习率 0.5 到 0.7 时 Adam 能跳到深的谷;再大到 0.8、1,它又在浅的谷附近来回跳)。
# - 从 $x_0 = 1.9$ 出发:梯度下降本来就落在深的谷里;$\beta = 0.9$ 的动量法却冲过了头,翻回小山包,停在**浅的**谷里;
#   而 $\beta = 0.95$ 又停回深的谷。停在哪个谷,取决于动量带着它来回摆动、最后在哪个谷里把速度耗尽;$\beta$ 越大并不是越好。
#
# 同一组 $(\eta, \beta)$,换一个起点就从帮忙变成帮倒忙。动量能翻过小的山包,但它不知道哪边的谷更深。

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 练习
#
# **练习 1**:沿着从 `trained` 到 `twin` 的直线走,两头的 MSE 一样。直线正中间(两组参数的平均)的 MSE 比两头高、低,还是一样?
# 如果 loss 是凸函数(像第 0–10 课的碗),答案会是什么?

# %% slideshow={"slide_type": "skip"}
# 你的猜测:中点的 MSE 比两头 "更高"、"更低" 还是 "一样"? 把 None 换成其中一个, 再运行这一格和下一格
guess = None

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["answer"]
with answer() as explain:
    ends = loss_and_gradient(trained, x, y)[0]
    along = [loss_and_gradient((1 - t) * trained + t * twin, x, y)[0] for t in np.linspace(0, 1, 11)]
    print("从 trained 走到 twin, 每次走 1/10 的 MSE:", np.round(along, 4))
    print(f"中点 {along[5]:.4f},  两头 {ends:.4f}")
    explain("中点高出很多:单元 0 和 1 在中点变成了两个一样的单元(平均),网络少了一个有用的单元。",
            holds=along[5] > 1.5 * ends)
    explain("凸函数在中点的值不会超过两头,所以这个 loss 不是凸的:在两个一样好的最低点之间隔着一道“山梁”。")
check(guess, "更高" if along[5] > ends + 1e-9 else "更低" if along[5] < ends - 1e-9 else "一样",
      choices=("更高", "更低", "一样"), hint="凸函数在两点连线上的值不超过两头的值 (连线的弦在函数上面)。这里两头一样好, 中间的参数是什么样的网络?")

# %% [markdown] slideshow={"slide_type": "slide"}
# **练习 2**:梯度下降($\eta = 0.1$)从 $(1, 10^{-12})$ 出发,第几步 $|x_2| > 0.5$?先用上面的表和规律估一估
# (起点 $10^{-8}$ 时是 188 步)。

# %% slideshow={"slide_type": "skip"}
# 你的猜测: 梯度下降 (lr = 0.1) 从 x2_0 = 1e-12 出发, 第几步离开鞍点? 把 None 换成一个数, 再运行这一格和下一格
guess = None

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["answer"]
with answer() as explain:
    near, mid, far = (escape_step(trajectory(SGD(lr=0.1), saddle_gradient, saddle_start(s), 400))
                      for s in (1e-2, 1e-8, 1e-12))
    print(f"x2_0 = 1e-12: 第 {far} 步 |x2| > 0.5 (x2_0 = 1e-8 时 {mid} 步)")
    print(f"公式 log(0.5 / 1e-12) / log(1.1) = {gd_escape_estimate(1e-12, 0.1):.1f}")
    print(f"起点再近 1e4 倍, 多走 {far - mid} 步 = 4 x {(far - mid) / 4:.1f}")
    explain(f"每近 10 倍多走约 {(far - mid) / 4:.0f} 步:1e-12 要 {far} 步,是 1e-2({near} 步)的 {far // near} 倍多。")
    explain(f"步数只随距离的对数增长:起点离山脊近一万倍,也只多走 {far - mid} 步。")
check(guess, far, tolerance=0.1, hint="起点每近 10 倍多走 ln(10) / ln(1.1) 步; 1e-8 到 1e-12 近了 4 个 10 倍。")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 自己动手:拖动滑块
#
# 选一个优化器,拖动学习率和起点离山脊的距离 $x_2^{(0)}$(都是对数刻度):左图是 300 步的路径,右图是 $|x_2|$(对数坐标)。
# 选梯度下降,把 $x_2^{(0)}$ 从 $10^{-2}$ 一格一格拖到 $10^{-12}$:右图的斜线每格往右移同样的距离(学习率 0.1 时约 24 步);
# 换成 Adam 再拖一遍,离开的步数几乎不动。学习率到 1 时,梯度下降在 $x_1$ 方向(曲率 2)来回跳,不再收敛。
# 这个单元格需要在 JupyterLab 里运行才能看到滑块。

# %% slideshow={"slide_type": "-"} tags=["nbval-ignore-output"]
saddle_explorer()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 小结
#
# - 8 个 tanh 单元的小网络(57 个参数)比最好的直线低得多:400 步以后(这个起点)梯度下降 0.2359,小批量的方法里 Adam 0.2674,
#   直线最好只有 0.4843。它的 loss 不是凸的:同一个网络有 $8! \times 2^8$ 种写法,两种写法的中点更差(练习 1);
#   梯度下降自己把曲率推到超过 $2/\eta$,过一阵就突然跳高,再落到平一些的地方,如此反复。
# - **Adam 在这里常常排第一,但优势不稳**:差距常常比成绩本身的抖动还小,换种子、换评分方法或者训练更久
#   (随机梯度下降走约 18800 步能到 0.13),名次都会变;学习率仍然要挑。自适应的方法(AdaGrad、RMSProp、Adam)
#   共同的明显优势在鞍点附近:离开的步数几乎和起点无关。
# - 鞍点附近梯度很小,梯度下降离开它的步数随起点离山脊的距离按对数增长:每近 10 倍多走 $\ln 10 / \ln(1 + \eta)$ 步。
#   动量法也是按倍数增长,倍数大一些。自适应的方法把小梯度放大,离开的步数几乎和起点无关(梯度小于 $\sqrt{\varepsilon}$ 或 $\varepsilon$ 以后也只多走零点几步)。
# - 正好在山脊上,精确梯度下谁也离不开鞍点;现实里是噪声把参数推下山脊。
# - 多个局部极小值:学习率小时,梯度下降停在从起点一路往下坡走到的那个谷里(不一定是最近的谷)。
#   动量有时能翻过小山包到更深的谷,有时反而把已经在深谷里的参数甩出去;
#   哪一种发生,取决于起点、$\eta$ 和 $\beta$,没有一个设置总是对的。
# - **下一课**:今天训练代码里用的优化器:Nesterov 动量、AdamW、Lion、Schedule-Free,再下一课是 Muon(第 13 课在这个网络上用它)。
