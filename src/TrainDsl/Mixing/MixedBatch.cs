using static TorchSharp.torch;

namespace TrainDsl.Mixing;

/// <summary>
/// A training batch after <see cref="MixingPolicy.Mix"/>: images to forward and soft targets for
/// <see cref="Losses.SoftTargetCrossEntropy"/>. Its tensors were moved to the caller's dispose scope
/// (the step's), so they are freed with it; without a scope, dispose the batch.
/// </summary>
public sealed class MixedBatch : IDisposable
{
    internal MixedBatch(Tensor images, Tensor targets, MixKind kind, double lambda, Tensor? partner, CutBox? box, Tensor? mask)
    {
        Images = images; Targets = targets; Kind = kind; Lambda = lambda; Partner = partner; Box = box; Mask = mask;
    }

    /// <summary>Mixed images [B, C, H, W] (the input's values when <see cref="Kind"/> is None).</summary>
    public Tensor Images { get; }
    /// <summary>float32 [B, classes], rows summing to 1: λ·y + (1 − λ)·y[partner] of the smoothed one-hot rows y.</summary>
    public Tensor Targets { get; }
    public MixKind Kind { get; }
    /// <summary>The share of each mixed image that comes from the original: the drawn λ for MixUp, the kept area for CutMix and FMix, 1 when not mixed.</summary>
    public double Lambda { get; }
    /// <summary>int64 [B]: image i was mixed with image Partner[i]; null when not mixed.</summary>
    public Tensor? Partner { get; }
    /// <summary>The pasted box, for CutMix.</summary>
    public CutBox? Box { get; }
    /// <summary>The binary float32 mask [H, W], 1 where the original is kept, for FMix.</summary>
    public Tensor? Mask { get; }

    public void Dispose()
    {
        Images.Dispose(); Targets.Dispose(); Partner?.Dispose(); Mask?.Dispose();
    }
}
