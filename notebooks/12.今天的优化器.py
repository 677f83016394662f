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
# # 12. 今天的优化器
#
# 第 7 课的 Adam 是 2015 年的方法。今天写的训练代码多半用它的后继:**AdamW**(Hugging Face Trainer 的默认优化器),
# 有时是 **Nesterov 动量**,也有人用 **Lion**(Chen 等 2023)和 **Schedule-Free**(Defazio 等 2024);
# 下一课讲 **Muon**(Jordan 2024)。这一课在同一个线性回归上逐个看它们**和前面几课差在哪一步**,以及这一步带来了什么。
#
# 每个优化器在 `course_lib` 里只有几行;`tests/test_torch_bridge.py` 把它们和参考实现(PyTorch 的 `torch.optim`、
# `lion-pytorch`、Schedule-Free 作者的 `schedulefree`)用同样的梯度逐步对照。每一节写出 PyTorch 里对应的那一行。
#
# **看图时注意**:它们各自改的只是一处:梯度在哪里算(Nesterov)、衰减加在哪里(AdamW)、步子多大(Lion)、在哪个点上评估(Schedule-Free)。

# %% [markdown] slideshow={"slide_type": "notes"}
# 讲解提示:先问学生平时用什么优化器(多半是 AdamW),再说这一课要回答"它和 Adam 到底差在哪"。
# 四节互相独立,时间不够时可以只讲 AdamW 和 Schedule-Free。

# %% slideshow={"slide_type": "skip"}
import numpy as np
from matplotlib import pyplot as plt
# %matplotlib inline
# 课程的图都排好了版面 (固定的页边距), 显示时不用再裁一次白边
# %config InlineBackend.print_figure_kwargs = {"bbox_inches": None}

from course_lib import (FONT_SIZES, SGD, Adam, AdamW, Lion, Momentum, ScheduleFreeSGD, answer, check,
                        convergence_factor, first_step, full_batch_gradient, least_squares,
                        least_squares_in_box, lion_explorer, load_data, mse_hessian, new_axes, optimal_gd,
                        optimal_heavy_ball, optimal_nesterov, quadratic_gap, ridge, row_gradient, sampled_rows,
                        schedule_rates, start_theta, style_axes, to_theta, trajectory)

x, y = load_data()
N, M = x.shape
H = mse_hessian(x)
lam = np.linalg.eigvalsh(H)  # 特征值从小到大 (第 10 课)
theta_best = to_theta(*least_squares(x, y))
gradient = full_batch_gradient(x, y, "exact")  # 精确的全量梯度, 和第 10 课一样


def gap(thetas):
    """MSE 比最优值多多少 (第 10 课的二次型公式)"""
    return quadratic_gap(thetas, theta_best, H)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Nesterov 动量:在前面一点的地方算梯度
#
# 第 3 课的动量(重球法,Polyak 1964)走 $\eta m$;Nesterov 动量的步子换成 $\eta(g + \beta m)$:
#
# $$m \leftarrow \beta m + g, \qquad \theta \leftarrow \theta - \eta\,(g + \beta m).$$
#
# 这是 PyTorch 的写法,例如 `torch.optim.SGD(params, lr=0.31, momentum=0.51, nesterov=True)`(下面算出的最好的一组参数,取两位)。
# Sutskever 等(2013)写成"先顺着动量走一步,在那里算梯度"的样子;两种写法是同一个算法,这里的 $\theta$
# 正是那个"前面一点"的点(`tests/test_optimizers.py` 逐步验证)。
#
# 沿 Hessian 的特征方向(第 10 课),误差的两个特征值满足 $z^2 - (1+\beta)(1-\eta\lambda)\,z + \beta(1-\eta\lambda) = 0$。
# 由此可以推出稳定的条件($0 \le \beta < 1$):
#
# $$0 < \eta\lambda < \frac{2(1+\beta)}{1+2\beta},$$
#
# $\beta > 0$ 时比重球法的 $2(1+\beta)$ 窄:$\beta$ 越大越窄,$\beta \to 1$ 时只剩 $4/3$。

