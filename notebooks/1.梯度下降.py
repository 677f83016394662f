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
# # 1. 梯度下降 (Gradient Descent)
#
# 我们要用线性模型 $\hat y = w^\top x + b$ 拟合标准化后的翼型噪声数据,loss 是全部 $N$ 条数据的均方误差:
#
# $$L(w, b) = \frac{1}{N}\sum_{i=1}^{N}\left(w^\top x_i + b - y_i\right)^2$$
#
# 梯度下降每一步都用**全部数据**算出梯度,再沿着梯度的反方向走一小步($\eta$ 是学习率 lr):
#
# $$w \leftarrow w - \eta\,\nabla_w L(w, b), \qquad b \leftarrow b - \eta\,\frac{\partial L}{\partial b}(w, b)$$
#
# 这一课的梯度是用数值方法"试"出来的:把一个参数加上一个很小的 eps,看 loss 变了多少。
#
# **看曲线时注意**:loss 一开始下降得很快,越接近最优值下降得越慢;虚线是最小二乘闭式解给出的最优 loss,
# 梯度下降只能一步步逼近它。

# %% [markdown] slideshow={"slide_type": "notes"}
# 讲解提示:先让大家猜一猜,w 全是 1、b 是 0 的时候 loss 大概是多少;再解释数值梯度为什么要算 7 次 loss。

# %% slideshow={"slide_type": "skip"}
import numpy as np
from matplotlib import pyplot as plt
# %matplotlib inline
# 课程的图都用 constrained layout 排好了版面, 显示时不用再裁一次白边 (每张图少画一遍)
# %config InlineBackend.print_figure_kwargs = {"bbox_inches": None}

from course_lib import (BOWL_EXTENT, BOWL_START, SGD, answer, bowl, bowl_gradient, check, explorer,
                        full_batch_gradient, least_squares, load_data, mse, mse_curve, mse_hessian,
                        numeric_gradient, plot_loss, plot_paths, predict, start_theta,
                        steps_to_within, trajectory)

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

# %% [markdown] slideshow={"slide_type": "slide"}
# 预测函数和 loss 函数放在 `course_lib` 里,所有课程共用:`predict(w, b, x)` 就是 `x @ w + b`,
# `mse(w, b, x, y)` 就是预测值与真实值之差的平方的平均值。

# %% slideshow={"slide_type": "slide"}
#预测函数
print(f"{predict(w, b, x[0]):.10f}")

# %% slideshow={"slide_type": "slide"}
#求loss,MSELoss
print(f"{mse(w, b, x, y):.10f}")

# %% [markdown] slideshow={"slide_type": "slide"}
# 数值梯度:对每个参数,把它加上 eps=1e-3,loss 的变化量除以 eps,就是这个参数的梯度(前向差分)。
# 6 个参数,一共要算 7 次 loss:一次在原地,每个参数各加一次 eps。

# %% slideshow={"slide_type": "slide"}
def get_loss(w, b):
    return mse(w, b, x, y)


def get_gradient(w, b):
    eps = 1e-3

    loss_before = get_loss(w, b)

    gradient_w = np.empty(M)
    for i in range(M):
        w_after = w.copy()
        w_after[i] += eps
        gradient_w[i] = (get_loss(w_after, b) - loss_before) / eps

    gradient_b = (get_loss(w, b + eps) - loss_before) / eps

    return gradient_w, gradient_b


gradient_w, gradient_b = get_gradient(w, b)
print(gradient_w, f"{gradient_b:.8f}")

# %% [markdown] slideshow={"slide_type": "slide"}
# 以后每一课都要用这个数值梯度,所以它放在 `course_lib` 里:`numeric_gradient(f, w, b)` 就是上面的 `get_gradient`,
# 只是 loss 函数 `f` 作为参数传进去(还可以用 `method="central"` 换成中心差分)。它和上面的循环算出的是同一组数:

