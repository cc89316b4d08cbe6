"""Combines bench/run.sh's results into bench/results/peer-fp32.json and bench/results/README.md (also printed).

  python3 report.py RESULTS_DIR "conditions" "command"

Reads whatever is there: overhead.json, overhead-full.json, peer-fp32.raw.jsonl, tricks.json, micro.json, and the results other
benchmarks write (memory.json, generator.json, amp.json). Standard library only.
"""
import datetime, json, os, statistics, sys

out, conditions, command = sys.argv[1:4]


def load(name):
    path = os.path.join(out, name)
    return json.load(open(path)) if os.path.exists(path) else None


def pct(x):
    return f"{100 * x:.1f} %"


def noise(values):
    """Spread of repeats as ± half the min-max range relative to the median."""
    if len(values) < 2:
        return "one run"
    m = statistics.median(values)
    return f"± {100 * (max(values) - min(values)) / 2 / m:.0f} % (min–max/2)"


rows = []  # (what, result, target, met, command)

for name, label in (("overhead.json", "FashionBaseline"), ("overhead-full.json", "FashionFullRecipe")):
    r = load(name)
    if r:
        rows.append((f"generated loop / hand-written TorchSharp, {label} ({r['steps']} steps, {r['reps']} reps)",
                     f"{r['medianRatio']:.3f}× ({r['generatedImagesPerSecond']:.0f} vs {r['handWrittenImagesPerSecond']:.0f} img/s); "
                     f"repeats {', '.join(f'{x:.2f}' for x in r['ratios'])}",
                     "≥ 0.99×", r["medianRatio"] >= 0.99, f"overhead {r.get('recipe', 'baseline')}"))

raw = os.path.join(out, "peer-fp32.raw.jsonl")
if os.path.exists(raw):
    lines = [json.loads(l) for l in open(raw) if l.strip().startswith("{")]
    labels = sorted({l["label"] for l in lines})
    med = {k: statistics.median(l["images_per_second"] for l in lines if l["label"] == k) for k in labels}
    def per_repeat(a, b):
        res = []
        for rep in sorted({l["repeat"] for l in lines}):
            x = [l["images_per_second"] for l in lines if l["label"] == a and l["repeat"] == rep]
            y = [l["images_per_second"] for l in lines if l["label"] == b and l["repeat"] == rep]
            if x and y:
                res.append(x[0] / y[0])
        return res
    pairs = {"traindsl / pytorch": ("traindsl", "pytorch", 1.05),
             "traindsl [Amp] (FashionBaselineAmp) / pytorch bf16 autocast": ("traindsl-amp", "pytorch-bf16", 1.05),
             "traindsl [Amp] / traindsl fp32": ("traindsl-amp", "traindsl", 2.3),
             "traindsl / traindsl with glibc's allocator defaults (TRAINDSL_TUNE_MALLOC=0)": ("traindsl", "traindsl-untuned", None),
             "traindsl with glibc's allocator defaults / pytorch": ("traindsl-untuned", "pytorch", None), "traindsl / pytorch channels_last": ("traindsl", "pytorch-cl", None),
             "traindsl / pytorch, both malloc-tuned": ("traindsl-malloc", "pytorch-malloc", None),
             "traindsl malloc-tuned / traindsl": ("traindsl-malloc", "traindsl", None),
             "pytorch malloc-tuned / pytorch": ("pytorch-malloc", "pytorch", None)}
    ratios = {}
    for name, (a, b, target) in pairs.items():
        pr = per_repeat(a, b)
        if pr:
            ratios[name] = {"median_of_repeat_ratios": statistics.median(pr), "per_repeat": pr,
                            "ratio_of_medians": med[a] / med[b], "target": target,
                            "met": None if target is None else statistics.median(pr) >= target}
    summary = {"benchmark": "TrainDsl (generated FashionBaseline loop) vs PyTorch 2.6 eager, fp32, SmallCnn, batch 128, "
                            "SGD Nesterov 0.9 / wd 5e-4, per-step cosine, real Fashion-MNIST, threads 2",
               "images_per_second_median": med, "ratios": ratios,
               "foreign_cpu_share": {k: [l["foreign_cpu_share"] for l in lines if l["label"] == k] for k in labels},
               "idle_before": [l["idle_before"] for l in lines], "measurements": lines}
    json.dump(summary, open(os.path.join(out, "peer-fp32.json"), "w"), indent=1)
    for name, r in ratios.items():
        a, b, _ = pairs[name]
        rows.append((f"{name}{'' if 'Amp' in name else ', fp32'} ({len(r['per_repeat'])} repeats)",
                     f"{r['median_of_repeat_ratios']:.3f}× ({med[a]:.0f} vs {med[b]:.0f} img/s); repeats "
                     + ", ".join(f"{x:.2f}" for x in r["per_repeat"]),
                     f"≥ {r['target']}×" if r["target"] else "", r["met"], "peer"))

