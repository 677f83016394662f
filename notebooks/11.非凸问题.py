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
# # 11. 非凸问题
#
# (网络部分稍后加入)

# %% [markdown] slideshow={"slide_type": "notes"}
# 讲解提示:二维的部分只用精确梯度,没有随机性;先讲鞍点(谁能离开、要走多久),再讲多个局部极小值(动量能不能翻过小山包)。

# %% slideshow={"slide_type": "skip"}
import numpy as np
from matplotlib import pyplot as plt
# %matplotlib inline

from course_lib import FONT_SIZES, SGD, AdaGrad, Adam, Momentum, RMSProp, answer, check, style_axes, trajectory
from course_lib.nonconvex import (SADDLE_EXTENT, WAVY_EXTENT, WAVY_STARTS, escape_step, gd_escape_estimate,
                                  momentum_growth, saddle, saddle_gradient, saddle_start, wavy, wavy_gradient)
from course_lib.plotting import clip_path
from course_lib.saddle_explorer import saddle_explorer

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 鞍点:梯度几乎是零,却不是极小值
#
# 一个二维的例子:$f(x_1, x_2) = x_1^2 + \tfrac14 x_2^4 - \tfrac12 x_2^2$,梯度是 $(2x_1,\ x_2^3 - x_2)$。
#
# - 原点是**鞍点**:梯度为零,Hessian 的特征值一正一负(沿 $x_1$ 是碗,沿 $x_2$ 是山脊);
# - 两个极小值在 $(0, \pm 1)$,$f = -\tfrac14$;
# - 直线 $x_2 = 0$ 是"山脊":从山脊上出发,梯度的 $x_2$ 分量**恰好**是 0。
#
# 从 $(1, 10^{-6})$ 出发(离山脊只有 $10^{-6}$),五个优化器各走 200 步,看谁先离开鞍点($|x_2| > 0.5$)。

# %% slideshow={"slide_type": "subslide"}
SADDLE_RUNS = {"GD, lr = 0.1": lambda: SGD(lr=0.1),
               "momentum, lr = 0.1, beta = 0.8": lambda: Momentum(lr=0.1, beta=0.8),
               "AdaGrad, lr = 0.1": lambda: AdaGrad(lr=0.1),
               "RMSProp, lr = 0.01, rho = 0.9": lambda: RMSProp(lr=0.01, rho=0.9),
               "Adam, lr = 0.01": lambda: Adam(lr=0.01)}  # 每次重新构造: 优化器带着自己的状态
H = np.array([(saddle_gradient(h) - saddle_gradient(-h)) / 2e-6 for h in 1e-6 * np.eye(2)])
print("原点的 Hessian 特征值:", np.round(np.linalg.eigvalsh(H), 6), "  极小值处 f =", saddle(0.0, 1.0))
paths = {name: trajectory(make(), saddle_gradient, saddle_start(1e-6), 200)
         for name, make in SADDLE_RUNS.items()}
g1, g2 = np.meshgrid(np.linspace(*SADDLE_EXTENT[:2], 100), np.linspace(*SADDLE_EXTENT[2:], 100))  # 画等高线用
for name, path in paths.items():
    print(f"{name:<32} 第 {escape_step(path):>3} 步 |x2| > 0.5, 200 步后在 ({path[-1, 0]:.3f}, {path[-1, 1]:.3f})")

# %% slideshow={"slide_type": "subslide"}
fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4.5), layout="constrained")
left.contour(g1, g2, saddle(g1, g2), levels=np.linspace(-0.24, 1.5, 15), colors="0.6", linestyles="solid")
for name, path in paths.items():
    shown = clip_path(path, SADDLE_EXTENT)
    left.plot(shown[:, 0], shown[:, 1], ".-", markersize=3, label=name)
    right.semilogy(np.abs(path[:, 1]), label=name)
left.plot([0, 0, 0], [-1, 0, 1], "kx", markersize=9)
right.axhline(0.5, color="gray", linestyle="--")
style_axes(left, "x1", "x2", "Paths from (1, 1e-6)")
style_axes(right, "step", "|x2|", "Distance from the ridge")
fig.legend(fontsize=FONT_SIZES["legend"], loc="outside lower center", ncols=3, handles=left.get_lines()[:5])
plt.show()

# %% [markdown] slideshow={"slide_type": "subslide"}
# 所有的路径最后都落在 $(0, 1)$ 这个极小值里,但离开鞍点的方式不一样。梯度下降先沿 $x_1$ 滑到鞍点附近,
# 在那里停了一百多步:$x_2$ 方向的梯度是 $-x_2$,只有 $10^{-6}$ 量级,每一步 $|x_2|$ 只乘以 $1 + \eta = 1.1$
# (右图里的一条直线)。自适应的方法(AdaGrad、RMSProp、Adam)把很小的梯度除以它自己的均方根,
# $x_2$ 方向的步子不会因为梯度小而变小。

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 离山脊越近,要走多久?
#
# 梯度下降:$|x_2|$ 每步乘以 $1 + \eta$,从 $x_2^{(0)}$ 长到 $0.5$ 大约要 $\log(0.5 / x_2^{(0)}) / \log(1 + \eta)$ 步:
# 起点离山脊每近 10 倍,就要多走 $\ln 10 / \ln(1 + \eta)$ 步。换不同的起点量一量:

