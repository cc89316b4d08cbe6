"""PyTorch side of bench/peak: the training step of the same model as Peak.cs, at its best eager settings.

  python bench/peak/peer_step.py [--model Wrn16x4] [--batch 128] [--threads 2] [--steps 20] [--warmup 5] [--repeats 3]
                                 [--modes fp32,bf16cl] [--budget 60]
Modes: fp32; bf16cl = torch.autocast("cpu", bfloat16) with a channels_last model and input (PyTorch's best CPU setting
for bf16 convolutions); bf16 = autocast alone. One JSON line per mode on stdout:
  {"side": "pytorch", "torch": ..., "model": ..., "batch": ..., "mode": ..., "step_seconds": median, "images_per_second": ...,
   "flops_per_image": forward FLOPs counted here, "foreign_cpu_share": ...}

The step is Peak.cs's: SGD (lr 0.05, Nesterov momentum 0.9, weight decay 5e-4), cross-entropy on fp32 logits, loss.item()
every step, a pool of 4 random 1x28x28 batches cycled. The models are the repository's PyTorch twins: WideResNet from
tests/references/wide_resnet.py (state-dict keys equal to TrainDsl's) and SmallCnn from bench/smallcnn.py.
"""
import argparse
import json
import os
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "references"))
sys.path.insert(0, os.path.join(HERE, ".."))
from smallcnn import SmallCnn  # noqa: E402
from wide_resnet import BUILT_IN, WideResNet  # noqa: E402


def create(name, in_channels=1, classes=10):
    if name in BUILT_IN:
        depth, k = BUILT_IN[name]
        return WideResNet(depth, k, in_channels, classes)
    if name == "SmallCnn":
        return SmallCnn(in_channels, classes)
    if name == "WideCnn":
        return SmallCnn(in_channels, classes, widen=2)
    raise SystemExit(f"--model is SmallCnn, WideCnn or one of {', '.join(BUILT_IN)} on the PyTorch side, not {name!r}")


def forward_flops(model, shape):
    """2 per multiply-add of every Conv2d and Linear, from one eval forward (as TrainDsl's ModelFlops counts)."""
    total = 0

    def conv(m, _, out):
        nonlocal total
        total += 2 * out.numel() * m.weight.shape[1] * m.weight.shape[2] * m.weight.shape[3]

    def linear(m, _, out):
        nonlocal total
        total += 2 * out.numel() * m.weight.shape[1]

    hooks = [m.register_forward_hook(conv if isinstance(m, nn.Conv2d) else linear)
             for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    was_training = model.training
    model.eval()
    with torch.no_grad():
        model(torch.zeros(shape))
    model.train(was_training)
    for h in hooks:
        h.remove()
    return total


def machine_busy_seconds():
    """Busy CPU seconds of the whole machine, from /proc/stat (user, nice, system, irq, softirq, steal)."""
    f = open("/proc/stat").readline().split()
    return sum(int(f[i]) for i in (1, 2, 3, 6, 7, 8)) / os.sysconf("SC_CLK_TCK")


def fit(one_call, repeats, iters, budget):
    """Peak.cs's Budget.Fit: repeats and iterations cut so that their calls fit the budget; at least one each."""
    if repeats * iters * one_call <= budget:
        return repeats, iters
    iters = max(1, int(budget / (repeats * one_call)))
    if iters == 1:
        repeats = min(max(1, int(budget / one_call)), repeats)
    return repeats, iters


def measure(args, mode, flops):
    g = torch.Generator().manual_seed(0)
    data = [(torch.randn(args.batch, 1, 28, 28, generator=g), torch.randint(0, 10, (args.batch,), generator=g))
            for _ in range(4)]
    torch.manual_seed(1)
    model = create(args.model).train()
    if mode == "bf16cl":
        model = model.to(memory_format=torch.channels_last)
        data = [(x.to(memory_format=torch.channels_last), y) for x, y in data]
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, nesterov=True, weight_decay=5e-4)
    counter = [0]

    def step():
        x, y = data[counter[0] % len(data)]
        counter[0] += 1
        opt.zero_grad()
        if mode.startswith("bf16"):
            with torch.autocast("cpu", dtype=torch.bfloat16):
                logits = model(x)
        else:
            logits = model(x)
        loss = F.cross_entropy(logits.float(), y)
        loss.backward()
        opt.step()
        return loss.item()

    # Peak.cs's budget: the warm-up stops after a third of it (at least one step), the timed blocks shrink to fit it.
    warm0 = time.perf_counter()
    for w in range(max(1, args.warmup)):
        if w > 0 and time.perf_counter() - warm0 >= args.budget / 3:
            break
        t0 = time.perf_counter()
        step()
        one = time.perf_counter() - t0
    repeats, steps = fit(one, args.repeats, args.steps, args.budget)
    times = []
    cpu0, busy0, wall0 = time.process_time(), machine_busy_seconds(), time.perf_counter()
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(steps):
            last = step()
        times.append((time.perf_counter() - t0) / steps)
    wall = time.perf_counter() - wall0
    foreign = max(0.0, machine_busy_seconds() - busy0 - (time.process_time() - cpu0)) / (os.cpu_count() * wall)
    seconds = statistics.median(times)
    return {"side": "pytorch", "torch": torch.__version__, "model": args.model, "batch": args.batch, "mode": mode,
            "threads": args.threads, "steps": steps, "repeats": repeats, "timed": steps * repeats, "step_seconds": seconds,
            "images_per_second": args.batch / seconds, "flops_per_image": flops,
            "gflops": 3 * flops * args.batch / seconds / 1e9, "last_loss": last, "foreign_cpu_share": foreign}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", default="Wrn16x4")
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--modes", default="fp32,bf16cl")
    p.add_argument("--budget", type=float, default=60, help="seconds for each mode's timed steps at most (as Peak.cs)")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    flops = forward_flops(create(args.model), (1, 1, 28, 28))
    for mode in args.modes.split(","):
        if mode not in ("fp32", "bf16", "bf16cl"):
            raise SystemExit(f"--modes takes fp32, bf16 and bf16cl, not {mode!r}")
        print(json.dumps(measure(args, mode, flops)), flush=True)


if __name__ == "__main__":
    main()
