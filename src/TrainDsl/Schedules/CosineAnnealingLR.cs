namespace TrainDsl.Schedules;

/// <summary>PyTorch's CosineAnnealingLR (Loshchilov &amp; Hutter 2017, SGDR eq. 5 without restarts).</summary>
public sealed class CosineAnnealingLR(long tMax, double etaMin = 0) : ILrSchedule
{
    public double At(long t, double baseLr) => throw new NotImplementedException();
}
