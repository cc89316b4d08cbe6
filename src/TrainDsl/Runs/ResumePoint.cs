using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TrainDsl.Runs;

/// <summary>
/// resume.json: where a run stands after its last completed epoch, next to the weights (last.bin) and the
/// optimizer's state (last.optim.bin) saved with it. The optimizer's type and parameter shapes are kept so a
/// resumed run can say what does not fit before loading anything; <see cref="State"/> holds each
/// <see cref="IResumable"/>'s JSON under its key.
/// </summary>
internal sealed record ResumePoint
{
    public const string CurrentFormat = "TrainDsl.ResumePoint/1";

    // Settable rather than init-only: source generation sets every init-only property of a type with required
    // members, so a file without "format" would read as null instead of keeping this default.
    [JsonInclude]
    public string Format { get; internal set; } = CurrentFormat;
    public required string Experiment { get; init; }
    public required int EpochsCompleted { get; init; }
    /// <summary>Optimizer steps taken in all epochs so far.</summary>
    public required long Steps { get; init; }
    public required long Images { get; init; }
    /// <summary>Wall-clock seconds of every session of the run so far.</summary>
    public required double Seconds { get; init; }
    public double? BestValue { get; init; }
    public int? BestEpoch { get; init; }
    /// <summary>The optimizer's type name, e.g. "SGD".</summary>
    public required string Optimizer { get; init; }
    /// <summary>Each parameter group's parameter shapes, e.g. [["16x1x3x3", "16"], ...].</summary>
    public required List<List<string>> ParameterGroups { get; init; }
    /// <summary>torch.get_rng_state() as base64: dropout and anything else drawing from the global generator.</summary>
    public required string TorchRandomState { get; init; }
    public required List<EpochRow> History { get; init; }
    public required JsonObject State { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, RunJson.Default.ResumePoint);

    /// <summary>Reads resume.json; throws <see cref="FormatException"/> when it is not one this version wrote.</summary>
    public static ResumePoint Parse(string json)
    {
        ResumePoint? point;
        try
        {
            point = JsonSerializer.Deserialize(json, RunJson.Default.ResumePoint);
        }
        catch (JsonException e)
        {
            throw new FormatException(e.Message, e);
        }
        if (point is null) throw new FormatException("it is empty");
        if (point.Format != CurrentFormat) throw new FormatException($"format is '{point.Format}', expected '{CurrentFormat}'");
        if (point.EpochsCompleted < 1 || point.History.Count != point.EpochsCompleted || point.Steps < 0)
            throw new FormatException($"{point.EpochsCompleted} epochs completed but {point.History.Count} in the history");
        return point;
    }

    public static EpochRow Row(EpochRecord r) => new(r.Epoch, r.TrainLoss, r.LearningRate, r.Seconds, r.ImagesPerSecond,
        [.. r.Test.Select(m => new Metric(m.Key, m.Value))], r.LiveTensors, r.ResidentMiB);

    public static EpochRecord Record(EpochRow r) => new(r.Epoch, r.TrainLoss, r.LearningRate, r.Seconds, r.ImagesPerSecond,
        [.. r.Test.Select(m => new KeyValuePair<string, double>(m.Name, m.Value))])
    {
        LiveTensors = r.LiveTensors,
        ResidentMiB = r.ResidentMiB,
    };

    internal sealed record EpochRow(int Epoch, double TrainLoss, double LearningRate, double Seconds, double ImagesPerSecond,
        List<Metric> Test, long LiveTensors, double ResidentMiB);

    internal sealed record Metric(string Name, double Value);
}
