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
# # 4. AdaGrad
#
# 前面的方法所有参数共用一个学习率。AdaGrad 为每个参数维护一个累积量 $S$,
# 它是这个参数历史上所有梯度的平方和,学习率再除以 $\sqrt{S}$:
#
# $$S \leftarrow S + g^2, \qquad w \leftarrow w - \frac{\eta}{\sqrt{S + \epsilon}}\, g$$
#
# 其中 $\eta = 0.1$,$\epsilon = 10^{-6}$ 防止除以 0,所有运算都是逐个参数进行的。
#
# **看曲线时注意**:每个参数的学习率只会越来越小(下面打印的 `lr_w`);
# 所以一开始下降得快,后面越来越慢,抖动也随之变小。

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

# 随机数只来自这一个固定了种子的生成器, 所以每次运行结果都一样
rng = np.random.default_rng(seed=0)

S_w

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
for epoch in range(2500):
    i = rng.integers(N)
    gradient_w, gradient_b = numeric_gradient(get_loss(i), w, b)

    #adagrad的特点是每个变量都有属于自己的lr
    #要计算各个变量的lr,先要计算S
    #这是S的计算公式
    S_w = S_w + gradient_w**2
    S_b = S_b + gradient_b**2

    #计算lr的公式,其中的1e-1是原本的lr,1e-6是防止除0的
    lr_w = 1e-1 / ((S_w + 1e-6)**0.5)
    lr_b = 1e-1 / ((S_b + 1e-6)**0.5)

    #所以在时刻0,lr就等于梯度的倒数
    #梯度大的变量会有小lr,梯度小的变量会有大lr
    #往后的每一个时刻,都是类似动量法,考虑上一步的梯度

    w -= gradient_w * lr_w
    b -= gradient_b * lr_b

    loss = total_loss(w, b)
    plt_x.append(epoch)
    plt_y.append(loss)

    if epoch % 150 == 0:
        print(epoch, lr_w, f"{lr_b:.8f}", f"{loss:.6f}")

# %% [markdown]
# 补充一句:在时刻 0,$S = g^2$,所以 lr 等于 $0.1/|g|$,这一步每个参数都正好移动 0.1,和梯度的大小无关。
#
# **和教科书的对照**:这里把 $\epsilon$ 放在根号**里面**:$\eta / \sqrt{S + \epsilon}$,相当于 PyTorch
# `torch.optim.Adagrad(lr=0.1, initial_accumulator_value=1e-6, eps=0)`。PyTorch 默认把 $\epsilon = 10^{-10}$ 放在根号**外面**:
# $\eta / (\sqrt{S} + \epsilon)$。只要 $S$ 远大于 $\epsilon$(这里第一步之后 $S$ 就是 $g^2$ 的量级),两种写法几乎没有差别;
# 只有 $S$ 很小(梯度极小)时才不同:$\epsilon$ 在根号里面时,分母不会小于 $\sqrt{\epsilon} = 0.001$;PyTorch 的写法分母最小可以到 $10^{-10}$。

# %%
w_best, b_best = least_squares(x, y)
best_loss = total_loss(w_best, b_best)
print(f"最优 SSE = {best_loss:.6f}, AdaGrad 2500 步后 SSE = {plt_y[-1]:.6f}")

# %%
from matplotlib import pyplot as plt
# %matplotlib inline

plot_loss(plt_y, optimum=best_loss, steps=plt_x, ylabel="total loss (SSE)", title="AdaGrad, lr = 0.1")
plt.show()

# %% [markdown]
# ## 小结
#
# - **解决了什么**:每个参数有自己的学习率,梯度大的参数步子小,梯度小的参数步子大,学习率也不再需要精细地挑。
# - **代价是什么**:$S$ 只增不减,学习率单调变小,训练时间一长就几乎走不动了;还要多存一份和参数一样大的 $S$。
# - **下一课**:RMSProp,让 $S$ 只记住最近的梯度平方,学习率就不会一直变小。
