namespace TrainDsl.Schedules;

/// <summary>How <see cref="OneCycleLR"/> moves the rate from one end of a phase to the other.</summary>
public enum AnnealStrategy
{
    /// <summary>anneal(a, b, p) = b + (a − b)(1 + cos πp)/2, PyTorch's anneal_strategy='cos'.</summary>
    Cosine,

    /// <summary>anneal(a, b, p) = (b − a)p + a, PyTorch's anneal_strategy='linear'.</summary>
    Linear,
}

/// <summary>
/// PyTorch's OneCycleLR (Smith &amp; Topin 2018, "Super-Convergence"): with max = the base rate,
/// lr(t) = anneal(max/divFactor, max, t/e₁) up to step e₁ = pctStart·totalSteps − 1, then
/// anneal(max, max/(divFactor·finalDivFactor), (t − e₁)/(totalSteps − 1 − e₁)).
/// </summary>
/// <remarks>
/// With <see cref="ThreePhase"/> the rate instead returns from max to max/divFactor by step
/// e₂ = 2·pctStart·totalSteps − 2 and anneals to max/(divFactor·finalDivFactor) from e₂ to totalSteps − 1.
/// The phase ends are PyTorch's floating-point expressions, so they may fall between steps, and when
/// pctStart·totalSteps &lt; 1 the schedule starts past its warm-up, as PyTorch's does.
/// Only the rate: PyTorch's cycle_momentum, which moves the optimizer's momentum (or Adam's β₁)
/// opposite to the rate, is not part of this class; it equals PyTorch's OneCycleLR with cycle_momentum=False.
/// </remarks>
public sealed class OneCycleLR : ILrSchedule
{
    private readonly double _end1;
    private readonly double _end2;
    private readonly double _last;

    /// <param name="totalSteps">The schedule's length in optimizer steps (or epochs), at least 1; t runs from 0 to totalSteps − 1.</param>
    /// <param name="pctStart">The fraction of the steps spent raising the rate, in (0, 1); at most 0.5 with <paramref name="threePhase"/>.</param>
    /// <param name="annealStrategy">The shape of each phase.</param>
    /// <param name="divFactor">The initial rate is max / divFactor.</param>
    /// <param name="finalDivFactor">The final rate is the initial rate / finalDivFactor.</param>
    /// <param name="threePhase">true: after the rise, return to the initial rate over as many steps, then anneal to the final rate
    /// (the paper's 1cycle shape); false: fall from max straight to the final rate.</param>
    public OneCycleLR(long totalSteps, double pctStart = Defaults.OneCyclePctStart, AnnealStrategy annealStrategy = AnnealStrategy.Cosine,
        double divFactor = Defaults.OneCycleDivFactor, double finalDivFactor = Defaults.OneCycleFinalDivFactor,
        bool threePhase = Defaults.OneCycleThreePhase)
    {
        if (totalSteps < 1)
            throw new ArgumentOutOfRangeException(nameof(totalSteps), totalSteps, "OneCycleLR must last at least 1 step (total steps = epochs × steps per epoch).");
        if (!(pctStart > 0 && pctStart < 1))
            throw new ArgumentOutOfRangeException(nameof(pctStart), pctStart, "OneCycleLR's pctStart, the fraction of the steps spent raising the rate, must lie strictly between 0 and 1 (0.3 is PyTorch's default).");
        // PyTorch accepts these two but then divides by zero: at step 0 when the warm-up ends there, and at
        // the step after the last when three phases leave the third one no length. Above 0.5 the second
        // phase outlasts the run, so the rate never reaches its final value.
        if (pctStart * totalSteps == 1)
            throw new ArgumentOutOfRangeException(nameof(pctStart), pctStart, $"OneCycleLR's pctStart × totalSteps must not be exactly 1, as the warm-up would end at step 0 (PyTorch divides by zero there); take another pctStart for {totalSteps} steps.");
        if (threePhase && pctStart > 0.5)
            throw new ArgumentOutOfRangeException(nameof(pctStart), pctStart, "A three-phase OneCycleLR needs pctStart ≤ 0.5, so that the rise and the equally long return to the initial rate leave room for the final phase.");
        if (!Enum.IsDefined(annealStrategy))
            throw new ArgumentOutOfRangeException(nameof(annealStrategy), annealStrategy, "OneCycleLR's anneal strategy must be Cosine or Linear.");
        ScheduleArguments.RequirePositive(divFactor, nameof(divFactor), "OneCycleLR's divFactor (initial rate = max rate / divFactor)");
        ScheduleArguments.RequirePositive(finalDivFactor, nameof(finalDivFactor), "OneCycleLR's finalDivFactor (final rate = initial rate / finalDivFactor)");
        TotalSteps = totalSteps;
        PctStart = pctStart;
        AnnealStrategy = annealStrategy;
        DivFactor = divFactor;
        FinalDivFactor = finalDivFactor;
        ThreePhase = threePhase;
        // PyTorch's phase ends, evaluated in its order: float(pct_start * total_steps) - 1,
        // float(2 * pct_start * total_steps) - 2, total_steps - 1.
        _end1 = pctStart * totalSteps - 1;
        _end2 = 2 * pctStart * totalSteps - 2;
        _last = totalSteps - 1;
    }

    public long TotalSteps { get; }
    public double PctStart { get; }
    public AnnealStrategy AnnealStrategy { get; }
    public double DivFactor { get; }
    public double FinalDivFactor { get; }
    public bool ThreePhase { get; }

    /// <summary>The rate at step <paramref name="t"/> for a maximum rate <paramref name="baseLr"/> (PyTorch's max_lr).</summary>
    /// <exception cref="ArgumentOutOfRangeException">t is negative or at least <see cref="TotalSteps"/>.</exception>
    public double At(long t, double baseLr)
    {
        ScheduleArguments.RequireTime(t);
        // Throw rather than clamp: a run longer than the schedule was built for is a mistake to report.
        // This matches PyTorch for every rate an optimizer step runs with. PyTorch raises one call later,
        // from its (totalSteps + 1)-th scheduler.step(): the totalSteps-th, made after the last optimizer
        // step, still extrapolates the last phase past its end (below the final rate, negative when linear),
        // a rate no step uses and that At does not offer.
        if (t >= TotalSteps)
            throw new ArgumentOutOfRangeException(nameof(t), t, $"This OneCycleLR has {TotalSteps} steps (t = 0 to {TotalSteps - 1}), so it has no rate at t = {t}.");

        double initial = baseLr / DivFactor;
        double final = initial / FinalDivFactor;
        double step = t;
        // PyTorch's get_lr: the first phase whose end is ≥ t, else the last; pct = (t − start)/(end − start)
        // with start = the previous phase's end (0.0 for the first).
        if (step <= _end1)
            return Anneal(initial, baseLr, step / _end1);
        if (!ThreePhase)
            return Anneal(baseLr, final, (step - _end1) / (_last - _end1));
        if (step <= _end2)
            return Anneal(baseLr, initial, (step - _end1) / (_end2 - _end1));
        return Anneal(initial, final, (step - _end2) / (_last - _end2));
    }

    // PyTorch's _annealing_cos and _annealing_linear, operation for operation.
    private double Anneal(double start, double end, double pct)
    {
        if (AnnealStrategy == AnnealStrategy.Linear)
            return (end - start) * pct + start;
        double cosOut = Math.Cos(Math.PI * pct) + 1;
        return end + (start - end) / 2.0 * cosOut;
    }
}
