"""SmallCnn (src/TrainDsl/Models/SmallCnn.cs, layer for layer) for the PyTorch side of the benchmarks; widen=2 is WideCnn."""
import torch
import torch.nn as nn


class SmallCnn(nn.Module):
    def __init__(self, in_channels=1, classes=10, widen=1):
        super().__init__()
        conv = lambda i, o: nn.Conv2d(i, o, 3, padding=1, bias=False)
        a, b, hidden = 32 * widen, 64 * widen, 128 * widen
        self.features = nn.Sequential(
            conv(in_channels, a), nn.BatchNorm2d(a), nn.ReLU(inplace=True),
            conv(a, a), nn.BatchNorm2d(a), nn.ReLU(inplace=True),
            nn.MaxPool2d(2),
            conv(a, b), nn.BatchNorm2d(b), nn.ReLU(inplace=True),
            conv(b, b), nn.BatchNorm2d(b), nn.ReLU(inplace=True),
            nn.MaxPool2d(2),
            nn.AdaptiveAvgPool2d(7))
        self.classifier = nn.Sequential(
            nn.Linear(b * 7 * 7, hidden, bias=False), nn.BatchNorm1d(hidden), nn.ReLU(inplace=True),
            nn.Linear(hidden, classes))
        for m in self.modules():  # TrainDsl's ConvInit: Kaiming-normal, fan_out, ReLU gain
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")

    def forward(self, x):
        return self.classifier(torch.flatten(self.features(x), 1))
