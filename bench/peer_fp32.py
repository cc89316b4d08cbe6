"""PyTorch eager fp32 side of bench/run.sh's comparison: FashionBaseline's recipe written the way a PyTorch user
would, on the same Fashion-MNIST training images (exported by `TrainDsl.Bench export-data`).

  python peer_fp32.py --data /host/bench/.data [--steps N --warmup W --threads T --channels-last --autocast]

--autocast runs forward and loss under torch.autocast("cpu", bfloat16): the peer of FashionBaselineAmp ([Amp]).

Recipe (examples/FashionMnist/FashionBaseline.cs): SmallCnn (src/TrainDsl/Models/SmallCnn.cs, layer for layer,
Kaiming-normal fan_out convolutions), batch 128 with drop_last, cross-entropy, SGD(lr 0.05 by the linear scaling
rule, momentum 0.9, Nesterov, weight decay 5e-4), cosine annealing per step over the epoch. Batches as TrainDsl's
BatchLoader makes them: the order is torch.randperm(N, generator seeded with seed + epoch), each batch one
index_select on the uint8 images, a float conversion and the in-place normalisation x/(255 std) - mean/std.

Timing mirrors TrainDsl's side (TrainDsl.Bench peer-fp32): a warm-up run of W steps on a fresh model, then a
timed run of N steps on another fresh model, from the first step to the last step's loss.item().
Prints one JSON line.
"""
import argparse, json, math, os, time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from smallcnn import SmallCnn  # bench/smallcnn.py, shared with bench/Amp/peer_amp.py


def load(folder):
    meta = json.load(open(os.path.join(folder, "meta.json")))
    n, c, h, w = meta["count"], meta["channels"], meta["height"], meta["width"]
    images = torch.from_numpy(np.fromfile(os.path.join(folder, "train-images.u8"), dtype=np.uint8).reshape(n, c, h, w))
    labels = torch.from_numpy(np.fromfile(os.path.join(folder, "train-labels.i64"), dtype=np.int64))
    return images, labels, meta["mean"][0], meta["std"][0]


def batches(images, labels, mean, std, batch, seed, epoch):
    order = torch.randperm(len(labels), generator=torch.Generator().manual_seed(seed + epoch))
    scale, shift = 1.0 / (255.0 * std), -mean / std
    for b in range(len(labels) // batch):
        index = order[b * batch:(b + 1) * batch]
        x = images.index_select(0, index).float().mul_(scale).add_(shift)
        yield x, labels.index_select(0, index)


def run(args, data, steps):
    images, labels, mean, std = data
    torch.manual_seed(1)
    model = SmallCnn().train()
    if args.channels_last:
        model = model.to(memory_format=torch.channels_last)
    base_lr = 0.1 * args.batch / 256
    opt = torch.optim.SGD(model.parameters(), lr=base_lr, momentum=0.9, nesterov=True, weight_decay=5e-4)
    t_max = len(labels) // args.batch  # one epoch, as FashionBaseline with Epochs = 1
    start = time.perf_counter()
    loss_value = float("nan")
    for step, (x, y) in enumerate(batches(images, labels, mean, std, args.batch, seed=1, epoch=0)):
        if step == steps:
            break
        if args.channels_last:
            x = x.contiguous(memory_format=torch.channels_last)
        lr = base_lr * (1 + math.cos(math.pi * step / t_max)) / 2  # CosineAnnealingLR, eta_min 0, closed form
        for g in opt.param_groups:
            g["lr"] = lr
        opt.zero_grad()
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=args.autocast):
            loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        loss_value = loss.item()
    return time.perf_counter() - start, loss_value


def machine_busy_seconds():
    f = open("/proc/stat").readline().split()
    return sum(int(f[i]) for i in (1, 2, 3, 6, 7, 8)) / os.sysconf("SC_CLK_TCK")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--steps", type=int, default=150)
    ap.add_argument("--warmup", type=int, default=10)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--channels-last", action="store_true")
    ap.add_argument("--autocast", action="store_true", help="bf16 autocast, PyTorch's mixed precision (vs FashionBaselineAmp)")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    data = load(args.data)
    run(args, data, args.warmup)
    cpu, busy = time.process_time(), machine_busy_seconds()
    seconds, last = run(args, data, args.steps)
    cpu, busy = time.process_time() - cpu, machine_busy_seconds() - busy
    print(json.dumps({"side": "pytorch", "version": torch.__version__, "mode": ("bf16-autocast" if args.autocast else "fp32") + ("-cl" if args.channels_last else ""),
                      "threads": torch.get_num_threads(), "batch": args.batch, "steps": args.steps, "seconds": seconds,
                      "images_per_second": args.steps * args.batch / seconds, "last_loss": last,
                      "foreign_cpu_share": max(0.0, busy - cpu) / (os.cpu_count() * seconds)}))


if __name__ == "__main__":
    main()
