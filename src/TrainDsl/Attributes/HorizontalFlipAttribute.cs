namespace TrainDsl;

/// <summary>Mirror each training image left-right with probability <see cref="Probability"/>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class HorizontalFlipAttribute : Attribute
{
    /// <summary>Default 0.5.</summary>
    public double Probability { get; set; }
}
