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
# # 8. 对比:七种优化器放在一起
#
# 前面每一课都只看一个优化器。这一课让它们**从同一个起点**($w = 1$、$b = 0$)出发,
# **用同一串随机抽到的数据**(种子 0,和各课完全一样),各自用自己那一课的超参数,跑同样多的步数,然后比较:
#
# - 离最优值还有多远:loss 曲线减去最优 MSE,画在对数坐标上;
# - 一张表:最后的 MSE、第一次进入最优值 1% 以内用了几步;
# - 二维的轨迹:在"病态"的碗 $0.1\,x_1^2 + 2\,x_2^2$ 上,和在真实 loss 的一个二维切面上;
# - 学习率敏感性:学习率从 $10^{-4}$ 到 1,谁最"宽容"。
#
# **看图时注意**:纵轴是对数坐标,差一格就是差 10 倍。

# %% [markdown] slideshow={"slide_type": "notes"}
# 讲解提示:先让大家预测哪个优化器最快,再看表。注意"步数"对梯度下降不公平:它每一步都看了全部 1503 条数据。

# %% slideshow={"slide_type": "skip"}
from matplotlib import pyplot as plt
# %matplotlib inline
# 课程的图都用 constrained layout 排好了版面, 显示时不用再裁一次白边 (每张图少画一遍)
# %config InlineBackend.print_figure_kwargs = {"bbox_inches": None}

from course_lib import (LESSON_RUNS, PATH_GROUPS, compare, curves_figure, format_sweep,
                        format_table, load_data, optimum_mse, paths_figure, sweep_all,
                        sweep_figure)

x, y = load_data()
N, M = x.shape
best_loss = optimum_mse(x, y)
print(f"最优 MSE = {best_loss:.10f}")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 同一起点、同一串数据,各跑 5500 步
#
# `compare` 依次运行每一课的算法(`course_lib.optimizers` 里的类,和各课循环里的公式一模一样,
# 测试保证两者的轨迹一致,相差不超过舍入误差),记录每一步之后的 MSE。它运行的就是下面这张表:
# 每一课的优化器、那一课的超参数和步数(这里都跑 5500 步)、每一步用多少数据。

# %% slideshow={"slide_type": "-"}
for run in LESSON_RUNS:
    settings = ", ".join(f"{name}={value:g}" for name, value in run.hyperparameters.items())
    print(f"{run.name:<9} {run.optimizer.__name__}({settings}):  课上 {run.steps} 步, 每一步用"
          + ("全部 1503 条数据" if run.all_rows else "随机抽的 1 条数据"))

# %% slideshow={"slide_type": "slide"}
rows = compare(x, y, steps=5500)
print(format_table(rows, best_loss))

# %% slideshow={"slide_type": "slide"}
curves_figure(rows, best_loss)
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 怎么读这张表
#
# - **梯度下降**按步数最快进入 1% 以内,但它每一步都用了全部 1503 条数据;其他优化器每一步只用 1 条。
#   按"用过多少条数据的梯度"来算,梯度下降反而比进入 1% 以内的四个随机方法多用 150 倍以上的数据(见下面的计算;
#   RMSProp 和 AdaDelta 5500 步内进不去)。
# - 梯度下降的差距先降到约 $1.66\times10^{-6}$(第 1821 步),然后又慢慢回升到 $2.03\times10^{-6}$ 并停在那里:
#   这是前向差分的偏差(见 0.导论)。前向差分算出的梯度比真实梯度多了一个常数 $\epsilon$(每个分量都是),
#   所以前向差分的梯度下降其实是在精确地最小化 $L(\theta) + \epsilon\,\mathbf{1}^\top\theta$:它的终点是这个函数的最低点,
#   不是 $L$ 的最低点,半路上它会从 $L$ 更低的地方经过,然后再走开。
# - 随机的方法到了最优值附近都停不下来:学习率固定时,一条数据的梯度带来的噪声不会消失。
#   AdaGrad 最后离最优值最近:它开头步子大、走得快,到最后有效学习率又比随机梯度下降的 $10^{-3}$ 小(第 9 课细讲);
#   RMSProp 和 AdaDelta 每一步的步长大致不变,最后离最优值最远;
#   抖动(最后 1000 步 MSE 的标准差)最大的是 Adam 和 RMSProp。

