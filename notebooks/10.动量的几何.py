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
# # 10. 动量的几何
#
# 第 3 课看到动量法比随机梯度下降快,第 8 课看到它在碗里冲过头再绕回来。这一课回答**为什么**,而且算出
# 最好的学习率和动量系数各是多少(思路来自 Goh 2017, *Why Momentum Really Works*,Distill)。
#
# 为了看清几何,前面几节只用**精确的全量梯度**:没有抽样噪声,每一步都可以用公式算出来,再跑一遍验证。
# 最后一节再回到第 3 课的随机梯度,看动量怎样放大噪声。
#
# **看图时注意**:误差沿 Hessian 的每个特征方向各走各的;最慢的那个方向决定了一共要走多少步。

# %% [markdown] slideshow={"slide_type": "notes"}
# 讲解提示:先回忆第 1 课的学习率上限 2/λmax;这一课把"上限"推广成"每个方向的收敛速度",再加上动量。

# %% slideshow={"slide_type": "skip"}
import numpy as np
from matplotlib import pyplot as plt
# %matplotlib inline
# 课程的图都排好了版面 (constrained layout 或固定的页边距), 显示时不用再裁一次白边 (每张图少画一遍)
# %config InlineBackend.print_figure_kwargs = {"bbox_inches": None}

from course_lib import (FONT_SIZES, SGD, Momentum, answer, check,
                        convergence_factor as library_factor, first_step, geometry_explorer,
                        least_squares, load_data, mse_hessian, new_axes, row_gradient,
                        sampled_rows, sse_curve, start_theta, style_axes, to_theta, trajectory)

x, y = load_data()
N, M = x.shape

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 梯度下降:每个特征方向各走各的
#
# MSE 是二次函数。记最优解为 $\theta^*$、Hessian 为 $H$,精确梯度就是 $H(\theta - \theta^*)$,所以梯度下降
#
# $$\theta_{k+1} - \theta^* = (I - \eta H)\,(\theta_k - \theta^*).$$
#
# 把误差 $\theta - \theta^*$ 写成 $H$ 的特征向量 $q_i$ 的组合 $\sum_i c_i q_i$($H q_i = \lambda_i q_i$),每个坐标各乘各的:
#
# $$c_i \leftarrow (1 - \eta\lambda_i)\,c_i .$$
#
# $|1 - \eta\lambda_i| < 1$ 的方向收敛,越接近 0 越快。

# %% slideshow={"slide_type": "slide"}
H = mse_hessian(x)
lam, Q = np.linalg.eigh(H)  # 特征值从小到大, Q 的每一列是一个特征向量
theta_best = to_theta(*least_squares(x, y))
kappa = lam[-1] / lam[0]
print("特征值:", np.round(lam, 3))
print(f"条件数 kappa = {kappa:.1f},  稳定的上限 2 / lambda_max = {2 / lam[-1]:.3f}")


def gradient(theta, k):
    """MSE 的精确梯度 H (theta - theta*), 对一组或一叠参数都适用"""
    return (theta - theta_best) @ H


def gap(thetas):
    """MSE 比最优值多多少: 二次函数的精确公式 (theta - theta*)^T H (theta - theta*) / 2"""
    errors = np.asarray(thetas) - theta_best
    return 0.5 * ((errors @ H) * errors).sum(axis=-1)

# %% [markdown] slideshow={"slide_type": "slide"}
# 一个学习率要照顾所有方向:最平的方向 $\lambda_\min$ 想要大步,最陡的方向 $\lambda_\max$ 不许太大。
# 让两头的 $|1 - \eta\lambda|$ 相等,得到最好的固定学习率和它每步的收缩因子:
#
# $$\eta^* = \frac{2}{\lambda_\min + \lambda_\max}, \qquad
#   |1 - \eta^*\lambda_\min| = |1 - \eta^*\lambda_\max| = \frac{\kappa - 1}{\kappa + 1}.$$

