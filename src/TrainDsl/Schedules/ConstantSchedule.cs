namespace TrainDsl.Schedules;

/// <summary>The base rate throughout.</summary>
public sealed class ConstantSchedule : ILrSchedule
{
    public double At(long t, double baseLr) => baseLr;
}