# %% slideshow={"slide_type": "subslide"}
starts = [1e-2, 1e-4, 1e-6, 1e-8]
print(" " * 32 + "".join(f"{s:>8.0e}" for s in starts) + "   起点每近 10 倍多走")
for name, make in SADDLE_RUNS.items():
    steps = [escape_step(trajectory(make(), saddle_gradient, saddle_start(s), 200)) for s in starts]
    print(f"{name:<32}" + "".join(f"{n:>8}" for n in steps) + f"   {(steps[-1] - steps[0]) / 6:5.1f} 步")
print(f"{'GD 的公式 log(0.5/x2_0)/log(1.1)':<29}" + "".join(f"{gd_escape_estimate(s, 0.1):>8.1f}" for s in starts)
      + f"   {np.log(10) / np.log(1.1):5.1f} 步")
print(f"动量法 (lr = 0.1, beta = 0.8) 长期每步把 |x2| 乘以 {momentum_growth(0.1, 0.8):.3f},"
      f" 每近 10 倍多走 {np.log(10) / np.log(momentum_growth(0.1, 0.8)):.1f} 步")

# %% [markdown] slideshow={"slide_type": "subslide"}
# - **梯度下降**:起点每近 10 倍多走约 24 步,和公式一样(公式少算了几步:$|x_2|$ 接近 0.5 时增长变慢)。
# - **动量法**:每近 10 倍多走约 10 步。它也是按倍数增长,只是每步乘以 1.270 而不是 1.1(动量把小的梯度攒起来)。
# - **AdaGrad、RMSProp** 每近 10 倍最多多走 1 步,**Adam** 不到 1 步:它们在 $x_2$ 方向每步走的距离约是 $\eta$ 的 0.5 到 3 倍,和梯度的大小几乎无关。
#   不完全无关是因为 $\varepsilon$:梯度比 $\sqrt{\varepsilon} = 10^{-3}$(RMSProp、AdaGrad)或 $\varepsilon = 10^{-6}$(Adam)还小时,
#   分母停在 $\varepsilon$ 上,它们也变成按倍数增长,只是倍数很大。
#
# 注意各个方法的学习率不一样,所以同一列里谁的步数少不说明谁"更好";要看的是每一行随起点怎么变。

# %% [markdown] slideshow={"slide_type": "subslide"}
# 起点**正好**在山脊上($x_2 = 0$)呢?梯度的 $x_2$ 分量恰好是 0,动量、平方梯度的平均都是 0,谁也离不开:

# %% slideshow={"slide_type": "-"}
for name, make in SADDLE_RUNS.items():
    end = trajectory(make(), saddle_gradient, saddle_start(0.0), 200)[-1]
    print(f"{name:<32} 200 步后在 ({end[0]: .1e}, {end[1]:.1e}),  f = {saddle(*end):.1e}  (极小值 -0.25)")

# %% [markdown] slideshow={"slide_type": "-"}
# 五个方法都停在鞍点附近,$x_2$ 一直精确地是 0。真实的训练里梯度有抽样噪声,起点也是随机的,
# 恰好落在山脊上几乎不可能;但**离山脊很近**的起点会让梯度下降在鞍点附近停很久。

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 多个局部极小值:$f(x) = x\cos(\pi x)$
#
# 《动手学深度学习》(d2l)用的一维例子。在 $-1 \le x \le 2$ 里它有一个浅的局部极小值 $x \approx -0.27$($f \approx -0.18$)
# 和一个深的 $x \approx 1.09$($f \approx -1.05$),中间隔着 $x \approx 0.27$ 处的一个小山包。
# (范围外还有更深的谷:$x\cos(\pi x)$ 没有下界,这里只看这个范围。)
#
# 从两个起点出发,梯度下降、不同 $\beta$ 的动量法和 Adam 各走 600 步,看停在哪个谷里:

# %% slideshow={"slide_type": "subslide"}
WAVY_RUNS = {"GD, lr = 0.02": lambda: SGD(lr=0.02)}
for b in (0.5, 0.8, 0.9, 0.95):
    WAVY_RUNS[f"momentum, lr = 0.02, beta = {b}"] = lambda b=b: Momentum(lr=0.02, beta=b)
WAVY_RUNS["Adam, lr = 0.05"] = lambda: Adam(lr=0.05)
for x0 in WAVY_STARTS:
    print(f"从 x0 = {x0} 出发, 600 步后:")
    for name, make in WAVY_RUNS.items():
        end = trajectory(make(), wavy_gradient, np.array([x0]), 600)[-1, 0]
        print(f"  {name:<32} x = {end:6.3f},  f = {wavy(end):6.3f}")
early = {(run, x0): trajectory(WAVY_RUNS[run](), wavy_gradient, np.array([x0]), 150)[:, 0]  # 画图用: 前 150 步
         for run in ("GD, lr = 0.02", "momentum, lr = 0.02, beta = 0.9") for x0 in WAVY_STARTS}