# %% slideshow={"slide_type": "-"}
lr_gd = 2 / (lam[0] + lam[-1])
print(f"eta* = {lr_gd:.4f},  最慢方向每步乘以 (kappa - 1) / (kappa + 1) = {(kappa - 1) / (kappa + 1):.4f}")
print("每个方向的 |1 - eta* lambda|:", np.round(np.abs(1 - lr_gd * lam), 3))

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 跑一遍验证
#
# 从各课共同的起点($w$ 全是 1,$b = 0$)用 $\eta^*$ 跑 100 步,把每一步的误差投影到 6 个特征方向上,
# 和公式 $c_i(k) = (1 - \eta^*\lambda_i)^k\,c_i(0)$ 比较。

# %% slideshow={"slide_type": "-"}
thetas_gd = trajectory(SGD(lr=lr_gd), gradient, start_theta(M), 100)
coords = (thetas_gd - theta_best) @ Q  # 每一步在 6 个特征方向上的坐标
predicted = coords[0] * (1 - lr_gd * lam) ** np.arange(101)[:, None]
# 差别只是舍入误差 (1e-15 量级, 具体多少取决于 CPU 和 BLAS, 所以只打印它小于多少)
print("公式和实际运行最多相差不到 1e-14:", np.abs(coords - predicted).max() < 1e-14)

# %% slideshow={"slide_type": "slide"}
ax = new_axes((10, 4.5), legend_space=2.0)
for i in range(M + 1):
    ax.semilogy(np.abs(coords[:, i]), label=f"lambda = {lam[i]:.2f}")
ax.set_ylim(1e-17, 10)  # 1e-16 以下只剩舍入误差
style_axes(ax, title=f"GD, lr = {lr_gd:.3f}: |error| along each eigenvector",
           xlabel="step", ylabel="|c_i|")
ax.legend(fontsize=FONT_SIZES["legend"], loc="upper left", bbox_to_anchor=(1.01, 1))
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# 最陡的方向($\lambda = 4.22$)和最平的方向($\lambda = 0.35$)收缩得一样慢,因为 $\eta^*$ 正是让两者的 $|1 - \eta\lambda|$ 相等的那个值
# (最平的方向一路同号地变小;最陡的方向 $1 - \eta^*\lambda_\max < 0$,每一步都换一次号);
# 中间的方向快得多($\lambda = 2.25$ 的方向每步乘以约 0.016),几十步就降到了舍入误差($10^{-16}$)的水平。
# ($\lambda = 2$ 是偏置 $b$ 的方向:特征都减过均值,$b$ 和 $w$ 互不牵连,$H$ 在 $b$ 上正好是 $2$;$y$ 也减过均值,
# 所以 $b$ 的最优值就是 0,起点 $b = 0$ 在这个方向上本来就没有误差。)

# %% slideshow={"slide_type": "-"}
def steps_to_gap(thetas, tolerance=1e-10):
    """MSE 第一次比最优值多不到 tolerance 的那一步 (没有就是 None)"""
    return first_step(gap(thetas) < tolerance)


print(f"梯度下降, lr = eta*: 第 {steps_to_gap(trajectory(SGD(lr=lr_gd), gradient, start_theta(M), 200))} 步"
      f" MSE 离最优值不到 1e-10 (开始时差 {gap(start_theta(M)):.2f})")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 动量:每个方向是一个 2×2 的系统
#
# 第 3 课的动量法 $m \leftarrow \beta m + g$,$\theta \leftarrow \theta - \eta m$。沿特征方向 $i$,$g = \lambda_i c_i$,于是
#
# $$\begin{pmatrix} m \\ c \end{pmatrix} \leftarrow
#   \begin{pmatrix} \beta & \lambda_i \\ -\eta\beta & 1 - \eta\lambda_i \end{pmatrix}
#   \begin{pmatrix} m \\ c \end{pmatrix}.$$
#
# 这个矩阵特征值的最大模长就是这个方向长期来看每步的收缩因子。$\beta = 0$ 时它就是梯度下降的 $|1 - \eta\lambda_i|$。

# %% slideshow={"slide_type": "slide"}
def convergence_factor(lr, beta, lam_i):
    """动量法沿特征值 lam_i 的方向, 长期来看每步把误差乘以多少: 2x2 矩阵特征值的最大模长"""
    R = np.array([[beta, lam_i], [-lr * beta, 1 - lr * lam_i]])
    return np.abs(np.linalg.eigvals(R)).max()


