using TrainDsl.Data;

namespace TrainDsl.Tests.Data;

/// <summary>Stratified limits: proportional quotas by largest remainder, round-robin for balanced classes.</summary>
public class StratifiedLimitTests
{
    [Fact]
    public void BalancedClassesAreDealtRoundRobin()
    {
        Assert.Equal([2L, 2, 2, 1, 1], StratifiedLimit.Quotas([10, 10, 10, 10, 10], 8));
        Assert.Equal([1L, 1, 1, 1, 1], StratifiedLimit.Quotas([10, 10, 10, 10, 10], 5));
    }

    [Fact]
    public void UnbalancedClassesGetProportionalShares()
    {
        // 10 of (60, 30, 10): exactly 6, 3, 1. 5 of them: 3, 1.5, 0.5 → 3, then remainders .5/.5 → class 1 first.
        Assert.Equal([6L, 3, 1], StratifiedLimit.Quotas([60, 30, 10], 10));
        Assert.Equal([3L, 2, 0], StratifiedLimit.Quotas([60, 30, 10], 5));
    }

    [Fact]
    public void ZeroOrOversizedLimitKeepsEverything()
    {
        Assert.Equal([3L, 4], StratifiedLimit.Quotas([3, 4], 0));
        Assert.Equal([3L, 4], StratifiedLimit.Quotas([3, 4], 100));
        Assert.Throws<ArgumentException>(() => StratifiedLimit.Quotas([3, 4], -1));
    }
}
