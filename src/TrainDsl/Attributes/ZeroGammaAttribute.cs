namespace TrainDsl;

/// <summary>Zero-γ: the last BatchNorm of each residual branch starts at γ = 0 (Goyal et al. 2017).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ZeroGammaAttribute : Attribute { }
