"""Learning-rate schedules (lesson 9): the rate of every step of a run, from one peak rate."""

import numpy as np

SCHEDULES = ("constant", "step decay", "1/t", "cosine", "warm-up + cosine")


def schedule_rates(schedule: str, lr0: float, steps: int) -> np.ndarray:
    """The learning rate of each step, as lesson 9 writes them (1/t with time scale 250 steps
    at 5000 steps, scaled to ``steps``; warm-up for the first tenth)."""
    k = np.arange(steps)
    warm = max(1, steps // 10)
    if schedule == "constant":
        return np.full(steps, float(lr0))
    if schedule == "step decay":
        return lr0 * 0.1 ** ((k >= steps // 2).astype(int) + (k >= 3 * steps // 4))
    if schedule == "1/t":
        return lr0 / (1 + k / (steps / 20))
    if schedule == "cosine":
        return lr0 * 0.5 * (1 + np.cos(np.pi * k / steps))
    if schedule == "warm-up + cosine":
        cosine = lr0 * 0.5 * (1 + np.cos(np.pi * (k - warm) / (steps - warm)))
        return np.where(k < warm, lr0 * (k + 1) / warm, cosine)
    raise ValueError(f"unknown schedule {schedule!r}: choose one of {', '.join(SCHEDULES)}")
