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

# %% [markdown] slideshow={"slide_type": "notes"}
# 讲解提示:重点看打印出来的 lr_w 每个参数都不一样,而且只会变小。

# %% slideshow={"slide_type": "skip"}
import numpy as np
from matplotlib import pyplot as plt
# %matplotlib inline
# 课程的图都用 constrained layout 排好了版面, 显示时不用再裁一次白边 (每张图少画一遍)
# %config InlineBackend.print_figure_kwargs = {"bbox_inches": None}

from course_lib import (BOWL_EXTENT, BOWL_START, AdaGrad, Momentum, answer, bowl, bowl_gradient,
                        check, explorer, least_squares, load_data, numeric_gradient, plot_loss,
                        plot_paths, predict, row_gradient, sampled_rows, sse, sse_curve,
                        start_theta, trajectory)

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

#初始化S为全0
S_w = np.zeros(M)
S_b = 0

# 随机数只来自这一个固定了种子的生成器, 所以每次运行结果都一样
rng = np.random.default_rng(seed=0)

S_w

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
    # (原注释此处不准确:lr 等于 0.1 / |梯度|, 是梯度的倒数再乘以 0.1, 所以这一步每个参数都正好移动 0.1)
    #梯度大的变量会有小lr,梯度小的变量会有大lr
    #往后的每一个时刻,都是类似动量法,考虑上一步的梯度
    # (原注释此处不准确:S 累加的是之前所有梯度的平方, 不只是上一步; 它只决定步子的大小, 方向始终是当前这一步的梯度, 和动量法不同)

    w -= gradient_w * lr_w
    b -= gradient_b * lr_b

    loss = total_loss(w, b)
    plt_x.append(epoch)
    plt_y.append(loss)

    if epoch % 150 == 0:
        print(epoch, lr_w, f"{lr_b:.8f}", f"{loss:.6f}")

# %% [markdown] slideshow={"slide_type": "slide"}
# 注意:原来的代码把循环变量叫 `epoch`,其实每一圈只随机抽**一条**数据、走一步,并不是把全部数据过一遍。
# 2500 步只相当于把 1503 条数据过了约 1.66 遍;因为是有放回地随机抽,其中只有 1197 条被抽到过。

# %% [markdown] slideshow={"slide_type": "slide"}
# 循环里的两处原注释不准确(已经在原注释下面标明):在时刻 0,$S = g^2$,所以 lr 等于 $0.1/|g|$,不是梯度的倒数,
# 这一步每个参数都正好移动 0.1,和梯度的大小无关。往后 $S$ 累加了之前**所有**梯度的平方,它只决定每个参数步子的大小,
# 方向仍然是当前这一步的梯度:这一课每一步每个参数都朝下坡走(逆着当前梯度),而动量法有约 32% 的分量在朝上坡走,
# 因为它的方向来自过去梯度的累积。
#
# **和教科书的对照**:这里把 $\epsilon$ 放在根号**里面**:$\eta / \sqrt{S + \epsilon}$,相当于 PyTorch
# `torch.optim.Adagrad(params, lr=0.1, initial_accumulator_value=1e-6, eps=0)`(逐步核对过,见 `tests/test_torch_bridge.py`)。PyTorch 默认把 $\epsilon = 10^{-10}$ 放在根号**外面**:
# $\eta / (\sqrt{S} + \epsilon)$。只要 $S$ 远大于 $\epsilon$(这里第一步之后 $S$ 就是 $g^2$ 的量级),两种写法几乎没有差别;
# 只有 $S$ 很小(梯度极小)时才不同:$\epsilon$ 在根号里面时,分母不会小于 $\sqrt{\epsilon} = 0.001$;PyTorch 的写法分母最小可以到 $10^{-10}$。

# %% slideshow={"slide_type": "slide"}
w_best, b_best = least_squares(x, y)
best_loss = total_loss(w_best, b_best)
print(f"最优 SSE = {best_loss:.6f}, AdaGrad 2500 步后 SSE = {plt_y[-1]:.6f}")