# %% slideshow={"slide_type": "slide"}
for beta in [0.0, 0.5, 0.9]:
    scan = np.linspace(0.001, 5, 5000)  # eta * lambda 从小到大扫一遍
    stable = [convergence_factor(s, beta, 1.0, nesterov=True) < 1 for s in scan]
    print(f"beta = {beta}:  扫出来的上限 eta*lambda = {scan[np.argmin(stable)]:.3f},"
          f"  公式 2(1+beta)/(1+2beta) = {2 * (1 + beta) / (1 + 2 * beta):.3f},  重球法 2(1+beta) = {2 * (1 + beta):.1f}")

# %% [markdown] slideshow={"slide_type": "slide"}
# 在二次函数上,最好的一组参数(让最平和最陡的方向一样慢)是(Lessard、Recht、Packard 2016 的 Proposition 1):
#
# $$\eta = \frac{4}{3\lambda_\max + \lambda_\min}, \qquad \beta = \frac{\sqrt{3\kappa+1} - 2}{\sqrt{3\kappa+1} + 2},
#   \qquad \text{每步收缩}\ 1 - \frac{2}{\sqrt{3\kappa+1}}.$$
#
# 和第 10 课的梯度下降、重球法放在一起,从各课共同的起点用精确梯度跑:

# %% slideshow={"slide_type": "slide"}
lr_gd, factor_gd = optimal_gd(lam[0], lam[-1])
lr_hb, beta_hb, factor_hb = optimal_heavy_ball(lam[0], lam[-1])
lr_n, beta_n, factor_n = optimal_nesterov(lam[0], lam[-1])
runs = {"梯度下降": SGD(lr=lr_gd), "重球法": Momentum(lr=lr_hb, beta=beta_hb),
        "Nesterov": Momentum(lr=lr_n, beta=beta_n, nesterov=True)}
factors = {"梯度下降": factor_gd, "重球法": factor_hb, "Nesterov": factor_n}
paths = {name: trajectory(optimizer, gradient, start_theta(M), 120) for name, optimizer in runs.items()}
for name, optimizer in runs.items():
    beta = getattr(optimizer, "beta", 0.0)
    print(f"{name:<5} lr = {optimizer.lr:.3f}, beta = {beta:.3f}:  每步收缩 {factors[name]:.3f},"
          f"  MSE 离最优值不到 1e-10 用了 {first_step(gap(paths[name]) < 1e-10)} 步")

# %% slideshow={"slide_type": "slide"}
ax = new_axes((10, 4.5), legend_space=0)
for path, label in zip(paths.values(), ["GD", "heavy ball (Polyak)", "Nesterov"]):
    ax.semilogy(gap(path), linewidth=2, label=label)
ax.axhline(1e-10, color="gray", linestyle=":", label="gap = 1e-10")
ax.set_ylim(1e-17, 100)  # 1e-16 以下只剩舍入误差
style_axes(ax, "step", "MSE - optimum", "Each method at its best setting on the quadratic")
ax.legend(fontsize=FONT_SIZES["legend"], loc="upper right")
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# 在二次函数上,最好的重球法比最好的 Nesterov 还快(每步 0.553 对 0.673,26 步对 33 步),两者都比梯度下降(69 步)快得多。
# Nesterov 的长处不在二次函数上,而在**保证**:
#
# - Nesterov(1983)证明:对**任何**梯度 $L$-Lipschitz 的凸函数,动量系数随步数变大(约 $(k-1)/(k+2)$)的版本让 loss 的差距以 $1/k^2$ 缩小
#   (梯度下降只有 $1/k$)。
# - PyTorch 这样的常数 $\beta$ 要配上强凸:对 $\mu$-强凸的函数,取 $\eta \le 1/L$、$\beta = (\sqrt{\kappa'} - 1)/(\sqrt{\kappa'} + 1)$
#   ($\kappa' = 1/(\eta\mu)$),loss 的差距不超过 $C\,(1 - 1/\sqrt{\kappa'})^k$(Nesterov 2004 的教材)。这是对所有这样的函数成立的整体的界,
#   不是说每一步都缩小这么多。
# - 重球法的 $\sqrt\kappa$ 加速,Polyak(1964)只证明了在最优点附近成立。离开二次函数,它可能根本不收敛:
#   Lessard、Recht、Packard(2016)构造了一个 $\mu = 1$、$L = 25$ 的强凸函数(三段二次函数拼成),用 Polyak 的参数从某些起点出发会在 3 个点之间永远打转。

