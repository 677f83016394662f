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

from course_lib import (FONT_SIZES, Adam, AdamW, Muon, NEWTON_SCHULZ, answer, check, join_hidden,
                        load_data, network_loss_and_gradient, network_mse, network_start,
                        new_axes, newton_schulz, newton_schulz_explorer, shuffled_batches, split_hidden,
                        style_axes)

x, y = load_data()
N, M = x.shape

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 梯度是一个矩阵
#
# 在第 11 课网络的起点(种子 0),用全部数据算出隐藏层权重 $W$(8×5)的梯度 $G$,看它的奇异值:

# %% slideshow={"slide_type": "slide"}
params0 = network_start(M)  # 种子 0, 和第 11 课一样
G = split_hidden(network_loss_and_gradient(params0, x, y)[1], M)[0]  # 隐藏层权重的梯度, 8x5
U, sigma, Vt = np.linalg.svd(G, full_matrices=False)  # G = U diag(sigma) V^T
print("G 的奇异值:", np.round(sigma, 4))
print(f"最大的是最小的 {sigma[0] / sigma[-1]:.0f} 倍")

# %% [markdown] slideshow={"slide_type": "slide"}
# 一个方向的奇异值是其他方向的十几到一百倍:按 $G$ 走一步,几乎只在这一个方向上动,其他方向的学习慢得多。
# Muon 想走的是 $UV^\top$:方向和 $G$ 一样,每个方向的大小都是 1。
#
# 为什么是它:只看 loss 的一阶近似,走一步 $-\eta D$ 让 loss 下降约 $\eta\,\langle G, D\rangle$($\langle G, D\rangle = \sum_{ij} G_{ij} D_{ij}$)。
# 如果一步的大小用**谱范数** $\|D\|_2$(矩阵把向量放大的最大倍数)来量,在所有 $\|D\|_2 \le 1$ 的矩阵里,
# $\langle G, D\rangle$ 最大的是 $D = UV^\top$,最大值是奇异值之和:
#
# $$\langle G, D\rangle = \sum_i \sigma_i\, u_i^\top D\, v_i \le \sum_i \sigma_i, \qquad \text{因为}\ |u_i^\top D\, v_i| \le \|D\|_2 \le 1 .$$
#
# 所以 $-\eta\,UV^\top$ 是谱范数下的最速下降方向(Bernstein 和 Newhouse 2024 用这个观点解释了不带累积的 Shampoo;Muon 走的就是这个方向)。
# 比一比谱范数都是 1 的三个方向:梯度本身(除以最大的奇异值)、梯度的符号(第 7 课的 Adam 第一步就是它)、$UV^\top$:

# %% slideshow={"slide_type": "slide"}
orthogonal = U @ Vt
directions = {"梯度 G / sigma_max": G / sigma[0], "符号 sign(G)": np.sign(G), "U V^T": orthogonal}
for name, D in directions.items():
    D = D / np.linalg.norm(D, ord=2)  # 谱范数变成 1
    print(f"{name:<16} <G, D> = {np.sum(G * D):.4f}")
print(f"奇异值之和: {sigma.sum():.4f};  U V^T 的奇异值: {np.round(np.linalg.svd(orthogonal, compute_uv=False), 6)}")

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

# %% slideshow={"slide_type": "slide"}
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

# %% slideshow={"slide_type": "slide"}
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

