using System.Text.Json;
using TrainDsl.Cli;
using TrainDsl.Runs;

namespace TrainDsl.EndToEnd.Tests;

/// <summary>`plan --json` lists the same per-epoch learning rates as PyTorch 2.6's schedulers.</summary>
public class PlanScheduleTests
{
    private static readonly JsonElement Reference = JsonDocument.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "references", "plan_schedules.json"))).RootElement;

    public static TheoryData<string> Cases => ["StepPlan", "MultiStepPlan", "CosinePlan", "CosinePerStepPlan"];

    private static IExperiment[] All =>
    [
        new StepPlan.Runner(), new MultiStepPlan.Runner(), new CosinePlan.Runner(), new CosinePerStepPlan.Runner(),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void PlanJsonMatchesPyTorch(string experiment)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int exit = ExperimentCli.Run(["plan", "--json", "--experiment", experiment], All, stdout, stderr);

        Assert.True(exit == 0, stderr.ToString());
        var plan = JsonDocument.Parse(stdout.ToString()).RootElement;
        var actual = plan.GetProperty("epochLearningRates").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var expected = Reference.GetProperty("cases").GetProperty(experiment).EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-9, $"epoch {i + 1}: PyTorch {expected[i]:R}, plan {actual[i]:R}");
        Assert.Equal(Reference.GetProperty("steps_per_epoch").GetInt32(), plan.GetProperty("stepsPerEpoch").GetInt32());
    }

    /// <summary>
    /// [Schedule(OneCycle)] end to end: the generated CreateSchedule over epochs × steps per epoch, read where the
    /// loop reads it (each epoch's first step), against PyTorch's OneCycleLR rates of the same 1,173-step cycle.
    /// </summary>
    [Fact]
    public void OneCyclePlanMatchesPyTorch()
    {
        var reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "references", "one_cycle.json")))
            .RootElement.GetProperty("cases").EnumerateArray()
            .Single(c => c.GetProperty("params") is var p && p.GetProperty("totalSteps").GetInt32() == 1173
                         && p.GetProperty("threePhase").GetBoolean() && p.GetProperty("divFactor").GetDouble() == 20);
        Assert.Equal(0.1, reference.GetProperty("maxLr").GetDouble());
        var lrs = reference.GetProperty("lrs").EnumerateArray().Select(e => e.GetDouble()).ToArray();

        var plan = OneCyclePlan.Plan();

        Assert.Equal(391, plan.StepsPerEpoch);
        Assert.Equal(3, plan.EpochLearningRates.Count);
        for (int e = 0; e < 3; e++)
            Assert.True(Math.Abs(lrs[e * 391] - plan.EpochLearningRates[e]) <= 1e-12 * lrs[e * 391],
                $"epoch {e + 1}: PyTorch {lrs[e * 391]:R}, plan {plan.EpochLearningRates[e]:R}");
        Assert.Contains("OneCycleLR(total steps 1173, pct start 0.3, div factor 20, final div factor 1000, three phase true)", plan.Schedule);
    }

    [Fact]
    public void OmittedSgdRateComesFromTheLinearScalingRule()
    {
        var plan = CosinePlan.Plan();

        Assert.Equal(0.1 * 128 / 256, plan.LearningRate, 15);
        Assert.Contains("linear scaling rule", plan.LearningRateSource);
        Assert.Contains("linear scaling rule", plan.ToText());
    }

    /// <summary>
    /// The generated Config, the plan and the analyzer share one rule: at 96, 192 and 384 each gives the double nearest
    /// 0.1 × B / 256 (the exact decimals below), where the two-step 0.1 * B / 256 is one ulp off.
    /// </summary>
    [Theory]
    [InlineData(96, "0.0375")]
    [InlineData(192, "0.075")]
    [InlineData(384, "0.15")]
    public void TheRuleGivesTheNearestDoubleAtEveryBatchSize(int batchSize, string exact)
    {
        double expected = double.Parse(exact, System.Globalization.CultureInfo.InvariantCulture);
        var config = new CosinePlan.Config { BatchSize = batchSize };
        var plan = CosinePlan.Plan(config);

        Assert.Equal(expected, config.ResolvedLearningRate);
        Assert.Equal(expected, plan.LearningRate);
        Assert.Equal(expected, LinearScalingRule.LearningRate(batchSize));
        Assert.NotEqual(expected, 0.1 * batchSize / 256); // the case the shared rule fixes
    }

    [Fact]
    public void BatchSizeOverrideRescalesARuleSuppliedRate()
    {
        var plan = new CosinePlan.Runner().Plan(new ConfigOverrides { BatchSize = 512 });

        Assert.Equal(0.1 * 512 / 256, plan.LearningRate, 15);
        Assert.Equal(60000 / 512, plan.StepsPerEpoch);
    }
}
