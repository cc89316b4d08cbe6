namespace TrainDsl.Runs;

/// <summary>One row of metrics.csv: what an epoch did, then its test metrics in declaration order.</summary>
public sealed record EpochRecord(
    int Epoch,
    double TrainLoss,
    double LearningRate,
    double Seconds,
    double ImagesPerSecond,
    IReadOnlyList<KeyValuePair<string, double>> Test)
{
    /// <summary>TorchSharp tensors alive on the training thread at the end of the epoch; flat when every step's tensors are freed.</summary>
    public long LiveTensors { get; init; }

    /// <summary>Process resident memory at the end of the epoch, in MiB.</summary>
    public double ResidentMiB { get; init; }
}