# %% slideshow={"slide_type": "slide"}
def lessard_gradient(z, k):
    """Lessard 等 (2016) 的函数 (z < 1 时 25z^2/2, 1 <= z < 2 时 z^2/2 + 24z - 12, 之后 25z^2/2 - 24z + 36) 的导数"""
    return np.where(z < 1, 25 * z, np.where(z < 2, z + 24, 25 * z - 24))


kappa_25 = 25.0  # L / mu
hb_25 = Momentum(lr=4 / (np.sqrt(25) + 1) ** 2, beta=((np.sqrt(kappa_25) - 1) / (np.sqrt(kappa_25) + 1)) ** 2)
# Nesterov 取 eta = 0.9 / L (eta = 1/L 时, 在 z < 1 那一段一步就正好落到 0, 看不出收敛的过程), kappa' = 1 / (eta mu)
eta_25 = 0.9 / 25
kappa_eta = 1 / eta_25
nesterov_25 = Momentum(lr=eta_25, beta=(np.sqrt(kappa_eta) - 1) / (np.sqrt(kappa_eta) + 1), nesterov=True)
lessard_paths = {name: trajectory(optimizer, lessard_gradient, np.array([3.3]), 300)[:, 0]
                 for name, optimizer in [("重球法", hb_25), ("Nesterov", nesterov_25)]}
print("重球法 (Polyak 的参数) 最后 6 步:", np.round(lessard_paths["重球法"][-6:], 4))
print(f"Nesterov (eta = 0.9/L, beta = {nesterov_25.beta:.3f}): 第 {first_step(np.abs(lessard_paths['Nesterov']) < 1e-10)} 步起 |z| < 1e-10")

# %% slideshow={"slide_type": "slide"}
ax = new_axes((10, 4), legend_space=2.4)
ax.plot(lessard_paths["重球法"][:60], "o-", markersize=4, label="heavy ball,\nPolyak's setting")
ax.plot(lessard_paths["Nesterov"][:60], "s-", markersize=4, label="Nesterov,\nlr = 0.9/L")
ax.axhline(0, color="black", linewidth=1)
style_axes(ax, "step", "z", "Lessard et al.'s function (mu = 1, L = 25)")
ax.legend(fontsize=FONT_SIZES["legend"], loc="upper left", bbox_to_anchor=(1.01, 1))
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## AdamW:权重衰减不是 L2 正则
#
# 想让参数小一点,有两种写法:
#
# - **L2 正则**:在 loss 上加 $\frac{\lambda}{2}|\theta|^2$,梯度变成 $g + \lambda\theta$,再交给优化器;
# - **权重衰减**(decoupled weight decay,Loshchilov & Hutter 2019):每一步先 $\theta \leftarrow \theta\,(1 - \eta\lambda)$,再走优化器自己的一步
#   (这是 PyTorch 的写法;论文里衰减乘的是学习率调度的倍数,不是学习率本身)。
#
# 对随机梯度下降,两者完全一样:$\theta - \eta(g + \lambda\theta) = \theta(1 - \eta\lambda) - \eta g$。
# 对 Adam 不一样:L2 的 $\lambda\theta$ 和梯度一起被 $\sqrt{S}$ 除,衰减则不经过 $\sqrt{S}$。
# AdamW 就是后一种,`torch.optim.AdamW(params, lr=0.1, weight_decay=0.1)`(PyTorch 默认 $\epsilon = 10^{-8}$,这里也用它)。
#
# 同一个 $\lambda = 0.1$,精确的全量梯度,学习率从 0.1 按余弦降到 0(第 9 课),各走 5000 步:

# %% slideshow={"slide_type": "slide"}
decay = 0.1
T_adam = 5000
rates = schedule_rates("cosine", 0.1, T_adam)


def run_with_rates(optimizer, grad, rates):
    """每一步先把学习率设成这一步的值 (PyTorch 的学习率调度器也是这样做的), 再走一步"""
    theta = start_theta(M)
    for k, rate in enumerate(rates):
        optimizer.lr = rate
        theta = optimizer.step(theta, grad(theta, k))
    return theta


