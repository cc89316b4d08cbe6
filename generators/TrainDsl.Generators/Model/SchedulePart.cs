namespace TrainDsl.Generators.Model;

/// <summary><c>[Schedule(kind, Interval = .., ...)]</c>; each argument is null when not written.</summary>
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
    LocationInfo? Attribute);
