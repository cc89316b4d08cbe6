using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Schedule;

/// <summary>
/// One schedule kind as the loop runs it: its own options with their defaults applied, and the code that creates
/// it. Each kind is one record (<see cref="StepOptions"/>, <see cref="CosineOptions"/>, ...); what every kind shares
/// (the interval, the warmup, the plan's list of rates, the loop) is <see cref="SchedulePartEmitter"/>'s.
/// </summary>
internal abstract record ScheduleOptions
{
    /// <summary>The kind's Config properties, in the order the record lists them.</summary>
    public abstract IEnumerable<ConfigProperty> ConfigProperties(ResolvedSchedule schedule);

    /// <summary>Appends the kind's words to the plan's schedule: "StepLR(step size 30, gamma 0.1)".</summary>
    public abstract void ContributePlan(PlanText text, ResolvedSchedule schedule);

    /// <summary>The kind's name in comments, and the lines of the expression that creates it in CreateSchedule.</summary>
    public abstract (string Name, string[] Lines) Creation(ResolvedSchedule schedule);

    /// <summary>The schedule in the Train summary, e.g. "a per-step cosine schedule".</summary>
    public abstract string Phrase(ResolvedSchedule schedule);

    /// <summary>After a warmup the kind restarts its clock (PyTorch's SequentialLR) rather than keep the absolute one (ChainedScheduler).</summary>
    public virtual bool RestartsAfterWarmup => false;
}