# %% [markdown] slideshow={"slide_type": "slide"}
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
# 动量乘上一个常数不改变正交化的结果,所以这里用平均还是第 3 课的求和,Muon 的更新完全一样。
# `torch.optim.Muon` 默认按 Jordan 的 $\sqrt{\max(1, \text{行}/\text{列})}$ 缩放;Moonlight 用的是另一种缩放 $0.2\sqrt{\max(\text{行}, \text{列})}$,
# 让更新的大小和 AdamW 的差不多。Muon 只管二维的权重矩阵;偏置这些一维的参数照常用 AdamW(PyTorch 的文档这样写;
# Jordan 还建议输入层和输出层的矩阵也用 AdamW,见下一节)。
# 这一课用 `torch.optim.Muon(params, lr=0.03, momentum=0.95, weight_decay=0.01)` 加上给其余参数的 AdamW。
# PyTorch 的 Newton–Schulz 用 bfloat16(有效数字只有 8 个二进制位)算:一步的更新和 float64 的相差几个百分点(`tests/test_torch_bridge.py` 量过)。

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 训练:Muon + AdamW、Adam、AdamW
#
# 先说清楚这个实验的范围:第 11 课的网络只有一个权重矩阵 $W$,它直接接在 5 个输入特征上,是**输入层**。
# Jordan 建议输入层和输出层用 AdamW,Muon 只给中间的隐藏层;照这个建议,这个网络里没有一个矩阵该交给 Muon。
# 这里还是把 $W$ 交给 Muon、其余参数交给 AdamW:只是看正交化在一个小矩阵上做了什么,不是 Muon 该用的地方。
#
# 和第 11 课一样:每步一批 32 条,400 步,成绩是最后 50 步(每 10 步一个点)全部数据上 MSE 的平均。权重衰减都是 0.01;
# Adam 用第 7 课的 $\epsilon = 10^{-6}$,AdamW 用 PyTorch 默认的 $10^{-8}$。一个起点和一串批的运气很大,所以:
#
# 1. **挑设置**用种子 0 到 9(网络的起点和批的顺序都换):Adam 和 AdamW 从 0.001 到 0.3 的 6 个学习率里挑;
#    Muon 的学习率(0.003 到 0.3)和其余参数的 AdamW 学习率(0.003 到 0.1)一起挑,共 20 种组合。每种方法取 10 个种子平均最低的设置。
# 2. **比成绩**用另外 30 个没参加挑选的种子(10 到 39)。Muon 挑了 20 种组合、Adam 只挑了 6 个学习率,在挑选用过的种子上比会偏向 Muon。
#
# 所有运行叠在一起一步更新:每个运行有自己的起点和自己那一串批(`network_loss_and_gradient` 接受每个运行各自的行)。

# %% slideshow={"slide_type": "slide"}
STEPS, BATCH = 400, 32


def train(make_step, settings, seeds):
    """每个种子 x 每个设置一个运行, 叠在一起训练 (种子 s 的起点, 种子 s 的批);
    返回成绩 (种子, 设置): 最后 50 步 (每 10 步一个点) 全部数据上 MSE 的平均, 发散的是 inf"""
    S = len(settings[0])
    params = np.repeat([network_start(M, seed=seed) for seed in seeds], S, axis=0)  # 第 i*S + j 个运行: 种子 i, 设置 j
    batches = np.repeat(np.stack([shuffled_batches(N, BATCH, STEPS, seed=seed) for seed in seeds], axis=1), S, axis=1)
    step, saved = make_step(*(np.tile(values, len(seeds)) for values in settings)), []
    with np.errstate(all="ignore"):  # 学习率太大的运行会发散成 inf / nan
        for k, rows in enumerate(batches, start=1):  # rows: (运行, 32), 每个运行自己的一批
            params = step(params, network_loss_and_gradient(params, x[rows], y[rows])[1])
            if k % 10 == 0:
                saved.append(params)
        values = np.mean([network_mse(snapshot, x, y) for snapshot in saved[-5:]], axis=0)
    return np.nan_to_num(values, nan=np.inf).reshape(len(seeds), S)


# %% slideshow={"slide_type": "slide"}
def adam(lr):
    return Adam(lr=lr[:, None]).step


def adamw(lr):
    return AdamW(lr=lr[:, None], weight_decay=0.01).step


