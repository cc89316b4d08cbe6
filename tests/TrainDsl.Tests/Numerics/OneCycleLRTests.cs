using System.Text.Json;
using TrainDsl.Schedules;

namespace TrainDsl.Tests.Numerics;

/// <summary>OneCycleLR against PyTorch 2.6's OneCycleLR(cycle_momentum=False), from tests/references/one_cycle.json.</summary>
public class OneCycleLRTests
{
    private const string RefFile = "one_cycle.json";

    // The class repeats PyTorch's double arithmetic operation for operation; the only library call is
    // cos, which can differ in the last bit between C libraries. Relative, since the rates span max/250000 to max.
    private const double RelativeTolerance = 1e-12;

    public static IEnumerable<object[]> Cases => ReferenceData.Cases(RefFile, c => Label(c));

    private static string Label(JsonElement c) => $"{c.GetProperty("params").GetRawText()} maxLr={c.GetProperty("maxLr").GetRawText()}";

    private static OneCycleLR Create(JsonElement p) => new(
        p.GetProperty("totalSteps").GetInt64(),
        p.GetProperty("pctStart").GetDouble(),
        p.GetProperty("annealStrategy").GetString() switch
        {
            "cos" => AnnealStrategy.Cosine,
            "linear" => AnnealStrategy.Linear,
            var s => throw new InvalidOperationException($"Unknown anneal strategy {s} in {RefFile}."),
        },
        p.GetProperty("divFactor").GetDouble(),
        p.GetProperty("finalDivFactor").GetDouble(),
        p.GetProperty("threePhase").GetBoolean());

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPyTorchAtEveryStep(string label, int index)
    {
        var c = ReferenceData.Case(RefFile, index);
        var schedule = Create(c.GetProperty("params"));
        double maxLr = c.GetProperty("maxLr").GetDouble();
        var expected = c.GetProperty("lrs").Doubles();
        // lrs[t] for t = 0..totalSteps; the last is PyTorch's extrapolation after the final step, which At refuses.
        Assert.Equal(schedule.TotalSteps + 1, expected.Length);
        for (int t = 0; t < schedule.TotalSteps; t++)
        {
            double actual = schedule.At(t, maxLr);
            Assert.True(Math.Abs(actual - expected[t]) <= RelativeTolerance * Math.Abs(expected[t]),
                $"{label}: at t={t} expected {expected[t]:R}, got {actual:R}.");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RefusesTimesPastTheLastStep(string label, int index)
    {
        var c = ReferenceData.Case(RefFile, index);
        var schedule = Create(c.GetProperty("params"));
        long total = schedule.TotalSteps;
        // PyTorch raises from its (totalSteps + 1)-th step; At already refuses t = totalSteps (see OneCycleLR.At).
        var pytorch = c.GetProperty("pastEnd").GetString();
        Assert.True(pytorch == $"Tried to step {total + 1} times. The specified number of total steps is {total}", $"{label}: PyTorch said {pytorch}");
        foreach (long t in new[] { total, total + 1, total * 10 })
        {
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => schedule.At(t, 0.1));
            Assert.Equal("t", ex.ParamName);
            Assert.StartsWith($"This OneCycleLR has {total} steps (t = 0 to {total - 1}), so it has no rate at t = {t}.", ex.Message);
        }
        _ = schedule.At(total - 1, 0.1);
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.At(-1, 0.1));
    }

