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

    /// <summary>CosineAnnealingLR η_min, or ReduceLROnPlateau's floor. Default 0.</summary>
    public double MinLr { get; set; }

    /// <summary>CosineAnnealingLR T_max in epochs (or steps); 0 means the whole run. Default 0.</summary>
    public int Period { get; set; }

    /// <summary>Linear warmup over this many epochs before the schedule (Goyal et al. 2017). Default 0.</summary>
    public int WarmupEpochs { get; set; }

    /// <summary>Linear warmup over this many optimizer steps before the schedule (needs Interval = PerStep). Default 0.</summary>
    public int WarmupSteps { get; set; }

    /// <summary>Warmup starts at this fraction of the base rate (PyTorch LinearLR's start_factor). Default 0.1.</summary>
    public double WarmupStart { get; set; }

    /// <summary>ReduceLROnPlateau: the metric it watches; min or max follows from the metric. Default: the primary metric.</summary>
    public MetricKind Monitor { get; set; }

    /// <summary>ReduceLROnPlateau: multiply the rate by this when the metric stalls. Default 0.1.</summary>
    public double Factor { get; set; }

    /// <summary>ReduceLROnPlateau: epochs without improvement before reducing. Default 10.</summary>
    public int Patience { get; set; }

    /// <summary>ReduceLROnPlateau: relative improvement that counts. Default 1e-4.</summary>
    public double Threshold { get; set; }

    /// <summary>ReduceLROnPlateau: epochs to wait after a reduction. Default 0.</summary>
    public int Cooldown { get; set; }

    /// <summary>OneCycleLR: the share of the run spent raising the rate to the base rate, in (0, 1). Default 0.3.</summary>
    public double PctStart { get; set; }

    /// <summary>OneCycleLR: the first rate is the base rate / DivFactor. Default 25.</summary>
    public double DivFactor { get; set; }

    /// <summary>OneCycleLR: the last rate is the first rate / FinalDivFactor. Default 1e4.</summary>
    public double FinalDivFactor { get; set; }

    /// <summary>OneCycleLR: fall back to the first rate before annealing to the last (the paper's shape). Default false.</summary>
    public bool ThreePhase { get; set; }
}