def muon_adamw(muon_lr, other_lr):
    """隐藏层的权重 W 交给 Muon, 其余参数交给 AdamW"""
    muon = Muon(lr=muon_lr[:, None, None], beta=0.95, weight_decay=0.01)
    other = AdamW(lr=other_lr[:, None], weight_decay=0.01)

    def step(params, grad):
        (W, rest), (W_grad, rest_grad) = split_hidden(params, M), split_hidden(grad, M)
        return join_hidden(muon.step(W, W_grad), other.step(rest, rest_grad))
    return step


# %% slideshow={"slide_type": "slide"}
lrs = np.array([1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3])
muon_lrs, other_lrs = (grid.ravel() for grid in np.meshgrid([3e-3, 1e-2, 3e-2, 0.1, 0.3], [3e-3, 1e-2, 3e-2, 0.1], indexing="ij"))
methods = {"Adam": (adam, [lrs]), "AdamW": (adamw, [lrs]), "Muon + AdamW": (muon_adamw, [muon_lrs, other_lrs])}
scores = {}
for name, (make_step, settings) in methods.items():
    j = int(np.argmin(train(make_step, settings, range(10)).mean(axis=0)))  # 种子 0-9 上平均最低的设置
    chosen = [values[j:j + 1] for values in settings]
    scores[name] = train(make_step, chosen, range(10, 40))[:, 0]  # 新的 30 个种子
    setting = f"学习率 {lrs[j]:g}" if name != "Muon + AdamW" else f"Muon {muon_lrs[j]:g}, 其余 AdamW {other_lrs[j]:g}"
    print(f"{name:<12} ({setting}):  30 个新种子平均 {scores[name].mean():.3f}, 标准差 {scores[name].std():.3f}")
for name in ["Adam", "AdamW"]:
    print(f"Muon + AdamW 比 {name} 低的种子: {int((scores['Muon + AdamW'] < scores[name]).sum())} / 30")

# %% slideshow={"slide_type": "slide"}
ax = new_axes((10, 4.5), legend_space=0)
for i, values in enumerate(scores.values()):
    ax.plot(np.full(30, i) + np.linspace(-0.2, 0.2, 30), values, "o", markersize=7, alpha=0.8)
    ax.plot([i - 0.3, i + 0.3], [values.mean()] * 2, color="black", linewidth=3)
ax.set_xticks(range(len(scores)))
ax.set_xticklabels(list(scores))
style_axes(ax, "", "MSE, last 50 of 400 steps", "30 new seeds, settings chosen on 10 others (bar: mean)")
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# - 在新的 30 个种子上,Muon + AdamW 的平均最低(0.242),Adam 和 AdamW 都约 0.255;差约 0.013,比同一种方法换种子带来的差别
#   (标准差约 0.03 到 0.04)小得多:一个种子上谁赢几乎是碰运气,Muon + AdamW 只在 30 个里的约一半比对手低。
# - 所以在这个小网络上,Muon 的好处即使有,也很小。它是为大网络中间的隐藏层设计的。
#   Jordan(2024)报告它刷新了 CIFAR-10 和 NanoGPT 的训练速度纪录(按墙钟时间),在一个 15 亿参数的语言模型上
#   达到同样的 loss 比 AdamW 少用约四分之一的时间;Moonlight(Liu 等 2025)用它训练了一个 160 亿参数(每个词激活约 30 亿)的混合专家语言模型。
#   这些是大模型上的实验结果,这里的小网络验证不了,也推翻不了。

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 练习
#
# **练习 1**:把 Newton–Schulz 的步数从 5 加到 20,我们的 $G$ 的 5 个奇异值会不会都变成 1(相差不到 0.01)?先猜:"会" 还是 "不会"?

