using TrainDsl.CodeFixes;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests.Diagnostics;

/// <summary>
/// TD0026 and its code fix: an option in PyTorch's spelling names the property it means. The generator reports
/// TD0026 (a command-line build runs no analyzer once the compiler has failed on the name); the fix is offered on
/// the compiler's CS0246.
/// </summary>
public sealed class UnknownOptionRuleTests
{
    private static string Recipe(string more, string optimizer = "[Optimizer(Sgd)]") => $$"""
        [Experiment]
        [Data(FashionMnist)]
        [Model(SmallCnn)]
        {{optimizer}}
        {{more}}
        public partial class E { }
        """;

    [Theory]
    [InlineData("[Loss(Focal, {|#0:gamma|} = 2)]", "gamma", "Loss", "did you mean Gamma?")]
    [InlineData("[Loss(CrossEntropy, {|#0:label_smoothing|} = 0.1)]", "label_smoothing", "Loss", "did you mean LabelSmoothing?")]
    [InlineData("[Schedule(Cosine, {|#0:T_max|} = 10)]", "T_max", "Schedule", "did you mean Period?")]
    [InlineData("[Schedule(Cosine, {|#0:eta_min|} = 1e-5)]", "eta_min", "Schedule", "did you mean MinLr?")]
    [InlineData("[Schedule(Step, StepSize = 3, {|#0:gamma|} = 0.5)]", "gamma", "Schedule", "did you mean Gamma?")]
    [InlineData("[Schedule(Plateau, Monitor = Loss, {|#0:patience|} = 3)]", "patience", "Schedule", "did you mean Patience?")]
    [InlineData("[Schedule(Cosine, {|#0:warmup_epochs|} = 1)]", "warmup_epochs", "Schedule", "did you mean WarmupEpochs?")]
    [InlineData("[Schedule(OneCycle, {|#0:pct_start|} = 0.25)]", "pct_start", "Schedule", "did you mean PctStart?")]
    [InlineData("[HorizontalFlip({|#0:p|} = 0.5)]", "p", "HorizontalFlip", "did you mean Probability?")]
    [InlineData("[Loss(Focal, {|#0:focus|} = 2)]", "focus", "Loss", "its options are Alpha, Gamma, LabelSmoothing")]
    public void A_named_argument_that_is_no_property_names_the_one_meant(string more, string name, string attribute, string hint)
        => AssertReported(Recipe(more.Replace("{|#0:", "").Replace("|}", "")), $"'{name}' is not an option of [{attribute}]; {hint}", name);

    [Theory]
    [InlineData("lr", "LearningRate")]
    [InlineData("weight_decay", "WeightDecay")]
    [InlineData("momentum", "Momentum")]
    [InlineData("nesterov", "Nesterov")]
    [InlineData("eps", "Epsilon")]
    [InlineData("amsgrad", "Amsgrad")]
    [InlineData("centered", "Centered")]
    [InlineData("alpha", "Alpha")]
    [InlineData("rho", "Alpha")]                 // Keras's name for RMSprop's smoothing constant
    [InlineData("eta", "TrustCoefficient")]      // the LARS paper's η
    [InlineData("trust_coeff", "TrustCoefficient")] // timm's
    [InlineData("trust_coefficient", "TrustCoefficient")]
    public void Optimizer_names_map_too(string name, string meant) => AssertReported(
        Recipe("", "[Optimizer(AdamW, " + name + " = " + (name is "nesterov" or "amsgrad" or "centered" ? "true" : "0.5") + ")]"),
        $"'{name}' is not an option of [Optimizer]; did you mean {meant}?", name);

    /// <summary>The generator reports exactly one TD0026, an error on the written name, and generates nothing of the experiment.</summary>
    private static void AssertReported(string source, string message, string name)
    {
        var run = GeneratorHarness.Run(TestCompilation.Create(source));

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("TD0026", diagnostic.Id);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(source.IndexOf(name + " =", StringComparison.Ordinal), diagnostic.Location.SourceSpan.Start);
        Assert.Empty(run.Sources);
    }

    [Fact]
    public Task The_fix_renames_the_argument() => RecipeTest.VerifyCodeFixAsync<UnknownOptionCodeFix>(
        Recipe("[Loss(Focal, {|CS0246:gamma|} = 2)] [Schedule(Cosine)] [CutMix] [Amp]"),
        Recipe("[Loss(Focal, Gamma = 2)] [Schedule(Cosine)] [CutMix] [Amp]"),
        UnknownOptionCodeFix.EquivalenceKey,
        title: "Use Gamma");
}
