using static TorchSharp.torch;

namespace TrainDsl.Mixing;

/// <summary>
/// Soft targets as timm's mixup_target: label smoothing (Szegedy et al. 2016, §7) applied once to the
/// one-hot rows, y = off + (on − off)·onehot with off = ε/C, on = 1 − ε + ε/C, then mixed: t = λ·y + (1 − λ)·y[perm].
/// </summary>
public static class MixupTarget
{
    /// <summary>Smoothed one-hot rows, float32 [B, C], for int64 labels [B].</summary>
    public static Tensor Smoothed(Tensor labels, int classes, double smoothing)
    {
        using var scope = NewDisposeScope();
        double off = smoothing / classes, on = 1.0 - smoothing + off;
        long batch = labels.shape[0];
        var targets = full(batch, classes, off, ScalarType.Float32)
            .scatter_(1, labels.view(-1, 1), full(batch, 1, on, ScalarType.Float32));
        return scope.MoveToOuter(targets);
    }

    /// <summary>λ·y + (1 − λ)·y[partner] of the smoothed rows y, float32 [B, C].</summary>
    public static Tensor Mixed(Tensor labels, Tensor partner, double lambda, int classes, double smoothing)
    {
        using var scope = NewDisposeScope();
        var y = Smoothed(labels, classes, smoothing);
        var mixed = y.index_select(0, partner).mul_(1 - lambda).add_(y, alpha: lambda);
        return scope.MoveToOuter(mixed);
    }
}
