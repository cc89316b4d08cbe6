#!/usr/bin/env bash
# Image-folder data at scale (issue #14). Exports N real Fashion-MNIST training images as PNG files (one tree of 10
# class folders), then, each in a fresh process:
#   decode          ImageFolderDataset(size SIZE, 3 channels) decodes them on all cores into the cache
#                   (N·3·SIZE² bytes: 737 MB for the defaults)
#   iterate-mapped  loads from the cache (memory-mapped), walks twice a shuffled epoch of the train set and the test set
#                   through BatchLoader (the first walk faults the pages in), sampling VmRSS / RssAnon / RssFile from /proc/self/status
#   iterate-copy    the same after copying the images into ordinary tensors (what a read-into-RAM loader holds)
# Results: bench/results/image-folder.jsonl (one JSON line per part). Budget: the mapped walk's anonymous memory
# (RssAnon, what cannot be dropped under memory pressure) stays under BUDGET_MB while the cache is larger than it.
#
#   bash bench/ImageFolder/run.sh            # N=60000 SIZE=64 BATCH=256 BUDGET_MB=512 WORK=/tmp/traindsl-bench-imagefolder
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${N:-60000} SIZE=${SIZE:-64} BATCH=${BATCH:-256} BUDGET_MB=${BUDGET_MB:-512}
WORK=${WORK:-/tmp/traindsl-bench-imagefolder}
OUT=bench/results/image-folder.jsonl
dotnet build bench/ImageFolder -c Release -v quiet -nologo >/dev/null
BIN=(dotnet bench/ImageFolder/bin/Release/net10.0/ImageFolderBench.dll)
"${BIN[@]}" export "$WORK/images" "$N"
rm -rf "$WORK/data"
{
  "${BIN[@]}" decode "$WORK/images" "$WORK/data" "$SIZE"
  "${BIN[@]}" iterate "$WORK/images" "$WORK/data" "$SIZE" "$BATCH" mapped
  "${BIN[@]}" iterate "$WORK/images" "$WORK/data" "$SIZE" "$BATCH" copy
} | tee "$OUT"
python3 - "$OUT" "$BUDGET_MB" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
budget = float(sys.argv[2])
mapped = next(r for r in rows if r["part"] == "iterate-mapped")
print(f"cache {mapped['cacheMB']:.0f} MB; mapped walk: peak RssAnon {mapped['anonMB']['peak']:.0f} MB "
      f"(+{mapped['peakAnonGrowthMB']:.0f} MB over the process before loading), peak RssFile {mapped['fileMB']['peak']:.0f} MB, "
      f"peak VmRSS {mapped['rssMB']['peak']:.0f} MB; budget {budget:.0f} MB for RssAnon: "
      + ("met" if mapped["anonMB"]["peak"] < budget else "NOT met"))
PY
