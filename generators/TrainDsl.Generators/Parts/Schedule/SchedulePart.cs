namespace TrainDsl.Generators.Parts.Schedule;

/// <summary><c>[Schedule(kind, Interval = .., ...)]</c> as written; each argument is null when not written.</summary>
internal sealed record SchedulePart(
    Argument<ScheduleKind>? Schedule,
    Argument<ScheduleInterval>? Interval,
    Argument<int>? StepSize,
    Argument<double>? Gamma,
    Argument<EquatableArray<int>>? Milestones,
    Argument<double>? MinLr,
    Argument<int>? Period,
    Argument<int>? WarmupEpochs,
    Argument<int>? WarmupSteps,
    Argument<double>? WarmupStart,
    Argument<MetricKind>? Monitor,
    Argument<double>? Factor,
    Argument<int>? Patience,
    Argument<double>? Threshold,
    Argument<int>? Cooldown,
    Argument<double>? PctStart,
    Argument<double>? DivFactor,
    Argument<double>? FinalDivFactor,
    Argument<bool>? ThreePhase,
    LocationInfo? Attribute)
{
    /// <summary>
    /// Which schedule takes which option, and their ranges. Interval and WarmupStart depend on more than the
    /// kind (a warmup), so <see cref="ScheduleOptionRule"/> checks those.
    /// </summary>
    public static readonly PartOptions<SchedulePart> Options = new(p => p.Schedule, "schedule")
    {
        { nameof(Interval), p => p.Interval, null },
        { nameof(StepSize), p => p.StepSize, ConfigCheck.AtLeastOne, ScheduleKind.Step },
        { nameof(Gamma), p => p.Gamma, ConfigCheck.Positive, ScheduleKind.Step, ScheduleKind.MultiStep },
        { nameof(Milestones), p => p.Milestones, ConfigCheck.AtLeastOne, ScheduleKind.MultiStep },
        { nameof(MinLr), p => p.MinLr, ConfigCheck.ZeroOrMore, ScheduleKind.Cosine, ScheduleKind.Plateau },
        { nameof(Period), p => p.Period, ConfigCheck.WholeRunOrMore, ScheduleKind.Cosine },
        { nameof(WarmupEpochs), p => p.WarmupEpochs, ConfigCheck.ZeroOrMore },
        { nameof(WarmupSteps), p => p.WarmupSteps, ConfigCheck.ZeroOrMore },
        { nameof(WarmupStart), p => p.WarmupStart, ConfigCheck.StartFactor },
        { nameof(Monitor), p => p.Monitor, null, ScheduleKind.Plateau },
        { nameof(Factor), p => p.Factor, ConfigCheck.Shrinking, ScheduleKind.Plateau },
        { nameof(Patience), p => p.Patience, ConfigCheck.ZeroOrMore, ScheduleKind.Plateau },
        { nameof(Threshold), p => p.Threshold, ConfigCheck.ZeroOrMore, ScheduleKind.Plateau },
        { nameof(Cooldown), p => p.Cooldown, ConfigCheck.ZeroOrMore, ScheduleKind.Plateau },
        { nameof(PctStart), p => p.PctStart, ConfigCheck.Shrinking, ScheduleKind.OneCycle },
        { nameof(DivFactor), p => p.DivFactor, ConfigCheck.Positive, ScheduleKind.OneCycle },
        { nameof(FinalDivFactor), p => p.FinalDivFactor, ConfigCheck.Positive, ScheduleKind.OneCycle },
        { nameof(ThreePhase), p => p.ThreePhase, null, ScheduleKind.OneCycle },
    };

    /// <summary>A warmup is declared (WarmupEpochs or WarmupSteps above 0).</summary>
    public bool HasWarmup => WarmupEpochs is { Value: > 0 } || WarmupSteps is { Value: > 0 };

    /// <summary>The declared kind's own options, with its defaults.</summary>
    public ScheduleOptions ResolveOptions(ExperimentDeclaration declaration) => Schedule?.Value switch
    {
        ScheduleKind.Step => StepOptions.Resolve(this),
        ScheduleKind.MultiStep => MultiStepOptions.Resolve(this),
        ScheduleKind.Cosine => CosineOptions.Resolve(this),
        ScheduleKind.Plateau => PlateauOptions.Resolve(this, declaration),
        ScheduleKind.OneCycle => OneCycleOptions.Resolve(this),
        _ => new ConstantOptions(),
    };

    public static SchedulePart Parse(AttributeArguments args) => new(
        args.PositionalEnum<ScheduleKind>(0),
        args.Enum<ScheduleInterval>(nameof(Interval)),
        args.Int(nameof(StepSize)),
        args.Double(nameof(Gamma)),
        args.IntArray(nameof(Milestones)),
        args.Double(nameof(MinLr)),
        args.Int(nameof(Period)),
        args.Int(nameof(WarmupEpochs)),
        args.Int(nameof(WarmupSteps)),
        args.Double(nameof(WarmupStart)),
        args.Enum<MetricKind>(nameof(Monitor)),
        args.Double(nameof(Factor)),
        args.Int(nameof(Patience)),
        args.Double(nameof(Threshold)),
        args.Int(nameof(Cooldown)),
        args.Double(nameof(PctStart)),
        args.Double(nameof(DivFactor)),
        args.Double(nameof(FinalDivFactor)),
        args.Bool(nameof(ThreePhase)),
        args.Attribute);
}
