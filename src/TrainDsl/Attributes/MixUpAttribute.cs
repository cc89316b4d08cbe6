namespace TrainDsl;

/// <summary>MixUp (Zhang et al. 2018): blend image pairs with λ ~ Beta(α, α).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class MixUpAttribute : Attribute
{
    /// <summary>Beta distribution α. Default 0.8.</summary>
    public double Alpha { get; set; }
}
