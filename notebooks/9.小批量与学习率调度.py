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
# # 9. 小批量与学习率调度
#
# 第 1 课的梯度下降每一步看**全部** $N = 1503$ 条数据,第 2 课的随机梯度下降每一步只看**一条**。
# 小批量 (minibatch) 在两者之间:每一步随机取 $B$ 条,用它们梯度的平均值走一步。$B = N$ 就是梯度下降,$B = 1$ 就是随机梯度下降。
#
# 这一课回答三个问题:
# 1. 一批 $B$ 条数据的梯度有多"吵"?
# 2. 一共只许算同样多条数据的梯度时,$B$ 取多大最好?
# 3. 随机梯度下降最后"停不下来"、在最优值附近抖,怎么治?(学习率调度;以及第 8 课的随机方法里 AdaGrad 为什么最后离最优值最近)
#
# 这一课用精确的单行梯度(解析公式),只研究抽样带来的噪声。

# %% [markdown] slideshow={"slide_type": "notes"}
# 讲解提示:先问大家,一批 100 条数据的梯度,噪声是一条数据的百分之几?很多人会猜 1/10(按标准差想)。

# %% slideshow={"slide_type": "skip"}
import numpy as np
from matplotlib import pyplot as plt
# %matplotlib inline
# 课程的图都排好了版面 (constrained layout 或固定的页边距), 显示时不用再裁一次白边 (每张图少画一遍)
# %config InlineBackend.print_figure_kwargs = {"bbox_inches": None}

from course_lib import (FONT_SIZES, SGD, AdaGrad, answer, check, design_matrix, load_data,
                        mse_curve, new_axes, optimum_mse, row_gradient, sampled_rows,
                        schedule_explorer, schedule_rates, shuffled_batches, start_theta,
                        style_axes, trajectory)

x, y = load_data()
N, M = x.shape
A = design_matrix(x)  # 每一行是 [x_i, 1] (np.column_stack([x, np.ones(N)])), 参数 theta = [w..., b]
best_loss = optimum_mse(x, y)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 一批数据的梯度
#
# 第 $i$ 条数据的 loss $(a_i^\top\theta - y_i)^2$ 的梯度是 $2\,(a_i^\top\theta - y_i)\,a_i$。一批数据的梯度就是这一批里每条梯度的平均:

# %% slideshow={"slide_type": "-"}
def minibatch_gradient(theta, rows):
    """rows 这一批数据的平均梯度; rows 是全部行号时就是梯度下降用的 MSE 梯度。theta 也可以是一叠参数 (每行一组)"""
    a = A[rows]  # 这一批的 B 行, 取一次用两次
    residual = theta @ a.T - y[rows]
    return 2 * residual @ a / len(rows)


def run_sgd(lr, batches):
    """随机梯度下降, 第 k 步用 batches[k] 这一批, 从各课共同的起点出发。lr 是一列学习率 (每个一组参数, 一起更新),
    或者一个调度: 第 k 步的学习率 lr(k)。返回每组参数每一步离最优值的距离, 形状 (组, 步)"""
    runs = len(lr(0) if callable(lr) else lr)
    thetas = trajectory(SGD(lr=lr), lambda theta, k: minibatch_gradient(theta, batches[k]),
                        np.tile(start_theta(M), (runs, 1)), len(batches))
    return mse_curve(thetas[1:], x, y).T - best_loss  # mse_curve 一次算完 (步, 组) 的每一组参数


# shuffled_batches: 每一轮 (epoch) 把 1503 条数据随机打乱, 再按顺序切成一批一批
print(shuffled_batches(N, 4, 3))

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 噪声随 $B$ 怎么变
#
# 在起点处,把每一种 $B$ 都抽 600 批,看批梯度离真梯度(全部数据的平均)有多远。统计学告诉我们:
# 不放回地抽 $B$ 条,平均值的方差是一条数据的方差的 $\frac{1}{B}\cdot\frac{N - B}{N - 1}$。

# %% slideshow={"slide_type": "slide"}
theta = start_theta(M)
row_grads = 2 * (A @ theta - y)[:, None] * A  # 每一条数据的梯度, 1503 行
true_grad = row_grads.mean(axis=0)
one_row_variance = ((row_grads - true_grad) ** 2).sum(axis=1).mean()

