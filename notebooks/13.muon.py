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
#     scroll: true
# ---

# %% [markdown] slideshow={"slide_type": "slide"}
# # 13. Muon:把一整个权重矩阵的更新"正交化"
#
# 前面所有的优化器都把参数看成一串数,每个数各走各的(Adam 给每个数一个自己的学习率)。
# 可是神经网络的隐藏层是一个**矩阵** $W$,它的梯度 $G$ 也是一个矩阵。Muon(Jordan 2024,MomentUm Orthogonalized by Newton–Schulz)
# 把 $G$ 当作矩阵来处理:它保留 $G$ 的"方向"(奇异向量),把每个方向的"大小"(奇异值)都变成差不多 1。
# Moonshot AI 的 Moonlight(Liu 等 2025)用它训练了大语言模型;PyTorch 里是 `torch.optim.Muon`。
#
# 这一课用第 11 课的小网络(8 个 tanh 单元,隐藏层的权重是 8×5 的矩阵),看 Muon 对这个矩阵做了什么,再和 Adam、AdamW 比训练。
#
# **看图时注意**:梯度的几个奇异值相差上百倍;正交化以后都在 1 附近。

# %% [markdown] slideshow={"slide_type": "notes"}
# 讲解提示:先复习奇异值分解 $G = U \Sigma V^\top$:$U$、$V$ 的列是方向,$\Sigma$ 对角线上是每个方向的大小。

# %% slideshow={"slide_type": "skip"}
import numpy as np
from matplotlib import pyplot as plt
# %matplotlib inline
# 课程的图都排好了版面 (固定的页边距), 显示时不用再裁一次白边
# %config InlineBackend.print_figure_kwargs = {"bbox_inches": None}

from course_lib import (FONT_SIZES, HIDDEN, Adam, AdamW, Muon, NEWTON_SCHULZ, answer, check, join_hidden,
                        load_data, network_loss_and_gradient, network_mse, network_size, network_start,
                        new_axes, newton_schulz, newton_schulz_explorer, shuffled_batches, split_hidden,
                        style_axes)

x, y = load_data()
N, M = x.shape

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 梯度是一个矩阵
#
# 在第 11 课网络的起点(种子 0),用全部数据算出隐藏层权重 $W$(8×5)的梯度 $G$,看它的奇异值:

# %% slideshow={"slide_type": "subslide"}
params0 = network_start(M)  # 种子 0, 和第 11 课一样
G = split_hidden(network_loss_and_gradient(params0, x, y)[1], M)[0]  # 隐藏层权重的梯度, 8x5
U, sigma, Vt = np.linalg.svd(G, full_matrices=False)  # G = U diag(sigma) V^T
print("G 的奇异值:", np.round(sigma, 4))
print(f"最大的是最小的 {sigma[0] / sigma[-1]:.0f} 倍")

# %% [markdown] slideshow={"slide_type": "subslide"}
# 一个方向的奇异值是其他方向的十几到一百倍:按 $G$ 走一步,几乎只在这一个方向上动,其他方向的学习慢得多。
# Muon 想走的是 $UV^\top$:方向和 $G$ 一样,每个方向的大小都是 1。
#
# 为什么是它:如果一步的大小用**谱范数**(矩阵把向量放大的最大倍数)来量,让 loss 下降最快的一步正是 $-\eta\,UV^\top$
# (Bernstein 和 Newhouse 2024 把 Muon 解释成这种"谱范数下的最速下降")。在所有谱范数不超过 1 的矩阵 $D$ 里,
# $\langle G, D\rangle = \sum_{ij} G_{ij} D_{ij}$ 最大的是 $D = UV^\top$,最大值是奇异值之和。随便试 2 万个这样的矩阵验证一下:

# %% slideshow={"slide_type": "subslide"}
rng = np.random.default_rng(0)
trials = rng.normal(size=(20000, HIDDEN, M))
trials /= np.linalg.norm(trials, ord=2, axis=(1, 2))[:, None, None]  # 每个的谱范数都是 1
orthogonal = U @ Vt
print(f"<G, U V^T> = {np.sum(G * orthogonal):.4f}   (奇异值之和 {sigma.sum():.4f})")
print(f"2 万个随机矩阵里最大的 <G, D> = {np.einsum('ij,kij->k', G, trials).max():.4f}")
print("U V^T 的奇异值:", np.round(np.linalg.svd(orthogonal, compute_uv=False), 6))

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Newton–Schulz:只用矩阵乘法
#
# 在 GPU 上,奇异值分解又慢又难并行;矩阵乘法快。Muon 用只含矩阵乘法的迭代近似 $UV^\top$:先把 $G$ 除以它的 Frobenius 范数
# (所有奇异值都变得不超过 1),然后做 5 次
#
# $$X \leftarrow aX + b\,(XX^\top)X + c\,(XX^\top)^2 X, \qquad (a, b, c) = (3.4445,\ -4.7750,\ 2.0315).$$
#
# 它不改变奇异向量,只把每个奇异值 $s$ 换成 $p(s) = as + bs^3 + cs^5$,5 次就是 $p(p(p(p(p(s)))))$。
# Jordan 选的系数让 $p$ 在 0 附近的斜率很大($a = 3.4445$):小的奇异值长得快;代价是结果不正好是 1,而是在 1 附近的一段里。

