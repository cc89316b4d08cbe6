using TrainDsl.Losses;
using TrainDsl.Models;
using TrainDsl.Precision;
using TrainDsl.Runs;
using TrainDsl.Schedules;
using TrainDsl.Tests.Precision;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Runs;

/// <summary>
/// The rule for numerical failure: non-finite steps are skipped, N in a row stop the run; fp16's loss scaler skipping
/// a step whose scaled gradients overflowed is not divergence.
/// </summary>
[Collection(nameof(GlobalRandomState))]
public class NonFiniteStepsTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("traindsl-nonfinite-").FullName;

    public NonFiniteStepsTests() => TorchRuntime.EnsureLoaded();

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void OnlyNStepsInARowDiverge()
    {
        var rule = new NonFiniteSteps(limit: 3);
        bool Step(float loss)
        {
            using var t = tensor(loss);
            return rule.Check(t, gradientsOf: null, step: 0);
        }

        Assert.True(Step(1f));
        Assert.False(Step(float.NaN));
        Assert.False(Step(float.PositiveInfinity));
        Assert.True(Step(2f)); // a finite step ends the run of bad ones
        Assert.False(Step(float.NaN));
        Assert.False(Step(float.NaN));
        Assert.Null(rule.Divergence);
        Assert.False(Step(float.NegativeInfinity));

        Assert.StartsWith("The run diverged: 3 steps in a row", rule.Divergence);
        Assert.Equal(5, rule.Skipped);
    }

    [Fact]
    public void AnInfGradientWithAFiniteLossIsNonFinite()
    {
        manual_seed(1);
        using var model = nn.Linear(3, 2);
        using var loss = model.call(ones(4, 3)).sum();
        loss.backward();
        var rule = new NonFiniteSteps(limit: 10);
        Assert.True(rule.Check(loss, model, 0));

        using (no_grad()) model.parameters().First().grad![0, 1] = float.PositiveInfinity;

        Assert.False(rule.Check(loss, model, 1));
        Assert.True(rule.Check(loss, gradientsOf: null, 2)); // the loss alone is finite
    }

    [Fact]
    public void ANaNBufferIsFoundAsNonFiniteWeights()
    {
        using var model = new SmallCnn(1, 10);
        Assert.Null(NonFiniteSteps.FirstNonFiniteParameter(model));

        var (name, runningVar) = model.named_buffers().First(b => b.name.EndsWith("running_var", StringComparison.Ordinal));
        using (no_grad()) runningVar[0] = float.NaN;

        Assert.Equal(name, NonFiniteSteps.FirstNonFiniteParameter(model));
    }

    private static RecipePlan Plan(int steps) => new()
    {
        Experiment = "Fp16Overflow",
        Dataset = "random",
        Model = "SmallCnn",
        Loss = "cross-entropy",
        Optimizer = "SGD",
        LearningRate = 0.01,
        LearningRateSource = "set",
        Schedule = "constant",
        Metrics = ["accuracy"], PrimaryMetric = "accuracy",
        Epochs = 1,
        BatchSize = 8,
        Seed = 1,
        TrainSize = 8 * steps,
        StepsPerEpoch = steps,
        LearningRates = new LearningRatePlan(new ConstantSchedule(), 0.01, 1, steps, perStep: false),
        Config = new Dictionary<string, object?> { ["Epochs"] = 1 },
    };

    /// <summary>
    /// Steps as the generated fp16 loop takes them, with a loss scale of 2^40 that overflows fp16 gradients until the
    /// scaler has halved it below fp16's range: with a limit of one non-finite step, the run must not diverge.
    /// For contrast, counting the gradients too (as the fp32 and bf16 loops do) would have stopped it at the first step.
    /// </summary>
    [Fact]
    public void Fp16StepsTheLossScalerSkipsAreNotDivergence()
    {
        const int Steps = 30;
        var session = TrainSession.Start(Plan(Steps), new RunSettings { OutputRoot = root, Log = null, LiveProgress = false, MaxNonFiniteSteps = 1 });
        manual_seed(1);
        using var model = new SmallCnn(1, 10);
        var scaler = new DynamicLossScaler(initialScale: Math.Pow(2, 40));
        using var amp = new MixedPrecision(model, () => new SmallCnn(1, 10), AmpPrecision.Float16, scaler);
        using var optimizer = optim.SGD(model.parameters(), 0.01);
        var criterion = new CrossEntropyLoss();
        var gradientsCounted = new NonFiniteSteps(limit: 1);
        session.Resume(model, optimizer, amp);
        session.BeginEpoch();
        model.train();
        for (int s = 0; s < Steps && !session.ShouldStop; s++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = criterion.Forward(amp.Forward(rand(8, 1, 28, 28)), randint(0, 10, 8));
            amp.Backward(loss);
            gradientsCounted.Check(loss, model, s);
            if (session.IsFinite(loss)) amp.Step(optimizer);
            session.StepDone(0, loss.item<float>(), 0.01, 8);
        }

        Assert.True(scaler.SkippedSteps >= 1, "the scale never overflowed, so this test tests nothing");
        Assert.False(session.Diverged);
        Assert.Equal(Steps, session.Steps);
        Assert.NotNull(gradientsCounted.Divergence);
    }
}
