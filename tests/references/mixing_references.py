"""Reference values for TrainDsl's mixing, FMix masks and long-tail class sizes.

Run from the repository root with the PyTorch peer (PyTorch 2.6, numpy):
    bash /work/shared/peer/pytorch-peer.sh python /host/tests/references/mixing_references.py
Writes mixing_references.json next to this script.

- beta: λ ~ Beta(α, α) as PyTorch samples it (first component of Dirichlet(α, α)) from a seeded
  generator; TrainDsl draws λ the same way, so the values must agree exactly.
- fmix: the FMix low-frequency image (Harris et al. 2020, §3) computed with numpy from the same
  standard-normal draws TrainDsl makes (torch.randn(H, W//2+1, 2, float64) from a seeded generator):
  z = (re + i·im) / max(f, 1/max(H, W))**δ on the half-spectrum grid, image = irfftn(z, (H, W));
  then the binary masks keeping the top ceil(λN) or floor(λN) pixels (numpy argsort, descending).
- mixup_stream: the draws of MixingPolicy([MixUp(α)], seed) per call, in its documented order:
  u = rand(1, float64) (mix or not), λ from Dirichlet(α, α), partner = randperm(B).
- long_tail: CIFAR-LT class sizes (Cui et al. 2019), n_c = int(n_max * (1/ratio)**(c/(C-1))), as the
  CIFAR-LT data code computes them.
"""
import json
import math
import os

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, payload):
    payload = {"generator": f"mixing_references.py, torch {torch.__version__}, numpy {np.__version__}", **payload}
    lines = []
    for key, value in payload.items():
        if isinstance(value, list):
            body = ",\n".join("  " + json.dumps(case, separators=(",", ":")) for case in value)
            lines.append(f'"{key}": [\n{body}\n ]')
        else:
            lines.append(f"{json.dumps(key)}: {json.dumps(value, separators=(',', ':'))}")
    with open(os.path.join(HERE, name), "w") as f:
        f.write("{\n " + ",\n ".join(lines) + "\n}\n")
    print("wrote", name)


def beta_cases():
    cases = []
    for seed, alpha in [(0, 0.2), (1, 0.8), (2, 1.0), (3, 2.0)]:
        g = torch.Generator().manual_seed(seed)
        concentration = torch.tensor([alpha, alpha], dtype=torch.float64)
        draws = [torch._sample_dirichlet(concentration, generator=g)[0].item() for _ in range(6)]
        cases.append({"seed": seed, "alpha": alpha, "draws": draws})
    return cases


def low_freq_image(param, h, w, decay):
    fy = np.fft.fftfreq(h)[:, None]
    fx = np.fft.rfftfreq(w)[None, :]
    f = np.sqrt(fy * fy + fx * fx)
    scale = 1.0 / np.maximum(f, 1.0 / max(h, w)) ** decay
    z = (param[..., 0] + 1j * param[..., 1]) * scale
    return np.fft.irfftn(z, s=(h, w), axes=(0, 1))


def fmix_cases():
    cases = []
    for seed, h, w, decay in [(0, 28, 28, 3.0), (1, 32, 32, 3.0), (2, 28, 27, 2.0), (3, 9, 13, 3.0)]:
        g = torch.Generator().manual_seed(seed)
        param = torch.randn(h, w // 2 + 1, 2, dtype=torch.float64, generator=g).numpy()
        image = low_freq_image(param, h, w, decay)
        order = image.reshape(-1).argsort()[::-1]
        masks = []
        for lam in (0.3, 0.5, 0.77):
            for round_up in (True, False):
                kept = math.ceil(lam * h * w) if round_up else math.floor(lam * h * w)
                mask = np.zeros(h * w)
                mask[order[:kept]] = 1
                masks.append({"lambda": lam, "roundUp": round_up, "kept": kept, "mask": [int(v) for v in mask]})
        cases.append({"seed": seed, "height": h, "width": w, "decay": decay,
                      "image": [float(v) for v in image.reshape(-1)], "masks": masks})
    return cases


def mixup_stream_cases():
    cases = []
    for seed, alpha, batch in [(7, 0.8, 7), (123, 0.2, 16)]:
        g = torch.Generator().manual_seed(seed)
        calls = []
        for _ in range(4):
            u = torch.rand(1, dtype=torch.float64, generator=g).item()
            lam = torch._sample_dirichlet(torch.tensor([alpha, alpha], dtype=torch.float64), generator=g)[0].item()
            perm = torch.randperm(batch, generator=g).tolist()
            calls.append({"u": u, "lambda": lam, "partner": perm})
        cases.append({"seed": seed, "alpha": alpha, "batch": batch, "calls": calls})
    return cases


def long_tail_cases():
    cases = []
    for n_max, classes, ratio in [(6000, 10, 100.0), (5000, 10, 100.0), (5000, 10, 50.0), (5000, 10, 10.0),
                                  (500, 100, 100.0), (500, 100, 50.0), (500, 100, 10.0), (6000, 10, 1.0),
                                  (1000, 7, 3.5)]:
        sizes = [int(n_max * (1.0 / ratio) ** (c / (classes - 1.0))) for c in range(classes)]
        cases.append({"nMax": n_max, "classes": classes, "ratio": ratio, "sizes": sizes, "total": sum(sizes)})
    return cases


write("mixing_references.json", {"beta": beta_cases(), "fmix": fmix_cases(), "mixup_stream": mixup_stream_cases(), "long_tail": long_tail_cases()})
