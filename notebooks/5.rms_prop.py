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
# # 5. RMSProp
#
# AdaGrad 的 $S$ 是所有历史梯度平方的**和**,只增不减,学习率越来越小。RMSProp 把"求和"换成"加权平均":
# 旧的 $S$ 乘以一个小于 1 的系数,新的梯度平方占剩下的权重,于是 $S$ 只记住最近的梯度大小:
#
# $$S \leftarrow \rho\,S + (1-\rho)\,g^2, \qquad w \leftarrow w - \frac{\eta}{\sqrt{S + \epsilon}}\, g$$
#
# 这门课里 $\rho = 0.2$,$\eta = 3\times10^{-3}$,$\epsilon = 10^{-6}$ 防止除以 0。
# 原来课程的 RMSProp 一课已经缺失,这一课是补写的:$\rho = 0.2$ 借自 AdaDelta 一课,那里的注释说 $S$ 的计算"和 rmsprop 完全一致",
# 用的系数是 0.2/0.8。Adam 一课的注释也这么说,但那里只是公式的形状相同,系数是 0.999/0.001($\beta_2 = 0.999$)。
#
# **看曲线时注意**:学习率不再单调变小(下面打印的 `lr_w` 会上下波动);
# 多数步里每个参数都移动接近 $\eta$,所以前 1250 步参数离最优解的距离差不多是匀速缩短的(每 250 步缩短 0.32 到 0.44);
# 而 loss 是距离的平方,越接近最优值下降得越慢。

# %% [markdown] slideshow={"slide_type": "notes"}
# 讲解提示:这一课是原视频课程缺失的部分,按照 AdaDelta 一课里"和 rmsprop 完全一致"的 S(0.2/0.8)写成;
# Adam 一课也说"和 rmsprop 完全一致",但它的系数是 0.999/0.001,只是公式的形状一样。

# %% slideshow={"slide_type": "skip"}
import numpy as np
from matplotlib import pyplot as plt
# %matplotlib inline
# 课程的图都用 constrained layout 排好了版面, 显示时不用再裁一次白边 (每张图少画一遍)
# %config InlineBackend.print_figure_kwargs = {"bbox_inches": None}

