#!/usr/bin/env bash
# FashionBest's acceptance runs (issue #19): `train -e FashionBest` once per seed, one after another on an otherwise idle
# machine, each timed by the wall clock around the whole command (start-up, data loading and every evaluation included).
# Each run appends a line to bench/results/fashion-best.jsonl: the CPU's model name and bf16 flags, the seed, the final
# epoch's validation and test accuracy, the validation's best epoch, the wall seconds and the share of the machine's CPU
# time that other processes used meanwhile. report.py turns the lines into bench/results/fashion-best.md.
#
#   bash bench/fashion-best/run.sh SEED... [-- more train options]     e.g. bash bench/fashion-best/run.sh 1 2 3
# EXPERIMENT=FashionBestAmp runs the [Amp] variant instead (for CPUs with avx512_bf16 or AMX).
set -euo pipefail
cd "$(dirname "$0")/../.."
SEEDS=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do SEEDS+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
[ ${#SEEDS[@]} -gt 0 ] || { sed -n '2,8p' "$0"; exit 2; }

dotnet build examples/FashionMnist -c Release -v quiet -nologo | grep -E " error |rror\(s\)" || true
# A private copy of the binaries, so that building the repository during a run cannot change the program under it.
BIN=$(mktemp -d /tmp/fashion-best-bin.XXXX)
cp -r examples/FashionMnist/bin/Release/net10.0/. "$BIN"
OUT=${OUT:-runs}
EXPERIMENT=${EXPERIMENT:-FashionBest}
CPU=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2 | xargs)
BF16=$(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' | grep -E '^(avx512_bf16|amx_bf16)$' | paste -sd, || true)
mkdir -p bench/results

busy_total() { awk '/^cpu /{b=$2+$3+$4+$7+$8+$9; print b, b+$5+$6}' /proc/stat; }
for seed in "${SEEDS[@]}"; do
  read -r busy0 total0 < <(busy_total)
  start=$(date +%s.%N)
  /usr/bin/time -f '%U %S' -o /tmp/fashion-best-time.txt \
    dotnet "$BIN/FashionMnist.dll" train -e "$EXPERIMENT" --seed "$seed" --out "$OUT" "$@"
  end=$(date +%s.%N)
  read -r busy1 total1 < <(busy_total)
  read -r user sys < /tmp/fashion-best-time.txt
  run=$(ls -d "$OUT/$EXPERIMENT"/*/ | sort | tail -n 1)
  python3 bench/fashion-best/record.py --run "$run" --experiment "$EXPERIMENT" --seed "$seed" --cpu "$CPU" --bf16 "${BF16:-none}" \
    --wall "$(echo "$end - $start" | bc)" --own-cpu "$(echo "$user + $sys" | bc)" \
    --machine-busy "$((busy1 - busy0))" --machine-total "$((total1 - total0))" --ticks "$(getconf CLK_TCK)" \
    --options "$*" >> bench/results/fashion-best.jsonl
  tail -n 1 bench/results/fashion-best.jsonl
done
python3 bench/fashion-best/report.py bench/results/fashion-best.jsonl > bench/results/fashion-best.md
echo "wrote bench/results/fashion-best.md" >&2
