using TrainDsl.Metrics;

namespace TrainDsl.Tests.Recipe;

/// <summary>The imbalance ratio ρ = n_max / n_min and the accuracy-only warning.</summary>
public class ClassBalanceTests
{
    // Cui et al. 2019's exponential profile, n_c = ⌊6000 · 100^(−c/9)⌋: 6000 … 60, ρ = 100.
    private static readonly long[] LongTail100 = [6000, 3596, 2156, 1292, 774, 464, 278, 166, 100, 60];

    // MNIST's training set (LeCun et al.): 5,421 fives to 6,742 ones.
    private static readonly long[] Mnist = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];

    private static readonly long[] Balanced = [6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000];

    [Fact]
    public void RatioIsLargestOverSmallest()
    {
        Assert.Equal(100.0, ClassBalance.ImbalanceRatio(LongTail100));
        Assert.Equal(6742.0 / 5421.0, ClassBalance.ImbalanceRatio(Mnist));
        Assert.Equal(1.0, ClassBalance.ImbalanceRatio(Balanced));
        Assert.Equal(1.0, ClassBalance.ImbalanceRatio([7]));
        Assert.Equal(double.PositiveInfinity, ClassBalance.ImbalanceRatio([10, 0, 5]));
    }

    [Fact]
    public void ThresholdSeparatesBalancedSetsFromLongTails()
    {
        Assert.True(ClassBalance.IsImbalanced(LongTail100));
        Assert.True(ClassBalance.IsImbalanced([300, 100]));  // ρ = 3 is imbalanced
        Assert.False(ClassBalance.IsImbalanced([299, 100]));
        Assert.False(ClassBalance.IsImbalanced(Mnist));
        Assert.False(ClassBalance.IsImbalanced(Balanced));
        Assert.True(ClassBalance.IsImbalanced([10, 0]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Accuracy")]
    [InlineData("Accuracy,TopK,Loss")]
    [InlineData("WeightedF1")]
    public void AccuracyOnlyOnALongTailGetsOneSentence(string metrics)
    {
        var warning = ClassBalance.AccuracyWarning(LongTail100, Names(metrics));
        Assert.NotNull(warning);
        Assert.Contains("100 times", warning);
        Assert.Contains("MacroF1", warning);
        Assert.Contains("BalancedAccuracy", warning);
        Assert.EndsWith(".", warning);
        Assert.Single(warning.Split(". "));
    }

    [Theory]
    [InlineData("Accuracy,MacroF1")]
    [InlineData("BalancedAccuracy")]
    [InlineData("balanced_accuracy")]
    [InlineData("MetricKind.MacroF1")]
    public void ClassAveragedMetricsSilenceTheWarning(string metrics) =>
        Assert.Null(ClassBalance.AccuracyWarning(LongTail100, Names(metrics)));

    private static string[] Names(string commaSeparated) => commaSeparated.Split(',', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void BalancedSetsGetNoWarning()
    {
        Assert.Null(ClassBalance.AccuracyWarning(Balanced, ["Accuracy"]));
        Assert.Null(ClassBalance.AccuracyWarning(Mnist, []));
    }

    [Fact]
    public void EmptyClassIsNamedInTheWarning() =>
        Assert.Contains("no training images", ClassBalance.AccuracyWarning([100, 0, 50], ["Accuracy"]));

    [Fact]
    public void BadCountsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => ClassBalance.ImbalanceRatio([]));
        Assert.Throws<ArgumentException>(() => ClassBalance.ImbalanceRatio([0, 0]));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ClassBalance.ImbalanceRatio([5, -1]));
        Assert.EndsWith(".", ex.Message.Split(" (Parameter")[0]);
    }
}