# %% slideshow={"slide_type": "slide"}
adam_l2 = run_with_rates(Adam(eps=1e-8), lambda theta, k: gradient(theta, k) + decay * theta, rates)
adamw_optimizer = AdamW(weight_decay=decay)
adamw = run_with_rates(adamw_optimizer, gradient, rates)
theta_ridge = ridge(x, y, decay)  # MSE + decay/2 |theta|^2 的最小值点 (闭式解)
def distance(a, b):
    """两点间的距离; 近到只剩舍入误差 (1e-15 量级, 具体多少取决于 CPU 和 BLAS) 时只写它小于 1e-12"""
    d = np.linalg.norm(a - b)
    return f"{d:.1e}" if d > 1e-12 else "< 1e-12"


for name, theta in [("Adam + L2", adam_l2), ("AdamW", adamw)]:
    print(f"{name:<9} 离岭回归的解 {distance(theta, theta_ridge)},  离不加正则的最优解 {distance(theta, theta_best)}")
print(f"(岭回归的解和不加正则的最优解相距 {np.linalg.norm(theta_ridge - theta_best):.3f};"
      f" 不加正则的最优解里最大的 |theta_i| = {np.abs(theta_best).max():.3f})")

# %% [markdown] slideshow={"slide_type": "slide"}
# - Adam + L2 走到了岭回归的解(只剩舍入误差):L2 改的是 loss,Adam 找到的就是新 loss 的最小值点。
# - AdamW 几乎没有被"正则化":它停在不加正则的最优解旁边(约 0.001),离岭回归的解约 0.09,差不多就是两个解之间的距离。
#
# 为什么:AdamW 停下来的地方,衰减 $\eta\lambda\theta$ 正好抵消 Adam 的一步 $\eta\,\hat v/(\sqrt{\hat S} + \epsilon)$。
# 停下来时 $\hat v$ 约等于梯度 $g$,所以停下来的条件约是 $g_i = -\lambda(\sqrt{\hat S_i} + \epsilon)\,\theta_i$:
# 这正是一个 L2 正则的条件,只是强度从 $\lambda$ 变成了 $\lambda\sqrt{\hat S_i}$。全量梯度下越接近最优解梯度越小,
# $\hat S$(最近约 1000 步梯度平方的平均)也跟着变小,这个"正则"就越来越弱。下面用第 5000 步的 $\hat S$ 验证一下:

# %% slideshow={"slide_type": "slide"}
S_hat = adamw_optimizer.S / (1 - adamw_optimizer.beta2 ** adamw_optimizer.t)  # 第 5000 步偏差修正后的 S
H_ridge = H + np.diag(decay * (np.sqrt(S_hat) + adamw_optimizer.eps))  # 强度 lambda (sqrt(S_hat) + eps) 的 L2 正则
effective = np.linalg.solve(H_ridge, H @ theta_best)  # 它的最小值点 (H theta_best 就是 2/N A^T y)
print("sqrt(S_hat):", np.round(np.sqrt(S_hat), 4))
print(f"这个弱正则的最小值点离 AdamW 停下的地方 {np.linalg.norm(effective - adamw):.0e}")

# %% [markdown] slideshow={"slide_type": "slide"}
# 一直走下去会怎样:Xie & Li(2024)证明,全量梯度、$\beta_1 \le \beta_2 < 1$ 时(他们的证明分析的是 $\epsilon = 0$),
# AdamW 如果在一个不增、总和发散的学习率调度下收敛,收敛到的就是"在 $|\theta_i| \le 1/\lambda$ 的盒子里最小化原来的 loss"的 KKT 点。
# 这里 $1/\lambda = 10$,远大于最优解的 0.586,盒子不起作用:那个 KKT 点就是不加正则的最优解。
# (这一课的余弦调度只走 5000 步,学习率的总和有限,不在定理的条件里;它停下的地方已经很接近那个点。)下一节的 Lion 会撞上盒子的边。
#
# Loshchilov & Hutter(2019)证明的是上面那两点:随机梯度下降时两种写法等价,Adam 这样的自适应方法时不等价。
# 他们在图像分类(CIFAR-10、ImageNet 32×32)上发现:分开以后,权重衰减和学习率的最好取值互不牵连,Adam 的泛化也追上了带动量的随机梯度下降。
# (这一节说的都是全量梯度。)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Lion:只看符号
#
# Lion 是 Chen 等(2023)用程序搜索找到的优化器。它只记一个动量 $m$,每一步只用一个方向的**符号**:
#
# $$c = \beta_1 m + (1-\beta_1) g, \qquad \theta \leftarrow \theta\,(1 - \eta\lambda) - \eta\,\mathrm{sign}(c), \qquad
#   m \leftarrow \beta_2 m + (1-\beta_2) g$$
#
# ($\beta_1 = 0.9$、$\beta_2 = 0.99$)。PyTorch 里是 `lion_pytorch.Lion(params, lr=1e-3, weight_decay=2.0)`(社区包 `lion-pytorch`,
# 照论文的算法写;作者的代码在 google/automl)。不加衰减时,每个参数每一步都**正好**移动 $\eta$。
# 用精确的全量梯度,三个学习率一起跑 4000 步:

