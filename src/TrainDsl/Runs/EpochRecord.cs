using System.Globalization;

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

    /// <summary>
    /// The epoch's metrics.csv row, cell by cell: the column and the text written. TensorBoard's epoch scalars and
    /// the plots read these same cells, so every copy of a value is the one in metrics.csv.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Cells()
    {
        var c = CultureInfo.InvariantCulture;
        var cells = new List<KeyValuePair<string, string>>(7 + Test.Count)
        {
            new("epoch", Epoch.ToString(c)),
            new("train_loss", TrainLoss.ToString("R", c)),
            new("lr", LearningRate.ToString("R", c)),
            new("seconds", Seconds.ToString("F3", c)),
            new("images_per_second", ImagesPerSecond.ToString("F1", c)),
        };
        foreach (var m in Test) cells.Add(new(m.Key, m.Value.ToString("R", c)));
        cells.Add(new("live_tensors", LiveTensors.ToString(c)));
        cells.Add(new("rss_mib", ResidentMiB.ToString("F1", c)));
        return cells;
    }
}
