#!/usr/bin/env bash
# Crash test: kill -9 and SIGTERM at random points of small FashionBaseline runs, then resume each; every run must
# resume (or say in one sentence why it cannot, and then be retrained or be already finished) and end with final
# weights bitwise equal to an uninterrupted run's (cmp of model.bin; one libtorch thread, so runs are deterministic).
#
#   bash bench/crash/crash.sh [KILLS] [TERMS]      # default 20 kill -9 runs and 5 SIGTERM runs
#
# Kill points: KILLS/3 (rounded up) of the kill -9 runs target checkpoint writes: they run with
# $TRAINDSL_CRASH_TEST_PAUSE_MS=150, which makes every run-file write pause between writing its temporary or staged
# file and committing it (it only waits; see src/TrainDsl/Runs/CrashTestPause.cs), wait until a checkpoint write
# begins (best.bin.tmp or a staged *.new file of the resume point appears) and kill 0-1100 ms later, somewhere in
# the sequence best.bin, last.bin, last.optim.bin, resume.json and its commit (about 1 s with the pauses). The other kill -9 runs and the
# SIGTERM runs stop after a uniform random delay over the uninterrupted run's duration (start-up, data loading,
# training steps, evaluation and the writes). A SIGTERMed run must exit with 143 and summary.json "interrupted" (or 0
# and "completed", if it finished first). Prints one line per run and a verdict; exit code 1 if any run failed.
# Results: bench/results/crash.txt. The run folders are kept under bench/crash/.work until the next run.
set -uo pipefail
cd "$(dirname "$0")/../.."
kills=${1:-20}
terms=${2:-5}
work=bench/crash/.work
rm -rf "$work"; mkdir -p "$work"
log=bench/results/crash.txt
mkdir -p bench/results

dotnet build examples/FashionMnist -c Release -v quiet -nologo >/dev/null || { echo "build failed"; exit 1; }
app=examples/FashionMnist/bin/Release/net10.0/FashionMnist
args=(train -e FashionBaseline --train-limit 1280 --test-limit 200 --epochs 3 --threads 1 --quiet)

start_ns=$(date +%s%N)
"$app" "${args[@]}" --out "$work/reference" || { echo "the reference run failed"; exit 1; }
ref_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
reference=$(ls "$work"/reference/FashionBaseline/*/model.bin)
{
  echo "# bench/crash/crash.sh $kills $terms — $(date -u +%Y-%m-%dT%H:%MZ), $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
  echo "# reference run: ${ref_ms} ms, $(sha256sum "$reference" | cut -c1-16) model.bin"
} | tee "$log"

failures=0
run_folder() { ls -d "$1"/FashionBaseline/*/ 2>/dev/null | head -n 1; }
status_of() { grep -o '"status": *"[a-z-]*"' "$1/summary.json" 2>/dev/null | sed 's/.*"\([a-z-]*\)"$/\1/'; }

