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
# # 7. Adam
#
# Adam 把两样东西结合在一起:动量法的 $v$(梯度的加权平均,决定方向)和 RMSProp 的 $S$(梯度平方的加权平均,决定每个参数的步长),
# 再对两者做**偏差修正**(注意:这门课里"偏差"有两个意思。0.导论、1.梯度下降、8.对比 里说的是前向差分的偏差,
# 数值梯度比真实梯度系统地多了约 $\epsilon$;这里说的是 $v$ 和 $S$ 从 0 开始、开头几步被系统地低估,要除以 $1-\beta^t$ 修正回来):
#
# $$v \leftarrow \beta_1 v + (1-\beta_1)\,g, \qquad S \leftarrow \beta_2 S + (1-\beta_2)\,g^2$$
#
# $$\hat v = \frac{v}{1-\beta_1^t}, \qquad \hat S = \frac{S}{1-\beta_2^t}, \qquad
#   w \leftarrow w - \frac{\eta\,\hat v}{\sqrt{\hat S} + \epsilon}$$
#
# 这门课里 $\beta_1 = 0.9$,$\beta_2 = 0.999$,$\eta = 10^{-2}$,$\epsilon = 10^{-6}$,$t$ 从 1 开始。
#
# **看曲线时注意**:有了偏差修正,第一步就能迈出正常大小的步子,loss 在头 1000 步里就降到最优值附近;
# 之后步长大约是 $\eta$ 的十分之一到五分之一($v$ 把方向来回变化的梯度平均掉了一大部分),曲线在最优值上方持续抖动。

# %% [markdown] slideshow={"slide_type": "notes"}
# 讲解提示:把公式拆成三部分讲:v 来自动量法,S 来自 RMSProp,偏差修正是 Adam 自己的。

# %% slideshow={"slide_type": "skip"}
import numpy as np
from matplotlib import pyplot as plt
# %matplotlib inline
# 课程的图都用 constrained layout 排好了版面, 显示时不用再裁一次白边 (每张图少画一遍)
# %config InlineBackend.print_figure_kwargs = {"bbox_inches": None}

