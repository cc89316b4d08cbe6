"""Reference values for TrainDsl's WideResNet (tests/TrainDsl.Tests/Numerics/WideResNetTests.cs).

Run from the repository root with the PyTorch peer (PyTorch 2.6):
    flock /tmp/peer.lock bash /work/shared/peer/pytorch-peer.sh python tests/references/wide_resnet.py
Writes wide_resnet.json next to this script.

WideResNet below is WRN-d-k of Zagoruyko & Komodakis 2016, written from the paper and the authors' functional
PyTorch code: a 3x3 conv to 16 channels, three stages of n = (d - 4) / 6 pre-activation basic blocks
(BN-ReLU-conv3x3-BN-ReLU-[dropout]-conv3x3) of widths 16k, 32k, 64k with strides 1, 2, 2, a 1x1 strided conv of the
pre-activated input as the shortcut wherever the shape changes, then BN-ReLU, global average pooling and a linear
layer. Its module names are TrainDsl's, so the state dicts have the same keys. bench/peak/peer_step.py imports it.

- models: for each built-in WRN, the parameter and buffer names and shapes, the parameter count, and the forward FLOPs
  per image at 28x28 and 32x32 counted from the architecture (analytic_flops), for TrainDsl's ModelFlops.
- forward: eval-mode logits for a fixed input after loading deterministic weights, which the C# test computes by
  the same formula (deterministic_state below: an integer LCG, so both sides get the same bits): no weight file is needed.
"""

import math
import os
import sys

import torch
from torch import nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


