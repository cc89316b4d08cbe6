"""Exports real Fashion-MNIST training images to PNG and JPEG files for the decoding benchmark (bench/Decode/run.sh).

  python export_images.py IDX_DIR OUT_DIR [--gray N] [--rgb64 N] [--rgb224 N]

Sets (each a folder under OUT_DIR, files numbered from 0):
  gray28-png   the first N (default all 60,000) training images as 28x28 grayscale PNG, pixels exactly as in the IDX file;
  rgb64-png / rgb64-jpg, rgb224-png / rgb224-jpg
               image i is training images 3i, 3i+1, 3i+2 stacked as the R, G, B channels, upscaled (Pillow bilinear)
               to 64x64 / 224x224, saved as RGB PNG and as JPEG quality 90.
Files that already exist with the same count are kept (a marker file records the arguments).
"""

import argparse
import gzip
import os

import numpy as np
from PIL import Image


def read_idx_images(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, n, rows, cols = np.frombuffer(data[:16], dtype=">u4")
    assert magic == 2051, f"{path}: not an IDX image file"
    return np.frombuffer(data[16:], dtype=np.uint8).reshape(n, rows, cols)


def rgb(images, i, size):
    n = len(images)
    stacked = np.stack([images[(3 * i + c) % n] for c in range(3)], axis=-1)
    return Image.fromarray(stacked, "RGB").resize((size, size), Image.BILINEAR)


def export(out, name, count, make):
    folder = os.path.join(out, name)
    marker = os.path.join(folder, ".complete")
    if os.path.exists(marker) and open(marker).read() == str(count):
        print(f"{name}: {count} files already there")
        return
    os.makedirs(folder, exist_ok=True)
    for i in range(count):
        make(i, os.path.join(folder, f"{i:05d}"))
    with open(marker, "w") as f:
        f.write(str(count))
    print(f"{name}: wrote {count} files")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("idx_dir")
    p.add_argument("out_dir")
    p.add_argument("--gray", type=int, default=60000)
    p.add_argument("--rgb64", type=int, default=10000)
    p.add_argument("--rgb224", type=int, default=2000)
    a = p.parse_args()
    images = read_idx_images(os.path.join(a.idx_dir, "train-images-idx3-ubyte.gz"))
    assert len(images) == 60000 and images.shape[1:] == (28, 28), images.shape

    export(a.out_dir, "gray28-png", a.gray, lambda i, f: Image.fromarray(images[i], "L").save(f + ".png"))
    for size, count in ((64, a.rgb64), (224, a.rgb224)):
        export(a.out_dir, f"rgb{size}-png", count, lambda i, f: rgb(images, i, size).save(f + ".png"))
        export(a.out_dir, f"rgb{size}-jpg", count, lambda i, f: rgb(images, i, size).save(f + ".jpg", quality=90))


if __name__ == "__main__":
    main()
