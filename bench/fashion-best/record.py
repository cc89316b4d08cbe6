"""One JSON line for a finished FashionBest (or FashionBestAmp) run (bench/fashion-best/run.sh): final-epoch metrics from its metrics.csv,
wall time and the CPU share other processes took meanwhile."""
import argparse, csv, json, os

p = argparse.ArgumentParser()
for name in ["run", "experiment", "seed", "cpu", "bf16", "wall", "own-cpu", "machine-busy", "machine-total", "ticks", "options"]:
    p.add_argument("--" + name, required=True)
a = p.parse_args()
rows = list(csv.DictReader(open(os.path.join(a.run, "metrics.csv"))))
summary = json.load(open(os.path.join(a.run, "summary.json")))
plan = json.load(open(os.path.join(a.run, "plan.json")))
final = rows[-1]
best = max(rows, key=lambda r: float(r["val_accuracy"]))  # the validation set's pick, as best.bin's
ticks = float(a.ticks)
busy, total = int(a.machine_busy) / ticks, int(a.machine_total) / ticks
others = max(0.0, busy - float(a.own_cpu)) / total if total > 0 else 0.0
print(json.dumps({
    "experiment": a.experiment, "cpu": a.cpu, "bf16": a.bf16, "model": plan["model"], "seed": int(a.seed), "options": a.options, "status": summary["status"],
    "epochs": len(rows), "finalValAccuracy": float(final["val_accuracy"]), "finalTestAccuracy": float(final["test_accuracy"]),
    "bestValEpoch": int(best["epoch"]), "bestValAccuracy": float(best["val_accuracy"]),
    "wallSeconds": round(float(a.wall), 1), "othersCpuShare": round(others, 4), "run": a.run.rstrip("/"),
}))