print("beta = 0 时就是 |1 - eta lambda|:",
      all(np.isclose(convergence_factor(lr_gd, 0.0, lam_i), abs(1 - lr_gd * lam_i)) for lam_i in lam))
# course_lib.geometry 里的同一个函数 (探索器用它), 和这里写的完全一样
print("和 course_lib 的一样:", all(convergence_factor(0.5, 0.3, lam_i) == library_factor(0.5, 0.3, lam_i) for lam_i in lam))

# %% [markdown] slideshow={"slide_type": "slide"}
# 分析这个矩阵(Polyak 1964;Goh 2017 的 "The Dynamics of Momentum" 一节)可以得到下面几条。它们在二次函数上精确成立;
# 对一般的光滑强凸函数,Polyak 只证明了它们在最优点附近成立(局部、长期)。
#
# - **稳定条件**(动量系数 $0 \le \beta < 1$ 时):$0 < \eta\lambda_i < 2(1 + \beta)$。动量把梯度下降的上限 $2/\lambda_\max$ 放宽了 $1 + \beta$ 倍。
# - **最好的一组** $(\eta, \beta)$:让最平的方向刚好不振荡、最陡的方向刚好每步换号(下面"振荡还是阻尼"一节),几个方向一样慢,
#
# $$\beta^* = \left(\frac{\sqrt\kappa - 1}{\sqrt\kappa + 1}\right)^2, \qquad
#   \eta^* = \frac{4}{(\sqrt{\lambda_\max} + \sqrt{\lambda_\min})^2}, \qquad
#   \text{每步收缩}\ \sqrt{\beta^*} = \frac{\sqrt\kappa - 1}{\sqrt\kappa + 1}.$$
#
# 梯度下降的因子里是 $\kappa$,这里是 $\sqrt\kappa$:这就是动量在二次函数上的加速。二次函数以外它没有保证:
# Lessard、Recht、Packard(2016)找到一个 $\kappa = 25$ 的强凸函数:从某些起点出发,用这组参数的动量法会永远在 3 个点之间打转,不收敛。

# %% slideshow={"slide_type": "slide"}
root_kappa = np.sqrt(kappa)
beta_hb = ((root_kappa - 1) / (root_kappa + 1)) ** 2
lr_hb = 4 / (np.sqrt(lam[-1]) + np.sqrt(lam[0])) ** 2
print(f"beta* = {beta_hb:.3f},  eta* = {lr_hb:.3f},  每步收缩 {np.sqrt(beta_hb):.4f}"
      f"  (梯度下降 {(kappa - 1) / (kappa + 1):.4f})")
print("每个方向的收缩因子:", np.round([convergence_factor(lr_hb, beta_hb, lam_i) for lam_i in lam], 4))
print(f"按长期收缩因子估算, 把误差缩小 1e5 倍要走的步数: 梯度下降 {np.log(1e-5) / np.log((kappa - 1) / (kappa + 1)):.0f},"
      f" 动量 {np.log(1e-5) / np.log(np.sqrt(beta_hb)):.0f}")

# %% slideshow={"slide_type": "slide"}
thetas_hb = trajectory(Momentum(lr=lr_hb, beta=beta_hb), gradient, start_theta(M), 200)
print(f"动量法, eta* 和 beta*: 第 {steps_to_gap(thetas_hb)} 步 MSE 离最优值不到 1e-10")
# 为什么比上面的 19 步多: 从差 6.88 到 1e-10, 误差要缩小约 2.6e5 倍 (不是 1e5); 而且最平和最陡的方向
# 是 2x2 矩阵的重根 (最平 +sqrt(beta*), 最陡 -sqrt(beta*)), 误差像 (1 + c k) * sqrt(beta*)^k 衰减, 比 sqrt(beta*)^k 多走几步

