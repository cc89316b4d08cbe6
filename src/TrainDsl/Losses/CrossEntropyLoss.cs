using static TorchSharp.torch;

namespace TrainDsl.Losses;

/// <summary>Cross-entropy on logits, with optional label smoothing ε, computed in fp32.</summary>
public sealed class CrossEntropyLoss(double labelSmoothing = 0)
{
    public double LabelSmoothing { get; } = labelSmoothing;

    /// <summary>Mean loss over the batch; <paramref name="target"/> holds int64 class indices.</summary>
    public Tensor Forward(Tensor logits, Tensor target) => throw new NotImplementedException();
}
