using Microsoft.CodeAnalysis.Testing;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests.Diagnostics;

/// <summary>TD0025: fp16 mixed precision on a CPU-only build (MSBuild TrainDslBackend unset or cpu).</summary>
public sealed class AmpRuleTests
{
    private static string Recipe(string more) => $$"""
        [Experiment(Epochs = 90)]
        [Data(FashionMnist)]
        [Model(ResNet20)]
        [Optimizer(Sgd)]
        [Metric(Accuracy)]
        {{more}}
        public partial class E { }
        """;

    [Theory]
    [InlineData("[Amp({|#0:Float16|})]", null)]
    [InlineData("[Amp({|#0:AmpPrecision.Float16|}, LowPrecisionEval = true)]", null)]
    [InlineData("[Amp({|#0:Float16|})]", "cpu")]
    public Task Fp16_on_a_cpu_build_suggests_bf16(string more, string? backend) => RecipeTest.VerifyAnalyzerAsync(
        Recipe(more), backend,
        new DiagnosticResult(DiagnosticDescriptors.Fp16OnCpu).WithLocation(0).WithMessage(
            "[Amp(Float16)] on a CPU-only build is slow: CPU kernels have no fast fp16 path (about 15× slower than fp32 measured on an AVX-512 CPU); use [Amp] (bf16), which is faster than fp32 and needs no loss scaling"));

    [Theory]
    [InlineData("[Amp(Float16)]", "cuda")]
    [InlineData("[Amp(Float16)]", "CUDA")]
    [InlineData("[Amp]", null)]
    [InlineData("[Amp(BFloat16)]", null)]
    [InlineData("[Amp(LowPrecisionEval = true, ChannelsLast = false)]", null)]
    public Task Bf16_or_a_gpu_build_is_not_flagged(string more, string? backend) => RecipeTest.VerifyAnalyzerAsync(Recipe(more), backend);

    [Theory]
    [InlineData("[MixUp(Alpha = 0.8)] [Amp]")]
    [InlineData("[CutMix] [Amp]")]
    [InlineData("[FMix(DecayPower = 3)] [Amp]")]
    [InlineData("[RandomCrop(Padding = 4)] [HorizontalFlip(Probability = 0.5)] [Amp]")]
    [InlineData("[ZeroGamma] [NoBiasDecay] [Amp]")]
    [InlineData("[Schedule(Plateau, Monitor = Loss)] [Amp]")]
    [InlineData("[Schedule(Cosine, Interval = PerStep, WarmupSteps = 500)] [Amp]")]
    [InlineData("[Distill(typeof(TrainDsl.Models.SmallCnn), Checkpoint = \"teacher.bin\")] [Amp]")]
    public Task Amp_combines_with_every_part(string more) => RecipeTest.VerifyAnalyzerAsync(Recipe(more));
}
