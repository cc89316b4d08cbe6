using TrainDsl.Runs;

namespace TrainDsl.Schedules;

/// <summary>
/// Linear warmup over the first W epochs (PyTorch's LinearLR), then <see cref="ReduceLROnPlateau"/>
/// stepped with the monitored metric after every later epoch; metrics of warmup epochs are ignored.
/// PyTorch's SequentialLR cannot chain a plateau scheduler, so PyTorch code writes this loop by hand:
/// <c>warmup.step()</c> after epochs 0..W−1, <c>plateau.step(metric)</c> after epochs W, W+1, ….
/// The loop calls <see cref="At"/> at the start of each epoch and <see cref="EpochEnded"/> once at its end.
/// W = 0 is the plateau alone.
/// </summary>
public sealed class WarmupThenPlateau : IResumable
{
    private readonly LinearWarmup? _warmup;

    /// <param name="plateau">The plateau scheduler that takes over at epoch W; its base rate is the warmup's target.</param>
    /// <param name="warmupEpochs">W ≥ 0 epochs of linear warmup.</param>
    /// <param name="startFactor">The fraction of the base rate in epoch 0, in (0, 1] (LinearLR's start_factor).</param>
    public WarmupThenPlateau(ReduceLROnPlateau plateau, int warmupEpochs, double startFactor = 0.1)
    {
        ArgumentNullException.ThrowIfNull(plateau);
        if (warmupEpochs < 0)
            throw new ArgumentOutOfRangeException(nameof(warmupEpochs), warmupEpochs, "Warmup before ReduceLROnPlateau must be 0 or more epochs.");
        if (warmupEpochs > 0)
            _warmup = new LinearWarmup(new ConstantSchedule(), warmupEpochs, startFactor);
        else if (!(startFactor > 0 && startFactor <= 1))
            throw new ArgumentOutOfRangeException(nameof(startFactor), startFactor, "Linear warmup's start factor must lie in (0, 1] (0.1 starts at a tenth of the rate).");
        Plateau = plateau;
        WarmupEpochs = warmupEpochs;
        StartFactor = startFactor;
    }

    public ReduceLROnPlateau Plateau { get; }
    public int WarmupEpochs { get; }
    public double StartFactor { get; }

    /// <summary>The rate for epoch <paramref name="epoch"/>; past the warmup, valid once every earlier epoch has ended.</summary>
    public double At(int epoch)
    {
        if (epoch < 0)
            throw new ArgumentOutOfRangeException(nameof(epoch), epoch, "Epochs count from 0; negative epochs have no rate.");
        if (epoch < WarmupEpochs)
            return _warmup!.At(epoch, Plateau.BaseLr);
        RequireInOrder(epoch);
        return Plateau.LearningRate;
    }

    /// <summary>Reports the monitored metric of the epoch that just finished (ignored during the warmup).</summary>
    public void EpochEnded(int epoch, double metric)
    {
        if (epoch < 0)
            throw new ArgumentOutOfRangeException(nameof(epoch), epoch, "Epochs count from 0; negative epochs cannot end.");
        if (epoch < WarmupEpochs) return;
        RequireInOrder(epoch);
        Plateau.Step(metric);
    }

    /// <summary>The name of this state in a run's resume.json.</summary>
    public string ResumeKey => "plateau";

    /// <summary>The plateau's state (see <see cref="ReduceLROnPlateau.SaveState"/>); warmup needs none.</summary>
    public string SaveState() => Plateau.SaveState();

    /// <summary>Restores what <see cref="SaveState"/> wrote.</summary>
    public void LoadState(string json) => Plateau.LoadState(json);

    // Epoch W + k is only known after the plateau has seen epochs W .. W + k − 1.
    private void RequireInOrder(int epoch)
    {
        long expected = WarmupEpochs + Plateau.Steps;
        if (epoch != expected)
            throw new InvalidOperationException(
                $"The plateau schedule is at epoch {expected} but was asked about epoch {epoch}; call EpochEnded once per epoch in order (and LoadState before resuming).");
    }
}
