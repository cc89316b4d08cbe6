using TrainDsl.Metrics;
using TrainDsl.Runs;
using TrainDsl.Schedules;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Runs;

/// <summary>
/// A run driven through <see cref="TrainSession"/> as the generated loop drives it, with chosen numbers instead of
/// a model: every step's loss and rate, every epoch's test metrics, and a 3-class confusion matrix.
/// </summary>
internal sealed class SyntheticRun
{
    public const int StepsPerEpoch = 3, Images = 32;
    public static readonly string[] ClassNames = ["cat", "dog", "long-tailed tit"];

    public required RunSummary Summary { get; init; }
    public required RecipePlan Plan { get; init; }
    public required double[] StepLosses { get; init; }
    public required double[] StepRates { get; init; }
    /// <summary>The confusion counts: row = true class.</summary>
    public required long[,] Confusion { get; init; }

    public string Folder => Summary.RunFolder;

    public static RecipePlan PlanFor(string experiment, int epochs, IReadOnlyDictionary<string, object?>? config = null) => new()
    {
        Experiment = experiment,
        Dataset = "Fashion-MNIST",
        Model = "tiny",
        Loss = "cross-entropy",
        Optimizer = "SGD",
        LearningRate = 0.05,
        LearningRateSource = "declared",
        Schedule = "constant",
        Metrics = ["test_loss", "accuracy", "macro_f1"],
        PrimaryMetric = "accuracy",
        Epochs = epochs,
        BatchSize = Images,
        Seed = 1,
        TrainSize = StepsPerEpoch * Images,
        StepsPerEpoch = StepsPerEpoch,
        LearningRates = new LearningRatePlan(new ConstantSchedule(), 0.05, epochs, StepsPerEpoch, perStep: false),
        Config = config ?? new Dictionary<string, object?>
        {
            ["Epochs"] = epochs, ["LearningRate"] = 0.05, ["Momentum"] = 0.9, ["Nesterov"] = true,
            ["Milestones"] = new[] { 1, 2 }, ["TeacherCheckpoint"] = null,
        },
    };

    /// <summary>
    /// Trains nothing for <paramref name="epochs"/> epochs; <paramref name="offset"/> shifts every number, so two
    /// runs differ. Values such as 0.1 + 1/3 are not float32-exact, as a real loss is not.
    /// </summary>
    public static SyntheticRun Write(string root, string experiment = "Synthetic", int epochs = 2, double offset = 0,
        IReadOnlyDictionary<string, object?>? config = null)
    {
        TorchRuntime.EnsureLoaded();
        var plan = PlanFor(experiment, epochs, config);
        var session = TrainSession.Start(plan, new RunSettings { OutputRoot = root, Log = null, LiveProgress = false });
        using var model = nn.Linear(1, 1); // for best.bin
        var losses = new List<double>();
        var rates = new List<double>();
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            session.BeginEpoch();
            for (int s = 0; s < StepsPerEpoch; s++)
            {
                int step = epoch * StepsPerEpoch + s;
                double loss = 2.0 / (step + 1.0) + 1.0 / 3 + offset, lr = 0.05 / (1 + step / 7.0);
                losses.Add(loss);
                rates.Add(lr);
                session.StepDone(epoch, loss, lr, Images);
            }
            double accuracy = 0.5 + 0.4 * (epoch + 1) / (epochs + 1.0) - offset / 10;
            session.EpochDone(epoch, [new("test_loss", 1.0 / (epoch + 1.5) + offset), new("accuracy", accuracy), new("macro_f1", accuracy - 1.0 / 30)]);
            session.SaveIfBest(model, accuracy, maximize: true);
        }
        long[,] counts = { { 8, 1, 1 }, { 2, 6, 2 }, { 0, 3, 7 } };
        using (var confusion = new ConfusionMatrix(3, ClassNames))
        {
            var truth = new List<long>();
            var predicted = new List<long>();
            for (int r = 0; r < 3; r++)
                for (int c = 0; c < 3; c++)
                    for (long n = 0; n < counts[r, c]; n++) { truth.Add(r); predicted.Add(c); }
            using var p = tensor(predicted.ToArray());
            using var t = tensor(truth.ToArray());
            confusion.Update(p, t);
            session.ReportConfusion(confusion);
        }
        var summary = session.Finish(null);
        return new SyntheticRun { Summary = summary, Plan = plan, StepLosses = [.. losses], StepRates = [.. rates], Confusion = counts };
    }
}
