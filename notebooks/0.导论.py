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
# # 0. 导论:数据、模型、最优解和梯度检验
#
# 这门课用同一个问题讲七种优化器:用线性模型 $\hat y = w^\top x + b$ 拟合 NASA 翼型噪声数据,
# loss 是均方误差
#
# $$L(w, b) = \frac{1}{N}\sum_{i=1}^{N}\left(w^\top x_i + b - y_i\right)^2 .$$
#
# 这一课先把舞台搭好:数据是什么、为什么要标准化、loss 长什么样、**最优解在哪里**(以后每一课都拿它当终点线),
# 以及怎样检验一个梯度算得对不对。
#
# **看图时注意**:loss 曲面是一个"碗";数值梯度和真正的梯度之间有一个固定的偏差,它决定了梯度下降最后停在哪里。

# %% [markdown] slideshow={"slide_type": "notes"}
# 讲解提示:这一课没有优化器,重点是"终点线" MSE = 0.4842902579 和前向差分的偏差 eps,后面每一课都会用到。

# %% slideshow={"slide_type": "skip"}
import numpy as np
from matplotlib import pyplot as plt
# %matplotlib inline
# 课程的图都用 constrained layout 排好了版面, 显示时不用再裁一次白边 (每张图少画一遍)
# %config InlineBackend.print_figure_kwargs = {"bbox_inches": None}

from course_lib import (FONT_SIZES, SGD, airfoil_slice, answer, check, full_batch_gradient,
                        least_squares, load_table, mse, mse_gradient, mse_hessian, new_axes,
                        numeric_gradient, plot_paths, predict, split_features_target, standardize,
                        start_theta, style_axes, to_theta, trajectory)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 数据
#
# 数据来自 UCI 机器学习库的 Airfoil Self-Noise:NASA 在风洞里测量翼型的噪声,一共 1503 次测量,每行 6 个数,用制表符分隔:
#
# | 列 | 含义 | 单位 |
# |---|---|---|
# | 1 | 频率 | Hz |
# | 2 | 攻角 | 度 |
# | 3 | 弦长 | m |
# | 4 | 自由流速度 | m/s |
# | 5 | 吸力面位移厚度 | m |
# | 6 | 声压级(要预测的 $y$) | dB |

# %% [markdown] slideshow={"slide_type": "slide"}
# 先看原始数据:各列的数量级相差极大,频率上万,位移厚度只有千分之几。

# %% slideshow={"slide_type": "-"}
COLUMNS = ["frequency", "angle", "chord", "velocity", "thickness", "sound (y)"]
raw = load_table()
print(f"{raw.shape[0]} 行, {raw.shape[1]} 列")
print(f"{'':<10}{'min':>12}{'max':>12}{'mean':>12}{'std':>12}")
for name, column in zip(COLUMNS, raw.T):
    print(f"{name:<10}{column.min():>12.5g}{column.max():>12.5g}{column.mean():>12.5g}{column.std():>12.5g}")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 为什么要标准化
#
# 每一列减去均值、除以标准差之后,所有列的均值都是 0,标准差都是 1(目标 $y$ 也一样)。
# 这对优化器非常重要:loss 沿每个参数方向的弯曲程度(二阶导数)正比于那一列数值的平方的平均值。
# 原始数据里,沿"频率"方向的弯曲程度比沿"位移厚度"方向大上亿倍,学习率只能迁就最陡的方向,
# 在最平的方向上几乎一步都走不动。衡量这件事的是 Hessian(二阶导数矩阵)最大和最小特征值之比,叫作**条件数**。

# %% slideshow={"slide_type": "-"}
# 以后每一课都用 load_data() 一步完成读取和标准化; 这里数据已经读进来了, 直接标准化
x, y = split_features_target(standardize(raw))

# mse_hessian: MSE 对 (w, b) 的二阶导数矩阵 2/N * A^T A, A 是在特征后面加一列 1
for label, features in [("原始数据", raw[:, :-1]), ("标准化后", x)]:
    eigenvalues = np.linalg.eigvalsh(mse_hessian(features))
    print(f"{label}: 条件数 = {eigenvalues.max() / eigenvalues.min():.3g}")

print("标准化后每列的均值:", np.round(np.column_stack([x, y]).mean(axis=0), 12) + 0.0)
print("标准化后每列的标准差:", np.round(np.column_stack([x, y]).std(axis=0), 12))

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 线性模型和它的 loss
#
# 模型有 5 个权重 $w$ 和 1 个偏置 $b$。所有课程都从 $w = 1$、$b = 0$ 出发:

# %% slideshow={"slide_type": "-"}
N, M = x.shape
w = np.ones(M)
b = 0

print(f"predict(x[0]) = {predict(w, b, x[0]):.10f}")
print(f"MSE = {mse(w, b, x, y):.10f}")

