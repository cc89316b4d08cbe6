#!/usr/bin/env bash
# Does training wait for data? (issue #14: at most 1 % of step time with a warm cache.) For SmallCnn on 32×32 and
# 64×64 RGB image folders (N real Fashion-MNIST images exported as PNG, read as 3 channels), STEPS SGD steps with the
# loader's prefetching (1 batch ahead, the default) and without (0): the time the loop spends getting each batch, as a
# fraction of the step's own time. Run on an otherwise idle machine; results in bench/results/data-wait.jsonl.
#
#   bash bench/ImageFolder/wait.sh          # N=20000 BATCH=128 STEPS=100 WORK=/tmp/traindsl-bench-wait
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${N:-20000} BATCH=${BATCH:-128} STEPS=${STEPS:-100}
WORK=${WORK:-/tmp/traindsl-bench-wait}
OUT=bench/results/data-wait.jsonl
dotnet build bench/ImageFolder -c Release -v quiet -nologo >/dev/null
BIN=(dotnet bench/ImageFolder/bin/Release/net10.0/ImageFolderBench.dll)
[ -d "$WORK/images" ] || "${BIN[@]}" export "$WORK/images" "$N"
: > "$OUT"
for size in 32 64; do
  "${BIN[@]}" decode "$WORK/images" "$WORK/data" "$size" >/dev/null 2>&1 || true   # warm the cache (no-op when current)
  for prefetch in 1 0; do
    "${BIN[@]}" wait "$WORK/images" "$WORK/data" "$size" "$BATCH" "$STEPS" "$prefetch" | tee -a "$OUT"
  done
done
python3 - "$OUT" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
print(rows[0]["cpu"])
print("size  prefetch  step ms  wait ms  wait / step")
for r in rows:
    print(f"{r['size']:>4}  {r['prefetch']:>8}  {r['msPerStep']:7.1f}  {r['msWaitPerStep']:7.3f}  {100 * r['waitFractionOfStep']:9.2f} %")
PY
