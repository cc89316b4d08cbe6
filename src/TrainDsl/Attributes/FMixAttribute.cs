namespace TrainDsl;

/// <summary>FMix (Harris et al. 2020): a low-frequency Fourier mask.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class FMixAttribute : Attribute
{
    /// <summary>Beta distribution α. Default 1.</summary>
    public double Alpha { get; set; }

    /// <summary>Spectral decay power δ. Default 3.</summary>
    public double DecayPower { get; set; }
}
