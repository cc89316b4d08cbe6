#!/usr/bin/env bash
# Write failures on real file systems (needs root, to mount tmpfs): a run whose --out is a 3 MB tmpfs fills it while
# writing its first resume point (best.bin fits, last.bin.new does not), and a run whose --out is remounted read-only
# while it trains. Each must stop with exit code 1 and one sentence ("Cannot write ..."), leave no *.tmp or *.new
# file, and, on the full disk, still write summary.json with status "failed" (a read-only folder takes nothing).
#   sudo bash bench/crash/diskfull.sh
set -uo pipefail
cd "$(dirname "$0")/../.."
[ "$(id -u)" = 0 ] || { echo "needs root (mount)"; exit 2; }
dotnet build examples/FashionMnist -c Release -v quiet -nologo >/dev/null || { echo "build failed"; exit 1; }
app=examples/FashionMnist/bin/Release/net10.0/FashionMnist
args=(train -e FashionBaseline --train-limit 1280 --test-limit 200 --epochs 2 --threads 1 --quiet)
mnt=$(mktemp -d /tmp/traindsl-diskfull-XXXX)
failures=0
check() {  # check NAME EXIT STDERR FOLDER WANT_SUMMARY
  local name=$1 exit=$2 err=$3 folder=$4 want_summary=$5 problems=""
  [ "$exit" = 1 ] || problems+="exit $exit; "
  [ "$(grep -c . <<<"$err")" = 1 ] && grep -q "^error: Cannot write '" <<<"$err" || problems+="stderr is not one 'Cannot write' sentence: $err; "
  leftovers=$(ls "$folder" 2>/dev/null | grep -E '\.(tmp|new)$' | tr '\n' ' ')
  [ -z "$leftovers" ] || problems+="left behind: $leftovers; "
  if [ "$want_summary" = yes ] && ! grep -q '"status": "failed"' "$folder/summary.json" 2>/dev/null; then
    problems+="no summary.json with status failed; "
  fi
  if [ -z "$problems" ]; then echo "ok    $name: $(cut -c1-150 <<<"$err")"; else echo "FAIL  $name: $problems"; failures=$((failures + 1)); fi
}

mount -t tmpfs -o size=3m tmpfs "$mnt"
err=$("$app" "${args[@]}" --out "$mnt" 2>&1 >/dev/null); exit=$?
check "full disk (3 MB tmpfs)" "$exit" "$err" "$(ls -d "$mnt"/FashionBaseline/*/ | head -n 1)" yes
umount "$mnt"

mount -t tmpfs -o size=64m tmpfs "$mnt"
"$app" "${args[@]}" --out "$mnt" 2>"$mnt.err" >/dev/null & pid=$!
until compgen -G "$mnt/FashionBaseline/*/plan.json" >/dev/null || ! kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
sleep 1
mount -o remount,ro "$mnt"
wait "$pid"; exit=$?
check "read-only folder (tmpfs remounted read-only mid-run)" "$exit" "$(cat "$mnt.err")" "$(ls -d "$mnt"/FashionBaseline/*/ | head -n 1)" no
umount "$mnt"; rm -f "$mnt.err"; rmdir "$mnt"
[ "$failures" = 0 ]
