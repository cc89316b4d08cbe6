using System.Globalization;
using System.Text.Json;
using TrainDsl.Schedules;

namespace TrainDsl.Tests.Numerics;

/// <summary>Each schedule against PyTorch 2.6's get_last_lr() after k calls of scheduler.step().</summary>
public class ScheduleTests
{
    private const double Tolerance = 1e-9;

    public static IEnumerable<object[]> Cases => ReferenceData.Cases("schedules.json",
        c => $"{c.GetProperty("kind").GetString()} {c.GetProperty("params").GetRawText()} base={c.GetProperty("baseLr").GetDouble().ToString(CultureInfo.InvariantCulture)}");

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPyTorch(string label, int index)
    {
        var c = ReferenceData.Case("schedules.json", index);
        var p = c.GetProperty("params");
        ILrSchedule schedule = c.GetProperty("kind").GetString() switch
        {
            "step" => new StepLR(p.GetProperty("stepSize").GetInt32(), p.GetProperty("gamma").GetDouble()),
            "multistep" => new MultiStepLR(p.GetProperty("milestones").Ints(), p.GetProperty("gamma").GetDouble()),
            "cosine" => new CosineAnnealingLR(p.GetProperty("tMax").GetInt64(), p.GetProperty("etaMin").GetDouble()),
            var kind => throw new InvalidOperationException($"Unknown schedule kind {kind} in {label}."),
        };
        double baseLr = c.GetProperty("baseLr").GetDouble();
        var expected = c.GetProperty("lrs").Doubles();
        for (int t = 0; t < expected.Length; t++)
        {
            double actual = schedule.At(t, baseLr);
            Assert.True(Math.Abs(actual - expected[t]) <= Tolerance,
                $"{label}: at t={t} expected {expected[t]:R}, got {actual:R}.");
        }
    }

    [Fact]
    public void ReferenceCoversCosineBeyondTMax()
    {
        var cases = ReferenceData.Load("schedules.json").GetProperty("cases").EnumerateArray()
            .Where(c => c.GetProperty("kind").GetString() == "cosine")
            .Where(c => c.GetProperty("lrs").GetArrayLength() - 1 > 2 * c.GetProperty("params").GetProperty("tMax").GetInt64());
        Assert.NotEmpty(cases);
    }

    [Fact]
    public void ConstantIsTheBaseRate()
    {
        var schedule = new ConstantSchedule();
        foreach (long t in new long[] { 0, 1, 17, 1_000_000 })
            Assert.Equal(0.05, schedule.At(t, 0.05));
    }

    [Fact]
    public void CosineStaysFiniteOverLongRuns()
    {
        var schedule = new CosineAnnealingLR(3, 0.001);
        // Periodic with period 2·T_max: far-out times land on the same curve.
        Assert.Equal(schedule.At(4, 0.1), schedule.At(4 + 6 * 1_000_000L, 0.1), 12);
    }

    public static IEnumerable<object[]> BadArguments =>
    [
        ["StepLR step 0", (Action)(() => _ = new StepLR(0))],
        ["StepLR step -3", (Action)(() => _ = new StepLR(-3))],
        ["StepLR gamma 0", (Action)(() => _ = new StepLR(5, 0))],
        ["StepLR gamma NaN", (Action)(() => _ = new StepLR(5, double.NaN))],
        ["MultiStepLR negative milestone", (Action)(() => _ = new MultiStepLR([3, -1]))],
        ["MultiStepLR gamma -0.1", (Action)(() => _ = new MultiStepLR([3], -0.1))],
        ["Cosine T_max 0", (Action)(() => _ = new CosineAnnealingLR(0))],
        ["Cosine eta_min -1e-3", (Action)(() => _ = new CosineAnnealingLR(10, -1e-3))],
        ["Cosine negative time", (Action)(() => new CosineAnnealingLR(10).At(-1, 0.1))],
        ["StepLR negative time", (Action)(() => new StepLR(10).At(-1, 0.1))],
        ["MultiStepLR negative time", (Action)(() => new MultiStepLR([1]).At(-5, 0.1))],
    ];

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void BadArgumentsThrowOneClearSentence(string label, Action act)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(act);
        var sentence = ex.Message.Split(" (Parameter")[0];
        Assert.False(string.IsNullOrWhiteSpace(sentence), label);
        Assert.EndsWith(".", sentence.Split('\n')[0].TrimEnd());
    }

    [Fact]
    public void MultiStepLRCountsDuplicateMilestonesTwice()
    {
        // PyTorch keeps milestones in a Counter: [5, 5] decays by γ² at t = 5.
        var schedule = new MultiStepLR([5, 5], 0.1);
        Assert.Equal(1.0, schedule.At(4, 1.0), 15);
        Assert.Equal(0.01, schedule.At(5, 1.0), 15);
    }
}
