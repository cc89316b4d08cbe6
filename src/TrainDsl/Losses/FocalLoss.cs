using static TorchSharp.torch;

namespace TrainDsl.Losses;

/// <summary>
/// Multi-class focal loss (Lin et al. 2017, eq. 5): FL = −α_y (1 − p_y)^γ log p_y, averaged over the
/// batch, computed in fp32. With γ = 0 and no α it equals cross-entropy.
/// </summary>
public sealed class FocalLoss(double gamma = 2, double[]? alpha = null)
{
    public double Gamma { get; } = gamma;
    public IReadOnlyList<double>? Alpha { get; } = alpha;

    public Tensor Forward(Tensor logits, Tensor target) => throw new NotImplementedException();
}
