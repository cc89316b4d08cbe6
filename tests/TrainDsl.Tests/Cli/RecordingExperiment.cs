using TrainDsl.Runs;
using TrainDsl.Schedules;

namespace TrainDsl.Tests.Cli;

/// <summary>
/// An experiment that records what the command line asked of it instead of training, so CLI tests see exactly
/// which command ran and with which overrides and settings, without libtorch or data.
/// </summary>
internal sealed class RecordingExperiment(string name, string trainStatus = "completed") : IExperiment
{
    public string Name => name;
    public string? Called { get; private set; }
    public ConfigOverrides? Overrides { get; private set; }
    public RunSettings? Settings { get; private set; }
    public string? Checkpoint { get; private set; }

    public RecipePlan Plan(ConfigOverrides overrides)
    {
        Called ??= "plan";
        Overrides ??= overrides;
        return new RecipePlan
        {
            Experiment = name, Dataset = "Fashion-MNIST", Model = "tiny", Loss = "cross-entropy", Optimizer = "SGD",
            LearningRate = overrides.LearningRate ?? 0.05, LearningRateSource = "set", Schedule = "constant",
            Metrics = ["accuracy"], PrimaryMetric = "accuracy", Epochs = overrides.Epochs ?? 2, BatchSize = 32, Seed = 1, TrainSize = 64,
            StepsPerEpoch = 2, LearningRates = new LearningRatePlan(new ConstantSchedule(), 0.05, 2, 2, perStep: false),
            Config = new Dictionary<string, object?> { ["Epochs"] = 2, ["Momentum"] = 0.9, ["Nesterov"] = true },
        };
    }

    public RunSummary Train(ConfigOverrides overrides, RunSettings settings)
    {
        (Called, Overrides, Settings) = ("train", overrides, settings);
        return new RunSummary
        {
            Experiment = name, Status = trainStatus, RunFolder = settings.OutputRoot, EpochsCompleted = 0, Steps = 0,
            Seconds = 0, ImagesPerSecond = 0, FinalTrainLoss = 0, FinalMetrics = new Dictionary<string, double>(),
        };
    }

    public IReadOnlyList<KeyValuePair<string, double>> Evaluate(ConfigOverrides overrides, RunSettings settings, string checkpoint)
    {
        (Called, Overrides, Settings, Checkpoint) = ("eval", overrides, settings, checkpoint);
        return [new("accuracy", 0.5)];
    }
}
