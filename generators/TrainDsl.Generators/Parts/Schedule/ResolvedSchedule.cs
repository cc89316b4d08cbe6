namespace TrainDsl.Generators.Parts.Schedule;

/// <summary>The schedule as the loop runs it: what every kind shares, and the kind's own <see cref="Options"/>.</summary>
/// <param name="IsDeclared">False when the experiment has no <c>[Schedule]</c> (constant rate).</param>
/// <param name="WarmupEpochs">Linear warmup over this many epochs; 0 for none.</param>
/// <param name="WarmupSteps">Linear warmup over this many steps (per-step schedules); 0 for none.</param>
internal sealed record ResolvedSchedule(
    ScheduleKind Kind,
    bool IsDeclared,
    ScheduleInterval Interval,
    int WarmupEpochs,
    int WarmupSteps,
    double WarmupStart,
    ScheduleOptions Options)
{
    public bool HasWarmup => WarmupEpochs > 0 || WarmupSteps > 0;

    /// <summary>A constant rate without a warmup: the loop needs no schedule at all.</summary>
    public bool IsConstant => Options is ConstantOptions && !HasWarmup;

    /// <summary>The loop reads the rate before every optimizer step rather than once per epoch.</summary>
    public bool IsPerStep => !IsConstant && Interval == ScheduleInterval.PerStep;

    /// <summary>What the schedule's clock counts: "steps" or "epochs".</summary>
    public string Unit => IsPerStep ? "steps" : "epochs";

    /// <summary>"per-step" or "per-epoch", as the Train summary says it.</summary>
    public string IntervalAdjective => IsPerStep ? "per-step" : "per-epoch";

    /// <summary>The warmup's length in the schedule's unit, as an expression of <c>config</c> and <c>stepsPerEpoch</c>.</summary>
    public string WarmupLength
        => WarmupSteps > 0 ? "config.WarmupSteps"
            : IsPerStep ? "config.WarmupEpochs * stepsPerEpoch"
            : "config.WarmupEpochs";

    /// <summary>The run's length in the schedule's unit, less the warmup when there is one, as an expression.</summary>
    public string RunAfterWarmup
        => (IsPerStep ? "(long)config.Epochs * stepsPerEpoch" : "config.Epochs") + (HasWarmup ? " - " + WarmupLength : "");

    /// <summary>The declared schedule with its defaults; a constant rate when none is declared.</summary>
    public static ResolvedSchedule Resolve(ExperimentDeclaration declaration)
    {
        var schedule = declaration.Schedule;
        var kind = schedule?.Schedule?.Value ?? Defaults.Schedule;
        return new ResolvedSchedule(
            kind,
            schedule is not null,
            // Plateau is stepped by the metric of each epoch, whatever the attribute says (TD0009 reports Interval).
            kind == ScheduleKind.Plateau ? ScheduleInterval.PerEpoch : schedule?.Interval?.Value ?? Defaults.Interval,
            schedule?.WarmupEpochs?.Value ?? Defaults.WarmupEpochs,
            schedule?.WarmupSteps?.Value ?? Defaults.WarmupSteps,
            schedule?.WarmupStart?.Value ?? Defaults.WarmupStart,
            schedule is null ? new ConstantOptions() : schedule.ResolveOptions(declaration));
    }
}
