namespace TrainDsl;

/// <summary>
/// The optimizer. For SGD and LARS with no <see cref="LearningRate"/>, the linear scaling rule
/// lr = 0.1 × batch / 256 (Goyal et al. 2017) supplies it; the adaptive optimizers have their own defaults.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class OptimizerAttribute(OptimizerKind optimizer) : Attribute
{
    public OptimizerKind Optimizer { get; } = optimizer;

    /// <summary>Base learning rate. SGD, LARS: 0.1 × batch / 256 when omitted; AdamW, Adam, LAMB: 0.001; RMSprop: 0.01.</summary>
    public double LearningRate { get; set; }

    /// <summary>Momentum in [0, 1): SGD and LARS default 0.9, RMSprop 0.</summary>
    public double Momentum { get; set; }

    /// <summary>SGD Nesterov momentum. Default false.</summary>
    public bool Nesterov { get; set; }

    /// <summary>
    /// Weight decay: L2 added to the gradient (SGD, LARS default 5e-4; Adam, RMSprop 0), or decoupled (AdamW 0.01,
    /// LAMB 0.01).
    /// </summary>
    public double WeightDecay { get; set; }

    /// <summary>AdamW, Adam, LAMB β₁. Default 0.9.</summary>
    public double Beta1 { get; set; }

    /// <summary>AdamW, Adam, LAMB β₂. Default 0.999.</summary>
    public double Beta2 { get; set; }

    /// <summary>ε in the denominator: AdamW, Adam, RMSprop default 1e-8, LAMB 1e-6.</summary>
    public double Epsilon { get; set; }

    /// <summary>Adam: the AMSGrad variant (Reddi et al. 2018), which divides by the largest second moment so far. Default false.</summary>
    public bool Amsgrad { get; set; }

    /// <summary>RMSprop: the smoothing constant α of the squared-gradient average, in [0, 1). Default 0.99.</summary>
    public double Alpha { get; set; }

    /// <summary>RMSprop: divide by the gradient's estimated variance rather than its second moment. Default false.</summary>
    public bool Centered { get; set; }

    /// <summary>LARS: the trust coefficient η of the layer-wise rate η‖w‖ / (‖∇w‖ + β‖w‖). Default 0.001.</summary>
    public double TrustCoefficient { get; set; }
}