sizes = np.array([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, N])
variances = []
for B in sizes:
    grads = np.array([minibatch_gradient(theta, rows) for rows in shuffled_batches(N, B, 600)])
    variances.append(((grads - true_grad) ** 2).sum(axis=1).mean())
variances = np.array(variances)
# B = N 时每一批都是全部数据, 批梯度就是真梯度: 算出来的 1e-29 量级只是求和顺序的舍入误差 (随 CPU 而变), 记作 0
variances[sizes == N] = 0.0
predicted = one_row_variance / sizes * (N - sizes) / (N - 1)
for i in range(0, len(sizes), 2):  # 一行两种 B
    print("      ".join(f"B = {B:4d}  方差 {v:8.3g}  公式 {f:8.3g}"
                         for B, v, f in zip(sizes[i:i + 2], variances[i:i + 2], predicted[i:i + 2])))
slope = np.polyfit(np.log(sizes[:7]), np.log(variances[:7]), 1)[0]
print(f"B = 1 到 64: log(方差) 对 log(B) 的斜率 {slope:.3f}")

# %% slideshow={"slide_type": "slide"}
ax = new_axes((10, 4.5), legend_space=0)
ax.loglog(sizes[:-1], variances[:-1], "o", markersize=9, label="measured (600 batches each)")
ax.loglog(sizes[:-1], predicted[:-1], "-", label="formula (1/B)(N-B)/(N-1)")
style_axes(ax, "batch size B", "gradient noise variance", "Minibatch noise against batch size")
ax.legend(fontsize=FONT_SIZES["legend"], loc="lower left")
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# $B$ 远小于 $N$ 时,方差和 $B$ 成反比($B$ = 1 到 64 斜率约 $-1$):$B$ 大 100 倍,方差小约 100 倍,**标准差**只小约 10 倍。
# $B$ 接近 $N$ 时方差降得比 $1/B$ 更快(因子 $\frac{N-B}{N-1}$:$B = 1024$ 时只剩 $1/B$ 的约 0.32 倍),$B = N$ 时是 0(图里画不出 0),就是梯度下降。

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 同样的计算量,$B$ 取多大?
#
# 算一条数据的梯度算一份工作量。给每种 $B$ 同样的 5 轮数据(约 7515 份工作量;$N$ 不能被 $B$ 整除时,每轮丢掉最后不满一批的几条):
# $B = 1$ 走 7515 步,$B = N$ 只走 5 步。
# 每种 $B$ 都把几个学习率一起跑(同样的批),取最后 10% 步数里离最优值最近的那个学习率。