# %% slideshow={"slide_type": "slide"}
lion_lrs = np.array([[1e-2], [3e-3], [1e-3]])  # 三个运行叠在一起, 一行一个学习率
lion_paths = trajectory(Lion(lr=lion_lrs), gradient, np.tile(start_theta(M), (3, 1)), 4000)
moves = np.abs(np.diff(lion_paths, axis=0)) / lion_lrs  # 每一步每个参数移动了几个学习率
print(f"每一步每个参数移动的距离 / 学习率: 最小 {moves.min():.6f}, 最大 {moves.max():.6f}")
lion_errors = np.abs(lion_paths - theta_best).max(axis=-1)  # 离最优解最远的那个参数差多少
for j, rate in enumerate(lion_lrs[:, 0]):
    tail = lion_paths[-1000:, j]  # 最后 1000 步
    print(f"lr = {rate:g}:  第 {first_step(lion_errors[:, j] < 3 * rate)} 步起离最优解不到 3 个学习率;"
          f"  最后 1000 步离最优解最远 {lion_errors[-1000:, j].max() / rate:.1f} 个学习率,"
          f"  每个参数来回的范围 {np.round((tail.max(axis=0) - tail.min(axis=0)) / rate).astype(int)} 个学习率")

# %% slideshow={"slide_type": "slide"}
ax = new_axes((10, 4.5), legend_space=0)
for j, rate in enumerate(lion_lrs[:, 0]):
    line, = ax.semilogy(lion_errors[:, j], linewidth=1.5, label=f"lr = {rate:g}")
    ax.axhline(2 * rate, color=line.get_color(), linestyle="--", linewidth=1)
style_axes(ax, "step", "max |theta_i - theta*_i|", "Lion: the error stops at about 2 lr (dashed)")
ax.legend(fontsize=FONT_SIZES["legend"], loc="upper right")
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# - 每个参数每步都正好走一个学习率:Lion 的步长和梯度的大小无关,只有方向来自梯度。
# - 所以学习率不变时它停不下来:每个参数只能落在"起点 + 整数 × 学习率"的格点上,最后在最优解周围来回跳,
#   离最优解最远约 2 个学习率,每个参数来回的范围只有 2 到 4 个学习率宽,不再靠近。误差的大小由学习率决定,和它成正比。
# - 要让它停下来,学习率必须变小。Chen 等用的是余弦衰减:

# %% slideshow={"slide_type": "-"}
lion_cosine = run_with_rates(Lion(), gradient, schedule_rates("cosine", 1e-2, 4000))
print(f"Lion, 学习率从 1e-2 按余弦降到 0, 4000 步: 离最优解最远不到 1e-6: {np.abs(lion_cosine - theta_best).max() < 1e-6}")

# %% [markdown] slideshow={"slide_type": "slide"}
# **Lion 的权重衰减是一个盒子**。只要 $\eta\lambda \le 1$:
#
# - 在盒子 $|\theta_i| \le 1/\lambda$ 里面时,$|\theta_i(1 - \eta\lambda) \pm \eta| \le (1 - \eta\lambda)/\lambda + \eta = 1/\lambda$:一步出不去;
# - 在盒子外面时,$|\theta_i|$ 超出盒子的部分 $|\theta_i| - 1/\lambda$ 每步至少乘以 $1 - \eta\lambda$:很快回到盒子边上(或者进去)。
#
# Chen、Liu、Liang、Liu(2023)证明了更多(主要在连续时间里,也有离散的版本):带权重衰减 $\lambda$ 的 Lion 会进入这个盒子,
# 并走向"在 $|\theta_i| \le 1/\lambda$ 的盒子里最小化 loss"这个约束问题的 KKT 点(和上一节 AdamW 的盒子一样);
# 学习率不变时,它只能停在那个点附近几个学习率的范围里。取 $\lambda = 2$:盒子的边 $1/\lambda = 0.5$ 小于最优解的 0.586,约束起作用。
# 盒子里的最优解 `least_squares_in_box` 用投影梯度下降另外算出来(`course_lib.model`)。

