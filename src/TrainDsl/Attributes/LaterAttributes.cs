namespace TrainDsl;

// Parts of the recipe whose attributes exist so the spelling is stable. Until the generator
// implements one, analyzer TD0100 reports it: nothing is silently ignored.

/// <summary>MixUp (Zhang et al. 2018): blend image pairs with λ ~ Beta(α, α).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class MixUpAttribute : Attribute
{
    /// <summary>Beta distribution α. Default 0.8.</summary>
    public double Alpha { get; set; }
}

/// <summary>CutMix (Yun et al. 2019): paste a box from the partner image.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CutMixAttribute : Attribute
{
    /// <summary>Beta distribution α. Default 1.</summary>
    public double Alpha { get; set; }
}

/// <summary>FMix (Harris et al. 2020): a low-frequency Fourier mask.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class FMixAttribute : Attribute
{
    /// <summary>Beta distribution α. Default 1.</summary>
    public double Alpha { get; set; }

    /// <summary>Spectral decay power δ. Default 3.</summary>
    public double DecayPower { get; set; }
}

/// <summary>Mixed precision: 16-bit forward and backward, 32-bit master weights.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AmpAttribute : Attribute
{
    public AmpAttribute() { }
    public AmpAttribute(AmpPrecision precision) => Precision = precision;

    public AmpPrecision Precision { get; } = AmpPrecision.BFloat16;
}

/// <summary>Knowledge distillation from a teacher (Hinton et al. 2015).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class DistillAttribute(Type teacher) : Attribute
{
    public Type Teacher { get; } = teacher;

    /// <summary>The teacher's checkpoint file.</summary>
    public string? Checkpoint { get; set; }

    /// <summary>Softmax temperature T. Default 4.</summary>
    public double Temperature { get; set; }

    /// <summary>Weight α of the distillation term. Default 0.9.</summary>
    public double Alpha { get; set; }
}

/// <summary>Zero-γ: the last BatchNorm of each residual branch starts at γ = 0 (Goyal et al. 2017).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ZeroGammaAttribute : Attribute { }

/// <summary>No weight decay on biases and normalisation parameters (He et al. 2019).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NoBiasDecayAttribute : Attribute { }