# %% [markdown] slideshow={"slide_type": "slide"}
# $L$ 是 $(w, b)$ 的二次函数,所以它的图像是一个"碗"。6 个参数画不出来,我们固定其他参数在最优值,
# 只看两个权重:攻角的权重 $w_2$ 和位移厚度的权重 $w_5$。这两列的相关系数是 0.75,所以碗是斜着拉长的椭圆。

# %% slideshow={"slide_type": "slide"}
airfoil = airfoil_slice(x, y)
plot_paths(airfoil.surface, {}, extent=(-1.0, 1.5, -1.0, 1.5), xlabel="w2 (angle)",
           ylabel="w5 (thickness)", title="MSE over two weights (others at the optimum)")
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 最优解:每一课的终点线
#
# 令梯度等于 0,就得到最小二乘的闭式解(正规方程)。记 $A = [X, \mathbf{1}]$,$\theta = [w, b]$:
#
# $$A^\top A\,\theta^* = A^\top y$$
#
# `least_squares(x, y)` 用数值上更稳的 `np.linalg.lstsq` 解它。以后每一课都会把 loss 曲线和这个最优值画在一起:
# 均方误差 MSE 的最优值约 0.4843,误差平方和 SSE(随机梯度下降那几课打印的是 SSE)的最优值约 727.89。

# %% slideshow={"slide_type": "-"}
w_best, b_best = least_squares(x, y)
print("w* =", np.round(w_best, 6))
print("b* =", round(b_best, 10) + 0.0, "(标准化之后 x 和 y 的均值都是 0, 所以偏置也是 0)")
best_loss = mse(w_best, b_best, x, y)
print(f"最优 MSE = {best_loss:.10f}")
print(f"最优 SSE = {best_loss * N:.10f}")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 梯度检验
#
# 梯度有三种算法:
#
# - **解析梯度**(精确):$\nabla_w L = \frac{2}{N} X^\top r$,$\frac{\partial L}{\partial b} = \frac{2}{N}\sum_i r_i$,其中 $r = Xw + b - y$ 是残差;
# - **前向差分**(课程里的 `get_gradient`):$\dfrac{L(\theta + \epsilon e_i) - L(\theta)}{\epsilon}$,每个参数多算一次 loss;
# - **中心差分**:$\dfrac{L(\theta + \epsilon e_i) - L(\theta - \epsilon e_i)}{2\epsilon}$,每个参数多算两次 loss。

# %% [markdown] slideshow={"slide_type": "slide"}
# 梯度检验就是拿数值梯度去核对解析梯度。在起点 $w = 1, b = 0$ 比较一下($\epsilon = 10^{-3}$):

# %% slideshow={"slide_type": "-"}
def get_loss(w, b):
    return mse(w, b, x, y)


exact_w, exact_b = mse_gradient(w, b, x, y)
forward_w, forward_b = numeric_gradient(get_loss, w, b, eps=1e-3)
central_w, central_b = numeric_gradient(get_loss, w, b, eps=1e-3, method="central")

print(f"{'参数':<6}{'解析梯度':>14}{'前向 - 解析':>14}{'中心 - 解析':>14}")
for name, e, f, c in zip(["w1", "w2", "w3", "w4", "w5", "b"], np.append(exact_w, exact_b),
                         np.append(forward_w, forward_b), np.append(central_w, central_b)):
    central_error = f"{abs(c - e):.1e}" if abs(c - e) > 1e-9 else "< 1e-9"
    print(f"{name:<6}{round(e, 8) + 0.0:>14.8f}{f - e:>14.8f}{central_error:>14}")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 前向差分的偏差正好是 $\epsilon$
#
# 对二次函数,泰勒展开到二阶就是精确的:
#
# $$L(\theta + \epsilon e_i) = L(\theta) + \epsilon\,\frac{\partial L}{\partial \theta_i} + \frac{\epsilon^2}{2}\,\frac{\partial^2 L}{\partial \theta_i^2}$$
#
# 所以前向差分 $= \frac{\partial L}{\partial \theta_i} + \frac{\epsilon}{2}\frac{\partial^2 L}{\partial \theta_i^2}$。
# 标准化之后,每个方向的二阶导数都是 $\frac{2}{N}\sum_j x_{ji}^2 = 2$(对 $b$ 也是 2),偏差就**正好是 $\epsilon$**,和上表一致。
# 中心差分里 $\epsilon^2$ 项正负抵消,对二次函数没有偏差,剩下的只是舍入误差。
#
# 把 $\epsilon$ 从 $10^{-1}$ 变到 $10^{-10}$:前向差分的误差先随 $\epsilon$ 变小,直到舍入误差(约 $10^{-16} L / \epsilon$)占了上风;
# 中心差分的误差从头到尾都只是舍入误差。

# %% slideshow={"slide_type": "-"}
epsilons = np.logspace(-1, -10, 19)
errors = {"forward": [], "central": []}
for eps in epsilons:
    for method in errors:
        grad_w, grad_b = numeric_gradient(get_loss, w, b, eps=eps, method=method)
        errors[method].append(np.abs(np.append(grad_w, grad_b) - np.append(exact_w, exact_b)).max())

