"""Summarises bench/Amp/run.sh's measurements: medians, per-repeat ratios, the acceptance targets.

  python summarize.py RAW.jsonl OUT_PREFIX "conditions" "command"   → OUT_PREFIX.json, OUT_PREFIX.md (also printed)
"""
import json, statistics, sys

raw, out, conditions, command = sys.argv[1:5]
rows = [json.loads(line) for line in open(raw) if line.strip()]
attempts = [r for r in rows if "images_per_second" in r]
# Undisturbed measurements only (see run.sh), unless a run has none, which the table then says.
speed = [r for r in attempts if r.get("clean", True)]
labels = ["gen-fp32", "gen-amp", "ts-fp32", "ts-amp", "ts-amp-nchw", "ts-amp-fp16", "py-fp32", "py-bf16", "py-bf16cl"]
names = {
    "gen-fp32": "generated FashionBaseline (fp32), real data", "gen-amp": "generated FashionBaselineAmp ([Amp] bf16), real data",
    "ts-fp32": "TorchSharp fp32", "ts-amp": "TrainDsl [Amp] bf16 (MixedPrecision)",
    "ts-amp-nchw": "TrainDsl [Amp] bf16, NCHW (ablation)", "ts-amp-fp16": "TrainDsl [Amp(Float16)] with loss scaling",
    "py-fp32": "PyTorch fp32",
    "py-bf16": "PyTorch bf16 autocast", "py-bf16cl": "PyTorch bf16 autocast + channels_last",
}
by = {l: [r for r in speed if r["label"] == l] or [r for r in attempts if r["label"] == l] for l in labels}
all_clean = {l: all(r.get("clean", True) for r in by[l]) for l in labels if by[l]}
median = {l: statistics.median(r["images_per_second"] for r in v) for l, v in by.items() if v}

ratios_def = {
    "generated: FashionBaselineAmp / FashionBaseline": ("gen-amp", "gen-fp32", 2.3),
    "generated FashionBaselineAmp / py-bf16-autocast": ("gen-amp", "py-bf16", 1.0),
    "amp / ts-fp32": ("ts-amp", "ts-fp32", 2.3),
    "amp / py-bf16-autocast": ("ts-amp", "py-bf16", 1.0),
    "amp / py-bf16-autocast-channels-last": ("ts-amp", "py-bf16cl", None),
    "amp / amp-nchw": ("ts-amp", "ts-amp-nchw", None),
    "amp-fp16 / ts-fp32": ("ts-amp-fp16", "ts-fp32", None),
    "py-bf16-autocast / py-fp32": ("py-bf16", "py-fp32", None),
    "ts-fp32 / py-fp32": ("ts-fp32", "py-fp32", None),
}
repeats = sorted({r["repeat"] for r in attempts})
ratios = {}
for name, (a, b, target) in ratios_def.items():
    per = []
    for k in repeats:
        x = [r["images_per_second"] for r in by.get(a, []) if r["repeat"] == k]
        y = [r["images_per_second"] for r in by.get(b, []) if r["repeat"] == k]
        if x and y:
            per.append(x[0] / y[0])
    if per:
        ratios[name] = {"median_of_repeat_ratios": statistics.median(per), "per_repeat": per,
                        "ratio_of_medians": median[a] / median[b], "target": target,
                        "met": None if target is None else statistics.median(per) >= target}

runs = [r for r in rows if r.get("what") == "accuracy"]
seeds = sorted({r["seed"] for r in runs})
acc = None
pairs = [(next(r for r in runs if r["seed"] == s and r["mode"] == "fp32"), next(r for r in runs if r["seed"] == s and r["mode"] == "amp"))
         for s in seeds if {"fp32", "amp"} <= {r["mode"] for r in runs if r["seed"] == s}]
if pairs:
    diffs = [100 * (a["test_accuracy"] - f["test_accuracy"]) for f, a in pairs]
    mean_diff = statistics.mean(diffs)
    acc = {"epochs": pairs[0][0]["epochs"], "threads": pairs[0][0]["threads"],
           "per_seed": [{"seed": f["seed"], "fp32_test_accuracy": f["test_accuracy"], "amp_test_accuracy": a["test_accuracy"],
                         "difference_points": d, "fp32_seconds": f["seconds"], "amp_seconds": a["seconds"]}
                        for (f, a), d in zip(pairs, diffs)],
           "mean_fp32": statistics.mean(f["test_accuracy"] for f, _ in pairs),
           "mean_amp": statistics.mean(a["test_accuracy"] for _, a in pairs),
           "mean_difference_points": mean_diff, "target_points": 0.3, "met": abs(mean_diff) <= 0.3}

