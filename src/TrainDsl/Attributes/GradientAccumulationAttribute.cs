namespace TrainDsl;

/// <summary>
/// Gradient accumulation: <see cref="Steps"/> micro-batches of BatchSize images each make one optimizer step, every
/// micro-batch's loss divided by Steps, so the step follows the mean loss of Steps × BatchSize images. The schedule
/// counts optimizer steps; the linear scaling rule uses the effective batch Steps × BatchSize. BatchNorm still
/// normalises each micro-batch on its own statistics.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GradientAccumulationAttribute : Attribute
{
    /// <summary>Micro-batches per optimizer step, at least 1.</summary>
    public int Steps { get; set; }
}
