"""The built-in models of TrainDsl (src/TrainDsl/Models), layer for layer with the same module names and shapes,
so a state_dict maps one to one onto TrainDsl's model.safetensors (conv1.weight, layer1.0.bn1.running_mean, ...,
num_batches_tracked included)."""

import importlib.util
import os

import torch.nn as nn
import torch.nn.functional as F


class SmallCnn(nn.Module):
    """[conv3x3(32w) x2, max-pool] -> [conv3x3(64w) x2, max-pool] -> adaptive avg-pool 7x7 -> fc 128w (BN, ReLU) -> fc;
    w = 1 is SmallCnn, w = 2 WideCnn."""

    def __init__(self, in_channels, classes, widen=1):
        super().__init__()

        def block(i, o):
            return [nn.Conv2d(i, o, 3, padding=1, bias=False), nn.BatchNorm2d(o), nn.ReLU(inplace=True)]

        a, b, hidden = 32 * widen, 64 * widen, 128 * widen
        # Identity for 28x28 inputs (7x7 maps); makes 32x32 (8x8 maps) fit the same classifier.
        self.features = nn.Sequential(*block(in_channels, a), *block(a, a), nn.MaxPool2d(2),
                                      *block(a, b), *block(b, b), nn.MaxPool2d(2), nn.AdaptiveAvgPool2d(7))
        self.classifier = nn.Sequential(nn.Linear(b * 7 * 7, hidden, bias=False), nn.BatchNorm1d(hidden),
                                        nn.ReLU(inplace=True), nn.Linear(hidden, classes))
        conv_init(self)

    def forward(self, x):
        return self.classifier(self.features(x).flatten(1))


class BasicBlock(nn.Module):
    """He et al. 2016, Fig. 2 left; a 1x1 strided conv + BN projection shortcut (option B) when the shape changes."""

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
        self.stages = len(blocks)
        self.fc = nn.Linear(in_planes, classes)
        conv_init(self)

    def residual_branch_norms(self):
        """The BatchNorm closing each residual branch (bn2 of every block), in order."""
        return [m.bn2 for m in self.modules() if isinstance(m, BasicBlock)]

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        for i in range(self.stages):
            x = getattr(self, f"layer{i + 1}")(x)
        return self.fc(F.adaptive_avg_pool2d(x, 1).flatten(1))


class WideBasicBlock(nn.Module):
    """WideBasicBlock.cs: pre-activation BN-ReLU-conv3x3, BN-ReLU-[dropout]-conv3x3; a 1x1 strided conv of the
    pre-activated input is the shortcut where the shape changes."""

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
        activated = F.relu(self.bn1(x))
        y = F.relu(self.bn2(self.conv1(activated)))
        if self.dropout is not None:
            y = self.dropout(y)
        shortcut = x if self.downsample is None else self.downsample(activated)
        return self.conv2(y) + shortcut


class WideResNet(nn.Module):
    """WideResNet.cs (Zagoruyko & Komodakis 2016), WRN-depth-k: conv1 (16), three stages of (depth - 4) / 6 blocks of
    widths 16k, 32k, 64k (strides 1, 2, 2), then bn, ReLU, global average pooling and fc. No residual-branch norms, so
    zero-gamma does not apply."""

    def __init__(self, depth, k, in_channels, classes, dropout=0.0):
        super().__init__()
        n = (depth - 4) // 6
        self.conv1 = nn.Conv2d(in_channels, 16, 3, stride=1, padding=1, bias=False)
        planes = 16
        for i, (width, stride) in enumerate([(16 * k, 1), (32 * k, 2), (64 * k, 2)]):
            blocks = []
            for b in range(n):
                blocks.append(WideBasicBlock(planes, width, stride if b == 0 else 1, dropout))
                planes = width
            setattr(self, f"layer{i + 1}", nn.Sequential(*blocks))
        self.bn = nn.BatchNorm2d(planes)
        self.fc = nn.Linear(planes, classes)
        conv_init(self)

    def forward(self, x):
        x = self.layer3(self.layer2(self.layer1(self.conv1(x))))
        return self.fc(F.adaptive_avg_pool2d(F.relu(self.bn(x)), 1).flatten(1))


def conv_init(root):
    """ConvInit.cs, as torchvision's ResNet: Kaiming-normal (fan_out, ReLU) convs, BatchNorm2d gamma 1 and beta 0."""
    for m in root.modules():
        if isinstance(m, nn.Conv2d):
            nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, nn.BatchNorm2d):
            nn.init.ones_(m.weight)
            nn.init.zeros_(m.bias)


BUILT_IN = {
    "SmallCnn": lambda i, c: SmallCnn(i, c),
    "WideCnn": lambda i, c: SmallCnn(i, c, 2),
    "ResNet18": lambda i, c: ResNet(i, c, [2, 2, 2, 2], [64, 128, 256, 512]),
    "ResNet20": lambda i, c: ResNet(i, c, [3, 3, 3], [16, 32, 64]),
    "ResNet32": lambda i, c: ResNet(i, c, [5, 5, 5], [16, 32, 64]),
    "ResNet56": lambda i, c: ResNet(i, c, [9, 9, 9], [16, 32, 64]),
    "Wrn16x2": lambda i, c: WideResNet(16, 2, i, c),
    "Wrn16x4": lambda i, c: WideResNet(16, 4, i, c),
    "Wrn16x8": lambda i, c: WideResNet(16, 8, i, c),
    "Wrn28x10": lambda i, c: WideResNet(28, 10, i, c),
    "Wrn40x4": lambda i, c: WideResNet(40, 4, i, c),
}


def create(kind, in_channels, classes, base_dir="."):
    """The model a recipe names: a built-in one, or "Python:<file>:<Class>" built as Class(in_channels, classes)."""
    if kind in BUILT_IN:
        return BUILT_IN[kind](in_channels, classes)
    if kind.startswith("Python:"):
        _, path, name = kind.split(":", 2)
        path = path if os.path.isabs(path) else os.path.join(base_dir, path)
        if not os.path.isfile(path):
            raise SystemExit(f"The model module '{path}' does not exist; pass the Python file that defines {name}.")
        spec = importlib.util.spec_from_file_location("user_model", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        if not hasattr(module, name):
            raise SystemExit(f"The module '{path}' defines no {name}; name the class that builds the model.")
        return getattr(module, name)(in_channels, classes)
    if kind.startswith("Custom:"):
        raise SystemExit(f"The model {kind[7:]} is a C# class that cannot be translated; export with a Python module "
                         "that defines the same architecture (model kind \"Python:<file>:<Class>\").")
    raise SystemExit(f"Unknown model '{kind}'; use one of {', '.join(BUILT_IN)} or \"Python:<file>:<Class>\".")


def zero_gamma(model):
    """ZeroGamma.cs (Goyal et al. 2017, 5.1): gamma = 0 on the last BatchNorm of every residual branch."""
    norms = model.residual_branch_norms() if hasattr(model, "residual_branch_norms") else []
    if not norms:
        raise SystemExit(f"Zero-gamma initialisation needs a residual model, but {type(model).__name__} lists no "
                         "residual-branch BatchNorm (residual_branch_norms()); use a ResNet or drop the zero-gamma trick.")
    for norm in norms:
        nn.init.zeros_(norm.weight)
    return len(norms)
