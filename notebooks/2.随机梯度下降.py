# ---
# jupyter:
#   jupytext:
#     notebook_metadata_filter: -jupytext.text_representation.jupytext_version,-jupytext.formats
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 2. 随机梯度下降 (Stochastic Gradient Descent, SGD)
#
# 梯度下降每一步都要看全部 $N$ 条数据。随机梯度下降每一步只**随机抽一条**数据 $i$,
# 用这一条数据的 loss $\ell_i(w, b) = (w^\top x_i + b - y_i)^2$ 的梯度来更新:
#
# $$w \leftarrow w - \eta\,\nabla_w \ell_i(w, b), \qquad b \leftarrow b - \eta\,\frac{\partial \ell_i}{\partial b}(w, b)$$
#
# 这里 $\eta = 10^{-3}$。为了看清训练的进展,每一步之后我们仍然计算**全部数据**的 loss 之和(SSE)。
#
# **看曲线时注意**:曲线不再平滑,而是抖动着下降——每一步的梯度只来自一条数据,方向是"大致对"的;
# 到了后期,曲线在最优值(虚线)上方来回晃,停不下来。

# %%
import numpy as np

from course_lib import least_squares, load_data, numeric_gradient, plot_loss, predict, sse

#加载数据
#标准化
# load_data 读取 线性数据.csv, 并把每一列(包括 y)减去均值、除以标准差
x, y = load_data()

x.shape, y.shape

# %%
#常量
N, M = x.shape

#变量
w = np.ones(M)
b = 0

# 随机数只来自这一个固定了种子的生成器, 所以每次运行结果都一样
rng = np.random.default_rng(seed=0)

# %%
#预测函数
print(f"{predict(w, b, x[0]):.10f}")

# %% [markdown]
# 一条数据的 loss 就是这一条数据的误差平方,也就是只有一行的 `sse`。

# %%
#求loss,MSELoss
print(f"{sse(w, b, x[0], y[0]):.10f}")

# %%
def get_loss(i):
    """第 i 条数据的 loss, 作为参数 (w, b) 的函数"""
    return lambda w, b: sse(w, b, x[i], y[i])


gradient_w, gradient_b = numeric_gradient(get_loss(0), w, b)
print(gradient_w, f"{gradient_b:.8f}")

# %%
def total_loss(w, b):
    return sse(w, b, x, y)


print(f"{total_loss(w, b):.6f}")

# %%
plt_x = []
plt_y = []
for epoch in range(2500):
    i = rng.integers(N)
    gradient_w, gradient_b = numeric_gradient(get_loss(i), w, b)
    w -= gradient_w * 1e-3
    b -= gradient_b * 1e-3

    loss = total_loss(w, b)
    plt_x.append(epoch)
    plt_y.append(loss)

    if epoch % 150 == 0:
        print(epoch, f"{loss:.6f}")

# %%
w_best, b_best = least_squares(x, y)
best_loss = total_loss(w_best, b_best)
print(f"最优 SSE = {best_loss:.6f}, SGD 2500 步后 SSE = {plt_y[-1]:.6f}")

# %%
from matplotlib import pyplot as plt
# %matplotlib inline

plot_loss(plt_y, optimum=best_loss, steps=plt_x, ylabel="total loss (SSE)", title="SGD, lr = 1e-3")
plt.show()

# %% [markdown]
# ## 小结
#
# - **解决了什么**:一步只看一条数据,每一步的计算量和数据量无关,数据再多也能很快地迈出一步。
# - **代价是什么**:一条数据的梯度有噪声,loss 曲线抖动;学习率固定时,到了最优值附近也停不下来,
#   只能在它周围晃。学习率仍然要自己挑,而且所有参数共用同一个学习率。
# - **下一课**:动量法,把过去的梯度累积起来,让方向更稳、走得更快。
