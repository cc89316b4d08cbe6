namespace TrainDsl.Schedules;

/// <summary>PyTorch's StepLR: lr = base × γ^⌊t / stepSize⌋.</summary>
public sealed class StepLR(int stepSize, double gamma = 0.1) : ILrSchedule
{
    public double At(long t, double baseLr) => throw new NotImplementedException();
}
