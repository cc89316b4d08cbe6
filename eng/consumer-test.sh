#!/usr/bin/env bash
# What a new user does with the package, outside this repository:
#   pack TrainDsl into a local folder; create a console project; add the package; write an
#   experiment in the mission's spelling: gamma=2 fails with TD0026 (and no CS5001), Gamma = 2 builds with a
#   wrong learning rate and shows TD0001;
#   check bin holds only the host's natives and a publish for win-x64 carries its own;
#   run `plan` and a few training steps; then `dotnet new traindsl -n FashionMnist`, build it and train one epoch.
# Prints "consumer: N passed, 0 failed" at the end; exits non-zero on the first failure.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/traindsl-consumer.XXXXXX)
version="0.1.0-ci.$(date +%Y%m%d%H%M%S)"
feed="$work/feed"
passed=0
cleanup() {
  dotnet new uninstall TrainDsl.Templates >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
step() { printf 'consumer: %s\n' "$*"; }
ok() { passed=$((passed + 1)); step "ok - $*"; }
fail() { step "FAILED - $*"; printf 'consumer: %d passed, 1 failed\n' "$passed"; exit 1; }

# `dotnet pack` at the root, on the solution ./build.sh test has just built: the two packages users install, nothing else.
rootfeed="$work/root-packages"
dotnet pack "$repo/TrainDsl.sln" -c Release --no-build -o "$rootfeed" -v quiet -nologo >/dev/null || fail "dotnet pack at the root failed"
packages=$(cd "$rootfeed" && ls *.nupkg | sed -E 's/\.[0-9]+\.[0-9]+\.[0-9]+(-[^/]*)?\.nupkg$//' | sort | tr '\n' ' ')
[ "$packages" = "TrainDsl TrainDsl.Templates " ] || fail "dotnet pack at the root made: $packages"
ok "dotnet pack at the root makes only TrainDsl and TrainDsl.Templates"

step "packing TrainDsl $version"
dotnet pack "$repo/src/TrainDsl/TrainDsl.csproj" -c Release -o "$feed" -p:Version="$version" \
  --artifacts-path "$work/artifacts" -v quiet -nologo >/dev/null
dotnet pack "$repo/templates/TrainDsl.Templates.csproj" -c Release -o "$feed" -p:Version="$version" \
  --artifacts-path "$work/artifacts" -v quiet -nologo >/dev/null
nupkg="$feed/TrainDsl.$version.nupkg"
[ -f "$nupkg" ] || fail "no package at $nupkg"

files=$(unzip -Z1 "$nupkg")
leaked=$(grep -i 'Microsoft\.CodeAnalysis' <<<"$files" | grep -v '^analyzers/' || true)
[ -z "$leaked" ] || fail "Microsoft.CodeAnalysis assemblies outside analyzers/: $leaked"
for f in lib/net10.0/TrainDsl.dll analyzers/dotnet/cs/TrainDsl.Generators.dll analyzers/dotnet/cs/TrainDsl.CodeFixes.dll \
         build/TrainDsl.props buildTransitive/TrainDsl.props README.md; do
  grep -qx "$f" <<<"$files" || fail "package lacks $f"
done
unzip -p "$nupkg" TrainDsl.nuspec | grep -q 'id="TorchSharp-cpu"' || fail "package does not depend on TorchSharp-cpu"
grep -i 'codeanalysis' <(unzip -p "$nupkg" TrainDsl.nuspec) && fail "the nuspec names a Roslyn dependency"
ok "package layout (runtime in lib/, generator and code fixes in analyzers/dotnet/cs, props in build/ and buildTransitive/)"

# A fresh console project that knows only the local feed plus the machine's usual sources.
mkdir -p "$work/consumer"
cd "$work/consumer"
cat > nuget.config <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="traindsl-local" value="$feed" />
  </packageSources>
</configuration>
XML
dotnet new console -n Consumer -o . --force >/dev/null
rm -f Program.cs   # the experiment's generated entry point takes its place
dotnet add package TrainDsl --version "$version" >/dev/null
# The project card's spelling, as a PyTorch user types it: one TD0026 naming Gamma, and no CS5001 beside it.
cat > Experiment.cs <<'CS'
namespace Consumer;

[Experiment(Epochs = 2, BatchSize = 128, Seed = 3)]
[Data(FashionMnist)]
[Model(SmallCnn)]
[Loss(Focal, gamma=2)]
[Optimizer(Sgd, LearningRate = 0.4, Momentum = 0.9)]
[Schedule(Cosine)]
[CutMix]
[Amp]
[Metric(Accuracy)]
public partial class Recipe1;
CS
build=$(dotnet build -c Release -nologo 2>&1) && { echo "$build"; fail "[Loss(Focal, gamma=2)] built"; }
grep -q "error TD0026: 'gamma' is not an option of \[Loss\]; did you mean Gamma?" <<<"$build" \
  || { echo "$build"; fail "no TD0026 naming Gamma for gamma=2"; }
grep -q 'CS5001' <<<"$build" && { echo "$build"; fail "CS5001 beside the recipe error"; }
ok "[Loss(Focal, gamma=2)] fails with TD0026 naming Gamma, and no CS5001"

# The same recipe after the code fix, with focal loss on CutMix's soft targets in bf16.
sed -i 's/gamma=2/Gamma = 2/' Experiment.cs
build=$(dotnet build -c Release -nologo 2>&1) || { echo "$build"; fail "the consumer project does not build"; }
grep -q 'warning TD0001' <<<"$build" || { echo "$build"; fail "no TD0001 warning for lr 0.4 at batch 128"; }
ok "builds with warning TD0001 for a learning rate off the linear scaling rule"

# Only the host's natives in bin (TorchSharp-cpu brings libtorch for three platforms); a publish for another RID carries that one's.
host_rid=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -1)
rids=$(ls bin/Release/net10.0/runtimes | tr '\n' ' ')
[ "$rids" = "$host_rid " ] || fail "bin/Release/net10.0/runtimes holds '$rids', not only $host_rid"
bin_mb=$(du -sm bin/Release/net10.0 | cut -f1)
dotnet publish -c Release -r win-x64 --self-contained false -o "$work/publish-win" -nologo -v quiet >/dev/null \
  || fail "dotnet publish -r win-x64 failed"
