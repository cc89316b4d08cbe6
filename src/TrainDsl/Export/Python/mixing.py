"""MixUp, CutMix and FMix and the policy choosing among them, as src/TrainDsl/Mixing draws them: one torch generator,
drawn per call in a fixed order (u to mix, u to switch with several methods, lambda ~ Beta(alpha, alpha), randperm(B),
then the method's own draws), and soft targets lambda*y + (1 - lambda)*y[perm] of the label-smoothed one-hot rows y."""

import math

import torch


def smoothed(labels, classes, smoothing):
    """timm's one-hot with label smoothing (Szegedy et al. 2016, 7): off = eps/C, on = 1 - eps + eps/C, float32."""
    off = smoothing / classes
    on = 1.0 - smoothing + off
    targets = torch.full((labels.shape[0], classes), off, dtype=torch.float32, device=labels.device)
    return targets.scatter_(1, labels.view(-1, 1), torch.full((labels.shape[0], 1), on, dtype=torch.float32, device=labels.device))


def mixed_targets(labels, partner, lam, classes, smoothing):
    y = smoothed(labels, classes, smoothing)
    return y.index_select(0, partner).mul_(1 - lam).add_(y, alpha=lam)


def symmetric_beta(alpha, generator):
    """lambda ~ Beta(alpha, alpha) as PyTorch's Beta draws it: the first component of Dirichlet(alpha, alpha)."""
    return torch._sample_dirichlet(torch.tensor([alpha, alpha], dtype=torch.float64), generator=generator)[0].item()


class MixUp:
    """Zhang et al. 2018, eq. 1: x~ = lambda x + (1 - lambda) x[perm]."""
    kind = "MixUp"

    def __init__(self, alpha):
        self.alpha = alpha

    @staticmethod
    def apply(images, partner, lam):
        return images.index_select(0, partner).mul_(1 - lam).add_(images, alpha=lam)


class CutMix:
    """Yun et al. 2019: paste a box of sides floor(H sqrt(1 - lambda)) x floor(W sqrt(1 - lambda)) from x[perm],
    centred uniformly; lambda becomes 1 - box area / (H W) after clipping."""
    kind = "CutMix"

    def __init__(self, alpha):
        self.alpha = alpha

    @staticmethod
    def random_box(height, width, lam, generator):
        cut_rat = math.sqrt(1.0 - lam)
        cut_h, cut_w = int(height * cut_rat), int(width * cut_rat)
        cy = torch.randint(0, height, (1,), generator=generator).item()
        cx = torch.randint(0, width, (1,), generator=generator).item()
        top, left = cy - cut_h // 2, cx - cut_w // 2
        clamp = lambda v, hi: min(max(v, 0), hi)
        y0, y1 = clamp(top, height), clamp(top + cut_h, height)
        x0, x1 = clamp(left, width), clamp(left + cut_w, width)
        return y0, x0, y1 - y0, x1 - x0

    @staticmethod
    def apply(images, partner, box):
        top, left, h, w = box
        mixed = images.clone()
        if h > 0 and w > 0:
            mixed[:, :, top:top + h, left:left + w] = images[:, :, top:top + h, left:left + w].index_select(0, partner)
        return mixed