# %% slideshow={"slide_type": "-"}
library_w, library_b = numeric_gradient(get_loss, w, b)
print("和 get_gradient 完全一样:", np.array_equal(library_w, gradient_w) and library_b == gradient_b)

# %% [markdown] slideshow={"slide_type": "slide"}
# 注意 `gradient_b` 并不是 0,而是 0.001 左右:前向差分有一个固定的偏差,等于 eps 乘以二阶导数的一半。
# 标准化之后每个参数方向上的二阶导数都是 2,所以每个梯度都多了 eps = 0.001。

# %% slideshow={"slide_type": "slide"}
plt_x = []
plt_y = []
for i in range(500):
    gradient_w, gradient_b = numeric_gradient(get_loss, w, b)
    w -= gradient_w * 1e-2
    b -= gradient_b * 1e-2

    loss = get_loss(w, b)
    plt_x.append(i)
    plt_y.append(loss)

    if i % 50 == 0:
        print(i, f"{loss:.10f}")

# %% [markdown] slideshow={"slide_type": "slide"}
# 最小二乘问题有闭式解,它给出了 loss 能达到的最小值。把它画成虚线,就能看出梯度下降离终点还有多远。
# 右边一格把 loss 减去最优值画在对数坐标上:左边的曲线贴住虚线以后,右边仍然看得出离终点还有多远。

# %% slideshow={"slide_type": "slide"}
w_best, b_best = least_squares(x, y)
best_loss = mse(w_best, b_best, x, y)
print(f"最优 MSE = {best_loss:.10f}, 梯度下降 500 步后 MSE = {plt_y[-1]:.10f}")

# %% slideshow={"slide_type": "slide"}
plot_loss(plt_y, optimum=best_loss, steps=plt_x, ylabel="MSE", title="Gradient descent, lr = 1e-2")
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 在二维的"碗"里看梯度下降怎么走
#
# 真实问题有 6 个参数,画不出来。换一个只有两个参数的二次函数 $f(x_1, x_2) = 0.1\,x_1^2 + 2\,x_2^2$:
# 沿 $x_2$ 方向很陡(二阶导数 4),沿 $x_1$ 方向很平(二阶导数 0.2),最低点在 $(0, 0)$。
# 所有优化器都从 $(-5, -2)$ 出发,画出每一步的位置。
#
# 这里学习率取 0.4,而不是这一课在真实数据上用的 0.01:只走 40 步,学习率小了就看不出路径。这个碗的二阶导数(0.2 和 4)
# 和真实数据的 Hessian 特征值(0.35 到 4.22)在同一个范围,所以 0.4 在真实数据上同样能用(见练习 1)。注意看:在陡的 $x_2$ 方向上每一步都冲过了谷底,来回振荡;
# 在平的 $x_1$ 方向上却走得很慢。学习率被陡的方向限制住了:再大一点,$x_2$ 方向就会发散。

# %% slideshow={"slide_type": "slide"}
# trajectory(优化器, 梯度函数, 起点, 步数) 返回每一步的位置; 梯度下降的一步就是 SGD 类的更新 w -= lr * g,
# 这里每一步都用碗的精确梯度
path = trajectory(SGD(lr=0.4), bowl_gradient, BOWL_START, 40)
print(f"{len(path) - 1} 步之后: x = ({path[-1, 0]:.4f}, {path[-1, 1]:.4f}), f = {bowl(*path[-1]):.6f}")
plot_paths(bowl, {"GD, lr = 0.4": path}, extent=BOWL_EXTENT, title="Gradient descent on 0.1 x1² + 2 x2²")
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 学习率的上限
#
# 在碗里,梯度下降沿 $x_2$ 方向的一步是 $x_2 \leftarrow x_2 - \eta \cdot 4 x_2 = (1 - 4\eta)\,x_2$:
# 只有 $|1 - 4\eta| < 1$,也就是 $\eta < 2/4 = 0.5$ 时,$x_2$ 才会越来越小;$\eta$ 在 0.25 到 0.5 之间时 $1 - 4\eta$ 是负的,
# 所以每一步都冲过谷底、正负交替(上图的 0.4 就是这样)。沿 $x_1$ 方向的系数是 $1 - 0.2\eta$,$\eta$ 要超过 10 才会发散:
# **最陡的方向决定了学习率的上限**。
#
# 真实数据的 loss 也是二次函数,它的"各个方向的二阶导数"就是 Hessian(二阶导数矩阵)的特征值,
# 同样的道理给出上限 $\eta < 2 / \lambda_\max$:

