"""course_lib: the shared code of the optimizer course (优化器课程).

Every lesson imports what it needs from here: the data, the linear model and its losses,
gradients (numeric and exact), the least-squares optimum, and one loss-curve plot.
"""

from course_lib.data import load_data, load_table
from course_lib.model import (least_squares, mse, mse_gradient, mse_hessian, numeric_gradient,
                              predict, residuals, sse, sse_gradient)
from course_lib.plotting import plot_loss

__all__ = ["least_squares", "load_data", "load_table", "mse", "mse_gradient", "mse_hessian",
           "numeric_gradient",
           "plot_loss", "predict", "residuals", "sse", "sse_gradient"]
