#!/usr/bin/env bash
# Mixed-precision benchmark: TorchSharp fp32 vs TrainDsl [Amp] (MixedPrecision, bf16) vs the PyTorch peer's
# fp32 and bf16 autocast, on SmallCnn, batch 128, SGD Nesterov 0.9 / wd 5e-4, the same random input, threads 2.
# Every measurement is its own process (warmup steps, then timed steps); the sides alternate, the order rotates
# each repeat; medians and per-repeat ratios go to bench/results/amp.json and bench/results/amp.md.
# On a shared machine each measurement waits (≤ MAX_WAIT s) for the cores to be MIN_IDLE% idle and is retried
# (≤ TRIES) when other processes used more than MAX_FOREIGN of the machine's CPU time during its timed steps;
# the summary uses the undisturbed ("clean") measurements and says how many were dropped.
#
#   bash bench/Amp/run.sh [--repeats 3] [--steps 150] [--threads 2] [--accuracy-epochs N] [--accuracy-seeds "1 2 3"] [--data DIR] [--fp16]
# --fp16 also measures [Amp(Float16)] (MixedPrecision with the loss scaler), the case TD0025 warns about.
#
# MALLOC_TUNED=1 runs every measurement (both sides) with glibc's mmap threshold raised (MALLOC_MMAP_THRESHOLD_ etc.), so
# activations are not mmapped and page-faulted afresh each step: 20–70% faster here, for every configuration.
# --accuracy-epochs N (default 0: skip) also trains fp32 and [Amp] on the full Fashion-MNIST for N epochs with the
# same seed, for each of --accuracy-seeds (default 1), with FashionBaseline's recipe, and reports the final test
# accuracies. --repeats 0 skips the speed measurements (results then go to amp-accuracy.*). Run from anywhere; needs the
# PyTorch peer (../shared/peer/pytorch-peer.sh beside the repo, or set PEER).
set -euo pipefail
ARGS="$*"
REPEATS=3 STEPS=150 THREADS=2 ACC_EPOCHS=0 ACC_SEEDS=1 DATA="" FP16=0
MIN_IDLE=${MIN_IDLE:-85} MAX_WAIT=${MAX_WAIT:-300} TRIES=${TRIES:-3} MAX_FOREIGN=${MAX_FOREIGN:-0.05}
MALLOC_TUNED=${MALLOC_TUNED:-0}
while [ $# -gt 0 ]; do
  case "$1" in
    --repeats) REPEATS=$2; shift 2 ;;
    --steps) STEPS=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --accuracy-epochs) ACC_EPOCHS=$2; shift 2 ;;
    --accuracy-seeds) ACC_SEEDS=$2; shift 2 ;;
    --data) DATA=$2; shift 2 ;;
    --fp16) FP16=1; shift ;;
    *) sed -n '2,15p' "$0"; exit 2 ;;
  esac
done

cd "$(dirname "$0")/../.."          # the repo root: the peer sees it as /host
ART=${ART:-/tmp/art-amp-bench}
PEER=${PEER:-$(cd .. && pwd)/shared/peer/pytorch-peer.sh}   # shared/ sits beside the repo
OUT=bench/results
mkdir -p "$OUT"
NAME=amp
[ "$REPEATS" = 0 ] && NAME=amp-accuracy
if [ "$MALLOC_TUNED" = 1 ]; then
  NAME=amp-malloc-tuned
  export MALLOC_MMAP_THRESHOLD_=4294967296 MALLOC_TRIM_THRESHOLD_=4294967296 MALLOC_TOP_PAD_=268435456
fi
RAW="$OUT/$NAME.raw.jsonl"
: > "$RAW"

dotnet build bench/Amp/Amp.csproj -c Release --artifacts-path "$ART" -v quiet -nologo | grep -E "error|Warn|Elapsed" || true
TS=(dotnet "$ART/bin/Amp/release/Amp.dll")

source bench/lib.sh

