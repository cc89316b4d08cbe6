using Microsoft.CodeAnalysis.Testing;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests.Diagnostics;

/// <summary>TD0100: parts whose attributes exist but that the generated loop does not implement yet ([Amp]).</summary>
public sealed class NotSupportedYetRuleTests
{
    private static string Recipe(string more) => $$"""
        [Experiment(Epochs = 90)]
        [Data(FashionMnist)]
        [Model(ResNet20)]
        [Optimizer(Sgd)]
        [Metric(Accuracy)]
        [Metric(MacroF1)]
        {{more}}
        public partial class E { }
        """;

    [Theory]
    [InlineData("[{|#0:Amp|}]")]
    [InlineData("[{|#0:Amp(BFloat16)|}]")]
    [InlineData("[{|#0:Amp(Float16)|}]")]
    public Task Amp_is_named(string more) => RecipeTest.VerifyAnalyzerAsync(
        Recipe(more),
        new DiagnosticResult(DiagnosticDescriptors.NotSupportedYet).WithLocation(0).WithMessage(
            "[Amp] is not supported yet, so the generated training loop ignores it; remove it until TrainDsl implements it"));

    [Theory]
    [InlineData("[MixUp(Alpha = 0.8)]")]
    [InlineData("[CutMix]")]
    [InlineData("[FMix(DecayPower = 3)]")]
    [InlineData("[MixUp] [CutMix] [Mixing(Probability = 0.5, SwitchProbability = 0.5)]")]
    [InlineData("[RandomCrop(Padding = 4)] [HorizontalFlip(Probability = 0.5)]")]
    [InlineData("[ZeroGamma]")]
    [InlineData("[NoBiasDecay]")]
    [InlineData("[Schedule(Plateau, Monitor = Loss)]")]
    [InlineData("[Schedule(Cosine, WarmupEpochs = 5)]")]
    [InlineData("[Schedule(Cosine, Interval = PerStep, WarmupSteps = 500)]")]
    [InlineData("[Distill(typeof(TrainDsl.Models.SmallCnn), Checkpoint = \"teacher.bin\")]")]
    public Task Implemented_parts_are_not_flagged(string more) => RecipeTest.VerifyAnalyzerAsync(Recipe(more));
}
