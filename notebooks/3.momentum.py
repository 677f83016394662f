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

# %% [markdown] slideshow={"slide_type": "notes"}
# 讲解提示:可以用"下坡的小球"来比喻动量;跑完之后对比上一课同一学习率的曲线。

# %% slideshow={"slide_type": "skip"}
import numpy as np
from matplotlib import pyplot as plt
# %matplotlib inline
# 课程的图都用 constrained layout 排好了版面, 显示时不用再裁一次白边 (每张图少画一遍)
# %config InlineBackend.print_figure_kwargs = {"bbox_inches": None}

from course_lib import (BOWL_EXTENT, BOWL_START, Momentum, answer, bowl, bowl_gradient, check,
                        explorer, least_squares, load_data, numeric_gradient, plot_loss,
                        plot_paths, predict, row_gradient, sampled_rows, sse, sse_curve,
                        start_theta, steps_to_within, trajectory)

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

#动量都初始化为0
momentum_w = np.zeros(M)
momentum_b = 0

# 随机数只来自这一个固定了种子的生成器, 所以每次运行结果都一样
rng = np.random.default_rng(seed=0)

# %% slideshow={"slide_type": "slide"}
#预测函数
print(f"{predict(w, b, x[0]):.10f}")

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
    # (原注释此处不准确:梯度不变时, 时刻2 是 g * (1 + 0.8 + 0.8**2) = 2.44g, 时刻3 是 2.952g, 往后越来越大, 趋向 g / (1 - 0.8) = 5g)

    loss = total_loss(w, b)
    plt_x.append(epoch)
    plt_y.append(loss)

    if epoch % 150 == 0:
        print(epoch, momentum_w, f"{momentum_b:.8f}", f"{loss:.6f}")

# %% [markdown] slideshow={"slide_type": "slide"}
# 注意:原来的代码把循环变量叫 `epoch`,其实每一圈只随机抽**一条**数据、走一步,并不是把全部数据过一遍。
# 1500 步还不到把 1503 条数据过 1 遍;因为是有放回地随机抽,其中只有 916 条被抽到过。

# %% [markdown] slideshow={"slide_type": "slide"}
# 接着循环里注释的思考:原注释最后一句"往后都差不多"并不对(循环里已经标明)。时刻 2 的动量是 $g(1 + 0.8 + 0.8^2) = 2.44g$,
# 时刻 3 是 $2.952g$;如果梯度一直不变,动量会越滚越大,最后稳定在 $g\,(1 + 0.8 + 0.8^2 + \cdots) = g / (1 - 0.8) = 5g$。
# 所以在梯度方向一致的地方,动量法相当于把学习率放大了 5 倍;而在梯度方向来回变化的地方,正负相互抵消,步子反而变小。
#
# **和教科书的对照**:这里的写法 $m \leftarrow \beta m + g$ 正是 PyTorch `torch.optim.SGD(params, lr=1e-3, momentum=0.8)`
# 的写法(`dampening` 保持默认;给它同样的梯度,每一步都和这一课相同,`tests/test_torch_bridge.py` 逐步核对)。教科书和 PyTorch 常用 $\beta = 0.9$:稳定后的放大倍数从 5 倍变成 10 倍(它对曲线有什么影响,见练习 1)。
# 另一种常见写法 $m \leftarrow \beta m + (1-\beta) g$ 只相当于把学习率乘以 $1-\beta$。

# %% slideshow={"slide_type": "slide"}
w_best, b_best = least_squares(x, y)
best_loss = total_loss(w_best, b_best)
print(f"最优 SSE = {best_loss:.6f}, 动量法 1500 步后 SSE = {plt_y[-1]:.6f}")

# %% slideshow={"slide_type": "slide"}
plot_loss(plt_y, optimum=best_loss, steps=plt_x, ylabel="total loss (SSE)",
          title="Momentum, lr = 1e-3, beta = 0.8")
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 在二维的"碗"里看动量法怎么走
#
# 真实问题有 6 个参数,画不出来。换一个只有两个参数的二次函数 $f(x_1, x_2) = 0.1\,x_1^2 + 2\,x_2^2$:
# 沿 $x_2$ 方向很陡(二阶导数 4),沿 $x_1$ 方向很平(二阶导数 0.2),最低点在 $(0, 0)$。
# 所有优化器都从 $(-5, -2)$ 出发,画出每一步的位置。
#
# 动量像一个有惯性的小球:在平的 $x_1$ 方向上,每一步的梯度方向一致,动量越积越大,比梯度下降走得快得多;
# 代价是它会冲过谷底,再绕回来。

# %% slideshow={"slide_type": "slide"}
path = trajectory(Momentum(lr=0.1, beta=0.8), bowl_gradient, BOWL_START, 40)
print(f"{len(path) - 1} 步之后: x = ({path[-1, 0]:.4f}, {path[-1, 1]:.4f}), f = {bowl(*path[-1]):.6f}")
plot_paths(bowl, {"momentum, lr = 0.1": path}, extent=BOWL_EXTENT, title="Momentum on 0.1 x1² + 2 x2²")
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 练习
#
# **练习 1**:把 0.8 换成 0(就是随机梯度下降)、0.5、0.9(教科书常用的值),1500 步里 SSE 第一次降到最优值的 105% 以内用了几步?
# 最后 500 步的平均 SSE 和抖动(标准差)是多少?先猜一猜:$\beta$ 越大,到得越快还是越慢?到了以后抖得更厉害还是更轻?

