namespace TrainDsl.Schedules;

/// <summary>PyTorch's StepLR: lr = base × γ^⌊t / stepSize⌋.</summary>
public sealed class StepLR : ILrSchedule
{
    public StepLR(int stepSize, double gamma = 0.1)
    {
        if (stepSize < 1)
            throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, "StepLR step size must be at least 1 epoch (or step).");
        ScheduleArguments.RequirePositive(gamma, nameof(gamma), "StepLR gamma");
        StepSize = stepSize;
        Gamma = gamma;
    }

    public int StepSize { get; }
    public double Gamma { get; }

    public double At(long t, double baseLr)
    {
        ScheduleArguments.RequireTime(t);
        return baseLr * Math.Pow(Gamma, t / StepSize);
    }
}
