using TrainDsl.Runs;

namespace TrainDsl.Tests.Runs;

/// <summary>
/// EarlyStopping's rule (Keras/Lightning): an epoch improves when it beats the best by more than MinDelta; after
/// Patience epochs in a row without improvement the run stops. Each expected epoch is worked out by hand in the comment.
/// </summary>
public class EarlyStoppingTests
{
    /// <summary>Feeds the values epoch by epoch; returns the 1-based epoch it stopped after, or null.</summary>
    static int? StopEpoch(EarlyStopping rule, params double[] values)
    {
        for (int e = 0; e < values.Length; e++)
            if (rule.Observe(e, values[e])) return rule.StoppedEpoch;
        return null;
    }

    [Fact]
    public void MaximizingStopsAfterPatienceEpochsWithoutAStrictGain()
        // best .5, .6 (improves), .6 (equal: 1 without), .59 (2 without) -> stops after epoch 4.
        => Assert.Equal(4, StopEpoch(new EarlyStopping(2, 0, maximize: true), 0.5, 0.6, 0.6, 0.59, 0.9));

    [Fact]
    public void AGainOfAtMostMinDeltaDoesNotCount()
        // 0.54 beats 0.5 by 0.04 ≤ 0.05 -> 1 without improvement = patience 1 -> stops after epoch 2.
        => Assert.Equal(2, StopEpoch(new EarlyStopping(1, 0.05, maximize: true), 0.5, 0.54, 0.9));

    [Fact]
    public void AGainAboveMinDeltaResetsTheCount()
        // 0.56 beats 0.5 by 0.06 > 0.05 (reset), 0.6 by 0.04 (1), 0.7 beats 0.56 by 0.14 (reset), 0.7 (1), 0.71 (2) -> epoch 6.
        => Assert.Equal(6, StopEpoch(new EarlyStopping(2, 0.05, maximize: true), 0.5, 0.56, 0.6, 0.7, 0.7, 0.71));

    [Fact]
    public void MinimizingWatchesForLowerValues()
        // loss 1.0, 0.9 (improves), 0.95 (1 without) -> patience 1 stops after epoch 3.
        => Assert.Equal(3, StopEpoch(new EarlyStopping(1, 0, maximize: false), 1.0, 0.9, 0.95, 0.1));

    [Fact]
    public void NaNNeverImproves()
        // NaN first: no best yet and no improvement (1), 0.3 improves (reset), NaN (1), NaN (2) -> stops after epoch 4.
        => Assert.Equal(4, StopEpoch(new EarlyStopping(2, 0, maximize: true), double.NaN, 0.3, double.NaN, double.NaN));

    [Fact]
    public void ImprovingEveryEpochNeverStops()
    {
        var rule = new EarlyStopping(1, 0, maximize: true);

        Assert.Null(StopEpoch(rule, 0.1, 0.2, 0.3, 0.4));
        Assert.Equal(0.4, rule.Best);
        Assert.Equal(0, rule.EpochsWithoutImprovement);
    }

    [Fact]
    public void TheSavedStateContinuesAsAnUninterruptedRule()
    {
        double[] values = [0.5, 0.7, 0.65, 0.69, 0.7, 0.71];
        var whole = new EarlyStopping(3, 0.01, maximize: true);
        var first = new EarlyStopping(3, 0.01, maximize: true);
        for (int e = 0; e < 3; e++) first.Observe(e, values[e]);

        var resumed = new EarlyStopping(3, 0.01, maximize: true);
        ((IResumable)resumed).LoadState(((IResumable)first).SaveState()!);

        Assert.Equal(0.7, resumed.Best);
        Assert.Equal(1, resumed.EpochsWithoutImprovement);
        // 0.7 best; 0.65 (1), 0.69 (2), 0.7 (3 = patience) -> both stop after epoch 5.
        Assert.Equal(5, StopEpoch(whole, values));
        for (int e = 3; e < values.Length; e++)
            if (resumed.Observe(e, values[e])) break;
        Assert.Equal(5, resumed.StoppedEpoch);
        Assert.Equal("earlyStopping", ((IResumable)resumed).ResumeKey);
    }

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(1, -0.1)]
    [InlineData(1, double.NaN)]
    [InlineData(1, double.PositiveInfinity)]
    public void BadOptionsAreRefused(int patience, double minDelta)
        => Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping(patience, minDelta, maximize: true));

    [Fact]
    public void TheReasonNamesTheMetricTheDeltaAndThePatience()
        => Assert.Equal("no improvement of val_accuracy by more than 0.001 for 2 epochs",
            new EarlyStopping(2, 0.001, maximize: true).Reason("val_accuracy"));
}
