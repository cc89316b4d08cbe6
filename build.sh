#!/usr/bin/env bash
# TrainDsl's two commands on a fresh machine:
#   ./build.sh train [options]   train the FashionMnist example end to end (options go to its CLI)
#   ./build.sh test              build everything and run every test
# Both first check the prerequisites (and install what is missing): see eng/prereqs.sh.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

bash eng/prereqs.sh

case "${1:-}" in
  train)
    shift
    dotnet build examples/FashionMnist/FashionMnist.csproj -c Release -v quiet -nologo
    exec dotnet run --project examples/FashionMnist/FashionMnist.csproj -c Release --no-build -- train "$@"
    ;;
  test)
    dotnet build TrainDsl.sln -c Release -v quiet -nologo
    log=$(mktemp)
    set +e
    # One test project at a time: the machine has two cores and the end-to-end tests train.
    dotnet test TrainDsl.sln -c Release --no-build -m:1 --logger "console;verbosity=normal" 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    # The package as a new user consumes it (pack, fresh project, TD0001, plan, train, template).
    bash eng/consumer-test.sh 2>&1 | tee -a "$log"
    [ "${PIPESTATUS[0]}" = 0 ] || rc=1
    set -e
    # One closing line over all projects, e.g. "tests: 120 passed, 0 failed".
    awk '/^consumer: [0-9]+ passed/ { p += $2; f += $4 }
         /^ +Passed: [0-9]+$/ { p += $2 }  /^ +Failed: [0-9]+$/ { f += $2 }  /^ +Skipped: [0-9]+$/ { s += $2 }
         END { printf "tests: %d passed, %d failed", p, f; if (s) printf ", %d skipped", s; printf "\n" }' "$log"
    rm -f "$log"
    exit "$rc"
    ;;
  *)
    sed -n '2,5p' "$0"
    exit 2
    ;;
esac
