"""The recipe's learning-rate schedule from torch.optim.lr_scheduler, composed as TrainDsl's LinearWarmup composes it:
StepLR, MultiStepLR and a constant rate keep the absolute clock under the warmup (ChainedScheduler); a cosine, a
one-cycle and a plateau schedule start their own clock after it (SequentialLR, T_max = T - W). The clock counts epochs,
or optimizer steps for a per-step schedule; plan["epochLearningRates"] is what the rate must be at each epoch's first step."""

import warnings

import torch
from torch.optim import lr_scheduler as L

# SequentialLR hands over with inner.step(0), which PyTorch itself warns about; the rates are checked against the plan.
warnings.filterwarnings("ignore", message=r"The epoch parameter in `scheduler\.step\(\)`")

RESTARTING = ("Cosine", "OneCycle", "Plateau")


class Schedule:
    """step_after_optimizer_step() / step_after_epoch(metric): the loop calls both; each steps what its interval says."""

    def __init__(self, optimizer, parts, config, steps_per_epoch, maximize=True):
        self.kind = parts.get("schedule") or "Constant"
        self.per_step = self.kind != "Plateau" and parts.get("scheduleInterval") == "PerStep"
        epochs = int(config["Epochs"])
        unit = steps_per_epoch if self.per_step else 1
        warmup_steps = int(config.get("WarmupSteps", 0) or 0)
        self.warmup = warmup_steps if warmup_steps > 0 else int(config.get("WarmupEpochs", 0) or 0) * unit
        run = epochs * unit - self.warmup
        self.optimizer, self.plateau, self.epochs_seen = optimizer, None, 0
        bases = [g.get("initial_lr", g["lr"]) for g in optimizer.param_groups]
        self.maximize = maximize

        if self.kind == "Constant":
            inner = L.LambdaLR(optimizer, lambda t: 1.0)
        elif self.kind == "Step":
            inner = L.StepLR(optimizer, step_size=int(config["StepSize"]), gamma=float(config.get("ScheduleGamma", 0.1)))
        elif self.kind == "MultiStep":
            inner = L.MultiStepLR(optimizer, milestones=[int(m) for m in config["Milestones"]],
                                  gamma=float(config.get("ScheduleGamma", 0.1)))
        elif self.kind == "Cosine":
            period = int(config.get("Period", 0) or 0)
            inner = L.CosineAnnealingLR(optimizer, T_max=period if period > 0 else run, eta_min=float(config.get("MinLr", 0) or 0))
        elif self.kind == "OneCycle":
            inner = L.OneCycleLR(optimizer, max_lr=bases,
                                 total_steps=run, pct_start=float(config.get("PctStart", 0.3)),
                                 div_factor=float(config.get("DivFactor", 25.0)),
                                 final_div_factor=float(config.get("FinalDivFactor", 1e4)),
                                 three_phase=bool(config.get("ThreePhase", False)), anneal_strategy="cos", cycle_momentum=False)
        elif self.kind == "Plateau":
            # ReduceLROnPlateau is stepped by hand after the warmup: SequentialLR cannot chain it (LinearWarmup.cs).
            inner = None
            self.plateau_options = dict(mode="max" if self.maximize else "min", factor=float(config.get("PlateauFactor", 0.1)),
                                        patience=int(config.get("PlateauPatience", 10)),
                                        threshold=float(config.get("PlateauThreshold", 1e-4)), threshold_mode="rel",
                                        cooldown=int(config.get("PlateauCooldown", 0)), min_lr=float(config.get("MinLr", 0) or 0))
        else:
            raise SystemExit(f"Unknown schedule '{self.kind}'; the exporter writes Constant, Step, MultiStep, Cosine, OneCycle or Plateau.")

        if self.warmup > 0:
            start = float(config.get("WarmupStart", 0.1))
            warm = L.LinearLR(optimizer, start_factor=start, end_factor=1.0, total_iters=self.warmup)
            if inner is None or self.kind == "Constant":
                self.scheduler = warm  # a constant rate after the warmup is LinearLR alone (LambdaLR is not chainable)
            elif self.kind in RESTARTING:
                self.scheduler = L.SequentialLR(optimizer, [warm, inner], milestones=[self.warmup])
                # OneCycleLR's constructor sets initial_lr to max_lr / div_factor, which LinearLR and SequentialLR would
                # then start the warmup from; it starts from start x the base rate instead.
                for group, base in zip(optimizer.param_groups, bases):
                    group["lr"] = base * start
            else:
                self.scheduler = L.ChainedScheduler([warm, inner], optimizer=optimizer)
        else:
            self.scheduler = inner
        if self.kind == "Plateau" and self.warmup == 0:
            self.plateau = L.ReduceLROnPlateau(optimizer, **self.plateau_options)

    def lr(self):
        return self.optimizer.param_groups[-1]["lr"]

    def step_after_optimizer_step(self):
        if self.per_step and self.scheduler is not None:
            self.scheduler.step()

    def step_after_epoch(self, metric=None):
        """After the epoch's evaluation: a per-epoch clock ticks; a plateau observes the metric once past the warmup."""
        epoch = self.epochs_seen
        self.epochs_seen += 1
        if self.kind == "Plateau":
            if epoch < self.warmup:
                self.scheduler.step()
                if self.epochs_seen == self.warmup:
                    self.plateau = L.ReduceLROnPlateau(self.optimizer, **self.plateau_options)
            elif metric is not None:
                self.plateau.step(metric)
        elif not self.per_step and self.scheduler is not None:
            self.scheduler.step()


def planned_rates(parts, config, steps_per_epoch, base_lr, epochs):
    """The rate at the first step of each epoch, by running the same schedulers on a one-parameter optimizer."""
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=base_lr)
    schedule = Schedule(opt, parts, config, steps_per_epoch)
    rates = []
    for _ in range(epochs):
        rates.append(schedule.lr())
        if schedule.kind == "Plateau" and len(rates) > schedule.warmup:
            break  # later rates depend on the metrics
        for _ in range(steps_per_epoch):
            opt.step()
            schedule.step_after_optimizer_step()
        schedule.step_after_epoch()
    return rates