# %% slideshow={"slide_type": "subslide"}
def p(s):
    """Newton-Schulz 的一次迭代对一个 (缩放后的) 奇异值做的事"""
    a, b, c = NEWTON_SCHULZ
    return a * s + b * s ** 3 + c * s ** 5


scaled = sigma / np.linalg.norm(G)  # 除以 Frobenius 范数以后的奇异值
# 迭代不改变奇异向量: 第 i 个奇异值变成了 u_i^T N v_i (N 是迭代的结果)
after = np.diag(U.T @ newton_schulz(G) @ Vt.T)
print("a, b, c =", NEWTON_SCHULZ)
print("除以 Frobenius 范数以后:", np.round(scaled, 4))
print("5 次 Newton-Schulz 以后:", np.round(after, 3), " (和上一行一一对应)")
print(f"和 U V^T 的距离 (Frobenius): {np.linalg.norm(newton_schulz(G) - orthogonal):.3f};"
      f"  原来的梯度 (同样缩放) 和 U V^T 的距离: {np.linalg.norm(G / np.linalg.norm(G) - orthogonal):.3f}")

# %% slideshow={"slide_type": "subslide"}
s = np.logspace(-4, 0, 400)
ax = new_axes((10, 3.4), legend_space=2.2)
curve = s
for step in range(1, 6):
    curve = p(curve)
    ax.semilogx(s, curve, linewidth=1 + (step == 5), label=f"{step} step" + ("s" if step > 1 else ""))
ax.semilogx(scaled, after, "ko", markersize=8, label="our G")
ax.axhline(1, color="gray", linestyle="--")
style_axes(ax, "singular value s (after scaling)", "after the iteration", "What Newton-Schulz does to each singular value")
ax.legend(fontsize=FONT_SIZES["legend"], loc="upper left", bbox_to_anchor=(1.01, 1))
plt.show()

# %% [markdown] slideshow={"slide_type": "subslide"}
# 5 次以后,缩放后大于约 0.002 的奇异值都落在 0.68 到 1.2 之间;我们的 $G$ 最小的缩放后约 0.01,也被拉到了 0.69。
# 更多次也不会正好等于 1:$p$ 把 0.68 到 1.14 这一段映射回它自己,迭代在里面来回跳(练习 1)。

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Muon 的一步
#
# PyTorch 的 `torch.optim.Muon`(这里在 `course_lib.Muon` 里用 float64 重写,逐步对照过):
#
# 1. 动量是**平均**:$m \leftarrow \beta m + (1-\beta)\,g$($\beta = 0.95$),再和梯度混合成 Nesterov 的形式 $(1-\beta)\,g + \beta m$;
# 2. 用 Newton–Schulz 正交化(矩阵的行比列多时,先转置再算);
# 3. 权重衰减 $W \leftarrow W(1 - \eta\lambda)$,再走 $-\eta\sqrt{\max(1, \text{行}/\text{列})}$ 乘以正交化的结果。
#
# Muon 只管隐藏层的二维权重;偏置、输出层这些参数照常用 AdamW(PyTorch 的文档和 Jordan 都这样建议)。
# 这一课用 `torch.optim.Muon(params, lr=0.03, momentum=0.95, weight_decay=0.01)` 加上给其余参数的 AdamW。
# PyTorch 的 Newton–Schulz 用 bfloat16(有效数字只有 8 个二进制位)算:一步的更新和 float64 的相差几个百分点(`tests/test_torch_bridge.py` 量过)。

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 训练:Muon + AdamW、Adam、AdamW
#
# 和第 11 课一样:每步一批 32 条,400 步,成绩是最后 50 步(每 10 步一个点)全部数据上 MSE 的平均。
# 一个起点和一串批的运气太大,所以换 10 个种子(网络的起点和批的顺序都换),每种方法的每个学习率都在 10 个种子上跑。
# Adam 和 AdamW 从 0.001 到 0.3 里挑学习率;Muon 的学习率(0.003 到 0.3)和其余参数的 AdamW 学习率(0.003 到 0.1)一起挑。
# 权重衰减都是 0.01;Adam 用第 7 课的 $\epsilon = 10^{-6}$,AdamW 用 PyTorch 默认的 $10^{-8}$。每种方法取 10 个种子平均最低的那个设置。

