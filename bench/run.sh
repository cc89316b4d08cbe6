#!/usr/bin/env bash
# TrainDsl's benchmark suite (issue #5). Builds bench/TrainDsl.Bench once, then runs:
#   overhead   generated loop vs hand-written TorchSharp, FashionBaseline (1 epoch) and FashionFullRecipe (2 epochs),
#              whole Train calls on the full training set, a fresh process per run, alternated  (target >= 0.99x)
#   peer       TrainDsl (generated FashionBaseline loop) vs PyTorch 2.6 eager fp32 (bench/peer_fp32.py), same real
#              Fashion-MNIST images, same recipe, threads 2, one process per measurement, alternated  (target >= 1.05x);
#              also [Amp] vs bf16 autocast, and TrainDsl with glibc's allocator defaults (TRAINDSL_TUNE_MALLOC=0)
#   tricks     per-step cost of MixUp, CutMix, FMix, label smoothing, distillation (teacher forward apart), the
#              loader and the optimizer; evaluation's share of an epoch  (target: each mixing method <= 3% of a step)
#   micro      BenchmarkDotNet: each per-step building block (Mix calls, smoothed targets, crop, flip, next batch, EMA update)
#              alone against a whole training step
# and writes bench/results/<name>.json plus the combined bench/results/README.md.
#
#   bash bench/run.sh [--quick] [--only "overhead peer tricks micro"] [--settings] [--memory] [--generator] [--amp]
#
# --quick        fewer repeats and steps (a smoke run, a few minutes)
# --settings     tricks also measures one thread and channels-last fp32; peer also runs PyTorch with channels_last
#                and both sides with glibc's mmap threshold raised (MALLOC_MMAP_THRESHOLD_ etc.)
# --memory, --generator, --amp   also run the benchmarks other people own: `TrainDsl.Bench memory`,
#                bench/generator.sh and bench/Amp/run.sh (with their default arguments)
# OVERHEAD_REPS, OVERHEAD_FULL_REPS   pairs of processes for the overhead part's two recipes (default 12 and 8)
# On a shared machine each peer measurement first waits (<= MAX_WAIT s) for the cores to be MIN_IDLE% idle; every
# result records how much CPU other processes used meanwhile. Needs the PyTorch peer for `peer`
# (../shared/peer/pytorch-peer.sh beside the repository, or set PEER). Data: $TRAINDSL_DATA, else
# /tmp/traindsl-test-data when it holds the cache, else the library downloads Fashion-MNIST.
set -euo pipefail
ARGS="$*"
QUICK=0 ONLY="overhead peer tricks micro" SETTINGS=0 MEMORY=0 GENERATOR=0 AMP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1; shift ;;
    --only) ONLY=$2; shift 2 ;;
    --settings) SETTINGS=1; shift ;;
    --memory) MEMORY=1; shift ;;
    --generator) GENERATOR=1; shift ;;
    --amp) AMP=1; shift ;;
    *) sed -n '2,23p' "$0"; exit 2 ;;
  esac
done
MIN_IDLE=${MIN_IDLE:-85} MAX_WAIT=${MAX_WAIT:-60}

cd "$(dirname "$0")/.."          # the repository root: the peer sees it as /host
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ -z "${TRAINDSL_DATA:-}" ] && [ -d /tmp/traindsl-test-data/fashion-mnist ]; then export TRAINDSL_DATA=/tmp/traindsl-test-data; fi
PEER=${PEER:-$(cd .. && pwd)/shared/peer/pytorch-peer.sh}
[ -f "$PEER" ] || PEER=/work/shared/peer/pytorch-peer.sh
OUT=bench/results
ART=${ART:-/tmp/art-traindsl-bench-$(id -u)}
mkdir -p "$OUT"

if [ "$QUICK" = 1 ]; then
  OVER_BASE=(3 50) OVER_FULL=(3 20) PEER_REPEATS=2 PEER_STEPS=60 TRICKS=(2 20)
else
  # Overhead on whole epochs of the full training set (468 steps of 128): per-epoch work (evaluation, checkpoints,
  # the resume point, the memory release) weighs in as it does in a real run. One pair of processes varies by about
  # ±3 % (sd) here, so the baseline gets 12 pairs (a median good to about ±1 %).
  OVER_BASE=(${OVERHEAD_REPS:-12} 468) OVER_FULL=(${OVERHEAD_FULL_REPS:-8} 936) PEER_REPEATS=5 PEER_STEPS=150 TRICKS=(3 40)
fi
started=$(date +%s)

echo "== build"
dotnet build bench/TrainDsl.Bench/TrainDsl.Bench.csproj -c Release --artifacts-path "$ART" -v quiet -nologo | grep -E " error |rror\(s\)" || true
BENCH=(dotnet "$ART/bin/TrainDsl.Bench/release/TrainDsl.Bench.dll")

source bench/lib.sh

has() { [[ " $ONLY " == *" $1 "* ]]; }

