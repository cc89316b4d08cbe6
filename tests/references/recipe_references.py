"""Reference values for TrainDsl's recipe tricks (tests/TrainDsl.Tests/Recipe), from PyTorch 2.6.

Run from the repository root with the PyTorch peer:
    bash /work/shared/peer/pytorch-peer.sh python /host/tests/references/recipe_references.py
Writes recipe_references.json next to this script: warmup schedules (ChainedScheduler / SequentialLR /
LinearLR), ReduceLROnPlateau with and without a LinearLR warmup, the distillation loss and its
gradient, and SGD / AdamW steps with timm-style no-weight-decay parameter groups.
"""
import json
import math
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
L = torch.optim.lr_scheduler


def floats(t):
    """A float tensor as a flat list of doubles (fp32/bf16/fp16 values are exact in double)."""
    return [float(v) for v in t.detach().double().flatten().tolist()]


def lr_of(opt):
    return opt.param_groups[0]["lr"]


# ---------------------------------------------------------------- warmup schedules
def rates(make, base_lr, steps):
    """The optimizer's rate after k = 0..steps calls of scheduler.step()."""
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=base_lr)
    sched = make(opt)
    out = [lr_of(opt)]
    for _ in range(steps):
        opt.step()
        sched.step()
        out.append(lr_of(opt))
    return out


def sample(lrs, keep):
    """Long per-step runs: keep the listed times (boundaries and a regular grid) to keep the file small."""
    ts = sorted({t for t in keep if 0 <= t < len(lrs)})
    return ts, [lrs[t] for t in ts]


def warmup_cases():
    cases = []

    def inner_make(inner):
        kind = inner["kind"]
        if kind == "step":
            return lambda o: L.StepLR(o, step_size=inner["stepSize"], gamma=inner["gamma"])
        if kind == "multistep":
            return lambda o: L.MultiStepLR(o, milestones=inner["milestones"], gamma=inner["gamma"])
        if kind == "cosine":
            return lambda o: L.CosineAnnealingLR(o, T_max=inner["tMax"], eta_min=inner["etaMin"])
        raise ValueError(kind)

    def add(mode, inner, warmup, start, base, steps, extra_keep=()):
        if mode == "overlay":
            # Warmup as a factor over the inner schedule, whose clock (and milestones) stay absolute.
            make = lambda o: L.ChainedScheduler(
                [L.LinearLR(o, start_factor=start, total_iters=warmup), inner_make(inner)(o)])
        elif mode == "restart":
            # Warmup first; the inner schedule starts its own clock at t = W.
            make = lambda o: L.SequentialLR(
                o, [L.LinearLR(o, start_factor=start, total_iters=warmup), inner_make(inner)(o)], milestones=[warmup])
        elif mode == "linear":
            make = lambda o: L.LinearLR(o, start_factor=start, total_iters=warmup)
        else:
            raise ValueError(mode)
        lrs = rates(make, base, steps)
        case = {"mode": mode, "inner": inner, "warmup": warmup, "startFactor": start, "baseLr": base}
        if steps > 200:
            keep = set(range(0, 40)) | set(range(0, steps + 1, 97)) | {steps}
            for b in [warmup, *extra_keep]:
                keep |= set(range(b - 3, b + 4))
            ts, lrs = sample(lrs, keep)
            case["ts"] = ts
        else:
            case["ts"] = list(range(len(lrs)))
        case["lrs"] = lrs
        cases.append(case)

    # Step / MultiStep + warmup == ChainedScheduler([LinearLR, StepLR/MultiStepLR]).
    add("overlay", {"kind": "step", "stepSize": 3, "gamma": 0.1}, 5, 0.1, 0.1, 20)
    add("overlay", {"kind": "step", "stepSize": 4, "gamma": 0.5}, 1, 0.1, 1.0, 15)
    add("overlay", {"kind": "step", "stepSize": 1, "gamma": 0.9}, 4, 0.25, 0.05, 12)
    add("overlay", {"kind": "multistep", "milestones": [2, 5, 5, 9], "gamma": 0.1}, 3, 0.25, 0.1, 15)
    add("overlay", {"kind": "multistep", "milestones": [0, 3], "gamma": 0.5}, 2, 0.1, 0.2, 8)
    add("overlay", {"kind": "multistep", "milestones": [30, 60, 90], "gamma": 0.2}, 5, 0.1, 0.1, 100)
    add("overlay", {"kind": "multistep", "milestones": [3], "gamma": 0.1}, 1, 0.5, 0.4, 6)
    # Per step: W = 2 epochs, T = 10 epochs of 468 steps, milestones at epochs 5 and 8 (absolute, in steps).
    spe = 468
    add("overlay", {"kind": "multistep", "milestones": [5 * spe, 8 * spe], "gamma": 0.1}, 2 * spe, 0.1, 0.1,
        10 * spe, extra_keep=(5 * spe, 8 * spe))
    add("overlay", {"kind": "step", "stepSize": 3 * spe, "gamma": 0.5}, 2 * spe, 0.01, 0.05,
        10 * spe, extra_keep=(3 * spe, 6 * spe, 9 * spe))

    # Cosine + warmup == SequentialLR([LinearLR, CosineAnnealingLR(T_max = T - W)], milestones=[W]).
    for T, W, eta, start, base, extra in [(10, 2, 0.0, 0.1, 0.1, 6), (50, 5, 0.001, 0.1, 0.05, 0),
                                         (7, 1, 0.0, 0.1, 0.1, 3), (4, 3, 0.0, 0.5, 0.2, 4),
                                         (30, 10, 1e-4, 0.01, 0.4, 5)]:
        add("restart", {"kind": "cosine", "tMax": T - W, "etaMin": eta}, W, start, base, T + extra)
    add("restart", {"kind": "cosine", "tMax": 10 * spe - 2 * spe, "etaMin": 0.0}, 2 * spe, 0.1, 0.05, 10 * spe)
    add("restart", {"kind": "cosine", "tMax": 10 * spe - 1 * spe, "etaMin": 1e-5}, 1 * spe, 0.001, 0.1, 10 * spe)

    # Constant + warmup == LinearLR alone.
    add("linear", {"kind": "constant"}, 5, 0.1, 0.1, 12)
    add("linear", {"kind": "constant"}, 1, 0.5, 0.05, 4)
    add("linear", {"kind": "constant"}, 3, 1 / 3, 1.0, 8)
    add("linear", {"kind": "constant"}, 2 * spe, 0.1, 0.1, 4 * spe)
    return cases