t = load("tricks.json")
if t:
    v = {x["variant"]: x for x in t["variants"]}
    for name in ("mixup", "cutmix", "fmix", "label-smoothing", "distillation"):
        if name in v:
            x = v[name]
            target = "≤ 3 %" if name in ("mixup", "cutmix", "fmix") else ""
            direct = x["directShare"]
            what = {"distillation": "distillation loss (teacher forward below)"}.get(name, name)
            rows.append((f"{what}: cost per step / plain step ({t['plainStepMs']:.0f} ms)",
                         f"{pct(direct)} direct; {pct(x['differenceShare'])} step difference ({noise(x['stepMsPerRound'])} over rounds)",
                         target, (direct <= 0.03) if target else None, "tricks"))
    rows.append(("teacher forward (ResNet-20, no grad) / plain SmallCnn step", pct(t["teacherForwardShare"]), "", None, "tricks"))
    rows.append(("data loader (batch gathering) / step", pct(t["loaderShare"]), "", None, "tricks"))
    rows.append(("optimizer (zero_grad + SGD step) / step", pct(t["optimizerShare"]), "", None, "tricks"))
    for name, what in (("one-thread", "1 thread instead of 2"), ("channels-last", "channels-last fp32")):
        if name in v:
            rows.append((f"{what}: step time vs plain", f"{v[name]['stepMs']:.1f} vs {t['plainStepMs']:.1f} ms ({v[name]['differenceShare']:+.1%})", "", None, "tricks --settings"))
    e = t["evaluation"]
    rows.append((f"evaluation of {e['images']:,} test images / epoch ({e['stepsPerEpoch']} steps + evaluation)",
                 f"{pct(e['share'])} ({e['seconds']:.2f} s of {e['epochSeconds']:.1f} s)", "", None, "tricks"))

m = load("memory.json")
if m:
    rows.append((f"native memory over {m['epochs']} epochs",
                 f"live tensors {m['liveTensors'][0]}→{m['liveTensors'][-1]}, RSS {m['rssMiB'][0]:.0f}→{m['rssMiB'][-1]:.0f} MiB", "", None, "--memory"))
g = load("generator.json")
if g:
    for mode, label in (("cold", "a cold compiler per build"), ("server", "the warm compiler server")):
        c = g.get(mode)
        if not c:
            continue
        rows.append((f"build of 100 experiments, {label}: the generator vs its output as ordinary source ({g['reps']} reps)",
                     f"{c['generatorOwnSeconds']:+.2f} s ({c['medianWith']:.2f} vs {c['medianAsSource']:.2f} s); "
                     f"the compiler reports {c['medianGeneratorExecution']:.2f} s of generator execution",
                     "≤ 0.5 s", c["generatorOwnSeconds"] <= 0.5, "--generator"))
        rows.append((f"build of 100 experiments, {label}: with the generator vs the attributed classes alone ({g['generatedLines']:,} generated lines)",
                     f"+{c['addedSeconds']:.2f} s ({c['medianWith']:.2f} vs {c['medianWithout']:.2f} s), of which compiling the generated code "
                     f"+{c['compileOfGeneratedCode']:.2f} s", "", None, "--generator"))
m = load("micro.json")
if m:
    stats = {b["Method"]: b["Statistics"]["Median"] / 1000 for b in m["Benchmarks"]}  # ns -> µs
    titles = {b["Method"]: b["MethodTitle"].strip("'") for b in m["Benchmarks"]}
    step = stats.pop("Step")
    for method, us in stats.items():
        rows.append((f"{titles[method]}, alone (BenchmarkDotNet median)", f"{us:.1f} µs = {100 * us / step:.2f} % of a {step / 1000:.1f} ms training step",
                     "≤ 3 %" if "Mix" in method else "", (us / step <= 0.03) if "Mix" in method else None, "micro"))

a = load("amp.json")
if a:
    rows.append(("mixed precision (bench/Amp)", "see amp.md", "", None, "--amp"))

def shares(d):
    v = d.get("foreignCpuShare", d.get("foreign_cpu_share", []))
    return [x for xs in v.values() for x in xs] if isinstance(v, dict) else list(v)
foreign = [x for n in ("overhead.json", "overhead-full.json", "peer-fp32.json", "tricks.json") if load(n) for x in shares(load(n))]
quiet = bool(foreign) and max(foreign) <= 0.05
md = ["# Benchmark results", "",
      f"Conditions: {conditions}. Command: `{command}`.", "",
      "Files (UTC time written; parts not re-run keep earlier results): " + ", ".join(
          f"{n} {datetime.datetime.fromtimestamp(os.path.getmtime(os.path.join(out, n)), datetime.timezone.utc):%Y-%m-%dT%H:%MZ}"
          for n in sorted(os.listdir(out)) if n.endswith(".json") or n.endswith(".jsonl")) + ".", "",
      (f"Quiet machine: other processes used at most {100 * max(foreign):.1f} % of the CPU during any measurement of the suite."
       if quiet else
       "Provisional: measured on a shared 2-core machine while other jobs ran (other processes used up to "
       f"{100 * max(foreign or [0]):.0f} % of the CPU during a measurement)."),
      "The JSON files hold every repeat and that share for each. Ratios are medians of per-repeat ratios.", "",
      "| what | result | target | met | run.sh part |", "|---|---|---|---|---|"]
for what, result, target, met, part in rows:
    md.append(f"| {what} | {result} | {target} | {'' if met is None else ('yes' if met else 'no')} | {part} |")
text = "\n".join(md) + "\n"
open(os.path.join(out, "README.md"), "w").write(text)
print(text)