# %% slideshow={"slide_type": "slide"}
plot_loss(plt_y, optimum=best_loss, steps=plt_x, ylabel="total loss (SSE)", title="AdaGrad, lr = 0.1")
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 在二维的"碗"里看 AdaGrad 怎么走
#
# 真实问题有 6 个参数,画不出来。换一个只有两个参数的二次函数 $f(x_1, x_2) = 0.1\,x_1^2 + 2\,x_2^2$:
# 沿 $x_2$ 方向很陡(二阶导数 4),沿 $x_1$ 方向很平(二阶导数 0.2),最低点在 $(0, 0)$。
# 所有优化器都从 $(-5, -2)$ 出发,画出每一步的位置。
#
# 第一步两个方向都正好走了 lr,所以路径先沿对角线出发;$x_2$ 方向的梯度大,它的 $S$ 长得快,步子很快变小,
# 不再来回振荡。缺点也看得见:越往后每一步越短。

# %% slideshow={"slide_type": "slide"}
path = trajectory(AdaGrad(lr=1.0), bowl_gradient, BOWL_START, 40)
print(f"{len(path) - 1} 步之后: x = ({path[-1, 0]:.4f}, {path[-1, 1]:.4f}), f = {bowl(*path[-1]):.6f}")
plot_paths(bowl, {"AdaGrad, lr = 1": path}, extent=BOWL_EXTENT, title="AdaGrad on 0.1 x1² + 2 x2²")
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 练习
#
# **练习 1**:把 0.1 换成 0.01 和 1.0,2500 步之后的 SSE 是多少?再把上一课的动量法(学习率 1e-3)也缩小、放大 10 倍跑 2500 步比一比。
# 先猜一猜:对 AdaGrad 来说,学习率太大和太小,哪个更糟?动量法呢?

# %% slideshow={"slide_type": "skip"}
# 你的猜测:对 AdaGrad 来说, 学习率 "太大" (1.0) 和 "太小" (0.01) 哪个更糟? 把 None 换成其中一个, 再运行这一格和下一格
guess = None

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["answer"]
with answer() as explain:
    # 种子 0 抽到的行和上面循环里的一样, 只换学习率; 0.1 就是上面这一课自己的结果
    gradient = row_gradient(x, y, sampled_rows(N, 2500))
    curves = {0.1: np.array(plt_y)}
    for lr in [0.01, 1.0]:
        curves[lr] = sse_curve(trajectory(AdaGrad(lr=lr), gradient, start_theta(M), 2500)[1:], x, y)
    for lr in sorted(curves):
        print(f"AdaGrad   lr = {lr:<6}  2500 步后 SSE = {curves[lr][-1]:8.2f}  最后 500 步平均 {curves[lr][-500:].mean():8.2f}")

    # 同样的行, 动量法 (beta = 0.8) 的学习率也缩小、放大 10 倍
    momentum = {}
    for lr in [1e-4, 1e-3, 1e-2]:
        curve = sse_curve(trajectory(Momentum(lr=lr, beta=0.8), gradient, start_theta(M), 2500)[1:], x, y)
        momentum[lr] = curve[-500:].mean()
        print(f"Momentum  lr = {lr:<6}  2500 步后 SSE = {curve[-1]:8.2f}  最后 500 步平均 {momentum[lr]:8.2f}")
    mean = {lr: curve[-500:].mean() for lr, curve in curves.items()}
    worse = "太小" if mean[0.01] > mean[1.0] else "太大"
    explain(f"AdaGrad 不对称:学习率放大 10 倍(1.0)最后 500 步平均 {mean[1.0]:.0f},和 0.1 的 {mean[0.1]:.0f} 相差不大,"
            f"因为 S 会把步子压下来;缩小 10 倍(0.01)却停在 {mean[0.01]:.0f},因为步子只会越来越小,再也追不回来。",
            holds=worse == "太小" and mean[1.0] < 1.1 * mean[0.1])
    explain(f"动量法两边都受影响,但方式不同:学习率太小(1e-4)走得慢({momentum[1e-4]:.0f});"
            f"太大(1e-2)抖得厉害,最后 500 步平均 {momentum[1e-2]:.0f}。",
            holds=min(momentum[1e-4], momentum[1e-2]) > momentum[1e-3])
