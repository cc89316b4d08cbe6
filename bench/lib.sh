# Shared by bench/run.sh and bench/Amp/run.sh (sourced): waiting for a quiet machine and reading JSON lines.

idle_percent() {  # share of the machine's CPU time that was idle over the next 2 seconds
  local a b
  a=($(head -n 1 /proc/stat)); sleep 2; b=($(head -n 1 /proc/stat))
  local idle=$(( (b[4] + b[5]) - (a[4] + a[5]) )) total=0 i
  for i in 1 2 3 4 5 6 7 8; do total=$(( total + b[i] - a[i] )); done
  echo $(( total > 0 ? 100 * idle / total : 100 ))
}

wait_for_quiet() {  # up to MAX_WAIT seconds for the cores to be at least MIN_IDLE% idle; prints the last idle share
  local waited=0 idle
  idle=$(idle_percent)
  # each round is a 3 s sleep plus idle_percent's 2 s sample
  while [ "$idle" -lt "$MIN_IDLE" ] && [ "$waited" -lt "$MAX_WAIT" ]; do sleep 3; waited=$((waited + 5)); idle=$(idle_percent); done
  echo "$idle"
}

field() { echo "$1" | grep -o "\"$2\": *[0-9.eE+-]*" | sed 's/.*: *//'; }  # field JSON_LINE NAME: a number
