#!/usr/bin/env bash
# The generator's build cost: a library of N experiments (default 100, recipes varied across the DSL) built
# from scratch REPS times (default 5) in three ways, alternated:
#   with          the generator and analyzers, as users build;
#   as source     generator off, its output for these experiments added as ordinary .cs files: the same code
#                 a user would otherwise write by hand;
#   without       generator off and no generated code (the attributed classes alone).
# "with - as source" is what the generator itself adds to a build; "as source - without" is the compiler
# compiling the code it writes. Prints the medians and writes bench/results/generator.json.
# It then runs REPS more builds with -p:ReportAnalyzer=true for the compiler's own report of the generator's
# execution time and the RecipeAnalyzer's.
# All of that twice: with a cold compiler per build (UseSharedCompilation=false, as this project's CI machine is set
# up), and with the compiler server kept warm between builds (the .NET SDK's default, and what an IDE's build uses).
#   bash bench/generator.sh [N] [REPS]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100}
reps=${2:-5}
dir=bench/.generator-bench
[ -n "${KEEP:-}" ] || rm -rf "$dir"
mkdir -p "$dir"
cat > "$dir/Many.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <UseTrainDsl>true</UseTrainDsl>
  </PropertyGroup>
  <ItemGroup>
    <Compile Remove="emitted/**" />
    <Compile Remove="AsSource/**" Condition="'$(AsSource)' != 'true'" />
  </ItemGroup>
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

build() { # $1 = with|source|without; prints seconds. $COMPILER: cold or server.
  local start end flags
  case "$1" in
    with) flags=(-p:TrainDslGenerator=true) ;;
    source) flags=(-p:TrainDslGenerator=false -p:AsSource=true) ;;
    without) flags=(-p:TrainDslGenerator=false) ;;
  esac
  if [ "$COMPILER" = server ]; then flags+=(-p:UseSharedCompilation=true); else flags+=(-p:UseSharedCompilation=false); fi
  start=$(date +%s.%N)
  dotnet build "$dir/Many.csproj" -c Release --no-incremental --no-dependencies --no-restore -v quiet -nologo "${flags[@]}" >/dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
dotnet restore "$dir/Many.csproj" -v quiet >/dev/null
dotnet build "$dir/Many.csproj" -c Release -v quiet -nologo >/dev/null   # warm: the generator itself is built here
# The generated files, for the "as source" builds (only this project's: the property would reach the references).
dotnet build "$dir/Many.csproj" -c Release --no-incremental --no-dependencies --no-restore -v quiet -nologo \
  -p:EmitCompilerGeneratedFiles=true -p:CompilerGeneratedFilesOutputPath=emitted >/dev/null
rm -rf "$dir/AsSource" && mkdir -p "$dir/AsSource"
find "$dir/emitted/TrainDsl.Generators" -name '*.g.cs' -exec cp {} "$dir/AsSource/" \;
lines=$(cat "$dir"/AsSource/*.cs | wc -l)
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a - b }'; }   # bc would print .25, which is not JSON
# The compiler's own report (-p:ReportAnalyzer=true): TrainDsl.Generators' line in the generator table is
# the generator's execution, its line in the analyzer table the RecipeAnalyzer's.
report() { # prints "generatorSeconds analyzerSeconds"
  local shared=false; [ "$COMPILER" = server ] && shared=true
  dotnet build "$dir/Many.csproj" -c Release --no-incremental --no-dependencies --no-restore -v detailed -nologo \
    -p:ReportAnalyzer=true -p:UseSharedCompilation=$shared | awk '
      /Total analyzer execution time/ { table = "analyzer" }
      /Total generator execution time/ { table = "generator" }
      /TrainDsl\.Generators, Version/ && table != "" && !(table in seconds) { seconds[table] = $1 }
      END { printf "%s %s\n", ("generator" in seconds) ? seconds["generator"] : 0, ("analyzer" in seconds) ? seconds["analyzer"] : 0 }'
}

measure() { # $1 = cold|server: the three-way comparison and the compiler's report; prints a JSON object
  COMPILER=$1
  local with=() source=() without=() gen=() ana=() order=(with source without) r i
  if [ "$COMPILER" = server ]; then
    # Start the server and let it load (and JIT) the compiler, the generator and this project's references.
    for i in with source without with source without; do build $i >/dev/null; done
  fi
  for r in $(seq 1 "$reps"); do
    # Rotate the order so drift in machine load falls on every configuration.
    for i in 0 1 2; do
      case "${order[$(( (i + r) % 3 ))]}" in
        with) with+=("$(build with)") ;;
        source) source+=("$(build source)") ;;
        without) without+=("$(build without)") ;;
      esac
    done
    echo "$COMPILER compiler, rep $r: with generator ${with[-1]} s, generated code as source ${source[-1]} s, without either ${without[-1]} s" >&2
  done
  local mw ms mo diff own code mg ma
  mw=$(median "${with[@]}"); ms=$(median "${source[@]}"); mo=$(median "${without[@]}")
  diff=$(minus "$mw" "$mo"); own=$(minus "$mw" "$ms"); code=$(minus "$ms" "$mo")
  echo "$COMPILER compiler, median build: with generator $mw s, its $lines generated lines as source $ms s, without either $mo s" >&2
  echo "$COMPILER compiler: the generator adds $own s over the same code as source; compiling that code costs $code s; together $diff s ($n experiments)" >&2
  for r in $(seq 1 "$reps"); do read -r g a < <(report); gen+=("$g"); ana+=("$a"); done
  mg=$(median "${gen[@]}"); ma=$(median "${ana[@]}")
  echo "$COMPILER compiler's report: generator execution $mg s, RecipeAnalyzer $ma s" >&2
  printf '{\n    "withGenerator": [%s],\n    "generatedCodeAsSource": [%s],\n    "withoutGenerator": [%s],\n    "medianWith": %s,\n    "medianAsSource": %s,\n    "medianWithout": %s,\n    "generatorOwnSeconds": %s,\n    "compileOfGeneratedCode": %s,\n    "addedSeconds": %s,\n    "generatorExecution": [%s],\n    "recipeAnalyzer": [%s],\n    "medianGeneratorExecution": %s,\n    "medianRecipeAnalyzer": %s\n  }' \
    "$(IFS=,; echo "${with[*]}")" "$(IFS=,; echo "${source[*]}")" "$(IFS=,; echo "${without[*]}")" \
    "$mw" "$ms" "$mo" "$own" "$code" "$diff" "$(IFS=,; echo "${gen[*]}")" "$(IFS=,; echo "${ana[*]}")" "$mg" "$ma"
}

cold=$(measure cold)
server=$(measure server)
dotnet build-server shutdown >/dev/null 2>&1 || true
mkdir -p bench/results
printf '{\n  "benchmark": "build time of %s experiments: with the generator, with its output as ordinary source, without either; a cold compiler per build, then the warm compiler server",\n  "reps": %s,\n  "generatedLines": %s,\n  "cold": %s,\n  "server": %s\n}\n' \
  "$n" "$reps" "$lines" "$cold" "$server" > bench/results/generator.json
[ -n "${KEEP:-}" ] || rm -rf "$dir"
