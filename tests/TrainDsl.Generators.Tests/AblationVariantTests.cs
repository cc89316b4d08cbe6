using System.Collections.Immutable;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests;

/// <summary>
/// ablate's variants are derived from the declaration: one per declared trick without it, and for --add the plain
/// baseline plus one trick each; each variant's declaration goes through the recipe rules, and one they reject is skipped
/// with the diagnostic's ID and message.
/// </summary>
public sealed class AblationVariantTests
{
    private static ExperimentDeclaration Declaration(string source, string name)
    {
        var compilation = TestCompilation.Create(source);
        return ExperimentParser.Parse(compilation.GetTypeByMetadataName(name)!, CancellationToken.None)!;
    }

    private static string Row(ResolvedVariant v) => v.Name + ": " + string.Join(" ", v.Settings) + (v.Skipped is null ? "" : " | " + v.Skipped);

    [Fact]
    public void A_full_recipe_gets_one_variant_per_declared_trick_and_the_additions()
    {
        var (removals, additions) = AblationVariants.Derive(Declaration(Recipes.FullRecipe, "Recipes.Full.FullRecipe"), d => RecipeRules.Check(d));

        // FullRecipe declares zero-γ, crop, flip, MixUp + CutMix, label smoothing 0.1, no bias decay and a 5-epoch warmup,
        // but no [Distill] and no [Amp]: exactly seven tricks, in the Bag of Tricks order.
        Assert.Equal(
        [
            "no mixing: Mixing=false",
            "no label smoothing: LabelSmoothing=0",
            "no zero-γ: ZeroGamma=false",
            "with bias decay: NoBiasDecay=false",
            "no warmup: WarmupEpochs=0",
            "no crop: Crop=false",
            "no flip: Flip=false",
        ], removals.Select(Row));

        const string allOff = "Mixing=false LabelSmoothing=0 ZeroGamma=false NoBiasDecay=false WarmupEpochs=0 Crop=false Flip=false";
        Assert.Equal("baseline: " + allOff, Row(additions[0]));
        Assert.Equal(8, additions.Count);
        Assert.Equal("+ label smoothing: " + allOff.Replace("LabelSmoothing=0 ", ""), Row(additions[2]));
        Assert.Equal("+ flip: " + allOff.Replace(" Flip=false", ""), Row(additions[7]));
    }

    [Fact]
    public void Distillation_amp_resized_crop_and_warmup_steps_have_their_own_switches()
    {
        const string source = """
            namespace App;

            [Experiment] [Data(FashionMnist)] [Model(SmallCnn)] [Optimizer(Sgd)]
            public partial class Teacher { }

            [Experiment]
            [Data(FashionMnist)]
            [Model(SmallCnn)]
            [Amp]
            [Distill(typeof(Teacher))]
            [RandomResizedCrop]
            [Loss(CrossEntropy)]
            [Optimizer(Sgd)]
            [Schedule(Cosine, Interval = PerStep, WarmupSteps = 100)]
            public partial class Student { }
            """;
        var (removals, _) = AblationVariants.Derive(Declaration(source, "App.Student"), d => RecipeRules.Check(d));

        Assert.Equal(
            ["no distillation: Distill=false", "no warmup: WarmupSteps=0", "fp32 (no Amp): Amp=false", "no crop: Crop=false"],
            removals.Select(Row));
    }

    [Fact]
    public void A_recipe_without_tricks_has_no_variants_and_generates_no_ablation_members()
    {
        var (removals, additions) = AblationVariants.Derive(Declaration(Recipes.Baseline, "Example.FashionBaseline"), d => RecipeRules.Check(d));
        Assert.Empty(removals);
        Assert.Empty(additions);

        var run = GeneratorHarness.Run(TestCompilation.Create(Recipes.Baseline));
        Assert.DoesNotContain("AblationVariants", run.Sources.Single().Text);
    }

    /// <summary>
    /// No built-in rule rejects a valid recipe with a trick removed today, so this rule stands in for one: it rejects
    /// recipes that flip without cropping. The variants whose declaration lacks the crop (no crop, the baseline, + each
    /// trick other than crop) must be skipped with its message; the others are trained.
    /// </summary>
    private const string Why = "a test rule that stands in for a real one, with a reason long enough to be split over lines of generated code";

    [Fact]
    public void A_variant_the_rules_reject_is_skipped_with_the_rules_reason()
    {
        static ImmutableArray<DiagnosticInfo> FlipNeedsCrop(ExperimentDeclaration d)
            => d.HorizontalFlip is not null && d.RandomCrop is null
                ? [DiagnosticInfo.Create(DiagnosticDescriptors.IncompatibleParts, null, "[HorizontalFlip]", "no crop", Why)]
                : RecipeRules.Check(d);
        var (removals, additions) = AblationVariants.Derive(Declaration(Recipes.FullRecipe, "Recipes.Full.FullRecipe"), FlipNeedsCrop);

        const string reason = "TD0023: [HorizontalFlip] cannot be combined with no crop: " + Why;
        Assert.Equal(reason, removals.Single(v => v.Name == "no crop").Skipped);
        Assert.All(removals.Where(v => v.Name != "no crop"), v => Assert.Null(v.Skipped));
        // The baseline has no crop and no flip, so the rule holds; "+ flip" alone has a flip without a crop.
        Assert.Null(additions.Single(v => v.Name == "baseline").Skipped);
        Assert.Equal(reason, additions.Single(v => v.Name == "+ flip").Skipped);
        Assert.All(additions.Where(v => v.Name != "+ flip"), v => Assert.Null(v.Skipped));

        // Emitted, a rejected variant keeps its reason and settings and still compiles.
        var experiment = ExperimentResolver.Resolve(Declaration(Recipes.FullRecipe, "Recipes.Full.FullRecipe"))! with { Ablation = removals };
        var emitted = ExperimentEmitter.Emit(experiment);
        Assert.Contains("AblationVariant.Rejected(\"no crop\",", emitted);
        Assert.All(emitted.Split('\n'), line => Assert.True(line.Length <= 140, line));
        var lines = emitted[emitted.IndexOf("AblationVariant.Rejected(\"no crop\"", StringComparison.Ordinal)..].Split('\n').Select(l => l.Trim()).ToList();
        var last = lines.FindIndex(l => l == "\"Crop=false\"),");
        Assert.True(last > 2, "the reason is split over lines");
        var literal = string.Concat(lines.Skip(1).Take(last - 1).Select(l => l.TrimStart('+', ' ').TrimEnd(',')).Select(l => l[1..^1]));
        Assert.Equal(reason, literal);
        var compilation = TestCompilation.Create(Recipes.FullRecipe).AddSyntaxTrees(
            Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(emitted, TestCompilation.ParseOptions));
        Assert.Empty(TestCompilation.Errors(compilation));
    }
}
