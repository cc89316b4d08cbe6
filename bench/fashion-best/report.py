"""bench/results/fashion-best.md from bench/results/fashion-best.jsonl: FashionBest's final-epoch test accuracy per
seed, grouped by experiment (FashionBest, or FashionBestAmp with [Amp]), CPU and model (FashionBest's model changed as selection went on), with the mean and sample standard deviation and issue #19's acceptance checks."""
import json, statistics, sys
from collections import defaultdict

lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
by_cpu = defaultdict(list)
for l in lines:
    by_cpu[(l.get("experiment", "FashionBest"), l["cpu"], l["bf16"], l["model"], l["options"])].append(l)
print("# FashionBest on the official Fashion-MNIST test set")
print()
print("`bash bench/fashion-best/run.sh SEED...` trains `FashionBest` (examples/FashionMnist; `EXPERIMENT=FashionBestAmp` its `[Amp]` variant) once per seed on an otherwise")
print("idle machine. Accuracy is the final epoch's; the validation columns are the held-out tenth of the training set,")
print("which selects. Wall time is the whole `train` command. Acceptance (issue #19): every seed ≥ 94.80 %, mean ≥ 95.00 %,")
print("every run ≤ 60 min.")
for (experiment, cpu, bf16, model, options), runs in by_cpu.items():
    print()
    print(f"## {experiment}: {model} on {cpu} (bf16 instructions: {bf16}){' with ' + options if options else ''}")
    print()
    print("| seed | final test | final val | best val (epoch) | wall | other processes' CPU | status |")
    print("|---:|---:|---:|---:|---:|---:|---|")
    for r in sorted(runs, key=lambda r: r["seed"]):
        print(f"| {r['seed']} | {100 * r['finalTestAccuracy']:.2f} % | {100 * r['finalValAccuracy']:.2f} % | "
              f"{100 * r['bestValAccuracy']:.2f} % ({r['bestValEpoch']}) | {r['wallSeconds'] / 60:.1f} min | "
              f"{100 * r['othersCpuShare']:.1f} % | {r['status']} |")
    tests = [100 * r["finalTestAccuracy"] for r in runs]
    mean = statistics.mean(tests)
    sd = statistics.stdev(tests) if len(tests) > 1 else float("nan")
    walls = [r["wallSeconds"] for r in runs]
    print()
    spread = f"± {sd:.2f} (sample sd)" if len(tests) > 1 else "(one seed: no spread yet)"
    print(f"Mean {mean:.2f} % {spread} over {len(tests)} seed(s); lowest {min(tests):.2f} %; "
          f"longest run {max(walls) / 60:.1f} min.")
    checks = [("every seed ≥ 94.80 %", min(tests) >= 94.8), ("mean ≥ 95.00 %", mean >= 95.0),
              ("every run ≤ 60 min", max(walls) <= 3600), ("3 seeds", len(tests) >= 3)]
    print("Acceptance: " + "; ".join(f"{name}: {'met' if ok else 'NOT met'}" for name, ok in checks) + ".")