# %% slideshow={"slide_type": "-"}
# loss 的二阶导数矩阵(Hessian)的最大特征值决定了学习率的上限: lr < 2 / 最大特征值
eigenvalues = np.linalg.eigvalsh(mse_hessian(x))
print(f"Hessian 的特征值从 {eigenvalues.min():.4f} 到 {eigenvalues.max():.4f}")
print(f"学习率上限 2 / {eigenvalues.max():.4f} = {2 / eigenvalues.max():.4f}")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 练习
#
# **练习 1**:把学习率分别改成 0.001、0.01、0.1、0.4、0.5,500 步之后的 MSE 是多少?
# 先猜一猜:哪个学习率会发散?0.4 离上限很近,它会比 0.1 更好还是更差?然后核对答案。
# 提示:`trajectory(SGD(lr=...), full_batch_gradient(x, y), start_theta(M), 500)` 用这一课的数值梯度,
# 从同一个起点($w$ 全是 1,$b = 0$)跑 500 步,返回每一步的参数 $[w, b]$。

# %% slideshow={"slide_type": "skip"}
# 你的猜测:0.001、0.01、0.1、0.4、0.5 里, 会发散的最小的学习率是哪个 (都不会就写 0)? 把 None 换成它, 再运行这一格和下一格
guess = None

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["answer"]
with answer() as explain:
    # full_batch_gradient(x, y): 上面 get_gradient 的前向差分, 作为参数向量 theta = [w..., b] 的函数
    final = {}
    for lr in [1e-3, 1e-2, 0.1, 0.4, 0.5]:
        with np.errstate(over="ignore", invalid="ignore"):
            theta = trajectory(SGD(lr=lr), full_batch_gradient(x, y), start_theta(M), 500)[-1]
            final[lr] = get_loss(theta[:-1], theta[-1])
        print(f"lr = {lr:<5}  500 步后 MSE = " + (f"{final[lr]:.6g}" if final[lr] < 1e3 else "发散 (> 1000)"))
    diverged = [lr for lr, loss in final.items() if loss >= 1e3]
    limit = 2 / eigenvalues.max()
    explain(f"0.5 只比上限 {limit:.3f} 大一点,就发散了;0.4 在上限之内,虽然陡的方向来回振荡,"
            "500 步后和 0.1 一样到了最优值。",
            holds=diverged == [0.5] and 0.4 < limit < 0.5 and abs(final[0.4] - final[0.1]) < 1e-8)
    explain("0.001 和 0.01 离上限很远,很稳,但 500 步还没走完平的方向。",
            holds=final[1e-3] > final[1e-2] > final[0.1])
    explain("发散以后 loss 涨到 1e24 以上,那时的数值梯度只剩舍入误差,具体的数字没有意义(随 CPU 而变),所以这里只写“发散”。")
check(guess, min(diverged, default=0), tolerance=0, hint="和上面算出的上限 2 / 最大特征值 = 0.4741 比一比。")

# %% [markdown] slideshow={"slide_type": "slide"}
# **练习 2**:学习率从 0.01 放大 10 倍到 0.1,MSE 第一次进入最优值 1% 以内所用的步数会变成原来的几分之一?
# 放大到 0.4 呢?0.45 呢(还在上限 0.474 之内)?先猜一猜,再核对答案。
# 提示:`steps_to_within(mse_curve(thetas, x, y), best_loss)` 给出第一次进入 1% 以内的那一步。