check(guess, worse, choices=("太大", "太小"), hint="S 只增不减: 步子只会越来越小。开头的步子太小, 以后还追得回来吗?")

# %% [markdown] slideshow={"slide_type": "slide"}
# **练习 2**:跑 10000 步,最后每个参数的学习率还剩多少?先猜一猜:比开头的 0.1 小几倍?SSE 比 2500 步时更接近最优值吗?

# %% slideshow={"slide_type": "skip"}
# 你的猜测:10000 步后, 每个参数的学习率平均比开头的 0.1 小几倍? 把 None 换成一个数, 再运行这一格和下一格
guess = None

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["answer"]
with answer() as explain:
    optimizer = AdaGrad(lr=0.1)
    thetas = trajectory(optimizer, row_gradient(x, y, sampled_rows(N, 10000)), start_theta(M), 10000)
    # optimizer.S 是 10000 步累加的梯度平方 (w 的 5 个和 b 的 1 个)
    final_lr = optimizer.lr / (optimizer.S + optimizer.eps) ** 0.5
    final_sse = total_loss(thetas[-1, :-1], thetas[-1, -1])
    print("最后的学习率:", final_lr)
    print(f"10000 步后 SSE = {final_sse:.2f}")
    explain(f"学习率只剩 0.1 的一两百分之一({final_lr.min():.1e} 到 {final_lr.max():.1e}),而且还在继续变小:"
            f"步子小,抖动也小,10000 步后 SSE {final_sse:.2f},比 2500 步后的 {plt_y[-1]:.2f} 更接近最优值 {best_loss:.2f}。",
            holds=0.1 / final_lr.max() >= 100 and 0.1 / final_lr.min() <= 200 and best_loss < final_sse < plt_y[-1])
    explain("这正是随机梯度需要的“越走越小”的步长。")
# 差不多就算对: 猜的倍数和真实的倍数相差不到一半
check(guess, 0.1 / final_lr.mean(), tolerance=0.5,
      hint="S 是 10000 步梯度平方的和: 一条数据的梯度平方平均有多大? 学习率是 0.1 / sqrt(S)。")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 自己动手:拖动滑块
#
# 下面的滑块就是这一课的超参数(学习率 lr)和步数。拖动超参数滑块时图跟着重画(步数滑块松开后重画):左图是 loss 曲线(对数坐标,虚线是最优值),
# 右图是在二维碗里的路径:碗上的学习率总是滑块的 10 倍(默认位置就是上面碗那一节的 1),标题写出碗上实际用的学习率。
# 两边用同一个标准判断发散(数值超过 100 或不是有限数):发散时标题写明在第几步发散,碗里的路径只画到那一步。
# 两边可能不一致:滑块在最右端 1 时,真实数据上不发散,碗里却发散了,因为碗上的学习率大了 10 倍。
# 为了让图跟得上滑块,这里用的是精确梯度(解析公式),不是这一课的前向差分,所以曲线和上面的结果相差不到 0.3%。
# 这个单元格需要在 JupyterLab 里运行才能看到滑块。

# %% slideshow={"slide_type": "-"} tags=["nbval-ignore-output"]
explorer("AdaGrad", x, y)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 小结
#
# - **解决了什么**:每个参数有自己的学习率,梯度大的参数步子小,梯度小的参数步子大;学习率往大调也不容易发散。
#   但学习率仍然要挑:太小时(比如 0.01)步子只会越来越小,2500 步后 SSE 还有 6575。
# - **代价是什么**:$S$ 只增不减,学习率单调变小,训练时间越长步子越小;在这个问题上 2500 步时它还在慢慢逼近最优值,
#   但在需要长时间训练的问题上,它会过早地走不动;还要多存一份和参数一样大的 $S$。
# - **下一课**:RMSProp,让 $S$ 只记住最近的梯度平方,学习率就不会一直变小。
