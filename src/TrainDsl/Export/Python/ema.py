"""An exponential moving average of the weights, buffers included, as TrainDsl's ModelEma (timm's ModelEmaV2/V3):
ema <- d ema + (1 - d) w for floating-point entries, a copy for the others (num_batches_tracked), after every optimizer
step; d from EmaDecay.cs: constant, or with warmup min(decay, 1 - (1 + s / gamma)^-power), s = update - 1, 0 at s <= 0."""

import copy

import torch


class EmaDecay:
    def __init__(self, decay, warmup_steps=0, warmup_power=2 / 3):
        self.decay, self.warmup_steps, self.warmup_power = decay, warmup_steps, warmup_power
        # The curve reaches decay at s = warmup_steps.
        self.gamma = warmup_steps / ((1 - decay) ** (-1 / warmup_power) - 1) if warmup_steps > 0 else 0.0

    def at(self, update):
        if self.warmup_steps == 0:
            return self.decay
        s = update - 1
        if s <= 0:
            return 0.0
        return min(self.decay, 1 - (1 + s / self.gamma) ** -self.warmup_power)


class ModelEma:
    def __init__(self, model, decay):
        self.module = copy.deepcopy(model).eval()
        for p in self.module.parameters():
            p.requires_grad_(False)
        self.decay, self.updates = decay, 0

    @torch.no_grad()
    def update(self, model):
        d = self.decay.at(self.updates + 1)
        self.updates += 1
        for e, m in zip(self.module.state_dict().values(), model.state_dict().values()):
            if e.is_floating_point():
                e.mul_(d).add_(m.detach(), alpha=1 - d)
            else:
                e.copy_(m)
        return d
