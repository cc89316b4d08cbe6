namespace TrainDsl;

/// <summary>The training loss. Without this attribute the loss is cross-entropy.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class LossAttribute(LossKind loss) : Attribute
{
    public LossKind Loss { get; } = loss;

    /// <summary>Focal loss focusing parameter γ ≥ 0 (Lin et al. 2017). Default 2.</summary>
    public double Gamma { get; set; }

    /// <summary>Focal loss per-class weights α_y; empty means unweighted.</summary>
    public double[]? Alpha { get; set; }

    /// <summary>Label smoothing ε in [0, 1), as PyTorch's <c>cross_entropy(label_smoothing=ε)</c>. Default 0.</summary>
    public double LabelSmoothing { get; set; }
}
