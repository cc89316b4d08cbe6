namespace TrainDsl.Schedules;

/// <summary>PyTorch's MultiStepLR: lr = base × γ^(number of milestones ≤ t).</summary>
public sealed class MultiStepLR(IReadOnlyList<int> milestones, double gamma = 0.1) : ILrSchedule
{
    public double At(long t, double baseLr) => throw new NotImplementedException();
}
