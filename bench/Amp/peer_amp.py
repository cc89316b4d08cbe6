"""PyTorch side of bench/Amp: SmallCnn (src/TrainDsl/Models/SmallCnn.cs, layer for layer) trained with
SGD (Nesterov momentum 0.9, weight decay 5e-4) in fp32 or under torch.autocast("cpu", bfloat16).

  python peer_amp.py bench --mode fp32|bf16|bf16cl|bf16copy [--steps N --warmup W --batch B --threads T]
      bf16 is plain autocast (the reference); bf16cl adds channels_last model and input (for information);
      bf16copy is TrainDsl's MixedPrecision scheme written in PyTorch (fp32 master, bf16 channels-last working
      copy with fp32 BatchNorm sharing the master's storage, gradients cast into one fp32 buffer)
      prints one JSON line: {"side": "pytorch", "mode": ..., "images_per_second": ...}
  python peer_amp.py gradients
      relative error of autocast-bf16 gradients against fp32 ones, per parameter, as JSON

The input is the same on both sides: a pool of 8 random batches (normal pixels, uniform labels),
cycled; speed does not depend on the pixel values.
"""
import argparse, json, math, os, sys, time

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from smallcnn import SmallCnn  # noqa: E402  (bench/smallcnn.py, shared with peer_fp32.py)


def batches(batch, pool=8, seed=0):
    g = torch.Generator().manual_seed(seed)
    return [(torch.randn(batch, 1, 28, 28, generator=g), torch.randint(0, 10, (batch,), generator=g))
            for _ in range(pool)]


def machine_busy_seconds():
    """Busy CPU seconds of the whole machine, from /proc/stat (user, nice, system, irq, softirq, steal)."""
    f = open("/proc/stat").readline().split()
    return sum(int(f[i]) for i in (1, 2, 3, 6, 7, 8)) / os.sysconf("SC_CLK_TCK")


def bench(args):
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    model = SmallCnn().train()
    data = batches(args.batch)
    if args.mode == "bf16copy":
        return bench_copy(args, model, data)
    if args.mode == "bf16cl":
        model = model.to(memory_format=torch.channels_last)
        data = [(x.to(memory_format=torch.channels_last), y) for x, y in data]
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, nesterov=True, weight_decay=5e-4)

    def step(i):
        x, y = data[i % len(data)]
        opt.zero_grad()
        if args.mode.startswith("bf16"):
            with torch.autocast("cpu", dtype=torch.bfloat16):
                logits = model(x)
        else:
            logits = model(x)
        loss = F.cross_entropy(logits.float(), y)
        loss.backward()
        opt.step()
        return loss.item()

    timed(args, step)


def bench_copy(args, master, data):
    import copy
    work = copy.deepcopy(master)
    norms = [m for m in work.modules() if isinstance(m, nn.modules.batchnorm._BatchNorm)]
    work.to(torch.bfloat16)
    for n in norms:
        n.float()
    work = work.to(memory_format=torch.channels_last)
    mp, wp = list(master.parameters()), list(work.parameters())
    for a, b in zip(mp, wp):
        if b.dtype == torch.float32:
            b.data = a.data
    for a, b in zip(master.buffers(), work.buffers()):
        b.data = a.data
    refresh = [i for i, b in enumerate(wp) if b.dtype != torch.float32]
    flat = torch.zeros(sum(p.numel() for p in mp))
    views, o = [], 0
    for p in mp:
        views.append(flat[o:o + p.numel()].view_as(p))
        o += p.numel()
    opt = torch.optim.SGD(master.parameters(), lr=0.05, momentum=0.9, nesterov=True, weight_decay=5e-4)

    def step(i):
        x, y = data[i % len(data)]
        opt.zero_grad()
        with torch.no_grad():
            for j in refresh:
                wp[j].copy_(mp[j])
        loss = F.cross_entropy(work(x.to(torch.bfloat16).contiguous(memory_format=torch.channels_last)).float(), y)
        loss.backward()
        with torch.no_grad():
            for v, a, b in zip(views, mp, wp):
                v.copy_(b.grad)
                a.grad = v
                b.grad = None
        opt.step()
        return loss.item()

    timed(args, step)


def timed(args, step):
    for i in range(args.warmup):
        step(i)
    start, cpu, busy = time.perf_counter(), time.process_time(), machine_busy_seconds()
    for i in range(args.steps):
        last = step(i)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    busy = machine_busy_seconds() - busy
    print(json.dumps({"side": "pytorch", "version": torch.__version__, "mode": args.mode, "threads": args.threads,
                      "batch": args.batch, "steps": args.steps, "seconds": seconds,
                      "images_per_second": args.steps * args.batch / seconds, "last_loss": last,
                      "cpu_utilization": cpu_seconds / seconds,
                      "foreign_cpu_share": max(0.0, busy - cpu_seconds) / (os.cpu_count() * seconds)}))


def seeded(model, seed=3):
    """Weights and a batch anyone can rebuild from one torch.Generator: MixedPrecisionTests does the same in C#."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if p.dim() > 1:
                p.copy_(torch.randn(p.shape, generator=g) * math.sqrt(2.0 / p[0].numel()))
            elif name.endswith("weight"):
                p.fill_(1.0)
            else:
                p.zero_()
    return torch.randn(32, 1, 28, 28, generator=g), torch.randint(0, 10, (32,), generator=g)


def gradients(args):
    torch.set_num_threads(args.threads)
    model = SmallCnn().train()
    x, y = seeded(model)
    start = {n: t.clone() for n, t in model.state_dict().items()}
    loss = F.cross_entropy(model(x), y)
    loss.backward()
    fp32 = {n: p.grad.clone() for n, p in model.named_parameters()}
    out = {"fp32_loss": loss.item(), "fp32_grad_norm": {n: g.norm().item() for n, g in fp32.items()}}
    for dtype in ("bfloat16", "float16"):
        model.load_state_dict(start)
        model.zero_grad()
        with torch.autocast("cpu", dtype=getattr(torch, dtype)):
            logits = model(x)
        F.cross_entropy(logits.float(), y).backward()
        out[f"autocast_{dtype}_relative_error"] = {n: ((p.grad - fp32[n]).norm() / fp32[n].norm()).item()
                                                  for n, p in model.named_parameters()}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("what", choices=["bench", "gradients"])
    ap.add_argument("--mode", choices=["fp32", "bf16", "bf16cl", "bf16copy"], default="bf16")
    ap.add_argument("--steps", type=int, default=100)
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    bench(a) if a.what == "bench" else gradients(a)