    [Fact]
    public void ReferenceCoversBothStrategiesAndShapes()
    {
        var cases = ReferenceData.Load(RefFile).GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("params")).ToList();
        foreach (var strategy in new[] { "cos", "linear" })
            foreach (var three in new[] { false, true })
                Assert.Contains(cases, p => p.GetProperty("annealStrategy").GetString() == strategy && p.GetProperty("threePhase").GetBoolean() == three);
        // A warm-up ending between steps, and one ending before step 0.
        Assert.Contains(cases, p => (p.GetProperty("pctStart").GetDouble() * p.GetProperty("totalSteps").GetInt64()) % 1 != 0);
        Assert.Contains(cases, p => p.GetProperty("pctStart").GetDouble() * p.GetProperty("totalSteps").GetInt64() < 1);
    }

    public static IEnumerable<object[]> Failing => ReferenceData.Load(RefFile).GetProperty("failing").EnumerateArray()
        .Select((c, i) => new object[] { $"{c.GetProperty("why").GetString()}: {Label(c)}", i });

    /// <summary>Settings where PyTorch divides by zero, or runs a three-phase schedule that never reaches its third phase.</summary>
    [Theory]
    [MemberData(nameof(Failing))]
    public void RejectsWhatPyTorchCannotRun(string label, int index)
    {
        var c = ReferenceData.Load(RefFile).GetProperty("failing")[index];
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Create(c.GetProperty("params")));
        Assert.True(ex.ParamName == "pctStart", label);
    }

    [Fact]
    public void ThreePhaseAtHalfIsAccepted()
    {
        var schedule = new OneCycleLR(10, 0.5, threePhase: true);
        Assert.Equal(0.5, schedule.PctStart);
    }

    [Fact]
    public void DefaultsArePyTorchs()
    {
        var schedule = new OneCycleLR(100);
        Assert.Equal(0.3, schedule.PctStart);
        Assert.Equal(AnnealStrategy.Cosine, schedule.AnnealStrategy);
        Assert.Equal(25, schedule.DivFactor);
        Assert.Equal(1e4, schedule.FinalDivFactor);
        Assert.False(schedule.ThreePhase);
    }

    public static IEnumerable<object[]> BadArguments =>
    [
        ["totalSteps 0", "totalSteps", (Action)(() => _ = new OneCycleLR(0))],
        ["totalSteps -5", "totalSteps", (Action)(() => _ = new OneCycleLR(-5))],
        ["pctStart 0", "pctStart", (Action)(() => _ = new OneCycleLR(100, 0))],
        ["pctStart 1", "pctStart", (Action)(() => _ = new OneCycleLR(100, 1))],
        ["pctStart -0.3", "pctStart", (Action)(() => _ = new OneCycleLR(100, -0.3))],
        ["pctStart NaN", "pctStart", (Action)(() => _ = new OneCycleLR(100, double.NaN))],
        ["pctStart × totalSteps = 1", "pctStart", (Action)(() => _ = new OneCycleLR(4, 0.25))],
        ["three-phase pctStart 0.6", "pctStart", (Action)(() => _ = new OneCycleLR(100, 0.6, threePhase: true))],
        ["anneal strategy 7", "annealStrategy", (Action)(() => _ = new OneCycleLR(100, annealStrategy: (AnnealStrategy)7))],
        ["divFactor 0", "divFactor", (Action)(() => _ = new OneCycleLR(100, divFactor: 0))],
        ["divFactor -25", "divFactor", (Action)(() => _ = new OneCycleLR(100, divFactor: -25))],
        ["divFactor ∞", "divFactor", (Action)(() => _ = new OneCycleLR(100, divFactor: double.PositiveInfinity))],
        ["finalDivFactor 0", "finalDivFactor", (Action)(() => _ = new OneCycleLR(100, finalDivFactor: 0))],
        ["finalDivFactor NaN", "finalDivFactor", (Action)(() => _ = new OneCycleLR(100, finalDivFactor: double.NaN))],
        ["negative time", "t", (Action)(() => new OneCycleLR(100).At(-1, 0.1))],
        ["time = totalSteps", "t", (Action)(() => new OneCycleLR(100).At(100, 0.1))],
    ];

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void BadArgumentsThrowOneClearSentence(string label, string param, Action act)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(act);
        Assert.Equal(param, ex.ParamName);
        var sentence = ex.Message.Split(" (Parameter")[0].Split('\n')[0].TrimEnd();
        Assert.False(string.IsNullOrWhiteSpace(sentence), label);
        Assert.EndsWith(".", sentence);
        // One sentence: no full stop followed by another sentence inside it.
        Assert.DoesNotContain(". ", sentence.TrimEnd('.'));
    }
}
