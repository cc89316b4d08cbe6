"""Reference values for TrainDsl's numeric building blocks, from PyTorch and scikit-learn.

Run from the repository root with the PyTorch peer (PyTorch 2.6, scikit-learn):
    bash /work/shared/peer/pytorch-peer.sh python /host/tests/references/make_references.py
Writes schedules.json, losses.json, metrics.json and models.json next to this script. Inputs are
generated here from fixed seeds and stored with the expected outputs, so the C# tests read both.
"""
import json
import math
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from sklearn import metrics as skm

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, payload):
    payload = {"generator": f"make_references.py, torch {torch.__version__}", **payload}
    # One line per top-level entry and per case keeps the files small and diffs readable.
    lines = []
    for key, value in payload.items():
        if key == "cases":
            body = ",\n".join("  " + json.dumps(case, separators=(",", ":")) for case in value)
            lines.append(f'"{key}": [\n{body}\n ]')
        else:
            lines.append(f"{json.dumps(key)}: {json.dumps(value, separators=(',', ':'))}")
    with open(os.path.join(HERE, name), "w") as f:
        f.write("{\n " + ",\n ".join(lines) + "\n}\n")
    print("wrote", name)


def floats(t):
    """A float tensor as a flat list of doubles (fp32/bf16/fp16 values are exact in double)."""
    return [float(v) for v in t.detach().double().flatten().tolist()]


# ---------------------------------------------------------------- schedules
def lr_sequence(make, base_lr, steps):
    """get_last_lr() after k = 0..steps calls of scheduler.step()."""
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=base_lr)
    sched = make(opt)
    lrs = [sched.get_last_lr()[0]]
    for _ in range(steps):
        opt.step()
        sched.step()
        lrs.append(sched.get_last_lr()[0])
    return lrs


def schedules():
    L = torch.optim.lr_scheduler
    cases = []

    def add(kind, params, base_lr, steps, make):
        cases.append({"kind": kind, "params": params, "baseLr": base_lr, "lrs": lr_sequence(make, base_lr, steps)})

    for step_size, gamma, base, n in [(3, 0.1, 0.1, 20), (1, 0.5, 1.0, 12), (7, 0.9, 0.05, 60), (30, 0.1, 0.4, 100)]:
        add("step", {"stepSize": step_size, "gamma": gamma}, base, n,
            lambda o, s=step_size, g=gamma: L.StepLR(o, step_size=s, gamma=g))
    for milestones, gamma, base, n in [([2, 5, 5, 9], 0.1, 0.1, 15), ([0, 3], 0.5, 0.2, 8),
                                       ([30, 60, 90], 0.2, 0.1, 100), ([8, 3], 0.1, 1.0, 12)]:
        add("multistep", {"milestones": milestones, "gamma": gamma}, base, n,
            lambda o, m=milestones, g=gamma: L.MultiStepLR(o, milestones=m, gamma=g))
    # Runs longer than T_max show what PyTorch's recursive form does past the end of the cosine.
    for t_max, eta_min, base, n in [(10, 0.0, 0.1, 45), (7, 0.001, 0.05, 50), (1, 0.0, 0.1, 10),
                                    (3, 0.1, 1.0, 25), (200, 1e-5, 0.4, 1000), (2345, 0.0, 0.05, 2345)]:
        add("cosine", {"tMax": t_max, "etaMin": eta_min}, base, n,
            lambda o, t=t_max, e=eta_min: L.CosineAnnealingLR(o, T_max=t, eta_min=e))
    write("schedules.json", {"cases": cases})


# ---------------------------------------------------------------- losses
def focal_reference(logits, target, gamma, alpha):
    """Lin et al. 2017 eq. 5, multi-class softmax form, in float64: mean of -a_y (1 - p_y)^g log p_y."""
    logp = F.log_softmax(logits, dim=1).gather(1, target[:, None]).squeeze(1)
    p = logp.exp()
    loss = -((1 - p) ** gamma) * logp
    if alpha is not None:
        loss = loss * torch.tensor(alpha, dtype=torch.float64)[target]
    return loss.mean()


def soft_target_reference(logits, target):
    return (-(target * F.log_softmax(logits, dim=1)).sum(1)).mean()