# record LABEL CMD...: one measurement, retried (up to TRIES) when other processes used more than MAX_FOREIGN
# of the machine's CPU time during its timed steps; every attempt is kept.
record() {
  local label=$1; shift
  local try line util foreign idle clean
  for ((try = 1; try <= TRIES; try++)); do
    idle=$(wait_for_quiet)
    line=$("$@" | tail -n 1)
    util=$(field "$line" cpu_utilization)
    foreign=$(field "$line" foreign_cpu_share)
    clean=$(awk -v f="$foreign" -v m="$MAX_FOREIGN" 'BEGIN { print (f <= m) ? "true" : "false" }')
    echo "$line" | sed "s/}\$/, \"label\": \"$label\", \"idle_before\": $idle, \"clean\": $clean, \"attempt\": $try, \"repeat\": $REP}/" >> "$RAW"
    printf '  %-12s %5.0f img/s  cpu %.2f/%s threads, others %4.1f%% of the machine, idle before %s%%%s\n' "$label" \
      "$(field "$line" images_per_second)" "$util" "$THREADS" "$(awk -v f="$foreign" 'BEGIN { print 100 * f }')" "$idle" \
      "$([ "$clean" = true ] && echo "" || echo "  (disturbed)")"
    if [ "$clean" = true ]; then break; fi
  done
}

COMMON=(--steps "$STEPS" --warmup 10 --batch 128 --threads "$THREADS")
run() {
  case "$1" in
    ts-fp32) record ts-fp32 "${TS[@]}" speed --mode fp32 "${COMMON[@]}" ;;
    ts-amp) record ts-amp "${TS[@]}" speed --mode amp "${COMMON[@]}" ;;
    ts-amp-nchw) record ts-amp-nchw "${TS[@]}" speed --mode amp-nchw "${COMMON[@]}" ;;
    ts-amp-fp16) record ts-amp-fp16 "${TS[@]}" speed --mode amp-fp16 "${COMMON[@]}" ;;
    gen-fp32) record gen-fp32 "${TS[@]}" speed --mode gen-fp32 "${COMMON[@]}" "${DATA_ARG[@]}" ;;
    gen-amp) record gen-amp "${TS[@]}" speed --mode gen-amp "${COMMON[@]}" "${DATA_ARG[@]}" ;;
    py-fp32) record py-fp32 bash "$PEER" python /host/bench/Amp/peer_amp.py bench --mode fp32 "${COMMON[@]}" ;;
    py-bf16) record py-bf16 bash "$PEER" python /host/bench/Amp/peer_amp.py bench --mode bf16 "${COMMON[@]}" ;;
    py-bf16cl) record py-bf16cl bash "$PEER" python /host/bench/Amp/peer_amp.py bench --mode bf16cl "${COMMON[@]}" ;;
  esac
}

DATA_ARG=(); [ -n "$DATA" ] && DATA_ARG=(--data "$DATA")
ORDER=(ts-fp32 py-fp32 ts-amp py-bf16 ts-amp-nchw py-bf16cl gen-fp32 gen-amp)
[ "$FP16" = 1 ] && ORDER+=(ts-amp-fp16)
for ((REP = 0; REP < REPEATS; REP++)); do
  echo "repeat $((REP + 1))/$REPEATS"
  for ((i = 0; i < ${#ORDER[@]}; i++)); do run "${ORDER[(i + REP) % ${#ORDER[@]}]}"; done
done

if [ "$ACC_EPOCHS" -gt 0 ]; then
  ACC=(--epochs "$ACC_EPOCHS" --batch 128 --threads "$THREADS")
  [ -n "$DATA" ] && ACC+=(--data "$DATA")
  for seed in $ACC_SEEDS; do
    echo "accuracy, seed $seed, $ACC_EPOCHS epochs each"
    for mode in fp32 amp; do
      "${TS[@]}" accuracy --mode "$mode" --seed "$seed" "${ACC[@]}" | tail -n 1 | sed "s/}\$/, \"label\": \"accuracy-$mode\"}/" >> "$RAW"
    done
  done
fi

CONDITIONS="$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(grep -o -m1 -w 'avx512_bf16\|amx_bf16' /proc/cpuinfo | sort -u | xargs)), $(date -u +%Y-%m-%dT%H:%MZ)"
[ "$MALLOC_TUNED" = 1 ] && CONDITIONS="$CONDITIONS, glibc mmap threshold raised on both sides"
PREFIX=""; [ "$MALLOC_TUNED" = 1 ] && PREFIX="MALLOC_TUNED=1 "
bash "$PEER" python /host/bench/Amp/summarize.py /host/"$RAW" /host/"$OUT/$NAME" "$CONDITIONS" "${PREFIX}bash bench/Amp/run.sh $ARGS"
