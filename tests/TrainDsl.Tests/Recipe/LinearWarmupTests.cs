using System.Globalization;
using System.Text.Json;
using TrainDsl.Schedules;
using TrainDsl.Tests.Numerics;

namespace TrainDsl.Tests.Recipe;

/// <summary>
/// LinearWarmup against PyTorch 2.6: overlay ≡ ChainedScheduler([LinearLR, StepLR/MultiStepLR]),
/// restart ≡ SequentialLR([LinearLR, CosineAnnealingLR(T − W)], [W]), constant ≡ LinearLR.
/// </summary>
public class LinearWarmupTests
{
    private const string File = "recipe_references.json";
    private const double Tolerance = 1e-9;

    private static JsonElement Case(int index) => ReferenceData.Load(File).GetProperty("warmup")[index];

    public static IEnumerable<object[]> Cases => ReferenceData.Load(File).GetProperty("warmup").EnumerateArray()
        .Select((c, i) => new object[]
        {
            $"{c.GetProperty("mode").GetString()} {c.GetProperty("inner").GetRawText()} W={c.GetProperty("warmup").GetInt64()} " +
            $"s={c.GetProperty("startFactor").GetDouble().ToString(CultureInfo.InvariantCulture)}",
            i,
        });

    private static ILrSchedule Inner(JsonElement inner) => inner.GetProperty("kind").GetString() switch
    {
        "step" => new StepLR(inner.GetProperty("stepSize").GetInt32(), inner.GetProperty("gamma").GetDouble()),
        "multistep" => new MultiStepLR(inner.GetProperty("milestones").Ints(), inner.GetProperty("gamma").GetDouble()),
        "cosine" => new CosineAnnealingLR(inner.GetProperty("tMax").GetInt64(), inner.GetProperty("etaMin").GetDouble()),
        "constant" => new ConstantSchedule(),
        var kind => throw new InvalidOperationException($"Unknown inner schedule {kind}."),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPyTorch(string label, int index)
    {
        var c = Case(index);
        long w = c.GetProperty("warmup").GetInt64();
        double s = c.GetProperty("startFactor").GetDouble();
        double baseLr = c.GetProperty("baseLr").GetDouble();
        var inner = Inner(c.GetProperty("inner"));
        var schedules = c.GetProperty("mode").GetString() switch
        {
            "overlay" => new[] { new LinearWarmup(inner, w, s, restartInner: false) },
            "restart" => new[] { new LinearWarmup(inner, w, s, restartInner: true) },
            // A constant rate after the warmup: both modes are LinearLR.
            "linear" => new[] { new LinearWarmup(inner, w, s, restartInner: false), new LinearWarmup(inner, w, s, restartInner: true) },
            var mode => throw new InvalidOperationException($"Unknown mode {mode}."),
        };
        var ts = c.GetProperty("ts").Longs();
        var expected = c.GetProperty("lrs").Doubles();
        foreach (var schedule in schedules)
            for (int k = 0; k < ts.Length; k++)
            {
                double actual = schedule.At(ts[k], baseLr);
                Assert.True(Math.Abs(actual - expected[k]) <= Tolerance,
                    $"{label} (restartInner={schedule.RestartInner}): at t={ts[k]} expected {expected[k]:R}, got {actual:R}.");
            }
    }

    [Fact]
    public void ReferenceCoversEveryModeWithOneStepWarmupAndPerStepLengths()
    {
        var cases = ReferenceData.Load(File).GetProperty("warmup").EnumerateArray().ToList();
        foreach (var mode in new[] { "overlay", "restart", "linear" })
        {
            var ofMode = cases.Where(c => c.GetProperty("mode").GetString() == mode).ToList();
            Assert.Contains(ofMode, c => c.GetProperty("warmup").GetInt64() == 1);
            Assert.Contains(ofMode, c => c.GetProperty("warmup").GetInt64() == 2 * 468 && c.GetProperty("ts").Longs().Max() >= 4 * 468);
        }
        Assert.Contains(cases, c => c.GetProperty("mode").GetString() == "restart"
                                    && c.GetProperty("warmup").GetInt64() == 936 && c.GetProperty("ts").Longs().Max() == 4680);
        Assert.Contains(cases, c => c.GetProperty("mode").GetString() == "overlay"
                                    && c.GetProperty("inner").GetProperty("kind").GetString() == "multistep"
                                    && c.GetProperty("warmup").GetInt64() == 936);
    }

    [Fact]
    public void FactorIsLinearLRsClosedForm()
    {
        var warmup = new LinearWarmup(new ConstantSchedule(), 4, 0.2);
        Assert.Equal(0.2, warmup.Factor(0), 15);
        Assert.Equal(0.2 + 0.8 * 3 / 4, warmup.Factor(3), 15);
        Assert.Equal(1.0, warmup.Factor(4));
        Assert.Equal(1.0, warmup.Factor(1_000_000));
    }

    public static IEnumerable<object[]> BadArguments =>
    [
        ["warmup -5", (Action)(() => _ = new LinearWarmup(new StepLR(3), -5))],
        ["start factor 0", (Action)(() => _ = new LinearWarmup(new ConstantSchedule(), 3, 0))],
        ["start factor 1.5", (Action)(() => _ = new LinearWarmup(new ConstantSchedule(), 3, 1.5))],
        ["start factor NaN", (Action)(() => _ = new LinearWarmup(new ConstantSchedule(), 3, double.NaN))],
        ["negative time", (Action)(() => new LinearWarmup(new ConstantSchedule(), 3).At(-1, 0.1))],
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
    public void NullInnerIsRejected() => Assert.Throws<ArgumentNullException>(() => new LinearWarmup(null!, 3));
}