# %% slideshow={"slide_type": "slide"}
box_decay = 2.0
boxed = trajectory(Lion(lr=1e-3, weight_decay=box_decay), gradient, start_theta(M), 4000)
sizes = np.abs(boxed).max(axis=-1)
inside = first_step(sizes <= 1 / box_decay)
theta_box = least_squares_in_box(x, y, 1 / box_decay)
print(f"起点 |theta|max = {sizes[0]:.1f}: 第 {inside} 步进入盒子 |theta_i| <= {1 / box_decay},"
      f" 之后一直在里面: {bool(np.all(sizes[inside:] <= 1 / box_decay))}")
print(f"第 4000 步离盒子里的最优解最远 {np.abs(boxed[-1] - theta_box).max():.1e} (学习率 1e-3),"
      f" 离不加约束的最优解 {np.abs(boxed[-1] - theta_best).max():.3f}")
print("盒子里的最优解:", np.round(theta_box, 3))

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Schedule-Free:不用事先定好在哪一步停
#
# 第 9 课的余弦调度要先知道一共走几步 $T$:学习率在第 $T$ 步才降到 0。想多训练一会儿,或者提前停下,就得换一个调度重新跑。
# Schedule-Free SGD(Defazio 等 2024)用常数学习率,同时维护三个点:
#
# $$z \leftarrow z - \eta\,\nabla f(y), \qquad x \leftarrow (1 - c)\,x + c\,z,\ \ c = \frac{1}{k+1}, \qquad y \leftarrow \beta x + (1-\beta) z.$$
#
# $z$ 走普通的随机梯度下降;$x$ 是所有 $z$ 的平均,**评估和最后用的是它**;梯度在两者之间的 $y$ 上算。
# $\beta = 0$ 时就是随机梯度下降加上对各步取平均(Polyak–Ruppert 平均)。PyTorch 里是作者的参考实现
# `schedulefree.SGDScheduleFreeReference(params, lr=0.03, momentum=0.5)`(`momentum` 就是 $\beta$,作者的默认值是 0.9)。
#
# 和第 9 课一样每步一条数据($B = 1$);为了不被某一串行的运气左右,换 20 串行(种子 0 到 19)取平均。
# 余弦调度为每个停止步数 $T$ 各跑一次,学习率从 0.003、0.01、0.03、0.1 里挑最好的;Schedule-Free 只跑一次(学习率 0.03),中途任何一步停下来都行。

# %% slideshow={"slide_type": "slide"}
seeds = 20
rows = np.stack([sampled_rows(N, 5000, seed) for seed in range(seeds)], axis=1)  # (步, 种子): 每串行自己的行
per_seed = row_gradient(x, y, rows, exact=True)  # 叠在一起的每个运行用自己那一串行
stops = [500, 1000, 2500, 5000]
cosine_lrs = [3e-3, 1e-2, 3e-2, 0.1]
best_cosine = {}
for T in stops:  # 每个 T 一个余弦调度, 4 个学习率 x 20 串行叠在一起跑
    schedule = np.array([schedule_rates("cosine", lr0, T) for lr0 in cosine_lrs]).repeat(seeds, axis=0)  # (80, T)
    stacked_rows = np.tile(rows[:T], (1, len(cosine_lrs)))  # 每个学习率用同样的 20 串行
    # 学习率是步数 k 的函数 (第 9 课); rates=schedule 把这一轮的调度固定在函数里
    end = trajectory(SGD(lr=lambda k, rates=schedule: rates[:, k, None]), row_gradient(x, y, stacked_rows, exact=True),
                     np.tile(start_theta(M), (len(schedule), 1)), T)[-1]
    final = gap(end).reshape(len(cosine_lrs), seeds).mean(axis=1)  # 每个学习率 20 串行的平均
    best_cosine[T] = (cosine_lrs[int(np.argmin(final))], final.min())

