"""SmallCnn (src/TrainDsl/Models/SmallCnn.cs, layer for layer) for the PyTorch side of the benchmarks."""
import torch
import torch.nn as nn


class SmallCnn(nn.Module):
    def __init__(self, in_channels=1, classes=10):
        super().__init__()
        conv = lambda i, o: nn.Conv2d(i, o, 3, padding=1, bias=False)
        self.features = nn.Sequential(
            conv(in_channels, 32), nn.BatchNorm2d(32), nn.ReLU(inplace=True),
            conv(32, 32), nn.BatchNorm2d(32), nn.ReLU(inplace=True),
            nn.MaxPool2d(2),
            conv(32, 64), nn.BatchNorm2d(64), nn.ReLU(inplace=True),
            conv(64, 64), nn.BatchNorm2d(64), nn.ReLU(inplace=True),
            nn.MaxPool2d(2),
            nn.AdaptiveAvgPool2d(7))
        self.classifier = nn.Sequential(
            nn.Linear(64 * 7 * 7, 128, bias=False), nn.BatchNorm1d(128), nn.ReLU(inplace=True),
            nn.Linear(128, classes))
        for m in self.modules():  # TrainDsl's ConvInit: Kaiming-normal, fan_out, ReLU gain
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")

    def forward(self, x):
        return self.classifier(torch.flatten(self.features(x), 1))
