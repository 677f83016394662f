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
# # 6. AdaDelta
#
# RMSProp 仍然需要一个学习率 $\eta$。AdaDelta 再维护一个量 $\Delta$:参数**更新量**的平方的加权平均,
# 用 $\sqrt{\Delta}$ 代替 $\eta$,于是完全不需要学习率:
#
# $$S \leftarrow \rho\,S + (1-\rho)\,g^2, \qquad
#   g' = \sqrt{\frac{\Delta + \epsilon}{S + \epsilon}}\; g, \qquad
#   w \leftarrow w - g', \qquad
#   \Delta \leftarrow \rho\,\Delta + (1-\rho)\,g'^2$$
#
# 这门课里 $\rho = 0.2$,$\epsilon = 10^{-6}$。
#
# **看曲线时注意**:一开始 $\Delta = 0$,每一步只能走 $\sqrt{\epsilon / S}\,g$ 这么一点点,
# loss 下降得很慢;之后 $\Delta$ 随着走过的步子一起长大,下降才快起来。它需要 5500 步,比前几课都多。

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

#初始化delta为全0
delta_w = np.zeros(M)
delta_b = 0

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

for epoch in range(5500):
    i = rng.integers(N)
    gradient_w, gradient_b = numeric_gradient(get_loss(i), w, b)

    #ada_delta算法不需要设定超参数lr
    #他需要维持两个变量,delta和S

    #S的计算和rmsprop完全一致
    S_w = 0.2 * S_w + 0.8 * gradient_w**2
    S_b = 0.2 * S_b + 0.8 * gradient_b**2

    #计算lr的公式,这里的1e-6是为了防止除0
    lr = (delta_w + 1e-6) / (S_w + 1e-6)
    gradient_w = lr**0.5 * gradient_w

    lr = (delta_b + 1e-6) / (S_b + 1e-6)
    gradient_b = lr**0.5 * gradient_b

    #更新参数
    w -= gradient_w
    b -= gradient_b

    #更新delta,这里的两个系数和计算S时用的要一样
    delta_w = 0.2 * delta_w + 0.8 * gradient_w**2
    delta_b = 0.2 * delta_b + 0.8 * gradient_b**2

    #思考一下,在时刻0,S就是梯度的平方乘以0.8
    #所以在一开始的时候,S是比较大的.但delta还是0
    #所以一开始的时候lr是比较大的.
    #delta更新为变量更新量的平方*0.8
    #所以delta当中差不多相当于存储了变量更新量的历史信息
    #所以最后的lr,应该是取两者的比值

    loss = total_loss(w, b)
    plt_x.append(epoch)
    plt_y.append(loss)

    if epoch % 500 == 0:
        print(epoch, np.array2string(delta_w[:2], precision=6), f"{delta_b:.6e}", f"{loss:.6f}")

# %% [markdown]
# 补充一句:上面说"一开始的时候lr是比较大的",指的是和 $\Delta$ 相比;按公式,时刻 0 的 lr 是
# $(0 + 10^{-6}) / (0.8\,g^2 + 10^{-6})$,因为 $\Delta = 0$,它其实非常小,所以前几百步 loss 几乎不动。
# 是 $\epsilon$ 让 AdaDelta 能迈出第一步:没有它,$\Delta$ 永远是 0。
#
# **和教科书的对照**:Zeiler 的 AdaDelta 论文用 $\rho = 0.95$(PyTorch 默认 0.9),$\epsilon$ 同样放在根号里面,
# 公式和这里一致,只有衰减系数不同。$\rho = 0.95$ 时 $S$ 和 $\Delta$ 都平均了最近二十来步,
# 更平滑;但 $\Delta$ 从 0 长大得更慢(每步只吸收 5% 的新更新量),开头"几乎不动"的阶段会更长。

# %%
w_best, b_best = least_squares(x, y)
best_loss = total_loss(w_best, b_best)
print(f"最优 SSE = {best_loss:.6f}, AdaDelta 5500 步后 SSE = {plt_y[-1]:.6f}")

# %%
from matplotlib import pyplot as plt
# %matplotlib inline

plot_loss(plt_y, optimum=best_loss, steps=plt_x, ylabel="total loss (SSE)", title="AdaDelta, rho = 0.2")
plt.show()

# %% [markdown]
# ## 小结
#
# - **解决了什么**:不需要学习率。步长由"最近走了多大的步子"和"最近的梯度有多大"的比值决定,单位上也是自洽的。
# - **代价是什么**:要多存 $S$ 和 $\Delta$ 两份状态;起步很慢,5500 步才走到其他方法两三千步的位置,
#   而且 $\epsilon$ 实际上扮演了"初始学习率"的角色。
# - **下一课**:Adam,把动量和 RMSProp 结合起来,再用偏差修正解决开头的问题。
