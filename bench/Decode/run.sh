#!/usr/bin/env bash
# Image decoding benchmark: SkiaSharp, ImageSharp 2.x, StbImageSharp and TrainDsl's ImageDecoder against Pillow (in the
# PyTorch peer), on the same real images: the official Fashion-MNIST training set exported as 60,000 28x28 grayscale PNGs,
# and as RGB (three images stacked as R, G, B) at 64x64 (10,000) and 224x224 (2,000) in PNG and JPEG q90.
# Every decoder reads each file from disk (page cache warm) and decodes it, on 1 core and on all cores (Parallel.For;
# Pillow: a multiprocessing Pool of the same size). The two sides take turns, --rounds times, one timed pass per
# decoder each; the best pass counts. Before each side's turn the script waits (≤ MAX_WAIT s, default 120) for the
# cores to be MIN_IDLE% idle (default 85) and records the idle share it saw. Prints the table for README.md
# ("Image decoding") and writes bench/results/decode.json and decode.md.
# Acceptance: TrainDsl ≥ 1.0× Pillow on all cores for the 60,000 PNGs.
#
#   bash bench/Decode/run.sh [--rounds 3]
# Needs the PyTorch peer (../shared/peer/pytorch-peer.sh beside the repo, or set PEER) and the IDX files
# (/usr/share/datasets/fashion-mnist, or set IDX). The exported files are kept in $WORK (default /tmp/traindsl-decode-bench).
set -euo pipefail
ROUNDS=3
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS=$2; shift 2 ;;
    *) sed -n '2,16p' "$0"; exit 2 ;;
  esac
done
cd "$(dirname "$0")/../.."
WORK=${WORK:-/tmp/traindsl-decode-bench}
IDX=${IDX:-/usr/share/datasets/fashion-mnist}
PEER=${PEER:-$(cd .. && pwd)/shared/peer/pytorch-peer.sh}
OUT=bench/results
MIN_IDLE=${MIN_IDLE:-85} MAX_WAIT=${MAX_WAIT:-120}
source bench/lib.sh

mkdir -p "$WORK/fashion-mnist" "$OUT"
cp -u "$IDX/train-images-idx3-ubyte.gz" "$WORK/fashion-mnist/"
cp bench/Decode/export_images.py bench/Decode/peer_pillow.py "$WORK/"
dotnet build bench/Decode -c Release -v quiet -nologo
# The peer sees only its working directory: run it in $WORK.
(cd "$WORK" && bash "$PEER" python export_images.py fashion-mnist images)
flags="avx512_bf16: $(grep -qw avx512_bf16 /proc/cpuinfo && echo yes || echo no), amx: $(grep -qw amx_tile /proc/cpuinfo && echo yes || echo no)"
rm -rf "$WORK/results" && mkdir -p "$WORK/results"
idle=""
for r in $(seq 1 "$ROUNDS"); do
  i=$(wait_for_quiet); idle="$idle $i"; echo "round $r of $ROUNDS: Pillow (cores $i% idle before)"
  (cd "$WORK" && bash "$PEER" python peer_pillow.py images "results/pillow-$r.json" --repeats 1)
  i=$(wait_for_quiet); idle="$idle $i"; echo "round $r of $ROUNDS: .NET (cores $i% idle before)"
  dotnet bench/Decode/bin/Release/net10.0/Decode.dll --images "$WORK/images" --out "$WORK/results/dotnet-$r.json"
done
dotnet bench/Decode/bin/Release/net10.0/Decode.dll --images "$WORK/images" --results "$WORK/results" --out "$OUT/decode.json" \
  | tee "$WORK/summary.txt"
{
  echo "# Image decoding ($(date -u +%F), \`bash bench/Decode/run.sh --rounds $ROUNDS\`)"
  echo
  echo "CPU flags: $flags; idle share of the cores before each turn (Pillow, .NET, ...):$idle %"
  cat "$WORK/summary.txt"
} > "$OUT/decode.md"
echo "wrote $OUT/decode.json and $OUT/decode.md"
