"""Reference values for DistillationLoss with a focal label term, from plain PyTorch in float64.

Run from the repository root with the PyTorch peer (PyTorch 2.6):
    bash /work/shared/peer/pytorch-peer.sh python tests/references/distill_focal.py
Writes distill_focal.json next to this script.

loss = a * T^2 * F.kl_div(log_softmax(s/T), softmax(t/T), 'batchmean') + (1 - a) * FL(s, y),
FL   = mean_i [ -sum_c w_c y_ic (1 - p_ic)^g log p_ic ],  p_i = softmax(s_i), w_c = 1 without alpha,
with y one-hot rows built from class indices (hard cases store the indices) or MixUp rows from
smoothed one-hots (soft cases). Student and teacher logits are drawn from a fixed seed and rounded to
float32, the values the C# test feeds TrainDsl; the loss and its gradient w.r.t. the student logits
are computed from them in float64.
"""

import torch
import torch.nn.functional as F

from reference_json import floats, write


def focal(s, y, gamma, weights):
    logp = F.log_softmax(s, dim=1)
    w = y * (1 - logp.exp()) ** gamma
    if weights is not None:
        w = w * torch.tensor(weights, dtype=s.dtype)[None, :]
    return (-(w * logp).sum(1)).mean()


def distill(s, t, y, temperature, alpha, gamma, weights):
    kl = F.kl_div(F.log_softmax(s / temperature, dim=1), F.softmax(t / temperature, dim=1), reduction="batchmean")
    return alpha * temperature * temperature * kl + (1 - alpha) * focal(s, y, gamma, weights)


def main():
    g = torch.Generator().manual_seed(20261206)
    b, c = 8, 6
    s = (torch.randn(b, c, generator=g) * 2).float()
    t = (torch.randn(b, c, generator=g) * 3).float()
    index = torch.randint(0, c, (b,), generator=g)
    onehot = F.one_hot(index, c).double()
    smooth = onehot * 0.9 + 0.1 / c
    lam = 0.7
    soft = (lam * smooth + (1 - lam) * smooth.flip(0)).float().double()  # fp32 rows, exact in float64
    weights = [0.25, 1.0, 0.5, 2.0, 0.75, 1.5]

    cases = []
    for kind, y in (("hard", onehot), ("soft", soft)):
        for gamma in (1.0, 2.0, 5.0):
            for alpha_c in (None, weights):
                for temperature, alpha in ((4.0, 0.9), (1.0, 0.5), (2.0, 0.0)):
                    sd = s.double().requires_grad_(True)
                    loss = distill(sd, t.double(), y, temperature, alpha, gamma, alpha_c)
                    loss.backward()
                    case = {"kind": kind, "gamma": gamma, "focalAlpha": alpha_c, "temperature": temperature,
                            "alpha": alpha, "shape": [b, c], "student": floats(s), "teacher": floats(t),
                            "expected": loss.item(), "expectedGrad": floats(sd.grad)}
                    if kind == "hard":
                        case["target"] = index.tolist()
                    else:
                        case["softTarget"] = floats(y)
                    cases.append(case)

    write("distill_focal.json", {"cases": cases}, f"distill_focal.py, torch {torch.__version__}")


if __name__ == "__main__":
    main()
