"""Reference values for RandomResizedCrop, from torchvision 0.21 on PyTorch 2.6.

Run from the repository root with the PyTorch peer, which needs Debian's python3-torchvision
(bash /work/shared/peer/pytorch-peer.sh shell apt-get install -y python3-torchvision), and a copy of the
official Fashion-MNIST test images inside the repository, since the peer sees only the current directory:
    mkdir -p .peer-data && cp /usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz .peer-data/
    bash /work/shared/peer/pytorch-peer.sh python tests/references/random_resized_crop.py --data .peer-data
    rm -r .peer-data
Writes random_resized_crop.json next to this script.

resize: for fixed boxes (top, left, height, width) on RGB images made by stacking three different Fashion-MNIST
  test images as channels (bytes / 255 in float32), torchvision.transforms.functional.resized_crop(...,
  InterpolationMode.BILINEAR, antialias=False). The file keeps the bytes, the boxes and the float32 output. It also
  records how far two other ways of resizing the same boxes land from that output, the largest absolute difference
  over each case: torch.nn.functional.grid_sample with per-box affine grids (bilinear, border padding,
  align_corners=False), and resized_crop with antialias=True (torchvision's default).
fallback: torchvision.transforms.RandomResizedCrop.get_params on an image of each size with scale and ratio ranges
  under which no draw fits, so it returns its central fallback; the call is repeated under several seeds to show
  the result does not depend on them. The last case needs scale > 1 to reach the whole-image branch.
defaults: RandomResizedCrop's scale and ratio defaults, read from its signature.
"""

import argparse
import gzip
import inspect
import os

import numpy as np
import torch
import torch.nn.functional as F
import torchvision
import torchvision.transforms as T
import torchvision.transforms.functional as TF

from reference_json import write


def load_images(folder, count):
    """The first `count` official test images as uint8 [count, 28, 28], read from the gzipped IDX file."""
    with gzip.open(os.path.join(folder, "t10k-images-idx3-ubyte.gz"), "rb") as f:
        data = f.read()
    magic, n, rows, cols = np.frombuffer(data[:16], dtype=">u4")
    assert magic == 2051 and rows == 28 and cols == 28, "not an IDX image file"
    return torch.from_numpy(np.frombuffer(data[16:], dtype=np.uint8, count=count * 784).reshape(count, 28, 28).copy())


def rgb(gray, first, count):
    """[count, 3, 28, 28]: image b has test images first + 3b, first + 3b + 1, first + 3b + 2 as its channels."""
    return gray[first:first + 3 * count].reshape(count, 3, 28, 28)


def grid_sample_crop(images, boxes, size):
    """Each box resized by one grid_sample: output [-1, 1] maps onto the box's outer pixel edges."""
    n, _, height, width = images.shape
    theta = torch.zeros(n, 2, 3, dtype=images.dtype)
    for b, (top, left, h, w) in enumerate(boxes):
        theta[b, 0, 0] = w / width
        theta[b, 0, 2] = (2 * left + w) / width - 1
        theta[b, 1, 1] = h / height
        theta[b, 1, 2] = (2 * top + h) / height - 1
    grid = F.affine_grid(theta, [n, images.shape[1], size[0], size[1]], align_corners=False)
    return F.grid_sample(images, grid, mode="bilinear", padding_mode="border", align_corners=False)


def resize_case(name, pixels, boxes, size):
    images = pixels.float() / 255
    expected = torch.stack([
        TF.resized_crop(images[b], *box, size, interpolation=T.InterpolationMode.BILINEAR, antialias=False)
        for b, box in enumerate(boxes)])
    antialiased = torch.stack([
        TF.resized_crop(images[b], *box, size, interpolation=T.InterpolationMode.BILINEAR, antialias=True)
        for b, box in enumerate(boxes)])
    sampled = grid_sample_crop(images, boxes, size)
    grid_diff = (sampled - expected).abs().max().item()
    antialias_diff = (antialiased - expected).abs().max().item()
    print(f"{name}: grid_sample differs by up to {grid_diff:.3g}, antialias=True by up to {antialias_diff:.3g}")
    return {
        "name": name,
        "shape": list(pixels.shape),
        "size": list(size),
        "boxes": [list(box) for box in boxes],
        "bytes": pixels.flatten().tolist(),
        # float32 values round-trip through 9 significant digits.
        "expected": [float(f"{v:.9g}") for v in expected.flatten().tolist()],
        "gridSampleMaxDiff": grid_diff,
        "antialiasMaxDiff": antialias_diff,
    }


def fallback_case(height, width, scale, ratio):
    image = torch.zeros(1, height, width)
    boxes = set()
    for seed in range(5):
        torch.manual_seed(seed)
        boxes.add(T.RandomResizedCrop.get_params(image, list(scale), list(ratio)))
    assert len(boxes) == 1, f"the fallback depends on the seed: {boxes}"
    top, left, h, w = boxes.pop()
    return {"height": height, "width": width, "scale": list(scale), "ratio": list(ratio), "box": [top, left, h, w]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    gray = load_images(parser.parse_args().data, 24)

    square = rgb(gray, 0, 4)
    wide = rgb(gray, 12, 4)[:, :, 2:26, :]  # 24 x 28
    cases = [
        # Output = input size: the identity box, enlarged boxes of every shape, a single pixel.
        resize_case("28x28 to 28x28", square, [(0, 0, 28, 28), (3, 5, 10, 17), (14, 2, 14, 9), (27, 27, 1, 1)], (28, 28)),
        # An explicit output size: heights shrink (25 -> 20, 28 -> 20) while widths grow.
        resize_case("28x28 to 20x36", square, [(2, 1, 25, 20), (0, 0, 28, 28), (10, 10, 7, 13), (0, 20, 28, 8)], (20, 36)),
        # A non-square image.
        resize_case("24x28 to 24x28", wide.contiguous(), [(0, 0, 24, 28), (5, 3, 11, 22), (23, 0, 1, 28), (1, 14, 20, 14)], (24, 28)),
    ]

    fallbacks = [
        fallback_case(28, 28, (1.0, 1.0), (1.5, 2.0)),    # image ratio below the range: full width, h = round(28 / 1.5)
        fallback_case(20, 36, (1.0, 1.0), (0.5, 0.6)),    # above the range: full height, w = round(20 * 0.6)
        fallback_case(36, 20, (1.0, 1.0), (2.0, 3.0)),    # below the range, tall image
        fallback_case(20, 30, (2.0, 2.0), (1.2, 1.8)),    # in the range: the whole image (no box of twice the area fits)
    ]
    parameters = inspect.signature(T.RandomResizedCrop).parameters
    defaults = {"scale": list(parameters["scale"].default), "ratio": list(parameters["ratio"].default)}

    write("random_resized_crop.json", {"defaults": defaults, "cases": cases, "fallbacks": fallbacks},
          f"tests/references/random_resized_crop.py (torch {torch.__version__}, torchvision {torchvision.__version__})")


if __name__ == "__main__":
    main()
