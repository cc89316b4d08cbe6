#!/usr/bin/env bash
# The #20 acceptance run, end to end with the real exporter: export-torch, torchrun with 2 processes (CPU, gloo,
# 1 thread each) in the PyTorch peer, the same recipe in TrainDsl, and the weights evaluated both ways.
# Small enough to rerun: FashionBaseline for 2 epochs on 12,000 training images (TrainLimit, after the
# validation hold-out) and the whole test set; FashionFullRecipe for 2 epochs (1 of warmup) on 6,000 and 2,000 test images.
#   bash bench/torchrun/acceptance.sh            (from the repository root; writes bench/results/torchrun.md)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
app="dotnet examples/FashionMnist/bin/Release/net10.0/FashionMnist.dll"
work=bench/torchrun/.work
rm -rf "$work" && mkdir -p "$work/data"
dotnet build examples/FashionMnist -c Release -v quiet -nologo >/dev/null
# The peer sees only this repository (at /host): the IDX files are copied under it.
cp /usr/share/datasets/fashion-mnist/*-ubyte.gz "$work/data/"

peer() { flock /tmp/peer.lock bash /work/shared/peer/pytorch-peer.sh "$@"; }
# recipe.json holds absolute paths of this machine; inside the peer the repository is /host.
hostify() { sed -i "s#\"$root/#\"/host/#g" "$1"; }
torchrun2() { # DIR OUT: the exported project in DIR under torchrun, 2 processes
  local rdzv=/tmp/torchrun-rdzv-$$-$RANDOM
  peer shell env USE_LIBUV=0 TORCH_DISABLE_SHARE_RDZV_TCP_STORE=1 GLOO_SOCKET_IFNAME=lo \
    torchrun --nproc_per_node=2 --local-addr=127.0.0.1 --rdzv-backend=c10d --rdzv-endpoint="$rdzv" \
      --rdzv-conf=store_type=file "$1/train.py" --out "$2"
}
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2], {}, {'d': d}))" "$@"; }

report=bench/results/torchrun.md
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
{
  echo "# export-torch under torchrun: acceptance (bench/torchrun/acceptance.sh)"
  echo
  echo "$(date -u +%F), CPU: $cpu ($(nproc) cores). Counts and agreement only; no timings."
  echo
} > "$report"

# 1. FashionBaseline: export, torchrun, TrainDsl, weights both ways.
opts=(--epochs 2 --train-limit 12000 --data "$root/$work/data")
$app export-torch -e FashionBaseline "${opts[@]}" --out "$work/FashionBaseline" --nproc-per-node 2
hostify "$work/FashionBaseline/recipe.json"
torchrun2 "$work/FashionBaseline" "$work/FashionBaseline/run"
$app train -e FashionBaseline "${opts[@]}" --threads 2 --quiet --out "$work/traindsl"
tdrun=$(ls -d "$work"/traindsl/FashionBaseline/* | head -1)

torch_correct=$(json "$work/FashionBaseline/run/summary.json" "d['evalCounts']['test']['correct']")
torch_total=$(json "$work/FashionBaseline/run/summary.json" "d['evalCounts']['test']['total']")
lr_check=$(json "$work/FashionBaseline/run/summary.json" "d['learningRateCheck']")
td_acc=$(tail -1 "$tdrun/metrics.csv" | python3 -c "import csv,sys; h=open('$tdrun/metrics.csv').readline().strip().split(','); r=sys.stdin.read().strip().split(','); print(r[h.index('test_accuracy')])")
# PyTorch → TrainDsl: TrainDsl's eval of the torchrun run's weights.
$app eval -e FashionBaseline "${opts[@]}" --checkpoint "$work/FashionBaseline/run/model.safetensors" --json > "$work/td-eval-of-torch.json"
td_eval_of_torch=$(json "$work/td-eval-of-torch.json" "round(d['test_accuracy'] * $torch_total)")
# TrainDsl → PyTorch: the peer's evaluate.py on TrainDsl's model.safetensors.
cp "$tdrun/model.safetensors" "$work/traindsl-model.safetensors"
peer python "$work/FashionBaseline/evaluate.py" --recipe "$work/FashionBaseline/recipe.json" \
  --weights "$work/traindsl-model.safetensors" --json > "$work/torch-eval-of-td.json"
torch_eval_of_td=$(json "$work/torch-eval-of-td.json" "d['correct']")
td_correct=$(python3 -c "print(round($td_acc * $torch_total))")
{
  echo "## FashionBaseline, \`${opts[*]/$root\//}\`, global batch 128"
  echo
  echo "| run | test correct |"
  echo "|---|---|"
  echo "| torchrun, 2 processes × 64, gloo, 1 thread each | $torch_correct / $torch_total |"
  echo "| TrainDsl \`train --threads 2\` | $td_correct / $torch_total |"
  echo
  echo "- Difference: $(python3 -c "print(f'{abs($torch_correct - $td_correct) / $torch_total * 100:.2f}')") points (acceptance: ≤ 0.5)."
  echo "- Learning rate at every epoch against TrainDsl's plan (train.py's check): \`$lr_check\`"
  echo "- PyTorch → TrainDsl: TrainDsl's \`eval --checkpoint model.safetensors\` of the torchrun weights: $td_eval_of_torch correct (PyTorch counted $torch_correct)."
  echo "- TrainDsl → PyTorch: the exported evaluate.py on TrainDsl's model.safetensors: $torch_eval_of_td correct (TrainDsl counted $td_correct)."
  echo
} >> "$report"

# 2. FashionFullRecipe: exports, runs its warmup epoch and one cosine epoch under torchrun, its plan matches.
full=(--epochs 2 --train-limit 6000 --test-limit 2000 --data "$root/$work/data")
$app export-torch -e FashionFullRecipe "${full[@]}" --out "$work/FashionFullRecipe" --nproc-per-node 2
hostify "$work/FashionFullRecipe/recipe.json"
torchrun2 "$work/FashionFullRecipe" "$work/FashionFullRecipe/run"
$app plan -e FashionFullRecipe "${full[@]}" --json > "$work/full-plan.json"
plan_match=$(python3 - "$work/full-plan.json" "$work/FashionFullRecipe/run/plan.json" <<'PY'
import json, sys
a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
keys = ["epochLearningRates", "config", "stepsPerEpoch", "trainSize", "validationSize", "primaryMetric", "metrics"]
diff = [k for k in keys if a.get(k) != b.get(k)]
print("equal: " + ", ".join(keys) if not diff else "DIFFERENT: " + ", ".join(diff))
PY
)
{
  echo "## FashionFullRecipe, \`${full[*]/$root\//}\`"
  echo
  echo "- torchrun run: status \`$(json "$work/FashionFullRecipe/run/summary.json" "d['status']")\`, test $(json "$work/FashionFullRecipe/run/summary.json" "d['evalCounts']['test']['correct']") / $(json "$work/FashionFullRecipe/run/summary.json" "d['evalCounts']['test']['total']") correct."
  echo "- Its plan.json against TrainDsl's \`plan --json\` for the same options: $plan_match."
  echo "- Learning-rate check: \`$(json "$work/FashionFullRecipe/run/summary.json" "d['learningRateCheck']")\`"
} >> "$report"
cat "$report"