# %% slideshow={"slide_type": "slide"}
budget = 5 * N
lrs = np.array([1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 0.45])[:, None]  # 0.45 < 上限 0.474
results = {}
for B in [1, 10, 100, N]:
    batches = shuffled_batches(N, B, budget // B)
    with np.errstate(over="ignore", invalid="ignore"):
        gaps = run_sgd(lrs, batches)  # (学习率, 步)
    tail = np.nan_to_num(gaps[:, -max(1, len(batches) // 10):].mean(axis=1), nan=np.inf)
    j = int(np.argmin(tail))
    results[B] = (lrs[j, 0], tail[j])
    print(f"B = {B:4d}  {len(batches):4d} 步  最好的学习率 {lrs[j, 0]:<6}  最后 10% 步数离最优值平均 {tail[j]:.4f}")

# %% [markdown] slideshow={"slide_type": "slide"}
# - 同样的工作量,梯度下降($B = N$)只走了 5 步,离最优值最远:每一步都"算得很准",但步数太少。
# - $B$ = 1、10、100 最后离最优值相差不到 30%,但各自最好的学习率不同:$B$ 大 10 倍,最好的学习率也大 10 倍
#   ($B = N$ 时最好的是 0.3:学习率不能超过第 1 课的上限 $2/\lambda_\max \approx 0.474$,没法再大 10 倍)。
#   为什么:批大 $B$ 倍,噪声的方差小约 $B$ 倍,可同样 5 轮数据,步数也少了 $B$ 倍。学习率跟着大 $B$ 倍,走过的总路程(学习率 × 步数)
#   和累积的噪声(学习率² × 步数 × 每步的方差)都不变,所以结果差不多。学习率还远低于上限、$B$ 远小于 $N$ 时才是这样。
# - 所以只数工作量,小批量并不省;它的好处在于一批里的 $B$ 条可以一次(向量化、并行地)算完。这一课只数工作量,不计时间。

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 学习率调度:让随机梯度下降停下来
#
# 学习率不变时,随机梯度下降走到最后会停在最优值附近抖,抖的幅度不再变小:学习率不变,每一步的噪声也不变。
# (第 2 课的 2500 步还没走到这一步:学习率 $10^{-3}$ 时,第 2000 到 2500 步离最优值的差距平均还有约 0.035,再走几千步才稳定在约 0.003。)调度 (schedule) 让学习率随步数 $k$ 变小。
# 下面 5 种调度的最大学习率都是 $\eta_0 = 0.01$(预热加余弦在前 500 步从接近 0 线性升到 0.01;$B = 1$,5000 步,同样的行),
# 再加上第 2 课的常数 $10^{-3}$ 作对照:

# %% slideshow={"slide_type": "slide"}
T, lr0 = 5000, 0.01
k = np.arange(T)
warm = T // 10
schedules = {
    "constant 1e-3": np.full(T, 1e-3),
    "constant 1e-2": np.full(T, lr0),
    "step decay": lr0 * 0.1 ** ((k >= T // 2).astype(int) + (k >= 3 * T // 4)),  # 一半和四分之三处各乘 0.1
    "1/t": lr0 / (1 + k / 250),
    "cosine": lr0 * 0.5 * (1 + np.cos(np.pi * k / T)),
    "warm-up + cosine": np.where(k < warm, lr0 * (k + 1) / warm,
                                 lr0 * 0.5 * (1 + np.cos(np.pi * (k - warm) / (T - warm)))),
}

# course_lib 的 schedule_rates (探索器用它) 给出同样的学习率 (1/t 的时间尺度是总步数的 1/20, 这里是 250 步)
print("和 course_lib 的一样:", all(np.allclose(schedules[name], schedule_rates(name.replace("constant 1e-2", "constant"), lr0, T))
                                  for name in ["constant 1e-2", "step decay", "1/t", "cosine", "warm-up + cosine"]))

# %% slideshow={"slide_type": "slide"}
rows = sampled_rows(N, T)[:, None]  # 和第 2 课一样的抽法 (种子 0): 每一步一批, 只有 1 条
rates = np.array(list(schedules.values()))  # 每一行是一种调度: 每一步的学习率


# %% slideshow={"slide_type": "slide"}
# 学习率是步数 k 的函数 (调度): 第 k 步每种调度各用自己的学习率; 所有调度用同样的行, 一起跑
gaps = dict(zip(schedules, run_sgd(lambda k: rates[:, k, None], rows)))
for name, gap in gaps.items():
    print(f"{name:<17} 第 500 步 {gap[499]:.4f}   最后 500 步: 平均 {gap[-500:].mean():.5f}, 标准差 {gap[-500:].std():.5f}"
          f"  (常数 1e-2 的 {gaps['constant 1e-2'][-500:].std() / gap[-500:].std():5.1f} 分之一)")

# %% slideshow={"slide_type": "slide"}
ax = new_axes((10, 4.5), legend_space=2.3)
for name, gap in gaps.items():
    ax.semilogy(gap, label=name, linewidth=1.5)
style_axes(ax, "step", "MSE - optimum", "SGD (B = 1) with learning-rate schedules")
ax.legend(fontsize=FONT_SIZES["legend"], loc="upper left", bbox_to_anchor=(1.01, 1))
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# - 常数 $10^{-2}$:开头快,但一直抖,最后离最优值最远;常数 $10^{-3}$:抖得少,可是走得慢。
# - 会衰减的调度兼得两者:开头用大学习率走得快,最后学习率小了,抖动也小了。最后 500 步的平均离最优值都比两个常数近,
#   标准差比常数 $10^{-2}$ 小了约 100 到 185 倍(下面打印;这是这一串行的结果,换种子 1 到 20,这个倍数在约 10 到 600 之间变:
#   500 步的标准差本身就很不准)。
# - 理论上,学习率满足 $\sum_k \eta_k = \infty$(走得到)和 $\sum_k \eta_k^2 < \infty$(噪声的累积有限)就**足以**让随机梯度收敛到最优点
#   (Robbins & Monro 1951),$1/t$ 两条都满足。这只是充分条件:在这种强凸的问题上,学习率取 $C/k^\alpha$($0 < \alpha \le 1$)都会收敛
#   (Moulines & Bach 2011 给出了每一种 $\alpha$ 的收敛速度),比如 $1/\sqrt{k}$(下一节),虽然它的平方和是无穷大。常数学习率一直抖,是因为它不变小:稳定以后离最优值的差距大约和学习率成正比
#   (学习率 $10^{-2}$ 时约 0.035,$10^{-3}$ 时约 0.003)。

# %% [markdown] slideshow={"slide_type": "slide"}
# ## AdaGrad 自带的调度
#
# 第 8 课的随机方法里,AdaGrad 最后离最优值最近。它的有效学习率是 $\eta/\sqrt{S_k}$,$S_k$ 是梯度平方之和。开头的大梯度先把 $S$ 撑大;
# 之后参数到了最优值附近,每一条数据的梯度不再变小(那是噪声),$S$ 每步加上差不多同样多,$S_k \approx S_0 + \sigma^2 k$。
# 所以(第 1000 步以后)有效学习率约是 $\eta/\sqrt{S_0 + \sigma^2 k}$:$k$ 比 $S_0/\sigma^2$ 小时变得慢,$k$ 远大于 $S_0/\sigma^2$ 以后才像 $1/\sqrt{k}$ 那样衰减。
# (最开头不是这样:头 100 步里 $S$ 从约 13 涨到约 2200,有效学习率已经降了约 13 倍。)

# %% slideshow={"slide_type": "slide"}
optimizer = AdaGrad(lr=0.1)
gradient = row_gradient(x, y, sampled_rows(N, 5500), exact=True)
theta = start_theta(M)
square_sums = []
for step in range(5500):
    theta = optimizer.step(theta, gradient(theta, step))
    square_sums.append(optimizer.S)  # 这一步的 S (每个参数一个)
square_sums = np.array(square_sums).mean(axis=1)  # 每一步 S 对 6 个参数的平均
for a, b in [(1000, 3000), (3000, 5500)]:
    print(f"第 {a} 到 {b} 步: S 平均每步增加 {(square_sums[b - 1] - square_sums[a - 1]) / (b - a):.2f}")
print(f"第 1000 步 S = {square_sums[999]:.0f}, 第 5500 步 S = {square_sums[-1]:.0f}")
sigma2, s0 = np.polyfit(np.arange(1000, 5500), square_sums[1000:], 1)  # S ≈ S_0 + sigma^2 k
print(f"S_0 = {s0:.0f}, sigma^2 = {sigma2:.2f}:  S_0 / sigma^2 = {s0 / sigma2:.0f} 步;"
      f"  第 1000 到 5500 步有效学习率降到 {np.sqrt(square_sums[999] / square_sums[-1]):.2f} 倍"
      f" (1/sqrt(k) 会降到 {np.sqrt(1000 / 5500):.2f} 倍)")

# %% [markdown] slideshow={"slide_type": "slide"}
# $S$ 每步增加的量几乎不变,所以 AdaGrad 自带一个衰减的调度:从第 1000 步到第 5500 步,有效学习率降到约 0.64 倍,还没到 $1/\sqrt{k}$ 的 0.43 倍,
# 要到 $S_0/\sigma^2$(约 2300 步)的好几倍以后才像 $1/\sqrt{k}$。$1/\sqrt{k}$ 不满足 $\sum_k \eta_k^2 < \infty$,但照样收敛,抖动也一直变小、趋于 0,
# 只是比 $1/t$ 慢:同样这串行,AdaGrad 的差距在第 3 万到 5 万步的平均只有第 4500 到 6500 步的约 0.3 倍,上下抖的幅度也小了一半以上。
# 在可行域和梯度都有界的凸问题上,学习率取 $\eta/\sqrt{k}$(每步投影回可行域)时,平均遗憾(regret)以 $1/\sqrt{T}$ 趋于 0(Zinkevich 2003)。
# 用到随机问题上(Cesa-Bianchi、Conconi、Gentile 2004),是各步参数的**平均值**处的 loss 比最优值多出来的部分以 $1/\sqrt{T}$ 趋于 0,
# 说的是 loss,不是参数的误差。Duchi、Hazan、Singer 2011 在同样的条件下为 AdaGrad 证明了同阶的保证,常数随数据自适应。
# 这一课的运行既不投影也不求平均,这些定理只是说明 $1/\sqrt{k}$ 这样的调度为什么合理。
# 常数学习率的随机梯度下降、RMSProp 和 Adam(只记得最近的梯度)的有效学习率最后都不再变小。

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 练习
#
# **练习 1**:$B = 16$ 的批梯度,噪声的方差是 $B = 1$ 的几分之一?标准差呢?先猜一猜,再看上面打印的表验证。

# %% slideshow={"slide_type": "skip"}
# 你的猜测:B = 16 的方差是 B = 1 的几分之一? 写分母 (十分之一就写 10), 再运行这一格和下一格
guess = None

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["answer"]
with answer() as explain:
    ratio = variances[0] / variances[4]
    print(f"B = 1 的方差是 B = 16 的 {ratio:.1f} 倍 (公式: 16 × (N - 1) / (N - 16) = {16 * (N - 1) / (N - 16):.2f});"
          f" 标准差是 {np.sqrt(ratio):.1f} 倍")
    explain(f"方差是 {ratio:.0f} 分之一(抽样的 600 批有一点随机误差),标准差只是 {np.sqrt(ratio):.0f} 分之一:"
            "批大 B 倍,梯度噪声的幅度只小 sqrt(B) 倍。", holds=abs(ratio / 16 - 1) < 0.1)
check(guess, ratio, tolerance=0.15, hint="方差和 B 成反比; 标准差是方差的平方根。")

# %% [markdown] slideshow={"slide_type": "slide"}
# **练习 2**:把 $1/t$ 调度 $\eta_0 / (1 + k / 250)$ 里的 250 换成 25(学习率衰减得早 10 倍)和 2500(晚 10 倍),
# 最后 500 步离最优值的平均差距(MSE 减最优值)会怎样?先猜一猜:衰减得早一点好,还是晚一点好?

# %% slideshow={"slide_type": "skip"}
# 你的猜测:250 换成 25 以后, 最后 500 步离最优值 "更近" 还是 "更远"? 把 None 换成其中一个, 再运行这一格和下一格
guess = None

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["answer"]
with answer() as explain:
    t0s = [25, 250, 2500]
    lr_k = np.array([lr0 / (1 + k / t0) for t0 in t0s])  # 每一行一种 1/t 调度
    final = {}
    for t0, gap, lr in zip(t0s, run_sgd(lambda k: lr_k[:, k, None], rows), lr_k):
        final[t0] = gap[-500:].mean()
        print(f"t0 = {t0:<5} 第 500 步 {gap[499]:.4f}   最后 500 步平均 {final[t0]:.5f}   最后的学习率 {lr[-1]:.1e}")
    best = min(final, key=final.get)
    explain("衰减得太早(25):学习率很快就小了,还没走到最优值附近就走不动了;太晚(2500):最后学习率还大,抖得多。",
            holds=final[25] > final[250] < final[2500])
    explain(f"这三个里 {best} 最好:调度的时间尺度要合适。")
check(guess, "更近" if final[25] < final[250] else "更远", choices=("更近", "更远"),
      hint="学习率衰减得太早, 开头还没走到最优值附近, 步子就已经很小了。")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 自己动手:拖动滑块
#
# 拖动批大小 $B$ 和起始学习率,选一种调度:左图是学习率随步数的变化,右图是离最优值的距离(对数坐标),
# 横轴是算过的数据条数(5 轮数据,每种 $B$ 工作量相同)。发散时图上会写明。
# 这个单元格需要在 JupyterLab 里运行才能看到滑块。

# %% slideshow={"slide_type": "-"} tags=["nbval-ignore-output"]
schedule_explorer(x, y)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 小结
#
# - 一批 $B$ 条数据的梯度,噪声的方差是一条的 $\frac{1}{B}\cdot\frac{N-B}{N-1}$:$B$ 远小于 $N$ 时约为 $1/B$,$B = N$ 时为 0(就是梯度下降)。
# - 同样的计算量下,$B$ = 1 到 100 配上各自最好的学习率(固定 5 轮数据时大约和 $B$ 成正比)差不多好;梯度下降步数太少,最慢。
# - 常数学习率的随机梯度下降停不下来;让学习率衰减(阶梯、$1/t$、余弦、预热加余弦)可以既快又稳。
# - AdaGrad 的 $S$ 每步增加差不多同样多,有效学习率一直在变小(要到几万步以后才像 $1/\sqrt{k}$)。它开头步子大,走得快;
#   到第 5500 步,每个参数的有效学习率(6.4e-4 到 8.5e-4)又比随机梯度下降的 $10^{-3}$ 小:所以第 8 课的随机方法里它最后离最优值最近。