# ---------------------------------------------------------------- ReduceLROnPlateau (+ warmup)
def plateau_cases():
    cases = []

    def add(label, metrics, base, mode, warmup=0, start=0.1, **kw):
        """lrs[e] is the rate in effect during epoch e (e = 0..E; the last is after the final epoch).
        The loop PyTorch's SequentialLR cannot express: LinearLR stepped after each of the first W
        epochs, then ReduceLROnPlateau stepped with the epoch's metric after every later epoch."""
        opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=base)
        warm = L.LinearLR(opt, start_factor=start, total_iters=warmup) if warmup > 0 else None
        plateau = L.ReduceLROnPlateau(opt, mode=mode, **kw)
        lrs, best, bad, cool = [], [], [], []
        for epoch, m in enumerate(metrics):
            lrs.append(lr_of(opt))
            opt.step()
            if epoch < warmup:
                warm.step()
            else:
                plateau.step(m)
            best.append(plateau.best)
            bad.append(plateau.num_bad_epochs)
            cool.append(plateau.cooldown_counter)
        lrs.append(lr_of(opt))
        params = {"factor": kw.get("factor", 0.1), "patience": kw.get("patience", 10),
                  "threshold": kw.get("threshold", 1e-4), "cooldown": kw.get("cooldown", 0),
                  "minLr": kw.get("min_lr", 0.0), "eps": kw.get("eps", 1e-8)}
        cases.append({"label": label, "mode": mode, "baseLr": base, "warmup": warmup, "startFactor": start,
                      "params": params, "metrics": metrics, "lrs": lrs,
                      # ±inf before the first plateau step is written as null
                      "best": [b if math.isfinite(b) else None for b in best],
                      "badEpochs": bad, "cooldownCounter": cool})

    # Validation losses: improvements below 1% (relative) count as bad epochs; cooldown; the floor.
    loss = [1.0, 0.9, 0.895, 0.9, 0.95, 0.8, 0.85, 0.85, 0.85, 0.85, 0.85, 0.85, 0.79, 0.8, 0.8,
            0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8]
    add("min patience 2 cooldown 1 floor 0.01", loss, 0.1, "min",
        factor=0.5, patience=2, threshold=1e-2, cooldown=1, min_lr=0.01)
    # Accuracies, patience 1 and a 2-epoch cooldown, default threshold.
    acc = [0.5, 0.6, 0.65, 0.65, 0.65, 0.66, 0.66, 0.66, 0.66, 0.66, 0.70, 0.70, 0.70, 0.70, 0.70, 0.70,
           0.700001, 0.7001, 0.71, 0.71, 0.71, 0.71, 0.71, 0.71, 0.71]
    add("max patience 1 cooldown 2", acc, 0.05, "max", factor=0.1, patience=1, cooldown=2, min_lr=1e-5)
    # PyTorch's defaults (patience 10): a long plateau, then a late improvement.
    g = torch.Generator().manual_seed(7)
    noisy = [float(v) for v in (0.5 + 0.01 * torch.rand(40, generator=g, dtype=torch.float64)).tolist()]
    noisy[3] = 0.2
    noisy[25] = 0.1
    add("min defaults", noisy, 0.1, "min")
    # The floor and eps: 0.1 -> 0.01, then max(0.001, 0.01 - 5e-9) would lower it by only 5e-9 < eps.
    add("min floor within eps", [1.0] * 8, 0.1, "min", factor=0.1, patience=0, min_lr=0.01 - 5e-9)
    add("min floor", [1.0] * 8, 0.1, "min", factor=0.1, patience=1, min_lr=2e-3)
    add("min eps blocks tiny decrease", [1.0] * 6, 0.1, "min", factor=0.99999995, patience=0, eps=1e-8)
    # Relative threshold on negative metrics (PyTorch compares a < best*(1 - th) as is).
    add("min negative metrics", [-1.0, -0.99995, -1.2, -1.19, -1.5, -1.5, -1.5, -1.5], 0.2, "min",
        factor=0.5, patience=1, threshold=1e-4)
    add("max negative metrics", [-3.0, -2.0, -2.0001, -1.9999, -1.0, -1.0, -1.0, -1.0], 0.2, "max",
        factor=0.5, patience=1, threshold=1e-4)

    # Warmup, then the plateau.
    wl = [2.0, 1.5, 1.2, 1.0, 1.0, 1.0, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.85, 0.85, 0.85]
    add("warmup 3 then min patience 1", wl, 0.1, "min", warmup=3, start=0.1, factor=0.5, patience=1)
    wa = [0.1, 0.2, 0.3, 0.4, 0.5, 0.5, 0.6, 0.6, 0.6, 0.6, 0.6, 0.62, 0.62, 0.62, 0.62, 0.62, 0.62, 0.62, 0.62]
    add("warmup 5 then max patience 2 cooldown 1 floor", wa, 0.4, "max", warmup=5, start=0.25,
        factor=0.2, patience=2, cooldown=1, min_lr=0.004)
    add("warmup 1 then max patience 0", [0.3, 0.4, 0.4, 0.45, 0.45, 0.45, 0.45], 0.1, "max", warmup=1, start=0.5,
        factor=0.5, patience=0)
    return cases


