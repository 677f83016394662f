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
# 到 2500 步时,曲线还在一边抖动一边慢慢下降(最后 500 步平均约 781,最优值约 728);
# 学习率固定时,它最后会在最优值上方来回晃,停不下来(第 8 课跑 5500 步能看到)。

# %% [markdown] slideshow={"slide_type": "notes"}
# 讲解提示:和上一课对比,一步的计算量从 1503 条数据降到 1 条;重点看曲线为什么会抖。

# %% slideshow={"slide_type": "skip"}
import numpy as np
from matplotlib import pyplot as plt
# %matplotlib inline
# 课程的图都用 constrained layout 排好了版面, 显示时不用再裁一次白边 (每张图少画一遍)
# %config InlineBackend.print_figure_kwargs = {"bbox_inches": None}

from course_lib import (BOWL_EXTENT, BOWL_START, SGD, answer, bowl, check, explorer, least_squares,
                        load_data, noisy_bowl_gradient, numeric_gradient, plot_loss, plot_paths,
                        predict, row_gradient, sampled_rows, sse, sse_curve, start_theta,
                        trajectory)

#加载数据
#标准化
# load_data 读取 线性数据.csv, 并把每一列(包括 y)减去均值、除以标准差
x, y = load_data()

x.shape, y.shape

# %% slideshow={"slide_type": "slide"}
#常量
N, M = x.shape

#变量
w = np.ones(M)
b = 0

# 随机数只来自这一个固定了种子的生成器, 所以每次运行结果都一样
rng = np.random.default_rng(seed=0)

# %% slideshow={"slide_type": "slide"}
#预测函数
print(f"{predict(w, b, x[0]):.10f}")

# %% [markdown] slideshow={"slide_type": "slide"}
# 一条数据的 loss 就是这一条数据的误差平方,也就是只有一行的 `sse`。

# %% slideshow={"slide_type": "slide"}
#求loss,MSELoss
print(f"{sse(w, b, x[0], y[0]):.10f}")

# %% slideshow={"slide_type": "slide"}
def get_loss(i):
    """第 i 条数据的 loss, 作为参数 (w, b) 的函数"""
    return lambda w, b: sse(w, b, x[i], y[i])


gradient_w, gradient_b = numeric_gradient(get_loss(0), w, b)
print(gradient_w, f"{gradient_b:.8f}")

# %% slideshow={"slide_type": "-"}
def total_loss(w, b):
    return sse(w, b, x, y)


print(f"{total_loss(w, b):.6f}")

# %% slideshow={"slide_type": "slide"}
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

# %% [markdown] slideshow={"slide_type": "slide"}
# 注意:原来的代码把循环变量叫 `epoch`,其实每一圈只随机抽**一条**数据、走一步,并不是把全部数据过一遍。
# 2500 步只相当于把 1503 条数据过了约 1.66 遍;因为是有放回地随机抽,其中只有 1197 条被抽到过。

# %% slideshow={"slide_type": "slide"}
w_best, b_best = least_squares(x, y)
best_loss = total_loss(w_best, b_best)
print(f"最优 SSE = {best_loss:.6f}, SGD 2500 步后 SSE = {plt_y[-1]:.6f}")

# %% slideshow={"slide_type": "slide"}
plot_loss(plt_y, optimum=best_loss, steps=plt_x, ylabel="total loss (SSE)", title="SGD, lr = 1e-3")
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 在二维的"碗"里看随机梯度下降怎么走
#
# 真实问题有 6 个参数,画不出来。换一个只有两个参数的二次函数 $f(x_1, x_2) = 0.1\,x_1^2 + 2\,x_2^2$:
# 沿 $x_2$ 方向很陡(二阶导数 4),沿 $x_1$ 方向很平(二阶导数 0.2),最低点在 $(0, 0)$。
# 所有优化器都从 $(-5, -2)$ 出发,画出每一步的位置。
#
# 随机梯度下降每一步只看一条数据,梯度里带着"噪声"。这里在精确梯度上加一个固定种子的随机噪声来模拟它:
# 路径大方向是对的,但每一步都歪歪扭扭,到了谷底附近也停不下来。

# %% slideshow={"slide_type": "slide"}
# 40 步, 梯度上加了随机噪声, 就像只看一条数据
path = trajectory(SGD(lr=0.1), noisy_bowl_gradient(40), BOWL_START, 40)
print(f"{len(path) - 1} 步之后: x = ({path[-1, 0]:.4f}, {path[-1, 1]:.4f}), f = {bowl(*path[-1]):.6f}")
plot_paths(bowl, {"SGD, lr = 0.1": path}, extent=BOWL_EXTENT, title="SGD on 0.1 x1² + 2 x2²")
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 练习
#
# **练习 1**:把随机种子换成 1、2、3,2500 步之后的 SSE 还一样吗?最后 500 步的平均值呢?
# 先猜一猜:算法、学习率、起点都一样,只是抽到的行不一样。最后 500 步的平均值能不能把种子的差别平均掉?
# 提示:`trajectory(SGD(lr=1e-3), row_gradient(x, y, sampled_rows(N, 2500, seed)), start_theta(M), 2500)`
# 用这一课的算法、按种子 `seed` 抽行,从同一个起点跑 2500 步,返回每一步的参数 $[w, b]$。

