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
# # 3. 动量法 (Momentum)
#
# 随机梯度下降每一步只相信当前这一条数据的梯度。动量法维持一个"动量" $m$,
# 它是过去所有梯度的加权累积,参数沿着动量的方向更新:
#
# $$m \leftarrow \beta\,m + g, \qquad w \leftarrow w - \eta\,m$$
#
# 其中 $g$ 是当前一条数据的梯度,$\beta = 0.8$ 是过去动量的权重,$\eta = 10^{-3}$。
#
# **看曲线时注意**:和上一课相同的学习率,loss 下降得快得多(1500 步就比 SGD 2500 步走得更远);
# 同时动量会"冲过头",曲线在最优值附近的抖动也更明显。

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

#动量都初始化为0
momentum_w = np.zeros(M)
momentum_b = 0

# 随机数只来自这一个固定了种子的生成器, 所以每次运行结果都一样
rng = np.random.default_rng(seed=0)

# %%
#预测函数
print(f"{predict(w, b, x[0]):.10f}")

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
for epoch in range(1500):
    i = rng.integers(N)

    gradient_w, gradient_b = numeric_gradient(get_loss(i), w, b)

    #这是更新动量的数学公式,0.8是过去动量的权重
    momentum_w = 0.8 * momentum_w + gradient_w
    momentum_b = 0.8 * momentum_b + gradient_b

    #这里更新参数不再使用梯度,而是使用动量
    w -= momentum_w * 1e-3
    b -= momentum_b * 1e-3

    #思考一下,在时刻0,动量都是0.此时更新动量,动量就等于梯度.
    #也就是说,再时刻0,其实就是再用梯度下降.
    #时刻1,是上一个时刻的梯度乘以0.8,再加上当前时刻的梯度
    #所以在时刻1,差不多可以认为是梯度乘以了1.8.不过这里面两部分的梯度是在两个不同的点上评估出来的.
    #在时刻2,差不多等同于时刻1.往后都差不多.

    loss = total_loss(w, b)
    plt_x.append(epoch)
    plt_y.append(loss)

    if epoch % 150 == 0:
        print(epoch, momentum_w, f"{momentum_b:.8f}", f"{loss:.6f}")

# %% [markdown]
# 接着上面的思考:如果梯度一直不变,动量会越滚越大,最后稳定在 $g\,(1 + 0.8 + 0.8^2 + \cdots) = g / (1 - 0.8) = 5g$。
# 所以在梯度方向一致的地方,动量法相当于把学习率放大了 5 倍;而在梯度方向来回变化的地方,正负相互抵消,步子反而变小。
#
# **和教科书的对照**:这里的写法 $m \leftarrow \beta m + g$ 正是 PyTorch `torch.optim.SGD(momentum=0.8, dampening=0)`
# 的写法。教科书和 PyTorch 常用 $\beta = 0.9$:稳定后的放大倍数从 5 倍变成 10 倍,走得更快,也更容易冲过头、抖得更厉害。
# 另一种常见写法 $m \leftarrow \beta m + (1-\beta) g$ 只是把学习率缩小了 $1-\beta$ 倍。

# %%
w_best, b_best = least_squares(x, y)
best_loss = total_loss(w_best, b_best)
print(f"最优 SSE = {best_loss:.6f}, 动量法 1500 步后 SSE = {plt_y[-1]:.6f}")

# %%
from matplotlib import pyplot as plt
# %matplotlib inline

plot_loss(plt_y, optimum=best_loss, steps=plt_x, ylabel="total loss (SSE)",
          title="Momentum, lr = 1e-3, beta = 0.8")
plt.show()

# %% [markdown]
# ## 小结
#
# - **解决了什么**:把过去的梯度累积成动量,方向一致时越走越快,方向来回变化时相互抵消,比 SGD 收敛得快。
# - **代价是什么**:多了一个超参数 $\beta$ 和一份和参数一样大的状态;动量有惯性,会冲过最优点,
#   最后在最优值附近的抖动更大。所有参数仍然共用一个学习率。
# - **下一课**:AdaGrad,让每个参数拥有自己的学习率。