# ---------------------------------------------------------------- distillation loss
def distillation_cases():
    g = torch.Generator().manual_seed(20250203)
    cases = []

    def reference(s, t, target, T, alpha):
        kl = F.kl_div(F.log_softmax(s / T, dim=1), F.softmax(t / T, dim=1), reduction="batchmean") * T * T
        if target.dtype == torch.int64:
            ce = F.cross_entropy(s, target)
        else:
            ce = (-(target * F.log_softmax(s, dim=1)).sum(1)).mean()
        return alpha * kl + (1 - alpha) * ce

    def add(s, t, target, T, alpha, dtype="float32"):
        sd = s.double().requires_grad_(True)
        loss = reference(sd, t.double(), target if target.dtype == torch.int64 else target.double(), T, alpha)
        loss.backward()
        case = {"temperature": T, "alpha": alpha, "dtype": dtype, "shape": list(s.shape),
                "student": floats(s), "teacher": floats(t), "expected": loss.item(), "expectedGrad": floats(sd.grad)}
        if target.dtype == torch.int64:
            case["target"] = target.tolist()
        else:
            case["softTarget"] = floats(target)
        cases.append(case)

    B, C = 8, 10
    s = (torch.randn(B, C, generator=g) * 2).float()
    t = (torch.randn(B, C, generator=g) * 3).float()
    hard = torch.randint(0, C, (B,), generator=g)
    # Soft targets as mixup makes them: λ·onehot(y) + (1 − λ)·onehot(y[perm]) from smoothed one-hots.
    smooth = F.one_hot(hard, C).float() * 0.9 + 0.1 / C
    soft = (0.7 * smooth + 0.3 * smooth.flip(0)).float()
    for T in (1.0, 4.0):
        for alpha in (0.0, 0.5, 1.0):
            add(s, t, hard, T, alpha)
            add(s, t, soft, T, alpha)
    add(s, t, hard, 4.0, 0.9)
    add(s, t, soft, 2.5, 0.9)
    # 16-bit student and teacher logits (values exact in fp32), computed in fp32 by TrainDsl.
    for name, dt in (("bfloat16", torch.bfloat16), ("float16", torch.float16)):
        s16 = (torch.randn(6, 7, generator=g) * 3).to(dt).float()
        t16 = (torch.randn(6, 7, generator=g) * 3).to(dt).float()
        y16 = torch.randint(0, 7, (6,), generator=g)
        add(s16, t16, y16, 4.0, 0.9, name)
    # Large logits: confident teacher rows whose softened probabilities underflow for some classes.
    se = (torch.randn(5, 6, generator=g) * 20).float()
    te = (torch.randn(5, 6, generator=g) * 20).float()
    te[0, :] = -200
    te[0, 2] = 200
    se[1, :] = 500
    ye = torch.randint(0, 6, (5,), generator=g)
    add(se, te, ye, 1.0, 0.5)
    add(se, te, ye, 4.0, 0.9)
    return cases