# %% slideshow={"slide_type": "skip"}
# 你的猜测: "会" 还是 "不会"? 把 None 换成其中一个, 再运行这一格和下一格
guess = None

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["answer"]
with answer() as explain:
    for steps in [5, 10, 20]:
        values = np.linalg.svd(newton_schulz(G, steps), compute_uv=False)
        print(f"{steps:>2} 次: 奇异值 {np.round(values, 3)}")
    all_one = bool(np.all(np.abs(values - 1) < 0.01))
    a, b, c = NEWTON_SCHULZ
    # p(s) = s 就是 c s^4 + b s^2 + a - 1 = 0; 取 0.68 到 1.14 之间的那个根
    fixed = next(float(np.sqrt(u.real)) for u in np.roots([c, b, a - 1]) if 0.68**2 < u.real < 1.14**2)
    slope = a + 3 * b * fixed**2 + 5 * c * fixed**4
    classic = next(n for n in range(1, 100)
                   if np.all(np.abs(np.linalg.svd(newton_schulz(G, n, (1.5, -0.5, 0)), compute_uv=False) - 1) < 0.01))
    explain(f"不会:这组系数让小的奇异值长得快,但 p 在这一段里的不动点(p(s) = s,s 约 {fixed:.3f})是排斥的"
            f"(那里的斜率约 {slope:.2f}),迭代在 0.68 到 1.14 之间来回跳。", holds=not all_one and slope < -1)
    explain(f"要正好得到 U V^T,得用别的系数,比如经典的 (1.5, -0.5, 0):它收敛到 1,但小的奇异值每步只长 1.5 倍"
            f"(这组是 {a} 倍),我们的 G 要 {classic} 次才都离 1 不到 0.01。")
check(guess, "会" if all_one else "不会", choices=("会", "不会"),
      hint="看上面的曲线: p 把 0.68 到 1.14 这一段映射回它自己。")

# %% [markdown] slideshow={"slide_type": "slide"}
# **练习 2**:Muon 的更新的 Frobenius 范数大约是多少?(提示:5 个奇异值都在 1 附近。)先猜一个数,再核对答案。
# (用上面的 $G$,5 次迭代)。

# %% slideshow={"slide_type": "skip"}
# 你的猜测: newton_schulz(G) 的 Frobenius 范数是多少? 把 None 换成一个数, 再运行这一格和下一格
guess = None

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["answer"]
with answer() as explain:
    norm = np.linalg.norm(newton_schulz(G))
    print(f"Frobenius 范数 {norm:.3f};  5 个奇异值都正好是 1 时是 sqrt(5) = {np.sqrt(5):.3f}")
    values = np.linalg.svd(newton_schulz(G), compute_uv=False)
    explain(f"约 {norm:.1f}:比 sqrt(5) 小一点,因为有几个奇异值停在 0.7 左右。",
            holds=norm < np.sqrt(5) and (np.abs(values - 0.7) < 0.02).sum() >= 2)
    explain("把梯度整体乘以任何正数,这一步的更新都不变(迭代前先除以了 Frobenius 范数):"
            "Muon 一步走多远只由学习率决定,和梯度本身多大无关。")
check(guess, norm, tolerance=0.15, hint="Frobenius 范数的平方是奇异值的平方和。")

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
# - 权重矩阵的梯度是一个矩阵,它的奇异值可以相差上百倍;Muon 把更新换成方向相同、每个奇异值都在 1 附近的矩阵(近似 $UV^\top$),
#   只看一阶近似时,这是谱范数下的最速下降方向。
# - Newton–Schulz 迭代只用矩阵乘法,5 次就把缩放后大于约 0.002 的奇异值都拉到 0.68 到 1.2 之间;它不正好收敛到 1,Jordan(2024)在他的实验里发现这不影响训练。
# - Muon 用在隐藏层的二维权重上,其余参数用 AdamW。在第 11 课的小网络上(而且用在了输入层上,不是它该用的地方),
#   它的平均成绩略低一点,差别比换种子带来的小得多;它是为大网络中间的隐藏层设计的。
# - 这门课到这里结束:从梯度下降到 Muon,每一个优化器都是"用梯度决定下一步"的一种写法,差别在于怎样记住过去、怎样量一步的大小。