if has overhead; then
  echo "== overhead: generated vs hand-written, FashionBaseline (${OVER_BASE[0]} reps x ${OVER_BASE[1]} steps)"
  BENCH_RESULT=$OUT/overhead.json "${BENCH[@]}" overhead baseline "${OVER_BASE[@]}"
  echo "== overhead: generated vs hand-written, FashionFullRecipe (${OVER_FULL[0]} reps x ${OVER_FULL[1]} steps)"
  BENCH_RESULT=$OUT/overhead-full.json "${BENCH[@]}" overhead full "${OVER_FULL[@]}"
fi

if has peer; then
  echo "== peer: TrainDsl vs PyTorch eager, fp32 and [Amp] vs bf16 autocast ($PEER_REPEATS repeats x $PEER_STEPS steps, real Fashion-MNIST)"
  DATA_DIR=bench/.data
  [ -f "$DATA_DIR/meta.json" ] || "${BENCH[@]}" export-data "$DATA_DIR"
  RAW=$OUT/peer-fp32.raw.jsonl
  : > "$RAW"
  # measure LABEL [NAME=VALUE...] CMD...: one process, after waiting for quiet cores; appends its JSON line to RAW.
  measure() {
    local label=$1; shift
    local idle line
    idle=$(wait_for_quiet)
    line=$(env "$@" | tail -n 1)
    echo "$line" | sed "s/}\$/, \"label\": \"$label\", \"idle_before\": $idle, \"repeat\": $REP}/" >> "$RAW"
    printf '  %-18s %5.0f img/s, other processes %4.1f%% of the machine, idle before %s%%\n' "$label" \
      "$(field "$line" images_per_second)" "$(awk -v f="$(field "$line" foreign_cpu_share)" 'BEGIN { print 100 * f }')" "$idle"
  }
  TUNED=(MALLOC_MMAP_THRESHOLD_=4294967296 MALLOC_TRIM_THRESHOLD_=4294967296 MALLOC_TOP_PAD_=268435456)
  run_side() {
    local PY=(bash "$PEER" python /host/bench/peer_fp32.py --data /host/$DATA_DIR --steps "$PEER_STEPS" --warmup 10 --threads 2)
    case "$1" in
      traindsl) measure traindsl "${BENCH[@]}" peer-fp32 "$PEER_STEPS" 10 2 ;;
      pytorch) measure pytorch "${PY[@]}" ;;
      pytorch-cl) measure pytorch-cl "${PY[@]}" --channels-last ;;
      traindsl-untuned) measure traindsl-untuned TRAINDSL_TUNE_MALLOC=0 "${BENCH[@]}" peer-fp32 "$PEER_STEPS" 10 2 ;;
      traindsl-amp) measure traindsl-amp "${BENCH[@]}" peer-fp32 "$PEER_STEPS" 10 2 --amp ;;
      pytorch-bf16) measure pytorch-bf16 "${PY[@]}" --autocast ;;
      traindsl-malloc) measure traindsl-malloc "${TUNED[@]}" "${BENCH[@]}" peer-fp32 "$PEER_STEPS" 10 2 ;;
      pytorch-malloc) measure pytorch-malloc "${TUNED[@]}" "${PY[@]}" ;;
    esac
  }
  ORDER=(traindsl pytorch traindsl-amp pytorch-bf16 traindsl-untuned)
  [ "$SETTINGS" = 1 ] && ORDER+=(pytorch-cl traindsl-malloc pytorch-malloc)
  for ((REP = 0; REP < PEER_REPEATS; REP++)); do
    echo " repeat $((REP + 1))/$PEER_REPEATS"
    for ((i = 0; i < ${#ORDER[@]}; i++)); do run_side "${ORDER[(i + REP) % ${#ORDER[@]}]}"; done
  done
fi

if has tricks; then
  echo "== tricks: per-step cost (${TRICKS[0]} rounds x ${TRICKS[1]} steps per variant)"
  EXTRA=(); [ "$SETTINGS" = 1 ] && EXTRA=(--settings)
  BENCH_RESULT=$OUT/tricks.json "${BENCH[@]}" tricks "${TRICKS[@]}" 2 "${EXTRA[@]}"
fi

if has micro; then
  echo "== micro: BenchmarkDotNet, each building block alone against a training step"
  rm -rf "$OUT/micro"
  MICRO=(); [ "$QUICK" = 1 ] && MICRO=(--iterationCount 3 --warmupCount 1)
  "${BENCH[@]}" micro "$OUT/micro" "${MICRO[@]}"
  mv "$OUT/micro/results/Overhead.Micro-report-brief.json" "$OUT/micro.json"
  mv "$OUT/micro/results/Overhead.Micro-report-github.md" "$OUT/micro.md"
  rm -rf "$OUT/micro"
fi

if [ "$MEMORY" = 1 ]; then
  echo "== memory (TrainDsl.Bench memory)"
  BENCH_RESULT=$OUT/memory.json "${BENCH[@]}" memory
fi
if [ "$GENERATOR" = 1 ]; then echo "== generator (bench/generator.sh)"; bash bench/generator.sh; fi
if [ "$AMP" = 1 ]; then echo "== amp (bench/Amp/run.sh)"; bash bench/Amp/run.sh; fi

CONDITIONS="$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(date -u +%Y-%m-%dT%H:%MZ), $(( ($(date +%s) - started) / 60 )) min"
python3 bench/report.py "$OUT" "$CONDITIONS" "bash bench/run.sh $ARGS"
