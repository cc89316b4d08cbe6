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
    /// [Schedule(OneCycle)] end to end through <c>plan --steps --json</c>: the generated CreateSchedule read at every one
    /// of the 1,173 optimizer steps (3 epochs × 391), against PyTorch's OneCycleLR rates of the same cycle, and each
    /// epoch's listed rate against its first step.
    /// </summary>
    [Fact]
    public void OneCyclePlanMatchesPyTorchAtEveryStep()
    {
        var reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "references", "one_cycle.json")))
            .RootElement.GetProperty("cases").EnumerateArray()
            .Single(c => c.GetProperty("params") is var p && p.GetProperty("totalSteps").GetInt32() == 1173
                         && p.GetProperty("threePhase").GetBoolean() && p.GetProperty("divFactor").GetDouble() == 20);
        Assert.Equal(0.1, reference.GetProperty("maxLr").GetDouble());
        var lrs = reference.GetProperty("lrs").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int exit = ExperimentCli.Run(["plan", "--steps", "--json", "--experiment", "OneCyclePlan"], [new OneCyclePlan.Runner()], stdout, stderr);

        Assert.True(exit == 0, stderr.ToString());
        var plan = JsonDocument.Parse(stdout.ToString()).RootElement;
        Assert.Equal(391, plan.GetProperty("stepsPerEpoch").GetInt32());
        var steps = plan.GetProperty("stepLearningRates").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(1173, steps.Length); // PyTorch's rates 0..1172; its rate 1173 is past the last step
        for (int s = 0; s < steps.Length; s++)
            Assert.True(Math.Abs(lrs[s] - steps[s]) <= 1e-12 * lrs[s], $"step {s}: PyTorch {lrs[s]:R}, plan {steps[s]:R}");
        var epochs = plan.GetProperty("epochLearningRates").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal([steps[0], steps[391], steps[782]], epochs);
        Assert.Contains("OneCycleLR(total steps 1173, pct start 0.3, div factor 20, final div factor 1000, three phase true)",
            plan.GetProperty("schedule").GetString());
    }

    /// <summary>A per-epoch schedule holds PyTorch's rate for the epoch at every step of it; plan.json leaves the step list out.</summary>
    [Fact]
    public void PerEpochScheduleHoldsItsRateForEveryStepOfTheEpoch()
    {
        var expected = Reference.GetProperty("cases").GetProperty("MultiStepPlan").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var plan = MultiStepPlan.Plan();
        var steps = plan.WithStepLearningRates().StepLearningRates!;

        Assert.Equal(expected.Length * plan.StepsPerEpoch, steps.Count);
        for (int s = 0; s < steps.Count; s++)
            Assert.True(Math.Abs(expected[s / plan.StepsPerEpoch] - steps[s]) <= 1e-9, $"step {s}: PyTorch {expected[s / plan.StepsPerEpoch]:R}, plan {steps[s]:R}");
        Assert.DoesNotContain("stepLearningRates", plan.ToJson());
        Assert.Contains("stepLearningRates", plan.WithStepLearningRates().ToJson());
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