# %% slideshow={"slide_type": "skip"}
# 你的猜测:学习率从 0.01 放大到 0.1, 步数变成原来的几分之一? 写分母 (三分之一就写 3), 再运行这一格和下一格
guess = None

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["answer"]
with answer() as explain:
    steps = {}
    for lr in [0.01, 0.1, 0.4, 0.45]:
        thetas = trajectory(SGD(lr=lr), full_batch_gradient(x, y), start_theta(M), 1000)
        steps[lr] = steps_to_within(mse_curve(thetas, x, y), best_loss)
        print(f"lr = {lr:<5}  进入 1% 以内用了 {steps[lr]} 步")
    flat, steep = eigenvalues.min(), eigenvalues.max()
    explain(f"步数和学习率成反比({steps[0.01]} -> {steps[0.1]} -> {steps[0.4]}):慢的是平的方向,"
            f"那个方向上每一步只缩小 lr × {flat:.3f}(最小的特征值)。",
            holds=abs(steps[0.01] / steps[0.1] - 10) < 1 and abs(steps[0.1] / steps[0.4] - 4) < 1)
    explain(f"到了 0.45,陡的方向上每一步乘以 1 - 0.45 × {steep:.3f} = {1 - 0.45 * steep:.2f},"
            f"来回振荡、衰减得很慢,步数反而变多({steps[0.45]} 步)。",
            holds=1 - 0.45 * steep < -0.5 and steps[0.45] > steps[0.4])
    explain("学习率既要小于 2 / 最大特征值,又不能太靠近它:"
            f"这就是条件数({steep:.3f} / {flat:.3f} = {steep / flat:.1f})让梯度下降变慢的原因。")
check(guess, steps[0.01] / steps[0.1], tolerance=0.2,
      hint="慢的是平的方向: 那个方向上每一步只缩掉离最优值的距离的 lr × 0.349 (最小的特征值)。")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 自己动手:拖动滑块
#
# 下面的滑块就是这一课的超参数(学习率 lr)和步数。拖动超参数滑块时图跟着重画(步数滑块松开后重画):左图是 loss 曲线(对数坐标,虚线是最优值),
# 右图是在二维碗里的路径:碗上的学习率总是滑块的 40 倍(默认位置就是上面碗那一节的 0.4),标题写出碗上实际用的学习率。
# 两边用同一个标准判断发散(数值超过 100 或不是有限数):发散时标题写明在第几步发散,碗里的路径只画到那一步。
# 两边可能不一致:滑块在 0.016 到 0.4 之间时,真实数据上不发散,碗里却发散了,因为碗上的学习率大了 40 倍。
# 为了让图跟得上滑块,这里用的是精确梯度(解析公式),不是这一课的前向差分,所以曲线和上面的结果相差不到 0.3%。
# 这个单元格需要在 JupyterLab 里运行才能看到滑块。

# %% slideshow={"slide_type": "-"} tags=["nbval-ignore-output"]
explorer("GD", x, y)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 小结
#
# - **解决了什么**:梯度下降是最基本的优化方法,只要能算出梯度,就能一步步把 loss 降下来。
# - **代价是什么**:每一步都要遍历全部数据;数值梯度更贵,每个参数都要多算一次 loss(这里 6 个参数,
#   一步要算 7 次 loss)。学习率要自己挑:太大会发散,太小走得慢。
# - **在 PyTorch 里**:同样的一步是 `torch.optim.SGD(params, lr=1e-2)`:给它同样的梯度,它走出的每一步都和这一课的循环相同
#   (`tests/test_torch_bridge.py` 逐步核对)。
# - **下一课**:随机梯度下降,每一步只看一条数据,一步的代价从 $N$ 条数据降到 1 条。
