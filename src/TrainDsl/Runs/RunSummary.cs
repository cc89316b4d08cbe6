namespace TrainDsl.Runs;

/// <summary>How a run ended, written as summary.json.</summary>
public sealed record RunSummary
{
    public required string Experiment { get; init; }
    /// <summary>"completed", "stopped-early", "max-steps", "interrupted", "diverged" (<see cref="DivergedStatus"/>) or "failed" (<see cref="FailedStatus"/>).</summary>
    public required string Status { get; init; }

    /// <summary>The status of a run stopped by <see cref="RunSettings.MaxNonFiniteSteps"/> non-finite steps in a row.</summary>
    public const string DivergedStatus = "diverged";

    /// <summary>The status of a run stopped because a run file could not be written (a full disk, a read-only folder).</summary>
    public const string FailedStatus = "failed";

    /// <summary>Why a diverged or failed run stopped, in one sentence; null otherwise.</summary>
    public string? Reason { get; init; }

    /// <summary>Steps of this session skipped because their loss or gradients held inf or NaN.</summary>
    public long NonFiniteSteps { get; init; }
    public required string RunFolder { get; init; }
    public required int EpochsCompleted { get; init; }
    public required long Steps { get; init; }
    public required double Seconds { get; init; }
    public required double ImagesPerSecond { get; init; }
    public required double FinalTrainLoss { get; init; }
    public required IReadOnlyDictionary<string, double> FinalMetrics { get; init; }
    public string? Checkpoint { get; init; }
    /// <summary>best.bin: the weights of the epoch with the best primary metric on <see cref="SelectedOn"/>.</summary>
    /// <summary>
    /// The last epoch's metrics as metrics.csv names them: with a validation set, its val_ columns and the test_
    /// columns (the test set is only reported); without one, the test metrics.
    /// </summary>
    public string? BestCheckpoint { get; init; }
    public double? BestMetric { get; init; }
    public int? BestEpoch { get; init; }
    /// <summary>The set best.bin, a plateau schedule and early stopping select on: "validation" or "test".</summary>
    public string SelectedOn { get; init; } = "test";
    /// <summary>With status "stopped-early": the epoch (1-based) after which early stopping ended the run.</summary>
    public int? StoppedEpoch { get; init; }
    /// <summary>With status "stopped-early": why, e.g. "no improvement of val_accuracy by more than 0 for 3 epochs".</summary>
    public string? StopReason { get; init; }
    public IReadOnlyList<string> Notes { get; init; } = [];
}
