namespace TrainDsl.Schedules;

/// <summary>
/// A learning-rate schedule as a pure function of time, so a plan can list every epoch's rate
/// and a resumed run needs no scheduler state. t counts epochs or optimizer steps from 0.
/// </summary>
public interface ILrSchedule
{
    /// <summary>The rate in effect at time <paramref name="t"/> for a group whose initial rate is <paramref name="baseLr"/>.</summary>
    double At(long t, double baseLr);
}
