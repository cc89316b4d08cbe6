using static TorchSharp.torch;

namespace TrainDsl.Mixing;

/// <summary>
/// MixUp (Zhang et al. 2018, "mixup: Beyond Empirical Risk Minimization", eq. 1):
/// x̃ = λ·x + (1 − λ)·x[perm], λ ~ Beta(α, α); the target is mixed with the same λ.
/// </summary>
public sealed class MixUp(double alpha = 0.8) : MixingMethod(alpha)
{
    public override MixKind Kind => MixKind.MixUp;

    /// <summary>x̃ = λ·x + (1 − λ)·x[partner], for float images [B, C, H, W] and an int64 partner index [B].</summary>
    public static Tensor Apply(Tensor images, Tensor partner, double lambda)
    {
        using var scope = NewDisposeScope();
        var mixed = images.index_select(0, partner).mul_(1 - lambda).add_(images, alpha: lambda);
        return scope.MoveToOuter(mixed);
    }
}
