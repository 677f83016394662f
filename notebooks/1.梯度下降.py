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
# # 1. 梯度下降 (Gradient Descent)
#
# 我们要用线性模型 $\hat y = w^\top x + b$ 拟合标准化后的翼型噪声数据,loss 是全部 $N$ 条数据的均方误差:
#
# $$L(w, b) = \frac{1}{N}\sum_{i=1}^{N}\left(w^\top x_i + b - y_i\right)^2$$
#
# 梯度下降每一步都用**全部数据**算出梯度,再沿着梯度的反方向走一小步($\eta$ 是学习率 lr):
#
# $$w \leftarrow w - \eta\,\nabla_w L(w, b), \qquad b \leftarrow b - \eta\,\frac{\partial L}{\partial b}(w, b)$$
#
# 这一课的梯度是用数值方法"试"出来的:把一个参数加上一个很小的 eps,看 loss 变了多少。
#
# **看曲线时注意**:loss 一开始下降得很快,越接近最优值下降得越慢;虚线是最小二乘闭式解给出的最优 loss,
# 梯度下降只能一步步逼近它。

# %%
import numpy as np

from course_lib import least_squares, load_data, mse, numeric_gradient, plot_loss, predict

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

# %% [markdown]
# 预测函数和 loss 函数放在 `course_lib` 里,所有课程共用:`predict(w, b, x)` 就是 `x @ w + b`,
# `mse(w, b, x, y)` 就是预测值与真实值之差的平方的平均值。

# %%
#预测函数
print(f"{predict(w, b, x[0]):.10f}")

# %%
#求loss,MSELoss
print(f"{mse(w, b, x, y):.10f}")

# %% [markdown]
# 数值梯度:对每个参数,把它加上 eps=1e-3,loss 的变化量除以 eps,就是这个参数的梯度(前向差分)。
# `numeric_gradient(f, w, b)` 做的就是这件事,而且不会改动传进去的 `w` 和 `b`。

# %%
def get_loss(w, b):
    return mse(w, b, x, y)


gradient_w, gradient_b = numeric_gradient(get_loss, w, b)
print(gradient_w, f"{gradient_b:.8f}")

# %% [markdown]
# 注意 `gradient_b` 并不是 0,而是 0.001 左右:前向差分有一个固定的偏差,等于 eps 乘以二阶导数的一半。
# 标准化之后每个参数方向上的二阶导数都是 2,所以每个梯度都多了 eps = 0.001。

# %%
plt_x = []
plt_y = []
for i in range(500):
    gradient_w, gradient_b = numeric_gradient(get_loss, w, b)
    w -= gradient_w * 1e-2
    b -= gradient_b * 1e-2

    loss = get_loss(w, b)
    plt_x.append(i)
    plt_y.append(loss)

    if i % 50 == 0:
        print(i, f"{loss:.10f}")

# %% [markdown]
# 最小二乘问题有闭式解,它给出了 loss 能达到的最小值。把它画成虚线,就能看出梯度下降离终点还有多远。

# %%
w_best, b_best = least_squares(x, y)
best_loss = mse(w_best, b_best, x, y)
print(f"最优 MSE = {best_loss:.10f}, 梯度下降 500 步后 MSE = {plt_y[-1]:.10f}")

# %%
from matplotlib import pyplot as plt
# %matplotlib inline

plot_loss(plt_y, optimum=best_loss, steps=plt_x, ylabel="MSE", title="Gradient descent, lr = 1e-2")
plt.show()

# %% [markdown]
# ## 小结
#
# - **解决了什么**:梯度下降是最基本的优化方法,只要能算出梯度,就能一步步把 loss 降下来。
# - **代价是什么**:每一步都要遍历全部数据;数值梯度更贵,每个参数都要多算一次 loss(这里 6 个参数,
#   一步要算 7 次 loss)。学习率要自己挑:太大会发散,太小走得慢。
# - **下一课**:随机梯度下降,每一步只看一条数据,一步的代价从 $N$ 条数据降到 1 条。
