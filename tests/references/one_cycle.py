"""Reference learning rates for TrainDsl's OneCycleLR (tests/TrainDsl.Tests/Numerics/OneCycleLRTests.cs).

Run from the repository root with the PyTorch peer (PyTorch 2.6); the peer bind-mounts the current
directory at /host and starts there, so a path relative to the repository root works:
    bash /work/shared/peer/pytorch-peer.sh python tests/references/one_cycle.py
Writes one_cycle.json next to this script.

- cases: torch.optim.lr_scheduler.OneCycleLR(cycle_momentum=False) on a dummy SGD optimizer; "lrs"
  holds get_last_lr() after k = 0..total_steps calls of scheduler.step() (PyTorch accepts exactly
  total_steps calls), and "pastEnd" the ValueError raised by call total_steps + 1.
- failing: settings PyTorch accepts as arguments but then divides by zero on (pct_start·total_steps = 1,
  or a three-phase schedule whose last phase has length 0), and a three-phase schedule with
  pct_start > 0.5, which PyTorch runs without ever reaching its third phase. TrainDsl rejects all of
  them in the constructor; "outcome" records what PyTorch did.
"""

import torch

from reference_json import write

L = torch.optim.lr_scheduler


def params(total_steps, pct_start=0.3, anneal_strategy="cos", div_factor=25.0, final_div_factor=1e4,
           three_phase=False):
    return {"totalSteps": total_steps, "pctStart": pct_start, "annealStrategy": anneal_strategy,
            "divFactor": div_factor, "finalDivFactor": final_div_factor, "threePhase": three_phase}


def scheduler(p, max_lr):
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=max_lr)
    sched = L.OneCycleLR(opt, max_lr=max_lr, total_steps=p["totalSteps"], pct_start=p["pctStart"],
                         anneal_strategy=p["annealStrategy"], cycle_momentum=False,
                         div_factor=p["divFactor"], final_div_factor=p["finalDivFactor"],
                         three_phase=p["threePhase"])
    return opt, sched


def step(opt, sched):
    opt.step()
    sched.step()


def case(p, max_lr):
    opt, sched = scheduler(p, max_lr)
    lrs = [sched.get_last_lr()[0]]
    for _ in range(p["totalSteps"]):
        step(opt, sched)
        lrs.append(sched.get_last_lr()[0])
    try:
        step(opt, sched)
        past_end = None
    except ValueError as e:
        past_end = str(e)
    assert past_end is not None, f"PyTorch accepted step {p['totalSteps'] + 1} of {p}"
    return {"params": p, "maxLr": max_lr, "lrs": lrs, "pastEnd": past_end}


def failing(p, max_lr, why):
    """What PyTorch does with settings TrainDsl rejects: the error and the step it occurs at, or the last rate."""
    outcome = {}
    try:
        opt, sched = scheduler(p, max_lr)
        lrs = [sched.get_last_lr()[0]]
        for _ in range(p["totalSteps"]):
            step(opt, sched)
            lrs.append(sched.get_last_lr()[0])
        outcome = {"ran": True, "lrs": lrs}
    except ZeroDivisionError as e:
        # last_epoch is the step whose rate failed (0 when the constructor's initial step fails).
        outcome = {"error": f"ZeroDivisionError: {e}", "atStep": sched.last_epoch if "sched" in locals() else 0}
    return {"params": p, "maxLr": max_lr, "why": why, "outcome": outcome}


def main():
    cases = [
        # PyTorch's defaults; phase 1 ends at 0.3·100 − 1 = 29.
        case(params(100), 0.1),
        case(params(100, anneal_strategy="linear"), 0.1),
        # Odd lengths: the phase boundary falls between steps (0.3·7 − 1 = 1.1, 0.25·7 − 1 = 0.75).
        case(params(7), 0.05),
        case(params(7, pct_start=0.25, anneal_strategy="linear"), 0.05),
        case(params(7, pct_start=0.25, three_phase=True), 0.05),
        # Three phases with integer boundaries (4, 8, 9) and fractional ones (1.5, 3, 9).
        case(params(10, pct_start=0.5, anneal_strategy="linear", three_phase=True), 1.0),
        case(params(10, pct_start=0.25, three_phase=True), 1.0),
        case(params(10, pct_start=0.25, anneal_strategy="linear", div_factor=10.0, final_div_factor=100.0), 0.3),
        # Half up, half down, with other factors.
        case(params(100, pct_start=0.5, div_factor=5.0, final_div_factor=1e3), 0.4),
        case(params(100, pct_start=0.25, anneal_strategy="linear", div_factor=10.0, final_div_factor=1.0,
                    three_phase=True), 0.2),
        # Three epochs of CIFAR-10 at batch 128 (391 steps each), as in a super-convergence run.
        case(params(391 * 3), 0.4),
        case(params(391 * 3, pct_start=0.25, anneal_strategy="linear", div_factor=10.0, final_div_factor=100.0,
                    three_phase=True), 0.8),
        case(params(391 * 3, pct_start=0.3, div_factor=20.0, final_div_factor=1e3, three_phase=True), 0.1),
        # pct_start·total_steps < 1: phase 1 ends before step 0, so the run starts past its warm-up.
        case(params(1), 0.1),
        case(params(1, anneal_strategy="linear"), 0.1),
        case(params(2), 0.1),
        case(params(3, pct_start=0.25, three_phase=True), 0.1),
        case(params(3, pct_start=0.25, anneal_strategy="linear", three_phase=True), 0.1),
    ]
    rejected = [
        failing(params(10, pct_start=0.1), 0.1, "pct_start·total_steps = 1: phase 1 ends at step 0"),
        failing(params(4, pct_start=0.25, anneal_strategy="linear", three_phase=True), 0.1,
                "pct_start·total_steps = 1: phase 1 ends at step 0"),
        failing(params(4, pct_start=0.625, three_phase=True), 0.1,
                "three-phase, 2·pct_start·total_steps − 2 = total_steps − 1: the third phase has length 0"),
        failing(params(10, pct_start=0.6, three_phase=True), 0.1,
                "three-phase, pct_start > 0.5: the second phase outlasts the run"),
    ]
    write("one_cycle.json", {"cases": cases, "failing": rejected}, f"one_cycle.py, torch {torch.__version__}")


if __name__ == "__main__":
    main()
