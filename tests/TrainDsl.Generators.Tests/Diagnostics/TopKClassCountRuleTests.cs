using Microsoft.CodeAnalysis.Testing;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests.Diagnostics;

/// <summary>TD0043: top-K accuracy needs K below a built-in dataset's class count (issue #15: K = 20 on 10 classes reported 1.0).</summary>
public sealed class TopKClassCountRuleTests
{
    private static string Recipe(string data, string metric) => $$"""
        [Experiment]
        [Data({{data}})]
        [Model(SmallCnn)]
        [Optimizer(Sgd)]
        [Metric({{metric}})]
        public partial class E { }
        """;

    [Theory]
    [InlineData("FashionMnist", 9)]
    [InlineData("Mnist", 1)]
    [InlineData("Cifar100", 99)]
    public Task K_below_the_class_count_is_fine(string data, int k)
        => RecipeTest.VerifyAnalyzerAsync(Recipe(data, "TopK, K = " + k));

    /// <summary>K left out is 5 (Defaults.TopK), below every built-in dataset's 10 or 100 classes.</summary>
    [Fact]
    public Task The_default_K_is_fine() => RecipeTest.VerifyAnalyzerAsync(Recipe("Cifar10", "TopK"));

    [Theory]
    [InlineData("FashionMnist", 20, "Fashion-MNIST", 10)]
    [InlineData("Mnist", 10, "MNIST", 10)]
    [InlineData("Cifar10", 11, "CIFAR-10", 10)]
    [InlineData("Cifar100", 100, "CIFAR-100", 100)]
    public Task K_at_least_the_class_count_is_an_error(string data, int k, string name, int classes) => RecipeTest.VerifyAnalyzerAsync(
        Recipe(data, "TopK, {|#0:K = " + k + "|}"),
        new DiagnosticResult(DiagnosticDescriptors.TopKNotBelowClassCount).WithLocation(0).WithMessage(
            $"K = {k} is not below the {classes} classes of {name}, so top-{k} accuracy counts every prediction as right (1.0); use K ≤ {classes - 1}"));

    /// <summary>An image folder or a source of the user's counts its classes only at run time.</summary>
    [Fact]
    public Task An_image_folder_is_not_counted()
        => RecipeTest.VerifyAnalyzerAsync(Recipe("ImageFolder, Size = 32", "TopK, K = 50"));
}
