using Microsoft.CodeAnalysis.Testing;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests.Diagnostics;

/// <summary>
/// TD0053: a [Sweep] must name a sweepable Config property; TD0004: its values must convert and lie in range. The analyzer
/// tests compile without the generator, so they name the property by string rather than nameof(Config.X).
/// </summary>
public sealed class SweepRuleTests
{
    private const string Recipe = """
        [Experiment]
        [Data(FashionMnist)]
        [Model(SmallCnn)]
        [Optimizer(Sgd)]
        """;

    [Fact]
    public Task A_valid_grid_is_not_flagged() => RecipeTest.VerifyAnalyzerAsync(Recipe + """
        [Sweep("LearningRate", 0.05, 0.1, 1)]
        [Sweep("Nesterov", true, false)]
        [Sweep("BatchSize", 64, 128)]
        public partial class E { }
        """);

    [Fact]
    public Task An_unknown_name_lists_the_sweepable_properties() => RecipeTest.VerifyAnalyzerAsync(Recipe + """
        [Sweep({|#0:"LearnigRate"|}, 0.05)]
        public partial class E { }
        """,
        new DiagnosticResult(DiagnosticDescriptors.SweepUnknownProperty).WithLocation(0).WithArguments(
            "LearnigRate", "E", "BatchSize, Epochs, LearningRate, Momentum, Nesterov, Seed, TestLimit, TrainLimit, WeightDecay"));

    [Fact]
    public Task Values_must_convert_and_lie_in_the_range() => RecipeTest.VerifyAnalyzerAsync(Recipe + """
        [Sweep("LearningRate", 0.1, {|#0:-0.1|}, {|#1:"fast"|})]
        [Sweep("Epochs", {|#2:2.5|}, 3)]
        public partial class E { }
        """,
        new DiagnosticResult(DiagnosticDescriptors.ValueOutOfRange).WithLocation(0).WithArguments("LearningRate", "-0.1", "a value > 0"),
        new DiagnosticResult(DiagnosticDescriptors.ValueOutOfRange).WithLocation(1).WithArguments("LearningRate", "fast", "a number"),
        new DiagnosticResult(DiagnosticDescriptors.ValueOutOfRange).WithLocation(2).WithArguments("Epochs", "2.5", "a whole number"));

    [Fact]
    public Task A_property_the_derived_recipe_adds_can_be_swept() => RecipeTest.VerifyAnalyzerAsync(Recipe + """
        public partial class Base { }

        [Loss(Focal)]
        [Sweep("FocalGamma", 0, 1, 2)]
        public partial class FocalBase : Base { }
        """);
}