# %% slideshow={"slide_type": "skip"}
# 你的猜测:最后 500 步的平均值能不能把种子的差别平均掉? 把 None 换成 "能" 或 "不能", 再运行这一格和下一格
guess = None

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["answer"]
with answer() as explain:
    curves = {0: np.array(plt_y)}  # 种子 0 就是上面这一课自己跑的结果
    for seed in [1, 2, 3]:
        # sampled_rows(N, 2500, seed): 用种子 seed 抽 2500 次行号, 和上面循环里 rng.integers(N) 的抽法一样
        gradient = row_gradient(x, y, sampled_rows(N, 2500, seed))
        thetas = trajectory(SGD(lr=1e-3), gradient, start_theta(M), 2500)
        curves[seed] = sse_curve(thetas[1:], x, y)
    for seed, curve in curves.items():
        print(f"seed = {seed}  最后 SSE = {curve[-1]:.2f}  最后 500 步平均 = {curve[-500:].mean():.2f}")
    finals = [curve[-1] for curve in curves.values()]
    means = [curve[-500:].mean() for curve in curves.values()]
    # 平均掉了, 就是平均值之间的差别比最后一步之间的差别小得多 (不到一半)
    averaged = np.ptp(means) < 0.5 * np.ptp(finals)
    explain(f"最后一步的 SSE 相差 {np.ptp(finals):.1f},最后 500 步的平均也还差 {np.ptp(means):.1f}:"
            "2500 步时 SGD 还在下降,不同的种子走到了不同的位置,平均只能去掉抖动,去不掉这个差别。",
            holds=not averaged)
check(guess, "能" if averaged else "不能", choices=("能", "不能"),
      hint="平均只能去掉来回的抖动。2500 步的时候, SGD 已经停止下降了吗?")

# %% [markdown] slideshow={"slide_type": "slide"}
# **练习 2**:把学习率改成 1e-2 和 3e-2 呢?先猜一猜:开头会快多少?最后会更接近最优值,还是晃得更厉害?

# %% slideshow={"slide_type": "skip"}
# 你的猜测:学习率 1e-2 的最后 500 步, 比 1e-3 "更接近" 最优值, 还是 "晃得更厉害"? 把 None 换成其中一个, 再运行这一格和下一格
guess = None

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["answer"]
with answer() as explain:
    # 种子 0 抽到的行和上面循环里的一样, 只换学习率
    gradient = row_gradient(x, y, sampled_rows(N, 2500))
    curves = {1e-3: np.array(plt_y)}
    for lr in [1e-2, 3e-2]:
        curves[lr] = sse_curve(trajectory(SGD(lr=lr), gradient, start_theta(M), 2500)[1:], x, y)
    for lr, curve in curves.items():
        print(f"lr = {lr:<6} 第 300 步 SSE = {curve[299]:9.2f}  最后 500 步: 平均 {curve[-500:].mean():.2f},"
              f" 标准差 {curve[-500:].std():.2f}")
    early = {lr: curve[299] for lr, curve in curves.items()}
    mean = {lr: curve[-500:].mean() for lr, curve in curves.items()}
    std = {lr: curve[-500:].std() for lr, curve in curves.items()}
    explain(f"学习率大 10 倍(1e-2),开头快得多:第 300 步 SSE {early[1e-2]:.2f},1e-3 时还有 {early[1e-3]:.2f};"
            f"但每一步的噪声也放大了,最后 500 步的标准差 {std[1e-2]:.2f},是 1e-3 时({std[1e-3]:.2f})的 "
            f"{std[1e-2] / std[1e-3]:.0f} 倍。", holds=early[1e-2] < early[1e-3] and std[1e-2] > std[1e-3])
    explain(f"再大到 3e-2,第 300 步反而比 1e-2 差({early[3e-2]:.2f}),最后 500 步平均 {mean[3e-2]:.2f}、"
            f"标准差 {std[3e-2]:.2f}:噪声已经盖过了下降。",
            holds=early[3e-2] > early[1e-2] and mean[3e-2] > max(mean[1e-2], mean[1e-3]))
check(guess, "晃得更厉害" if std[1e-2] > std[1e-3] else "更接近", choices=("更接近", "晃得更厉害"),
      hint="每一步的噪声是 lr 乘以一条数据的梯度: 学习率大 10 倍, 噪声呢?")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 自己动手:拖动滑块
#
# 下面的滑块就是这一课的超参数(学习率 lr)和步数。拖动超参数滑块时图跟着重画(步数滑块松开后重画):左图是 loss 曲线(对数坐标,虚线是最优值),
# 右图是在二维碗里的路径:碗上的学习率总是滑块的 100 倍(默认位置就是上面碗那一节的 0.1),标题写出碗上实际用的学习率。
# 两边用同一个标准判断发散(数值超过 100 或不是有限数):发散时标题写明在第几步发散,碗里的路径只画到那一步。
# 两边可能不一致:滑块在 0.0063 到 0.1 之间时,真实数据上不发散,碗里却发散了,因为碗上的学习率大了 100 倍。
# 为了让图跟得上滑块,这里用的是精确梯度(解析公式),不是这一课的前向差分,所以曲线和上面的结果相差不到 0.3%。
# 这个单元格需要在 JupyterLab 里运行才能看到滑块。

# %% slideshow={"slide_type": "-"} tags=["nbval-ignore-output"]
explorer("SGD", x, y)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 小结
#
# - **解决了什么**:一步只看一条数据,每一步的计算量和数据量无关,数据再多也能很快地迈出一步。
# - **代价是什么**:一条数据的梯度有噪声,loss 曲线抖动;学习率固定时,到了最优值附近也停不下来,
#   只能在它周围晃。学习率仍然要自己挑,而且所有参数共用同一个学习率。
# - **在 PyTorch 里**:同样的一步是 `torch.optim.SGD(params, lr=1e-3)`,每一步只是梯度换成了一条数据的梯度
#   (`tests/test_torch_bridge.py` 逐步核对)。
# - **下一课**:动量法,把过去的梯度累积起来,让方向更稳、走得更快。