# A run that finishes before its signal is reported but not counted: the loop goes on until KILLS runs were really
# killed and TERMS really SIGTERMed (at most 3 × as many attempts).
killed=0; termed=0; i=0
while ((killed < kills || termed < terms)) && ((i < 3 * (kills + terms))); do
  i=$((i + 1))
  out="$work/run$i"
  if ((killed >= kills)); then kind=sigterm; elif ((killed % 3 == 0)); then kind=kill-in-write; else kind=kill; fi
  delay_ms=$(( (RANDOM * 32768 + RANDOM) % (ref_ms + 1) ))
  if [ "$kind" = kill-in-write ]; then
    TRAINDSL_CRASH_TEST_PAUSE_MS=150 "$app" "${args[@]}" --out "$out" & pid=$!
    # Alternately epoch 1's writes and epoch 2's (after epoch 1's resume point is committed): wait for a checkpoint
    # write in progress (a temporary or staged file), then kill somewhere inside the write sequence.
    if (( (killed / 3) % 2 == 1 )); then
      while kill -0 "$pid" 2>/dev/null && ! compgen -G "$out/FashionBaseline/*/resume.json" >/dev/null; do sleep 0.01; done
      while kill -0 "$pid" 2>/dev/null && compgen -G "$out/FashionBaseline/*/*.new" >/dev/null; do sleep 0.01; done
    fi
    while kill -0 "$pid" 2>/dev/null && ! compgen -G "$out/FashionBaseline/*/*.new" >/dev/null \
          && ! compgen -G "$out/FashionBaseline/*/*.bin.tmp" >/dev/null; do sleep 0.01; done
    delay_ms=$(( RANDOM % 1100 ))
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    seen=$(ls "$out"/FashionBaseline/*/ 2>/dev/null | grep -E '\.(new|tmp)$' | tr '\n' ' ')
    kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; first_exit=$?
    what="kill -9 in a write (+${delay_ms} ms; ${seen:-no temp file left})"
  else
    "$app" "${args[@]}" --out "$out" 2>"$out.stderr" & pid=$!
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    if [ "$kind" = sigterm ]; then kill -TERM "$pid" 2>/dev/null; else kill -9 "$pid" 2>/dev/null; fi
    wait "$pid" 2>/dev/null; first_exit=$?
    what="$kind at ${delay_ms} ms"
  fi

  verdict=ok; note=""
  folder=$(run_folder "$out")
  if [ "$kind" = sigterm ] && [ -n "$folder" ]; then
    s=$(status_of "$folder")
    if ! { [ "$first_exit" = 143 ] && [ "$s" = interrupted ]; } && ! { [ "$first_exit" = 0 ] && [ "$s" = completed ]; }; then
      verdict=FAIL; note="SIGTERM ended with exit $first_exit and status '${s:-no summary}'"
    fi
  fi

  if [ "$verdict" = ok ]; then
    if [ -n "$folder" ] && [ "$(status_of "$folder")" = completed ]; then
      note="finished before the signal"
    elif [ -n "$folder" ] && [ -f "$folder/plan.json" ]; then
      resume_err=$("$app" train --resume "$folder" --threads 1 --quiet 2>&1 >/dev/null); resume_exit=$?
      if [ "$resume_exit" = 0 ]; then
        note="resumed"
      elif grep -q "has no resume point yet" <<<"$resume_err"; then
        note="said why (no resume point yet), trained anew"
        rm -rf "$out"; "$app" "${args[@]}" --out "$out" >/dev/null; folder=$(run_folder "$out")
      elif grep -q "has already completed" <<<"$resume_err"; then
        note="said why (already completed its epochs)"
        [ -f "$folder/model.bin" ] || cp "$folder/last.bin" "$folder/model.bin"  # the last resume point holds the final weights
      else
        verdict=FAIL; note="resume failed (exit $resume_exit): $resume_err"
      fi
    else
      note="killed before the run folder existed, trained anew"
      rm -rf "$out"; "$app" "${args[@]}" --out "$out" >/dev/null; folder=$(run_folder "$out")
    fi
  fi

  if [ "$verdict" = ok ]; then
    if ! cmp -s "$reference" "$folder/model.bin"; then
      verdict=FAIL; note="$note; model.bin differs from the uninterrupted run's"
    elif leftovers=$(ls "$folder" | grep -E '\.(new|tmp)$'); then
      verdict=FAIL; note="$note; left behind: $(tr '\n' ' ' <<<"$leftovers")"
    else
      note="$note; model.bin bitwise equal"
    fi
  fi
  [ "$verdict" = ok ] || failures=$((failures + 1))
  if [[ "$note" != "finished before the signal"* ]]; then
    if [ "$kind" = sigterm ]; then termed=$((termed + 1)); else killed=$((killed + 1)); fi
  fi
  printf '%2d  %-4s  %s (exit %s): %s\n' "$i" "$verdict" "$what" "$first_exit" "$note" | tee -a "$log"
done

echo "$((i - failures)) of $i runs ended bitwise equal; $killed were killed with kill -9 and $termed SIGTERMed mid-run, and each resumed or said why (the rest finished before their signal)." | tee -a "$log"
[ "$failures" = 0 ] && ((killed >= kills && termed >= terms))
