namespace TrainDsl.Ema;

/// <summary>
/// The decay of a weight EMA at each update. Without warmup it is the constant <see cref="Decay"/> (timm's ModelEmaV2).
/// With <see cref="WarmupSteps"/> &gt; 0 it follows timm ModelEmaV3.get_decay (update_after_step 0, min_decay 0): 0 at the
/// first update, so the average starts as a copy of the weights, then d = min(Decay, 1 − (1 + s / γ)^−p) with s the updates
/// since the first and p = <see cref="WarmupPower"/>. ModelEmaV3 asks for γ (warmup_gamma); here γ is the value for which the
/// curve reaches Decay at s = WarmupSteps, γ = WarmupSteps / ((1 − Decay)^(−1/p) − 1), so the warmup lasts what its name says.
/// </summary>
public sealed class EmaDecay
{
    public EmaDecay(double decay, int warmupSteps = Defaults.EmaWarmupSteps, double warmupPower = Defaults.EmaWarmupPower)
    {
        if (!(decay > 0 && decay < 1))
            throw new ArgumentOutOfRangeException(nameof(decay), decay, "The EMA decay must lie in (0, 1); timm's default is 0.9999.");
        if (warmupSteps < 0)
            throw new ArgumentOutOfRangeException(nameof(warmupSteps), warmupSteps, "The EMA warmup must be 0 (none) or more optimizer steps.");
        if (!(warmupPower > 0 && double.IsFinite(warmupPower)))
            throw new ArgumentOutOfRangeException(nameof(warmupPower), warmupPower, "The EMA warmup power must be a positive number; timm's default is 2/3.");
        Decay = decay;
        WarmupSteps = warmupSteps;
        WarmupPower = warmupPower;
        Gamma = warmupSteps / (Math.Pow(1 - decay, -1 / warmupPower) - 1);
    }

    /// <summary>The decay after the warmup (all along without one).</summary>
    public double Decay { get; }

    /// <summary>Optimizer steps over which the decay rises to <see cref="Decay"/>; 0 for none.</summary>
    public int WarmupSteps { get; }

    /// <summary>The power p of the warmup curve.</summary>
    public double WarmupPower { get; }

    /// <summary>ModelEmaV3's warmup_gamma γ for this warmup; 0 without one.</summary>
    public double Gamma { get; }

    /// <summary>The decay of the <paramref name="update"/>-th update (1 for the first).</summary>
    public double At(long update)
    {
        if (WarmupSteps == 0) return Decay;
        long s = update - 1;
        if (s <= 0) return 0;
        return Math.Min(Decay, 1 - Math.Pow(1 + s / Gamma, -WarmupPower));
    }
}