# %% slideshow={"slide_type": "subslide"}
STEPS, BATCH, SEEDS = 400, 32, 10
lrs = np.array([1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3])
muon_lrs, other_lrs = np.meshgrid([3e-3, 1e-2, 3e-2, 0.1, 0.3], [3e-3, 1e-2, 3e-2, 0.1], indexing="ij")
P = network_size(M)


def train(step, runs, seed):
    """所有运行叠在一起, 从种子 seed 的起点用种子 seed 的批训练; 每个运行最后 50 步的平均 MSE (发散的是 inf)"""
    params, saved = np.tile(network_start(M, seed=seed), (runs, 1)), []
    with np.errstate(all="ignore"):  # 学习率太大的运行会发散成 inf / nan
        for k, rows in enumerate(shuffled_batches(N, BATCH, STEPS, seed=seed), start=1):
            params = step(params, network_loss_and_gradient(params, x[rows], y[rows])[1])
            if k % 10 == 0:
                saved.append(params)
        values = network_mse(np.array(saved[-5:]).reshape(-1, P), x, y).reshape(5, runs).mean(axis=0)
    return np.nan_to_num(values, nan=np.inf)


# %% slideshow={"slide_type": "subslide"}
def muon_step(muon, other):
    """隐藏层的权重交给 Muon, 其余参数交给 AdamW"""
    def step(params, grad):
        W, rest = split_hidden(params, M)
        W_grad, rest_grad = split_hidden(grad, M)
        return join_hidden(muon.step(W, W_grad), other.step(rest, rest_grad))
    return step


# %% slideshow={"slide_type": "subslide"}
finals = {"Adam": [], "AdamW": [], "Muon + AdamW": []}
for seed in range(SEEDS):
    finals["Adam"].append(train(Adam(lr=lrs[:, None]).step, len(lrs), seed))
    finals["AdamW"].append(train(AdamW(lr=lrs[:, None], weight_decay=0.01).step, len(lrs), seed))
    muon = Muon(lr=muon_lrs.reshape(-1, 1, 1), beta=0.95, weight_decay=0.01)
    other = AdamW(lr=other_lrs.reshape(-1, 1), weight_decay=0.01)
    finals["Muon + AdamW"].append(train(muon_step(muon, other), muon_lrs.size, seed))
finals = {name: np.array(values) for name, values in finals.items()}  # (种子, 设置)

# %% slideshow={"slide_type": "subslide"}
best = {}
for name, values in finals.items():
    j = int(np.argmin(values.mean(axis=0)))  # 10 个种子平均最低的设置
    best[name] = values[:, j]
    setting = (f"学习率 {lrs[j]:g}" if name != "Muon + AdamW"
               else f"Muon 学习率 {muon_lrs.flat[j]:g}, 其余参数 AdamW 学习率 {other_lrs.flat[j]:g}")
    print(f"{name:<12} {setting}:  10 个种子平均 {best[name].mean():.4f}  (最低 {best[name].min():.4f}, 最高 {best[name].max():.4f})")
for name in ["Adam", "AdamW"]:
    print(f"Muon + AdamW 比 {name} 低的种子: {int((best['Muon + AdamW'] < best[name]).sum())} / {SEEDS}")

# %% slideshow={"slide_type": "subslide"}
ax = new_axes((10, 4.5), legend_space=0)
for i, values in enumerate(best.values()):
    ax.plot(np.full(SEEDS, i) + np.linspace(-0.15, 0.15, SEEDS), values, "o", markersize=9, alpha=0.8)
    ax.plot([i - 0.3, i + 0.3], [values.mean()] * 2, color="black", linewidth=3)
ax.set_xticks(range(len(best)))
ax.set_xticklabels(["Adam", "AdamW", "Muon + AdamW"])
style_axes(ax, "", "MSE, last 50 of 400 steps", "10 seeds, each method at its best setting (bar: mean)")
plt.show()

