namespace TrainDsl.Generators.Parts.Schedule;

/// <summary>The schedule as the loop runs it.</summary>
/// <param name="IsDeclared">False when the experiment has no <c>[Schedule]</c> (constant rate).</param>
/// <param name="WarmupEpochs">Linear warmup over this many epochs; 0 for none.</param>
/// <param name="WarmupSteps">Linear warmup over this many steps (per-step schedules); 0 for none.</param>
/// <param name="Monitor">For Plateau: the metric it watches.</param>
internal sealed record ResolvedSchedule(
    ScheduleKind Kind,
    bool IsDeclared,
    ScheduleInterval Interval,
    int StepSize,
    double Gamma,
    EquatableArray<int> Milestones,
    double MinLr,
    int Period,
    int WarmupEpochs,
    int WarmupSteps,
    double WarmupStart,
    ResolvedMetric? Monitor,
    double Factor,
    int Patience,
    double Threshold,
    int Cooldown)
{
    public bool HasWarmup => WarmupEpochs > 0 || WarmupSteps > 0;

    /// <summary>The declared schedule with its defaults; a constant rate when none is declared.</summary>
    public static ResolvedSchedule Resolve(ExperimentDeclaration declaration)
    {
        var schedule = declaration.Schedule;
        var kind = schedule?.Schedule?.Value ?? Defaults.Schedule;
        var monitor = kind == ScheduleKind.Plateau ? ResolvedMetric.Monitored(declaration) : null;
        return new ResolvedSchedule(
            kind,
            schedule is not null,
            kind == ScheduleKind.Plateau ? ScheduleInterval.PerEpoch : schedule?.Interval?.Value ?? Defaults.Interval,
            schedule?.StepSize?.Value ?? Defaults.StepSize,
            schedule?.Gamma?.Value ?? (kind == ScheduleKind.MultiStep ? Defaults.MultiStepGamma : Defaults.StepGamma),
            schedule?.Milestones?.Value ?? EquatableArray<int>.Empty,
            schedule?.MinLr?.Value ?? Defaults.CosineMinLr,
            schedule?.Period?.Value ?? Defaults.CosinePeriod,
            schedule?.WarmupEpochs?.Value ?? Defaults.WarmupEpochs,
            schedule?.WarmupSteps?.Value ?? Defaults.WarmupSteps,
            schedule?.WarmupStart?.Value ?? Defaults.WarmupStart,
            monitor,
            schedule?.Factor?.Value ?? Defaults.PlateauFactor,
            schedule?.Patience?.Value ?? Defaults.PlateauPatience,
            schedule?.Threshold?.Value ?? Defaults.PlateauThreshold,
            schedule?.Cooldown?.Value ?? Defaults.PlateauCooldown);
    }
}
