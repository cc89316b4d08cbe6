"""Reference values for FocalLoss with soft targets (Lin et al. 2017, eq. 5, generalised to class
probabilities), from plain PyTorch in float64.

Run from the repository root with the PyTorch peer (PyTorch 2.6):
    bash /work/shared/peer/pytorch-peer.sh python tests/references/focal_soft.py
Writes focal_soft.json next to this script.

FL = mean_i [ -sum_c a_c t_ic (1 - p_ic)^g log p_ic ],  p_i = softmax(x_i),
with a_c = 1 when no alpha is given. Logits and targets are drawn from a fixed seed, rounded to
float32 (the values the C# test feeds TrainDsl, stored in the file), and the loss and its gradient
w.r.t. the logits are computed from those values in float64. Target kinds:
- dirichlet: rows ~ Dirichlet(0.5, ..., 0.5);
- mixup:     lam * onehot(y) + (1 - lam) * onehot(y[perm]), lam ~ Beta(0.4, 0.4) per row;
- smoothed:  label smoothing, (1 - eps) * onehot(y) + eps / C with eps = 0.1;
- onehot:    onehot(y). These cases also store the indices y and expectedHard, the hard-label focal
             loss -a_y (1 - p_y)^g log p_y computed with index targets (gather), checked here to
             equal the soft-target value and gradient.
"""

import torch
import torch.nn.functional as F

from reference_json import floats, write


def focal_soft(logits, target, gamma, alpha):
    """mean_i -sum_c a_c t_ic (1 - p_ic)^g log p_ic, in the dtype of its inputs (float64 here)."""
    logp = F.log_softmax(logits, dim=1)
    w = target * (1 - logp.exp()) ** gamma
    if alpha is not None:
        w = w * torch.tensor(alpha, dtype=logits.dtype)[None, :]
    return (-(w * logp).sum(1)).mean()


def focal_hard(logits, index, gamma, alpha):
    """The index-target form, as make_references.py's focal_reference: mean_i -a_y (1 - p_y)^g log p_y."""
    logp = F.log_softmax(logits, dim=1).gather(1, index[:, None]).squeeze(1)
    loss = -((1 - logp.exp()) ** gamma) * logp
    if alpha is not None:
        loss = loss * torch.tensor(alpha, dtype=logits.dtype)[index]
    return loss.mean()


def main():
    g = torch.Generator().manual_seed(20250611)
    b, c = 8, 5
    alphas = [None, [0.25, 1.0, 0.5, 2.0, 0.75]]
    gammas = [0.0, 1.0, 2.0, 5.0]

    def beta(a, n):
        conc = torch.tensor([a, a], dtype=torch.float64)
        return torch.stack([torch._sample_dirichlet(conc, generator=g)[0] for _ in range(n)])

    def targets(kind, bb, cc):
        y = torch.randint(0, cc, (bb,), generator=g)
        one = F.one_hot(y, cc).double()
        if kind == "dirichlet":
            conc = torch.full((bb, cc), 0.5, dtype=torch.float64)
            return torch._sample_dirichlet(conc, generator=g), None
        if kind == "mixup":
            lam = beta(0.4, bb)[:, None]
            perm = torch.randperm(bb, generator=g)
            return lam * one + (1 - lam) * one[perm], None
        if kind == "smoothed":
            return one * 0.9 + 0.1 / cc, None
        return one, y

    cases = []

    def add(kind, x, dtype, t, y):
        t32 = t.float()  # the target the C# test builds (fp32 values, exact in float64)
        for gamma in gammas:
            for alpha in alphas:
                xd = x.double().requires_grad_(True)
                loss = focal_soft(xd, t32.double(), gamma, alpha)
                loss.backward()
                case = {"kind": kind, "gamma": gamma, "alpha": alpha, "dtype": dtype, "shape": list(x.shape),
                        "logits": floats(x), "softTarget": floats(t32),
                        "expected": loss.item(), "expectedGrad": floats(xd.grad)}
                if y is not None:
                    xh = x.double().requires_grad_(True)
                    hard = focal_hard(xh, y, gamma, alpha)
                    hard.backward()
                    assert abs(hard.item() - loss.item()) <= 1e-12 * abs(loss.item()), (kind, gamma, alpha)
                    assert torch.allclose(xh.grad, xd.grad, rtol=1e-12, atol=1e-15), (kind, gamma, alpha)
                    case["target"] = y.tolist()
                    case["expectedHard"] = hard.item()
                    case["expectedHardGrad"] = floats(xh.grad)
                cases.append(case)

    for kind in ("dirichlet", "mixup", "smoothed", "onehot"):
        x = (torch.randn(b, c, generator=g) * 2).float()
        t, y = targets(kind, b, c)
        add(kind, x, "float32", t, y)

    # Confident rows (p of the target class close to 1 - 1e-5): 1 - p must not cancel to 0. Only half the
    # rows: in fp32, log_softmax has an absolute error of about an ulp of the logits (~1e-9 here), so a batch
    # of nothing but confident rows (loss ~1e-5) cannot meet a 1e-5 relative tolerance on any path.
    x = (torch.randn(b, c, generator=g) * 2).float()
    t, y = targets("onehot", b, c)
    x[torch.arange(b // 2), y[: b // 2]] += 12
    add("onehot-confident", x, "float32", t, y)
    t = t * 0.9 + 0.1 / c
    add("smoothed-confident", x, "float32", t, None)

    # bf16 logits (TrainDsl computes the loss in fp32; forward only in the C# test).
    x = (torch.randn(b, c, generator=g) * 2).to(torch.bfloat16).float()
    t, y = targets("mixup", b, c)
    add("mixup", x, "bfloat16", t, y)

    write("focal_soft.json", {"cases": cases}, f"focal_soft.py, torch {torch.__version__}")


if __name__ == "__main__":
    main()
