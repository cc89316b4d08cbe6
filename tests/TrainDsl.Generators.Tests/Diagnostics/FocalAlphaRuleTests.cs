using Microsoft.CodeAnalysis.Testing;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests.Diagnostics;

/// <summary>TD0028: focal loss's Alpha needs one weight per class of a built-in dataset.</summary>
public sealed class FocalAlphaRuleTests
{
    private static string Recipe(string data, string loss) => $$"""
        [Experiment]
        [Data({{data}})]
        [Model(SmallCnn)]
        [Loss({{loss}})]
        [Optimizer(Sgd)]
        public partial class E { }
        """;

    private static string Weights(int count) => "new[] { " + string.Join(", ", Enumerable.Repeat("1.0", count)) + " }";

    [Theory]
    [InlineData("FashionMnist", 10)]
    [InlineData("Mnist", 10)]
    [InlineData("Cifar10", 10)]
    [InlineData("Cifar100", 100)]
    public Task One_weight_per_class_is_fine(string data, int classes)
        => RecipeTest.VerifyAnalyzerAsync(Recipe(data, "Focal, Alpha = " + Weights(classes)));

    [Theory]
    [InlineData("FashionMnist", 9, "Fashion-MNIST", 10)]
    [InlineData("Mnist", 11, "MNIST", 10)]
    [InlineData("Cifar10", 100, "CIFAR-10", 10)]
    [InlineData("Cifar100", 10, "CIFAR-100", 100)]
    public Task Another_count_is_flagged(string data, int weights, string name, int classes) => RecipeTest.VerifyAnalyzerAsync(
        Recipe(data, "Focal, {|#0:Alpha = " + Weights(weights) + "|}"),
        new DiagnosticResult(DiagnosticDescriptors.FocalAlphaClassCount).WithLocation(0).WithMessage(
            $"Alpha holds {weights} weights, but {name} has {classes} classes; give one weight per class, in label order"));

    /// <summary>Alpha on cross-entropy is TD0009's (ignored); a user's source counts its classes only at run time.</summary>
    [Fact]
    public Task Alpha_of_another_loss_or_on_a_user_source_is_not_counted() => RecipeTest.VerifyAnalyzerAsync("""
        using TrainDsl.Data;

        [Experiment]
        [Data(Cifar10)]
        [Model(SmallCnn)]
        [Loss(CrossEntropy, {|TD0009:Alpha = new[] { 1.0, 2.0 }|})]
        [Optimizer(Sgd)]
        public partial class E { }

        [Experiment]
        [Data(typeof(Source))]
        [Model(SmallCnn)]
        [Loss(Focal, Alpha = new[] { 1.0, 2.0, 3.0 })]
        [Optimizer(Sgd)]
        public partial class F { }

        public sealed class Source : IDataSource
        {
            public string Name => "Mine";
            public IReadOnlyList<string> ClassNames => ["a", "b"];
            public int TrainSizeFor(DataOptions options) => 0;
            public DatasetSplits Load(DataOptions options) => throw new NotSupportedException();
        }
        """);
}