from course_lib import (BOWL_EXTENT, BOWL_START, Adam, answer, bowl, bowl_gradient, check,
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

v_w = np.zeros(M)
v_b = 0

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

for t in range(1, 5500):
    i = rng.integers(N)
    gradient_w, gradient_b = numeric_gradient(get_loss(i), w, b)

    v_w = 0.9 * v_w + 0.1 * gradient_w
    v_b = 0.9 * v_b + 0.1 * gradient_b

    #S的计算和rmsprop完全一致
    # (原注释此处不准确:只有公式的形状一样, 系数是 0.999/0.001, RMSProp 一课是 0.2/0.8)
    S_w = 0.999 * S_w + 0.001 * gradient_w**2
    S_b = 0.999 * S_b + 0.001 * gradient_b**2

    #根据以上公式,在时刻0
    #v = [0.1 * gradient_0]

    #这可能太过于小,为了消除这个影响,需要做偏差修正,也就是除以系数
    # (原注释此处不准确:v 是梯度的 0.1 倍, 但 S 是梯度平方的 0.001 倍, 更小; 不做修正时第一步是 0.1 / sqrt(0.001) ≈ 3.16 倍的 lr, 反而太大, 修正后正好是 lr)
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

# %% [markdown] slideshow={"slide_type": "slide"}
# 循环里的原注释"S的计算和rmsprop完全一致"不准确(已经在原注释下面标明):一样的只是公式的形状 $S \leftarrow \rho S + (1-\rho) g^2$;
# Adam 用的系数是 0.999/0.001,平均了最近约一千步,比 RMSProp 一课的 0.2/0.8 长得多——
# 正因为这么长,开头的 $S$ 几乎是 0,偏差修正才必不可少。
#
# **和教科书的对照**:Kingma 和 Ba 的论文(以及 PyTorch 的默认值)是 $\beta_1 = 0.9$、$\beta_2 = 0.999$、$\epsilon = 10^{-8}$,
# $\epsilon$ 也放在根号外面。这里有两处不同:学习率 $\eta = 10^{-2}$(论文和 PyTorch 默认是 $10^{-3}$,
# 在这里 5499 步后 SSE 还有 902),以及 $\epsilon = 10^{-6}$(换成论文的 $10^{-8}$ 会怎样?见练习 1)。
# 这一课的 Adam 就是 `torch.optim.Adam(params, lr=1e-2, eps=1e-6)`(逐步核对过,见 `tests/test_torch_bridge.py`)。

# %% slideshow={"slide_type": "slide"}
w_best, b_best = least_squares(x, y)
best_loss = total_loss(w_best, b_best)
print(f"最优 SSE = {best_loss:.6f}, Adam 5499 步后 SSE = {plt_y[-1]:.6f}")

# %% slideshow={"slide_type": "slide"}
plot_loss(plt_y, optimum=best_loss, steps=plt_x, ylabel="total loss (SSE)", title="Adam, lr = 1e-2")
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 偏差修正有什么用
#
# 循环里的原注释说,不修正时开头的 $v$"可能太过于小"。先猜一猜:去掉偏差修正(直接用 $v$ 和 $S$),第一步会比 $\eta$ 大还是小?
#
# 第一步 $v = 0.1\,g$,$S = 0.001\,g^2$,所以不修正的步子是 $\eta \cdot 0.1\,|g| / \sqrt{0.001\,g^2} = \eta \cdot 0.1/\sqrt{0.001} \approx 3.16\,\eta$:
# $S$ 被低估得比 $v$ 更厉害,步子反而**大**了。修正之后 $\hat v = g$,$\hat S = g^2$,第一步正好是 $\eta$。下面用和上面循环同样的数据验证:

# %% slideshow={"slide_type": "slide"}
# 不做偏差修正的 Adam: 和上面的循环一样, 只是直接用 v 和 S
def adam_without_correction(gradient, steps, lr=1e-2):
    theta, v, S = start_theta(M), 0.0, 0.0
    thetas = [theta]
    for k in range(steps):
        g = gradient(theta, k)
        v = 0.9 * v + 0.1 * g
        S = 0.999 * S + 0.001 * g**2
        theta = theta - lr * v / (S**0.5 + 1e-6)
        thetas.append(theta)
    return np.array(thetas)


# 种子 0 抽到的行和上面循环里的一样
gradient = row_gradient(x, y, sampled_rows(N, 1000))
runs = {"修正": trajectory(Adam(lr=1e-2), gradient, start_theta(M), 1000),
        "不修正": adam_without_correction(gradient, 1000)}
for name, thetas in runs.items():
    first_step = np.abs(thetas[1] - thetas[0]).mean()
    curve = sse_curve(thetas[1:], x, y)
    print(f"{name:<4} 第一步平均每个参数走 {first_step / 1e-2:.4f} 倍 lr,"
          f"  第 100/500/1000 步 SSE: {curve[99]:7.1f} {curve[499]:6.1f} {curve[999]:6.1f}")

# %% [markdown] slideshow={"slide_type": "slide"}
# 不修正时第一步约是 $3.162\,\eta$,和上面算的一样。在这个问题上,开头更大的步子反而让 loss 降得更快(第 100 步 SSE 约 1029,修正后约 6291),
# 到第 1000 步两者都接近最优值(约 749 和 767,最优值约 728)。Kingma 和 Ba(2015)第 3 节说明了偏差修正真正防止的是什么:$\beta_2$ 越接近 1($S$ 平均的步数越多,
# 梯度稀疏时需要这样),不修正时开头的步子就越大(第一步是 $(1-\beta_1)/\sqrt{1-\beta_2}$ 倍的 $\eta$),训练可能一开始就不稳定。
# 修正之后,不管 $\beta_1$、$\beta_2$ 取多少,开头每一步的大小都由 $\eta$ 决定:这才是偏差修正的意义,而不是让开头"更快"。

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 在二维的"碗"里看 Adam 怎么走
#
# 真实问题有 6 个参数,画不出来。换一个只有两个参数的二次函数 $f(x_1, x_2) = 0.1\,x_1^2 + 2\,x_2^2$:
# 沿 $x_2$ 方向很陡(二阶导数 4),沿 $x_1$ 方向很平(二阶导数 0.2),最低点在 $(0, 0)$。
# 所有优化器都从 $(-5, -2)$ 出发,画出每一步的位置。
#
# 第一步两个方向都正好走了 lr(偏差修正的作用);之后在平的方向上每一步仍然接近 lr(归一化让小梯度也迈大步),
# 但并没有越走越快:$x_1$ 方向的步子在第 1、6、11、16 步是 0.30、0.29、0.27、0.22,越来越小;
# 动量带着它冲过最低点($x_1$ 从第 20 步起大于 0,最远到 0.83)再绕回来。

# %% slideshow={"slide_type": "slide"}
path = trajectory(Adam(lr=0.3, beta1=0.9, beta2=0.999), bowl_gradient, BOWL_START, 40)
print(f"{len(path) - 1} 步之后: x = ({path[-1, 0]:.4f}, {path[-1, 1]:.4f}), f = {bowl(*path[-1]):.6f}")
plot_paths(bowl, {"Adam, lr = 0.3": path}, extent=BOWL_EXTENT, title="Adam on 0.1 x1² + 2 x2²")
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 练习
#
# **练习 1**:把 $\epsilon$ 换成论文里的 1e-8,曲线会变吗?先猜一猜(提示:$\epsilon$ 加在 $\sqrt{\hat S}$ 上,
# 看上面打印的 `S_hat_w`,$\sqrt{\hat S}$ 是什么量级?)。

# %% slideshow={"slide_type": "skip"}
# 你的猜测:eps 换成 1e-8, 曲线 "会" 还是 "不会" 明显变化? 把 None 换成其中一个, 再运行这一格和下一格
guess = None

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["answer"]
with answer() as explain:
    # 种子 0 抽到的行和上面循环里的一样 (5499 步), 只换 eps; 1e-6 就是上面这一课自己的结果
    gradient = row_gradient(x, y, sampled_rows(N, 5499))
    curves = {1e-6: np.array(plt_y)}
    curves[1e-8] = sse_curve(trajectory(Adam(lr=1e-2, eps=1e-8), gradient, start_theta(M), 5499)[1:], x, y)
    for eps, curve in curves.items():
        print(f"eps = {eps}  第 500 步: {curve[499]:.3f}  最后: {curve[-1]:.3f}")
    change = np.abs(curves[1e-8] / curves[1e-6] - 1).max()
    print(f"两条曲线每一步最多相差 {change:.1e} (相对)")
    explain(f"循环结束时 sqrt(S_hat_w) 在 {np.sqrt(S_hat_w).min():.1f} 到 {np.sqrt(S_hat_w).max():.1f} 之间,"
            "加上 1e-6 还是 1e-8 几乎没有区别:只有 sqrt(S_hat) 小到 1e-6 附近(梯度几乎为 0)时,eps 才起作用。",
            holds=np.sqrt(S_hat_w).min() > 1e-3 and change < 1e-4)
# "明显变化": 某一步相差 1% 以上
check(guess, "会" if change > 0.01 else "不会", choices=("会", "不会"),
      hint="eps 加在 sqrt(S_hat) 上。看上面打印的 S_hat_w: sqrt(S_hat) 是什么量级? 加上 1e-6 和 1e-8 差多少?")

# %% [markdown] slideshow={"slide_type": "slide"}
# **练习 2**:把 beta2 从 0.999 换成 0.99 和 0.9(S 只记住更短的历史),第 500、1000 步和最后 500 步的平均 SSE 怎么变?
# 先猜一猜:开头参数离最优解远、梯度大,越走梯度越小。$S$ 记得越久,步子会越大还是越小?

# %% slideshow={"slide_type": "skip"}
# 你的猜测:S 记得越久 (beta2 越大), 开头的步子 "更大" 还是 "更小"? 把 None 换成其中一个, 再运行这一格和下一格
guess = None

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["answer"]
with answer() as explain:
    curves = {0.999: np.array(plt_y)}
    step = {}
    for beta2 in [0.999, 0.99, 0.9]:
        # gradient: 练习 1 里种子 0 抽到的行
        thetas = trajectory(Adam(lr=1e-2, beta1=0.9, beta2=beta2), gradient, start_theta(M), 5499)
        if beta2 != 0.999:
            curves[beta2] = sse_curve(thetas[1:], x, y)
        step[beta2] = np.abs(np.diff(thetas[200:501], axis=0)).mean()
    for beta2, curve in curves.items():
        print(f"beta2 = {beta2:<5}  第 500/1000 步: {curve[499]:8.1f} {curve[999]:8.1f}"
              f"  最后 500 步平均: {curve[-500:].mean():.1f}  第 200 到 500 步每步平均走 {step[beta2]:.2e}")
    smaller = step[0.999] < step[0.99] < step[0.9]
    late = [curve[-500:].mean() for curve in curves.values()]
    explain(f"beta2 越小,开头越快(第 500 步:0.999 是 {curves[0.999][499]:.1f},0.99 是 {curves[0.99][499]:.1f},"
            f"0.9 是 {curves[0.9][499]:.1f})。", holds=curves[0.9][499] < curves[0.99][499] < curves[0.999][499])
    explain("S_hat 是梯度平方的平均:beta2 = 0.999 时它平均了差不多从头开始的所有梯度,还记着开头的大梯度,"
            "参数走近以后 sqrt(S_hat) 偏大,步子偏小;记得短,S_hat 跟得上变小的梯度,步子更大"
            f"(第 200 到 500 步每个参数每步平均走 {step[0.999]:.2e}、{step[0.99]:.2e}、{step[0.9]:.2e})。", holds=smaller)
    explain(f"到了最优值附近,三者最后 500 步的平均差不多({min(late):.0f} 到 {max(late):.0f}):"
            "那时梯度的大小不再变化,记得长短就无所谓了。", holds=max(late) < 1.01 * min(late))
check(guess, "更小" if smaller else "更大", choices=("更大", "更小"),
      hint="开头的梯度大, 越走越小。S_hat 记得越久, 里面还留着多少开头的大梯度? 步子是 lr / sqrt(S_hat) 乘以 m_hat。")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 自己动手:拖动滑块
#
# 下面的滑块就是这一课的超参数(学习率 lr、beta1、beta2)和步数。松开滑块,左图重新画出 loss 曲线(对数坐标,虚线是最优值),
# 右图重新画出在二维碗里的路径:碗上的学习率总是滑块的 30 倍(默认位置就是上面碗那一节的 0.3),标题写出碗上实际用的学习率。
# 两边用同一个标准判断发散(数值超过 100 或不是有限数):发散时标题写明在第几步发散,碗里的路径只画到那一步。
# 两边可能不一致:滑块在 0.32 到 0.63 之间时,真实数据上不发散,碗里却发散了,因为碗上的学习率大了 30 倍。
# 为了让图跟得上滑块,这里用的是精确梯度(解析公式),不是这一课的前向差分,所以曲线和上面的结果相差不到 0.3%。
# 这个单元格需要在 JupyterLab 里运行才能看到滑块。

# %% slideshow={"slide_type": "-"} tags=["nbval-ignore-output"]
explorer("Adam", x, y)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 小结
#
# - **解决了什么**:动量给出平滑的方向,$S$ 给每个参数自己的步长,偏差修正让开头几步也是正常大小;
#   默认的 $\beta_1$、$\beta_2$、$\epsilon$ 在很多问题上直接可用,学习率仍然要挑(这一课用 0.01;默认的 0.001 在这里 5499 步后 SSE 还有 902),
#   所以它是最常用的优化器。
# - **代价是什么**:要存 $v$ 和 $S$ 两份状态、三个超参数;步长始终受 $\eta$ 控制(这里大约是 $\eta$ 的十分之一到五分之一),
#   固定学习率时到了最优值附近仍会抖动(实践中常配合学习率衰减)。
# - **回顾**:从梯度下降到 Adam,每一课都只改了一件事:用一条数据代替全部数据、累积梯度、
#   每个参数自己的学习率、只记住最近的梯度、去掉学习率、把动量和自适应学习率结合起来。
