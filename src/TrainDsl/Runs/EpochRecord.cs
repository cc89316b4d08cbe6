namespace TrainDsl.Runs;

/// <summary>One row of metrics.csv: what an epoch did, then its test metrics in declaration order.</summary>
public sealed record EpochRecord(
    int Epoch,
    double TrainLoss,
    double LearningRate,
    double Seconds,
    double ImagesPerSecond,
    IReadOnlyList<KeyValuePair<string, double>> Test);
