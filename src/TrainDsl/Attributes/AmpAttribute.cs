namespace TrainDsl;

/// <summary>Mixed precision: 16-bit forward and backward, 32-bit master weights.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AmpAttribute : Attribute
{
    public AmpAttribute() { }
    public AmpAttribute(AmpPrecision precision) => Precision = precision;

    public AmpPrecision Precision { get; } = AmpPrecision.BFloat16;
}