idle = [r["idle_before"] for r in attempts if "idle_before" in r]
disturbed = sum(1 for r in attempts if not r.get("clean", True))
result = {
    "benchmark": "bench/Amp", "command": command, "conditions": conditions,
    "setup": "SmallCnn(1, 10), batch 128, 28x28 random input (8-batch pool, same on both sides), SGD lr 0.05 "
             "Nesterov momentum 0.9 wd 5e-4, threads %s; the generated rows run examples/FashionMnist's FashionBaseline and "
             "FashionBaselineAmp on real Fashion-MNIST (per-step cosine too), two epochs of as many steps, the second epoch's "
             "training throughput" % (attempts[0]["threads"] if attempts else "?"),
    "steps_per_measurement": attempts[0]["steps"] if attempts else None,
    "measurements": len(attempts), "disturbed_and_dropped": disturbed,
    "idle_percent_before_measurements": [min(idle), max(idle)] if idle else None,
    "images_per_second_median": {l: median[l] for l in labels if l in median},
    "images_per_second_used": {l: [r["images_per_second"] for r in v] for l, v in by.items() if v},
    "cpu_utilization_used": {l: [round(r.get("cpu_utilization", 0), 2) for r in v] for l, v in by.items() if v},
    "foreign_cpu_share_used": {l: [round(r.get("foreign_cpu_share", 0), 3) for r in v] for l, v in by.items() if v},
    "all_used_were_clean": all_clean,
    "ratios": ratios, "accuracy": acc,
    "pytorch_version": next((r["version"] for r in attempts if r["side"] == "pytorch"), None),
}
json.dump(result, open(f"{out}.json", "w"), indent=1)

md = [f"# Mixed precision: TrainDsl [Amp] vs fp32 and PyTorch bf16 autocast", ""]
if attempts:
    md += [
      f"`{command}` — {conditions}; {result['setup']}; {result['steps_per_measurement']} timed steps per measurement "
      f"after 10 warmup, {len(repeats)} repeats, sides alternating. {len(attempts)} measurements, {disturbed} dropped "
      f"because other processes used > 5% of the machine's CPU time during them"
      + (f"; idle share of the cores before each: {min(idle)}–{max(idle)}%." if idle else "."), "",
      "| run | median img/s | measurements used | CPU s / s |", "|---|---:|---|---|"]
else:
    md += [f"`{command}` — {conditions}."]
for l in labels:
    if l in median:
        flag = "" if all_clean[l] else " (none undisturbed: all attempts)"
        md.append(f"| {names[l]} | {median[l]:.0f} | {', '.join(f'{v:.0f}' for v in result['images_per_second_used'][l])}{flag} "
                  f"| {', '.join(f'{v:.2f}' for v in result['cpu_utilization_used'][l])} |")
if ratios:
    md += ["", "| ratio | median of per-repeat ratios | ratio of medians | target |", "|---|---:|---:|---|"]
for name, r in ratios.items():
    t = "" if r["target"] is None else f"≥ {r['target']} {'met' if r['met'] else 'NOT met'}"
    md.append(f"| {name} | {r['median_of_repeat_ratios']:.2f} | {r['ratio_of_medians']:.2f} | {t} |")
if acc:
    md += ["", f"Final test accuracy, full Fashion-MNIST, {acc['epochs']} epochs, FashionBaseline's recipe "
           f"(batch 128, SGD Nesterov, cosine), threads {acc['threads']}, evaluated in fp32:", "",
           "| seed | fp32 | [Amp] bf16 | difference (points) | time fp32 / [Amp] |", "|---|---:|---:|---:|---|"]
    for p in acc["per_seed"]:
        md.append(f"| {p['seed']} | {100 * p['fp32_test_accuracy']:.2f}% | {100 * p['amp_test_accuracy']:.2f}% | "
                  f"{p['difference_points']:+.2f} | {p['fp32_seconds']:.0f} s / {p['amp_seconds']:.0f} s |")
    md += [f"| mean | {100 * acc['mean_fp32']:.2f}% | {100 * acc['mean_amp']:.2f}% | {acc['mean_difference_points']:+.2f} "
           f"(target within 0.3: {'met' if acc['met'] else 'NOT met'}) | |"]
open(f"{out}.md", "w").write("\n".join(md) + "\n")
print("\n".join(md))
