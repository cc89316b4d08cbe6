using Microsoft.CodeAnalysis.Testing;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests.Diagnostics;

/// <summary>TD0100: parts whose attributes exist but that the generated loop does not implement yet.</summary>
public sealed class NotSupportedYetRuleTests
{
    private static string Recipe(string more) => $$"""
        [Experiment(Epochs = 90)]
        [Data(FashionMnist)]
        [Model(SmallCnn)]
        [Optimizer(Sgd)]
        {{more}}
        public partial class E { }
        """;

    [Theory]
    [InlineData("[{|#0:MixUp(Alpha = 0.8)|}]", "[MixUp]")]
    [InlineData("[{|#0:CutMix|}]", "[CutMix]")]
    [InlineData("[{|#0:FMix(DecayPower = 3)|}]", "[FMix]")]
    [InlineData("[{|#0:Amp(BFloat16)|}]", "[Amp]")]
    [InlineData("[{|#0:Distill(typeof(TrainDsl.Models.SmallCnn), Checkpoint = \"teacher.bin\")|}]", "[Distill]")]
    [InlineData("[{|#0:ZeroGamma|}]", "[ZeroGamma]")]
    [InlineData("[{|#0:NoBiasDecay|}]", "[NoBiasDecay]")]
    [InlineData("[Schedule({|#0:Plateau|})]", "[Schedule(Plateau)]")]
    [InlineData("[Schedule(Cosine, {|#0:WarmupEpochs = 5|})]", "WarmupEpochs")]
    public Task Each_later_part_is_named(string more, string part) => RecipeTest.VerifyAnalyzerAsync(
        Recipe(more),
        new DiagnosticResult(DiagnosticDescriptors.NotSupportedYet).WithLocation(0).WithMessage(
            $"{part} is not supported yet, so the generated training loop ignores it; remove it until TrainDsl implements it"));

    [Fact]
    public Task Zero_warmup_is_not_flagged() => RecipeTest.VerifyAnalyzerAsync(Recipe("[Schedule(Cosine, WarmupEpochs = 0)]"));
}