# %% slideshow={"slide_type": "slide"}
for row in rows:
    rows_per_step = N if row.name == "GD" else 1
    if row.steps_to_1pct is None:
        print(f"{row.name:<9} 5500 步内没有进入 1% 以内")
    else:
        print(f"{row.name:<9} 进入 1% 以内用了 {row.steps_to_1pct * rows_per_step:>7} 条数据的梯度")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 二维轨迹:在碗里
#
# 所有优化器在碗 $0.1\,x_1^2 + 2\,x_2^2$ 上从 $(-5, -2)$ 出发(学习率是为这个碗挑的,见各课;
# 随机梯度下降在梯度上加了噪声;AdaDelta 走 400 步,其他走 40 步)。先看步长和梯度成正比的三种:

# %% slideshow={"slide_type": "-"}
paths_figure(x, y, "bowl", PATH_GROUPS["gd_sgd_momentum"])
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# 再看按梯度的大小逐个参数调整步长的四种:

# %% slideshow={"slide_type": "-"}
paths_figure(x, y, "bowl", PATH_GROUPS["adaptive"])
plt.show()

# %% [markdown] slideshow={"slide_type": "-"}
# 在碗上:梯度下降在陡的方向来回振荡;动量和 Adam 冲过头再绕回来;AdaGrad、RMSProp 第一步沿对角线出发;
# AdaDelta 起步最慢。

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 二维轨迹:真实 loss 的切面
#
# 真实 loss 在 $w_2$、$w_5$ 两个权重上的切面(其他参数固定在最优值),每个优化器用自己那一课的超参数和步数,
# 从 $(-0.4, 1.5)$ 出发,每一步随机抽一条数据(梯度下降仍然用全部数据)。

# %% slideshow={"slide_type": "-"}
paths_figure(x, y, "slice", PATH_GROUPS["gd_sgd_momentum"])
plt.show()

# %% slideshow={"slide_type": "slide"}
paths_figure(x, y, "slice", PATH_GROUPS["adaptive"])
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# 在真实 loss 上,起点选在 $(-0.4, 1.5)$:从它到中心的方向和椭圆的两条轴都差约 45°。
# (如果从 $(1, 1)$ 出发,它几乎正好在椭圆的短轴上,离最陡的方向只差 1.8°,所有方法都沿直线走向中心,看不出差别。)
# - **梯度下降**先消掉陡的方向(短轴,曲率 3.51;第 65 步时只剩不到 10%),再沿平的长轴(曲率 0.49)慢慢滑向中心,
#   500 步后离中心还有 0.11:和碗里一样的"病态",出现在真实的 loss 上。
# - **随机梯度下降**走同样的弯路,慢得多而且带着噪声,2500 步后离中心还有 0.38。
# - **动量法**(学习率 $10^{-3}$,$\beta = 0.8$)在这个切面上阻尼很大:用全部数据的精确梯度,它一次也不会越过谷底。
#   图里它在谷底两边来回穿了 28 次(最远到对面 0.10),是一条数据的梯度噪声被动量放大(第 10 课:它像学习率大 5 倍的随机梯度下降);
#   最后顺着山谷走到中心附近(0.06)。
# - **AdaGrad、RMSProp、AdaDelta、Adam** 第一段都沿对角线走(逐个参数归一化,两个参数走一样大的步子;
#   在这个切面上对角线恰好就是陡的方向)。AdaGrad 之后步子越来越小,2500 步后离中心 0.33;
#   RMSProp 和 AdaDelta 的步长大致不变(RMSProp 每步约 $3.5\times10^{-3}$,和随机梯度下降开头的步子差不多),可一条数据的梯度归一化以后,
#   方向不对时也走一样大的一步:往谷底的净进展只有来回移动的约 30%(随机梯度下降约 66%)。
#   所以它们很晚才靠近谷底(陡的方向只剩不到 10%:第 1345 步和第 2835 步),最后离中心 0.83 和 0.74;
#   Adam 靠动量沿长轴走到中心(0.02)。
# - 到了中心附近,随机方法的路径就乱成一团:那一团的大小就是上面曲线里的"抖动",Adam 的最大。

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 学习率敏感性
#
# 每个优化器(AdaDelta 没有学习率)用 9 个学习率各跑 1500 步,取最后 100 步 MSE 的平均。
# 为了让 9 个学习率**同时**跑(参数叠成一个 9 行的矩阵,每一步一起更新),这里用解析梯度代替前向差分;
# 前向差分的偏差只有 $10^{-3}$ 量级,不影响结论。发散的运行在图上画在 100 处。

