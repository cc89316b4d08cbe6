namespace TrainDsl;

/// <summary>
/// Stops the run when the primary metric (the one that selects best.bin, higher or lower is better as for best.bin) has
/// not improved by more than <see cref="MinDelta"/> for <see cref="Patience"/> epochs in a row; on the validation set
/// when <c>[Data(Validation = ..)]</c> is declared, else on the test set. The run still writes its last checkpoint and
/// summary, with status "stopped-early" and the epoch.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EarlyStoppingAttribute : Attribute
{
    /// <summary>Epochs without improvement before the run stops, at least 1 (3).</summary>
    public int Patience { get; set; } = Defaults.EarlyStoppingPatience;

    /// <summary>The least change of the metric that counts as an improvement, 0 or more (0).</summary>
    public double MinDelta { get; set; } = Defaults.EarlyStoppingMinDelta;
}
