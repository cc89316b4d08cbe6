#!/usr/bin/env bash
# The fraction-of-peak benchmark (issue #19) in one go: the PyTorch peer's training step (peer_step.py: fp32, and bf16
# autocast with channels_last), then Peak (libtorch's matmul and conv peak on this CPU, fp32 and bf16, and TrainDsl's
# training step, fp32 and [Amp]), which prints the table and writes bench/results/peak-<cpu>[-avx512bf16|-amx].md with the
# CPU's model name and flags from /proc/cpuinfo. Run it on an otherwise idle machine: the report says how much CPU time
# others used.
#
#   bash bench/peak/run.sh [--model Wrn16x4] [--batch 128] [--threads 2] [--steps 20] [--warmup 5] [--repeats 3]
#                          [--iters 10] [--budget 60] [--sizes 2048,4096] [--out FILE]
# --budget caps the seconds of each figure's timed calls on both sides (bf16 without bf16 instructions is very slow).
# A smoke run that only checks the plumbing (seconds, numbers meaningless):
#   bash bench/peak/run.sh --model Wrn16x2 --batch 8 --steps 1 --warmup 1 --repeats 1 --iters 1 --sizes 256 --out /tmp/peak.md
# Needs the PyTorch peer (../shared/peer/pytorch-peer.sh beside the repo, or set PEER).
set -euo pipefail
MODEL=Wrn16x4 BATCH=128 THREADS=2 STEPS=20 WARMUP=5 REPEATS=3 ITERS=10 BUDGET=60 SIZES=2048,4096 OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --model) MODEL=$2; shift 2 ;;
    --batch) BATCH=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --steps) STEPS=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --repeats) REPEATS=$2; shift 2 ;;
    --iters) ITERS=$2; shift 2 ;;
    --budget) BUDGET=$2; shift 2 ;;
    --sizes) SIZES=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    *) sed -n '2,/^[^#]/{/^#/p}' "$0"; exit 2 ;;   # the comment header, however long
  esac
done

cd "$(dirname "$0")/../.."          # the repo root: the peer sees it as /host
PEER=${PEER:-$(cd .. && pwd)/shared/peer/pytorch-peer.sh}   # shared/ sits beside the repo
ART=${ART:-/tmp/art-peak-bench}
CPU=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2 | xargs)
FLAGS=$(grep -m1 '^flags' /proc/cpuinfo | cut -d: -f2 | xargs)
SLUG=$(echo "$CPU" | tr 'A-Z' 'a-z' | sed -E 's/\((r|tm)\)//g; s/[^a-z0-9]+/-/g; s/^-+|-+$//g')
# The model name alone can be the same for CPUs with and without bf16 instructions ("AMD EPYC" for Zen 3 and Zen 4),
# whose figures differ several-fold, so the bf16 instructions name the file too.
case " $FLAGS " in *" amx_bf16 "*) SLUG=$SLUG-amx ;; *" avx512_bf16 "*) SLUG=$SLUG-avx512bf16 ;; esac
mkdir -p bench/results
OUT=${OUT:-bench/results/peak-$SLUG.md}
PEER_LINES=${OUT%.md}.peer.jsonl

dotnet build bench/peak/Peak.csproj -c Release --artifacts-path "$ART" -v quiet -nologo | grep -E " error |rror\(s\)" || true

echo "PyTorch peer: $MODEL, batch $BATCH, fp32 and bf16 autocast + channels_last" >&2
# The peer bind-mounts the current directory; the lock keeps two users of it from running at once.
flock /tmp/peer.lock bash "$PEER" python bench/peak/peer_step.py --model "$MODEL" --batch "$BATCH" --threads "$THREADS" \
  --steps "$STEPS" --warmup "$WARMUP" --repeats "$REPEATS" --budget "$BUDGET" --modes fp32,bf16cl | grep '^{' > "$PEER_LINES"

echo "TrainDsl: peak and training step" >&2
dotnet "$ART/bin/Peak/release/Peak.dll" --model "$MODEL" --batch "$BATCH" --threads "$THREADS" --steps "$STEPS" \
  --warmup "$WARMUP" --repeats "$REPEATS" --iters "$ITERS" --budget "$BUDGET" --sizes "$SIZES" --peer "$PEER_LINES" \
  --markdown "$OUT" --json "${OUT%.md}.rows.jsonl" --cpu "$CPU" --flags "$FLAGS"
{ echo; echo "Command: \`bash bench/peak/run.sh --model $MODEL --batch $BATCH --threads $THREADS --steps $STEPS --warmup $WARMUP --repeats $REPEATS --iters $ITERS --budget $BUDGET --sizes $SIZES\`"; } >> "$OUT"
echo "wrote $OUT" >&2
