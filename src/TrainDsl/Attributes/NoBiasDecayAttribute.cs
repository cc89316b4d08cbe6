namespace TrainDsl;

/// <summary>No weight decay on biases and normalisation parameters (He et al. 2019).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NoBiasDecayAttribute : Attribute { }
