namespace TrainDsl.Schedules;

/// <summary>
/// A schedule evaluated ahead of time, for plans: the rate the loop will read at each epoch and each step. A per-epoch
/// schedule is read at t = epoch, a per-step one at t = step, exactly where the generated loop reads it.
/// </summary>
/// <param name="schedule">The experiment's composed schedule, warmup included.</param>
/// <param name="baseLr">The resolved base learning rate.</param>
/// <param name="epochs">How many epochs the rates are known for: all of them, or up to a metric-driven schedule's first decision.</param>
/// <param name="stepsPerEpoch">Optimizer steps per epoch.</param>
/// <param name="perStep">Whether the loop reads the rate every step rather than once per epoch.</param>
public sealed class LearningRatePlan(ILrSchedule schedule, double baseLr, int epochs, int stepsPerEpoch, bool perStep)
{
    private double[]? perEpoch;

    /// <summary>The epochs whose rates are known.</summary>
    public int Epochs { get; } = Math.Max(0, epochs);

    public int StepsPerEpoch { get; } = Math.Max(0, stepsPerEpoch);

    public bool PerStep { get; } = perStep;

    /// <summary>
    /// The most epochs <see cref="PerEpoch"/> lists (80 kB of rates), so a plan stays cheap at any epoch count; the
    /// rates of later epochs are still what the loop reads (<see cref="AtStep"/>).
    /// </summary>
    public const int MaxListedEpochs = 10_000;

    /// <summary>The most steps <see cref="Steps"/> lists (<c>plan --steps</c>): 8 MB of rates.</summary>
    public const long MaxListedSteps = 1_000_000;

    /// <summary>The rate at the first step of each known epoch, for the first <see cref="MaxListedEpochs"/> of them.</summary>
    public IReadOnlyList<double> PerEpoch => perEpoch ??= Enumerable.Range(0, Math.Min(Epochs, MaxListedEpochs)).Select(AtEpoch).ToArray();

    /// <summary>
    /// The rate of every optimizer step of the known epochs, in order: <see cref="Epochs"/> × <see cref="StepsPerEpoch"/>
    /// values; more than <see cref="MaxListedSteps"/> are refused with a sentence.
    /// </summary>
    public IEnumerable<double> Steps()
    {
        long total = (long)Epochs * StepsPerEpoch;
        if (total > MaxListedSteps)
            throw new TrainDslException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"The plan has {total:N0} steps, more than the {MaxListedSteps:N0} plan --steps lists; lower --epochs or leave out --steps."));
        return StepsUpTo(total);
    }

    private IEnumerable<double> StepsUpTo(long total)
    {
        for (long step = 0; step < total; step++) yield return AtStep(step);
    }

    /// <summary>The rate the loop reads at optimizer step <paramref name="step"/> (from 0).</summary>
    public double AtStep(long step) =>
        schedule.At(PerStep ? step : step / Math.Max(1, StepsPerEpoch), baseLr);

    private double AtEpoch(int epoch) =>
        schedule.At(PerStep ? (long)epoch * StepsPerEpoch : epoch, baseLr);
}