def losses():
    g = torch.Generator().manual_seed(20240611)
    cases = []

    def make_logits(b, c, scale, dtype):
        x = torch.randn(b, c, generator=g) * scale
        return x.to(dtype).float()  # round to the storage dtype; every value is exact in fp32

    def add(kind, params, x, dtype, target, expected_fn):
        xd = x.double().requires_grad_(True)
        loss = expected_fn(xd, target)
        loss.backward()
        case = {"kind": kind, "params": params, "dtype": dtype, "shape": list(x.shape), "logits": floats(x),
                "expected": loss.item(), "expectedGrad": floats(xd.grad)}
        if isinstance(target, torch.Tensor) and target.dtype == torch.int64:
            case["target"] = target.tolist()
        else:
            case["softTarget"] = floats(target)
        cases.append(case)

    def extreme(b, c):
        # Large margins both ways: confident right, confident wrong, and a row of huge equal logits.
        x = torch.randn(b, c, generator=g) * 30
        x[0, :] = 0
        x[0, 1] = 80
        x[1, :] = 1000
        x[2, :] = -60
        x[2, 3] = 40
        return x.float()

    dt = {"float32": torch.float32, "bfloat16": torch.bfloat16, "float16": torch.float16}
    ce_inputs = [
        ("float32", 8, 5, 1.0), ("float32", 16, 100, 3.0), ("bfloat16", 12, 10, 2.0), ("float16", 12, 10, 2.0),
    ]
    for dtype, b, c, scale in ce_inputs:
        x = make_logits(b, c, scale, dt[dtype])
        t = torch.randint(0, c, (b,), generator=g)
        for eps in (0.0, 0.1, 0.3):
            add("cross_entropy", {"labelSmoothing": eps}, x, dtype, t,
                lambda xd, t, e=eps: F.cross_entropy(xd, t, label_smoothing=e))
    xe = extreme(10, 6)
    te = torch.randint(0, 6, (10,), generator=g)
    te[0] = 1  # confident and right
    te[2] = 0  # confident and wrong
    for eps in (0.0, 0.2):
        add("cross_entropy", {"labelSmoothing": eps}, xe, "float32", te,
            lambda xd, t, e=eps: F.cross_entropy(xd, t, label_smoothing=e))

    focal_inputs = [
        ("float32", 8, 5, 1.0, 0.0, None),
        ("float32", 8, 5, 1.0, 2.0, None),
        ("float32", 16, 10, 3.0, 0.5, [0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0, 0.1, 0.9]),
        ("float32", 16, 10, 3.0, 5.0, None),
        ("bfloat16", 12, 4, 2.0, 2.0, [0.1, 0.2, 0.3, 0.4]),
        ("float16", 12, 4, 2.0, 1.0, None),
    ]
    for dtype, b, c, scale, gamma, alpha in focal_inputs:
        x = make_logits(b, c, scale, dt[dtype])
        t = torch.randint(0, c, (b,), generator=g)
        add("focal", {"gamma": gamma, "alpha": alpha}, x, dtype, t,
            lambda xd, t, gm=gamma, a=alpha: focal_reference(xd, t, gm, a))
    for gamma, alpha in ((2.0, None), (3.0, [1.0, 2.0, 0.5, 0.25, 1.0, 3.0])):
        add("focal", {"gamma": gamma, "alpha": alpha}, xe, "float32", te,
            lambda xd, t, gm=gamma, a=alpha: focal_reference(xd, t, gm, a))

    for dtype, b, c, scale in [("float32", 8, 5, 1.0), ("float32", 16, 20, 4.0), ("bfloat16", 8, 5, 2.0)]:
        x = make_logits(b, c, scale, dt[dtype])
        soft = torch.softmax(torch.randn(b, c, generator=g) * 2, dim=1).float()
        add("soft_target", {}, x, dtype, soft, soft_target_reference)
    soft = torch.softmax(torch.randn(10, 6, generator=g), dim=1).float()
    add("soft_target", {}, xe, "float32", soft, soft_target_reference)

    write("losses.json", {"cases": cases})


# ---------------------------------------------------------------- metrics
def metrics():
    rng = np.random.default_rng(7)
    n, c = 300, 7
    # Classes 0-3: ordinary. 4: in the labels, never predicted. 5: predicted, never in the labels.
    # 6: neither in the labels nor predicted.
    labels = rng.choice(5, size=n, p=[0.3, 0.25, 0.2, 0.15, 0.1])
    logits = rng.normal(size=(n, c)).astype(np.float32)
    logits[np.arange(n), labels] += 1.2  # informative but imperfect
    logits[:, 4] = -10.0 - rng.random(n).astype(np.float32)  # never the arg-max; distinct values, no ties
    logits[:, 6] = -20.0 - rng.random(n).astype(np.float32)
    logits[:, 5] += 0.6  # predicted now and then
    preds = logits.argmax(1)
    assert 4 not in preds and 6 not in preds and 5 in preds and 5 not in labels and 6 not in labels

    all_labels = list(range(c))
    p, r, f, s = skm.precision_recall_fscore_support(labels, preds, labels=all_labels, zero_division=0)
    expected = {
        "confusionMatrix": skm.confusion_matrix(labels, preds, labels=all_labels).tolist(),
        "precision": p.tolist(), "recall": r.tolist(), "f1": f.tolist(), "support": s.tolist(),
        # scikit-learn's defaults: labels = those present in y_true or y_pred, zero_division 'warn' -> 0.
        "macroPrecision": skm.precision_score(labels, preds, average="macro", zero_division=0),
        "macroRecall": skm.recall_score(labels, preds, average="macro", zero_division=0),
        "macroF1": skm.f1_score(labels, preds, average="macro", zero_division=0),
        "weightedPrecision": skm.precision_score(labels, preds, average="weighted", zero_division=0),
        "weightedRecall": skm.recall_score(labels, preds, average="weighted", zero_division=0),
        "weightedF1": skm.f1_score(labels, preds, average="weighted", zero_division=0),
        "accuracy": skm.accuracy_score(labels, preds),
    }
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "y_pred contains classes not in y_true"
        expected["balancedAccuracy"] = skm.balanced_accuracy_score(labels, preds)
    expected["topK"] = {str(k): skm.top_k_accuracy_score(labels, logits, k=k, labels=all_labels) for k in (1, 2, 3, 5)}

    write("metrics.json", {
        "classes": c, "shape": [n, c], "logits": [float(v) for v in logits.flatten()],
        "labels": labels.tolist(), "predictions": preds.tolist(), "expected": expected,
    })


