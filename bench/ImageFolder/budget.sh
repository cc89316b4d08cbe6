#!/usr/bin/env bash
# A memory-mapped image-folder cache larger than the memory budget trains within it (issue #14). Runs run.sh's
# "iterate" walk (two shuffled epochs of the train set and a pass over the test set through BatchLoader) inside a
# cgroup whose memory limit (BUDGET_MB) is below the cache's size, once on the mapped cache and once on a copy in
# ordinary tensors. The cgroup charges page cache as well as anonymous memory, so the mapped walk can finish only
# because the kernel drops file pages it no longer needs; the copy cannot. Needs root and a cgroup v1 memory
# controller (/sys/fs/cgroup/memory) or cgroup v2 (memory.max); run bench/ImageFolder/run.sh first for the cache.
#
#   bash bench/ImageFolder/budget.sh        # BUDGET_MB=512 SIZE=64 BATCH=256 WORK=/tmp/traindsl-bench-imagefolder
set -euo pipefail
cd "$(dirname "$0")/../.."
BUDGET_MB=${BUDGET_MB:-512} SIZE=${SIZE:-64} BATCH=${BATCH:-256}
WORK=${WORK:-/tmp/traindsl-bench-imagefolder}
OUT=bench/results/image-folder-budget.jsonl
BIN=(dotnet bench/ImageFolder/bin/Release/net10.0/ImageFolderBench.dll)
[ -d "$WORK/data" ] || { echo "run bench/ImageFolder/run.sh first (no cache in $WORK/data)" >&2; exit 1; }
if [ -d /sys/fs/cgroup/memory ]; then
  group=/sys/fs/cgroup/memory/traindsl-budget-$$
  mkdir "$group"; echo $((BUDGET_MB * 1024 * 1024)) > "$group/memory.limit_in_bytes"
  echo $((BUDGET_MB * 1024 * 1024)) > "$group/memory.memsw.limit_in_bytes" 2>/dev/null || true
  peak() { cat "$group/memory.max_usage_in_bytes"; }
  reset() { echo 0 > "$group/memory.max_usage_in_bytes"; }
else
  group=/sys/fs/cgroup/traindsl-budget-$$
  mkdir "$group"; echo $((BUDGET_MB * 1024 * 1024)) > "$group/memory.max"; echo 0 > "$group/memory.swap.max" 2>/dev/null || true
  peak() { cat "$group/memory.peak" 2>/dev/null || echo 0; }
  reset() { :; }
fi
trap 'rmdir "$group" 2>/dev/null || true' EXIT
: > "$OUT"
for mode in mapped copy; do
  # Drop the page cache first, so the cache file's pages are faulted in, and charged, inside the budget.
  sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || echo "could not drop the page cache; the file's pages may be charged elsewhere" >&2
  reset
  set +e
  line=$(sh -c "echo \$\$ > $group/cgroup.procs && exec ${BIN[*]} iterate $WORK/images $WORK/data $SIZE $BATCH $mode")
  rc=$?
  set -e
  printf '{"part":"budget-%s","budgetMB":%s,"exit":%s,"cgroupPeakMB":%.1f,"walk":%s}\n' \
    "$mode" "$BUDGET_MB" "$rc" "$(echo "$(peak) / 1048576" | bc -l)" "${line:-null}" | tee -a "$OUT"
done