# %% slideshow={"slide_type": "skip"}
# 你的猜测:beta 越大, 到 105% 以内 "更快" 还是 "更慢"? 把 None 换成其中一个, 再运行这一格和下一格
guess = None

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["answer"]
with answer() as explain:
    # 种子 0 抽到的行和上面循环里的一样, 只换 beta; beta = 0.8 就是上面这一课自己的结果
    gradient = row_gradient(x, y, sampled_rows(N, 1500))
    curves = {0.8: np.array(plt_y)}
    for beta in [0.0, 0.5, 0.9]:
        thetas = trajectory(Momentum(lr=1e-3, beta=beta), gradient, start_theta(M), 1500)
        curves[beta] = sse_curve(thetas[1:], x, y)
    reached = {}
    for beta in sorted(curves):
        reached[beta] = steps_to_within(curves[beta], best_loss, tolerance=0.05)
        print(f"beta = {beta}  到 105% 以内: {'没有' if reached[beta] is None else f'第 {reached[beta] + 1} 步'}"
              f"  最后 500 步 SSE 平均 {curves[beta][-500:].mean():.2f}, 标准差 {curves[beta][-500:].std():.2f}")
    faster = reached[0.0] is None and reached[0.9] < reached[0.8] < reached[0.5]
    std = {beta: curve[-500:].std() for beta, curve in curves.items()}
    explain(f"beta 越大,到得越快(0.5:{reached[0.5] + 1} 步,0.8:{reached[0.8] + 1} 步,0.9:{reached[0.9] + 1} 步;"
            "beta = 0 的 SGD 1500 步内到不了):梯度方向一致时,步子放大到 1 / (1 - beta) 倍。", holds=faster)
    explain(f"在到了的三个里(beta = 0 没有到),0.9 抖得最厉害(标准差 {std[0.9]:.2f},0.8 是 {std[0.8]:.2f}):动量把噪声也累积起来了。"
            f"所以 beta 从 0.8 加大到 0.9 时,更快但也抖得更厉害(0.5 还没走到底,它的标准差 {std[0.5]:.2f} 混着还在下降的趋势)。",
            holds=std[0.9] > max(std[0.8], std[0.5]))
check(guess, "更快" if faster else "更慢", choices=("更快", "更慢"),
      hint="梯度方向一致的时候, 动量把步子放大到几倍? (上面算过: beta = 0.8 时是 5 倍)")

# %% [markdown] slideshow={"slide_type": "slide"}
# **练习 2**:如果梯度一直是 1,动量法每一步最终会走多远?先用上面的 $g / (1 - \beta)$ 算一算 $\beta$ = 0.5、0.8、0.9 时的答案,
# 再用 `Momentum` 类跑 200 步验证。

# %% slideshow={"slide_type": "skip"}
# 你的猜测:学习率 1e-3, beta = 0.9, 梯度一直是 1, 每一步最终走多远? 把 None 换成一个数, 再运行这一格和下一格
guess = None

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["answer"]
with answer() as explain:
    moved = {}
    for beta in [0.5, 0.8, 0.9]:
        optimizer = Momentum(lr=1e-3, beta=beta)
        theta = np.zeros(1)
        for _ in range(200):
            before, theta = theta, optimizer.step(theta, np.ones(1))
        moved[beta] = before[0] - theta[0]
        print(f"beta = {beta}  第 200 步走了 {moved[beta]:.6f},  lr / (1 - beta) = {1e-3 / (1 - beta):.6f}")
    explain("梯度一直是 1 时,动量每步先乘以 beta 再加上 1,最后停在 1 / (1 - beta) 不再变,每一步走 lr / (1 - beta)。",
            holds=all(abs(step * (1 - beta) / 1e-3 - 1) < 1e-6 for beta, step in moved.items()))
    explain(f"beta = 0.9 时每步走 {moved[0.9]:.3f},是没有动量时(每步 lr = 1e-3)的 {moved[0.9] / 1e-3:.0f} 倍:"
            "在梯度方向一致的路段上,动量法就像把学习率放大到 1 / (1 - beta) 倍的梯度下降。")
check(guess, moved[0.9], tolerance=0.01, hint="动量最后稳定在 g / (1 - beta), 每一步走的是学习率乘以动量。")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 自己动手:拖动滑块
#
# 下面的滑块就是这一课的超参数(学习率 lr、动量系数 beta)和步数。拖动超参数滑块时图跟着重画(步数滑块松开后重画):左图是 loss 曲线(对数坐标,虚线是最优值),
# 右图是在二维碗里的路径:碗上的学习率总是滑块的 100 倍(默认位置就是上面碗那一节的 0.1),标题写出碗上实际用的学习率。
# 两边用同一个标准判断发散(数值超过 100 或不是有限数):发散时标题写明在第几步发散,碗里的路径只画到那一步。
# 两边可能不一致:滑块在 0.01 到 0.02 之间时,真实数据上不发散,碗里却发散了,因为碗上的学习率大了 100 倍。
# 为了让图跟得上滑块,这里用的是精确梯度(解析公式),不是这一课的前向差分,所以曲线和上面的结果相差不到 0.3%。
# 这个单元格需要在 JupyterLab 里运行才能看到滑块。

# %% slideshow={"slide_type": "-"} tags=["nbval-ignore-output"]
explorer("Momentum", x, y)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 小结
#
# - **解决了什么**:把过去的梯度累积成动量,方向一致时越走越快,方向来回变化时相互抵消,比 SGD 收敛得快。
# - **代价是什么**:多了一个超参数 $\beta$ 和一份和参数一样大的状态;动量有惯性,会冲过最优点,
#   最后在最优值附近的抖动更大。所有参数仍然共用一个学习率。
# - **下一课**:AdaGrad,让每个参数拥有自己的学习率。
