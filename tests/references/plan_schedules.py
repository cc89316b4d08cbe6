"""Reference learning rates for the E2E plan test (tests/TrainDsl.EndToEnd.Tests/PlanScheduleTests.cs).

Run from the repo root:  bash ../shared/peer/pytorch-peer.sh python /host/tests/references/plan_schedules.py
For each case, the rate in effect at the start of every epoch when PyTorch's scheduler is stepped
once per epoch (or once per optimizer step, with `steps_per_epoch` steps each epoch).
"""
import json
import os

import torch

BASE_LR = 0.05
EPOCHS = 7
STEPS_PER_EPOCH = 60000 // 128  # Fashion-MNIST train set, batch 128, drop_last


def rates(make, per_step=False):
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=BASE_LR)
    sched = make(opt)
    out = []
    for _ in range(EPOCHS):
        out.append(opt.param_groups[0]["lr"])
        for _ in range(STEPS_PER_EPOCH if per_step else 1):
            opt.step()
            sched.step()
    return out


cases = {
    "StepPlan": rates(lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=2, gamma=0.5)),
    "MultiStepPlan": rates(lambda o: torch.optim.lr_scheduler.MultiStepLR(o, milestones=[2, 5], gamma=0.1)),
    "CosinePlan": rates(lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=EPOCHS, eta_min=0.001)),
    "CosinePerStepPlan": rates(
        lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=EPOCHS * STEPS_PER_EPOCH), per_step=True),
}
result = {"torch": torch.__version__, "base_lr": BASE_LR, "epochs": EPOCHS,
          "steps_per_epoch": STEPS_PER_EPOCH, "cases": cases}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "plan_schedules.json")
with open(path, "w") as f:
    json.dump(result, f, indent=2)
print("wrote", path)