# %% slideshow={"slide_type": "slide"}
ax = new_axes((10, 4.5), legend_space=0)
ax.semilogy(gap(thetas_gd), label=f"GD, lr = {lr_gd:.3f}")
ax.semilogy(gap(thetas_hb[:101]), label=f"momentum, lr = {lr_hb:.3f}, beta = {beta_hb:.3f}")
ax.axhline(1e-10, color="gray", linestyle=":", label="gap = 1e-10")
ax.set_ylim(1e-17, 100)  # 1e-16 以下只剩舍入误差
style_axes(ax, title="Distance to the optimum", xlabel="step", ylabel="MSE - optimum")
ax.legend(fontsize=FONT_SIZES["legend"], loc="upper right")
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 公式说的是"最坏的方向",不是"这个起点"
#
# $\eta^*$、$\beta^*$ 让**最慢的方向**尽量快,是对任何起点都成立的**长期**速度保证。对某一个具体的起点,别的组合可能更快一点。
# 在 $(\eta, \beta)$ 的网格上把每一组都跑 200 步(一起算,一叠参数一次更新)看看:

# %% slideshow={"slide_type": "slide"}
lrs, betas = np.meshgrid(np.linspace(0.02, 1.4, 70), np.linspace(0.0, 0.9, 46))
optimizer = Momentum(lr=lrs.reshape(-1, 1), beta=betas.reshape(-1, 1))
theta = np.tile(start_theta(M), (lrs.size, 1))
first_below = np.full(lrs.size, np.inf)
with np.errstate(over="ignore", invalid="ignore"):
    for k in range(1, 201):
        theta = optimizer.step(theta, gradient(theta, k))
        first_below[(gap(theta) < 1e-10) & np.isinf(first_below)] = k
best = np.argmin(first_below)
print(f"网格上最快: lr = {lrs.flat[best]:.2f}, beta = {betas.flat[best]:.2f}, {first_below[best]:.0f} 步"
      f"  (公式的 eta*, beta*: {steps_to_gap(thetas_hb)} 步)")
gd_row = betas == 0
print(f"只看 beta = 0 (梯度下降) 那一行: 最快 {first_below[gd_row.ravel()].min():.0f} 步"
      f"  (公式的 eta*: {steps_to_gap(thetas_gd)} 步)")

# %% slideshow={"slide_type": "slide"}
ax = new_axes((10, 4), legend_space=0)
steps_map = ax.pcolormesh(lrs, betas, first_below.reshape(lrs.shape), cmap="viridis_r", vmax=200)
colorbar = plt.colorbar(steps_map, ax=ax)
colorbar.set_label("steps to gap < 1e-10", fontsize=FONT_SIZES["label"])
colorbar.ax.tick_params(labelsize=FONT_SIZES["ticks"])
ax.plot(2 * (1 + betas[:, 0]) / lam[-1], betas[:, 0], "r--", label="limit 2(1+beta)/lambda_max")
ax.plot(lr_hb, beta_hb, "w*", markeredgecolor="black", markersize=20, label="Polyak's optimum")
style_axes(ax, "lr", "beta", "Momentum: steps needed (white: not within 200)")
ax.legend(fontsize=FONT_SIZES["legend"], loc="lower right")
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# 图里白色的区域 200 步内到不了。红色虚线是公式给出的稳定上限 $2(1+\beta)/\lambda_\max$:虚线右边的每一组都没有到(发散);
# 最快的区域就在公式给出的星号附近。

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 振荡还是阻尼
#
# 每个方向的 2×2 矩阵有两个特征值,它们的和是 $1 + \beta - \eta\lambda$,积是 $\beta$。$0 < \beta < 1$ 时分三种情况:
#
# - $\eta\lambda < (1 - \sqrt\beta)^2$:两个正实根,误差**不振荡**地衰减(阻尼大,小球慢慢滑下去);
# - $(1 - \sqrt\beta)^2 < \eta\lambda < (1 + \sqrt\beta)^2$:一对复根,模长都是 $\sqrt\beta$,误差**振荡**着衰减(小球来回滚);
# - $\eta\lambda > (1 + \sqrt\beta)^2$(还在稳定上限 $2(1 + \beta)$ 以内):两个负实根,误差**每一步都换号**(步子太大,来回跳)。
#   $\beta = 0$ 时两个根是 0 和 $1 - \eta\lambda$(梯度下降):$1 - \eta\lambda < 0$ 的方向同样每步换号。
#
# Goh 2017 把这三种叫作 monotonic decrease、ripples 和 monotonic oscillation。最好的 $(\eta^*, \beta^*)$ 让最平的方向正好是
# 正的重根 $+\sqrt{\beta^*}$(第一种的边上,不振荡),最陡的方向正好是负的重根 $-\sqrt{\beta^*}$(第三种的边上,每步换号),
# 中间的方向都在振荡,模长都是 $\sqrt{\beta^*}$。下面用公式分类,再数一数实际运行的前 40 步里误差在每个方向上换了几次号。

