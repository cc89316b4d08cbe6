namespace TrainDsl;

/// <summary>CutMix (Yun et al. 2019): paste a box from the partner image.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CutMixAttribute : Attribute
{
    /// <summary>Beta distribution α. Default 1.</summary>
    public double Alpha { get; set; }
}
