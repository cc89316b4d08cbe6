"""Batch augmentations as TrainDsl draws them (src/TrainDsl/Augment): each has its own seeded torch generator and makes
the same draws in the same order, so a single process reproduces TrainDsl's crops and flips exactly."""

import math

import torch
import torch.nn.functional as F


class RandomCrop:
    """torchvision's RandomCrop(padding=p) per sample: pad by p with black, take the H x W window at (top, left)
    drawn uniformly from [0, 2p] (top before left, as get_params draws i then j)."""

    def __init__(self, padding, seed, fill=0.0):
        self.padding, self.fill = padding, fill
        self.generator = torch.Generator().manual_seed(seed)

    def __call__(self, images):
        b = images.shape[0]
        top = torch.randint(0, 2 * self.padding + 1, (b,), generator=self.generator)
        left = torch.randint(0, 2 * self.padding + 1, (b,), generator=self.generator)
        return crop(images, top.to(images.device), left.to(images.device), self.padding, self.fill)


def crop(images, top, left, padding, fill=0.0):
    b, c, h, w = images.shape
    padded = F.pad(images, (padding,) * 4, value=fill) if padding else images
    rows = (top.view(b, 1, 1, 1) + torch.arange(h, device=images.device).view(1, 1, h, 1)).expand(b, c, h, w + 2 * padding)
    cols = (left.view(b, 1, 1, 1) + torch.arange(w, device=images.device).view(1, 1, 1, w)).expand(b, c, h, w)
    return padded.gather(2, rows).gather(3, cols)


class HorizontalFlip:
    """torchvision's RandomHorizontalFlip(p) per sample: image b is mirrored when u_b < p, u_b ~ U[0, 1) in float64."""

    def __init__(self, probability, seed):
        self.probability = probability
        self.generator = torch.Generator().manual_seed(seed)

    def __call__(self, images):
        chosen = torch.rand(images.shape[0], dtype=torch.float64, generator=self.generator).lt(self.probability)
        return torch.where(chosen.to(images.device).view(-1, 1, 1, 1), images.flip(3), images)


class RandomResizedCrop:
    """torchvision's RandomResizedCrop(scale, ratio, antialias=False) per sample, drawn as RandomResizedCrop.cs draws it:
    ten (scale, log-ratio) attempts per image in one rand call each, the first that fits, else the central box; then
    the box resized bilinearly (align_corners=False) to the input's size."""

    ATTEMPTS = 10

    def __init__(self, min_scale, max_scale, min_ratio, max_ratio, seed, size=None):
        self.scale, self.ratio, self.size = (min_scale, max_scale), (min_ratio, max_ratio), size
        self.generator = torch.Generator().manual_seed(seed)

    def boxes(self, batch, height, width):
        g, (s0, s1), (r0, r1) = self.generator, self.scale, self.ratio
        area = float(height) * width
        scale = torch.rand(batch, self.ATTEMPTS, dtype=torch.float64, generator=g) * (s1 - s0) + s0
        ratio = (torch.rand(batch, self.ATTEMPTS, dtype=torch.float64, generator=g)
                 * (math.log(r1) - math.log(r0)) + math.log(r0)).exp()
        target = scale * area
        w = (target * ratio).sqrt().round()
        h = (target / ratio).sqrt().round()
        fits = (w > 0) & (w <= width) & (h > 0) & (h <= height)
        first = fits.long().argmax(1, keepdim=True)
        found = fits.any(1)
        ct, cl, ch, cw = central_box(height, width, r0, r1)
        bh = torch.where(found, h.gather(1, first).squeeze(1), torch.tensor(float(ch), dtype=torch.float64))
        bw = torch.where(found, w.gather(1, first).squeeze(1), torch.tensor(float(cw), dtype=torch.float64))
        position = torch.rand(batch, 2, dtype=torch.float64, generator=g)
        free_rows, free_cols = height - bh, width - bw
        top = torch.where(found, (position[:, 0] * (free_rows + 1)).floor().minimum(free_rows), torch.tensor(float(ct), dtype=torch.float64))
        left = torch.where(found, (position[:, 1] * (free_cols + 1)).floor().minimum(free_cols), torch.tensor(float(cl), dtype=torch.float64))
        return torch.stack([top, left, bh, bw], 1).long()

    def __call__(self, images):
        h, w = images.shape[2], images.shape[3]
        out_h, out_w = self.size or (h, w)
        return resized_crop(images, self.boxes(images.shape[0], h, w), out_h, out_w)


def central_box(height, width, min_ratio, max_ratio):
    """torchvision's fallback: the whole image if its ratio is in range, else the largest centred box of the nearest one."""
    image_ratio = width / height
    h, w = height, width
    if image_ratio < min_ratio:
        h = round(width / min_ratio)  # Python's round: halves to even, as torchvision
    elif image_ratio > max_ratio:
        w = round(height * max_ratio)
    return (height - h) // 2, (width - w) // 2, h, w


def _taps(start, length, size, like):
    lengths = length.double().view(-1, 1)
    centres = torch.arange(size, dtype=torch.float64).view(1, -1) + 0.5
    source = (centres * lengths / size - 0.5).clamp_min(0)
    last = (lengths - 1).long()
    first = source.floor().long().minimum(last)
    second = (first + 1).minimum(last)
    weight = (source - first).clamp(0, 1)
    offset = start.view(-1, 1)
    return (first + offset).to(like.device), (second + offset).to(like.device), weight.to(like.dtype).to(like.device)


def resized_crop(images, boxes, out_h, out_w):
    """Each box (top, left, height, width) resized as F.interpolate(bilinear, align_corners=False) resizes the crop:
    width first, then height, the order of PyTorch's separable kernel."""
    b, c, h, w = images.shape
    boxes = boxes.cpu()
    top, left, bh, bw = boxes[:, 0], boxes[:, 1], boxes[:, 2], boxes[:, 3]
    c0i, c1i, cw = _taps(left, bw, out_w, images)
    r0i, r1i, rw = _taps(top, bh, out_h, images)
    cols = (b, c, h, out_w)
    c0 = images.gather(3, c0i.view(b, 1, 1, out_w).expand(cols))
    c1 = images.gather(3, c1i.view(b, 1, 1, out_w).expand(cols))
    lx = cw.view(b, 1, 1, out_w)
    wide = c0 * (1 - lx) + c1 * lx
    rows = (b, c, out_h, out_w)
    r0 = wide.gather(2, r0i.view(b, 1, out_h, 1).expand(rows))
    r1 = wide.gather(2, r1i.view(b, 1, out_h, 1).expand(rows))
    ly = rw.view(b, 1, out_h, 1)
    return r0 * (1 - ly) + r1 * ly
