"""Where the explorer's two panels disagree: for each optimizer with a learning rate, the lr
slider positions (its 41 values, 10**-4 to 1, lesson's step count) at which the run on the data
converges and the run on the bowl diverges, or the reverse.

Run from the repository root:  python tools/explorer_agreement.py
Not a test (pytest does not collect it): it prints the numbers the explorer paragraphs quote;
``tests/support/lessons.panels_disagree`` recomputes the "data only" column for the claims.
"""

from course_lib import LESSON_RUNS, load_data
from course_lib.widgets.lesson import explore_run, slider_lrs


def span(lrs: list) -> str:
    """``lrs`` as "first..last (count)", or "-" if empty."""
    return f"{min(lrs):.2g}..{max(lrs):.2g} ({len(lrs)})" if lrs else "-"


def main():
    x, y = load_data()
    print("slider lr ranges (count of slider positions); bowl lr = factor x slider lr")
    for run in LESSON_RUNS:
        if not run.has_lr:
            continue
        cases = {"both converge": [], "data only": [], "bowl only": [], "both diverge": []}
        for lr in slider_lrs():
            explored = explore_run(run, x, y, lr=lr)
            data_ok, bowl_ok = explored.diverged_at is None, explored.bowl_diverged_at is None
            key = {
                (True, True): "both converge",
                (True, False): "data only",
                (False, True): "bowl only",
                (False, False): "both diverge",
            }[data_ok, bowl_ok]
            cases[key].append(lr)
        factor = run.bowl_hyperparameters["lr"] / run.hyperparameters["lr"]
        print(
            f"{run.name:<9} factor {factor:>4g}  "
            + "  ".join(f"{key}: {span(lrs)}" for key, lrs in cases.items())
        )


if __name__ == "__main__":
    main()
