using System.Text.Json;
using TrainDsl.Runs;

namespace TrainDsl.EndToEnd.Tests;

/// <summary>
/// The generated plans of warmup schedules list PyTorch 2.6's rates (LinearLR chained with StepLR/MultiStepLR, or
/// sequenced before CosineAnnealingLR), and a long-tailed plan counts the images the long tail keeps.
/// </summary>
public class WarmupPlanTests
{
    private static readonly JsonElement[] Warmups = JsonDocument.Parse(
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "references", "recipe_references.json")))
        .RootElement.GetProperty("warmup").EnumerateArray().ToArray();

    /// <summary>The reference case with these settings: its rate at each t.</summary>
    private static Dictionary<long, double> Reference(string mode, string inner, long warmup, double startFactor, double baseLr, Func<JsonElement, bool> innerMatches)
    {
        var match = Warmups.Single(w =>
            w.GetProperty("mode").GetString() == mode
            && w.GetProperty("inner").GetProperty("kind").GetString() == inner
            && w.GetProperty("warmup").GetInt64() == warmup
            && w.GetProperty("startFactor").GetDouble() == startFactor
            && w.GetProperty("baseLr").GetDouble() == baseLr
            && innerMatches(w.GetProperty("inner")));
        var ts = match.GetProperty("ts").EnumerateArray().Select(t => t.GetInt64());
        var lrs = match.GetProperty("lrs").EnumerateArray().Select(l => l.GetDouble());
        return ts.Zip(lrs).ToDictionary(p => p.First, p => p.Second);
    }

    private static void AssertRates(Dictionary<long, double> expected, RecipePlan plan, long stepsPerEpoch)
    {
        var compared = 0;
        for (int e = 0; e < plan.EpochLearningRates.Count; e++)
        {
            if (!expected.TryGetValue(e * stepsPerEpoch, out var rate)) continue;
            Assert.True(Math.Abs(rate - plan.EpochLearningRates[e]) <= 1e-12, $"epoch {e + 1}: PyTorch {rate:R}, plan {plan.EpochLearningRates[e]:R}");
            compared++;
        }
        Assert.True(compared >= 2, $"only {compared} epochs have a reference rate");
    }

    [Fact]
    public void CosineAfterWarmupMatchesSequentialLR()
    {
        var plan = CosineWarmupPlan.Plan();

        Assert.Equal(10, plan.EpochLearningRates.Count);
        AssertRates(Reference("restart", "cosine", 2, 0.1, 0.1, i => i.GetProperty("tMax").GetInt64() == 8), plan, 1);
    }

    [Fact]
    public void StepAfterWarmupMatchesChainedScheduler()
    {
        var plan = StepWarmupPlan.Plan();

        Assert.Equal(21, plan.EpochLearningRates.Count);
        AssertRates(Reference("overlay", "step", 5, 0.1, 0.1, i => i.GetProperty("stepSize").GetInt64() == 3), plan, 1);
    }

    [Fact]
    public void MultiStepAfterWarmupMatchesChainedScheduler()
    {
        var plan = MultiStepWarmupPlan.Plan();

        AssertRates(Reference("overlay", "multistep", 3, 0.25, 0.1, i => i.GetProperty("milestones").GetArrayLength() == 4), plan, 1);
    }

    [Fact]
    public void ConstantWarmupMatchesLinearLR()
    {
        var plan = ConstantWarmupPlan.Plan();

        AssertRates(Reference("linear", "constant", 5, 0.1, 0.1, _ => true), plan, 1);
    }

    [Fact]
    public void PerStepWarmupCountsTheWarmupEpochsInSteps()
    {
        var plan = CosinePerStepWarmupPlan.Plan();

        Assert.Equal(468, plan.StepsPerEpoch);
        AssertRates(Reference("restart", "cosine", 2 * 468, 0.1, 0.05, i => i.GetProperty("tMax").GetInt64() == 8 * 468), plan, 468);
    }

    [Fact]
    public void ALongTailedPlanCountsTheKeptImagesAndAdvisesOnTheMetrics()
    {
        var plan = LongTailPlan.Plan();

        // Cui et al. 2019: class c of 10 keeps ⌊n_max · ρ^(−c/9)⌋ of Fashion-MNIST's 6,000 training images per class.
        long expected = Enumerable.Range(0, 10).Sum(c => (long)Math.Floor(6000 * Math.Pow(1 / 10.0, c / 9.0)));
        Assert.Equal(expected, plan.TrainSize);
        Assert.Equal(expected / 128, plan.StepsPerEpoch);
        Assert.Contains(plan.Notes, n => n.Contains("imbalanced", StringComparison.Ordinal) && n.Contains("MacroF1", StringComparison.Ordinal));
        Assert.Contains("long-tailed (imbalance 10)", plan.Dataset);
    }

    [Fact]
    public void ABalancedRatioNeedsNoAdvice()
    {
        var plan = new LongTailPlan.Runner().Plan(new ConfigOverrides { Values = new Dictionary<string, string> { ["Imbalance"] = "2" } });

        Assert.Empty(plan.Notes);
        Assert.Equal(Enumerable.Range(0, 10).Sum(c => (long)Math.Floor(6000 * Math.Pow(1 / 2.0, c / 9.0))), plan.TrainSize);
    }
}
