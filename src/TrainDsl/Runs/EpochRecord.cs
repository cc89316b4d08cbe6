namespace TrainDsl.Runs;

/// <summary>
/// One row of metrics.csv: what an epoch did, then its test metrics in declaration order.
/// <see cref="Seconds"/> covers the whole epoch with its evaluation; <see cref="ImagesPerSecond"/> only the training steps.
/// </summary>
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
