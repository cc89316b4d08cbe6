namespace TrainDsl.Schedules;

/// <summary>
/// PyTorch's CosineAnnealingLR (Loshchilov &amp; Hutter 2017, SGDR eq. 5 without restarts):
/// lr = η_min + (base − η_min)(1 + cos(π t / T_max)) / 2.
/// Past T_max the rate rises again along the same cosine (period 2·T_max), which is what PyTorch's
/// recursive form produces when a run outlives T_max.
/// </summary>
public sealed class CosineAnnealingLR : ILrSchedule
{
    public CosineAnnealingLR(long tMax, double etaMin = 0)
    {
        if (tMax < 1)
            throw new ArgumentOutOfRangeException(nameof(tMax), tMax, "CosineAnnealingLR T_max must be at least 1 epoch (or step).");
        if (!(etaMin >= 0) || double.IsInfinity(etaMin))
            throw new ArgumentOutOfRangeException(nameof(etaMin), etaMin, "CosineAnnealingLR eta_min must be a finite rate ≥ 0.");
        TMax = tMax;
        EtaMin = etaMin;
    }

    public long TMax { get; }
    public double EtaMin { get; }

    public double At(long t, double baseLr)
    {
        ScheduleArguments.RequireTime(t);
        if (t == 0) return baseLr;
        // Reduce t modulo the period first so cos sees a small, exact argument for long runs.
        long phase = t % (2 * TMax);
        return EtaMin + (baseLr - EtaMin) * (1 + Math.Cos(Math.PI * phase / TMax)) / 2;
    }
}