[ -f "$work/publish-win/torch_cpu.dll" ] && [ -f "$work/publish-win/LibTorchSharp.dll" ] \
  || fail "dotnet publish -r win-x64 lacks libtorch's Windows natives"
rm -rf "$work/publish-win" bin/Release/net10.0/win-x64
ok "bin holds only $host_rid natives ($bin_mb MB); publish -r win-x64 carries Windows' libtorch"

plan=$(dotnet run -c Release --no-build -- plan) || fail "plan failed"
grep -q 'focal (gamma 2)' <<<"$plan" || { echo "$plan"; fail "plan does not show the focal loss"; }
grep -q 'CutMix' <<<"$plan" || { echo "$plan"; fail "plan does not show CutMix"; }
ok "plan prints the resolved recipe"

dotnet run -c Release --no-build -- train --max-steps 5 --train-limit 1280 --test-limit 500 --out "$work/runs" --quiet \
  || fail "training a few steps failed"
ls "$work"/runs/Recipe1/*/model.bin >/dev/null 2>&1 || fail "no checkpoint in the run folder"
ok "trains a few steps and writes its run folder"

# The template, as `dotnet new traindsl` users get it.
dotnet new install "$feed/TrainDsl.Templates.$version.nupkg" >/dev/null
mkdir -p "$work/template"
cd "$work/template"
cp "$work/consumer/nuget.config" .
# Named like a recipe word: the template renames the namespace (FashionMnistExperiments) so it does not hide the word.
dotnet new traindsl -n FashionMnist -o . --TrainDslVersion "$version" >/dev/null
dotnet build -c Release -nologo -v quiet >/dev/null || fail "the template project does not build"
dotnet run -c Release --no-build -- train --epochs 1 --out "$work/template-runs" --quiet || fail "the template project does not train"
summary=$(cat "$work"/template-runs/Experiment/*/summary.json)
grep -q '"status": "completed"' <<<"$summary" || { echo "$summary"; fail "the template run did not complete"; }
ok "dotnet new traindsl -n FashionMnist builds and trains one epoch ($(grep -o '"accuracy": [0-9.]*' <<<"$summary"))"

printf 'consumer: %d passed, 0 failed\n' "$passed"