# %% slideshow={"slide_type": "slide"}
schedule_free = {}
for beta in [0.9, 0.5]:
    optimizer, theta, averages = ScheduleFreeSGD(lr=0.03, beta=beta), np.tile(start_theta(M), (seeds, 1)), []
    for k in range(5000):
        theta = optimizer.step(theta, per_seed(theta, k))
        averages.append(gap(optimizer.x).mean())  # 在平均点 x 上评估, 20 串行的平均
    schedule_free[beta] = np.array(averages)

print("停在第 T 步   余弦调度 (为这个 T 挑的学习率)   Schedule-Free beta = 0.9   beta = 0.5")
for T in stops:
    print(f"{T:>8}      {best_cosine[T][1]:.4f}  (lr {best_cosine[T][0]:<5g})"
          f"             {schedule_free[0.9][T - 1]:.4f}               {schedule_free[0.5][T - 1]:.4f}")

# %% slideshow={"slide_type": "slide"}
ax = new_axes((10, 4.5), legend_space=2.4)
for beta, curve in schedule_free.items():
    ax.loglog(np.arange(1, 5001), curve, linewidth=2, label=f"Schedule-Free,\nbeta = {beta}")
ax.loglog(stops, [best_cosine[T][1] for T in stops], "k*", markersize=14, label="cosine, tuned\nfor each T")
style_axes(ax, "step", "MSE - optimum (mean of 20)", "One Schedule-Free run against cosine runs")
ax.legend(fontsize=FONT_SIZES["legend"], loc="upper left", bbox_to_anchor=(1.01, 1))
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# - $\beta = 0.5$ 的 Schedule-Free 只跑了一次,在每一个停止步数上都比专门为那个 $T$ 调好的余弦调度离最优值近:
#   差距只有余弦调度的 0.45 到 0.6 倍。公平起见要说明:它的学习率 0.03 和 $\beta = 0.5$ 也是在这 20 串行上试出来的
#   (学习率取 0.01 时,停在第 500 步就不如余弦调度)。
# - 作者的默认值 $\beta = 0.9$ 在这个问题上反而不如余弦调度(差约 1.6 到 1.8 倍):$\beta$ 也是要调的超参数。
# - 理论上(Defazio 等 2024 的 Theorem 1):对凸、梯度有界的问题,任何 $\beta \in [0, 1]$ 配上常数学习率 $\eta = D/(G\sqrt{T})$
#   ($D$ 是起点到最优解的距离,$G$ 是梯度的上界),平均点 $x_T$ 的 loss 差距的期望不超过 $DG/\sqrt{T}$,这是这类问题最坏情况下最好的速度。
#   定理里最好的学习率仍然和 $T$ 有关;但学习率在整个运行中不变,不用调度,任何一步停下来 $x$ 都是可以直接用的平均点。

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 练习
#
# **练习 1**:在我们的二次函数上,各自用最好的参数,重球法和 Nesterov 谁先让 MSE 离最优值不到 $10^{-10}$?
# 先猜一猜(不看上面的表):"重球法" 还是 "Nesterov"?

# %% slideshow={"slide_type": "skip"}
# 你的猜测: "重球法" 还是 "Nesterov"? 把 None 换成其中一个, 再运行这一格和下一格
guess = None

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["answer"]
with answer() as explain:
    steps = {name: first_step(gap(path) < 1e-10) for name, path in paths.items()}
    for name in ["重球法", "Nesterov"]:
        print(f"{name}: 每步收缩 {factors[name]:.3f}, {steps[name]} 步")
    explain(f"在二次函数上重球法更快:它的收缩因子 {factors['重球法']:.3f} 比 Nesterov 的 {factors['Nesterov']:.3f} 小。",
            holds=factors["重球法"] < factors["Nesterov"] and steps["重球法"] < steps["Nesterov"])
    explain("Nesterov 的好处是保证:常数 beta 按 kappa 调好时,对所有光滑的强凸函数都收敛(上面的 Lessard 函数),"
            "重球法没有这个保证。")