# ---------------------------------------------------------------- no-bias-decay parameter groups
def tiny():
    """Names 0.weight, 0.bias, 1.weight, 1.bias, 3.weight, 3.bias; TrainDsl's test builds the same Sequential."""
    return nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 2))


def no_decay_groups(model, weight_decay):
    """timm.optim._param_groups.param_groups_weight_decay: no decay for ndim <= 1 or names ending in .bias."""
    decay, no_decay = [], []
    for name, p in model.named_parameters():
        if not p.requires_grad:
            continue
        (no_decay if p.ndim <= 1 or name.endswith(".bias") else decay).append(p)
    return [{"params": no_decay, "weight_decay": 0.0}, {"params": decay, "weight_decay": weight_decay}]


def optimizer_cases():
    g = torch.Generator().manual_seed(31337)
    cases = []
    model = tiny()
    names = [n for n, _ in model.named_parameters()]
    init = {n: (torch.randn(p.shape, generator=g)).float() for n, p in model.named_parameters()}
    grads = [{n: (torch.randn(p.shape, generator=g)).float() for n, p in model.named_parameters()} for _ in range(3)]

    def run(kind, make):
        m = tiny().double()
        with torch.no_grad():
            for n, p in m.named_parameters():
                p.copy_(init[n].double())
        opt = make(no_decay_groups(m, WD[kind]))
        after = []
        for step in grads:
            opt.zero_grad()
            for n, p in m.named_parameters():
                p.grad = step[n].double().clone()
            opt.step()
            after.append({n: floats(p) for n, p in m.named_parameters()})
        cases.append({"optimizer": kind, "weightDecay": WD[kind], "names": names,
                      "shapes": {n: list(init[n].shape) for n in names},
                      "init": {n: floats(init[n]) for n in names},
                      "grads": [{n: floats(s[n]) for n in names} for s in grads],
                      "after": after, "settings": SETTINGS[kind]})

    WD = {"sgd": 5e-4, "adamw": 0.05}
    SETTINGS = {"sgd": {"lr": 0.05, "momentum": 0.9, "nesterov": True},
                "adamw": {"lr": 1e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}}
    run("sgd", lambda groups: torch.optim.SGD(groups, lr=0.05, momentum=0.9, weight_decay=5e-4, nesterov=True))
    run("adamw", lambda groups: torch.optim.AdamW(groups, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.05))
    return cases


def main():
    payload = {
        "generator": f"recipe_references.py, torch {torch.__version__}",
        "warmup": warmup_cases(),
        "plateau": plateau_cases(),
        "distillation": distillation_cases(),
        "optimizers": optimizer_cases(),
    }
    lines = []
    for key, value in payload.items():
        if isinstance(value, list):
            body = ",\n".join("  " + json.dumps(case, separators=(",", ":"), allow_nan=False) for case in value)
            lines.append(f'"{key}": [\n{body}\n ]')
        else:
            lines.append(f"{json.dumps(key)}: {json.dumps(value)}")
    with open(os.path.join(HERE, "recipe_references.json"), "w") as f:
        f.write("{\n " + ",\n ".join(lines) + "\n}\n")
    print("wrote recipe_references.json")


if __name__ == "__main__":
    main()
