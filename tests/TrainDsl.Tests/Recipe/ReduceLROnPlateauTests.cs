using System.Text.Json;
using TrainDsl.Schedules;
using TrainDsl.Tests.Numerics;

namespace TrainDsl.Tests.Recipe;

/// <summary>
/// ReduceLROnPlateau, alone and after a linear warmup, against PyTorch 2.6 driven by a hand-written loop:
/// LinearLR.step() after each of the first W epochs, then ReduceLROnPlateau.step(metric) after each later one.
/// </summary>
public class ReduceLROnPlateauTests
{
    private const string File = "recipe_references.json";
    private const double WarmupTolerance = 1e-12; // LinearLR's recursive form vs its closed form

    private static JsonElement Case(int index) => ReferenceData.Load(File).GetProperty("plateau")[index];

    public static IEnumerable<object[]> Cases => ReferenceData.Load(File).GetProperty("plateau").EnumerateArray()
        .Select((c, i) => new object[] { c.GetProperty("label").GetString()!, i });

    public static IEnumerable<object[]> PlainCases => ReferenceData.Load(File).GetProperty("plateau").EnumerateArray()
        .Select((c, i) => (c, i)).Where(x => x.c.GetProperty("warmup").GetInt32() == 0)
        .Select(x => new object[] { x.c.GetProperty("label").GetString()!, x.i });

    private static ReduceLROnPlateau Plateau(JsonElement c)
    {
        var p = c.GetProperty("params");
        return new ReduceLROnPlateau(c.GetProperty("baseLr").GetDouble(), c.GetProperty("mode").GetString() == "max",
            factor: p.GetProperty("factor").GetDouble(), patience: p.GetProperty("patience").GetInt32(),
            threshold: p.GetProperty("threshold").GetDouble(), cooldown: p.GetProperty("cooldown").GetInt32(),
            minLr: p.GetProperty("minLr").GetDouble(), eps: p.GetProperty("eps").GetDouble());
    }

    /// <summary>The warmup-then-plateau loop as the generated code builds it: LinearWarmup restarting a plateau.</summary>
    private static ILrSchedule Schedule(JsonElement c) => c.GetProperty("warmup").GetInt32() is var warmup and > 0
        ? new LinearWarmup(Plateau(c), warmup, c.GetProperty("startFactor").GetDouble(), restartInner: true)
        : Plateau(c);

