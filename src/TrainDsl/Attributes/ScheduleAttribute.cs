namespace TrainDsl;

/// <summary>The learning-rate schedule, with PyTorch's semantics. Without it the rate is constant.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ScheduleAttribute(ScheduleKind schedule) : Attribute
{
    public ScheduleKind Schedule { get; } = schedule;

    /// <summary>Advance once per epoch (PyTorch's usual loop) or once per optimizer step. Default per epoch.</summary>
    public ScheduleInterval Interval { get; set; }

    /// <summary>StepLR: decay every this many epochs (or steps). Default 30.</summary>
    public int StepSize { get; set; }

    /// <summary>StepLR / MultiStepLR multiplicative decay. Default 0.1.</summary>
    public double Gamma { get; set; }

    /// <summary>MultiStepLR: the epochs (or steps) at which the rate decays.</summary>
    public int[]? Milestones { get; set; }

    /// <summary>CosineAnnealingLR η_min. Default 0.</summary>
    public double MinLr { get; set; }

    /// <summary>CosineAnnealingLR T_max in epochs (or steps); 0 means the whole run. Default 0.</summary>
    public int Period { get; set; }

    /// <summary>Linear warmup length in epochs before the schedule (arrives with the full recipe).</summary>
    public int WarmupEpochs { get; set; }
}
