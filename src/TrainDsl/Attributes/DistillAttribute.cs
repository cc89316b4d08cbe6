namespace TrainDsl;

/// <summary>
/// Knowledge distillation (Hinton et al. 2015): loss = α·T²·KL(softmax(t/T) ‖ softmax(s/T)) + (1−α)·CE.
/// The teacher is another [Experiment] class (its model) or a Module&lt;Tensor, Tensor&gt; type, loaded
/// from <see cref="Checkpoint"/>; it runs in eval mode without gradients on the same augmented batch.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class DistillAttribute(Type teacher) : Attribute
{
    public Type Teacher { get; } = teacher;

    /// <summary>The teacher's weights (a model.bin); overridable with --set TeacherCheckpoint=FILE.</summary>
    public string? Checkpoint { get; set; }

    /// <summary>Softmax temperature T. Default 4.</summary>
    public double Temperature { get; set; }

    /// <summary>Weight α of the distillation term. Default 0.9.</summary>
    public double Alpha { get; set; }
}
