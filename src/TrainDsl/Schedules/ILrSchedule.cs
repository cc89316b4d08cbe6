using TrainDsl.Runs;

namespace TrainDsl.Schedules;

/// <summary>
/// A learning-rate schedule, one contract for all as timm's <c>Scheduler</c>: the loop reads the rate with
/// <see cref="At"/> at the start of each epoch (or step), and hands the monitored metric to <see cref="Observe"/>
/// after each epoch's evaluation. Time-driven schedules are pure functions of t, so a plan can list every epoch's
/// rate and a resumed run needs no state; a metric-driven one (<see cref="ReduceLROnPlateau"/>) uses Observe and
/// saves its state through <see cref="IResumable"/>, as timm's schedulers do with state_dict. Every schedule
/// composes with <see cref="LinearWarmup"/> through this contract.
/// </summary>
public interface ILrSchedule : IResumable
{
    /// <summary>The rate in effect at time <paramref name="t"/> (epochs or optimizer steps from 0) for a group whose initial rate is <paramref name="baseLr"/>.</summary>
    double At(long t, double baseLr);

    /// <summary>The monitored metric of epoch <paramref name="epoch"/>, which just ended; time-driven schedules ignore it.</summary>
    void Observe(long epoch, double metric) { }

    /// <summary>Whether the rates depend on <see cref="Observe"/>, so a plan can list them only until the first observation.</summary>
    bool ObservesMetrics => false;

    string IResumable.ResumeKey => "schedule";

    string? IResumable.SaveState() => null;

    void IResumable.LoadState(string json) =>
        throw new InvalidOperationException($"{GetType().Name} is a function of time and has no state to load; resume with the schedule the run was trained with.");
}
