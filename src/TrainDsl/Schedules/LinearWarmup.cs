namespace TrainDsl.Schedules;

/// <summary>
/// Linear learning-rate warmup (Goyal et al. 2017, §2.2) as PyTorch's LinearLR: during the first W
/// steps of the clock the rate is scaled by f(t) = s + (1 − s)·t/W, rising from s·base at t = 0 to the
/// full rate at t = W. What follows depends on <see cref="RestartInner"/>:
/// <list type="bullet">
/// <item>false, overlay: lr(t) = f(min(t, W))·inner(t). The inner schedule keeps the absolute clock, so
/// StepLR / MultiStepLR milestones stay the epochs (or steps) the user wrote; a milestone inside the
/// warmup applies there too. Equals PyTorch's ChainedScheduler([LinearLR, inner]) for StepLR,
/// MultiStepLR and a constant rate.</item>
/// <item>true, restart: lr(t) = f(t)·base for t &lt; W, then inner(t − W). The inner schedule starts its own
/// clock at W, so a cosine over a run of T is built with T_max = T − W. Equals PyTorch's
/// SequentialLR([LinearLR, inner], milestones=[W]), which hands over at t = W with inner.step(0).</item>
/// </list>
/// With a constant inner schedule both equal LinearLR alone. W = 0 is no warmup (the inner schedule alone), which is how
/// an ablation switches a declared warmup off (WarmupEpochs = 0). Metrics observed during the warmup are ignored, so a
/// metric-driven inner schedule (<see cref="ReduceLROnPlateau"/>, restarted) sees epochs W, W + 1, … as its 0, 1, …,
/// which is the loop PyTorch code writes by hand, since SequentialLR cannot chain a plateau scheduler.
/// </summary>
public sealed class LinearWarmup : ILrSchedule
{
    /// <param name="inner">The schedule the warmup leads into.</param>
    /// <param name="warmup">W, the warmup length in the schedule's unit (epochs or optimizer steps); 0 for none.</param>
    /// <param name="startFactor">s, the fraction of the rate at t = 0, in (0, 1] (LinearLR's start_factor).</param>
    /// <param name="restartInner">false: overlay on the inner schedule's absolute clock (StepLR, MultiStepLR);
    /// true: the inner schedule starts at t = W (CosineAnnealingLR with T_max = T − W).</param>
    public LinearWarmup(ILrSchedule inner, long warmup, double startFactor = 0.1, bool restartInner = false)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (warmup < 0)
            throw new ArgumentOutOfRangeException(nameof(warmup), warmup, "Linear warmup cannot last a negative number of epochs (or steps); pass 0 for none.");
        if (!(startFactor > 0 && startFactor <= 1))
            throw new ArgumentOutOfRangeException(nameof(startFactor), startFactor, "Linear warmup's start factor must lie in (0, 1] (0.1 starts at a tenth of the rate).");
        Inner = inner;
        Warmup = warmup;
        StartFactor = startFactor;
        RestartInner = restartInner;
    }

    public ILrSchedule Inner { get; }
    public long Warmup { get; }
    public double StartFactor { get; }
    public bool RestartInner { get; }

    /// <summary>f(t) = s + (1 − s)·min(t, W)/W, LinearLR's closed form.</summary>
    public double Factor(long t)
    {
        ScheduleArguments.RequireTime(t);
        return t >= Warmup ? 1.0 : StartFactor + (1 - StartFactor) * t / Warmup;
    }

    public double At(long t, double baseLr)
    {
        ScheduleArguments.RequireTime(t);
        if (RestartInner)
            return t < Warmup ? Factor(t) * baseLr : Inner.At(t - Warmup, baseLr);
        return t < Warmup ? Factor(t) * Inner.At(t, baseLr) : Inner.At(t, baseLr);
    }

    public void Observe(long epoch, double metric)
    {
        ScheduleArguments.RequireTime(epoch);
        if (epoch >= Warmup) Inner.Observe(RestartInner ? epoch - Warmup : epoch, metric);
    }

    public bool ObservesMetrics => Inner.ObservesMetrics;

    // The inner schedule's state is the warmup's: a function of time adds none.
    public string ResumeKey => Inner.ResumeKey;

    public string? SaveState() => Inner.SaveState();

    public void LoadState(string json) => Inner.LoadState(json);
}