    [Theory]
    [MemberData(nameof(PlainCases))]
    public void StepMatchesPyTorch(string label, int index)
    {
        var c = Case(index);
        var plateau = Plateau(c);
        var metrics = c.GetProperty("metrics").Doubles();
        var lrs = c.GetProperty("lrs").Doubles();
        var best = c.GetProperty("best").EnumerateArray().ToArray();
        var bad = c.GetProperty("badEpochs").Ints();
        var cool = c.GetProperty("cooldownCounter").Ints();
        Assert.Equal(lrs[0], plateau.LearningRate);
        for (int e = 0; e < metrics.Length; e++)
        {
            double rate = plateau.Step(metrics[e]);
            Assert.True(rate == lrs[e + 1], $"{label}: after epoch {e} expected rate {lrs[e + 1]:R}, got {rate:R}.");
            Assert.Equal(rate, plateau.LearningRate);
            double expectedBest = best[e].ValueKind == JsonValueKind.Null
                ? (plateau.Maximize ? double.NegativeInfinity : double.PositiveInfinity)
                : best[e].GetDouble();
            Assert.True(expectedBest.Equals(plateau.Best), $"{label}: after epoch {e} expected best {expectedBest:R}, got {plateau.Best:R}.");
            Assert.True(bad[e] == plateau.BadEpochs, $"{label}: after epoch {e} expected {bad[e]} bad epochs, got {plateau.BadEpochs}.");
            Assert.True(cool[e] == plateau.CooldownCounter, $"{label}: after epoch {e} expected cooldown {cool[e]}, got {plateau.CooldownCounter}.");
            Assert.Equal(e + 1, plateau.Steps);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void WarmupThenPlateauMatchesPyTorch(string label, int index)
    {
        var c = Case(index);
        var schedule = Schedule(c);
        AssertRates(label, c, schedule, 0);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ResumingFromSavedStateContinuesIdentically(string label, int index)
    {
        var c = Case(index);
        var metrics = c.GetProperty("metrics").Doubles();
        var lrs = c.GetProperty("lrs").Doubles();
        foreach (int stop in new[] { 0, 1, metrics.Length / 2, metrics.Length - 1 })
        {
            var first = Schedule(c);
            for (int e = 0; e < stop; e++) first.Observe(e, metrics[e]);
            string saved = first.SaveState()!;

            var resumed = Schedule(c);
            resumed.LoadState(saved);
            AssertRates($"{label} resumed at epoch {stop}", c, resumed, stop);
        }
    }

    private static void AssertRates(string label, JsonElement c, ILrSchedule schedule, int from)
    {
        var metrics = c.GetProperty("metrics").Doubles();
        var lrs = c.GetProperty("lrs").Doubles();
        for (int e = from; e <= metrics.Length; e++)
        {
            double rate = schedule.At(e, c.GetProperty("baseLr").GetDouble());
            Assert.True(Math.Abs(rate - lrs[e]) <= WarmupTolerance * lrs[e],
                $"{label}: epoch {e} expected rate {lrs[e]:R}, got {rate:R}.");
            if (e < metrics.Length) schedule.Observe(e, metrics[e]);
        }
    }

    [Fact]
    public void ReferenceExercisesPatienceCooldownFloorAndEps()
    {
        var cases = ReferenceData.Load(File).GetProperty("plateau").EnumerateArray().ToList();
        Assert.Contains(cases, c => c.GetProperty("mode").GetString() == "min" && c.GetProperty("params").GetProperty("cooldown").GetInt32() > 0);
        Assert.Contains(cases, c => c.GetProperty("mode").GetString() == "max" && c.GetProperty("params").GetProperty("cooldown").GetInt32() > 0);
        Assert.Contains(cases, c => c.GetProperty("mode").GetString() == "min" && c.GetProperty("warmup").GetInt32() > 0);
        Assert.Contains(cases, c => c.GetProperty("mode").GetString() == "max" && c.GetProperty("warmup").GetInt32() > 0);
        // Some case ends on its floor, and some stops above it because the last cut would be smaller than eps.
        Assert.Contains(cases, c => c.GetProperty("lrs").Doubles()[^1] == c.GetProperty("params").GetProperty("minLr").GetDouble());
        Assert.Contains(cases, c => c.GetProperty("params").GetProperty("minLr").GetDouble() is var floor && floor > 0
                                    && c.GetProperty("lrs").Doubles()[^1] - floor is > 0 and < 1e-8);
    }

    [Fact]
    public void StateBeforeTheFirstStepRoundTripsInfiniteBest()
    {
        var plateau = new ReduceLROnPlateau(0.1, maximize: false);
        var json = plateau.SaveState();
        var copy = new ReduceLROnPlateau(0.1, maximize: false);
        copy.LoadState(json);
        Assert.Equal(double.PositiveInfinity, copy.Best);
        Assert.Equal(0.1, copy.LearningRate);
        Assert.Equal(0, copy.Steps);
    }

    [Fact]
    public void LoadStateRejectsOtherModeAndGarbage()
    {
        var max = new ReduceLROnPlateau(0.1, maximize: true);
        max.Step(0.5);
        var min = new ReduceLROnPlateau(0.1, maximize: false);
        var ex = Assert.Throws<ArgumentException>(() => min.LoadState(max.SaveState()));
        Assert.Contains("maximise", ex.Message);
        Assert.Throws<ArgumentException>(() => min.LoadState("not json"));
        Assert.Throws<ArgumentException>(() => min.LoadState("{}"));
    }

    [Fact]
    public void EpochsMustEndOnceAndInOrder()
    {
        var schedule = new LinearWarmup(new ReduceLROnPlateau(0.1, maximize: false, patience: 0), warmup: 2, restartInner: true);
        schedule.Observe(0, 1.0);
        schedule.Observe(1, 1.0);
        schedule.Observe(2, 1.0);
        Assert.Throws<InvalidOperationException>(() => schedule.Observe(2, 1.0));
        Assert.Throws<InvalidOperationException>(() => schedule.Observe(4, 1.0));
        Assert.Throws<InvalidOperationException>(() => schedule.At(5, 0.1));
        Assert.Equal(0.1, schedule.At(3, 0.1));
    }

    public static IEnumerable<object[]> BadArguments =>
    [
        ["base rate 0", (Action)(() => _ = new ReduceLROnPlateau(0, false))],
        ["factor 1", (Action)(() => _ = new ReduceLROnPlateau(0.1, false, factor: 1))],
        ["factor 0", (Action)(() => _ = new ReduceLROnPlateau(0.1, false, factor: 0))],
        ["patience -1", (Action)(() => _ = new ReduceLROnPlateau(0.1, false, patience: -1))],
        ["threshold -1e-4", (Action)(() => _ = new ReduceLROnPlateau(0.1, false, threshold: -1e-4))],
        ["cooldown -2", (Action)(() => _ = new ReduceLROnPlateau(0.1, false, cooldown: -2))],
        ["min lr NaN", (Action)(() => _ = new ReduceLROnPlateau(0.1, false, minLr: double.NaN))],
        ["eps -1", (Action)(() => _ = new ReduceLROnPlateau(0.1, false, eps: -1))],
        ["warmup -1", (Action)(() => _ = new LinearWarmup(new ReduceLROnPlateau(0.1, false), -1, restartInner: true))],
        ["warmup start 0", (Action)(() => _ = new LinearWarmup(new ReduceLROnPlateau(0.1, false), 3, 0, restartInner: true))],
        ["warmup start 2", (Action)(() => _ = new LinearWarmup(new ReduceLROnPlateau(0.1, false), 3, 2, restartInner: true))],
        ["negative epoch", (Action)(() => new LinearWarmup(new ReduceLROnPlateau(0.1, false), 3, restartInner: true).At(-1, 0.1))],
        ["negative observed epoch", (Action)(() => new LinearWarmup(new ReduceLROnPlateau(0.1, false), 3, restartInner: true).Observe(-1, 0.5))],
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
}