# ---------------------------------------------------------------- models
class SmallCnn(nn.Module):
    def __init__(self, in_channels, classes):
        super().__init__()
        def block(i, o):
            return [nn.Conv2d(i, o, 3, padding=1, bias=False), nn.BatchNorm2d(o), nn.ReLU(inplace=True)]
        self.features = nn.Sequential(*block(in_channels, 32), *block(32, 32), nn.MaxPool2d(2),
                                      *block(32, 64), *block(64, 64), nn.MaxPool2d(2), nn.AdaptiveAvgPool2d(7))
        self.classifier = nn.Sequential(nn.Linear(64 * 7 * 7, 128, bias=False), nn.BatchNorm1d(128),
                                        nn.ReLU(inplace=True), nn.Linear(128, classes))

    def forward(self, x):
        return self.classifier(self.features(x).flatten(1))


class BasicBlock(nn.Module):
    """He et al. 2016 basic block; 1x1 conv + BN projection shortcut (option B) when the shape changes."""
    def __init__(self, in_planes, planes, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(in_planes, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = None
        if stride != 1 or in_planes != planes:
            self.downsample = nn.Sequential(nn.Conv2d(in_planes, planes, 1, stride, bias=False), nn.BatchNorm2d(planes))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return F.relu(out + (x if self.downsample is None else self.downsample(x)))


class ResNet(nn.Module):
    """3x3 stride-1 stem, no max-pool (CIFAR style), stages of basic blocks, global average pool, fc."""
    def __init__(self, in_channels, classes, blocks, widths):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, widths[0], 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(widths[0])
        in_planes = widths[0]
        for i, (n, w) in enumerate(zip(blocks, widths)):
            layers = []
            for b in range(n):
                layers.append(BasicBlock(in_planes, w, 2 if b == 0 and i > 0 else 1))
                in_planes = w
            setattr(self, f"layer{i + 1}", nn.Sequential(*layers))
        self.n_stages = len(blocks)
        self.fc = nn.Linear(in_planes, classes)

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        for i in range(self.n_stages):
            x = getattr(self, f"layer{i + 1}")(x)
        return self.fc(F.adaptive_avg_pool2d(x, 1).flatten(1))


def models():
    builders = {
        "SmallCnn": lambda i, c: SmallCnn(i, c),
        "ResNet18": lambda i, c: ResNet(i, c, [2, 2, 2, 2], [64, 128, 256, 512]),
        "ResNet20": lambda i, c: ResNet(i, c, [3, 3, 3], [16, 32, 64]),
        "ResNet32": lambda i, c: ResNet(i, c, [5, 5, 5], [16, 32, 64]),
        "ResNet56": lambda i, c: ResNet(i, c, [9, 9, 9], [16, 32, 64]),
    }
    cases = []
    for name, build in builders.items():
        for in_channels, classes, size in ((1, 10, 28), (3, 10, 32), (3, 100, 32)):
            m = build(in_channels, classes)
            out = m.eval()(torch.zeros(2, in_channels, size, size))
            cases.append({
                "model": name, "inChannels": in_channels, "classes": classes, "inputSize": size,
                "outputShape": list(out.shape),
                "parameterCount": sum(p.numel() for p in m.parameters()),
                "parameters": [{"name": k, "shape": list(p.shape)} for k, p in m.named_parameters()],
                "buffers": [{"name": k, "shape": list(b.shape)} for k, b in m.named_buffers()],
                "residualBranchNorms": sum(1 for mod in m.modules() if isinstance(mod, BasicBlock)),
            })
    write("models.json", {"cases": cases})


if __name__ == "__main__":
    torch.manual_seed(0)
    schedules()
    losses()
    metrics()
    models()