# %% slideshow={"slide_type": "skip"}
def kind(lr, beta, lam_i):
    """这个方向的两个特征值: 和是 1 + beta - lr lam_i, 积是 beta"""
    total = 1 + beta - lr * lam_i
    discriminant = total ** 2 - 4 * beta  # 小于 0: 一对复数特征值
    # 正好在边上时判别式只剩舍入误差 (1e-15 量级, 正负随 CPU 而变), 所以离 0 不到 1e-9 就算重根
    if discriminant < -1e-9:
        return "复根: 振荡"
    roots = "重根" if discriminant <= 1e-9 else "实根"
    return f"正{roots}: 不振荡" if total > 0 else f"负{roots}: 每步换号"


def sign_changes(thetas, steps=40):
    """前 steps 步里误差在每个特征方向上换了几次号 (小到 1e-12 以下、只剩舍入误差的不算)"""
    c = (thetas[:steps + 1] - theta_best) @ Q
    big = np.abs(c) > 1e-12
    return ((np.sign(c[1:]) != np.sign(c[:-1])) & big[1:] & big[:-1]).sum(axis=0)


def oscillation_table(name, lr, beta, thetas):
    """每个特征方向: 收缩因子, 公式的分类, 实际运行的前 40 步里换了几次号"""
    print(f"{name}:")
    for lam_i, changes, error in zip(lam, sign_changes(thetas), (thetas[0] - theta_best) @ Q):
        counted = f"40 步里换号 {changes:2d} 次" if abs(error) > 1e-12 else "(这个方向没有误差)"
        print(f"  lambda = {lam_i:.3f}  收缩因子 {convergence_factor(lr, beta, lam_i):.3f}  {kind(lr, beta, lam_i):<8}  {counted}")


# %% slideshow={"slide_type": "slide"}
oscillation_table("eta*, beta*", lr_hb, beta_hb, thetas_hb)
oscillation_table("eta*, beta = 0.8", lr_hb, 0.8, trajectory(Momentum(lr=lr_hb, beta=0.8), gradient, start_theta(M), 40))

# %% slideshow={"slide_type": "slide"}
oscillation_table("梯度下降 (beta = 0), lr = 2 / (lambda_min + lambda_max)", lr_gd, 0.0, thetas_gd)

# %% [markdown] slideshow={"slide_type": "slide"}
# - 最好的 $(\eta^*, \beta^*)$:最平的方向一次号也不换,最陡的方向每一步都换号,中间的方向时正时负。
# - $\beta$ 太大(0.8)时,在这个学习率下所有方向都在振荡,收缩因子都是 $\sqrt{0.8} \approx 0.894$:比 $\sqrt{\beta^*}$ 慢得多。
#   动量不是越大越好。
# - 梯度下降没有复根,但最陡的方向 $1 - \eta\lambda_\max = -0.847$ 是负的,误差照样每一步都换号。

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 为什么第 3 课里动量抖得更厉害
#
# 学习率很小时($\eta\lambda \ll 1$),动量在一个方向上积累到 $g / (1 - \beta)$(第 3 课算过):它就像学习率是 $\eta / (1 - \beta)$ 的随机梯度下降,
# 所以它在最优值附近也抖得和学习率 $\eta/(1-\beta)$ 的随机梯度下降一样多。用第 3 课的行(种子 0)和精确的单行梯度验证。
# 抖得多少要等走到底以后再比:学习率 1e-3 的随机梯度下降在最平的方向上每步只乘以 $1 - \eta\lambda_\min \approx 0.99965$,
# 3000 步时还在往下走。所以这里跑 2 万步,比较第 1 万到 2 万步的 SSE 比最优值多出来多少、上下抖多少。

