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
# **看曲线时注意**:一开始 $\Delta = 0$,每一步只能走 $\sqrt{\epsilon / S}\,g$ 这么一点点
# (第一步每个参数正好走 $\sqrt{10^{-6}/0.8} \approx 1.1\times10^{-3}$)。在这一课里 $\Delta$ 之后也长不起来:
# $\rho = 0.2$、每一步只用一条数据的梯度时,$\Delta$ 从头到尾都停在 $\epsilon$ 的量级(平均约 $2\times10^{-6}$),
# 每一步每个参数始终只走约 $1.3\times10^{-3}$:是 $\epsilon$ 决定了步长。loss 从第一步起就稳定地下降,
# 前 500 步降得最多(SSE 从第 1 步后的 11063 降到第 500 步后的 7878,约 −29%),之后越来越慢。
# 它需要 5500 步,比前几课都多。

# %% [markdown] slideshow={"slide_type": "notes"}
# 讲解提示:先问大家"没有学习率,第一步走多远?",再看打印的 delta 为什么从头到尾都是 1e-6 的量级。

# %% slideshow={"slide_type": "skip"}
import numpy as np
from matplotlib import pyplot as plt
# %matplotlib inline
# 课程的图都用 constrained layout 排好了版面, 显示时不用再裁一次白边 (每张图少画一遍)
# %config InlineBackend.print_figure_kwargs = {"bbox_inches": None}

