#!/usr/bin/env bash
# The generator's build cost: a library of N experiments (default 100, recipes varied across the
# DSL) built from scratch with and without the generator and analyzers, alternated REPS times
# (default 3); prints the median of each and their difference, and writes bench/results/generator.json.
# It then splits the difference: REPS more builds with -p:ReportAnalyzer=true give the generator's own
# execution time and the RecipeAnalyzer's (as the compiler reports them); the rest is the compiler
# binding and emitting the generated code (and the SDK's analyzers walking it).
#   bash bench/generator.sh [N] [REPS]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100}
reps=${2:-3}
dir=bench/.generator-bench
[ -n "${KEEP:-}" ] || rm -rf "$dir"
mkdir -p "$dir"
cat > "$dir/Many.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <UseTrainDsl>true</UseTrainDsl>
  </PropertyGroup>
</Project>
XML
models=(SmallCnn ResNet20 ResNet18)
losses=("[Loss(CrossEntropy)]" "[Loss(Focal, Gamma = 2)]" "[Loss(CrossEntropy, LabelSmoothing = 0.1)]")
schedules=("[Schedule(Cosine, Interval = PerStep)]" "[Schedule(Step, StepSize = 3)]" "[Schedule(MultiStep, Milestones = new[] { 3, 6 })]")
extras=("[Metric(MacroF1)]" "[MixUp] [CutMix]" "[NoBiasDecay] [Metric(TopK, K = 5)]")
for i in $(seq 1 "$n"); do
  m=${models[$((i % 3))]}; l=${losses[$((i / 3 % 3))]}; s=${schedules[$((i / 9 % 3))]}; x=${extras[$((i / 27 % 3))]}
  [ "$l" = "[Loss(Focal, Gamma = 2)]" ] && [ "$x" = "[MixUp] [CutMix]" ] && x="[Metric(BalancedAccuracy)]"
  cat > "$dir/Experiment$i.cs" <<CS
namespace Many;

[Experiment(Epochs = 8, BatchSize = 128, Seed = $i)]
[Data(FashionMnist)]
[Model($m)]
$l
[Optimizer(Sgd, Momentum = 0.9)]
$s
$x
public partial class Experiment$i;
CS
done

build() { # $1 = true|false; prints seconds
  local start end
  start=$(date +%s.%N)
  dotnet build "$dir/Many.csproj" -c Release --no-incremental --no-dependencies --no-restore -v quiet -nologo -p:TrainDslGenerator="$1" >/dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
dotnet restore "$dir/Many.csproj" -v quiet >/dev/null
dotnet build "$dir/Many.csproj" -c Release -v quiet -nologo >/dev/null   # warm: the generator itself is built here
with=() without=()
for r in $(seq 1 "$reps"); do
  if [ $((r % 2)) = 1 ]; then with+=("$(build true)"); without+=("$(build false)")
  else without+=("$(build false)"); with+=("$(build true)"); fi
  echo "rep $r: with generator ${with[-1]} s, without ${without[-1]} s"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
mw=$(median "${with[@]}"); mo=$(median "${without[@]}")
diff=$(echo "$mw - $mo" | bc)
echo "median build: with generator $mw s, without $mo s; the generator adds $diff s for $n experiments"

# The compiler's own report (-p:ReportAnalyzer=true): TrainDsl.Generators' line in the generator table is
# the generator's execution, its line in the analyzer table the RecipeAnalyzer's.
report() { # prints "generatorSeconds analyzerSeconds"
  dotnet build "$dir/Many.csproj" -c Release --no-incremental --no-dependencies --no-restore -v detailed -nologo \
    -p:ReportAnalyzer=true | awk '
      /Total analyzer execution time/ { table = "analyzer" }
      /Total generator execution time/ { table = "generator" }
      /TrainDsl\.Generators, Version/ && table != "" && !(table in seconds) { seconds[table] = $1 }
      END { printf "%s %s\n", ("generator" in seconds) ? seconds["generator"] : 0, ("analyzer" in seconds) ? seconds["analyzer"] : 0 }'
}
gen=() ana=()
for r in $(seq 1 "$reps"); do read -r g a < <(report); gen+=("$g"); ana+=("$a"); done
mg=$(median "${gen[@]}"); ma=$(median "${ana[@]}")
emitted=$(echo "$diff - $mg - $ma" | bc)
echo "of which: generator execution $mg s, RecipeAnalyzer $ma s, compiling the generated code (and the rest) $emitted s"
mkdir -p bench/results
printf '{\n  "benchmark": "build time of %s experiments with and without the generator",\n  "reps": %s,\n  "withGenerator": [%s],\n  "withoutGenerator": [%s],\n  "medianWith": %s,\n  "medianWithout": %s,\n  "addedSeconds": %s,\n  "generatorExecution": [%s],\n  "recipeAnalyzer": [%s],\n  "medianGeneratorExecution": %s,\n  "medianRecipeAnalyzer": %s,\n  "compileOfGeneratedCode": %s\n}\n' \
  "$n" "$reps" "$(IFS=,; echo "${with[*]}")" "$(IFS=,; echo "${without[*]}")" "$mw" "$mo" "$diff" \
  "$(IFS=,; echo "${gen[*]}")" "$(IFS=,; echo "${ana[*]}")" "$mg" "$ma" "$emitted" > bench/results/generator.json
[ -n "${KEEP:-}" ] || rm -rf "$dir"
