namespace TrainDsl;

/// <summary>
/// The optimizer. For SGD with no <see cref="LearningRate"/>, the linear scaling rule
/// lr = 0.1 × batch / 256 (Goyal et al. 2017) supplies it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class OptimizerAttribute(OptimizerKind optimizer) : Attribute
{
    public OptimizerKind Optimizer { get; } = optimizer;

    /// <summary>Base learning rate. SGD: 0.1 × batch / 256 when omitted; AdamW: 0.001.</summary>
    public double LearningRate { get; set; }

    /// <summary>SGD momentum in [0, 1). Default 0.9.</summary>
    public double Momentum { get; set; }

    /// <summary>SGD Nesterov momentum. Default false.</summary>
    public bool Nesterov { get; set; }

    /// <summary>L2 weight decay (SGD) or decoupled decay (AdamW). SGD default 5e-4, AdamW 0.01.</summary>
    public double WeightDecay { get; set; }

    /// <summary>AdamW β₁. Default 0.9.</summary>
    public double Beta1 { get; set; }

    /// <summary>AdamW β₂. Default 0.999.</summary>
    public double Beta2 { get; set; }

    /// <summary>AdamW ε. Default 1e-8.</summary>
    public double Epsilon { get; set; }
}
