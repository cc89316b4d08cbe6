namespace TrainDsl.Schedules;

/// <summary>
/// PyTorch's MultiStepLR: lr = base × γ^(number of milestones ≤ t). A milestone listed twice counts
/// twice (PyTorch keeps them in a Counter), and a milestone at 0 already applies at t = 0.
/// </summary>
public sealed class MultiStepLR : ILrSchedule
{
    private readonly int[] _sorted;

    public MultiStepLR(IReadOnlyList<int> milestones, double gamma = 0.1)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        foreach (var m in milestones)
            if (m < 0)
                throw new ArgumentOutOfRangeException(nameof(milestones), m, "MultiStepLR milestones must be epochs (or steps) ≥ 0.");
        ScheduleArguments.RequirePositive(gamma, nameof(gamma), "MultiStepLR gamma");
        _sorted = milestones.Order().ToArray();
        Gamma = gamma;
    }

    /// <summary>The milestones in ascending order, duplicates kept.</summary>
    public IReadOnlyList<int> Milestones => _sorted;
    public double Gamma { get; }

    public double At(long t, double baseLr)
    {
        ScheduleArguments.RequireTime(t);
        int passed = 0;
        while (passed < _sorted.Length && _sorted[passed] <= t) passed++;
        return baseLr * Math.Pow(Gamma, passed);
    }
}