# %% slideshow={"slide_type": "slide"}
row_grad = row_gradient(x, y, sampled_rows(N, 20000), exact=True)
best_sse = sse_curve(theta_best, x, y)
names = ["SGD, lr = 1e-3", "momentum, lr = 1e-3, beta = 0.8", "SGD, lr = 5e-3 (= 1e-3 / (1 - 0.8))"]
# 三个运行叠成 3 行, 用同样的行一起跑: beta = 0 的动量法就是随机梯度下降
three = Momentum(lr=np.array([[1e-3], [1e-3], [5e-3]]), beta=np.array([[0.0], [0.8], [0.0]]))
curves = sse_curve(trajectory(three, row_grad, np.tile(start_theta(M), (3, 1)), 20000)[1:], x, y).T
excess = curves[:, 10000:] - best_sse  # 走到底以后 (第 1 万到 2 万步) 比最优值多出来的 SSE
for name, curve, extra in zip(names, curves, excess):
    print(f"{name}:\n  第 500 步 SSE {curve[499]:.1f};  走到底以后多出来的 SSE: 平均 {extra.mean():.2f},"
          f" 标准差 {extra.std():.2f} (是 SGD 1e-3 的 {extra.std() / excess[0].std():.1f} 倍)")

# %% [markdown] slideshow={"slide_type": "slide"}
# - 动量法(学习率 1e-3,$\beta = 0.8$)和学习率 5e-3 的随机梯度下降几乎一模一样:都比学习率 1e-3 的随机梯度下降走得快;
#   走到底以后,多出来的 SSE 的标准差都是学习率 1e-3 的约 5 倍,约等于 $1/(1-\beta) = 5$。换 10 个种子(行的顺序,种子 0 到 9),这个倍数在 4.6 到 7.3 之间。
# - 多出来的 SSE 是误差的平方,它放大 5 倍,参数本身的抖动(误差的标准差)只放大约 $\sqrt 5 \approx 2.2$ 倍。
# - 想要又快又稳,要在后期把学习率降下来(学习率调度,第 9 课);单靠动量做不到。

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 练习
#
# **练习 1**:保持 $\eta = \eta^*$,把 $\beta$ 从 $\beta^*$ 加大到 0.5 和 0.9,MSE 离最优值不到 1e-10 要走多少步?
# 先猜一猜:动量更大,到得更快还是更慢?

# %% slideshow={"slide_type": "skip"}
# 你的猜测:beta = 0.9 比 beta* "更快" 还是 "更慢"? 把 None 换成其中一个, 再运行这一格和下一格
guess = None

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["answer"]
with answer() as explain:
    steps, factors = {}, {}
    for beta in [beta_hb, 0.5, 0.9]:
        steps[beta] = steps_to_gap(trajectory(Momentum(lr=lr_hb, beta=beta), gradient, start_theta(M), 400))
        factors[beta] = [convergence_factor(lr_hb, beta, lam_i) for lam_i in lam]
        print(f"beta = {beta:.3f}  最慢方向每步乘以 {max(factors[beta]):.3f}  到 1e-10 用了 {steps[beta]} 步")
    explain(f"beta = 0.9 时(在 eta* 这个学习率下)每个方向都在振荡,收缩因子都是 sqrt(0.9) = {np.sqrt(0.9):.3f},"
            f"比 beta* 的 {max(factors[beta_hb]):.3f} 慢得多:要 {steps[0.9]} 步。",
            holds=np.allclose(factors[0.9], np.sqrt(0.9)) and steps[0.9] > 2 * steps[beta_hb])
check(guess, "更慢" if steps[0.9] > steps[beta_hb] else "更快", choices=("更快", "更慢"),
      hint="beta 大时所有方向都在振荡, 收缩因子是 sqrt(beta)。sqrt(0.9) 和 sqrt(beta*) 谁大?")