# %% slideshow={"slide_type": "subslide"}
fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4.5), layout="constrained")
grid = np.linspace(*WAVY_EXTENT, 400)
left.plot(grid, wavy(grid), color="0.4")
left.plot(WAVY_STARTS, wavy(np.array(WAVY_STARTS)), "ks", markersize=7)
for (run, x0), xs in early.items():
    right.plot(xs, "-" if x0 < 0 else "--", color="C0" if run.startswith("GD") else "C1", label=f"{run}, x0 = {x0}")
for level in (-0.274, 0.274, 1.090):
    right.axhline(level, color="gray", linestyle=":", linewidth=1)
style_axes(left, "x", "f(x)", "f(x) = x cos(pi x), starts")
style_axes(right, "step", "x", "Where each run goes")
fig.legend(fontsize=FONT_SIZES["legend"], loc="outside lower center", ncols=2, handles=right.get_lines()[:4])
plt.show()

# %% [markdown] slideshow={"slide_type": "subslide"}
# - 从 $x_0 = -1$ 出发:梯度下降停在浅的谷 $x = -0.274$;$\beta$ 取 0.5、0.8 的动量法也停在那里;
#   $\beta = 0.9$ 和 0.95 攒够了速度,翻过小山包,停在深的谷 $x = 1.090$。Adam 也停在浅的谷里:它每步最多走约一个学习率 0.05,
#   自适应的缩放帮不了它翻山(学习率大到 0.5 时 Adam 也能跳过去)。
# - 从 $x_0 = 1.9$ 出发:梯度下降本来就落在深的谷里;$\beta = 0.9$ 的动量法却冲过了头,翻回小山包,停在**浅的**谷里;
#   而 $\beta = 0.95$ 又停回深的谷。停在哪个谷取决于来回摆动在哪里停下,$\beta$ 越大并不是越好。
#
# 同一组 $(\eta, \beta)$,换一个起点就从帮忙变成帮倒忙。动量能翻过小的山包,但它不知道哪边的谷更深。

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 练习
#
# 梯度下降($\eta = 0.1$)从 $(1, 10^{-12})$ 出发,第几步 $|x_2| > 0.5$?先用上面的表和规律估一估
# (起点 $10^{-8}$ 时是 188 步)。

# %% slideshow={"slide_type": "skip"}
# 你的猜测: 梯度下降 (lr = 0.1) 从 x2_0 = 1e-12 出发, 第几步离开鞍点? 把 None 换成一个数, 再运行这一格和下一格
guess = None

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["answer"]
with answer():
    far = escape_step(trajectory(SGD(lr=0.1), saddle_gradient, saddle_start(1e-12), 400))
    print(f"x2_0 = 1e-12: 第 {far} 步 |x2| > 0.5 (x2_0 = 1e-8 时 188 步)")
    print(f"公式 log(0.5 / 1e-12) / log(1.1) = {gd_escape_estimate(1e-12, 0.1):.1f}")
    print(f"起点再近 1e4 倍, 多走 {far - 188} 步 = 4 x {(far - 188) / 4:.1f}")
check(guess, far, tolerance=0.1, hint="起点每近 10 倍多走 ln(10) / ln(1.1) 步; 1e-8 到 1e-12 近了 4 个 10 倍。")

# 每近 10 倍多走约 24 步: 1e-12 要 284 步, 是 1e-2 (43 步) 的 6 倍多。

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 自己动手:拖动滑块
#
# 选一个优化器,拖动学习率和起点离山脊的距离 $x_2^{(0)}$(都是对数刻度):左图是 300 步的路径,右图是 $|x_2|$(对数坐标)。
# 选梯度下降,把 $x_2^{(0)}$ 从 $10^{-2}$ 一格一格拖到 $10^{-12}$:右图的斜线每格往右移同样的距离(学习率 0.1 时约 24 步);
# 换成 Adam 再拖一遍,离开的步数几乎不动。学习率到 1 时,梯度下降在 $x_1$ 方向(曲率 2)来回跳,不再收敛。
# 这个单元格需要在 JupyterLab 里运行才能看到滑块。

# %% slideshow={"slide_type": "-"} tags=["nbval-ignore-output"]
saddle_explorer()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 小结(二维的部分)
#
# - 鞍点附近梯度很小,梯度下降离开它的步数随起点离山脊的距离按对数增长:每近 10 倍多走 $\ln 10 / \ln(1 + \eta)$ 步。
#   动量法也是按倍数增长,倍数大一些。自适应的方法把小梯度放大,离开的步数几乎和起点无关(直到梯度小于 $\varepsilon$)。
# - 正好在山脊上,精确梯度下谁也离不开鞍点;现实里是噪声把参数推下山脊。
# - 多个局部极小值:梯度下降停在最近的谷里。动量有时能翻过小山包到更深的谷,有时反而把已经在深谷里的参数甩出去;
#   哪一种发生,取决于起点、$\eta$ 和 $\beta$,没有一个设置总是对的。
