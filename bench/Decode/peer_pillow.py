"""Pillow's decoding speed on the files bench/Decode/run.sh exported, for the ratio TrainDsl / Pillow.

  python peer_pillow.py IMAGES_DIR OUT_JSON [--repeats 3]

The same measurements as Program.cs: one untimed pass over the first 1,000 files, then --repeats timed passes over all
files, the best counts. A pass opens each file, converts it ("L" for the grayscale set, "RGB" otherwise; torchvision's
pil_loader does the same), resizes it for the "→ 64" set (BILINEAR, as ImageDecoder) and takes the pixels as a numpy
array. "single" runs in this process; "all" maps the files over a multiprocessing Pool with one worker per core (the
way a PyTorch DataLoader decodes), started before the clock.
"""

import argparse
import json
import multiprocessing
import os
import time

import numpy as np
import PIL
from PIL import Image

SETS = [("gray28-png", "L", 28), ("rgb64-png", "RGB", 64), ("rgb64-jpg", "RGB", 64), ("rgb224-png", "RGB", 224),
        ("rgb224-jpg", "RGB", 224), ("rgb224-jpg", "RGB", 64)]


def decode(job):
    path, mode, size = job
    with Image.open(path) as im:
        im = im.convert(mode)
        if im.size != (size, size):
            im = im.resize((size, size), Image.BILINEAR)
        return np.asarray(im).nbytes


def decode_chunk(jobs):
    return sum(decode(j) for j in jobs)


def measure(jobs, pool, repeats):
    def run(js):
        if pool is None:
            for j in js:
                decode(j)
        else:
            chunk = 64
            pool.map(decode_chunk, [js[i:i + chunk] for i in range(0, len(js), chunk)])

    run(jobs[:1000])
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        run(jobs)
        best = min(best, time.perf_counter() - start)
    return len(jobs) / best


def main():
    p = argparse.ArgumentParser()
    p.add_argument("images")
    p.add_argument("out")
    p.add_argument("--repeats", type=int, default=3)
    a = p.parse_args()
    cores = os.cpu_count()
    rows = []
    with multiprocessing.Pool(cores) as pool:
        for folder, mode, size in SETS:
            side = int(folder.split("-")[0].lstrip("grayb"))
            label = folder if size == side else f"{folder} → {size}"
            d = os.path.join(a.images, folder)
            jobs = [(os.path.join(d, f), mode, size) for f in sorted(os.listdir(d)) if not f.startswith(".")]
            for name, pl in (("single", None), ("all", pool)):
                rate = measure(jobs, pl, a.repeats)
                rows.append({"set": label, "files": len(jobs), "mode": name, "imagesPerSecond": round(rate)})
                print(f"{label:<22} Pillow {PIL.__version__:<7} {'1 core' if pl is None else 'all cores':<9} {rate:10.0f} images/s",
                      flush=True)
    with open(a.out, "w") as f:
        json.dump({"pillow": PIL.__version__, "cores": cores, "rows": rows}, f, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