from course_lib import (BOWL_EXTENT, BOWL_START, RMSProp, answer, bowl, bowl_gradient, check,
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

#初始化S为全0
S_w = np.zeros(M)
S_b = 0

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

# %% [markdown] slideshow={"slide_type": "slide"}
# 为什么选 $\eta = 3\times10^{-3}$、2500 步?$\rho = 0.2$ 时 $S$ 主要由最近一两步的 $g^2$ 决定,
# 所以 $|g|/\sqrt{S}$ 最大约 $1/\sqrt{0.8} \approx 1.12$:**每一步每个参数最多移动约 $1.12\eta$,多数步接近 $\eta$**(中位数约 $0.9\eta$),
# 和梯度本身的大小关系不大;只有这一条数据的梯度比上一步小得多时,步子才小得多(约四分之一的步子不到 $\eta$ 的一半)。
# 参数从 1 出发,离最优解各个权重方向大约 0.8 到 1.6(偏置 $b$ 本来就在最优值 0),再加上随机梯度的方向时对时错,需要上千步。
# 试过的几个学习率(同样的随机种子,2500 步后的 SSE,最优值约 728):
# $10^{-3}$ 约 3263,还远没到;$3\times10^{-3}$ 约 768;$10^{-2}$ 第 500 步后 SSE 还有 1180(比最优值高 62%),
# 第 666 步后才第一次进入最优值 10% 以内,而且之后每步的步子仍然是 0.01,
# 只能在 800 多上下晃。$3\times10^{-3}$ 和 2500 步让它和 SGD、AdaGrad 两课可以直接比较。

# %% slideshow={"slide_type": "slide"}
plt_x = []
plt_y = []
for epoch in range(2500):
    i = rng.integers(N)
    gradient_w, gradient_b = numeric_gradient(get_loss(i), w, b)

    #rmsprop和adagrad一样, 每个变量都有属于自己的lr
    #不同的是S的计算公式: S不再是所有梯度平方的和, 而是加权平均
    #0.2是过去的S的权重, 0.8是当前梯度平方的权重
    S_w = 0.2 * S_w + 0.8 * gradient_w**2
    S_b = 0.2 * S_b + 0.8 * gradient_b**2

    #计算lr的公式,其中的3e-3是原本的lr,1e-6是防止除0的
    lr_w = 3e-3 / ((S_w + 1e-6)**0.5)
    lr_b = 3e-3 / ((S_b + 1e-6)**0.5)

    #思考一下,在时刻0,S就是梯度的平方乘以0.8
    #往后的每一个时刻,S都主要由最近几步的梯度决定,很久以前的梯度会被0.2反复相乘而遗忘
    #所以lr不会像adagrad那样一直变小

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
# **和教科书的对照**:Hinton 提出 RMSProp 时用的是 $S \leftarrow 0.9\,S + 0.1\,g^2$(PyTorch 默认更大,$\rho = 0.99$),
# 并且 PyTorch 把 $\epsilon = 10^{-8}$ 放在根号外面:$\eta\,g / (\sqrt{S} + \epsilon)$。
# 所以 PyTorch 没有和这一课完全相同的一行;最接近的是 `torch.optim.RMSprop(params, lr=3e-3, alpha=0.2, eps=1e-6)`,
# 在这一课的 2500 步里,它和这一课的参数相差不到参数大小的百万分之一(`tests/test_torch_bridge.py` 逐步核对)。
# 这门课用 0.2/0.8,$S$ 只记得一两步,步长几乎就是 $\eta$;换成 0.9/0.1,$S$ 平均了最近十来步的梯度平方,
# 步长会随着单步梯度的大小而变化,学习率也要相应重新挑(练习 1 里比一比)。

# %% slideshow={"slide_type": "slide"}
w_best, b_best = least_squares(x, y)
best_loss = total_loss(w_best, b_best)
print(f"最优 SSE = {best_loss:.6f}, RMSProp 2500 步后 SSE = {plt_y[-1]:.6f}")

# %% slideshow={"slide_type": "slide"}
plot_loss(plt_y, optimum=best_loss, steps=plt_x, ylabel="total loss (SSE)",
          title="RMSProp, lr = 3e-3, rho = 0.2")
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 在二维的"碗"里看 RMSProp 怎么走
#
# 真实问题有 6 个参数,画不出来。换一个只有两个参数的二次函数 $f(x_1, x_2) = 0.1\,x_1^2 + 2\,x_2^2$:
# 沿 $x_2$ 方向很陡(二阶导数 4),沿 $x_1$ 方向很平(二阶导数 0.2),最低点在 $(0, 0)$。
# 所有优化器都从 $(-5, -2)$ 出发,画出每一步的位置。
#
# $\rho = 0.2$ 时 $g / \sqrt{S}$ 差不多是 $\pm 1$,所以每一步两个方向都走差不多 lr 那么远:沿对角线前进,
# 到了 $x_2 = 0$ 附近就在两侧来回跳,步子并不随着接近最低点而变小。

# %% slideshow={"slide_type": "slide"}
path = trajectory(RMSProp(lr=0.3, rho=0.2), bowl_gradient, BOWL_START, 40)
print(f"{len(path) - 1} 步之后: x = ({path[-1, 0]:.4f}, {path[-1, 1]:.4f}), f = {bowl(*path[-1]):.6f}")
plot_paths(bowl, {"RMSProp, lr = 0.3": path}, extent=BOWL_EXTENT, title="RMSProp on 0.1 x1² + 2 x2²")
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 练习
#
# **练习 1**:把 $\rho$ 换成 Hinton 用的 0.9 和 PyTorch 默认的 0.99,第 100、500、1000 步和最后的 SSE 各是多少?
# 先猜一猜:第一步的 $S$ 是 $(1-\rho)\,g^2$,$\rho$ 越大,第一步越大还是越小?开头会更快还是更慢?

# %% slideshow={"slide_type": "skip"}
# 你的猜测:rho 越大, 第一步 "更大" 还是 "更小"? 把 None 换成其中一个, 再运行这一格和下一格
guess = None

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["answer"]
with answer() as explain:
    # 种子 0 抽到的行和上面循环里的一样, 只换 rho; 0.2 就是上面这一课自己的结果
    gradient = row_gradient(x, y, sampled_rows(N, 2500))
    curves = {0.2: np.array(plt_y)}
    for rho in [0.9, 0.99]:
        thetas = trajectory(RMSProp(lr=3e-3, rho=rho), gradient, start_theta(M), 2500)
        curves[rho] = sse_curve(thetas[1:], x, y)
    first_step = {}
    for rho, curve in curves.items():
        first_step[rho] = np.abs(trajectory(RMSProp(lr=3e-3, rho=rho), gradient, start_theta(M), 1)[1]
                                 - start_theta(M)).mean()
        print(f"rho = {rho:<4}  第一步平均走 {first_step[rho] / 3e-3:4.1f} 倍 lr"
              f"  第 100/500/1000 步: {curve[99]:8.1f} {curve[499]:8.1f} {curve[999]:8.1f}   2500 步后: {curve[-1]:.1f}")
    bigger = first_step[0.2] < first_step[0.9] < first_step[0.99]
    explain(f"rho 越大,开头越快:第一步的 S 只有 (1 - rho) g²,步子是 lr / sqrt(1 - rho),rho = 0.9 时约 "
            f"{first_step[0.9] / 3e-3:.1f} 倍 lr,0.99 时 {first_step[0.99] / 3e-3:.0f} 倍(Adam 用偏差修正解决的正是这个问题)。",
            holds=bigger and all(curves[0.99][k] < curves[0.9][k] < curves[0.2][k] for k in (99, 499, 999)))
    explain(f"最后 rho = 0.9 和 0.99 的 SSE({curves[0.9][-1]:.1f}、{curves[0.99][-1]:.1f})也都比 0.2 的 {curves[0.2][-1]:.1f} 好。",
            holds=max(curves[0.9][-1], curves[0.99][-1]) < curves[0.2][-1])
check(guess, "更大" if bigger else "更小", choices=("更大", "更小"),
      hint="第一步的 S 是 (1 - rho) g², 步子是 lr × g / sqrt(S)。rho 越大, S 越大还是越小?")

# %% [markdown] slideshow={"slide_type": "slide"}
# **练习 2**:$\rho = 0.2$ 时每个参数每一步最多移动约 $1.12\eta$,多数步接近 $\eta$。学习率 $3\times10^{-3}$ 时,SSE 第 2071 步第一次进入最优值 10% 以内。
# 先猜一猜:学习率 $10^{-3}$ 要多少步?

# %% slideshow={"slide_type": "skip"}
# 你的猜测:学习率 1e-3 时, 第几步第一次进入最优值 10% 以内? 把 None 换成一个数, 再运行这一格和下一格
guess = None

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["answer"]
with answer() as explain:
    fast = steps_to_within(np.array(plt_y), best_loss, tolerance=0.1) + 1
    print(f"lr = 3e-3: 第 {fast} 步进入 10% 以内")
    # 前 2500 步抽到的行和上面循环里的一样
    thetas = trajectory(RMSProp(lr=1e-3, rho=0.2), row_gradient(x, y, sampled_rows(N, 7000)), start_theta(M), 7000)
    slow = steps_to_within(sse_curve(thetas[1:], x, y), best_loss, tolerance=0.1) + 1
    print(f"lr = 1e-3: 第 {slow} 步进入 10% 以内")
    explain(f"{slow} 步,差不多正好是 {fast} 的 {slow / fast:.0f} 倍:步子是 lr 那么大,要走的距离不变,步数就和学习率成反比。",
            holds=abs(slow / fast - 3) < 0.05)
check(guess, slow, tolerance=0.15, hint="每一步每个参数大约移动 lr; 要走的距离不变, 步子小 3 倍, 步数呢?")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 自己动手:拖动滑块
#
# 下面的滑块就是这一课的超参数(学习率 lr、衰减系数 rho)和步数。拖动超参数滑块时图跟着重画(步数滑块松开后重画):左图是 loss 曲线(对数坐标,虚线是最优值),
# 右图是在二维碗里的路径:碗上的学习率总是滑块的 100 倍(默认位置就是上面碗那一节的 0.3),标题写出碗上实际用的学习率。
# 两边用同一个标准判断发散(数值超过 100 或不是有限数):发散时标题写明在第几步发散,碗里的路径只画到那一步。
# 两边可能不一致:滑块在 0.1 到 1 之间时,真实数据上不发散,碗里却发散了,因为碗上的学习率大了 100 倍。
# 为了让图跟得上滑块,这里用的是精确梯度(解析公式),不是这一课的前向差分,所以曲线和上面的结果相差不到 0.3%。
# 这个单元格需要在 JupyterLab 里运行才能看到滑块。

# %% slideshow={"slide_type": "-"} tags=["nbval-ignore-output"]
explorer("RMSProp", x, y)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 小结
#
# - **解决了什么**:$S$ 是最近梯度平方的加权平均,学习率不会像 AdaGrad 那样一直变小,训练后期仍然走得动。
# - **代价是什么**:又多了一个超参数 $\rho$;学习率 $\eta$ 还是要自己挑,而且步子几乎固定为 $\eta$,到了最优值附近停不下来。
# - **下一课**:AdaDelta,用参数更新量的历史代替 $\eta$,连学习率都不用设。