class WideBasicBlock(nn.Module):
    def __init__(self, in_planes, planes, stride, dropout=0.0):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(in_planes)
        self.conv1 = nn.Conv2d(in_planes, planes, 3, stride=stride, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.dropout = nn.Dropout(dropout) if dropout > 0 else None
        self.conv2 = nn.Conv2d(planes, planes, 3, stride=1, padding=1, bias=False)
        self.downsample = (nn.Conv2d(in_planes, planes, 1, stride=stride, bias=False)
                           if stride != 1 or in_planes != planes else None)

    def forward(self, x):
        o1 = F.relu(self.bn1(x))
        y = F.relu(self.bn2(self.conv1(o1)))
        if self.dropout is not None:
            y = self.dropout(y)
        y = self.conv2(y)
        return y + (x if self.downsample is None else self.downsample(o1))


class WideResNet(nn.Module):
    def __init__(self, depth, k, in_channels, classes, dropout=0.0, stem_stride=1):
        super().__init__()
        assert (depth - 4) % 6 == 0
        n = (depth - 4) // 6
        self.conv1 = nn.Conv2d(in_channels, 16, 3, stride=stem_stride, padding=1, bias=False)
        planes = [16 * k, 32 * k, 64 * k]
        self.in_planes = 16

        def stage(width, stride):
            blocks = []
            for b in range(n):
                blocks.append(WideBasicBlock(self.in_planes, width, stride if b == 0 else 1, dropout))
                self.in_planes = width
            return nn.Sequential(*blocks)

        self.layer1 = stage(planes[0], 1)
        self.layer2 = stage(planes[1], 2)
        self.layer3 = stage(planes[2], 2)
        self.bn = nn.BatchNorm2d(self.in_planes)
        self.fc = nn.Linear(self.in_planes, classes)
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")

    def forward(self, x):
        x = self.layer3(self.layer2(self.layer1(self.conv1(x))))
        x = F.relu(self.bn(x))
        return self.fc(F.adaptive_avg_pool2d(x, 1).flatten(1))


BUILT_IN = {"Wrn16x2": (16, 2), "Wrn16x4": (16, 4), "Wrn16x8": (16, 8), "Wrn28x10": (28, 10), "Wrn40x4": (40, 4)}


def uniform(count, seed):
    """count numbers in [-1, 1) from a 32-bit LCG (Numerical Recipes' constants), exact in both languages:
    x0 = seed * 2654435761 mod 2^32, x_{j+1} = (1664525 x_j + 1013904223) mod 2^32, each number 2 x_{j+1} / 2^32 - 1."""
    x = (seed * 2654435761) % 2**32
    out = []
    for _ in range(count):
        x = (1664525 * x + 1013904223) % 2**32
        out.append(2.0 * x / 2**32 - 1.0)
    return out


def deterministic_state(model):
    """Every float entry of the state dict, the t-th in ordinal name order, from s = uniform(numel, t + 1):
    conv/linear weights sqrt(3 / fan_in) * s, BN gamma 1 + 0.2 s, biases and running means 0.1 s, running variances 1 + 0.5 s^2."""
    state = model.state_dict()
    names = sorted(k for k, v in state.items() if v.is_floating_point())
    out = {}
    for t, name in enumerate(names):
        shape = state[name].shape
        s = torch.tensor(uniform(state[name].numel(), t + 1), dtype=torch.float64).reshape(shape)
        if name.endswith("running_var"):
            v = 1 + 0.5 * s * s
        elif name.endswith("running_mean") or name.endswith("bias"):
            v = 0.1 * s
        elif len(shape) == 1:
            v = 1 + 0.2 * s
        else:
            v = math.sqrt(3.0 / (state[name].numel() / shape[0])) * s
        out[name] = v.float()
    return out


def fixed_input(batch, channels, size):
    """uniform(n, 12345), shaped [batch, channels, size, size]."""
    n = batch * channels * size * size
    return torch.tensor(uniform(n, 12345), dtype=torch.float64).float().reshape(batch, channels, size, size)


def analytic_flops(depth, k, in_channels, size, classes, stem_stride=1):
    """Forward FLOPs per image from the architecture alone (2 per multiply-add of the convs and the linear layer)."""
    n = (depth - 4) // 6
    size = (size + stem_stride - 1) // stem_stride
    macs = 9 * in_channels * 16 * size * size
    planes = 16
    for width, stride in ((16 * k, 1), (32 * k, 2), (64 * k, 2)):
        for b in range(n):
            s = stride if b == 0 else 1
            size = (size + s - 1) // s  # 3x3 padding 1 and 1x1 padding 0 both give ceil(size / stride)
            macs += 9 * planes * width * size * size + 9 * width * width * size * size
            if s != 1 or planes != width:
                macs += planes * width * size * size
            planes = width
    return 2 * (macs + planes * classes)


def main():
    from reference_json import floats, write

    torch.manual_seed(0)
    models = []
    for name, (d, k) in BUILT_IN.items():
        for in_channels in (1, 3):
            m = WideResNet(d, k, in_channels, 10)
            models.append({
                "model": name, "inChannels": in_channels, "classes": 10,
                "parameterCount": sum(p.numel() for p in m.parameters()),
                "forwardFlops": {str(size): analytic_flops(d, k, in_channels, size, 10) for size in (28, 32)},
                "parameters": [{"name": n, "shape": list(p.shape)} for n, p in m.named_parameters()],
                "buffers": [{"name": n, "shape": list(b.shape)} for n, b in m.named_buffers()],
            })

    # The stem-stride-2 variant, WideResNet.Create(..., stemStride: 2): its shapes and its FLOPs at both sizes.
    stem = []
    for d, k in ((16, 4), (16, 2)):
        for in_channels in (1, 3):
            m = WideResNet(d, k, in_channels, 10, stem_stride=2)
            stem.append({
                "depth": d, "widen": k, "inChannels": in_channels, "classes": 10, "stemStride": 2,
                "parameterCount": sum(p.numel() for p in m.parameters()),
                "forwardFlops": {str(size): analytic_flops(d, k, in_channels, size, 10, 2) for size in (28, 32)},
                "parameters": [{"name": n, "shape": list(p.shape)} for n, p in m.named_parameters()],
            })

    forward = []
    for label, d, k, in_channels, classes, size, dropout, stem_stride in [
            ("Wrn16x2", 16, 2, 1, 10, 28, 0.0, 1), ("Wrn16x4", 16, 4, 3, 10, 32, 0.0, 1),
            ("Create(10, 3, dropout 0.3)", 10, 3, 1, 5, 28, 0.3, 1), ("Create(16, 4, stem stride 2)", 16, 4, 1, 10, 28, 0.0, 2)]:
        m = WideResNet(d, k, in_channels, classes, dropout, stem_stride)
        m.load_state_dict(deterministic_state(m), strict=False)  # num_batches_tracked keeps its 0
        m.eval()
        x = fixed_input(2, in_channels, size)
        with torch.no_grad():
            y = m(x)
        forward.append({"label": label, "depth": d, "widen": k, "inChannels": in_channels, "classes": classes,
                        "inputSize": size, "dropout": dropout, "stemStride": stem_stride, "logits": floats(y)})
    write("wide_resnet.json", {"models": models, "stemStride2": stem, "forward": forward}, f"wide_resnet.py, torch {torch.__version__}")


if __name__ == "__main__":
    main()
