"""Reference steps for TrainDsl's Adam, RMSprop, LARS and LAMB (tests/TrainDsl.Tests/Recipe/OptimizerTests.cs).

Run from the repository root with the PyTorch peer:
    bash /work/shared/peer/pytorch-peer.sh python tests/references/optimizers.py
Writes optimizers.json: a small float64 model with a bias and a norm layer (the BatchNorm's bias starts at 0, as
it does in practice, so LARS/LAMB meet a zero-norm tensor), five steps from given gradients with the rate changed
before every step (as a per-step schedule does), with timm's no-weight-decay groups or with one group.
Adam and RMSprop are torch.optim's; torch has no LARS or LAMB, so they are written below from the papers.
"""
import torch
import torch.nn as nn

from reference_json import floats, write

STEPS = 5
# The rate before each step, as a per-step schedule would set it (a warmup then a decay).
RATE_FACTORS = [1.0, 0.5, 1.5, 1.0, 0.25]


class Lars(torch.optim.Optimizer):
    """You, Gitman & Ginsburg 2017, Algorithm 1: λ = η‖w‖ / (‖∇w‖ + β‖w‖), v ← m v + γ λ (∇w + β w), w ← w − v.
    λ = 1 when ‖w‖ or the denominator is 0; a group with adapt=False (biases, norms) takes λ = 1."""

    def __init__(self, params, lr, momentum=0.9, weight_decay=0.0, trust_coefficient=1e-3, adapt=True):
        super().__init__(params, dict(lr=lr, momentum=momentum, weight_decay=weight_decay,
                                      trust_coefficient=trust_coefficient, adapt=adapt))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            lr, m, beta, eta = group["lr"], group["momentum"], group["weight_decay"], group["trust_coefficient"]
            for w in group["params"]:
                g = w.grad
                d = g + beta * w
                local = 1.0
                if group["adapt"]:
                    w_norm, g_norm = w.norm().item(), g.norm().item()
                    denominator = g_norm + beta * w_norm
                    local = eta * w_norm / denominator if w_norm > 0 and denominator > 0 else 1.0
                state = self.state[w]
                v = state.setdefault("v", torch.zeros_like(w))
                v.mul_(m).add_(lr * local * d)
                w.sub_(v)


class Lamb(torch.optim.Optimizer):
    """You et al. 2019, Algorithm 2 (φ = identity): Adam's bias-corrected moments, r = m̂ / (√v̂ + ε) + λ w,
    w ← w − γ ‖w‖/‖r‖ r, the ratio 1 when either norm is 0; a group with adapt=False steps by γ r."""

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-6, weight_decay=0.0, adapt=True):
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay, adapt=adapt))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            lr, (b1, b2), eps, lam = group["lr"], group["betas"], group["eps"], group["weight_decay"]
            for w in group["params"]:
                g = w.grad
                state = self.state[w]
                if not state:
                    state["t"], state["m"], state["v"] = 0, torch.zeros_like(w), torch.zeros_like(w)
                state["t"] += 1
                t, m, v = state["t"], state["m"], state["v"]
                m.mul_(b1).add_(g, alpha=1 - b1)
                v.mul_(b2).addcmul_(g, g, value=1 - b2)
                r = (m / (1 - b1 ** t)) / ((v / (1 - b2 ** t)).sqrt() + eps) + lam * w
                ratio = 1.0
                if group["adapt"]:
                    w_norm, r_norm = w.norm().item(), r.norm().item()
                    ratio = w_norm / r_norm if w_norm > 0 and r_norm > 0 else 1.0
                w.sub_(lr * ratio * r)


def tiny():
    """Names 0.weight, 0.bias, 1.weight, 1.bias, 3.weight, 3.bias; the C# test builds the same Sequential."""
    return nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 2))


def no_decay_groups(model, weight_decay, **exempt):
    """timm's param_groups_weight_decay (ndim <= 1 or .bias: no decay), no-decay group first; exempt adds options."""
    decay, no_decay = [], []
    for name, p in model.named_parameters():
        (no_decay if p.ndim <= 1 or name.endswith(".bias") else decay).append(p)
    return [{"params": no_decay, "weight_decay": 0.0, **exempt}, {"params": decay, "weight_decay": weight_decay}]


def main():
    g = torch.Generator().manual_seed(20261206)
    model = tiny()
    names = [n for n, _ in model.named_parameters()]
    init = {n: torch.randn(p.shape, generator=g, dtype=torch.float64) for n, p in model.named_parameters()}
    init["1.bias"].zero_()
    grads = [{n: torch.randn(p.shape, generator=g, dtype=torch.float64) for n, p in model.named_parameters()}
             for _ in range(STEPS)]

    cases = []

    def run(label, kind, lr, weight_decay, grouped, settings, make, exempt=None):
        m = tiny().double()
        with torch.no_grad():
            for n, p in m.named_parameters():
                p.copy_(init[n])
        params = no_decay_groups(m, weight_decay, **(exempt or {})) if grouped else m.parameters()
        opt = make(params)
        after = []
        for k, step in enumerate(grads):
            for group in opt.param_groups:
                group["lr"] = lr * RATE_FACTORS[k]
            opt.zero_grad()
            for n, p in m.named_parameters():
                p.grad = step[n].clone()
            opt.step()
            after.append({n: floats(p) for n, p in m.named_parameters()})
        cases.append({"label": label, "optimizer": kind, "grouped": grouped, "lr": lr, "rateFactors": RATE_FACTORS,
                      "weightDecay": weight_decay, "settings": settings, "names": names,
                      "shapes": {n: list(init[n].shape) for n in names},
                      "init": {n: floats(init[n]) for n in names},
                      "grads": [{n: floats(s[n]) for n in names} for s in grads],
                      "after": after})

    for amsgrad in (False, True):
        s = {"beta1": 0.8, "beta2": 0.99, "eps": 1e-8, "amsgrad": amsgrad}
        run("adam" + ("-amsgrad" if amsgrad else ""), "adam", 1e-2, 0.01, True, s,
            lambda p, s=s: torch.optim.Adam(p, lr=1e-2, betas=(s["beta1"], s["beta2"]), eps=s["eps"],
                                            weight_decay=0.01, amsgrad=s["amsgrad"], foreach=False))
    for centered, momentum in ((False, 0.9), (True, 0.5)):
        s = {"alpha": 0.9, "eps": 1e-8, "momentum": momentum, "centered": centered}
        run("rmsprop" + ("-centered" if centered else ""), "rmsprop", 1e-2, 1e-3, True, s,
            lambda p, s=s: torch.optim.RMSprop(p, lr=1e-2, alpha=s["alpha"], eps=s["eps"], weight_decay=1e-3,
                                               momentum=s["momentum"], centered=s["centered"], foreach=False))
    lars = {"momentum": 0.9, "trustCoefficient": 0.02}
    for grouped in (True, False):
        run("lars" + ("" if grouped else "-one-group"), "lars", 1.0, 5e-4, grouped, lars,
            lambda p: Lars(p, lr=1.0, momentum=0.9, weight_decay=5e-4, trust_coefficient=0.02), {"adapt": False})
    lamb = {"beta1": 0.9, "beta2": 0.999, "eps": 1e-6}
    for grouped in (True, False):
        run("lamb" + ("" if grouped else "-one-group"), "lamb", 1e-2, 0.01, grouped, lamb,
            lambda p: Lamb(p, lr=1e-2, betas=(0.9, 0.999), eps=1e-6, weight_decay=0.01), {"adapt": False})

    write("optimizers.json", {"cases": cases}, f"optimizers.py, torch {torch.__version__}")


if __name__ == "__main__":
    main()