class FMix:
    """Harris et al. 2020, 3: a low-frequency grey image irfft2(z / max(f, 1/max(H, W))^delta), z complex Gaussian,
    binarised to keep its top ceil(lambda N) or floor(lambda N) pixels (a fair coin picks which)."""
    kind = "FMix"

    def __init__(self, alpha, decay_power=3.0):
        self.alpha, self.decay_power = alpha, decay_power

    def low_frequency_image(self, height, width, generator):
        fy = torch.fft.fftfreq(height, dtype=torch.float64).unsqueeze(1)
        fx = torch.fft.rfftfreq(width, dtype=torch.float64).unsqueeze(0)
        f = (fy * fy + fx * fx).sqrt_()
        scale = f.clamp_min_(1.0 / max(height, width)).pow_(-self.decay_power)
        noise = torch.randn(height, width // 2 + 1, 2, dtype=torch.float64, generator=generator)
        spectrum = torch.view_as_complex(noise.mul_(scale.unsqueeze(2)))
        return torch.fft.irfft2(spectrum, s=(height, width), dim=(0, 1))

    @staticmethod
    def binarise(image, count):
        mask = torch.zeros(image.numel(), dtype=torch.float32)
        if count > 0:
            mask.index_fill_(0, image.flatten().topk(count).indices, 1)
        return mask.view(image.shape)

    def random_mask(self, height, width, lam, generator):
        image = self.low_frequency_image(height, width, generator)
        round_up = torch.rand(1, dtype=torch.float64, generator=generator).item() < 0.5
        n = height * width
        kept = int(math.ceil(lam * n) if round_up else math.floor(lam * n))
        return self.binarise(image, kept), kept

    @staticmethod
    def apply(images, partner, mask):
        return torch.where(mask.to(torch.bool).to(images.device), images, images.index_select(0, partner))


class MixingPolicy:
    """timm's Mixup switching: with probability mix_probability a batch is mixed; the first declared method is the
    base, and with probability switch_probability one of the others (equally likely) is used instead."""

    def __init__(self, methods, classes, label_smoothing=0.0, mix_probability=1.0, switch_probability=0.5, seed=0):
        self.methods, self.classes = list(methods), classes
        self.label_smoothing, self.mix_probability, self.switch_probability = label_smoothing, mix_probability, switch_probability
        self.generator = torch.Generator().manual_seed(seed)

    def uniform(self):
        return torch.rand(1, dtype=torch.float64, generator=self.generator).item()

    def choose(self):
        n = len(self.methods)
        if n == 1:
            return 0
        u = self.uniform()
        if u >= self.switch_probability:
            return 0
        return 1 + min(n - 2, int(u / self.switch_probability * (n - 1)))

    def __call__(self, images, labels):
        """(images, float32 soft targets [B, classes], kind, lambda, partner index or None)."""
        if not self.methods or self.uniform() >= self.mix_probability:
            return images, smoothed(labels, self.classes, self.label_smoothing), None, 1.0, None
        method = self.methods[self.choose()]
        lam = symmetric_beta(method.alpha, self.generator)
        b, h, w = images.shape[0], images.shape[2], images.shape[3]
        partner = torch.randperm(b, generator=self.generator)
        if isinstance(method, MixUp):
            mixed = MixUp.apply(images, partner.to(images.device), lam)
        elif isinstance(method, CutMix):
            box = CutMix.random_box(h, w, lam, self.generator)
            mixed = CutMix.apply(images, partner.to(images.device), box)
            lam = 1.0 - box[2] * box[3] / (h * w)
        else:
            mask, kept = method.random_mask(h, w, lam, self.generator)
            mixed = FMix.apply(images, partner.to(images.device), mask)
            lam = kept / (h * w)
        targets = mixed_targets(labels, partner.to(labels.device), lam, self.classes, self.label_smoothing)
        return mixed, targets, method.kind, lam, partner


def from_recipe(parts, config, classes, seed):
    """The declared methods in order, with their Config values; Mixing=false never mixes (ablate switches it off so)."""
    make = {
        "MixUp": lambda: MixUp(float(config.get("MixUpAlpha", 0.8))),
        "CutMix": lambda: CutMix(float(config.get("CutMixAlpha", 1.0))),
        "FMix": lambda: FMix(float(config.get("FMixAlpha", 1.0)), float(config.get("FMixDecayPower", 3.0))),
    }
    methods = [make[m]() for m in parts.get("mixing", [])]
    enabled = bool(config.get("Mixing", True))
    return MixingPolicy(methods, classes, label_smoothing=float(config.get("LabelSmoothing", 0) or 0),
                        mix_probability=float(config.get("MixProbability", 1.0)) if enabled else 0.0,
                        switch_probability=float(config.get("SwitchProbability", 0.5)), seed=seed)
