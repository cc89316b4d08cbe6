namespace TrainDsl.Schedules;

/// <summary>Evaluates a schedule ahead of time, for plans.</summary>
public static class LearningRatePlan
{
    /// <summary>
    /// The rate at the first step of each epoch. A per-epoch schedule is evaluated at t = epoch, a
    /// per-step one at t = epoch × stepsPerEpoch, matching where the loop reads it.
    /// </summary>
    public static double[] PerEpoch(ILrSchedule schedule, double baseLr, int epochs, int stepsPerEpoch, bool perStep)
    {
        var rates = new double[epochs];
        for (int e = 0; e < epochs; e++)
            rates[e] = schedule.At(perStep ? (long)e * stepsPerEpoch : e, baseLr);
        return rates;
    }
}
