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
# # 7. Adam
#
# Adam 把两样东西结合在一起:动量法的 $v$(梯度的加权平均,决定方向)和 RMSProp 的 $S$(梯度平方的加权平均,决定每个参数的步长),
# 再对两者做**偏差修正**:
#
# $$v \leftarrow \beta_1 v + (1-\beta_1)\,g, \qquad S \leftarrow \beta_2 S + (1-\beta_2)\,g^2$$
#
# $$\hat v = \frac{v}{1-\beta_1^t}, \qquad \hat S = \frac{S}{1-\beta_2^t}, \qquad
#   w \leftarrow w - \frac{\eta\,\hat v}{\sqrt{\hat S} + \epsilon}$$
#
# 这门课里 $\beta_1 = 0.9$,$\beta_2 = 0.999$,$\eta = 10^{-2}$,$\epsilon = 10^{-6}$,$t$ 从 1 开始。
#
# **看曲线时注意**:有了偏差修正,第一步就能迈出正常大小的步子,loss 在头 1000 步里就降到最优值附近;
# 之后步长保持在 $\eta$ 的量级,曲线在最优值上方持续抖动。

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

#初始化S为全0
S_w = np.zeros(M)
S_b = 0

v_w = np.zeros(M)
v_b = 0

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

for t in range(1, 5500):
    i = rng.integers(N)
    gradient_w, gradient_b = numeric_gradient(get_loss(i), w, b)

    v_w = 0.9 * v_w + 0.1 * gradient_w
    v_b = 0.9 * v_b + 0.1 * gradient_b

    #S的计算和rmsprop完全一致
    S_w = 0.999 * S_w + 0.001 * gradient_w**2
    S_b = 0.999 * S_b + 0.001 * gradient_b**2

    #根据以上公式,在时刻0
    #v = [0.1 * gradient_0]

    #这可能太过于小,为了消除这个影响,需要做偏差修正,也就是除以系数
    #v = 0.1 * sigma[0.9**(t-i) * gradient_i]
    #S = 0.001 * sigma[0.999**(t-i) * gradient_i**2]

    #将梯度的系数部分整理得到
    #0.1 * sigma[0.9**(t-i)] = 1-0.9**t

    #偏差修正
    v_hat_w = v_w / (1 - 0.9**t)
    v_hat_b = v_b / (1 - 0.9**t)
    S_hat_w = S_w / (1 - 0.999**t)
    S_hat_b = S_b / (1 - 0.999**t)

    #下面是adam参数更新的公式
    #这里的1e-2是超参数lr
    gradient_w = (1e-2 * v_hat_w) / (S_hat_w**0.5 + 1e-6)
    gradient_b = (1e-2 * v_hat_b) / (S_hat_b**0.5 + 1e-6)

    #更新参数
    w -= gradient_w
    b -= gradient_b

    loss = total_loss(w, b)
    plt_x.append(t)
    plt_y.append(loss)

    if t % 500 == 0:
        print(t, v_hat_w[:2], S_hat_w[:2], f"{loss:.6f}")

# %% [markdown]
# 补充一句:"S的计算和rmsprop完全一致"说的是公式的形状 $S \leftarrow \rho S + (1-\rho) g^2$;
# Adam 用的系数是 0.999/0.001,平均了最近约一千步,比 RMSProp 一课的 0.2/0.8 长得多——
# 正因为这么长,开头的 $S$ 几乎是 0,偏差修正才必不可少。
#
# **和教科书的对照**:Kingma 和 Ba 的论文(以及 PyTorch 的默认值)是 $\beta_1 = 0.9$、$\beta_2 = 0.999$、$\epsilon = 10^{-8}$,
# $\epsilon$ 也放在根号外面。这里唯一的不同是 $\epsilon = 10^{-6}$:只有当 $\sqrt{\hat S}$ 小到 $10^{-6}$ 附近时两者才有区别,
# 而这里 $\hat S$ 在 1 到 10 的量级(见上面打印的 `S_hat_w`),所以换成 $10^{-8}$ 曲线看不出变化。

# %%
w_best, b_best = least_squares(x, y)
best_loss = total_loss(w_best, b_best)
print(f"最优 SSE = {best_loss:.6f}, Adam 5499 步后 SSE = {plt_y[-1]:.6f}")

# %%
from matplotlib import pyplot as plt
# %matplotlib inline

plot_loss(plt_y, optimum=best_loss, steps=plt_x, ylabel="total loss (SSE)", title="Adam, lr = 1e-2")
plt.show()

# %% [markdown]
# ## 小结
#
# - **解决了什么**:动量给出平滑的方向,$S$ 给每个参数自己的步长,偏差修正让开头几步也是正常大小;
#   默认超参数在很多问题上直接可用,所以它是最常用的优化器。
# - **代价是什么**:要存 $v$ 和 $S$ 两份状态、三个超参数;步长始终在 $\eta$ 的量级,
#   固定学习率时到了最优值附近仍会抖动(实践中常配合学习率衰减)。
# - **回顾**:从梯度下降到 Adam,每一课都只改了一件事:用一条数据代替全部数据、累积梯度、
#   每个参数自己的学习率、只记住最近的梯度、去掉学习率、把动量和自适应学习率结合起来。