# %% [markdown] slideshow={"slide_type": "subslide"}
# - 平均来看 Muon + AdamW 最低(0.241),Adam 0.250,AdamW 0.261;但换一个种子名次就可能变:Muon + AdamW 只在 10 个种子里的 5 个比 Adam 低。
#   在这个只有 8×5 一个隐藏层矩阵的小网络上,Muon 的好处很小,和种子带来的差别差不多大。
# - Muon 是为大的隐藏层设计的:Jordan(2024)报告它在 NanoGPT 和 CIFAR-10 的"训练速度竞赛"里比 AdamW 用更少的步数达到同样的 loss;
#   Moonlight(Liu 等 2025)把它用到几十亿参数的语言模型上。这些是大模型上的实验结果,这里的小网络验证不了,也推翻不了。

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 练习
#
# **练习 1**:把 Newton–Schulz 的步数从 5 加到 20,我们的 $G$ 的 5 个奇异值会不会都变成 1(相差不到 0.01)?先猜:"会" 还是 "不会"?

# %% slideshow={"slide_type": "skip"}
# 你的猜测: "会" 还是 "不会"? 把 None 换成其中一个, 再运行这一格和下一格
guess = None

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["answer"]
with answer():
    for steps in [5, 10, 20]:
        values = np.linalg.svd(newton_schulz(G, steps), compute_uv=False)
        print(f"{steps:>2} 次: 奇异值 {np.round(values, 3)}")
    all_one = bool(np.all(np.abs(values - 1) < 0.01))
check(guess, "会" if all_one else "不会", choices=("会", "不会"),
      hint="看上面的曲线: p 把 0.68 到 1.14 这一段映射回它自己。")

# 不会: 这组系数让小的奇异值长得快, 但 p 在这一段里的不动点 (p(s) = s, s 约 0.868) 是排斥的 (那里的斜率约 -1.58),
# 迭代在 0.68 到 1.14 之间来回跳。要正好得到 U V^T, 得用别的系数, 比如经典的 (1.5, -0.5, 0): 它收敛到 1,
# 但小的奇异值每步只长 1.5 倍 (这组是 3.4445 倍), 我们的 G 要 14 次才都离 1 不到 0.01。

# %% [markdown] slideshow={"slide_type": "subslide"}
# **练习 2**:Muon 的更新的 Frobenius 范数大约是多少?(提示:5 个奇异值都在 1 附近。)先猜一个数,再运行验证
# (用上面的 $G$,5 次迭代)。

# %% slideshow={"slide_type": "skip"}
# 你的猜测: newton_schulz(G) 的 Frobenius 范数是多少? 把 None 换成一个数, 再运行这一格和下一格
guess = None

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["answer"]
with answer():
    norm = np.linalg.norm(newton_schulz(G))
    print(f"Frobenius 范数 {norm:.3f};  5 个奇异值都正好是 1 时是 sqrt(5) = {np.sqrt(5):.3f}")
check(guess, norm, tolerance=0.15, hint="Frobenius 范数的平方是奇异值的平方和。")

# 约 1.9: 比 sqrt(5) 小一点, 因为有几个奇异值停在 0.7 左右。不管梯度本身多大多小, Muon 每一步的大小都差不多,
# 所以它的学习率直接就是每一步走多远: 梯度的大小只决定方向上的细节, 不决定步长。

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 自己动手:拖动滑块
#
# 一个 8×5 的矩阵,奇异值从 1 到"spread"(对数均匀):左图是 Newton–Schulz 把每个(缩放后的)奇异值变成多少,
# 红点是这个矩阵的 5 个奇异值;右图是迭代前后的奇异值。拖动迭代的步数和 spread,看小的奇异值要几步才长起来。
# 这个单元格需要在 JupyterLab 里运行才能看到滑块。

# %% slideshow={"slide_type": "-"} tags=["nbval-ignore-output"]
newton_schulz_explorer()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 小结
#
# - 隐藏层的梯度是一个矩阵,它的奇异值可以相差上百倍;Muon 把更新换成方向相同、每个奇异值都在 1 附近的矩阵(近似 $UV^\top$),
#   这是谱范数下的最速下降方向。
# - Newton–Schulz 迭代只用矩阵乘法,5 次就把缩放后大于约 0.002 的奇异值都拉到 0.68 到 1.2 之间;它不正好收敛到 1,实际训练里这没有关系(Jordan 2024)。
# - Muon 只用在隐藏层的二维权重上,其余参数用 AdamW。在第 11 课的小网络上它平均略好,但名次随种子变;它的长处在大模型上。
# - 这门课到这里结束:从梯度下降到 Muon,每一个优化器都是"用梯度决定下一步"的一种写法,差别在于怎样记住过去、怎样量一步的大小。