check(guess, "重球法" if steps["重球法"] < steps["Nesterov"] else "Nesterov", choices=("重球法", "Nesterov"),
      hint="比一比两者每步的收缩因子: (sqrt(kappa) - 1) / (sqrt(kappa) + 1) 和 1 - 2 / sqrt(3 kappa + 1)。")

# %% [markdown] slideshow={"slide_type": "slide"}
# **练习 2**:AdamW 的权重衰减取 $\lambda = 5$(盒子的边 $1/\lambda = 0.2$),照上面的设置跑 5000 步,最后最大的 $|\theta_i|$ 大约是多少?

# %% slideshow={"slide_type": "skip"}
# 你的猜测: lambda = 5 时 AdamW 最后最大的 |theta_i| 是多少? 把 None 换成一个数, 再运行这一格和下一格
guess = None

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["answer"]
with answer() as explain:
    strong = run_with_rates(AdamW(weight_decay=5.0), gradient, rates)
    box = least_squares_in_box(x, y, 0.2)
    print(f"lambda = 5: 最后最大的 |theta_i| = {np.abs(strong).max():.3f} (盒子的边 1/lambda = 0.2)")
    print(f"盒子里的最优解: {np.round(box, 3)}")
    print(f"AdamW 最后:     {np.round(strong, 3)}")
    outside = int((np.abs(theta_best[:-1]) > 0.2).sum())
    on_edge = int(np.isclose(np.abs(box[:-1]), 0.2).sum())
    explain(f"最大的 |theta_i| 停在盒子的边 0.2 附近。最优解的 {outside} 个权重都比 0.2 大,都被盒子挡住;"
            f"盒子里的最优解(KKT 点)有 {on_edge} 个坐标贴在边上,另外 {outside - on_edge} 个因为特征之间互相牵连,退到了边的里面。",
            holds=abs(np.abs(strong).max() - 0.2) < 0.01)
    explain("Xie & Li 的定理说 AdamW 如果收敛(学习率总和发散),就收敛到那里;这里的余弦调度在第 5000 步已经把学习率降到几乎 0,"
            f"AdamW 停在离它还差 {np.abs(strong - box).max():.3f} 的地方。")
    explain(f"AdamW 也不像 Lion 那样一步也出不了盒子:最大的 |theta_i| 是 {np.abs(strong).max():.3f},略大于 0.2。",
            holds=np.abs(strong).max() > 0.2)
check(guess, np.abs(strong).max(), tolerance=0.1, hint="看看盒子的边 1/lambda; 最优解有好几个坐标比 0.2 大。")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 自己动手:拖动滑块
#
# Lion 的学习率和权重衰减:左图是 6 个参数随步数的变化(虚线是盒子的边 $\pm 1/\lambda$),
# 右图是离盒子里的最优解最远的参数差多少(对数坐标,虚线是一个学习率)。
# 这个单元格需要在 JupyterLab 里运行才能看到滑块。

# %% slideshow={"slide_type": "-"} tags=["nbval-ignore-output"]
lion_explorer(x, y)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 小结
#
# - **Nesterov**:步子是 $\eta(g + \beta m)$,相当于在前面一点的地方算梯度。在二次函数上最好的重球法更快;Nesterov 的好处是保证:
#   常数 $\beta$ 按 $\kappa$ 调好时对所有光滑的强凸函数都有加速(动量系数随步数变大的版本对一般的光滑凸函数也有),而重球法可能不收敛。
#   `torch.optim.SGD(..., nesterov=True)`。
# - **AdamW**:权重衰减不经过 Adam 的 $\sqrt{S}$,所以它不是 L2 正则:它像一个强度 $\lambda\sqrt{\hat S}$ 的正则,梯度变小时越来越弱;
#   全量梯度下,它如果收敛,停在"$|\theta_i| \le 1/\lambda$ 的盒子里最小化 loss"的 KKT 点。盒子比最优解大时,它几乎不正则化。
# - **Lion**:只用符号,每步每个参数正好走一个学习率;学习率不变时误差停在约 2 个学习率,要靠学习率衰减收尾;权重衰减同样是一个盒子,而且一步也出不去。
# - **Schedule-Free**:常数学习率,在所有 $z$ 的平均点 $x$ 上评估,不用事先定好在哪一步停;$\beta$ 要调。
# - **下一课**:Muon,把一整个权重矩阵的更新"正交化"。
