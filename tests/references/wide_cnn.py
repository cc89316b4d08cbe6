"""Reference values for TrainDsl's WideCnn, SmallCnn at twice the width (tests/TrainDsl.Tests/Numerics/WideCnnTests.cs).

Run from the repository root with the PyTorch peer (PyTorch 2.6):
    flock /tmp/peer.lock bash /work/shared/peer/pytorch-peer.sh python tests/references/wide_cnn.py
Writes wide_cnn.json next to this script.

WideCnn below is written from its description, not from TrainDsl's code: [conv3x3(64)-BN-ReLU x2, max-pool 2] ->
[conv3x3(128)-BN-ReLU x2, max-pool 2] -> adaptive avg-pool 7x7 -> linear 6272->256 (no bias)-BN-ReLU -> linear 256->classes,
with the module names of SmallCnn (features.0, ..., classifier.3) so the state dicts have the same keys.

- models: parameter and buffer names and shapes, the parameter count, and the forward FLOPs per image at 28x28 and
  32x32 counted from the architecture (2 per multiply-add of the convs and linear layers).
- forward: eval-mode logits for a fixed input after loading wide_resnet.py's deterministic weights (an integer LCG,
  which the C# test reproduces), at 28x28 grey and 32x32 colour.
"""

import os
import sys

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from wide_resnet import deterministic_state, fixed_input  # noqa: E402


class WideCnn(nn.Module):
    def __init__(self, in_channels, classes):
        super().__init__()

        def cbr(i, o):
            return [nn.Conv2d(i, o, 3, padding=1, bias=False), nn.BatchNorm2d(o), nn.ReLU(inplace=True)]

        self.features = nn.Sequential(*cbr(in_channels, 64), *cbr(64, 64), nn.MaxPool2d(2),
                                      *cbr(64, 128), *cbr(128, 128), nn.MaxPool2d(2), nn.AdaptiveAvgPool2d(7))
        self.classifier = nn.Sequential(nn.Linear(128 * 49, 256, bias=False), nn.BatchNorm1d(256), nn.ReLU(inplace=True),
                                        nn.Linear(256, classes))

    def forward(self, x):
        return self.classifier(self.features(x).flatten(1))


def analytic_flops(in_channels, size, classes):
    half, quarter = size // 2, size // 4
    macs = 9 * (in_channels * 64 + 64 * 64) * size * size + 9 * (64 * 128 + 128 * 128) * half * half
    return 2 * (macs + 128 * 49 * 256 + 256 * classes)


def main():
    from reference_json import floats, write

    torch.manual_seed(0)
    models, forward = [], []
    for in_channels, size in ((1, 28), (3, 32)):
        m = WideCnn(in_channels, 10)
        models.append({
            "inChannels": in_channels, "classes": 10,
            "parameterCount": sum(p.numel() for p in m.parameters()),
            "forwardFlops": {str(s): analytic_flops(in_channels, s, 10) for s in (28, 32)},
            "parameters": [{"name": n, "shape": list(p.shape)} for n, p in m.named_parameters()],
            "buffers": [{"name": n, "shape": list(b.shape)} for n, b in m.named_buffers()],
        })
        m.load_state_dict(deterministic_state(m), strict=False)  # num_batches_tracked keeps its 0
        m.eval()
        with torch.no_grad():
            y = m(fixed_input(2, in_channels, size))
        forward.append({"inChannels": in_channels, "classes": 10, "inputSize": size, "logits": floats(y)})
    write("wide_cnn.json", {"models": models, "forward": forward}, f"wide_cnn.py, torch {torch.__version__}")


if __name__ == "__main__":
    main()