# %% [markdown] slideshow={"slide_type": "slide"}
# **练习 2**:如果条件数 $\kappa$ 是 100(比如数据没有标准化好),最好的梯度下降把误差缩小 1e5 倍要多少步?最好的动量法呢?
# 先用上面的公式算一算,再猜:最好的梯度下降要多少步?

# %% slideshow={"slide_type": "skip"}
# 你的猜测:kappa = 100 时, 最好的梯度下降要多少步? 把 None 换成一个数, 再运行这一格和下一格
guess = None

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["answer"]
with answer() as explain:
    ratios = {}
    for k in [kappa, 100]:
        gd_steps = np.log(1e-5) / np.log((k - 1) / (k + 1))
        hb_steps = np.log(1e-5) / np.log((np.sqrt(k) - 1) / (np.sqrt(k) + 1))
        ratios[k] = gd_steps / hb_steps
        print(f"kappa = {k:5.1f}  梯度下降 {gd_steps:4.0f} 步, 动量 {hb_steps:3.0f} 步, 之比 {ratios[k]:.1f}"
              f"  (sqrt(kappa) = {np.sqrt(k):.1f})")
    explain("按长期收缩因子估算,步数之比约等于 sqrt(kappa):kappa 越大,动量的好处越大"
            f"(kappa = 100 时 {gd_steps:.0f} 步对 {hb_steps:.0f} 步)。",
            holds=ratios[100] > ratios[kappa] and all(abs(ratios[k] / np.sqrt(k) - 1) < 0.1 for k in ratios))
    # 最陡的方向是重根 -r: 误差是 (1 + (1 + r) k) (-r)^k (动量从 0 开始)
    r = (np.sqrt(100) - 1) / (np.sqrt(100) + 1)
    counts = np.arange(1000)
    steep = int(np.flatnonzero((1 + (1 + r) * counts) * r**counts <= 1e-5)[0])
    explain("动量最平和最陡的方向是重根,误差还多一个随步数 k 增长的倍数 (1 + c k):"
            f"最陡的方向实际要 {steep} 步,好处仍然很大,但不到 10 倍。", holds=hb_steps < steep and 5 < gd_steps / steep < 10)
check(guess, gd_steps, tolerance=0.1, hint="(kappa - 1) / (kappa + 1) = 99 / 101; 解 ((99 / 101) ** k = 1e-5)。")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 自己动手:拖动滑块
#
# 拖动学习率和动量系数:左图是 6 个特征方向各自的收缩因子(超过 1 的方向会发散,灰色的点是同一学习率下的梯度下降),
# 右图是从同一起点跑 100 步离最优值的距离(对数坐标,虚线是最好的梯度下降)。
# 这个单元格需要在 JupyterLab 里运行才能看到滑块。

# %% slideshow={"slide_type": "-"} tags=["nbval-ignore-output"]
geometry_explorer(x, y)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 小结
#
# - 在二次的 loss 上,梯度下降沿 Hessian 的每个特征方向各走各的,每步乘以 $|1 - \eta\lambda_i|$;
#   稳定要 $\eta < 2/\lambda_\max$,最好也只能让最慢的方向每步乘以 $(\kappa - 1)/(\kappa + 1)$。
# - 动量把每个方向变成一个 2×2 的系统:稳定范围放宽到 $0 < \eta\lambda < 2(1 + \beta)$($0 \le \beta < 1$),最好的 $(\eta, \beta)$
#   让收缩因子变成 $(\sqrt\kappa - 1)/(\sqrt\kappa + 1)$:二次函数上的 $\sqrt\kappa$ 加速(一般的函数只在最优点附近有这个保证)。
# - 振荡有两种:复根时误差时正时负地转着衰减;负实根时(步子太大)误差每步换号。最好的参数让最平的方向刚好不振荡、最陡的方向刚好每步换号。
# - 动量太大,所有方向都在振荡,反而更慢;学习率很小时,动量就是把学习率放大 $1/(1-\beta)$ 倍:走得快,
#   最优值附近多出来的 loss 和它的抖动也放大约 $1/(1-\beta)$ 倍(参数的抖动放大约 $\sqrt{1/(1-\beta)}$ 倍)。
