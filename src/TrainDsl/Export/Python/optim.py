"""The recipe's optimizer with TrainDsl's parameter groups (src/TrainDsl/Optim): torch.optim's SGD, AdamW, Adam and
RMSprop, and LARS and LAMB (torch has neither) written from their papers as TrainDsl's Lars.cs and Lamb.cs."""

import torch


def no_bias_decay_groups(model, weight_decay, exempt=True, **no_decay_options):
    """NoBiasDecay.cs, as timm's param_groups_weight_decay: ndim <= 1 or a name ending in ".bias" gets weight decay 0
    (no-decay group first; empty groups left out; frozen parameters left out). exempt=False: one decayed group."""
    decay, no_decay = [], []
    for name, p in model.named_parameters():
        if not p.requires_grad:
            continue
        (no_decay if exempt and (p.ndim <= 1 or name.endswith(".bias")) else decay).append(p)
    groups = []
    if no_decay:
        groups.append({"params": no_decay, "weight_decay": 0.0, **no_decay_options})
    if decay:
        groups.append({"params": decay, "weight_decay": weight_decay})
    return groups


class Lars(torch.optim.Optimizer):
    """You, Gitman & Ginsburg 2017, Algorithm 1: local lr = eta ||w|| / (||g|| + beta ||w||) (1 when either norm is 0),
    v <- m v + lr local (g + beta w), w <- w - v. A group with adapt=False (biases, norms) takes local lr 1."""

    def __init__(self, params, lr, momentum=0.9, weight_decay=0.0, trust_coefficient=1e-3, adapt=True):
        super().__init__(params, dict(lr=lr, momentum=momentum, weight_decay=weight_decay,
                                      trust_coefficient=trust_coefficient, adapt=adapt))

    @torch.no_grad()
    def step(self, closure=None):
        for group in self.param_groups:
            lr, m, beta, eta = group["lr"], group["momentum"], group["weight_decay"], group["trust_coefficient"]
            for w in group["params"]:
                if w.grad is None:
                    continue
                g = w.grad
                d = g + beta * w
                local = 1.0
                if group["adapt"]:
                    w_norm, g_norm = w.norm().item(), g.norm().item()
                    denominator = g_norm + beta * w_norm
                    local = eta * w_norm / denominator if w_norm > 0 and denominator > 0 else 1.0
                v = self.state[w].setdefault("v", torch.zeros_like(w))
                v.mul_(m).add_(d, alpha=lr * local)
                w.sub_(v)


class Lamb(torch.optim.Optimizer):
    """You et al. 2019, Algorithm 2: Adam's bias-corrected moments, r = m^ / (sqrt(v^) + eps) + lambda w,
    w <- w - lr ||w|| / ||r|| r (ratio 1 when either norm is 0, or for a group with adapt=False)."""

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-6, weight_decay=0.0, adapt=True):
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay, adapt=adapt))

    @torch.no_grad()
    def step(self, closure=None):
        for group in self.param_groups:
            lr, (b1, b2), eps, lam = group["lr"], group["betas"], group["eps"], group["weight_decay"]
            for w in group["params"]:
                if w.grad is None:
                    continue
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
                w.sub_(r, alpha=lr * ratio)


def create(parts, config, model, lr):
    """The declared optimizer over the model's parameters, grouped as NoBiasDecay when the trick is declared."""
    kind = parts.get("optimizer", "Sgd")
    wd = float(config.get("WeightDecay", 0) or 0)
    declared = "NoBiasDecay" in parts.get("tricks", [])
    exempt = declared and bool(config.get("NoBiasDecay", True))
    adaptive = kind in ("Lars", "Lamb")
    if declared or adaptive:
        groups = no_bias_decay_groups(model, wd, exempt, **({"adapt": False} if adaptive else {}))
    else:
        groups = [{"params": [p for p in model.parameters() if p.requires_grad], "weight_decay": wd}]
    betas = (float(config.get("Beta1", 0.9)), float(config.get("Beta2", 0.999)))
    eps = float(config.get("Epsilon", 1e-8))
    if kind == "Sgd":
        return torch.optim.SGD(groups, lr=lr, momentum=float(config.get("Momentum", 0) or 0),
                               nesterov=bool(config.get("Nesterov", False)))
    if kind == "AdamW":
        return torch.optim.AdamW(groups, lr=lr, betas=betas, eps=eps)
    if kind == "Adam":
        return torch.optim.Adam(groups, lr=lr, betas=betas, eps=eps, amsgrad=bool(config.get("Amsgrad", False)))
    if kind == "RmsProp":
        return torch.optim.RMSprop(groups, lr=lr, alpha=float(config.get("Alpha", 0.99)), eps=eps,
                                   momentum=float(config.get("Momentum", 0) or 0), centered=bool(config.get("Centered", False)))
    if kind == "Lars":
        return Lars(groups, lr=lr, momentum=float(config.get("Momentum", 0.9)),
                    trust_coefficient=float(config.get("TrustCoefficient", 1e-3)))
    if kind == "Lamb":
        return Lamb(groups, lr=lr, betas=betas, eps=float(config.get("Epsilon", 1e-6)))
    raise SystemExit(f"Unknown optimizer '{kind}'; the exporter writes Sgd, AdamW, Adam, RmsProp, Lars or Lamb.")