# %% slideshow={"slide_type": "-"}
sweeps = sweep_all(x, y)
print(format_sweep(sweeps))

# %% slideshow={"slide_type": "slide"}
sweep_figure(sweeps, best_loss)
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 谁更"宽容"
#
# - **梯度下降、随机梯度下降、动量法**的步长和梯度成正比:学习率太大就发散,太小就走不动,好用的范围只有一两个数量级。
#   动量法在这里从 0.03 起就发散,但原因是一条数据的梯度噪声很大,又被动量累积起来。用全部数据的精确梯度时,
#   动量法只要 $\eta\lambda_{\max} < 2(1+\beta)$ 就稳定:$\beta = 0.8$ 时学习率 0.8 也能收敛到最优值,
#   而梯度下降在学习率超过 $2/\lambda_{\max} = 0.474$ 时就发散了,动量法反而更宽容。
# - **AdaGrad、RMSProp、Adam** 用梯度的大小做了归一化,学习率再大也不会发散到无穷大;但步子大到一定程度,
#   它们会停在离最优值很远的地方:学习率为 1 时 Adam 最后的 MSE 是 1.4816,是最优值的 3 倍。
#   RMSProp 在学习率 0.3 和 1 时是**混沌**的(表里的 chaotic):起点只挪动 $10^{-12}$,最后的 MSE 就差了百分之几到几十,
#   换一台电脑、换一个 BLAS 算出来就是另一个数,所以表里不写数字;学习率为 1 时它比起点(7.37)还差。
#   学习率太小时它们同样走不动(AdaGrad 最明显,它的步长还会一直变小)。
# - **AdaDelta** 干脆没有学习率;代价是它的步长由 $\epsilon$ 决定($\rho = 0.2$ 时每步只有约 $10^{-3}$),1500 步时还远没有收敛。

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 小结
#
# - 没有哪个优化器处处最好:按步数,全量数据的梯度下降最快也最准;按计算量,随机梯度下降、动量法、AdaGrad、Adam 快得多,
#   RMSProp 和 AdaDelta 用这一课的超参数 5500 步内进不了 1% 以内。
# - $\beta = 0.8$ 的动量在这里就像学习率大 5 倍的随机梯度下降:走得快,抖得也多(第 10 课);
#   自适应学习率(AdaGrad、RMSProp、Adam)让每个参数有自己的步长,学习率往大调不会发散到无穷大,
#   但在这个问题上,它们好用的学习率范围并不比随机梯度下降宽(9 个学习率里进入最优值 10% 以内的:
#   随机梯度下降 2 个,AdaGrad 2 个,Adam 1 个,RMSProp 0 个)。
# - Adam 结合了两者,在这个问题上是进入 1% 以内最快的随机方法之一;但它的学习率同样要挑
#   (9 个学习率里只有 0.01 进入最优值 10% 以内,0.001 时最后的 MSE 是最优值的 7 倍)。
#   它成为默认选择,更多是因为默认的 $\beta_1$、$\beta_2$、$\epsilon$ 很少需要调。
# - 想在课堂外重新生成这一课的表和图:`python -m course_lib compare --out figures`。
# - **进阶**:第 9 课(小批量与学习率调度)讲怎样治好随机方法最后的抖动,以及为什么随机方法里 AdaGrad 最后离最优值最近;
#   第 10 课(动量的几何)沿 Hessian 的特征方向算出梯度下降和动量法最好的学习率、动量系数,再跑一遍验证。
#   第 11 课(非凸问题)把这七个优化器放到一个小神经网络上再比一次,再看几个优化器在二维的鞍点和一维的 $x\cos(\pi x)$(多个局部极小值)上各做了什么。