from course_lib import (BOWL_EXTENT, BOWL_START, AdaDelta, answer, bowl, bowl_gradient, check,
                        explorer, least_squares, load_data, numeric_gradient, plot_loss,
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

#初始化delta为全0
delta_w = np.zeros(M)
delta_b = 0

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
    # (原注释此处不准确:说反了。delta 还是 0, 所以 lr = 1e-6 / (0.8 * 梯度的平方 + 1e-6), 非常小, 第一步每个参数只移动 sqrt(1e-6 / 0.8) ≈ 1.1e-3)
    #delta更新为变量更新量的平方*0.8
    #所以delta当中差不多相当于存储了变量更新量的历史信息
    #所以最后的lr,应该是取两者的比值

    loss = total_loss(w, b)
    plt_x.append(epoch)
    plt_y.append(loss)

    if epoch % 500 == 0:
        print(epoch, np.array2string(delta_w[:2], precision=6), f"{delta_b:.6e}", f"{loss:.6f}")

# %% [markdown] slideshow={"slide_type": "slide"}
# 注意:原来的代码把循环变量叫 `epoch`,其实每一圈只随机抽**一条**数据、走一步,并不是把全部数据过一遍。
# 5500 步只相当于把 1503 条数据过了约 3.66 遍;因为是有放回地随机抽,其中只有 1465 条被抽到过。

# %% [markdown] slideshow={"slide_type": "slide"}
# 上面的原注释说"一开始的时候lr是比较大的",这句说反了:$S$ 比较大而 $\Delta$ 还是 0,按公式,时刻 0 的 lr 是
# $(0 + 10^{-6}) / (0.8\,g^2 + 10^{-6})$,非常小,第一步每个参数只移动 $\sqrt{10^{-6}/0.8} \approx 1.1\times10^{-3}$。
# 是 $\epsilon$ 让 AdaDelta 能迈出第一步:没有它,$\Delta$ 永远是 0。但 loss 并不是不动:打印的 delta 一直在 $10^{-6}$ 的量级,
# 每一步都走约 $10^{-3}$,前 500 步 SSE 就从 11063 降到 7878。
#
# **和教科书的对照**:Zeiler 的 AdaDelta 论文用 $\rho = 0.95$(PyTorch 默认 0.9),$\epsilon$ 同样放在根号里面,
# 公式和这里一致,只有衰减系数不同。PyTorch 里这一课的 AdaDelta 是 `torch.optim.Adadelta(params, lr=1.0, rho=0.2, eps=1e-6)`
# (PyTorch 多一个学习率,乘在 AdaDelta 的步子上,设为 1 就是论文的写法;逐步核对过,见 `tests/test_torch_bridge.py`)。$\rho$ 换成 0.95 会让它更快还是更慢?见练习 1。

# %% slideshow={"slide_type": "slide"}
w_best, b_best = least_squares(x, y)
best_loss = total_loss(w_best, b_best)
print(f"最优 SSE = {best_loss:.6f}, AdaDelta 5500 步后 SSE = {plt_y[-1]:.6f}")

# %% slideshow={"slide_type": "slide"}
plot_loss(plt_y, optimum=best_loss, steps=plt_x, ylabel="total loss (SSE)", title="AdaDelta, rho = 0.2")
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 在二维的"碗"里看 AdaDelta 怎么走
#
# 真实问题有 6 个参数,画不出来。换一个只有两个参数的二次函数 $f(x_1, x_2) = 0.1\,x_1^2 + 2\,x_2^2$:
# 沿 $x_2$ 方向很陡(二阶导数 4),沿 $x_1$ 方向很平(二阶导数 0.2),最低点在 $(0, 0)$。
# 所有优化器都从 $(-5, -2)$ 出发,画出每一步的位置。
#
# AdaDelta 没有学习率,这里走了 400 步(其他优化器只走 40 步):开头 $\Delta = 0$,步子只有 $\sqrt{\epsilon}$ 的量级,
# 要很多步之后才能"加速"。注意这里和上面真实数据上的运行不同:碗里用的是精确的梯度,相邻两步的梯度差不多,
# $S \approx g^2$,每一步的更新量约是 $\sqrt{\Delta + \epsilon}$,开头 $\Delta$ 每步大约多出 $0.8\,\epsilon$(前 100 步平均约 $0.75\,\epsilon$;
# $\Delta$ 大了以后增长放慢),真的会长大:
# 400 步后 $\Delta$ 约 $10^{-4}$(上面只用一条数据的梯度时一直停在 $2\times10^{-6}$ 左右),步子也从 $1.1\times10^{-3}$ 长到 $10^{-2}$ 以上。

# %% slideshow={"slide_type": "slide"}
path = trajectory(AdaDelta(rho=0.2), bowl_gradient, BOWL_START, 400)  # 400 步, 没有学习率
print(f"{len(path) - 1} 步之后: x = ({path[-1, 0]:.4f}, {path[-1, 1]:.4f}), f = {bowl(*path[-1]):.6f}")
plot_paths(bowl, {"AdaDelta, 400 steps": path}, extent=BOWL_EXTENT, title="AdaDelta on 0.1 x1² + 2 x2²")
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 练习
#
# **练习 1**:把 $\rho$ 换成教科书的 0.95(以及 PyTorch 默认的 0.9),第 100 步、第 1000 步和最后的 SSE 各是多少?
# 先猜一猜:$\rho$ 越大,$S$ 平均的步数越多、变化越慢。AdaDelta 会更快还是更慢?
# (提示:$\rho = 0.2$ 时 $S$ 几乎就是这一步的 $g^2$,每一步的更新量最多约是 $1.1\sqrt{\Delta + \epsilon}$,所以 $\Delta$ 长不起来。)

# %% slideshow={"slide_type": "skip"}
# 你的猜测:rho 越大, AdaDelta "更快" 还是 "更慢"? 把 None 换成其中一个, 再运行这一格和下一格
guess = None

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["answer"]
with answer() as explain:
    # 种子 0 抽到的行和上面循环里的一样, 只换 rho; 0.2 就是上面这一课自己的结果
    gradient = row_gradient(x, y, sampled_rows(N, 5500))
    curves = {0.2: np.array(plt_y)}
    for rho in [0.9, 0.95]:
        curves[rho] = sse_curve(trajectory(AdaDelta(rho=rho), gradient, start_theta(M), 5500)[1:], x, y)
    for rho, curve in curves.items():
        print(f"rho = {rho:<4}  第 100 步: {curve[99]:8.1f}  第 1000 步: {curve[999]:8.1f}  5500 步后: {curve[-1]:.1f}")
    faster = curves[0.95][999] < curves[0.9][999] < curves[0.2][999]
    explain(f"可能出乎意料:rho 越大反而越快(第 1000 步:0.95 是 {curves[0.95][999]:.1f},0.9 是 {curves[0.9][999]:.1f},"
            f"0.2 是 {curves[0.2][999]:.1f};5500 步后 {curves[0.95][-1]:.1f}、{curves[0.9][-1]:.1f}、{curves[0.2][-1]:.1f})。",
            holds=faster and curves[0.95][-1] < curves[0.9][-1] < curves[0.2][-1])
    delta, moves = {}, {}
    for rho in [0.2, 0.95]:
        optimizer, thetas, deltas = AdaDelta(rho=rho), [start_theta(M)], []
        for k in range(5500):
            thetas.append(optimizer.step(thetas[-1], gradient(thetas[-1], k)))
            deltas.append(optimizer.delta)
        delta[rho], moves[rho] = np.mean(deltas[:1000]), np.abs(np.diff(thetas, axis=0)).mean()
    explain("rho 大时 S 是二十来步的平均,遇到比平均大的梯度,这一步就比 sqrt(delta) 大,所以 delta 停在更高的水平"
            f"(rho = 0.95 时前 1000 步平均约 {delta[0.95]:.1e},是 rho = 0.2 时的两倍多),"
            f"每步平均走 {moves[0.95]:.1e},比 rho = 0.2 的 {moves[0.2]:.1e} 大两成多。",
            holds=2 < delta[0.95] / delta[0.2] < 3 and 1.2 <= moves[0.95] / moves[0.2] < 1.3)
check(guess, "更快" if faster else "更慢", choices=("更快", "更慢"),
      hint="rho 大时 S 是好多步的平均。遇到比平均大的梯度, 这一步的更新量和 sqrt(delta) 比谁大? delta 会怎样?")

# %% [markdown] slideshow={"slide_type": "slide"}
# **练习 2**:把 $\epsilon$ 从 1e-6 改成 1e-4,开头和最后各有什么变化?先猜一猜:$\epsilon$ 大 100 倍,第一步大几倍?

# %% slideshow={"slide_type": "skip"}
# 你的猜测:eps 大 100 倍, 第一步大几倍? 把 None 换成一个数, 再运行这一格和下一格
guess = None

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["answer"]
with answer() as explain:
    curves = {1e-6: np.array(plt_y)}
    # gradient: 练习 1 里种子 0 抽到的行
    curves[1e-4] = sse_curve(trajectory(AdaDelta(rho=0.2, eps=1e-4), gradient, start_theta(M), 5500)[1:], x, y)
    first_step = {}
    for eps, curve in curves.items():
        first_step[eps] = np.abs(trajectory(AdaDelta(rho=0.2, eps=eps), gradient, start_theta(M), 1)[1]
                                 - start_theta(M)).mean()
        print(f"eps = {eps}  第一步平均走 {first_step[eps]:.1e}  第 100 步: {curve[99]:8.1f}  第 1000 步: {curve[999]:8.1f}"
              f"  5500 步后: {curve[-1]:.1f}  最后 500 步: 平均 {curve[-500:].mean():.1f}, 标准差 {curve[-500:].std():.1f}")
    small, large = curves[1e-6], curves[1e-4]
    explain("delta 一直停在 eps 的量级,步子一直约是 sqrt(eps):eps 就是 AdaDelta 隐藏的学习率。")
    explain(f"eps 大 100 倍,步子大 {first_step[1e-4] / first_step[1e-6]:.0f} 倍。开头:快得多,第 100 步 SSE {large[99]:.1f}"
            f"(eps = 1e-6 时 {small[99]:.1f}),第 1000 步就到了 {large[999]:.1f}。",
            holds=large[99] < small[99] and large[999] < small[999])
    explain(f"最后:晃得更厉害,最后 500 步的标准差 {large[-500:].std():.1f}(eps = 1e-6 时 {small[-500:].std():.1f}),"
            f"平均 {large[-500:].mean():.1f},比 {small[-500:].mean():.1f} 还差。",
            holds=large[-500:].std() > small[-500:].std() and large[-500:].mean() > small[-500:].mean())
check(guess, first_step[1e-4] / first_step[1e-6], tolerance=0.1,
      hint="第一步的更新量是 sqrt(delta + eps) / sqrt(S + eps) × g, delta 从 0 开始, 而 S 比 eps 大得多。")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 自己动手:拖动滑块
#
# 下面的滑块就是这一课的超参数(衰减系数 rho;它没有学习率)和步数。松开滑块,左图重新画出 loss 曲线(对数坐标,虚线是最优值),
# 右图重新画出在二维碗里的路径(用同样的 rho,走 400 步;碗上同样没有学习率),标题写出 rho 和碗上最后的函数值。
# 为了让图跟得上滑块,这里用的是精确梯度(解析公式),不是这一课的前向差分,所以曲线和上面的结果相差不到 0.3%。
# 这个单元格需要在 JupyterLab 里运行才能看到滑块。

# %% slideshow={"slide_type": "-"} tags=["nbval-ignore-output"]
explorer("AdaDelta", x, y)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 小结
#
# - **解决了什么**:不需要学习率。步长由"最近走了多大的步子"和"最近的梯度有多大"的比值决定,单位上也是自洽的。
# - **代价是什么**:要多存 $S$ 和 $\Delta$ 两份状态;$\rho = 0.2$ 时步长从头到尾都由 $\epsilon$ 决定(每步约 $1.3\times10^{-3}$),
#   走得很慢:5500 步后 SSE 还有 790,比随机梯度下降 2500 步后的 768 还高;$\epsilon$ 实际上扮演了"学习率"的角色。
# - **下一课**:Adam,把动量和 RMSProp 结合起来,再用偏差修正解决开头的问题。
