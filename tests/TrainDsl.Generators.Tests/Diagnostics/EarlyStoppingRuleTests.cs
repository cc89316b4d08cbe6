using Microsoft.CodeAnalysis.Testing;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests.Diagnostics;

/// <summary>
/// TD0032 (info: early stopping decides on the test set), TD0033 (a patience the run can never use up) and the ranges
/// (TD0004) of [EarlyStopping]'s options and of [Data(Validation = ..)].
/// </summary>
public sealed class EarlyStoppingRuleTests
{
    private static string Recipe(string data, string stopping, string experiment = "[Experiment(Epochs = 10)]") => $$"""
        {{experiment}}
        {{data}}
        [Model(SmallCnn)]
        [Optimizer(Sgd)]
        [Metric(Accuracy)]
        {{stopping}}
        public partial class E { }
        """;

    private const string TestSetMessage =
        "[EarlyStopping] decides when to stop on test-set metrics, so the reported test metrics are optimistic; declare a validation " +
        "split, for example [Data(..., Validation = 0.1)], to decide on held-out training images instead";

    [Theory]
    [InlineData("[{|#0:EarlyStopping|}]")]
    [InlineData("[{|#0:EarlyStopping(Patience = 2, MinDelta = 0.01)|}]")]
    public Task Early_stopping_without_a_validation_split_is_reported(string stopping) => RecipeTest.VerifyAnalyzerAsync(
        Recipe("[Data(FashionMnist)]", stopping),
        new DiagnosticResult(DiagnosticDescriptors.SelectsOnTestSet).WithLocation(0).WithMessage(TestSetMessage));

    [Theory]
    [InlineData("[Data(FashionMnist, Validation = 0.1)]", "[EarlyStopping]")]
    [InlineData("[Data(Mnist, Validation = 0.5, TrainLimit = 100)]", "[EarlyStopping(Patience = 9, MinDelta = 0)]")]
    [InlineData("[Data(FashionMnist)]", "")]
    [InlineData("[Data(FashionMnist, Validation = 0.2)]", "")]
    public Task Early_stopping_on_a_validation_split_or_none_is_fine(string data, string stopping)
        => RecipeTest.VerifyAnalyzerAsync(Recipe(data, stopping));

    [Theory]
    [InlineData("[Experiment(Epochs = 10)]", "[EarlyStopping({|#0:Patience = 10|})]", "10", "10")]
    [InlineData("[Experiment(Epochs = 4)]", "[EarlyStopping({|#0:Patience = 7|}, MinDelta = 0.1)]", "7", "4")]
    [InlineData("[Experiment(Epochs = 3)]", "[{|#0:EarlyStopping|}]", "3", "3")]
    public Task A_patience_of_the_whole_run_is_a_warning(string experiment, string stopping, string patience, string epochs)
        => RecipeTest.VerifyAnalyzerAsync(
            Recipe("[Data(FashionMnist, Validation = 0.1)]", stopping, experiment),
            new DiagnosticResult(DiagnosticDescriptors.EarlyStoppingNeverStops).WithLocation(0).WithMessage(
                $"Patience {patience} is at least the run's {epochs} epochs, so early stopping can never stop it; lower Patience below Epochs or remove [EarlyStopping]"));

    [Theory]
    [InlineData("[Data(FashionMnist, Validation = 0.1)]", "[EarlyStopping({|#0:Patience = 0|})]", "Patience = 0", "a value ≥ 1")]
    [InlineData("[Data(FashionMnist, Validation = 0.1)]", "[EarlyStopping({|#0:MinDelta = -0.01|})]", "MinDelta = -0.01", "a value ≥ 0")]
    [InlineData("[Data(FashionMnist, {|#0:Validation = 1|})]", "", "Validation = 1", "a value in (0, 1)")]
    [InlineData("[Data(FashionMnist, {|#0:Validation = 0|})]", "", "Validation = 0", "a value in (0, 1)")]
    [InlineData("[Data(FashionMnist, {|#0:Validation = -0.1|})]", "", "Validation = -0.1", "a value in (0, 1)")]
    public Task Out_of_range_options_are_errors(string data, string stopping, string written, string range)
        => RecipeTest.VerifyAnalyzerAsync(
            Recipe(data, stopping),
            new DiagnosticResult(DiagnosticDescriptors.ValueOutOfRange).WithLocation(0).WithMessage(
                $"{written} is out of range; use {range}"));
}