# %% slideshow={"slide_type": "slide"}
ax = new_axes()
for method, values in errors.items():
    ax.loglog(epsilons, values, "-o", linewidth=2, label=f"{method} difference")
ax.loglog(epsilons, epsilons, "k--", linewidth=1, label="eps")
style_axes(ax, "eps", "max |numeric - exact|", title="Gradient check at w = 1, b = 0")
ax.legend(fontsize=FONT_SIZES["legend"])
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 偏差让梯度下降停在哪里
#
# 梯度下降在"数值梯度 = 0"的地方停下。用前向差分时,那里真正的梯度是 $-\epsilon$(每个分量都是),
# 也就是 $H(\theta - \theta^*) = -\epsilon\,\mathbf{1}$,$H$ 是 Hessian。所以它停在
#
# $$\theta_\text{stop} = \theta^* - \epsilon\,H^{-1}\mathbf{1}, \qquad
#   L(\theta_\text{stop}) - L(\theta^*) = \frac{\epsilon^2}{2}\,\mathbf{1}^\top H^{-1}\mathbf{1}.$$
#
# 用学习率 0.1 跑 1000 步梯度下降验证一下(第 1 课的学习率 0.01 要走好几千步才能停稳):

# %% slideshow={"slide_type": "-"}
H = mse_hessian(x)
theta_best = to_theta(w_best, b_best)
theta_stop = theta_best - 1e-3 * np.linalg.solve(H, np.ones(M + 1))
print(f"预测: 前向差分停在 MSE 比最优值多 {get_loss(theta_stop[:-1], theta_stop[-1]) - best_loss:.3e}")

for method in ["forward", "central"]:
    # full_batch_gradient: 第 1 课的数值梯度, 作为参数向量 theta = [w..., b] 的函数
    theta = trajectory(SGD(lr=0.1), full_batch_gradient(x, y, method), start_theta(M), 1000)[-1]
    gap = get_loss(theta[:-1], theta[-1]) - best_loss
    distance = np.abs(theta - theta_stop).max()
    print(f"{method:<8} 1000 步后 MSE 比最优值多 " + (f"{gap:.3e}" if gap > 1e-10 else "不到 1e-10")
          + ", 离预测的停止点 " + (f"{distance:.1e}" if distance > 1e-10 else "不到 1e-10"))

# %% [markdown] slideshow={"slide_type": "slide"}
# 多出来的 $2\times10^{-6}$ 比随机梯度下降的抖动小得多,所以前几课里看不出来;但在第 8 课的对比里,
# 梯度下降的曲线先降到离最优值约 $1.66\times10^{-6}$(第 1821 步),然后又慢慢回升,最后停在离最优值 $2.03\times10^{-6}$ 的地方:
# 它停的是前向差分的"假最低点",不是 loss 最低的点——原因就在这里。

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 练习
#
# **练习 1**:把 $\epsilon$ 换成 $10^{-2}$,前向差分的梯度下降会停在比最优值高多少的地方?先用公式算,再跑一遍验证。

# %% slideshow={"slide_type": "skip"}
# 你的猜测:eps = 1e-2 时, MSE 停在比最优值高多少的地方? 把 None 换成一个数, 再运行这一格和下一格
guess = None

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["answer"]
with answer() as explain:
    extra = 0.5 * 1e-2**2 * np.ones(M + 1) @ np.linalg.solve(H, np.ones(M + 1))
    theta = trajectory(SGD(lr=0.1), full_batch_gradient(x, y, eps=1e-2), start_theta(M), 1000)[-1]
    gap = get_loss(theta[:-1], theta[-1]) - best_loss
    print(f"公式: 多 {extra:.4e};  跑 1000 步: 多 {gap:.4e}")
    small = get_loss(theta_stop[:-1], theta_stop[-1]) - best_loss  # eps = 1e-3 的停止点
    explain(f"eps 大 10 倍,多出来的 loss 大 {gap / small:.0f} 倍(eps = 1e-3 时多 {small:.2e}):"
            "它和 eps 的平方成正比,跑出来的和公式一样。", holds=abs(gap / extra - 1) < 0.01)
check(guess, gap, tolerance=0.2, hint="eps = 1e-3 时多了约 2e-6 (上面打印的); 看公式, 多出来的 loss 和 eps 的几次方成正比?")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 小结
#
# - 数据标准化之后,loss 的条件数从约 $2.7\times10^{11}$ 降到约 12,梯度下降才有可能用一个学习率走完所有方向。
# - loss 是一个碗,它的最低点有闭式解:**MSE = 0.4842902579**(SSE = 727.8882576)。之后每一课的 loss 曲线都画着这条终点线。
# - 前向差分的梯度比真梯度多 $\epsilon$,这让梯度下降停在比最优值高约 $2\times10^{-6}$ 的地方;中心差分没有这个偏差,但每步要算 12 次 loss(前向差分只要 7 次)。
# - **下一课**:梯度下降,沿着梯度的反方向一步步走向最低点。
